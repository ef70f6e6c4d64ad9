/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RESPLIT_RUNTIME_POLICY_H
#define EDGE_DNN_RESPLIT_RUNTIME_POLICY_H

#include "edge-dnn-runtime-policy.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Neurosurgeon's rule, task by task: each admitted task keeps its server and its share of
 * the uplink, which follows the estimate (its allocation times the estimate over the uplink it
 * was planned for), and moves to the split point with the least predicted latency at that share,
 * among those whose edge compute fits what the server's other tasks leave. No task is moved or
 * shed, and none re-admitted: as in Neurosurgeon, a task whose deadline cannot be met at its
 * share keeps running at its fastest split. Short name "resplit".
 */
class ResplitRuntimePolicy : public RuntimePolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::string GetPolicyName() const override;
    Assignment Replan(const SchedulingProblem& problem,
                      const Assignment& current,
                      const std::vector<double>& plannedUplinkBps,
                      Ptr<TaskScheduler> scheduler) override;
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RESPLIT_RUNTIME_POLICY_H */
