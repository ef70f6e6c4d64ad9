/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-paper-offline-scheduler.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("PaperOfflineScheduler");

NS_OBJECT_ENSURE_REGISTERED(PaperOfflineScheduler);

EDGE_DNN_SCHEDULER_NAME(PaperOffline, "paper-offline", "ns3::PaperOfflineScheduler", {}, 10);

TypeId
PaperOfflineScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::PaperOfflineScheduler")
                            .SetParent<TaskScheduler>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<PaperOfflineScheduler>();
    return tid;
}

std::string
PaperOfflineScheduler::GetAlgorithmName() const
{
    return "paper-offline";
}

Assignment
PaperOfflineScheduler::Schedule(const SchedulingProblem& problem)
{
    const SchedulingOptions options(problem);
    ServerLoads loads(problem);
    return options.MakeAssignment(GetName(), Solve(options, loads));
}

std::vector<double>
PaperOfflineScheduler::Needs(const SchedulingOptions& options, const ServerLoads& loads)
{
    const uint32_t n = static_cast<uint32_t>(options.GetTaskCount());
    std::vector<double> need(n, std::numeric_limits<double>::infinity());
    for (uint32_t j = 0; j < n; ++j)
    {
        for (uint32_t s = 0; s < options.GetSlotCount(j); ++s)
        {
            const uint32_t i = options.GetServer(j, s);
            const double ib = loads.GetInverseBandwidthCapacity(i);
            const double ic = loads.GetInverseComputeCapacity(i);
            for (const SchedulingOption& o : options.Get(j, s))
            {
                need[j] = std::min(need[j], o.bandwidthBps * ib + o.computeMacsPerS * ic);
            }
        }
    }
    return need;
}

OptionChoice
PaperOfflineScheduler::BestFit(const SchedulingOptions& options,
                               uint32_t task,
                               const ServerLoads& loads)
{
    OptionChoice best;
    double bestIncrease = std::numeric_limits<double>::infinity();
    double bestSize = std::numeric_limits<double>::infinity();
    for (uint32_t s = 0; s < options.GetSlotCount(task); ++s)
    {
        const uint32_t i = options.GetServer(task, s);
        const double ib = loads.GetInverseBandwidthCapacity(i);
        const double ic = loads.GetInverseComputeCapacity(i);
        const double lb = loads.GetBandwidth(i) * ib;
        const double lc = loads.GetCompute(i) * ic;
        const double before = std::max(lb, lc);
        const OptionSpan span = options.Get(task, s);
        for (uint32_t k = 0; k < span.size; ++k)
        {
            const SchedulingOption& o = span[k];
            if (!loads.Fits(i, o.bandwidthBps, o.computeMacsPerS))
            {
                continue;
            }
            const double nb = o.bandwidthBps * ib;
            const double nc = o.computeMacsPerS * ic;
            const double increase = std::max(lb + nb, lc + nc) - before;
            const double size = nb + nc;
            if (increase < bestIncrease || (increase == bestIncrease && size < bestSize))
            {
                bestIncrease = increase;
                bestSize = size;
                best.slot = static_cast<int32_t>(s);
                best.option = k;
            }
        }
    }
    return best;
}

std::vector<OptionChoice>
PaperOfflineScheduler::Solve(const SchedulingOptions& options, ServerLoads& loads)
{
    const std::vector<double> need = Needs(options, loads);
    std::vector<uint32_t> order(need.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&need](uint32_t a, uint32_t b) {
        return need[a] < need[b];
    });
    std::vector<OptionChoice> choices(need.size());
    for (uint32_t j : order)
    {
        if (need[j] == std::numeric_limits<double>::infinity())
        {
            break; // this and every later task has no option at all
        }
        const OptionChoice c = BestFit(options, j, loads);
        if (c.slot >= 0)
        {
            const SchedulingOption& o = options.Get(j, c.slot)[c.option];
            loads.Add(options.GetServer(j, c.slot), o.bandwidthBps, o.computeMacsPerS);
            choices[j] = c;
        }
    }
    return choices;
}

} // namespace edgednn
} // namespace ns3
