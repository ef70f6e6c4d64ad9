/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The applications on every access network the topology helper offers (point-to-point, CSMA, 802.11
// infrastructure Wi-Fi), over TCP and UDP, and the helper's addressing and bad input.

#include "edge-dnn-test-util.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-scenario-helper.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/names.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>
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
