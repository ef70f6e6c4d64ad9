/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-frame-tag.h"

namespace ns3
{
namespace edgednn
{

NS_OBJECT_ENSURE_REGISTERED(EdgeDnnFrameTag);

TypeId
EdgeDnnFrameTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EdgeDnnFrameTag")
                            .SetParent<Tag>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<EdgeDnnFrameTag>();
    return tid;
}

TypeId
EdgeDnnFrameTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

EdgeDnnFrameTag::EdgeDnnFrameTag(uint32_t taskId, uint32_t frameSeq)
    : m_taskId(taskId),
      m_frameSeq(frameSeq)
{
}

uint32_t
EdgeDnnFrameTag::GetTaskId() const
{
    return m_taskId;
}

uint32_t
EdgeDnnFrameTag::GetFrameSeq() const
{
    return m_frameSeq;
}

uint32_t
EdgeDnnFrameTag::GetSerializedSize() const
{
    return 8;
}

void
EdgeDnnFrameTag::Serialize(TagBuffer i) const
{
    i.WriteU32(m_taskId);
    i.WriteU32(m_frameSeq);
}

void
EdgeDnnFrameTag::Deserialize(TagBuffer i)
{
    m_taskId = i.ReadU32();
    m_frameSeq = i.ReadU32();
}

void
EdgeDnnFrameTag::Print(std::ostream& os) const
{
    os << "task=" << m_taskId << " frame=" << m_frameSeq;
}

} // namespace edgednn
} // namespace ns3
