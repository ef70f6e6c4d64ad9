/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_PAPER_OFFLINE_SCHEDULER_H
#define EDGE_DNN_PAPER_OFFLINE_SCHEDULER_H

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
 * \brief Our reading of the paper's offline algorithm: all tasks known, smallest first, each
 * where it raises a server's normalised max-load least.
 *
 * With nb = bandwidth / (V b_i) and nc = compute / c_i the normalised demands of an option:
 *  1. need_j = the least nb + nc over the task's options (tasks without any are rejected);
 *  2. tasks by increasing need_j (ties: input order);
 *  3. each takes, among the (server, split) options that fit the remaining capacity, the one
 *     minimising max(Lb + nb, Lc + nc) - max(Lb, Lc) (Lb, Lc the server's normalised loads), ties
 *     by least nb + nc, then list order; rejected if none fits.
 * O(options log) time; see doc/scheduler.rst.
 */
class PaperOfflineScheduler : public TaskScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::string GetAlgorithmName() const override;
    Assignment Schedule(const SchedulingProblem& problem) override;

    /**
     * \brief The algorithm on precomputed options.
     * \param options the problem's options
     * \param loads empty servers; filled with the placed tasks' loads
     * \return one choice per task
     */
    static std::vector<OptionChoice> Solve(const SchedulingOptions& options, ServerLoads& loads);

    /**
     * \brief The least nb + nc of each task over its options (infinity if it has none).
     * \param options the options
     * \param loads the servers (for capacities)
     * \return one value per task
     */
    static std::vector<double> Needs(const SchedulingOptions& options, const ServerLoads& loads);

    /**
     * \brief Step 3 for one task: the best option that fits.
     * \param options the options
     * \param task a task index
     * \param loads the servers' loads
     * \return the choice (slot -1 if none fits)
     */
    static OptionChoice BestFit(const SchedulingOptions& options,
                                uint32_t task,
                                const ServerLoads& loads);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_PAPER_OFFLINE_SCHEDULER_H */
