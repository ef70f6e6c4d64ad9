/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-recorder-probe.h"

#include "ns3/log.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("RecorderProbe");

NS_OBJECT_ENSURE_REGISTERED(RecorderProbe);

TypeId
RecorderProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RecorderProbe").SetParent<Object>().SetGroupName("EdgeDnn");
    return tid;
}

RecorderProbe::RecorderProbe()
{
    NS_LOG_FUNCTION(this);
}

RecorderProbe::~RecorderProbe()
{
    NS_LOG_FUNCTION(this);
}

std::vector<std::string>
RecorderProbe::GetIndexes() const
{
    return {};
}

void
RecorderProbe::Finish(Time /* now */)
{
}

void
RecorderProbe::SetRowBufferedCallback(Callback<void> rowBuffered)
{
    m_rowBuffered = rowBuffered;
}

void
RecorderProbe::DoDispose()
{
    m_rowBuffered = Callback<void>();
    Object::DoDispose();
}

} // namespace edgednn
} // namespace ns3
