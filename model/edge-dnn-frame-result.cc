/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-frame-result.h"

namespace ns3
{
namespace edgednn
{

std::string
FrameStatusToString(FrameStatus status)
{
    switch (status)
    {
    case FrameStatus::COMPLETED:
        return "completed";
    case FrameStatus::LATE:
        return "late";
    case FrameStatus::DROPPED:
        return "dropped";
    case FrameStatus::LOST:
        return "lost";
    case FrameStatus::IN_FLIGHT:
        return "in_flight";
    }
    return "unknown";
}

FrameResult::FrameResult(const EdgeDnnHeader& header, Time rx, Time q)
    : taskId(header.GetTaskId()),
      frameSeq(header.GetFrameSeq()),
      splitIndex(header.GetSplitIndex()),
      created(header.GetTime(EdgeDnnHeader::CREATED)),
      edgeRx(header.GetTime(EdgeDnnHeader::EDGE_RX)),
      edgeStart(header.GetTime(EdgeDnnHeader::EDGE_START)),
      edgeDone(header.GetTime(EdgeDnnHeader::EDGE_DONE)),
      cloudRx(header.GetTime(EdgeDnnHeader::CLOUD_RX)),
      cloudStart(header.GetTime(EdgeDnnHeader::CLOUD_START)),
      cloudDone(header.GetTime(EdgeDnnHeader::CLOUD_DONE)),
      resultRx(rx),
      deadline(q),
      deviceToEdge(edgeRx - created),
      edgeQueueing(edgeStart - edgeRx),
      edgeCompute(edgeDone - edgeStart),
      edgeToCloud(cloudRx - edgeDone),
      cloudQueueing(cloudStart - cloudRx),
      cloudCompute(cloudDone - cloudStart),
      resultReturn(resultRx - cloudDone),
      endToEnd(resultRx - created),
      metTransferDeadline(edgeToCloud <= deadline),
      metEndToEndDeadline(endToEnd <= deadline),
      status(metEndToEndDeadline ? FrameStatus::COMPLETED : FrameStatus::LATE)
{
}

} // namespace edgednn
} // namespace ns3
