/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-compute-energy-meter.h"

#include "ns3/abort.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

double
ComputeEnergy::Total() const
{
    return frames + idle + unfinished;
}

ComputeEnergyMeter::ComputeEnergyMeter(double idlePower,
                                       double activePower,
                                       double energyPerMac,
                                       uint32_t workers,
                                       Time start)
    : m_idlePower(idlePower),
      m_activePower(activePower),
      m_energyPerMac(energyPerMac),
      m_workers(workers),
      m_start(start),
      m_stop(Time::Max()),
      m_lastChange(start)
{
    NS_ABORT_MSG_IF(workers == 0, "a compute energy meter needs a worker");
}

double
ComputeEnergyMeter::JobEnergy(Time duration, uint64_t macs) const
{
    return m_activePower * duration.GetSeconds() + m_energyPerMac * static_cast<double>(macs);
}

double
ComputeEnergyMeter::BusySeconds(Time now) const
{
    return m_busySeconds + m_busy * (now - m_lastChange).GetSeconds();
}

void
ComputeEnergyMeter::JobStarted(Time now)
{
    if (now >= m_stop)
    {
        return;
    }
    m_busySeconds = BusySeconds(now);
    m_lastChange = now;
    // A compute queue starts its next job before it reports the one that finished, at the same
    // instant: one more than the workers for no time.
    ++m_busy;
}

double
ComputeEnergyMeter::JobFinished(Time started, Time now, uint64_t macs)
{
    if (now > m_stop || m_busy == 0)
    {
        return 0;
    }
    m_busySeconds = BusySeconds(now);
    m_lastChange = now;
    --m_busy;
    const Time duration = now - started;
    m_finishedSeconds += duration.GetSeconds();
    const double energy = JobEnergy(duration, macs);
    m_frames += energy;
    return energy;
}

void
ComputeEnergyMeter::Stop(Time now)
{
    if (now >= m_stop)
    {
        return;
    }
    m_busySeconds = BusySeconds(now);
    m_lastChange = now;
    m_busy = 0;
    m_stop = now;
}

ComputeEnergy
ComputeEnergyMeter::GetEnergy(Time now) const
{
    const Time end = std::max(std::min(now, m_stop), m_lastChange);
    const double busy = BusySeconds(end);
    const double up = m_workers * (end - m_start).GetSeconds();
    ComputeEnergy energy;
    energy.frames = m_frames;
    energy.idle = m_idlePower * std::max(0.0, up - busy);
    energy.unfinished = m_activePower * std::max(0.0, busy - m_finishedSeconds);
    return energy;
}

} // namespace edgednn
} // namespace ns3
