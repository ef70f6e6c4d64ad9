/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-server-helper.h"

#include "ns3/address.h"
#include "ns3/inet-socket-address.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgednn
{

EdgeServerHelper::EdgeServerHelper(uint16_t port)
    : EdgeDnnApplicationHelper("ns3::EdgeServerApplication")
{
    m_factory.Set("Port", UintegerValue(port));
}

ApplicationContainer
EdgeServerHelper::Install(const EdgeTopology& topology, uint16_t cloudPort)
{
    ApplicationContainer servers;
    for (uint32_t i = 0; i < topology.edges.GetN(); ++i)
    {
        m_factory.Set("CloudAddress",
                      AddressValue(InetSocketAddress(topology.cloudAddresses.at(i), cloudPort)));
        servers.Add(Install(topology.edges.Get(i)));
    }
    m_factory.Set("CloudAddress", AddressValue());
    return servers;
}

} // namespace edgednn
} // namespace ns3
