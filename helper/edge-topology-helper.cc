/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-topology-helper.h"

#include "ns3/boolean.h"
#include "ns3/csma-helper.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-roaming-bridge-net-device.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv4.h"
#include "ns3/mobility-model.h"
#include "ns3/node-list.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/ssid.h"
#include "ns3/string.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#include <cmath>
#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/**
 * \brief A station associated with a gateway's access point (ApWifiMac's AssociatedSta trace):
 * the gateway's bridge learns it behind the access point and announces it on the backbone
 * (RoamingBridgeNetDevice::AnnounceStation). The devices are named by node and interface index
 * rather than held, so that the access point's trace holds no reference to its node's devices.
 * \param nodeId the gateway's node
 * \param bridgeIndex its RoamingBridgeNetDevice's index on the node
 * \param accessPointIndex its access point's index on the node
 * \param aid the station's association id
 * \param station the station's address
 */
void
AnnounceStation(uint32_t nodeId,
                uint32_t bridgeIndex,
                uint32_t accessPointIndex,
                uint16_t /* aid */,
                Mac48Address station)
{
    Ptr<Node> node = NodeList::GetNode(nodeId);
    DynamicCast<RoamingBridgeNetDevice>(node->GetDevice(bridgeIndex))
        ->AnnounceStation(station, node->GetDevice(accessPointIndex));
}

/// The longest backbone delay SetWifiRoaming takes: 2 km of cable, a campus.
const Time MAX_BACKBONE_DELAY = MicroSeconds(10);

} // namespace

NodeContainer
EdgeTopology::GetAllDevices() const
{
    NodeContainer all;
    for (const auto& group : devices)
    {
        all.Add(group);
    }
    return all;
}

Ptr<Node>
EdgeTopology::GetCloud(uint32_t uplink) const
{
    if (clouds.GetN() == 1)
    {
        return clouds.Get(0);
    }
    if (uplink >= clouds.GetN())
    {
        std::ostringstream os;
        os << "EdgeTopology::GetCloud: uplink " << uplink << ", but there are " << clouds.GetN()
           << " (0 to " << clouds.GetN() - 1 << ")";
        throw EdgeDnnError(os.str());
    }
    return clouds.Get(uplink);
}

EdgeTopologyHelper::EdgeTopologyHelper() = default;

void
EdgeTopologyHelper::SetSize(uint32_t edges, uint32_t devicesPerEdge)
{
    m_edges = edges;
    m_devicesPerEdge = devicesPerEdge;
}

void
EdgeTopologyHelper::SetAccessNetwork(AccessNetwork access)
{
    m_access = access;
}

void
EdgeTopologyHelper::SetPartition(uint32_t ranks)
{
    m_ranks = ranks;
}

uint32_t
EdgeTopologyHelper::GetEdgeRank(uint32_t edge, uint32_t ranks)
{
    return ranks == 0 ? 0 : edge % ranks;
}

uint32_t
EdgeTopologyHelper::GetCloudRank(uint32_t uplink, uint32_t ranks, CloudNodes clouds)
{
    return clouds == SHARED_CLOUD ? 0 : GetEdgeRank(uplink, ranks);
}

void
EdgeTopologyHelper::SetCloudNodes(CloudNodes clouds)
{
    m_clouds = clouds;
}

EdgeTopologyHelper::CloudNodes
EdgeTopologyHelper::CloudNodesFromString(const std::string& name)
{
    if (name == "shared")
    {
        return SHARED_CLOUD;
    }
    if (name == "per-uplink")
    {
        return CLOUD_PER_UPLINK;
    }
    throw EdgeDnnError("cloud nodes '" + name + "': expected shared or per-uplink");
}

EdgeTopologyHelper::AccessNetwork
EdgeTopologyHelper::AccessNetworkFromString(const std::string& name)
{
    if (name == "p2p")
    {
        return POINT_TO_POINT;
    }
    if (name == "csma")
    {
        return CSMA;
    }
    if (name == "wifi")
    {
        return WIFI;
    }
    throw EdgeDnnError("access network '" + name + "': expected p2p, csma or wifi");
}

void
EdgeTopologyHelper::SetAccess(DataRate rate, Time delay)
{
    m_accessRate = rate;
    m_accessDelay = delay;
}

void
EdgeTopologyHelper::SetUplink(DataRate rate, Time delay)
{
    m_uplinkRate = rate;
    m_uplinkDelay = delay;
}

void
EdgeTopologyHelper::SetUplink(uint32_t edge, DataRate rate, Time delay)
{
    if (m_uplinks.size() <= edge)
    {
        m_uplinks.resize(edge + 1, {DataRate(0), Time(0)});
    }
    m_uplinks[edge] = {rate, delay};
}

