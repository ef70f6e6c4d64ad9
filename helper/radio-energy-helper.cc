/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "radio-energy-helper.h"

#include "ns3/basic-energy-source-helper.h"
#include "ns3/basic-energy-source.h"
#include "ns3/edge-dnn-bounded-attribute-checker.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/node.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-radio-energy-model-helper.h"
#include "ns3/wifi-radio-energy-model.h"

namespace ns3
{
namespace edgednn
{

RadioEnergyHelper::RadioEnergyHelper()
{
    m_meter.SetTypeId(RadioEnergyMeter::GetTypeId());
}

void
RadioEnergyHelper::SetSourceAttribute(const std::string& name, const AttributeValue& value)
{
    m_sourceValues.emplace_back(name,
                                CheckAttributeValue(BasicEnergySource::GetTypeId(), name, value));
}

void
RadioEnergyHelper::SetWifiRadioAttribute(const std::string& name, const AttributeValue& value)
{
    m_radioValues.emplace_back(name,
                               CheckAttributeValue(WifiRadioEnergyModel::GetTypeId(), name, value));
}

void
RadioEnergyHelper::SetMeterAttribute(const std::string& name, const AttributeValue& value)
{
    m_meter.Set(name, *CheckAttributeValue(m_meter.GetTypeId(), name, value));
}

Ptr<RadioEnergyMeter>
RadioEnergyHelper::Install(Ptr<NetDevice> device) const
{
    if (!device || !device->GetNode())
    {
        throw EdgeDnnError("RadioEnergyHelper::Install: the device must be installed on a node");
    }
    if (device->GetObject<RadioEnergyMeter>())
    {
        throw EdgeDnnError("RadioEnergyHelper::Install: device " +
                           std::to_string(device->GetIfIndex()) + " of node " +
                           std::to_string(device->GetNode()->GetId()) + " has a meter already");
    }
    Ptr<RadioEnergyMeter> meter = m_meter.Create<RadioEnergyMeter>();
    if (Ptr<WifiNetDevice> wifi = DynamicCast<WifiNetDevice>(device))
    {
        BasicEnergySourceHelper sourceHelper;
        for (const auto& [name, value] : m_sourceValues)
        {
            sourceHelper.Set(name, *value);
        }
        WifiRadioEnergyModelHelper radioHelper;
        // An empty battery stops the device (and, as ns-3's default, switches its PHY off).
        radioHelper.SetDepletionCallback(MakeCallback(&RadioEnergyMeter::HandleDepletion, meter));
        for (const auto& [name, value] : m_radioValues)
        {
            radioHelper.Set(name, *value);
        }
        Ptr<EnergySource> source = sourceHelper.Install(device->GetNode()).Get(0);
        Ptr<WifiRadioEnergyModel> model =
            DynamicCast<WifiRadioEnergyModel>(radioHelper.Install(device, source).Get(0));
        meter->AttachWifi(wifi, model);
    }
    else
    {
        meter->AttachPerBit(device);
    }
    device->AggregateObject(meter);
    return meter;
}

std::vector<Ptr<RadioEnergyMeter>>
RadioEnergyHelper::Install(const NetDeviceContainer& devices) const
{
    std::vector<Ptr<RadioEnergyMeter>> meters;
    for (auto i = devices.Begin(); i != devices.End(); ++i)
    {
        meters.push_back(Install(*i));
    }
    return meters;
}

} // namespace edgednn
} // namespace ns3
