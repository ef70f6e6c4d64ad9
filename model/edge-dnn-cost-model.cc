/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-cost-model.h"

#include "edge-dnn-error.h"
#include "edge-dnn-fragment-header.h"
#include "edge-dnn-header.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/**
 * \param a a number
 * \param b a number > 0
 * \return ceil(a / b)
 */
uint64_t
CeilDiv(uint64_t a, uint64_t b)
{
    return (a + b - 1) / b;
}

} // namespace

uint64_t
CostModel::CutBytes(const SplitProfile& profile, const SplitPoint& point, uint64_t inputBytes)
{
    if (point.index == 0)
    {
        return inputBytes;
    }
    const std::string& inputName = profile.GetSplitPoints().front().name;
    if (std::find(point.crossingTensors.begin(), point.crossingTensors.end(), inputName) !=
        point.crossingTensors.end())
    {
        // The raw input still crosses (a skip from the input past the cut): replace its bytes.
        return point.bytes - profile.GetInputBytes() + inputBytes;
    }
    return point.bytes;
}

uint64_t
CostModel::MessageBytes(uint64_t payloadBytes)
{
    return EdgeDnnHeader::GetStaticSize() + payloadBytes;
}

uint64_t
CostModel::WireBytesOfWrite(const TransportPath& path, uint64_t bytes)
{
    switch (path.protocol)
    {
    case TransportPath::TCP: {
        const uint64_t perSegment =
            path.transportHeaderBytes + path.networkHeaderBytes + path.linkHeaderBytes;
        return bytes + CeilDiv(bytes, path.segmentBytes) * perSegment;
    }
    case TransportPath::UDP: {
        const uint64_t ipPayload =
            bytes + EdgeDnnFragmentHeader::GetStaticSize() + path.transportHeaderBytes;
        // IPv4 fragments carry multiples of 8 B, each with its own IP header and framing.
        const uint64_t perFragment = (path.mtuBytes - path.networkHeaderBytes) / 8 * 8;
        const uint64_t packets = CeilDiv(ipPayload, perFragment);
        return ipPayload + packets * (path.networkHeaderBytes + path.linkHeaderBytes);
    }
    default:
        return bytes;
    }
}

uint64_t
CostModel::WireBytes(const TransportPath& path, uint64_t payloadBytes)
{
    if (path.protocol == TransportPath::IDEAL)
    {
        return payloadBytes;
    }
    const uint64_t message = MessageBytes(payloadBytes);
    if (path.protocol == TransportPath::TCP)
    {
        return WireBytesOfWrite(path, message);
    }
    // UDP: MessageSender cuts the message into datagrams of (segmentBytes - fragment header).
    const uint64_t capacity = path.segmentBytes - EdgeDnnFragmentHeader::GetStaticSize();
    const uint64_t full = message / capacity;
    const uint64_t rest = message % capacity;
    return full * WireBytesOfWrite(path, capacity) + (rest ? WireBytesOfWrite(path, rest) : 0);
}

Time
CostModel::TransferTime(const TransportPath& path, uint64_t payloadBytes, double rateBps)
{
    if (!(rateBps > 0) || !std::isfinite(rateBps))
    {
        std::ostringstream os;
        os << "CostModel::TransferTime: rate " << rateBps
           << " bit/s: expected a finite rate above 0";
        throw EdgeDnnError(os.str());
    }
    return Seconds(8.0 * static_cast<double>(WireBytes(path, payloadBytes)) / rateBps) +
           path.propagation;
}

double
CostModel::ComputeSeconds(uint64_t macs, double measuredSeconds, double workerCapacity)
{
    if (measuredSeconds >= 0.0) // false for NaN
    {
        return measuredSeconds;
    }
    return static_cast<double>(macs) / workerCapacity;
}

Time
CostModel::ComputeTime(uint64_t macs, Time measured, double workerCapacity)
{
    if (!measured.IsNegative())
    {
        return measured;
    }
    return Seconds(ComputeSeconds(macs, -1.0, workerCapacity));
}

void
CostModel::CheckDeviceSplit(const SplitProfile& profile,
                            const SplitPoint& device,
                            const SplitPoint& edge)
{
    if (device.index > edge.index)
    {
        throw EdgeDnnError(profile.GetModelName() + ": device split " +
                           std::to_string(device.index) + " is past the edge split " +
                           std::to_string(edge.index) +
                           ": expected a device split <= the edge split (the device runs a "
                           "prefix of the edge's layers)");
    }
    if (device.index != 0 && profile.GetCostUnit() == SplitCostUnit::SECONDS)
    {
        throw EdgeDnnError(profile.GetModelName() + ": device split " +
                           std::to_string(device.index) +
                           " of a profile measured in seconds: its figures are the edge's and the "
                           "cloud's, so expected device split 0 (or a profile in MACs)");
    }
}

uint64_t
CostModel::DeviceMacs(const SplitPoint& device)
{
    return device.index == 0 ? 0 : device.edgeMacs;
}

uint64_t
CostModel::EdgeMacs(const SplitPoint& device, const SplitPoint& edge)
{
    return edge.edgeMacs - DeviceMacs(device);
}

double
CostModel::DeviceComputeSeconds(const SplitPoint& device, double deviceCapacity)
{
    if (device.index == 0)
    {
        return 0.0;
    }
    return ComputeSeconds(DeviceMacs(device), -1.0, deviceCapacity);
}

Time
CostModel::MeasuredEdgeTime(const SplitPoint& point)
{
    return std::isnan(point.edgeSeconds) ? Seconds(-1) : Seconds(point.edgeSeconds);
}

Time
CostModel::MeasuredCloudTime(const SplitPoint& point)
{
    return std::isnan(point.cloudSeconds) ? Seconds(-1) : Seconds(point.cloudSeconds);
}

} // namespace edgednn
} // namespace ns3
