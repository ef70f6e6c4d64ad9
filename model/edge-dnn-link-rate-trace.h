/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LINK_RATE_TRACE_H
#define EDGE_DNN_LINK_RATE_TRACE_H

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Drives the transmit rate (the "DataRate" attribute) of a PointToPointNetDevice over
 * simulation time from a trace of (time, rate) points.
 *
 * The trace is piecewise constant: a point's rate holds from its time until the next point's time
 * (the last one holds to the end, or, with Loop, until the trace repeats). Point times count from
 * the simulation's start (time 0), multiplied by TimeScale; rates are multiplied by RateScale and
 * rounded to whole bit/s. Before the first point the device keeps the rate it was configured with.
 *
 * The points come from the CSV file named by File (read when first needed: Install, GetRateAt,
 * GetPoints) or from SetPoints; giving both is an error. The file has optional '#' comment lines
 * and blank lines, the header line `time_s,rate_bps`, then one `time,rate` row per point: times in
 * seconds, strictly increasing from >= 0; rates in bit/s, > 0.
 *
 * With Loop the trace repeats with the period P = t_last + (t_last - t_before_last): the last
 * point's rate holds as long as the step before it, so a trace sampled every d seconds repeats
 * after (number of points) x d. Cycle k plays every point at t_i + k P; between k P and the first
 * point's time of cycle k the last rate of cycle k - 1 holds. A trace of one point is constant and
 * Loop changes nothing.
 *
 * It drives one direction of a link, the device's transmit rate: to change both directions,
 * install a trace on each end. ns-3's PointToPointNetDevice reads its rate when a packet starts
 * transmission (TransmitStart), so a packet on the wire when the rate changes finishes at the old
 * rate.
 *
 * Install aggregates the trace to the device, so that
 * Config::LookupMatches("/NodeList/[i]/DeviceList/[j]/$ns3::LinkRateTrace") finds it and
 * "/NodeList/[i]/DeviceList/[j]/$ns3::LinkRateTrace/Rate" connects to its trace source.
 */
class LinkRateTrace : public Object
{
  public:
    /// One point of a trace: from this time on, this rate.
    using Point = std::pair<Time, DataRate>;

    /**
     * \brief Signature of the Rate trace source.
     * \param rate the transmit rate just set on the device
     */
    typedef void (*RateTracedCallback)(DataRate rate);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    LinkRateTrace();
    ~LinkRateTrace() override;

    /**
     * \brief Give the points in code instead of a File.
     *
     * The points are unscaled (RateScale and TimeScale apply to them as to a file's).
     * \param points (time, rate) points, times strictly increasing from >= 0, rates > 0
     * \throw EdgeDnnError naming the point and what was expected
     */
    void SetPoints(const std::vector<Point>& points);

    /**
     * \brief The points as the trace plays them (scaled), reading File if needed.
     * \return the points
     * \throw EdgeDnnError as Install
     */
    std::vector<Point> GetPoints() const;

    /**
     * \brief The loop's period (Loop), reading File if needed.
     * \return t_last + (t_last - t_before_last) (scaled), or zero for a trace of one point
     * \throw EdgeDnnError as Install
     */
    Time GetPeriod() const;

    /**
     * \brief Drive a device's transmit rate from now on.
     *
     * Points at or before now are applied at once (the rate in effect now is set immediately;
     * the Rate trace source reports it from an event at the same time, so that sinks connected
     * after Install see it); later points are scheduled.
     * \param device a PointToPointNetDevice
     * \throw EdgeDnnError if the device is null or not a PointToPointNetDevice (naming its
     * TypeId), if it has a LinkRateTrace already, if this trace is installed already, or for bad
     * points (a File's errors name the file, the line and what was expected)
     */
    void Install(Ptr<NetDevice> device);

    /**
     * \brief The rate the trace sets at a time.
     * \param t a time since the simulation's start
     * \return the rate in effect at t, or DataRate(0) before the first point (the trace sets
     * none; the device keeps its own)
     * \throw EdgeDnnError as Install
     */
    DataRate GetRateAt(Time t) const;

    /**
     * \return the device it drives, null before Install
     */
    Ptr<NetDevice> GetDevice() const;

  protected:
    void DoDispose() override;

  private:
    /// A point not scaled yet: time (s), rate (bit/s), and where it came from.
    struct RawPoint
    {
        double timeS;     //!< time (s)
        double rateBps;   //!< rate (bit/s)
        std::string from; //!< "FILE:LINE" or "point N" (for messages)
    };

    /**
     * \brief Read the File into m_raw, scale into m_points, unless done.
     */
    void Load() const;

    /**
     * \brief Read a CSV trace.
     * \param path the file
     * \return its points
     */
    static std::vector<RawPoint> ReadFile(const std::string& path);

    /**
     * \brief Scale m_raw into m_points and the period, checking the result.
     */
    void Scale() const;

    /**
     * \param cycle a loop cycle
     * \param index a point
     * \return the time that point plays in that cycle
     */
    Time TimeOf(int64_t cycle, std::size_t index) const;

    /**
     * \brief Set the device's rate, fire Rate, schedule the next point.
     * \param index the point to apply
     */
    void Apply(std::size_t index);

    /**
     * \brief Fire Rate for a rate set at Install.
     * \param rate the rate
     */
    void Announce(DataRate rate);

    /**
     * \brief Schedule the point (m_cycle, m_next), if there is one.
     */
    void ScheduleNext();

    /**
     * \brief Set the device's rate and fire Rate.
     * \param rate the rate
     * \param announce whether to fire Rate now
     */
    void SetRate(DataRate rate, bool announce);

    std::string m_file;                   //!< File attribute
    double m_rateScale{1.0};              //!< RateScale attribute
    double m_timeScale{1.0};              //!< TimeScale attribute
    bool m_loop{false};                   //!< Loop attribute
    bool m_pointsSet{false};              //!< SetPoints was called
    mutable bool m_loaded{false};         //!< m_points is current
    mutable std::vector<RawPoint> m_raw;  //!< points as given
    mutable std::vector<Point> m_points;  //!< points scaled
    mutable Time m_period;                //!< loop period (scaled), zero for one point
    mutable std::string m_loadedFile;     //!< the File m_raw was read from
    mutable double m_loadedRateScale{0};  //!< the RateScale m_points were made with
    mutable double m_loadedTimeScale{0};  //!< the TimeScale m_points were made with
    Ptr<NetDevice> m_device;              //!< the device driven
    int64_t m_cycle{0};                   //!< loop cycle of the next point
    std::size_t m_next{0};                //!< index of the next point
    EventId m_event;                      //!< next change
    EventId m_announce;                   //!< Rate of the rate set at Install
    TracedCallback<DataRate> m_rateTrace; //!< Rate trace source
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LINK_RATE_TRACE_H */
