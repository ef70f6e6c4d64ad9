/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-fragment-header.h"

namespace ns3
{
namespace edgednn
{

NS_OBJECT_ENSURE_REGISTERED(EdgeDnnFragmentHeader);

TypeId
EdgeDnnFragmentHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EdgeDnnFragmentHeader")
                            .SetParent<Header>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<EdgeDnnFragmentHeader>();
    return tid;
}

TypeId
EdgeDnnFragmentHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
EdgeDnnFragmentHeader::Print(std::ostream& os) const
{
    os << "type=" << int(messageType) << " task=" << taskId << " frame=" << frameSeq
       << " fragment=" << index << "/" << count;
}

uint32_t
EdgeDnnFragmentHeader::GetStaticSize()
{
    return 1 + 4 + 4 + 2 + 2;
}

uint32_t
EdgeDnnFragmentHeader::GetSerializedSize() const
{
    return GetStaticSize();
}

void
EdgeDnnFragmentHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(messageType);
    start.WriteHtonU32(taskId);
    start.WriteHtonU32(frameSeq);
    start.WriteHtonU16(index);
    start.WriteHtonU16(count);
}

uint32_t
EdgeDnnFragmentHeader::Deserialize(Buffer::Iterator start)
{
    messageType = start.ReadU8();
    taskId = start.ReadNtohU32();
    frameSeq = start.ReadNtohU32();
    index = start.ReadNtohU16();
    count = start.ReadNtohU16();
    return GetStaticSize();
}

} // namespace edgednn
} // namespace ns3
