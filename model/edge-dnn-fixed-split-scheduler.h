/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FIXED_SPLIT_SCHEDULER_H
#define EDGE_DNN_FIXED_SPLIT_SCHEDULER_H

#include "edge-dnn-task-scheduler.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Baselines with one split rule for every task, placed first fit.
 *
 * Tasks in input order; each takes the split point its rule gives and the first server of its
 * list on which that choice meets the QoS bound and fits the remaining capacity, or is rejected.
 * Rules: CLOUD_ONLY (split 0, the raw input to the cloud), EDGE_ONLY (the last split point,
 * everything at the edge) and FIXED (the largest split index <= the configured one).
 */
class FixedSplitScheduler : public TaskScheduler
{
  public:
    /// The split rule.
    enum Rule
    {
        CLOUD_ONLY, //!< split 0
        EDGE_ONLY,  //!< the last split point
        FIXED,      //!< a given split index
    };

    /**
     * \brief A baseline.
     * \param rule its split rule
     */
    explicit FixedSplitScheduler(Rule rule);

    std::string GetName() const override;
    Assignment Schedule(const SchedulingProblem& problem) override;

  private:
    Rule m_rule; //!< split rule
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FIXED_SPLIT_SCHEDULER_H */
