/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-resplit-runtime-policy.h"

#include "edge-dnn-cost-model.h"

#include <limits>

namespace ns3
{
namespace edgednn
{

NS_OBJECT_ENSURE_REGISTERED(ResplitRuntimePolicy);

TypeId
ResplitRuntimePolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ResplitRuntimePolicy")
                            .SetParent<RuntimePolicy>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<ResplitRuntimePolicy>();
    return tid;
}

std::string
ResplitRuntimePolicy::GetPolicyName() const
{
    return "resplit";
}

Assignment
ResplitRuntimePolicy::Replan(const SchedulingProblem& problem,
                             const Assignment& current,
                             const std::vector<double>& plannedUplinkBps,
                             Ptr<TaskScheduler> /* scheduler */)
{
    Assignment next = current;
    next.SetAlgorithm(GetPolicyName());
    const std::vector<TaskPlacement>& placements = current.GetPlacements();
    // Each server's compute load as the tasks are re-split in order.
    std::vector<ServerTotals> totals = current.GetServerTotals(problem.GetServerCount());
    for (uint32_t j = 0; j < placements.size(); ++j)
    {
        const TaskPlacement& p = placements[j];
        if (!p.admitted)
        {
            continue;
        }
        const EdgeServer& server = problem.GetServers()[p.server];
        const double share = p.bandwidthBps * server.uplinkBps / plannedUplinkBps.at(p.server);
        const double otherCompute = totals[p.server].computeMacsPerS - p.computeMacsPerS;
        const SplitPoint* best = nullptr;
        TaskDemand bestDemand;
        double bestLatency = std::numeric_limits<double>::infinity();
        const SplitProfile& profile = *problem.GetTasks()[j].profile;
        const SplitPoint* device = profile.FindSplitPoint(p.deviceSplitIndex);
        for (const SplitPoint& point : profile.GetSplitPoints())
        {
            // The task keeps its device's prefix: only the edge's cut moves, at or after it.
            if (device == nullptr || point.index < device->index)
            {
                continue;
            }
            const TaskDemand d = problem.ComputeDemand(j, p.server, point, *device);
            if (otherCompute + d.computeMacsPerS > server.computeMacsPerS)
            {
                continue;
            }
            // The latency at the share: what does not depend on the rate, and the transfer.
            const double propagation = server.uplink.propagation.GetSeconds();
            const double fixed =
                d.feasible || d.transferS > 0 ? d.latencyS - d.transferS : d.latencyS - propagation;
            const double bits =
                8.0 * static_cast<double>(
                          CostModel::WireBytes(server.uplink, problem.GetCutBytes(j, point)));
            const double latency = fixed + propagation + (share > 0 ? bits / share : 0.0);
            if (latency < bestLatency)
            {
                best = &point;
                bestDemand = d;
                bestLatency = latency;
            }
        }
        if (best == nullptr)
        {
            continue; // no split fits beside the others: it keeps its own
        }
        TaskDemand demand = bestDemand;
        demand.bandwidthBps = share;
        demand.latencyS = bestLatency;
        totals[p.server].computeMacsPerS += demand.computeMacsPerS - p.computeMacsPerS;
        next.Place(j, p.server, best->index, demand);
    }
    return next;
}

} // namespace edgednn
} // namespace ns3
