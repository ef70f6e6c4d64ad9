/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-roaming-bridge-net-device.h"

#include "ns3/log.h"
#include "ns3/packet.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("RoamingBridgeNetDevice");

NS_OBJECT_ENSURE_REGISTERED(RoamingBridgeNetDevice);

TypeId
RoamingBridgeNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RoamingBridgeNetDevice")
                            .SetParent<BridgeNetDevice>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<RoamingBridgeNetDevice>();
    return tid;
}

RoamingBridgeNetDevice::RoamingBridgeNetDevice()
{
    NS_LOG_FUNCTION(this);
}

RoamingBridgeNetDevice::~RoamingBridgeNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
RoamingBridgeNetDevice::AnnounceStation(Mac48Address station, Ptr<NetDevice> port)
{
    NS_LOG_FUNCTION(this << station << port);
    Learn(station, port);
    // 802.11F's Layer 2 Update payload: an LLC XID frame's 6 bytes.
    const uint8_t xid[] = {0x00, 0x01, 0xaf, 0x81, 0x01, 0x00};
    for (uint32_t i = 0; i < GetNBridgePorts(); ++i)
    {
        Ptr<NetDevice> other = GetBridgePort(i);
        if (other != port)
        {
            other->SendFrom(Create<Packet>(xid, sizeof(xid)),
                            station,
                            Mac48Address::GetBroadcast(),
                            UPDATE_PROTOCOL);
        }
    }
}

} // namespace edgednn
} // namespace ns3
