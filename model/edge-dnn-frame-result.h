/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FRAME_RESULT_H
#define EDGE_DNN_FRAME_RESULT_H

#include "edge-dnn-header.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The state a frame ends in. Every frame ends in exactly one.
 */
enum class FrameStatus
{
    COMPLETED, //!< the result came back within the deadline
    LATE,      //!< the result came back after the deadline
    DROPPED,   //!< refused by a full compute queue at the edge or in the cloud
    LOST,      //!< lost in the network (a UDP fragment missing, or no result within the device's
               //!< timeout)
    IN_FLIGHT, //!< still on its way when the simulation stopped
};

/**
 * \ingroup edge-dnn
 * \param status a frame status
 * \return its name: "completed", "late", "dropped", "lost" or "in_flight"
 */
std::string FrameStatusToString(FrameStatus status);

/**
 * \ingroup edge-dnn
 * \brief What a device learns when a frame's result comes back: the journey's timestamps and the
 * latency breakdown.
 */
struct FrameResult
{
    /**
     * \brief The breakdown of a result message.
     * \param header the RESULT message's header, with the journey's timestamps
     * \param resultRx when the device received it
     * \param deadline the task's deadline Q_j
     */
    FrameResult(const EdgeDnnHeader& header, Time resultRx, Time deadline);

    uint32_t taskId;           //!< task
    uint32_t frameSeq;         //!< frame within the task
    uint32_t splitIndex;       //!< split index it was processed with
    uint32_t deviceSplitIndex; //!< device split index (0: nothing ran on the device)
    Time created;              //!< the device created it
    Time deviceStart;          //!< the device started its layers (negative: none ran there)
    Time deviceDone;           //!< the device finished its layers (negative: none ran there)
    Time edgeRx;               //!< the edge received all of it
    Time edgeStart;            //!< an edge worker started
    Time edgeDone;             //!< the edge finished its layers
    Time cloudRx;              //!< the cloud received the crossing data
    Time cloudStart;           //!< a cloud worker started
    Time cloudDone;            //!< the cloud finished
    Time resultRx;             //!< the device received the result
    Time deadline;             //!< the task's deadline

    Time deviceQueueing; //!< deviceStart - created: waiting for the device (0 without a prefix)
    Time deviceCompute;  //!< deviceDone - deviceStart: the device's layers (0 without a prefix)
    Time deviceToEdge;   //!< edgeRx - deviceDone (edgeRx - created without a prefix): uplink
    Time edgeQueueing;   //!< edgeStart - edgeRx
    Time edgeCompute;    //!< edgeDone - edgeStart
    Time edgeToCloud;   //!< cloudRx - edgeDone: transfer of the crossing data (the paper's latency)
    Time cloudQueueing; //!< cloudStart - cloudRx
    Time cloudCompute;  //!< cloudDone - cloudStart
    Time resultReturn;  //!< resultRx - cloudDone
    Time endToEnd;      //!< resultRx - created

    bool metTransferDeadline; //!< edgeToCloud <= deadline (the paper's QoS bound)
    bool metEndToEndDeadline; //!< endToEnd <= deadline
    FrameStatus status;       //!< COMPLETED or LATE, by the device's LatencyModel
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FRAME_RESULT_H */
