/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RUNTIME_POLICY_H
#define EDGE_DNN_RUNTIME_POLICY_H

#include "edge-dnn-assignment.h"
#include "edge-dnn-scheduling-problem.h"
#include "edge-dnn-task-scheduler.h"

#include "ns3/object.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief What a schedule does during the run when the edges' uplinks change: given the problem
 * with every server's uplink as estimated now, the assignment in force and the uplinks it was
 * planned for, it returns the assignment to apply from now on.
 *
 * SchedulerHelper::EnableReplanning calls it periodically or when an edge's estimate moves
 * away from what the assignment was planned for; it applies only the placements that change
 * (re-split, moved, shed, re-admitted), and frames already created keep their old decision.
 * Like the scheduling algorithms, each policy is an ns-3 Object with its own TypeId, created by a
 * short name (Create(), GetNames()): "static" (StaticRuntimePolicy), "resplit"
 * (ResplitRuntimePolicy) and "replan" (ReplanRuntimePolicy). Every policy is deterministic.
 */
class RuntimePolicy : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RuntimePolicy();
    ~RuntimePolicy() override;

    /**
     * \brief Create a policy with its default attributes.
     * \param name a short name (GetNames()) or a TypeId name
     * \return the policy
     * \throws EdgeDnnError for an unknown name, listing the known ones
     */
    static Ptr<RuntimePolicy> Create(const std::string& name);

    /** \return the short names: "static", "resplit", "replan" */
    static std::vector<std::string> GetNames();

    /** \return the policy's short name */
    virtual std::string GetPolicyName() const = 0;

    /**
     * \return true if the servers take the estimated uplinks as their capacity from a re-plan
     * on (UplinkCapacity of the edges' pacing); false for a policy that keeps the plan as it was
     */
    virtual bool AdoptsEstimates() const;

    /**
     * \brief Decide again.
     * \param problem the problem, every server's uplinkBps the current estimate
     * \param current the assignment in force (for problem's tasks)
     * \param plannedUplinkBps the uplink of each server that current was planned for (bit/s)
     * \param scheduler the run's scheduling algorithm
     * \return the assignment to apply (for problem's tasks)
     */
    virtual Assignment Replan(const SchedulingProblem& problem,
                              const Assignment& current,
                              const std::vector<double>& plannedUplinkBps,
                              Ptr<TaskScheduler> scheduler) = 0;
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RUNTIME_POLICY_H */
