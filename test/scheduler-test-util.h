/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SCHEDULER_TEST_UTIL_H
#define EDGE_DNN_SCHEDULER_TEST_UTIL_H

// Random scheduling instances and a brute-force optimum for the scheduler tests.

#include "ns3/edge-dnn-assignment.h"
#include "ns3/edge-dnn-scheduling-problem.h"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace testutil
{

/**
 * \brief A synthetic split profile: bytes shrinking with noise, edge MACs growing.
 * \param rng random numbers
 * \param points number of split points (>= 1)
 * \return the profile
 */
std::shared_ptr<const SplitProfile> RandomProfile(std::mt19937_64& rng, uint32_t points);

/**
 * \brief A random instance: 1-4 servers, 1..maxTasks tasks, synthetic profiles, either latency
 * model, capacities tight enough that some tasks are rejected.
 * \param seed the seed
 * \param maxTasks most tasks
 * \param maxPoints most split points per profile
 * \param withPaths give each server a random TCP or UDP path (else the ideal one)
 * \return the instance
 */
SchedulingProblem RandomInstance(uint64_t seed,
                                 uint32_t maxTasks,
                                 uint32_t maxPoints,
                                 bool withPaths = false);

/**
 * \brief The most tasks any assignment admits, by enumerating every (server, split point) or
 * rejection of every task with SchedulingProblem::ComputeDemand (no pruning of split points).
 * \param problem a small problem
 * \return the optimum
 */
uint32_t BruteForceOptimum(const SchedulingProblem& problem);

/**
 * \param problem a problem
 * \param name an algorithm's short name
 * \return its assignment, seed 7, fixed split 1, time limit 5 s (for the algorithms with those
 * attributes)
 */
Assignment Solve(const SchedulingProblem& problem, const std::string& name);

/** \return the heuristics: every registered algorithm but the LP-based ones */
std::vector<std::string> Heuristics();

/** \return whether the exact MILP is built in (edge-dnn built with lp_solve) */
bool HaveExact();

} // namespace testutil
} // namespace edgednn
} // namespace ns3

#endif
