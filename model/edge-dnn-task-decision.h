/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TASK_DECISION_H
#define EDGE_DNN_TASK_DECISION_H

#include "ns3/address.h"
#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A scheduler's decision about one task: placed on an edge server at a split point with an
 * allocated edge-to-cloud rate, or rejected.
 *
 * SchedulerHelper hands every decision, offline or online, to the task's device
 * (IotDeviceApplication::ApplyDecision), which configures itself with it (edge server, split
 * and device split) and announces it on its
 * TaskDecision trace source; EdgeDnnRecorder and FrameLedger listen there, so a recorded run holds
 * every decision without user code.
 */
struct TaskDecision
{
    uint32_t taskId{0};           //!< the task (the device's TaskId)
    bool admitted{false};         //!< placed (true) or rejected (false)
    std::string algorithm;        //!< the deciding algorithm's name
    uint32_t server{0};           //!< the server's index in the scheduler helper (admitted only)
    Address edge;                 //!< where the device reaches its edge server (admitted only)
    Address cloud;                //!< the edge server's cloud server for the task (admitted only)
    uint32_t splitIndex{0};       //!< the split point's index (admitted only)
    uint32_t deviceSplitIndex{0}; //!< the device's cut (0: nothing on the device; admitted only)
    DataRate allocatedRate{0};    //!< edge-to-cloud bandwidth b_ij allocated (0: none)
    Time predictedLatency{-1};    //!< latency the scheduler predicts (negative: unknown)
    Time decidedAt;               //!< simulation time of the decision
    /**
     * Why it was decided: "schedule" (SchedulerHelper::Schedule), "arrival" (online, as the
     * task started), "periodic" (a run-time re-plan on its period), "estimate" (a run-time
     * re-plan on a significant change of an edge's uplink estimate), "handover" (the device
     * moved to another edge server's access point: SchedulerHelper::EnableHandover).
     */
    std::string reason{"schedule"};
};

/**
 * \ingroup edge-dnn
 * \brief Print a decision ("task 3 admitted by ours on server 1 at split 7, 2.1 Mbit/s").
 * \param os the stream
 * \param decision the decision
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const TaskDecision& decision);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TASK_DECISION_H */
