/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-static-runtime-policy.h"

namespace ns3
{
namespace edgednn
{

NS_OBJECT_ENSURE_REGISTERED(StaticRuntimePolicy);

TypeId
StaticRuntimePolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::StaticRuntimePolicy")
                            .SetParent<RuntimePolicy>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<StaticRuntimePolicy>();
    return tid;
}

std::string
StaticRuntimePolicy::GetPolicyName() const
{
    return "static";
}

bool
StaticRuntimePolicy::AdoptsEstimates() const
{
    return false;
}

Assignment
StaticRuntimePolicy::Replan(const SchedulingProblem& /* problem */,
                            const Assignment& current,
                            const std::vector<double>& /* plannedUplinkBps */,
                            Ptr<TaskScheduler> /* scheduler */)
{
    return current;
}

} // namespace edgednn
} // namespace ns3
