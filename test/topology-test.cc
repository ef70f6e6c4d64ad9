/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The applications on every access network the topology helper offers (point-to-point, CSMA, 802.11
// infrastructure Wi-Fi), over TCP and UDP, Wi-Fi roaming between gateways, and the helper's
// addressing and bad input.

#include "edge-dnn-test-util.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/config.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/constant-velocity-mobility-model.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-scenario-helper.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4.h"
#include "ns3/mobility-helper.h"
#include "ns3/names.h"
#include "ns3/on-off-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-net-device.h"

#include <cmath>
#include <gtest/gtest.h>
#include <string>
#include <tuple>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// (access network, UDP)
class AccessNetworks : public ::testing::TestWithParam<std::tuple<std::string, bool>>
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }
};

/// A station's association or loss of it, as StaWifiMac's Assoc and DeAssoc traces report it.
struct AssociationEvent
{
    Time at;                  //!< when
    bool associated;          //!< Assoc (true) or DeAssoc (false)
    Mac48Address accessPoint; //!< the access point's address
};

/**
 * \brief StaWifiMac's Assoc or DeAssoc trace.
 * \param events where to record it
 * \param associated which trace
 * \param accessPoint the access point
 */
void
RecordAssociation(std::vector<AssociationEvent>* events, bool associated, Mac48Address accessPoint)
{
    events->push_back({Simulator::Now(), associated, accessPoint});
}

/// Topology tests that run a simulation.
class Topology : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }
};

} // namespace

TEST_P(AccessNetworks, FramesCompleteOnEveryAccessNetwork)
{
    const auto& [access, udp] = GetParam();
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    EdgeTopologyHelper helper;
    helper.SetSize(2, 2);
    helper.SetAccessNetwork(EdgeTopologyHelper::AccessNetworkFromString(access));
    helper.SetUplink(DataRate("50Mbps"), MilliSeconds(5));
    const EdgeTopology t = helper.Install();
    ASSERT_EQ(t.edgeAccessAddresses.size(), 2u);
    ASSERT_EQ(t.cloudAddresses.size(), 2u);
    EXPECT_EQ(t.GetAllDevices().GetN(), 4u);

    const TypeId protocol =
        TypeId::LookupByName(udp ? "ns3::UdpSocketFactory" : "ns3::TcpSocketFactory");
    CloudServerHelper cloud;
    cloud.SetAttribute("Protocol", TypeIdValue(protocol));
    cloud.Install(t.cloud);
    EdgeServerHelper edge;
    edge.SetAttribute("Protocol", TypeIdValue(protocol));
    edge.Install(t);
    ApplicationContainer devices;
    for (uint32_t i = 0; i < 2; ++i)
    {
        IotDeviceHelper camera(InetSocketAddress(t.edgeAccessAddresses[i], 9000));
        camera.SetAttribute("TaskId", UintegerValue(10 * i));
        camera.SetAttribute("Protocol", TypeIdValue(protocol));
        camera.SetAttribute("Model", StringValue("squeezenet1.1"));
        camera.SetAttribute("SplitIndex", UintegerValue(35));
        camera.SetAttribute("FrameRate", DoubleValue(5));
        camera.SetAttribute("ResultTimeout", TimeValue(Seconds(1)));
        ApplicationContainer apps = camera.Install(t.devices[i]);
        devices.Add(apps);
    }
    devices.Start(Seconds(0.5));
    devices.Stop(Seconds(3));
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(Seconds(4));
    Simulator::Run();

    EXPECT_GE(ledger.GetCreated(), 4u * 10);
    // UDP loses the first frame of each device to ARP resolution on shared media (ARP queues 3
    // packets).
    EXPECT_GE(ledger.GetCount(FrameStatus::COMPLETED), ledger.GetCreated() - (udp ? 4 : 0) - 4)
        << access << (udp ? " udp" : " tcp");
    uint64_t sum = 0;
    for (auto s : {FrameStatus::COMPLETED,
                   FrameStatus::LATE,
                   FrameStatus::DROPPED,
                   FrameStatus::LOST,
                   FrameStatus::IN_FLIGHT})
    {
        sum += ledger.GetCount(s);
    }
    EXPECT_EQ(sum, ledger.GetCreated());
    ledger.Disconnect();
}

INSTANTIATE_TEST_SUITE_P(EdgeTopologyHelper,
                         AccessNetworks,
                         ::testing::Combine(::testing::Values("p2p", "csma", "wifi"),
                                            ::testing::Bool()));

