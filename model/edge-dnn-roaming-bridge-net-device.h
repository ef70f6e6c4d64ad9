/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_ROAMING_BRIDGE_NET_DEVICE_H
#define EDGE_DNN_ROAMING_BRIDGE_NET_DEVICE_H

#include "ns3/bridge-net-device.h"
#include "ns3/mac48-address.h"

#include <cstdint>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The learning bridge of a gateway whose access point stations roam to and from
 * (EdgeTopologyHelper::SetWifiRoaming): ns-3's BridgeNetDevice, which can also be told that a
 * station associated with the access point behind one of its ports.
 *
 * ns-3's bridge passes a broadcast it receives up to its node before it learns the port the
 * broadcast came from, so a gateway answered a roaming station's first ARP request through the
 * port it had learned the station on before, the backbone, and the answer was lost. When a station
 * associates, AnnounceStation makes the bridge learn the station's port at once and sends an IEEE
 * 802.11F Layer 2 Update frame from the station's address (a broadcast of an experimental
 * EtherType no node handles) through its other ports, so that the other gateways' bridges learn
 * too.
 */
class RoamingBridgeNetDevice : public BridgeNetDevice
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RoamingBridgeNetDevice();
    ~RoamingBridgeNetDevice() override;

    /**
     * \brief A station associated with the access point behind a port: learn it there, and
     * announce it through the other ports.
     * \param station the station's address
     * \param port the port of its access point (a port of this bridge)
     */
    void AnnounceStation(Mac48Address station, Ptr<NetDevice> port);

    /// The EtherType of the Layer 2 Update frame (IEEE Std 802's Local Experimental EtherType 1).
    static constexpr uint16_t UPDATE_PROTOCOL = 0x88B5;
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_ROAMING_BRIDGE_NET_DEVICE_H */
