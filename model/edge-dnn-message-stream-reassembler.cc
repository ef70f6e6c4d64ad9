/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-message-stream-reassembler.h"

#include "ns3/buffer.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

std::vector<EdgeDnnHeader>
MessageStreamReassembler::Receive(Ptr<const Packet> packet)
{
    std::vector<EdgeDnnHeader> complete;
    const uint32_t size = packet->GetSize();
    const uint32_t headerSize = EdgeDnnHeader::GetStaticSize();
    uint32_t offset = 0;
    while (offset < size)
    {
        if (!m_inPayload)
        {
            const uint32_t have = static_cast<uint32_t>(m_headerBytes.size());
            const uint32_t n = std::min(headerSize - have, size - offset);
            m_headerBytes.resize(have + n);
            packet->CreateFragment(offset, n)->CopyData(m_headerBytes.data() + have, n);
            offset += n;
            m_pending += n;
            if (m_headerBytes.size() < headerSize)
            {
                break;
            }
            Buffer buffer;
            buffer.AddAtStart(headerSize);
            buffer.Begin().Write(m_headerBytes.data(), headerSize);
            m_current.Deserialize(buffer.Begin());
            m_headerBytes.clear();
            m_payloadLeft = m_current.GetPayloadSize();
            m_inPayload = true;
        }
        const uint64_t n = std::min<uint64_t>(m_payloadLeft, size - offset);
        m_payloadLeft -= n;
        offset += static_cast<uint32_t>(n);
        m_pending += n;
        if (m_payloadLeft == 0)
        {
            complete.push_back(m_current);
            m_inPayload = false;
            m_pending = 0;
        }
    }
    return complete;
}

uint64_t
MessageStreamReassembler::GetPendingBytes() const
{
    return m_pending;
}

} // namespace edgednn
} // namespace ns3
