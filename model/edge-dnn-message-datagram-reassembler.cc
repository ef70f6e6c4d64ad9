/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-message-datagram-reassembler.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("MessageDatagramReassembler");

MessageDatagramReassembler::MessageDatagramReassembler(Time timeout,
                                                       MessageCallback onMessage,
                                                       LostCallback onLost)
    : m_timeout(timeout),
      m_onMessage(onMessage),
      m_onLost(onLost)
{
}

MessageDatagramReassembler::~MessageDatagramReassembler()
{
    for (auto& entry : m_partial)
    {
        entry.second.timeout.Cancel();
    }
}

void
MessageDatagramReassembler::Receive(Ptr<Packet> packet, const Address& from)
{
    if (packet->GetSize() < EdgeDnnFragmentHeader::GetStaticSize())
    {
        NS_LOG_WARN("ignoring a datagram of " << packet->GetSize() << " B: too short for edge-dnn");
        return;
    }
    EdgeDnnFragmentHeader fragment;
    packet->RemoveHeader(fragment);
    if (fragment.count == 0 || fragment.index >= fragment.count)
    {
        NS_LOG_WARN("ignoring a malformed fragment " << fragment);
        return;
    }
    const Key key{from, fragment.messageType, fragment.taskId, fragment.frameSeq};
    auto it = m_partial.find(key);
    if (it == m_partial.end())
    {
        it = m_partial.emplace(key, Partial()).first;
        it->second.got.assign(fragment.count, false);
        it->second.timeout =
            Simulator::Schedule(m_timeout, &MessageDatagramReassembler::Expire, this, key);
    }
    Partial& partial = it->second;
    if (fragment.count != partial.got.size() || partial.got[fragment.index])
    {
        return; // a duplicate, or a fragment of an older message with the same identity
    }
    partial.got[fragment.index] = true;
    ++partial.received;
    if (fragment.index == 0)
    {
        packet->RemoveHeader(partial.header);
        partial.haveHeader = true;
    }
    if (partial.received == partial.got.size() && partial.haveHeader)
    {
        const EdgeDnnHeader header = partial.header;
        partial.timeout.Cancel();
        m_partial.erase(it);
        m_onMessage(header, from);
    }
}

void
MessageDatagramReassembler::Expire(Key key)
{
    auto it = m_partial.find(key);
    if (it == m_partial.end())
    {
        return;
    }
    EdgeDnnHeader header = it->second.header;
    header.SetMessageType(static_cast<EdgeDnnHeader::MessageType>(std::get<1>(key)));
    header.SetTaskId(std::get<2>(key));
    header.SetFrameSeq(std::get<3>(key));
    NS_LOG_INFO("gave up " << header << ": " << it->second.received << " of "
                           << it->second.got.size() << " fragments in " << m_timeout.As(Time::S));
    m_partial.erase(it);
    m_onLost(header, std::get<0>(key));
}

std::size_t
MessageDatagramReassembler::GetPendingCount() const
{
    return m_partial.size();
}

} // namespace edgednn
} // namespace ns3
