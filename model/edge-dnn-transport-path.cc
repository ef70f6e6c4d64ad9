/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-transport-path.h"

#include "edge-dnn-error.h"
#include "edge-dnn-fragment-header.h"
#include "edge-dnn-header.h"

#include "ns3/boolean.h"
#include "ns3/channel.h"
#include "ns3/nstime.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/**
 * \brief The value an attribute of a TypeId takes on new objects now (Config::SetDefault counts).
 * \tparam V the attribute's value type
 * \param type the TypeId's name
 * \param name the attribute's name
 * \return the value
 */
template <typename V>
auto
DefaultOf(const std::string& type, const std::string& name)
{
    TypeId::AttributeInformation info;
    const bool found = TypeId::LookupByName(type).LookupAttributeByName(name, &info);
    NS_ABORT_MSG_IF(!found, type << " has no attribute " << name);
    Ptr<const V> value = DynamicCast<const V>(info.initialValue);
    NS_ABORT_MSG_IF(!value, type << "::" << name << " has an unexpected type");
    return value->Get();
}

} // namespace

TransportPath
TransportPath::ForSocket(TypeId protocol,
                         uint32_t maxDatagramSize,
                         uint32_t linkHeaderBytes,
                         uint32_t mtuBytes,
                         Time propagation)
{
    TransportPath path;
    path.networkHeaderBytes = 20;
    path.linkHeaderBytes = linkHeaderBytes;
    path.mtuBytes = mtuBytes;
    path.propagation = propagation;
    if (protocol == TcpSocketFactory::GetTypeId())
    {
        path.protocol = TCP;
        path.segmentBytes =
            static_cast<uint32_t>(DefaultOf<UintegerValue>("ns3::TcpSocket", "SegmentSize"));
        // 20 B, and the timestamp option (10 B) padded to 12 when enabled.
        path.transportHeaderBytes =
            DefaultOf<BooleanValue>("ns3::TcpSocketBase", "Timestamp") ? 32 : 20;
    }
    else if (protocol == UdpSocketFactory::GetTypeId())
    {
        path.protocol = UDP;
        path.segmentBytes = maxDatagramSize;
        path.transportHeaderBytes = 8;
    }
    else
    {
        throw EdgeDnnError("transport path: expected ns3::TcpSocketFactory or "
                           "ns3::UdpSocketFactory, got " +
                           protocol.GetName());
    }
    return path;
}

TransportPath
TransportPath::ForDevice(Ptr<NetDevice> device, TypeId protocol, uint32_t maxDatagramSize)
{
    const std::string type = device->GetInstanceTypeId().GetName();
    uint32_t framing = 0;
    if (type == "ns3::PointToPointNetDevice")
    {
        framing = 2; // PppHeader
    }
    else if (type == "ns3::CsmaNetDevice")
    {
        framing = 14 + 4; // EthernetHeader (DIX) and EthernetTrailer
    }
    else
    {
        throw EdgeDnnError("transport path: the framing and delay of a " + type +
                           " are not known to edge-dnn (point-to-point and CSMA are); give the "
                           "path (TransportPath::ForSocket) for it instead");
    }
    TimeValue delay;
    Ptr<Channel> channel = device->GetChannel();
    if (!channel || !channel->GetAttributeFailSafe("Delay", delay))
    {
        throw EdgeDnnError("transport path: the " + type +
                           " is not attached to a channel with a Delay attribute");
    }
    return ForSocket(protocol, maxDatagramSize, framing, device->GetMtu(), delay.Get());
}

void
TransportPath::Validate(const std::string& where) const
{
    if (protocol == IDEAL)
    {
        return;
    }
    std::ostringstream os;
    os << where << ": transport path: ";
    if (protocol == TCP && segmentBytes == 0)
    {
        os << "segment_bytes must be > 0";
        throw EdgeDnnError(os.str());
    }
    const uint32_t headers =
        EdgeDnnHeader::GetStaticSize() + EdgeDnnFragmentHeader::GetStaticSize();
    if (protocol == UDP && segmentBytes <= headers)
    {
        os << "segment_bytes (the UDP datagram payload) must exceed the " << headers
           << " B of edge-dnn headers";
        throw EdgeDnnError(os.str());
    }
    if (paceBurstSegments < 1 || paceBurstSegments > MAX_PACE_BURST_SEGMENTS)
    {
        os << "pace_burst_segments must be from 1 to " << MAX_PACE_BURST_SEGMENTS;
        throw EdgeDnnError(os.str());
    }
    if (mtuBytes <= networkHeaderBytes + transportHeaderBytes)
    {
        os << "mtu_bytes must exceed the network and transport headers ("
           << networkHeaderBytes + transportHeaderBytes << " B)";
        throw EdgeDnnError(os.str());
    }
    if (protocol == TCP && segmentBytes + transportHeaderBytes + networkHeaderBytes > mtuBytes)
    {
        os << "a TCP segment of " << segmentBytes << " B with its headers exceeds the MTU of "
           << mtuBytes << " B";
        throw EdgeDnnError(os.str());
    }
    if (propagation.IsStrictlyNegative())
    {
        os << "propagation must be >= 0 s";
        throw EdgeDnnError(os.str());
    }
}

std::string
TransportPath::ProtocolName(Protocol protocol)
{
    switch (protocol)
    {
    case TCP:
        return "tcp";
    case UDP:
        return "udp";
    default:
        return "ideal";
    }
}

} // namespace edgednn
} // namespace ns3
