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
      deviceSplitIndex(header.GetDeviceSplitIndex()),
      created(header.GetTime(EdgeDnnHeader::CREATED)),
      deviceStart(header.GetTime(EdgeDnnHeader::DEVICE_START)),
      deviceDone(header.GetTime(EdgeDnnHeader::DEVICE_DONE)),
      edgeRx(header.GetTime(EdgeDnnHeader::EDGE_RX)),
      edgeStart(header.GetTime(EdgeDnnHeader::EDGE_START)),
      edgeDone(header.GetTime(EdgeDnnHeader::EDGE_DONE)),
      cloudRx(header.GetTime(EdgeDnnHeader::CLOUD_RX)),
      cloudStart(header.GetTime(EdgeDnnHeader::CLOUD_START)),
      cloudDone(header.GetTime(EdgeDnnHeader::CLOUD_DONE)),
      resultRx(rx),
      deadline(q),
      // Without a device prefix the frame leaves the device as it is created: no device stages.
      deviceQueueing(deviceStart.IsNegative() ? Time(0) : deviceStart - created),
      deviceCompute(deviceStart.IsNegative() || deviceDone.IsNegative() ? Time(0)
                                                                        : deviceDone - deviceStart),
      deviceToEdge(edgeRx - (deviceDone.IsNegative() ? created : deviceDone)),
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
