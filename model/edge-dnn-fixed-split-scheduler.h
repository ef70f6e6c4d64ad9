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
 * Rules (attribute Mode): cloud-only (split 0, the raw input to the cloud), edge-only (the last
 * split point, everything at the edge) and fixed-split (the largest split index <= SplitIndex).
 * One class with a Mode rather than three: the three share every line but the choice of split.
 * Short names: "cloud-only", "edge-only", "fixed-split" (each presets Mode).
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

    /** \brief A baseline with the rule of its Mode attribute. */
    FixedSplitScheduler();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::string GetAlgorithmName() const override;
    Assignment Schedule(const SchedulingProblem& problem) override;

  private:
    Rule m_rule{FIXED};            //!< split rule
    uint32_t m_fixedSplitIndex{0}; //!< split index of the FIXED rule
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FIXED_SPLIT_SCHEDULER_H */
