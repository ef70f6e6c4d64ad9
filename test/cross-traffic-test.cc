/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CrossTrafficHelper: ns-3's OnOff, BulkSend and PacketSink applications as cross traffic on a
// path, and its refusal of bad input.

#include "edge-dnn-test-util.h"

#include "ns3/config.h"
#include "ns3/cross-traffic-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/names.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <gtest/gtest.h>
#include <iostream>

using namespace ns3;
using namespace ns3::edgednn;
using ns3::edgednn::testutil::ErrorOf;

namespace
{

/// Resets what the tests change process-wide.
class CrossTraffic : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }
};

/// A point-to-point link between two nodes with IPv4.
struct Link
{
    NodeContainer nodes;        //!< the two nodes
    NetDeviceContainer devices; //!< their devices
    Ipv4InterfaceContainer ifs; //!< their addresses (10.1.1.1, 10.1.1.2)
};

/**
 * \param rate the link's rate
 * \param delay its delay
 * \return a link between two new nodes, routes populated
 */
Link
MakeLink(const std::string& rate, const std::string& delay)
{
    Link link;
    link.nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", StringValue(delay));
    link.devices = p2p.Install(link.nodes);
    InternetStackHelper().Install(link.nodes);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    link.ifs = addresses.Assign(link.devices);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    return link;
}

} // namespace

TEST_F(CrossTraffic, ConstantOnOffDeliversRateTimesDuration)
{
    Link link = MakeLink("10Mbps", "2ms");
    CrossTrafficHelper cross(CrossTrafficHelper::UDP, 7000);
    cross.SetConstantRate(DataRate("2Mbps"), 1000);
    cross.SetStartStop(Seconds(1), Seconds(6));
    ApplicationContainer apps =
        cross.Install(link.nodes.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1));
    ASSERT_EQ(apps.GetN(), 2u);
    EXPECT_EQ(apps.Get(0)->GetInstanceTypeId().GetName(), "ns3::OnOffApplication");
    EXPECT_EQ(apps.Get(1)->GetInstanceTypeId().GetName(), "ns3::PacketSink");
    Simulator::Stop(Seconds(7));
    Simulator::Run();
    const double received = DynamicCast<PacketSink>(apps.Get(1))->GetTotalRx();
    std::cout << "[ measured ] OnOff 2 Mbit/s for 5 s: " << received << " B of 1250000\n";
    EXPECT_NEAR(received, 2e6 / 8 * 5, 1000);
}

TEST_F(CrossTraffic, RefusesBadInput)
{
    Link link = MakeLink("10Mbps", "2ms");
    EXPECT_EQ(ErrorOf([] { CrossTrafficHelper(CrossTrafficHelper::UDP, 0); }),
              "CrossTrafficHelper: port 0; expected the sink's port, 1..65535");
    CrossTrafficHelper cross(CrossTrafficHelper::UDP, 9000);
    EXPECT_EQ(ErrorOf([&] { cross.SetConstantRate(DataRate(0)); }),
              "CrossTrafficHelper: rate 0 bit/s; expected a rate > 0");
    EXPECT_EQ(ErrorOf([&] { cross.SetConstantRate(DataRate("1Mbps"), 0); }),
              "CrossTrafficHelper: packet size 0 B; expected 1..65507 B");
    EXPECT_EQ(ErrorOf([&] { cross.SetOnOff(DataRate("1Mbps"), Seconds(0), Seconds(1), true); }),
              "CrossTrafficHelper: on time 0 s, off time 1 s; expected an on time > 0 and an "
              "off time >= 0");
    EXPECT_EQ(ErrorOf([&] { cross.SetStartStop(Seconds(2), Seconds(1)); }),
              "CrossTrafficHelper: start 2 s, stop 1 s; expected a start >= 0 and a stop after "
              "it (0: never stops)");

    // A node without links: no route to the sink.
    NodeContainer lonely(1);
    InternetStackHelper().Install(lonely);
    EXPECT_EQ(
        ErrorOf([&] { cross.Install(lonely.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1)); }),
        "CrossTrafficHelper::Install: node 2 (the source) has no route to 10.1.1.2 (node "
        "1); expected a routable sink address (populate the routing tables, e.g. "
        "Ipv4GlobalRoutingHelper::PopulateRoutingTables(), before Install)");
    EXPECT_EQ(ErrorOf([&] {
                  cross.Install(link.nodes.Get(0), link.nodes.Get(1), Ipv4Address("10.9.9.9"));
              }),
              "CrossTrafficHelper::Install: 10.9.9.9 is not an address of node 1 (the sink); "
              "expected one of its IPv4 addresses");
    NodeContainer bare(1);
    EXPECT_EQ(
        ErrorOf([&] { cross.Install(bare.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1)); }),
        "CrossTrafficHelper::Install: node 3 has no IPv4 stack; expected "
        "InternetStackHelper::Install first");

    // A port taken on the sink (same transport); the other transport's is free.
    cross.SetOnOff(DataRate("1Mbps"), Seconds(0.5), Seconds(0.5), true, 500);
    cross.Install(link.nodes.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1));
    EXPECT_EQ(ErrorOf([&] {
                  cross.Install(link.nodes.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1));
              }),
              "CrossTrafficHelper::Install: port 9000 on node 1 is taken by its application 0 "
              "(ns3::PacketSink); expected a free port for the PacketSink");
    CrossTrafficHelper tcp(CrossTrafficHelper::TCP, 9000);
    EXPECT_EQ(
        ErrorOf([&] { tcp.Install(link.nodes.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1)); }),
        "");
    CrossTrafficHelper bulkUdp(CrossTrafficHelper::UDP, 9100);
    bulkUdp.SetBulkSend();
    EXPECT_EQ(ErrorOf([&] {
                  bulkUdp.Install(link.nodes.Get(0), link.nodes.Get(1), link.ifs.GetAddress(1));
              }),
              "CrossTrafficHelper::Install: BulkSend over UDP; expected TCP (BulkSendApplication "
              "fills a socket's send buffer, which UDP has not)");
}
