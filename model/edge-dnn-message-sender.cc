/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-message-sender.h"

#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"
#include "edge-dnn-fragment-header.h"
#include "edge-dnn-frame-tag.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("MessageSender");

MessageSender::MessageSender(Ptr<Socket> socket, Mode mode, uint32_t maxDatagramSize)
    : m_socket(socket),
      m_mode(mode),
      m_maxDatagramSize(maxDatagramSize)
{
    m_socket->SetSendCallback(MakeCallback(&MessageSender::OnSendRoom, this));
}

MessageSender::~MessageSender()
{
    Stop();
}

void
MessageSender::SetPacing(DataRate rate, const TransportPath& path)
{
    m_pacingRate = rate;
    m_pacingPath = path;
}

void
MessageSender::SetSentCallback(SentCallback cb)
{
    m_sent = cb;
}

void
MessageSender::SetBacklogCallback(BacklogCallback cb)
{
    m_backlogChanged = cb;
}

void
MessageSender::SetTagFrames(bool tag)
{
    m_tagFrames = tag;
}

void
MessageSender::SetReady(bool ready)
{
    m_ready = ready;
    if (ready)
    {
        Drain();
    }
}

void
MessageSender::Send(const EdgeDnnHeader& header, const Address& to)
{
    Pending p;
    p.header = header;
    p.to = to;
    p.total = EdgeDnnHeader::GetStaticSize() + uint64_t{header.GetPayloadSize()};
    const bool wasIdle = m_backlog == 0;
    m_backlog += p.total;
    m_queue.push_back(p);
    if (wasIdle && !m_backlogChanged.IsNull())
    {
        m_backlogChanged(true);
    }
    Drain();
}

uint64_t
MessageSender::GetBacklog() const
{
    return m_backlog;
}

Ptr<Socket>
MessageSender::GetSocket() const
{
    return m_socket;
}

void
MessageSender::Stop()
{
    m_paceEvent.Cancel();
    m_queue.clear();
    m_backlog = 0;
    m_backlogChanged = BacklogCallback();
    m_ready = false;
    if (m_socket)
    {
        m_socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
        m_socket = nullptr;
    }
}

void
MessageSender::OnSendRoom(Ptr<Socket> /* socket */, uint32_t /* available */)
{
    Drain();
}

void
MessageSender::Drain()
{
    // Nothing queued is the common case: TCP calls OnSendRoom on every acknowledgement that frees
    // room, long after the last message was written.
    if (m_queue.empty() || !m_ready || !m_socket || m_paceEvent.IsRunning())
    {
        return;
    }
    // Paced, a stream is written a piece at a time (GetPaceChunk), each left to drain.
    const uint32_t paceChunk = m_pacingRate.GetBitRate() != 0
                                   ? GetPaceChunk(m_pacingPath, m_pacingRate.GetBitRate())
                                   : UINT32_MAX;
    while (!m_queue.empty())
    {
        uint32_t written = 0;
        if (m_mode == STREAM)
        {
            written = WriteStreamPiece(std::min(m_socket->GetTxAvailable(), paceChunk));
        }
        else
        {
            written = WriteDatagram();
        }
        if (written == 0)
        {
            return; // the socket calls OnSendRoom when it has room again
        }
        if (m_pacingRate.GetBitRate() != 0)
        {
            m_paceEvent =
                Simulator::Schedule(m_pacingRate.CalculateBytesTxTime(static_cast<uint32_t>(
                                        CostModel::WireBytesOfWrite(m_pacingPath, written))),
                                    &MessageSender::Drain,
                                    this);
            return;
        }
    }
}

uint32_t
MessageSender::WriteStreamPiece(uint32_t room)
{
    Pending& p = m_queue.front();
    const uint32_t headerSize = EdgeDnnHeader::GetStaticSize();
    if (p.written == 0 && room < headerSize)
    {
        return 0; // the header goes in one piece
    }
    const uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(room, p.total - p.written));
    Ptr<Packet> packet;
    if (p.written == 0)
    {
        packet = Create<Packet>(n - headerSize);
        packet->AddHeader(p.header);
    }
    else
    {
        packet = Create<Packet>(n);
    }
    if (m_tagFrames)
    {
        packet->AddByteTag(EdgeDnnFrameTag(p.header.GetTaskId(), p.header.GetFrameSeq()));
    }
    if (m_socket->Send(packet) < 0)
    {
        return 0;
    }
    Advance(n);
    return n;
}

