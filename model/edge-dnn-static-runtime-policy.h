/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_STATIC_RUNTIME_POLICY_H
#define EDGE_DNN_STATIC_RUNTIME_POLICY_H

#include "edge-dnn-runtime-policy.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The paper's static schedule: decided once, kept whatever the uplinks do. The baseline
 * the run-time policies are measured against. Short name "static".
 */
class StaticRuntimePolicy : public RuntimePolicy
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::string GetPolicyName() const override;
    bool AdoptsEstimates() const override;
    Assignment Replan(const SchedulingProblem& problem,
                      const Assignment& current,
                      const std::vector<double>& plannedUplinkBps,
                      Ptr<TaskScheduler> scheduler) override;
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_STATIC_RUNTIME_POLICY_H */