TEST(EdgeTopologyHelper, BadInputIsNamed)
{
    try
    {
        EdgeTopologyHelper::AccessNetworkFromString("lora");
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_STREQ(e.what(), "access network 'lora': expected p2p, csma or wifi");
    }
    EdgeTopologyHelper helper;
    helper.SetSize(0, 3);
    try
    {
        helper.Install();
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_STREQ(e.what(),
                     "EdgeTopologyHelper: 0 edges with 3 devices each: both must be at least 1");
    }
}

TEST(EdgeTopologyHelper, SizesBeyondTheAddressPlanAreRefused)
{
    auto errorOf = [](EdgeTopologyHelper helper) {
        return testutil::ErrorOf([&] { helper.Install(); });
    };
    EdgeTopologyHelper edges;
    edges.SetSize(257, 1);
    EXPECT_EQ(
        errorOf(edges),
        "EdgeTopologyHelper: 257 edges: at most 256 (its address plan gives edge i the uplink "
        "10.3.i.0/30)");
    EdgeTopologyHelper segment;
    segment.SetSize(1, 254);
    segment.SetAccessNetwork(EdgeTopologyHelper::CSMA);
    EXPECT_EQ(errorOf(segment),
              "EdgeTopologyHelper: 254 devices per edge on a shared access network: at most 253 "
              "(edge i's segment is 10.1.i.0/24, with its gateway)");
    EdgeTopologyHelper links;
    links.SetSize(256, 65);
    EXPECT_EQ(errorOf(links),
              "EdgeTopologyHelper: 256 edges x 65 devices = 16640 point-to-point access links: at "
              "most 16384 (one 10.2.0.0/16 of /30 links)");
    EdgeTopologyHelper uplink;
    uplink.SetSize(3, 1);
    uplink.SetUplink(5, DataRate("10Mbps"), MilliSeconds(5));
    EXPECT_EQ(errorOf(uplink),
              "EdgeTopologyHelper: SetUplink was given edge 5, but there are 3 edges (0 to 2)");
    // The largest shared segment still installs, with distinct addresses.
    EdgeTopologyHelper largest;
    largest.SetSize(1, 253);
    largest.SetAccessNetwork(EdgeTopologyHelper::CSMA);
    const EdgeTopology t = largest.Install();
    EXPECT_EQ(t.devices[0].GetN(), 253u);
    Simulator::Destroy();
}

TEST(EdgeScenarioHelper, EveryCameraStartsInsideTheRun)
{
    // 1,000 cameras 20 ms apart would start until 20.5 s; in a 10 s run they start within the
    // first quarter of the generation time instead, evenly spaced.
    const Time stop = Seconds(10);
    EXPECT_EQ(EdgeScenarioHelper::StartTime(0, 1000, stop), Seconds(0.5));
    const Time last = EdgeScenarioHelper::StartTime(999, 1000, stop);
    EXPECT_LT(last, Seconds(0.5) + (stop - Seconds(0.5)) / 4);
    EXPECT_EQ(EdgeScenarioHelper::StartTime(1, 1000, stop) - Seconds(0.5), NanoSeconds(2375000));
    // A few cameras keep the 20 ms of cameras switched on together.
    EXPECT_EQ(EdgeScenarioHelper::StartTime(99, 100, Seconds(60)),
              Seconds(0.5) + MilliSeconds(20) * 99);
    EXPECT_EQ(testutil::ErrorOf([] { EdgeScenarioHelper::StartTime(0, 10, Seconds(0.5)); }),
              "EdgeScenarioHelper: cameras start at 0.5 s, so they must stop later; got a stop "
              "time of 0.5 s");
}

