/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-paper-online-scheduler.h"

#include "edge-dnn-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <limits>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("PaperOnlineScheduler");

NS_OBJECT_ENSURE_REGISTERED(PaperOnlineScheduler);

EDGE_DNN_SCHEDULER_NAME(PaperOnline, "paper-online", "ns3::PaperOnlineScheduler", {}, 20);

TypeId
PaperOnlineScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::PaperOnlineScheduler")
                            .SetParent<TaskScheduler>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<PaperOnlineScheduler>();
    return tid;
}

std::string
PaperOnlineScheduler::GetAlgorithmName() const
{
    return "paper-online";
}

Assignment
PaperOnlineScheduler::Schedule(const SchedulingProblem& problem)
{
    const SchedulingOptions options(problem);
    ServerLoads loads(problem);
    std::vector<OptionChoice> choices(problem.GetTaskCount());
    for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
    {
        choices[j] = Decide(options, j, loads);
    }
    return options.MakeAssignment(GetName(), choices);
}

bool
PaperOnlineScheduler::SupportsOnline() const
{
    return true;
}

void
PaperOnlineScheduler::StartOnline(const SchedulingProblem& problem)
{
    NS_LOG_FUNCTION(this);
    m_options = std::make_unique<SchedulingOptions>(problem);
    m_loads = std::make_unique<ServerLoads>(problem);
}

TaskPlacement
PaperOnlineScheduler::DecideOnline(uint32_t task)
{
    if (!m_options)
    {
        throw EdgeDnnError("PaperOnlineScheduler::DecideOnline before StartOnline");
    }
    if (task >= m_options->GetTaskCount())
    {
        throw EdgeDnnError("PaperOnlineScheduler::DecideOnline: no task " + std::to_string(task) +
                           " (" + std::to_string(m_options->GetTaskCount()) + " tasks)");
    }
    return m_options->ToPlacement(task, Decide(*m_options, task, *m_loads));
}

void
PaperOnlineScheduler::DoDispose()
{
    m_options.reset();
    m_loads.reset();
    TaskScheduler::DoDispose();
}

OptionChoice
PaperOnlineScheduler::Decide(const SchedulingOptions& options, uint32_t task, ServerLoads& loads)
{
    OptionChoice best;
    double bestUse = std::numeric_limits<double>::infinity();
    double bestMax = std::numeric_limits<double>::infinity();
    for (uint32_t s = 0; s < options.GetSlotCount(task); ++s)
    {
        const uint32_t i = options.GetServer(task, s);
        const double ib = loads.GetInverseBandwidthCapacity(i);
        const double ic = loads.GetInverseComputeCapacity(i);
        const double freeC = loads.GetComputeCapacity(i) - loads.GetCompute(i);
        const OptionSpan span = options.Get(task, s);
        for (uint32_t k = 0; k < span.size; ++k)
        {
            const SchedulingOption& o = span[k];
            const double use = o.bandwidthBps * ib + o.computeMacsPerS * ic;
            if (!loads.Fits(i, o.bandwidthBps, o.computeMacsPerS))
            {
                if (o.computeMacsPerS > freeC)
                {
                    break; // compute only grows along the slot
                }
                continue;
            }
            const double after = std::max((loads.GetBandwidth(i) + o.bandwidthBps) * ib,
                                          (loads.GetCompute(i) + o.computeMacsPerS) * ic);
            if (use < bestUse || (use == bestUse && after < bestMax))
            {
                bestUse = use;
                bestMax = after;
                best.slot = static_cast<int32_t>(s);
                best.option = k;
            }
        }
    }
    if (best.slot >= 0)
    {
        const SchedulingOption& o = options.Get(task, best.slot)[best.option];
        loads.Add(options.GetServer(task, best.slot), o.bandwidthBps, o.computeMacsPerS);
    }
    return best;
}

} // namespace edgednn
} // namespace ns3
