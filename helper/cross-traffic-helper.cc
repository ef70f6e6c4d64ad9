/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cross-traffic-helper.h"

#include "ns3/address.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/on-off-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("CrossTrafficHelper");

namespace
{

/**
 * \param transport UDP or TCP
 * \return the socket factory's TypeId name
 */
std::string
FactoryOf(CrossTrafficHelper::Transport transport)
{
    return transport == CrossTrafficHelper::TCP ? "ns3::TcpSocketFactory" : "ns3::UdpSocketFactory";
}

/**
 * \param node a node
 * \return "node N"
 */
std::string
NodeName(Ptr<Node> node)
{
    return "node " + std::to_string(node->GetId());
}

/**
 * \param t a time
 * \return it in seconds, as text
 */
std::string
SecondsText(Time t)
{
    std::ostringstream s;
    s << t.GetSeconds() << " s";
    return s.str();
}

/**
 * \param app an application
 * \param [out] port the port it listens on ("Local" InetSocketAddress, or "Port")
 * \return whether it has one
 */
bool
ListeningPort(Ptr<Application> app, uint16_t& port)
{
    const TypeId tid = app->GetInstanceTypeId();
    TypeId::AttributeInformation info;
    if (tid.LookupAttributeByName("Local", &info))
    {
        AddressValue local;
        app->GetAttribute("Local", local);
        if (InetSocketAddress::IsMatchingType(local.Get()))
        {
            port = InetSocketAddress::ConvertFrom(local.Get()).GetPort();
            return true;
        }
        return false;
    }
    if (tid.LookupAttributeByName("Port", &info))
    {
        UintegerValue p;
        app->GetAttribute("Port", p);
        port = static_cast<uint16_t>(p.Get());
        return true;
    }
    return false;
}

} // namespace

CrossTrafficHelper::CrossTrafficHelper(Transport transport, uint16_t port)
    : m_transport(transport),
      m_port(port)
{
    if (port == 0)
    {
        throw EdgeDnnError("CrossTrafficHelper: port 0; expected the sink's port, 1..65535");
    }
}

void
CrossTrafficHelper::CheckSize(uint32_t size, const std::string& what)
{
    if (size == 0 || size > 65507)
    {
        throw EdgeDnnError("CrossTrafficHelper: " + what + " " + std::to_string(size) +
                           " B; expected 1..65507 B");
    }
}

void
CrossTrafficHelper::SetConstantRate(DataRate rate, uint32_t packetSize)
{
    SetOnOff(rate, Time(), Time(), false, packetSize);
}

void
CrossTrafficHelper::SetOnOff(DataRate rate,
                             Time onTime,
                             Time offTime,
                             bool exponential,
                             uint32_t packetSize)
{
    if (rate.GetBitRate() == 0)
    {
        throw EdgeDnnError("CrossTrafficHelper: rate 0 bit/s; expected a rate > 0");
    }
    CheckSize(packetSize, "packet size");
    if (onTime.IsStrictlyNegative() || offTime.IsStrictlyNegative() ||
        (onTime.IsZero() && !offTime.IsZero()))
    {
        throw EdgeDnnError("CrossTrafficHelper: on time " + SecondsText(onTime) + ", off time " +
                           SecondsText(offTime) + "; expected an on time > 0 and an off time >= 0");
    }
    m_source = ON_OFF;
    m_rate = rate;
    m_onTime = onTime;
    m_offTime = offTime;
    m_exponential = exponential;
    m_packetSize = packetSize;
}

void
CrossTrafficHelper::SetBulkSend(uint64_t maxBytes, uint32_t sendSize)
{
    CheckSize(sendSize, "send size");
    m_source = BULK_SEND;
    m_maxBytes = maxBytes;
    m_packetSize = sendSize;
}

void
CrossTrafficHelper::SetStartStop(Time start, Time stop)
{
    if (start.IsStrictlyNegative() || (!stop.IsZero() && stop <= start))
    {
        throw EdgeDnnError("CrossTrafficHelper: start " + SecondsText(start) + ", stop " +
                           SecondsText(stop) +
                           "; expected a start >= 0 and a stop after it (0: never stops)");
    }
    m_start = start;
    m_stop = stop;
}

