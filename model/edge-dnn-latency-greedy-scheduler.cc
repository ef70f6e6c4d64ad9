/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-latency-greedy-scheduler.h"

#include "edge-dnn-cost-model.h"
#include "edge-dnn-server-loads.h"

#include "ns3/log.h"

#include <limits>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("LatencyGreedyScheduler");

NS_OBJECT_ENSURE_REGISTERED(LatencyGreedyScheduler);

EDGE_DNN_SCHEDULER_NAME(LatencyGreedy, "latency-greedy", "ns3::LatencyGreedyScheduler", {}, 60);

TypeId
LatencyGreedyScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LatencyGreedyScheduler")
                            .SetParent<TaskScheduler>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<LatencyGreedyScheduler>();
    return tid;
}

std::string
LatencyGreedyScheduler::GetAlgorithmName() const
{
    return "latency-greedy";
}

Assignment
LatencyGreedyScheduler::Schedule(const SchedulingProblem& problem)
{
    Assignment assignment(GetName(), problem.GetTaskCount());
    ServerLoads loads(problem);
    for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
    {
        const SchedulingTask& t = problem.GetTasks()[j];
        const std::vector<const SplitPoint*> devicePoints = problem.GetDeviceSplitPoints(j);
        for (uint32_t server : t.servers)
        {
            const EdgeServer& e = problem.GetServers()[server];
            const SplitPoint* best = nullptr;
            const SplitPoint* bestDevice = nullptr;
            double bestLatency = std::numeric_limits<double>::infinity();
            for (const SplitPoint& p : t.profile->GetSplitPoints())
            {
                // A device prefix is a further choice where the device computes (split 0 only
                // otherwise): the device's layers, then the edge's from its cut.
                for (const SplitPoint* device : devicePoints)
                {
                    if (device->index > p.index)
                    {
                        break;
                    }
                    // The end-to-end latency with the whole usable uplink to itself, from the
                    // cost model: compute on the device, at the edge and in the cloud, the
                    // transfers to the edge and at V b_i to the cloud.
                    const TaskDemand d = problem.ComputeDemand(j, server, p, *device);
                    if (!(t.frameRate * d.deviceComputeS <= 1.0))
                    {
                        continue; // the device cannot keep up with its frames
                    }
                    const double latency =
                        d.deviceComputeS + d.uplinkS + d.edgeComputeS +
                        CostModel::TransferTime(e.uplink,
                                                problem.GetCutBytes(j, p),
                                                problem.GetBandwidthCapacity(server))
                            .GetSeconds() +
                        d.cloudComputeS + t.resultS;
                    if (latency < bestLatency)
                    {
                        bestLatency = latency;
                        best = &p;
                        bestDevice = device;
                    }
                }
            }
            if (best != nullptr &&
                loads.TryPlace(problem, j, server, *best, *bestDevice, assignment))
            {
                break;
            }
        }
    }
    return assignment;
}

bool
LatencyGreedyScheduler::TakesDevicePrefixes() const
{
    return true;
}

} // namespace edgednn
} // namespace ns3
