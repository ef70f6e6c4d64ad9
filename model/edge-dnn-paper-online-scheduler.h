/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_PAPER_ONLINE_SCHEDULER_H
#define EDGE_DNN_PAPER_ONLINE_SCHEDULER_H

#include "edge-dnn-scheduling-options.h"
#include "edge-dnn-server-loads.h"
#include "edge-dnn-task-scheduler.h"

#include <memory>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Our reading of the paper's online algorithm: tasks arrive one at a time (input order)
 * and each decision is final.
 *
 * An arriving task takes, among its (server, split) options that fit the remaining capacity, the
 * one with the least normalised resource use nb + nc (nb = bandwidth / (V b_i), nc = compute /
 * c_i); ties by the least resulting max(Lb + nb, Lc + nc), then list order. It is rejected if
 * nothing fits. Nothing placed earlier ever moves. One decision costs O(options of the task).
 * Decides online (StartOnline(), DecideOnline()) with the same rule: Schedule() equals deciding
 * every task in input order. Short name "paper-online".
 */
class PaperOnlineScheduler : public TaskScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::string GetAlgorithmName() const override;
    Assignment Schedule(const SchedulingProblem& problem) override;
    bool SupportsOnline() const override;
    void StartOnline(const SchedulingProblem& problem) override;
    TaskPlacement DecideOnline(uint32_t task) override;

    /**
     * \brief Decide one arrival and take its resources.
     * \param options the problem's options
     * \param task the arriving task
     * \param loads the servers' loads, updated if the task is placed
     * \return the choice (slot -1 if rejected)
     */
    static OptionChoice Decide(const SchedulingOptions& options, uint32_t task, ServerLoads& loads);

  protected:
    void DoDispose() override;

  private:
    std::unique_ptr<SchedulingOptions> m_options; //!< the online problem's options
    std::unique_ptr<ServerLoads> m_loads;         //!< the servers' loads of the decisions so far
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_PAPER_ONLINE_SCHEDULER_H */
