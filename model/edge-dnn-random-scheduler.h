/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RANDOM_SCHEDULER_H
#define EDGE_DNN_RANDOM_SCHEDULER_H

#include "edge-dnn-task-scheduler.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Baseline: each task, in input order, takes a uniformly random (server, split point)
 * among all those that meet its QoS bound and fit the remaining capacity, or is rejected if
 * there is none. Seeded (attribute Seed): same seed, same assignment. Short name "random".
 */
class RandomScheduler : public TaskScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::string GetAlgorithmName() const override;
    Assignment Schedule(const SchedulingProblem& problem) override;
    bool TakesDevicePrefixes() const override;

  private:
    uint64_t m_seed{1}; //!< seed of the draws
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RANDOM_SCHEDULER_H */
