/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LATENCY_GREEDY_SCHEDULER_H
#define EDGE_DNN_LATENCY_GREEDY_SCHEDULER_H

#include "edge-dnn-task-scheduler.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Baseline after Neurosurgeon: each task picks the split point minimising its own latency
 * on a server, then first fit.
 *
 * Tasks in input order; for each server of its list in order, the task's latency at split k is
 * what it would see alone with the server's whole usable uplink: uplink + edge MACs / c_i + bits
 * / (V b_i) + cloud MACs / C + result (measured seconds for measured profiles; no cloud term
 * without a cloud capacity). It takes that server with the latency-minimising split (ties: the
 * smaller index) if it meets the QoS bound and fits; otherwise the next server; otherwise it is
 * rejected. It never trades its own latency for room: the point of the comparison.
 */
class LatencyGreedyScheduler : public TaskScheduler
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
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LATENCY_GREEDY_SCHEDULER_H */
