/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_COMPUTE_ENERGY_METER_H
#define EDGE_DNN_COMPUTE_ENERGY_METER_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A node's compute energy so far, in its three parts (J).
 *
 * frames + idle + unfinished is everything the node's workers drew since they started.
 */
struct ComputeEnergy
{
    double frames{0};     //!< the finished jobs' energy: the sum of what was credited to frames
    double idle{0};       //!< idle power over the time each worker was idle
    double unfinished{0}; //!< active power over the part run of jobs running or cut off at a stop

    /** \return frames + idle + unfinished */
    double Total() const;
};

/**
 * \ingroup edge-dnn
 * \brief The power model of a node's compute and the energy its workers draw over a run.
 *
 * Each of the node's workers draws IdlePower while idle and ActivePower while it runs a job, and
 * a job costs EnergyPerMac for every multiply-accumulate on top: a job of duration d and m MACs
 * costs ActivePower x d + EnergyPerMac x m, credited to its frame when it finishes. The time a
 * worker is idle costs IdlePower, credited to no frame. A job that does not finish (the
 * application stopped) costs ActivePower over the part it ran, credited to no frame either.
 * Powers are per worker, in W; the energy per MAC in J.
 */
class ComputeEnergyMeter
{
  public:
    /**
     * \brief A meter whose workers are idle from \p start on.
     * \param idlePower power of an idle worker (W, >= 0)
     * \param activePower power of a busy worker (W, >= 0)
     * \param energyPerMac energy of one multiply-accumulate on top of the active power (J, >= 0)
     * \param workers the node's workers (> 0)
     * \param start when the workers start drawing power
     */
    ComputeEnergyMeter(double idlePower,
                       double activePower,
                       double energyPerMac,
                       uint32_t workers,
                       Time start);

    /**
     * \brief The energy of a job run for \p duration with \p macs multiply-accumulates.
     * \param duration its compute time
     * \param macs its multiply-accumulates
     * \return ActivePower x duration + EnergyPerMac x macs (J)
     */
    double JobEnergy(Time duration, uint64_t macs) const;

    /**
     * \brief A worker started a job.
     * \param now the time
     */
    void JobStarted(Time now);

    /**
     * \brief A worker finished a job.
     * \param started when the job started
     * \param now the time
     * \param macs its multiply-accumulates
     * \return the job's energy, JobEnergy(now - started, macs) (J)
     */
    double JobFinished(Time started, Time now, uint64_t macs);

    /**
     * \brief The node stopped: its jobs are cut off and its workers draw nothing from now on.
     * \param now the time
     */
    void Stop(Time now);

    /**
     * \brief The energy drawn from the start until \p now (or the stop, if earlier).
     * \param now the time
     * \return the energy in its parts
     */
    ComputeEnergy GetEnergy(Time now) const;

  private:
    /**
     * \brief The busy worker-seconds until \p now.
     * \param now the time (not before the last change)
     * \return the integral of the busy workers over time (s)
     */
    double BusySeconds(Time now) const;

    double m_idlePower;          //!< W per idle worker
    double m_activePower;        //!< W per busy worker
    double m_energyPerMac;       //!< J per MAC
    uint32_t m_workers;          //!< workers
    Time m_start;                //!< start of the metering
    Time m_stop;                 //!< the stop, or Time::Max()
    Time m_lastChange;           //!< last change of m_busy
    uint32_t m_busy{0};          //!< jobs running
    double m_busySeconds{0};     //!< busy worker-seconds until m_lastChange
    double m_finishedSeconds{0}; //!< compute time of the finished jobs (s)
    double m_frames{0};          //!< energy of the finished jobs (J)
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_COMPUTE_ENERGY_METER_H */
