/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_BANDWIDTH_PROBE_H
#define EDGE_DNN_BANDWIDTH_PROBE_H

#include "edge-dnn-recorder-probe.h"
#include "edge-dnn-sqlite-statement.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The RecorderProbe of the bandwidth table: the rates links really had and the rates edge
 * servers estimated for their uplinks, one row per change or estimate.
 *
 * - source 'true': every LinkRateTrace (TypeId "ns3::LinkRateTrace", aggregated to the NetDevice
 *   whose rate it drives, found at Config path /NodeList/ * /DeviceList/ * /$ns3::LinkRateTrace),
 *   a row at each firing of its "Rate" trace source (void (DataRate rate)), with the node of that
 *   device;
 * - source 'estimate': every EdgeServerApplication, a row at each firing of its "UplinkEstimate"
 *   trace source (void (DataRate estimate)), with the edge server's node.
 *
 * Both are connected by name when the recorder connects: where no LinkRateTrace is installed, or
 * the servers have no UplinkEstimate trace source, nothing is connected and no row is written.
 * Rows are written in the order the traces fire (the simulation's order, the same every run).
 */
class BandwidthProbe : public RecorderProbe
{
  public:
    /// bandwidth.source of the rows of LinkRateTrace's Rate.
    static const char* const SOURCE_TRUE;
    /// bandwidth.source of the rows of EdgeServerApplication's UplinkEstimate.
    static const char* const SOURCE_ESTIMATE;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    BandwidthProbe();
    ~BandwidthProbe() override;

    std::vector<std::string> GetTables() const override;
    std::vector<std::string> GetIndexes() const override;
    void Prepare(SqliteDatabase& db) override;

    /**
     * \brief Connect to the Rate trace source of every LinkRateTrace and the UplinkEstimate trace
     * source of every EdgeServerApplication installed now, where they exist.
     * \param run the run
     */
    void Connect(const RunInfo& run) override;

    bool HasPendingRows() const override;
    uint64_t Write() override;
    void Committed() override;

    /**
     * \return the number of trace sources connected at Connect() (rates and estimates)
     */
    uint32_t GetConnectedSources() const;

  protected:
    void DoDispose() override;

  private:
    /// One row of bandwidth.
    struct Row
    {
        Time time;          //!< when
        uint32_t node;      //!< node id
        const char* source; //!< SOURCE_TRUE or SOURCE_ESTIMATE
        double rateBps;     //!< rate (bit/s)
    };

    /**
     * \brief A rate or an estimate.
     * \param node the node id
     * \param source SOURCE_TRUE or SOURCE_ESTIMATE
     * \param rate the rate
     */
    void OnRate(uint32_t node, const char* source, DataRate rate);

    uint32_t m_connected{0};  //!< trace sources connected
    int64_t m_runId{0};       //!< the run
    std::vector<Row> m_rows;  //!< rows not written yet
    SqliteStatement m_insert; //!< INSERT INTO bandwidth
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_BANDWIDTH_PROBE_H */