TEST_F(Topology, WifiDevicesRoamBetweenGatewaysAndKeepTheirAddressAndConnections)
{
    // Two gateways SPACING apart on one channel (the default Yans channel: a station loses an
    // access point's beacons at about 50 m), a camera starting 5 m from gateway 0 and driving
    // at 15 m/s to gateway 1, where it stops; gateway 1's own camera stays beside it.
    const double spacing = 80;
    const double speed = 15;
    EdgeTopologyHelper helper;
    helper.SetSize(2, 1);
    helper.SetAccessNetwork(EdgeTopologyHelper::WIFI);
    helper.SetWifiRoaming();
    helper.SetGatewaySpacing(spacing);
    MobilityHelper mobility;
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    positions->Add(Vector(5, 0, 0));
    positions->Add(Vector(spacing + 5, 0, 0));
    mobility.SetPositionAllocator(positions);
    mobility.SetMobilityModel("ns3::ConstantVelocityMobilityModel");
    helper.SetDeviceMobility(mobility);
    const EdgeTopology t = helper.Install();
    ASSERT_EQ(t.accessPoints.GetN(), 2u);
    ASSERT_EQ(t.backbone.GetN(), 2u);
    EXPECT_EQ(t.edgeAccessAddresses[0], Ipv4Address("10.1.0.2"));
    EXPECT_EQ(t.edgeAccessAddresses[1], Ipv4Address("10.1.1.2"));

    Ptr<Node> camera = t.devices[0].Get(0);
    Ptr<ConstantVelocityMobilityModel> motion = camera->GetObject<ConstantVelocityMobilityModel>();
    ASSERT_TRUE(motion);
    EXPECT_EQ(motion->GetPosition(), Vector(5, 0, 0));
    EXPECT_EQ(t.edges.Get(1)->GetObject<MobilityModel>()->GetPosition(), Vector(spacing, 0, 0));
    motion->SetVelocity(Vector(speed, 0, 0));
    const Time arrival = Seconds((spacing - 5) / speed);
    Simulator::Schedule(arrival, &ConstantVelocityMobilityModel::SetVelocity, motion, Vector());

    std::vector<AssociationEvent> events;
    Ptr<WifiMac> station = DynamicCast<WifiNetDevice>(t.accessDevices[0].Get(0))->GetMac();
    station->TraceConnectWithoutContext("Assoc",
                                        MakeBoundCallback(&RecordAssociation, &events, true));
    station->TraceConnectWithoutContext("DeAssoc",
                                        MakeBoundCallback(&RecordAssociation, &events, false));
    Ptr<Ipv4> ip = camera->GetObject<Ipv4>();
    const Ipv4Address address = ip->GetAddress(1, 0).GetLocal();
    EXPECT_EQ(address, Ipv4Address("10.1.0.1"));

    // TCP to gateway 0 across the handover (1 Mbit/s from 1 s), and, after it, a new TCP
    // connection to each gateway.
    const uint16_t acrossPort = 5000;
    const uint16_t afterPort = 5001;
    ApplicationContainer sinks;
    for (uint16_t port : {acrossPort, afterPort})
    {
        PacketSinkHelper sink("ns3::TcpSocketFactory",
                              InetSocketAddress(Ipv4Address::GetAny(), port));
        sinks.Add(sink.Install(t.edges)); // gateway 0, gateway 1
    }
    auto received = [&sinks](uint32_t k) {
        return DynamicCast<PacketSink>(sinks.Get(k))->GetTotalRx();
    };
    OnOffHelper across("ns3::TcpSocketFactory",
                       InetSocketAddress(t.edgeAccessAddresses[0], acrossPort));
    across.SetConstantRate(DataRate("1Mbps"), 1000);
    across.Install(camera).Start(Seconds(1));
    const Time after = arrival + Seconds(1);
    for (uint32_t gateway = 0; gateway < 2; ++gateway)
    {
        OnOffHelper flow("ns3::TcpSocketFactory",
                         InetSocketAddress(t.edgeAccessAddresses[gateway], afterPort));
        flow.SetConstantRate(DataRate("1Mbps"), 1000);
        flow.SetAttribute("MaxBytes", UintegerValue(100000));
        flow.Install(camera).Start(after);
    }
    uint64_t acrossAtArrival = 0;
    Simulator::Schedule(arrival, [&] { acrossAtArrival = received(0); });
    Simulator::Stop(after + Seconds(4));
    Simulator::Run();

    const Mac48Address ap0 = Mac48Address::ConvertFrom(t.accessPoints.Get(0)->GetAddress());
    const Mac48Address ap1 = Mac48Address::ConvertFrom(t.accessPoints.Get(1)->GetAddress());
    ASSERT_EQ(events.size(), 3u);
    EXPECT_TRUE(events[0].associated);
    EXPECT_EQ(events[0].accessPoint, ap0);
    EXPECT_FALSE(events[1].associated);
    EXPECT_EQ(events[1].accessPoint, ap0);
    EXPECT_TRUE(events[2].associated);
    EXPECT_EQ(events[2].accessPoint, ap1);
    RecordProperty("DeAssocSeconds", std::to_string(events[1].at.GetSeconds()));
    RecordProperty("AssocSeconds", std::to_string(events[2].at.GetSeconds()));
    EXPECT_LT(events[2].at - events[1].at, Seconds(1));
    EXPECT_LT(events[2].at, arrival);
    // The same address after the handover; the connection to the old gateway carried on, and
    // both gateways received the new connections whole.
    EXPECT_EQ(ip->GetAddress(1, 0).GetLocal(), address);
    EXPECT_GT(received(0), acrossAtArrival);
    EXPECT_GT(acrossAtArrival, 0u);
    EXPECT_EQ(received(2), 100000u);
    EXPECT_EQ(received(3), 100000u);
}