void
EdgeTopologyHelper::SetWifiRoaming(DataRate backboneRate, Time backboneDelay)
{
    if (backboneDelay.IsStrictlyNegative() || backboneDelay > MAX_BACKBONE_DELAY)
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: Wi-Fi roaming backbone delay " << backboneDelay.As(Time::US)
           << ": expected 0 to " << MAX_BACKBONE_DELAY.As(Time::US)
           << " (a LAN segment): ns-3's CSMA channel holds the medium for its delay on every "
              "packet, so a longer delay caps the whole backbone at one packet per delay";
        throw EdgeDnnError(os.str());
    }
    if (backboneRate.GetBitRate() == 0)
    {
        throw EdgeDnnError("EdgeTopologyHelper: Wi-Fi roaming backbone rate 0 bit/s: expected a "
                           "rate above 0");
    }
    m_roaming = true;
    m_backboneRate = backboneRate;
    m_backboneDelay = backboneDelay;
}

void
EdgeTopologyHelper::SetGatewaySpacing(double metres)
{
    if (!(metres > 0) || !std::isfinite(metres))
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: gateway spacing " << metres
           << " m: expected a distance greater than 0 m";
        throw EdgeDnnError(os.str());
    }
    m_gatewaySpacing = metres;
}

void
EdgeTopologyHelper::SetDeviceMobility(const MobilityHelper& mobility)
{
    m_deviceMobility = mobility;
    m_deviceMobilitySet = true;
}

void
EdgeTopologyHelper::InstallDeviceMobility(const EdgeTopology& t,
                                          Ptr<ListPositionAllocator> defaultPositions) const
{
    const NodeContainer devices = t.GetAllDevices();
    if (!m_deviceMobilitySet)
    {
        MobilityHelper mobility;
        mobility.SetPositionAllocator(defaultPositions);
        mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
        mobility.Install(devices);
        return;
    }
    m_deviceMobility.Install(devices);
    // MobilityHelper's own allocator (when the user set none) puts every node at the origin.
    bool allAtOrigin = true;
    for (uint32_t k = 0; k < devices.GetN() && allAtOrigin; ++k)
    {
        const Vector p = devices.Get(k)->GetObject<MobilityModel>()->GetPosition();
        allAtOrigin = p.x == 0 && p.y == 0 && p.z == 0;
    }
    for (uint32_t k = 0; allAtOrigin && k < devices.GetN(); ++k)
    {
        devices.Get(k)->GetObject<MobilityModel>()->SetPosition(defaultPositions->GetNext());
    }
}

