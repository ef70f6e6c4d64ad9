/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_COST_MODEL_H
#define EDGE_DNN_COST_MODEL_H

#include "edge-dnn-split-point.h"
#include "edge-dnn-split-profile.h"
#include "edge-dnn-transport-path.h"

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The one place that says what a frame costs: the bytes crossing a cut, the bytes a
 * message puts on the wire over a TransportPath, the time to carry them at a rate, and the time a
 * server takes for its part of the network.
 *
 * The scheduler's demands and predicted latencies (SchedulingProblem::ComputeDemand), the bytes
 * the applications send, the edge's pacing (MessageSender) and the servers' compute times
 * (InferenceServerApplication) all call it, so the schedule and the simulation count the same
 * bytes and seconds.
 *
 * On the wire, a message is the EdgeDnnHeader and its payload:
 *  - TCP: ceil(m / MSS) segments, each with the TCP header (options included), the IPv4 header
 *    and the link's framing;
 *  - UDP: datagrams of at most segmentBytes, each with an EdgeDnnFragmentHeader, the UDP header,
 *    and per IP fragment (datagrams over the MTU are fragmented) the IPv4 header and the framing;
 *  - IDEAL: the payload alone (the paper's s).
 */
class CostModel
{
  public:
    /**
     * \brief The bytes crossing a cut for a task whose frames have inputBytes, in place of the
     * profile's input wherever the raw input crosses (split 0, or a skip from the input).
     * \param profile the network's split profile
     * \param point one of its split points
     * \param inputBytes the task's frame size (B)
     * \return bytes per frame
     */
    static uint64_t CutBytes(const SplitProfile& profile,
                             const SplitPoint& point,
                             uint64_t inputBytes);

    /**
     * \param payloadBytes a message's payload (B)
     * \return the message's bytes: the EdgeDnnHeader and the payload
     */
    static uint64_t MessageBytes(uint64_t payloadBytes);

    /**
     * \brief The bytes a message puts on the link, every header included.
     * \param path the path
     * \param payloadBytes the message's payload (B)
     * \return bytes on the wire (IDEAL: the payload)
     */
    static uint64_t WireBytes(const TransportPath& path, uint64_t payloadBytes);

    /**
     * \brief The bytes on the link for one write of a sender: TCP, message bytes handed to the
     * socket at once (segmented at the MSS); UDP, one datagram of that many message bytes (its
     * fragment header not included).
     * \param path the path
     * \param bytes message bytes written
     * \return bytes on the wire
     */
    static uint64_t WireBytesOfWrite(const TransportPath& path, uint64_t bytes);

    /**
     * \brief The time to carry a message over a link at a rate, from its first bit sent to its
     * last bit received: its wire bytes at the rate, and the propagation delay.
     * \param path the path
     * \param payloadBytes the message's payload (B)
     * \param rateBps the rate (bit/s, > 0)
     * \return the transfer time
     * \throws EdgeDnnError for a rate that is not a finite number above 0
     */
    static Time TransferTime(const TransportPath& path, uint64_t payloadBytes, double rateBps);

    /**
     * \brief The seconds a server takes for a part of a network on one worker.
     * \param macs its multiply-accumulates
     * \param measuredSeconds its measured seconds, for profiles measured on hardware (NaN or
     * negative: none)
     * \param workerCapacity the worker's capacity (MAC/s)
     * \return measuredSeconds if given, else macs / workerCapacity
     */
    static double ComputeSeconds(uint64_t macs, double measuredSeconds, double workerCapacity);

    /**
     * \brief The time a server takes for a part of a network on one worker (ComputeSeconds, as
     * a simulation time).
     * \param macs its multiply-accumulates
     * \param measured its measured time, for profiles measured on hardware (negative: none)
     * \param workerCapacity the worker's capacity (MAC/s)
     * \return measured if given, else macs / workerCapacity
     */
    static Time ComputeTime(uint64_t macs, Time measured, double workerCapacity);

    /**
     * \brief Check a task's two cuts: the device runs the layers before the device split point,
     * the edge those between it and the edge split point, the cloud the rest.
     * \param profile the network's split profile
     * \param device the device split point (index 0: nothing on the device)
     * \param edge the edge split point
     * \throws EdgeDnnError if the device cut is past the edge cut, or if the device runs layers
     * of a profile measured in seconds (its figures are the edge's and the cloud's only)
     */
    static void CheckDeviceSplit(const SplitProfile& profile,
                                 const SplitPoint& device,
                                 const SplitPoint& edge);

    /**
     * \param device the device split point
     * \return the MACs the device runs: those of the layers before its cut (0 at split 0)
     */
    static uint64_t DeviceMacs(const SplitPoint& device);

    /**
     * \brief The MACs the edge runs between the device cut and the edge cut.
     * \param device the device split point (index 0: the edge runs all layers before its cut)
     * \param edge the edge split point, at or after the device's (CheckDeviceSplit)
     * \return edge.edgeMacs - device.edgeMacs
     */
    static uint64_t EdgeMacs(const SplitPoint& device, const SplitPoint& edge);

    /**
     * \brief The seconds a device takes for the layers before its cut.
     * \param device the device split point
     * \param deviceCapacity the device's compute capacity (MAC/s); unused at split 0
     * \return DeviceMacs(device) / deviceCapacity, 0 at split 0
     */
    static double DeviceComputeSeconds(const SplitPoint& device, double deviceCapacity);

    /**
     * \param point a split point
     * \return its measured edge time, or a negative time for MAC-based profiles
     */
    static Time MeasuredEdgeTime(const SplitPoint& point);

    /**
     * \param point a split point
     * \return its measured cloud time, or a negative time for MAC-based profiles
     */
    static Time MeasuredCloudTime(const SplitPoint& point);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_COST_MODEL_H */
