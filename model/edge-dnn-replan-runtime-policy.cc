/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-replan-runtime-policy.h"

namespace ns3
{
namespace edgednn
{

NS_OBJECT_ENSURE_REGISTERED(ReplanRuntimePolicy);

TypeId
ReplanRuntimePolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ReplanRuntimePolicy")
                            .SetParent<RuntimePolicy>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<ReplanRuntimePolicy>();
    return tid;
}

std::string
ReplanRuntimePolicy::GetPolicyName() const
{
    return "replan";
}

Assignment
ReplanRuntimePolicy::Replan(const SchedulingProblem& problem,
                            const Assignment& /* current */,
                            const std::vector<double>& /* plannedUplinkBps */,
                            Ptr<TaskScheduler> scheduler)
{
    return scheduler->Schedule(problem);
}

} // namespace edgednn
} // namespace ns3