EdgeTopology
EdgeTopologyHelper::Install()
{
    if (m_edges == 0 || m_devicesPerEdge == 0)
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: " << m_edges << " edges with " << m_devicesPerEdge
           << " devices each: both must be at least 1";
        throw EdgeDnnError(os.str());
    }
    // The address plan: uplinks 10.3.i.0/30 and shared access segments 10.1.i.0/24 (one per
    // edge, the gateway and its devices), point-to-point access links 10.2.x.y/30 (64 per /24).
    // Beyond it addresses would repeat or overflow: refuse, naming the limit.
    const uint32_t maxEdges = 256;
    const uint32_t maxSegmentDevices = 253; // a /24 holds 254 hosts: the devices and the gateway
    const uint64_t maxAccessLinks = 256 * 64;
    if (m_edges > maxEdges)
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: " << m_edges << " edges: at most " << maxEdges
           << " (its address plan gives edge i the uplink 10.3.i.0/30)";
        throw EdgeDnnError(os.str());
    }
    if (m_access != POINT_TO_POINT && m_devicesPerEdge > maxSegmentDevices)
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: " << m_devicesPerEdge << " devices per edge on a shared access "
           << "network: at most " << maxSegmentDevices
           << " (edge i's segment is 10.1.i.0/24, with its gateway)";
        throw EdgeDnnError(os.str());
    }
    if (m_access == POINT_TO_POINT &&
        static_cast<uint64_t>(m_edges) * m_devicesPerEdge > maxAccessLinks)
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: " << m_edges << " edges x " << m_devicesPerEdge
           << " devices = " << static_cast<uint64_t>(m_edges) * m_devicesPerEdge
           << " point-to-point access links: at most " << maxAccessLinks
           << " (one 10.2.0.0/16 of /30 links)";
        throw EdgeDnnError(os.str());
    }
    if (m_uplinks.size() > m_edges)
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: SetUplink was given edge " << m_uplinks.size() - 1
           << ", but there are " << m_edges << " edges (0 to " << m_edges - 1 << ")";
        throw EdgeDnnError(os.str());
    }
    if (m_ranks == 0 || m_ranks > m_edges)
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: partitioned over " << m_ranks << " ranks: expected 1 to "
           << m_edges << " (a rank holds whole gateways, and there are " << m_edges << ")";
        throw EdgeDnnError(os.str());
    }
    if (m_roaming && m_access != WIFI)
    {
        throw EdgeDnnError(
            std::string("EdgeTopologyHelper: Wi-Fi roaming (SetWifiRoaming) needs ") +
            "Wi-Fi access (SetAccessNetwork(WIFI)), but the access network is " +
            (m_access == CSMA ? "CSMA" : "point-to-point"));
    }
    if (m_roaming && m_ranks > 1)
    {
        std::ostringstream os;
        os << "EdgeTopologyHelper: Wi-Fi roaming (SetWifiRoaming) needs one rank, but the "
           << "topology is partitioned over " << m_ranks
           << " (SetPartition): a roaming device would move between ranks";
        throw EdgeDnnError(os.str());
    }
    EdgeTopology t;
    t.cloud = CreateObject<Node>(GetCloudRank(0, m_ranks, m_clouds));
    t.clouds.Add(t.cloud);
    // The gateways, then their devices: node ids as in a single process, whatever the ranks.
    for (uint32_t i = 0; i < m_edges; ++i)
    {
        t.edges.Add(CreateObject<Node>(GetEdgeRank(i, m_ranks)));
    }
    t.devices.resize(m_edges);
    for (uint32_t i = 0; i < m_edges; ++i)
    {
        t.devices[i].Create(m_devicesPerEdge, GetEdgeRank(i, m_ranks));
    }
    // Further cloud nodes after the devices, so that gateways and devices keep their ids.
    for (uint32_t i = 1; m_clouds == CLOUD_PER_UPLINK && i < m_edges; ++i)
    {
        t.clouds.Add(CreateObject<Node>(GetCloudRank(i, m_ranks, m_clouds)));
    }
    InternetStackHelper internet;
    internet.Install(t.clouds);
    internet.Install(t.edges);
    internet.Install(t.GetAllDevices());

    // Uplinks: edge i -- its cloud node, 10.3.i.0/30.
    for (uint32_t i = 0; i < m_edges; ++i)
    {
        const bool own = i < m_uplinks.size() && m_uplinks[i].first.GetBitRate() != 0;
        PointToPointHelper uplink;
        uplink.SetDeviceAttribute("DataRate",
                                  DataRateValue(own ? m_uplinks[i].first : m_uplinkRate));
        uplink.SetChannelAttribute("Delay", TimeValue(own ? m_uplinks[i].second : m_uplinkDelay));
        NetDeviceContainer link = uplink.Install(t.edges.Get(i), t.GetCloud(i));
        std::ostringstream base;
        base << "10.3." << i << ".0";
        Ipv4AddressHelper addresses(base.str().c_str(), "255.255.255.252");
        t.cloudAddresses.push_back(addresses.Assign(link).GetAddress(1));
        t.uplinks.push_back(link);
    }

    // Access networks. With Wi-Fi roaming, one channel and a CSMA backbone joining the gateways.
    YansWifiPhyHelper phy;
    Ptr<YansWifiChannel> sharedChannel;
    if (m_access == WIFI && m_roaming)
    {
        sharedChannel = YansWifiChannelHelper::Default().Create();
        CsmaHelper backbone;
        backbone.SetChannelAttribute("DataRate", DataRateValue(m_backboneRate));
        backbone.SetChannelAttribute("Delay", TimeValue(m_backboneDelay));
        t.backbone = backbone.Install(t.edges);
    }
    Ptr<ListPositionAllocator> defaultPositions = CreateObject<ListPositionAllocator>();
    for (uint32_t i = 0; i < m_edges; ++i)
    {
        Ptr<Node> gateway = t.edges.Get(i);
        NetDeviceContainer devices;
        if (m_access == POINT_TO_POINT)
        {
            PointToPointHelper access;
            access.SetDeviceAttribute("DataRate", DataRateValue(m_accessRate));
            access.SetChannelAttribute("Delay", TimeValue(m_accessDelay));
            for (uint32_t j = 0; j < m_devicesPerEdge; ++j)
            {
                NetDeviceContainer link = access.Install(t.devices[i].Get(j), gateway);
                std::ostringstream base;
                const uint32_t n = i * m_devicesPerEdge + j;
                base << "10.2." << (n / 64) << "." << (n % 64) * 4;
                Ipv4AddressHelper addresses(base.str().c_str(), "255.255.255.252");
                Ipv4InterfaceContainer assigned = addresses.Assign(link);
                if (j == 0)
                {
                    t.edgeAccessAddresses.push_back(assigned.GetAddress(1));
                }
                devices.Add(link);
            }
            t.accessDevices.push_back(devices);
            continue;
        }
        if (m_access == CSMA)
        {
            CsmaHelper csma;
            csma.SetChannelAttribute("DataRate", DataRateValue(m_accessRate));
            csma.SetChannelAttribute("Delay", TimeValue(m_accessDelay));
            NodeContainer segment(t.devices[i], NodeContainer(gateway));
            devices = csma.Install(segment);
        }
        else
        {
            WifiHelper wifi;
            WifiMacHelper mac;
            std::ostringstream ssid;
            if (m_roaming)
            {
                ssid << "edge-dnn";
                phy.SetChannel(sharedChannel);
                mac.SetType("ns3::StaWifiMac",
                            "Ssid",
                            SsidValue(Ssid(ssid.str())),
                            "ActiveProbing",
                            BooleanValue(true));
            }
            else
            {
                ssid << "edge-" << i;
                YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
                phy.SetChannel(channel.Create());
                mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(Ssid(ssid.str())));
            }
            devices = wifi.Install(phy, mac, t.devices[i]);
            mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(Ssid(ssid.str())));
            NetDeviceContainer accessPoint = wifi.Install(phy, mac, gateway);
            t.accessPoints.Add(accessPoint);
            if (m_roaming)
            {
                // The gateway's bridge: its access point first, so that the bridge takes the
                // access point's MAC address, and its backbone device (as BridgeHelper does).
                Ptr<RoamingBridgeNetDevice> bridge = CreateObject<RoamingBridgeNetDevice>();
                gateway->AddDevice(bridge);
                bridge->AddBridgePort(accessPoint.Get(0));
                bridge->AddBridgePort(t.backbone.Get(i));
                devices.Add(bridge);
                accessPoint.Get(0)
                    ->GetObject<WifiNetDevice>()
                    ->GetMac()
                    ->TraceConnectWithoutContext(
                        "AssociatedSta",
                        MakeBoundCallback(&AnnounceStation,
                                          gateway->GetId(),
                                          bridge->GetIfIndex(),
                                          accessPoint.Get(0)->GetIfIndex()));
            }
            else
            {
                devices.Add(accessPoint);
            }
            // Devices on a 5 m circle around their gateway (or where SetDeviceMobility puts
            // them); gateways SetGatewaySpacing apart, 1 km by default.
            const double x = m_gatewaySpacing * i;
            for (uint32_t j = 0; j < m_devicesPerEdge; ++j)
            {
                const double angle = 2 * M_PI * j / m_devicesPerEdge;
                defaultPositions->Add(Vector(x + 5 * std::cos(angle), 5 * std::sin(angle), 0));
            }
            MobilityHelper mobility;
            Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
            positions->Add(Vector(x, 0, 0));
            mobility.SetPositionAllocator(positions);
            mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
            mobility.Install(gateway);
        }
        // One /24 per gateway, or with roaming the same numbering in one /16.
        std::ostringstream base;
        base << "0.0." << i << ".1";
        Ipv4AddressHelper addresses;
        if (m_roaming)
        {
            addresses.SetBase("10.1.0.0", "255.255.0.0", base.str().c_str());
        }
        else
        {
            std::ostringstream network;
            network << "10.1." << i << ".0";
            addresses.SetBase(network.str().c_str(), "255.255.255.0");
        }
        Ipv4InterfaceContainer assigned = addresses.Assign(devices);
        t.edgeAccessAddresses.push_back(assigned.GetAddress(m_devicesPerEdge));
        t.accessDevices.push_back(devices);
    }
    if (m_access == WIFI)
    {
        InstallDeviceMobility(t, defaultPositions);
    }
    if (m_access == WIFI && m_roaming)
    {
        // ns-3's global routing walks L2 broadcast domains by channel: it sees the access points,
        // which share one channel, and the backbone as a bridging loop and aborts ("L2
        // forwarding loop detected"). The roaming network is a stub of its subnet, reached
        // directly by the gateways and the devices: it leaves routing out as an interface that
        // does not forward.
        for (const NetDeviceContainer& access : t.accessDevices)
        {
            for (uint32_t k = 0; k < access.GetN(); ++k)
            {
                Ptr<Ipv4> ipv4 = access.Get(k)->GetNode()->GetObject<Ipv4>();
                ipv4->SetForwarding(ipv4->GetInterfaceForDevice(access.Get(k)), false);
            }
        }
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    return t;
}

} // namespace edgednn
} // namespace ns3
