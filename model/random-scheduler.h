/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RANDOM_SCHEDULER_H
#define RANDOM_SCHEDULER_H

#include "task-scheduler.h"

namespace ns3
{

/**
 * \ingroup edge-dnn
 * \brief Baseline: each task, in input order, takes a uniformly random (server, split point)
 * among all those that meet its QoS bound and fit the remaining capacity, or is rejected if
 * there is none. Seeded (SetSeed): same seed, same assignment.
 */
class RandomScheduler : public TaskScheduler
{
  public:
    std::string GetName() const override;
    Assignment Schedule(const SchedulingProblem& problem) override;
};

} // namespace ns3

#endif /* RANDOM_SCHEDULER_H */
