/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-fixed-split-scheduler.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-named-enum-checker.h"
#include "edge-dnn-number-converting-accessor.h"
#include "edge-dnn-server-loads.h"

#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("FixedSplitScheduler");

NS_OBJECT_ENSURE_REGISTERED(FixedSplitScheduler);

EDGE_DNN_SCHEDULER_NAME(CloudOnly,
                        "cloud-only",
                        "ns3::FixedSplitScheduler",
                        {{"Mode", "cloud-only"}},
                        40);
EDGE_DNN_SCHEDULER_NAME(EdgeOnly,
                        "edge-only",
                        "ns3::FixedSplitScheduler",
                        {{"Mode", "edge-only"}},
                        41);
EDGE_DNN_SCHEDULER_NAME(FixedSplit,
                        "fixed-split",
                        "ns3::FixedSplitScheduler",
                        {{"Mode", "fixed-split"}},
                        42);

FixedSplitScheduler::FixedSplitScheduler()
{
    NS_LOG_FUNCTION(this);
}

TypeId
FixedSplitScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FixedSplitScheduler")
            .SetParent<TaskScheduler>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<FixedSplitScheduler>()
            .AddAttribute(
                "Mode",
                "The split rule: cloud-only (split 0), edge-only (the "
                "last split point) or fixed-split (the largest split "
                "index <= SplitIndex)",
                EnumValue(FIXED),
                MakeEnumAccessor(&FixedSplitScheduler::m_rule),
                MakeNamedEnumChecker(
                    "ns3::FixedSplitScheduler::Mode",
                    {{CLOUD_ONLY, "cloud-only"}, {EDGE_ONLY, "edge-only"}, {FIXED, "fixed-split"}}))
            .AddAttribute(
                "SplitIndex",
                "The split index of Mode fixed-split: each task takes "
                "its largest split index <= this one",
                UintegerValue(0),
                MakeConvertingUintegerAccessor(&FixedSplitScheduler::m_fixedSplitIndex),
                MakeBoundedUintegerChecker<uint32_t>("ns3::FixedSplitScheduler::SplitIndex",
                                                     0,
                                                     UINT32_MAX,
                                                     ""));
    return tid;
}

std::string
FixedSplitScheduler::GetAlgorithmName() const
{
    switch (m_rule)
    {
    case CLOUD_ONLY:
        return "cloud-only";
    case EDGE_ONLY:
        return "edge-only";
    default:
        return "fixed-split";
    }
}

Assignment
FixedSplitScheduler::Schedule(const SchedulingProblem& problem)
{
    Assignment assignment(GetName(), problem.GetTaskCount());
    ServerLoads loads(problem);
    for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
    {
        const SchedulingTask& t = problem.GetTasks()[j];
        const auto& points = t.profile->GetSplitPoints();
        const SplitPoint* point = &points.front();
        if (m_rule == EDGE_ONLY)
        {
            point = &points.back();
        }
        else if (m_rule == FIXED)
        {
            for (const SplitPoint& p : points)
            {
                if (p.index <= m_fixedSplitIndex)
                {
                    point = &p;
                }
            }
        }
        for (uint32_t server : t.servers)
        {
            if (loads.TryPlace(problem, j, server, *point, assignment))
            {
                break;
            }
        }
    }
    return assignment;
}

} // namespace edgednn
} // namespace ns3
