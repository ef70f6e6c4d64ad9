/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LOCAL_SEARCH_SCHEDULER_H
#define EDGE_DNN_LOCAL_SEARCH_SCHEDULER_H

#include "edge-dnn-scheduling-options.h"
#include "edge-dnn-server-loads.h"
#include "edge-dnn-task-scheduler.h"

#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief "local-search" (alias "ours", the name the evaluation uses): paper-offline followed by a
 * local search that re-splits placed tasks to make room and inserts rejected ones; it only ever
 * adds tasks, so it never admits fewer than paper-offline on the same instance.
 *
 * Rounds of:
 *  1. re-balance every server: choose the split points of its tasks to minimise max(Lb, Lc),
 *     the larger of its normalised bandwidth and compute loads (a parametric search on the price
 *     lambda of bandwidth against compute: each task takes its option minimising lambda nb +
 *     (1 - lambda) nc; lambda bisected to where the two loads cross, then the tasks whose choice
 *     changes at the crossing are flipped one by one while the max decreases); kept only if the
 *     max load drops;
 *  2. the rejected tasks, smallest need first: placed directly where paper-offline's rule
 *     allows, else on a server of their list together with a re-balance of that server's tasks
 *     (same search, the newcomer included), if that makes everything fit;
 * until a round admits nothing more. The search is bounded by a deterministic work budget
 * (option evaluations; attribute WorkBudget), so the result does not depend on the machine's
 * speed.
 */
class LocalSearchScheduler : public TaskScheduler
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

    /**
     * \brief The local search from a given start.
     * \param options the problem's options
     * \param loads the servers' loads of the start; updated
     * \param choices the start (e.g. paper-offline's); improved in place
     * \param budget the work budget (option evaluations)
     * \return the number of tasks it added
     */
    static uint32_t Improve(const SchedulingOptions& options,
                            ServerLoads& loads,
                            std::vector<OptionChoice>& choices,
                            uint64_t budget);

    /**
     * \brief Perturbation restarts from a solution: each takes 1-3 random placed tasks out of
     * the best so far and runs the local search with the insertion order weighted by random
     * factors in [0.5, 1.5); the result is kept if it admits no fewer tasks.
     * \param problem the problem (capacities)
     * \param options its options
     * \param choices the start; replaced by the best found
     * \param restarts most restarts
     * \param budget work budget of all restarts (option evaluations)
     * \param seed seed of the draws
     * \return the number of tasks it added
     */
    static uint32_t Restart(const SchedulingProblem& problem,
                            const SchedulingOptions& options,
                            std::vector<OptionChoice>& choices,
                            uint32_t restarts,
                            uint64_t budget,
                            uint64_t seed);

  private:
    uint64_t m_budget{400000000};       //!< work budget (option evaluations)
    uint32_t m_restarts{600};           //!< most restarts
    uint64_t m_restartBudget{20000000}; //!< work budget of the restarts
    uint64_t m_seed{1};                 //!< seed of the restarts' draws
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LOCAL_SEARCH_SCHEDULER_H */
