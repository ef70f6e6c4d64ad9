/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "iot-device-helper.h"

#include "ns3/edge-dnn-bounded-attribute-checker.h"
#include "ns3/edge-dnn-number-converting-accessor.h"
#include "ns3/iot-device-application.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgednn
{

IotDeviceHelper::IotDeviceHelper(const Address& edge)
    : EdgeDnnApplicationHelper("ns3::IotDeviceApplication")
{
    m_factory.Set("Remote", AddressValue(edge));
}

void
IotDeviceHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    EdgeDnnApplicationHelper::SetAttribute(name, value);
    if (name == "TaskId")
    {
        // Valid (checked above), but possibly an IntegerValue, a whole DoubleValue or a string.
        Ptr<AttributeValue> id = NumberConvertingAccessor::Convert(
            *CheckAttributeValue(m_factory.GetTypeId(), name, value),
            NumberConvertingAccessor::TO_UINTEGER);
        m_nextTaskId = static_cast<uint32_t>(DynamicCast<UintegerValue>(id)->Get());
    }
}

Ptr<Application>
IotDeviceHelper::InstallPriv(Ptr<Node> node)
{
    m_factory.Set("TaskId", UintegerValue(m_nextTaskId++));
    return EdgeDnnApplicationHelper::InstallPriv(node);
}

int64_t
IotDeviceHelper::AssignStreams(ApplicationContainer apps, int64_t stream)
{
    int64_t used = 0;
    for (auto i = apps.Begin(); i != apps.End(); ++i)
    {
        if (Ptr<IotDeviceApplication> device = DynamicCast<IotDeviceApplication>(*i))
        {
            used += device->AssignStreams(stream + used);
        }
    }
    return used;
}

} // namespace edgednn
} // namespace ns3