uint32_t
MessageSender::WriteDatagram()
{
    Pending& p = m_queue.front();
    const uint32_t headerSize = EdgeDnnHeader::GetStaticSize();
    const uint32_t capacity = m_maxDatagramSize - EdgeDnnFragmentHeader::GetStaticSize();
    EdgeDnnFragmentHeader fragment;
    fragment.messageType = p.header.GetMessageType();
    fragment.taskId = p.header.GetTaskId();
    fragment.frameSeq = p.header.GetFrameSeq();
    fragment.count = static_cast<uint16_t>((p.total + capacity - 1) / capacity);
    fragment.index = static_cast<uint16_t>(p.written / capacity);
    const uint32_t n = static_cast<uint32_t>(std::min<uint64_t>(capacity, p.total - p.written));
    Ptr<Packet> packet;
    if (fragment.index == 0)
    {
        packet = Create<Packet>(n - headerSize);
        packet->AddHeader(p.header);
    }
    else
    {
        packet = Create<Packet>(n);
    }
    packet->AddHeader(fragment);
    if (m_tagFrames)
    {
        packet->AddByteTag(EdgeDnnFrameTag(p.header.GetTaskId(), p.header.GetFrameSeq()));
    }
    const int sent = p.to.IsInvalid() ? m_socket->Send(packet) : m_socket->SendTo(packet, 0, p.to);
    if (sent < 0)
    {
        NS_LOG_WARN("datagram of " << p.header << " not sent (socket error " << m_socket->GetErrno()
                                   << "): the message is lost");
        m_backlog -= p.total - p.written;
        m_queue.pop_front();
        return n;
    }
    Advance(n);
    return n;
}

void
MessageSender::Advance(uint32_t n)
{
    Pending& p = m_queue.front();
    p.written += n;
    m_backlog -= n;
    if (m_backlog == 0 && !m_backlogChanged.IsNull())
    {
        m_backlogChanged(false);
    }
    if (p.written == p.total)
    {
        const EdgeDnnHeader header = p.header;
        m_queue.pop_front();
        if (!m_sent.IsNull())
        {
            m_sent(header);
        }
    }
}

uint32_t
MessageSender::GetMinDatagramSize()
{
    return EdgeDnnHeader::GetStaticSize() + EdgeDnnFragmentHeader::GetStaticSize() + 1;
}

uint32_t
MessageSender::GetPaceChunk(const TransportPath& path, uint64_t rateBps)
{
    const uint64_t segment = path.protocol == TransportPath::TCP ? path.segmentBytes : 1448;
    const uint64_t perMs = rateBps / 8000;
    const uint64_t burst = path.protocol == TransportPath::TCP ? path.paceBurstSegments : 1;
    return static_cast<uint32_t>(std::max<uint64_t>(std::max<uint64_t>(1, burst), perMs / segment) *
                                 segment);
}

void
MessageSender::ValidateTransport(const std::string& who, TypeId protocol, uint32_t maxDatagramSize)
{
    if (protocol != TcpSocketFactory::GetTypeId() && protocol != UdpSocketFactory::GetTypeId())
    {
        throw EdgeDnnError(who +
                           "attribute Protocol: expected ns3::TcpSocketFactory or "
                           "ns3::UdpSocketFactory, got " +
                           protocol.GetName());
    }
    const uint32_t headers =
        EdgeDnnHeader::GetStaticSize() + EdgeDnnFragmentHeader::GetStaticSize();
    if (maxDatagramSize <= headers)
    {
        throw EdgeDnnError(who + "attribute MaxDatagramSize: must exceed the " +
                           std::to_string(headers) + " B of edge-dnn headers");
    }
}

bool
MessageSender::HasRoute(Ptr<Node> node, const Address& to)
{
    return RouteDevice(node, to) != nullptr;
}

Ptr<NetDevice>
MessageSender::RouteDevice(Ptr<Node> node, const Address& to)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4 || !ipv4->GetRoutingProtocol() || !InetSocketAddress::IsMatchingType(to))
    {
        return nullptr;
    }
    Ipv4Header header;
    header.SetDestination(InetSocketAddress::ConvertFrom(to).GetIpv4());
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route =
        ipv4->GetRoutingProtocol()->RouteOutput(Create<Packet>(), header, nullptr, error);
    return route ? route->GetOutputDevice() : nullptr;
}

} // namespace edgednn
} // namespace ns3
