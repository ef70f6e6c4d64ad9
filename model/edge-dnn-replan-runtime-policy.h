/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_REPLAN_RUNTIME_POLICY_H
#define EDGE_DNN_REPLAN_RUNTIME_POLICY_H

#include "edge-dnn-runtime-policy.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Ours: re-plan every edge with the run's scheduling algorithm on the problem with the
 * estimated uplinks, so that tasks are re-split, moved among the servers they may use, shed when
 * capacity falls and re-admitted when it returns, and what is admitted fits what the uplinks
 * carry now. Short name "replan".
 */
class ReplanRuntimePolicy : public RuntimePolicy
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

#endif /* EDGE_DNN_REPLAN_RUNTIME_POLICY_H */
