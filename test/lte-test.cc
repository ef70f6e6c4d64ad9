/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The applications over LTE: cameras are UEs, the edge server sits behind the PGW (the EPC's remote
// host), the cloud behind the edge server. Built as ns-3's lena-simple-epc example builds its EPC.

#include "ns3/cloud-server-helper.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/lte-helper.h"
#include "ns3/mobility-helper.h"
#include "ns3/names.h"
#include "ns3/point-to-point-epc-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::edgednn;

TEST(Lte, CamerasAsUesReachAnEdgeServerBehindThePgw)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1400));
    Ptr<LteHelper> lte = CreateObject<LteHelper>();
    Ptr<PointToPointEpcHelper> epc = CreateObject<PointToPointEpcHelper>();
    lte->SetEpcHelper(epc);
    Ptr<Node> pgw = epc->GetPgwNode();

    NodeContainer servers;
    servers.Create(2); // edge, cloud
    Ptr<Node> edge = servers.Get(0);
    Ptr<Node> cloud = servers.Get(1);
    InternetStackHelper internet;
    internet.Install(servers);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    Ipv4AddressHelper addresses("1.0.0.0", "255.0.0.0");
    const Ipv4Address edgeAddress = addresses.Assign(p2p.Install(pgw, edge)).GetAddress(1);
    p2p.SetDeviceAttribute("DataRate", StringValue("50Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(10)));
    addresses.SetBase("2.0.0.0", "255.0.0.0");
    const Ipv4InterfaceContainer uplink = addresses.Assign(p2p.Install(edge, cloud));
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(edge->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("7.0.0.0"), Ipv4Mask("255.0.0.0"), 1);

    NodeContainer enbs;
    enbs.Create(1);
    NodeContainer ues;
    ues.Create(2);
    MobilityHelper mobility;
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(enbs);
    mobility.Install(ues);
    NetDeviceContainer enbDevices = lte->InstallEnbDevice(enbs);
    NetDeviceContainer ueDevices = lte->InstallUeDevice(ues);
    internet.Install(ues);
    epc->AssignUeIpv4Address(ueDevices);
    for (uint32_t i = 0; i < ues.GetN(); ++i)
    {
        routing.GetStaticRouting(ues.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(epc->GetUeDefaultGatewayAddress(), 1);
    }
    lte->Attach(ueDevices, enbDevices.Get(0));

    CloudServerHelper().Install(cloud);
    EdgeServerHelper edgeHelper;
    edgeHelper.SetAttribute("CloudAddress",
                            AddressValue(InetSocketAddress(uplink.GetAddress(1), 9100)));
    edgeHelper.Install(edge);
    IotDeviceHelper cameras(InetSocketAddress(edgeAddress, 9000));
    cameras.SetAttribute("Model", StringValue("mobilenet-v2"));
    cameras.SetAttribute("SplitIndex", UintegerValue(59));
    cameras.SetAttribute("FrameRate", DoubleValue(2));
    cameras.SetAttribute("Deadline", TimeValue(Seconds(1)));
    ApplicationContainer apps = cameras.Install(ues);
    apps.Start(Seconds(0.5));
    apps.Stop(Seconds(3));
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(Seconds(4));
    Simulator::Run();

    EXPECT_GE(ledger.GetCreated(), 8u);
    EXPECT_GE(ledger.GetCount(FrameStatus::COMPLETED) + ledger.GetCount(FrameStatus::LATE),
              ledger.GetCreated() - 2);
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        if (entry.result)
        {
            // The uplink of a 150 KB frame over LTE takes far longer than the wired hops.
            EXPECT_GT(entry.result->deviceToEdge, entry.result->edgeToCloud);
        }
    }
    ledger.Disconnect();
    Simulator::Destroy();
    Config::Reset();
    Names::Clear();
}