ApplicationContainer
CrossTrafficHelper::Install(Ptr<Node> source, Ptr<Node> sink, Ipv4Address sinkAddress) const
{
    NS_LOG_FUNCTION(this << source << sink << sinkAddress);
    if (!source || !sink)
    {
        throw EdgeDnnError("CrossTrafficHelper::Install: no " +
                           std::string(source ? "sink" : "source") + " node; expected a node");
    }
    Ptr<Ipv4> sourceIp = source->GetObject<Ipv4>();
    Ptr<Ipv4> sinkIp = sink->GetObject<Ipv4>();
    if (!sourceIp || !sinkIp)
    {
        throw EdgeDnnError("CrossTrafficHelper::Install: " + NodeName(sourceIp ? sink : source) +
                           " has no IPv4 stack; expected InternetStackHelper::Install first");
    }
    std::ostringstream address;
    address << sinkAddress;
    if (sinkIp->GetInterfaceForAddress(sinkAddress) < 0)
    {
        throw EdgeDnnError("CrossTrafficHelper::Install: " + address.str() +
                           " is not an address of " + NodeName(sink) +
                           " (the sink); expected one of its IPv4 addresses");
    }
    Ptr<Ipv4RoutingProtocol> routing = sourceIp->GetRoutingProtocol();
    Socket::SocketErrno error = Socket::ERROR_NOTERROR;
    Ipv4Header header;
    header.SetDestination(sinkAddress);
    if (!routing || !routing->RouteOutput(Create<Packet>(), header, nullptr, error))
    {
        throw EdgeDnnError("CrossTrafficHelper::Install: " + NodeName(source) +
                           " (the source) has no route to " + address.str() + " (" +
                           NodeName(sink) +
                           "); expected a routable sink address (populate the routing tables, "
                           "e.g. Ipv4GlobalRoutingHelper::PopulateRoutingTables(), before "
                           "Install)");
    }
    if (m_source == BULK_SEND && m_transport != TCP)
    {
        throw EdgeDnnError("CrossTrafficHelper::Install: BulkSend over UDP; expected TCP "
                           "(BulkSendApplication fills a socket's send buffer, which UDP has "
                           "not)");
    }
    const std::string factory = FactoryOf(m_transport);
    for (uint32_t i = 0; i < sink->GetNApplications(); ++i)
    {
        Ptr<Application> app = sink->GetApplication(i);
        uint16_t port = 0;
        if (!ListeningPort(app, port) || port != m_port)
        {
            continue;
        }
        TypeId::AttributeInformation info;
        if (app->GetInstanceTypeId().LookupAttributeByName("Protocol", &info))
        {
            TypeIdValue protocol;
            app->GetAttribute("Protocol", protocol);
            if (protocol.Get().GetName() != factory)
            {
                continue; // TCP and UDP ports are apart
            }
        }
        throw EdgeDnnError("CrossTrafficHelper::Install: port " + std::to_string(m_port) + " on " +
                           NodeName(sink) + " is taken by its application " + std::to_string(i) +
                           " (" + app->GetInstanceTypeId().GetName() +
                           "); expected a free port for the PacketSink");
    }

    const Address remote = InetSocketAddress(sinkAddress, m_port);
    ApplicationContainer apps;
    if (m_source == ON_OFF)
    {
        OnOffHelper onOff(factory, remote);
        onOff.SetConstantRate(m_rate, m_packetSize);
        if (!m_onTime.IsZero())
        {
            const std::string kind = m_exponential ? "ns3::ExponentialRandomVariable[Mean="
                                                   : "ns3::ConstantRandomVariable[Constant=";
            std::ostringstream on;
            std::ostringstream off;
            on << kind << m_onTime.GetSeconds() << "]";
            off << kind << m_offTime.GetSeconds() << "]";
            onOff.SetAttribute("OnTime", StringValue(on.str()));
            onOff.SetAttribute("OffTime", StringValue(off.str()));
        }
        apps.Add(onOff.Install(source));
    }
    else
    {
        BulkSendHelper bulk(factory, remote);
        bulk.SetAttribute("MaxBytes", UintegerValue(m_maxBytes));
        bulk.SetAttribute("SendSize", UintegerValue(m_packetSize));
        apps.Add(bulk.Install(source));
    }
    apps.Get(0)->SetStartTime(m_start);
    if (!m_stop.IsZero())
    {
        apps.Get(0)->SetStopTime(m_stop);
    }
    PacketSinkHelper sinkHelper(factory, InetSocketAddress(Ipv4Address::GetAny(), m_port));
    ApplicationContainer sinkApp = sinkHelper.Install(sink);
    sinkApp.Get(0)->SetStartTime(m_start);
    apps.Add(sinkApp);
    return apps;
}

} // namespace edgednn
} // namespace ns3
