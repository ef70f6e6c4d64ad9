/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-server-loads.h"

namespace ns3
{
namespace edgednn
{

ServerLoads::ServerLoads(const SchedulingProblem& problem)
    : m_bandwidth(problem.GetServerCount(), 0.0),
      m_compute(problem.GetServerCount(), 0.0)
{
    for (uint32_t i = 0; i < problem.GetServerCount(); ++i)
    {
        m_bandwidthCapacity.push_back(problem.GetBandwidthCapacity(i));
        m_computeCapacity.push_back(problem.GetServers()[i].computeMacsPerS);
        m_inverseBandwidth.push_back(1.0 / m_bandwidthCapacity.back());
        m_inverseCompute.push_back(1.0 / m_computeCapacity.back());
    }
}

void
ServerLoads::Add(uint32_t server, double bandwidthBps, double computeMacsPerS)
{
    m_bandwidth[server] += bandwidthBps;
    m_compute[server] += computeMacsPerS;
}

bool
ServerLoads::TryPlace(const SchedulingProblem& problem,
                      uint32_t task,
                      uint32_t server,
                      const SplitPoint& point,
                      Assignment& assignment)
{
    return TryPlace(problem,
                    task,
                    server,
                    point,
                    problem.GetTasks()[task].profile->GetSplitPoints().front(),
                    assignment);
}

bool
ServerLoads::TryPlace(const SchedulingProblem& problem,
                      uint32_t task,
                      uint32_t server,
                      const SplitPoint& point,
                      const SplitPoint& devicePoint,
                      Assignment& assignment)
{
    const TaskDemand d = problem.ComputeDemand(task, server, point, devicePoint);
    if (!d.feasible || !Fits(server, d.bandwidthBps, d.computeMacsPerS))
    {
        return false;
    }
    Add(server, d.bandwidthBps, d.computeMacsPerS);
    assignment.Place(task, server, point.index, d);
    return true;
}

void
ServerLoads::Remove(uint32_t server, double bandwidthBps, double computeMacsPerS)
{
    m_bandwidth[server] -= bandwidthBps;
    m_compute[server] -= computeMacsPerS;
    // Rounding must not leave a negative load behind once a server is empty again.
    if (m_bandwidth[server] < 0)
    {
        m_bandwidth[server] = 0;
    }
    if (m_compute[server] < 0)
    {
        m_compute[server] = 0;
    }
}

} // namespace edgednn
} // namespace ns3