TEST_F(Topology, WifiGatewaySpacingAndDeviceMobility)
{
    // Without SetGatewaySpacing, gateways 1 km apart; with it, its spacing. A mobility helper
    // without a position allocator of its own keeps the default circle, with its model.
    EdgeTopologyHelper plain;
    plain.SetSize(2, 2);
    plain.SetAccessNetwork(EdgeTopologyHelper::WIFI);
    const EdgeTopology p = plain.Install();
    EXPECT_EQ(p.edges.Get(1)->GetObject<MobilityModel>()->GetPosition(), Vector(1000, 0, 0));
    EXPECT_EQ(p.devices[1].Get(0)->GetObject<MobilityModel>()->GetPosition(), Vector(1005, 0, 0));
    EXPECT_EQ(p.accessPoints.GetN(), 2u);
    EXPECT_EQ(p.backbone.GetN(), 0u);
    Simulator::Destroy();

    EdgeTopologyHelper spaced;
    spaced.SetSize(2, 2);
    spaced.SetAccessNetwork(EdgeTopologyHelper::WIFI);
    spaced.SetGatewaySpacing(200);
    MobilityHelper mobility;
    mobility.SetMobilityModel("ns3::ConstantVelocityMobilityModel");
    spaced.SetDeviceMobility(mobility);
    const EdgeTopology t = spaced.Install();
    EXPECT_EQ(t.edges.Get(1)->GetObject<MobilityModel>()->GetPosition(), Vector(200, 0, 0));
    EXPECT_TRUE(t.edges.Get(1)->GetObject<ConstantPositionMobilityModel>());
    Ptr<MobilityModel> device = t.devices[1].Get(0)->GetObject<MobilityModel>();
    EXPECT_EQ(device->GetPosition(), Vector(205, 0, 0));
    EXPECT_TRUE(DynamicCast<ConstantVelocityMobilityModel>(device));
}

TEST(EdgeTopologyHelper, BadRoamingSettingsAreNamed)
{
    auto errorOf = [](EdgeTopologyHelper helper) {
        return testutil::ErrorOf([&] { helper.Install(); });
    };
    EdgeTopologyHelper csma;
    csma.SetAccessNetwork(EdgeTopologyHelper::CSMA);
    csma.SetWifiRoaming();
    EXPECT_EQ(errorOf(csma),
              "EdgeTopologyHelper: Wi-Fi roaming (SetWifiRoaming) needs Wi-Fi access "
              "(SetAccessNetwork(WIFI)), but the access network is CSMA");
    EdgeTopologyHelper p2p;
    p2p.SetWifiRoaming();
    EXPECT_EQ(errorOf(p2p),
              "EdgeTopologyHelper: Wi-Fi roaming (SetWifiRoaming) needs Wi-Fi access "
              "(SetAccessNetwork(WIFI)), but the access network is point-to-point");
    EdgeTopologyHelper ranks;
    ranks.SetSize(2, 1);
    ranks.SetAccessNetwork(EdgeTopologyHelper::WIFI);
    ranks.SetWifiRoaming();
    ranks.SetPartition(2);
    EXPECT_EQ(errorOf(ranks),
              "EdgeTopologyHelper: Wi-Fi roaming (SetWifiRoaming) needs one rank, but the "
              "topology is partitioned over 2 (SetPartition): a roaming device would move between "
              "ranks");
    EdgeTopologyHelper backbone;
    EXPECT_EQ(
        testutil::ErrorOf([&] { backbone.SetWifiRoaming(DataRate("1Gbps"), MilliSeconds(5)); }),
        "EdgeTopologyHelper: Wi-Fi roaming backbone delay +5000us: expected 0 to +10us (a LAN "
        "segment): ns-3's CSMA channel holds the medium for its delay on every packet, so a "
        "longer delay caps the whole backbone at one packet per delay");
    EXPECT_THROW(backbone.SetWifiRoaming(DataRate(0), MicroSeconds(1)), EdgeDnnError);
    EdgeTopologyHelper spacing;
    for (double metres : {0.0, -5.0, std::nan("")})
    {
        const std::string error = testutil::ErrorOf([&] { spacing.SetGatewaySpacing(metres); });
        EXPECT_NE(error.find("EdgeTopologyHelper: gateway spacing "), std::string::npos) << error;
        EXPECT_NE(error.find(" m: expected a distance greater than 0 m"), std::string::npos)
            << error;
    }
    EXPECT_EQ(testutil::ErrorOf([&] { spacing.SetGatewaySpacing(0); }),
              "EdgeTopologyHelper: gateway spacing 0 m: expected a distance greater than 0 m");
    Simulator::Destroy();
}
