/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "link-rate-trace-helper.h"

#include "ns3/edge-dnn-bounded-attribute-checker.h"
#include "ns3/string.h"

namespace ns3
{
namespace edgednn
{

LinkRateTraceHelper::LinkRateTraceHelper()
{
    m_factory.SetTypeId(LinkRateTrace::GetTypeId());
}

LinkRateTraceHelper::LinkRateTraceHelper(const std::string& file)
    : LinkRateTraceHelper()
{
    SetAttribute("File", StringValue(file));
}

void
LinkRateTraceHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, *CheckAttributeValue(m_factory.GetTypeId(), name, value));
}

Ptr<LinkRateTrace>
LinkRateTraceHelper::Install(Ptr<NetDevice> device) const
{
    Ptr<LinkRateTrace> trace = m_factory.Create<LinkRateTrace>();
    trace->Install(device);
    return trace;
}

std::vector<Ptr<LinkRateTrace>>
LinkRateTraceHelper::Install(const NetDeviceContainer& devices) const
{
    std::vector<Ptr<LinkRateTrace>> traces;
    for (auto i = devices.Begin(); i != devices.End(); ++i)
    {
        traces.push_back(Install(*i));
    }
    return traces;
}

} // namespace edgednn
} // namespace ns3
