/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RADIO_ENERGY_HELPER_H
#define RADIO_ENERGY_HELPER_H

#include "ns3/edge-dnn-radio-energy-meter.h"
#include "ns3/net-device-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Meters the radio energy of devices' NetDevices (RadioEnergyMeter), installing |ns3|'s
 * energy framework on Wi-Fi.
 *
 * On a WifiNetDevice, Install puts a BasicEnergySource on the node (BasicEnergySourceHelper,
 * attributes from SetSourceAttribute) and a WifiRadioEnergyModel on the device's PHY
 * (WifiRadioEnergyModelHelper, attributes from SetWifiRadioAttribute). When the source is empty
 * the meter's HandleDepletion switches the PHY off (as |ns3|'s helper does) and stops the node's
 * IotDeviceApplications. On any other NetDevice the meter counts
 * EnergyPerBit (SetMeterAttribute) for every bit sent. The meter is aggregated to the NetDevice,
 * where /NodeList/N/DeviceList/D/$ns3::RadioEnergyMeter finds it.
 */
class RadioEnergyHelper
{
  public:
    RadioEnergyHelper();

    /**
     * \brief Set an attribute of the BasicEnergySource installed on Wi-Fi devices' nodes
     * (BasicEnergySourceInitialEnergyJ, BasicEnergySupplyVoltageV, ...).
     * \param name the attribute
     * \param value its value
     * \throw EdgeDnnError naming the attribute if BasicEnergySource has no such attribute or the
     * value is refused
     */
    void SetSourceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the WifiRadioEnergyModel (TxCurrentA, RxCurrentA, IdleCurrentA,
     * ...). \param name the attribute \param value its value \throw EdgeDnnError as
     * SetSourceAttribute
     */
    void SetWifiRadioAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the RadioEnergyMeter (EnergyPerBit).
     * \param name the attribute
     * \param value its value
     * \throw EdgeDnnError as SetSourceAttribute
     */
    void SetMeterAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Meter one device.
     * \param device the device (a Wi-Fi one gets an energy source and model)
     * \return its meter
     * \throw EdgeDnnError if the device is null, is on no node or has a meter already
     */
    Ptr<RadioEnergyMeter> Install(Ptr<NetDevice> device) const;

    /**
     * \brief Meter devices.
     * \param devices the devices
     * \return their meters, in order
     * \throw EdgeDnnError as Install(Ptr<NetDevice>)
     */
    std::vector<Ptr<RadioEnergyMeter>> Install(const NetDeviceContainer& devices) const;

  private:
    /// Attribute values, checked, in the order set.
    using Values = std::vector<std::pair<std::string, Ptr<AttributeValue>>>;

    Values m_sourceValues; //!< BasicEnergySource's attributes
    Values m_radioValues;  //!< WifiRadioEnergyModel's attributes
    ObjectFactory m_meter; //!< RadioEnergyMeter's
};

} // namespace edgednn
} // namespace ns3

#endif /* RADIO_ENERGY_HELPER_H */
