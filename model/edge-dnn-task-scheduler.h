/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TASK_SCHEDULER_H
#define EDGE_DNN_TASK_SCHEDULER_H

#include "edge-dnn-assignment.h"
#include "edge-dnn-scheduling-problem.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A scheduling algorithm: places tasks on edge servers with split points, or rejects
 * them, so that every constraint holds.
 *
 * Algorithms are selected by name with Create(); see doc/scheduler.rst for each one. Every
 * algorithm is deterministic: the same problem, seed and settings give the same assignment.
 */
class TaskScheduler
{
  public:
    virtual ~TaskScheduler();

    /**
     * \brief Create an algorithm by name.
     * \param name one of GetNames()
     * \return the algorithm
     * \throws EdgeDnnError for an unknown name, listing the known ones
     */
    static std::unique_ptr<TaskScheduler> Create(const std::string& name);

    /** \return the names Create() accepts (the LP-based ones only if built with lp_solve) */
    static std::vector<std::string> GetNames();

    /** \return true if the LP-based algorithms (lp-bound, exact) are built in */
    static bool HaveLpSolver();

    /** \return the algorithm's name */
    virtual std::string GetName() const = 0;

    /**
     * \brief Solve a problem.
     * \param problem the problem
     * \return an assignment meeting every constraint
     */
    virtual Assignment Schedule(const SchedulingProblem& problem) = 0;

    /** \param seed seed of randomised algorithms */
    void SetSeed(uint64_t seed);
    /** \param index the split index of the fixed-split baseline */
    void SetFixedSplitIndex(uint32_t index);
    /** \param seconds the time limit of the exact solver (s) */
    void SetTimeLimit(double seconds);

  protected:
    uint64_t m_seed{1};            //!< seed of randomised algorithms
    uint32_t m_fixedSplitIndex{0}; //!< split index of fixed-split
    double m_timeLimitS{60};       //!< time limit of exact algorithms (s)
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TASK_SCHEDULER_H */
