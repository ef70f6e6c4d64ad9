/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-header.h"

#include "ns3/abort.h"

namespace ns3
{
namespace edgednn
{

NS_OBJECT_ENSURE_REGISTERED(EdgeDnnHeader);

EdgeDnnHeader::EdgeDnnHeader()
{
    for (auto& t : m_times)
    {
        t = -1;
    }
}

TypeId
EdgeDnnHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EdgeDnnHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<EdgeDnnHeader>();
    return tid;
}

TypeId
EdgeDnnHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
EdgeDnnHeader::Print(std::ostream& os) const
{
    static const char* names[] = {"?", "FRAME", "FEATURES", "RESULT"};
    os << names[m_type <= RESULT ? m_type : 0] << " task=" << m_taskId << " frame=" << m_frameSeq
       << " split=" << m_splitIndex;
    if (m_deviceSplitIndex != 0)
    {
        os << " device-split=" << m_deviceSplitIndex;
    }
    os << " payload=" << m_payloadSize;
}

uint32_t
EdgeDnnHeader::GetStaticSize()
{
    return 1 + 4 + 4 + 4 + 4 + 4 + 4 + 8 + 8 + 8 + 8 + 4 + 8 * STAGE_COUNT;
}

uint32_t
EdgeDnnHeader::GetSerializedSize() const
{
    return GetStaticSize();
}

void
EdgeDnnHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(m_type);
    i.WriteHtonU32(m_taskId);
    i.WriteHtonU32(m_frameSeq);
    i.WriteHtonU32(m_splitIndex);
    i.WriteHtonU32(m_deviceSplitIndex);
    i.WriteHtonU32(m_payloadSize);
    i.WriteHtonU32(m_featureBytes);
    i.WriteHtonU64(m_edgeMacs);
    i.WriteHtonU64(static_cast<uint64_t>(m_edgeWorkNs));
    i.WriteHtonU64(m_cloudMacs);
    i.WriteHtonU64(static_cast<uint64_t>(m_cloudWorkNs));
    i.WriteHtonU32(m_resultSize);
    for (int64_t t : m_times)
    {
        i.WriteHtonU64(static_cast<uint64_t>(t));
    }
}

uint32_t
EdgeDnnHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    m_type = static_cast<MessageType>(i.ReadU8());
    m_taskId = i.ReadNtohU32();
    m_frameSeq = i.ReadNtohU32();
    m_splitIndex = i.ReadNtohU32();
    m_deviceSplitIndex = i.ReadNtohU32();
    m_payloadSize = i.ReadNtohU32();
    m_featureBytes = i.ReadNtohU32();
    m_edgeMacs = i.ReadNtohU64();
    m_edgeWorkNs = static_cast<int64_t>(i.ReadNtohU64());
    m_cloudMacs = i.ReadNtohU64();
    m_cloudWorkNs = static_cast<int64_t>(i.ReadNtohU64());
    m_resultSize = i.ReadNtohU32();
    for (auto& t : m_times)
    {
        t = static_cast<int64_t>(i.ReadNtohU64());
    }
    return GetSerializedSize();
}

EdgeDnnHeader::MessageType
EdgeDnnHeader::GetMessageType() const
{
    return m_type;
}

void
EdgeDnnHeader::SetMessageType(MessageType type)
{
    m_type = type;
}

uint32_t
EdgeDnnHeader::GetTaskId() const
{
    return m_taskId;
}

void
EdgeDnnHeader::SetTaskId(uint32_t taskId)
{
    m_taskId = taskId;
}

uint32_t
EdgeDnnHeader::GetFrameSeq() const
{
    return m_frameSeq;
}

void
EdgeDnnHeader::SetFrameSeq(uint32_t seq)
{
    m_frameSeq = seq;
}

uint32_t
EdgeDnnHeader::GetSplitIndex() const
{
    return m_splitIndex;
}

void
EdgeDnnHeader::SetSplitIndex(uint32_t index)
{
    m_splitIndex = index;
}

uint32_t
EdgeDnnHeader::GetDeviceSplitIndex() const
{
    return m_deviceSplitIndex;
}

void
EdgeDnnHeader::SetDeviceSplitIndex(uint32_t index)
{
    m_deviceSplitIndex = index;
}

uint32_t
EdgeDnnHeader::GetPayloadSize() const
{
    return m_payloadSize;
}

void
EdgeDnnHeader::SetPayloadSize(uint32_t bytes)
{
    m_payloadSize = bytes;
}

uint32_t
EdgeDnnHeader::GetFeatureBytes() const
{
    return m_featureBytes;
}

void
EdgeDnnHeader::SetFeatureBytes(uint32_t bytes)
{
    m_featureBytes = bytes;
}

uint64_t
EdgeDnnHeader::GetEdgeMacs() const
{
    return m_edgeMacs;
}

void
EdgeDnnHeader::SetEdgeMacs(uint64_t macs)
{
    m_edgeMacs = macs;
}

Time
EdgeDnnHeader::GetEdgeWork() const
{
    return NanoSeconds(m_edgeWorkNs);
}

void
EdgeDnnHeader::SetEdgeWork(Time work)
{
    m_edgeWorkNs = work.IsNegative() ? -1 : work.GetNanoSeconds();
}

uint64_t
EdgeDnnHeader::GetCloudMacs() const
{
    return m_cloudMacs;
}

void
EdgeDnnHeader::SetCloudMacs(uint64_t macs)
{
    m_cloudMacs = macs;
}

Time
EdgeDnnHeader::GetCloudWork() const
{
    return NanoSeconds(m_cloudWorkNs);
}

void
EdgeDnnHeader::SetCloudWork(Time work)
{
    m_cloudWorkNs = work.IsNegative() ? -1 : work.GetNanoSeconds();
}

uint32_t
EdgeDnnHeader::GetResultSize() const
{
    return m_resultSize;
}

void
EdgeDnnHeader::SetResultSize(uint32_t bytes)
{
    m_resultSize = bytes;
}

Time
EdgeDnnHeader::GetTime(Stage stage) const
{
    NS_ABORT_MSG_IF(stage >= STAGE_COUNT, "no stage " << int(stage));
    return NanoSeconds(m_times[stage]);
}

void
EdgeDnnHeader::SetTime(Stage stage, Time t)
{
    NS_ABORT_MSG_IF(stage >= STAGE_COUNT, "no stage " << int(stage));
    m_times[stage] = t.GetNanoSeconds();
}

} // namespace edgednn
} // namespace ns3
