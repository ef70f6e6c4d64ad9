/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-existing-topology: edge-dnn added to a network built with plain ns-3 code, as a user
 * with a topology of their own would. The network is a small campus, built first with no edge-dnn
 * helper:
 *
 *     LAN cameras (CSMA, 192.168.1.0/24) -- router A ==== WAN A (p2p) ====  cloud
 *                                               |                          |
 *                                  campus backbone (p2p)                    |
 *                                               |                          |
 *     Wi-Fi cameras (802.11, 192.168.2.0/24) ~ access point B == WAN B (p2p)
 *
 * with Ipv4AddressHelper and global routing. Then the module's applications are installed on its
 * nodes (edge servers on router A and access point B, the cloud server on the cloud node, a camera
 * application on each camera), and SchedulerHelper reads its problem off that topology: each edge
 * server's uplink rate b_i is the DataRate attribute of its WAN device, its capacity c_i its
 * Workers x WorkerCapacity. Every camera may use either edge server (through the backbone); the
 * scheduler picks one and the split of each admitted camera's network. The program prints the
 * problem (servers with c_i and b_i), the assignment and a summary per task.
 *
 *     edge-dnn-existing-topology [--lanCameras=4] [--wifiCameras=2] [--wanA=6Mbps] [--wanB=3Mbps]
 *                                [--edgeCapacity=3e9] [--frameRate=2] [--deadline=200]
 *                                [--deviceCapacity=0]
 *                                [--algorithm=ours] [--pacing=false] [--simTime=5] [--RngRun=1]
 *                                [--db=results.db]
 *
 * With --db the run is recorded into an SQLite database (EdgeDnnRecorder; appended as a new run).
 */

#include "edge-dnn-example-options.h"
#include "edge-dnn-example-report.h"

#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/mobility-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/ssid.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/version-defines.h"
#include "ns3/wifi-mac.h"
#include "ns3/wifi-net-device.h"
#include "ns3/yans-wifi-helper.h"

#include <iostream>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

#if NS3_VERSION_MAJOR == 3 && NS3_VERSION_MINOR <= 35
// ns-3 <= 3.35 names the band in the standard; later releases take it from the channel settings,
// whose default band is 2.4 GHz for 802.11n: the same radio on both.
const WifiStandard STANDARD_80211N = WIFI_STANDARD_80211n_2_4GHZ; //!< 802.11n at 2.4 GHz
#else
const WifiStandard STANDARD_80211N = WIFI_STANDARD_80211n; //!< 802.11n at 2.4 GHz
#endif

/// The campus as plain ns-3 code built it: the nodes, and what the edge-dnn part needs to know.
struct Campus
{
    NodeContainer lanCameras;     //!< cameras on the CSMA LAN
    NodeContainer wifiCameras;    //!< cameras on the Wi-Fi segment
    Ptr<Node> routerA;            //!< the LAN's router
    Ptr<Node> accessPointB;       //!< the Wi-Fi segment's access point and router
    Ptr<Node> cloud;              //!< the data center
    Ipv4Address routerALan;       //!< router A's address on the LAN
    Ipv4Address accessPointBWifi; //!< access point B's address on the Wi-Fi segment
    Ipv4Address cloudWanA;        //!< the cloud's address on WAN A
    Ipv4Address cloudWanB;        //!< the cloud's address on WAN B
    NetDeviceContainer wanA;      //!< WAN A's devices: router A's, the cloud's
    NetDeviceContainer wanB;      //!< WAN B's devices: access point B's, the cloud's
};

/**
 * \brief Build the campus with ns-3's own helpers only.
 * \param lanCameras cameras on the LAN
 * \param wifiCameras cameras on the Wi-Fi segment
 * \param wanA rate of router A's WAN link
 * \param wanB rate of access point B's WAN link
 * \return the campus
 */
Campus
BuildCampus(uint32_t lanCameras, uint32_t wifiCameras, DataRate wanA, DataRate wanB)
{
    Campus c;
    c.lanCameras.Create(lanCameras);
    c.wifiCameras.Create(wifiCameras);
    c.routerA = CreateObject<Node>();
    c.accessPointB = CreateObject<Node>();
    c.cloud = CreateObject<Node>();
    InternetStackHelper internet;
    internet.InstallAll();

    // The LAN: a 100 Mbit/s CSMA segment of cameras and router A.
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(NanoSeconds(6560)));
    NetDeviceContainer lan = csma.Install(NodeContainer(c.lanCameras, NodeContainer(c.routerA)));

    // The Wi-Fi segment: 802.11n stations around access point B.
    YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
    YansWifiPhyHelper phy;
    phy.SetChannel(channel.Create());
    WifiHelper wifi;
    wifi.SetStandard(STANDARD_80211N);
    wifi.SetRemoteStationManager("ns3::IdealWifiManager");
    WifiMacHelper mac;
    mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(Ssid("campus")));
    NetDeviceContainer wlan = wifi.Install(phy, mac, c.wifiCameras);
    mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(Ssid("campus")));
    wlan.Add(wifi.Install(phy, mac, c.accessPointB));
    // Without A-MPDU aggregation, hence without Block Ack agreements: in ns-3.37 an 802.11n
    // station may send a frame before its agreement is in force, and the receiver then holds every
    // later frame of that flow for the rest of the run (doc: Troubleshooting, "A camera stops
    // after a few packets over Wi-Fi").
    for (auto it = wlan.Begin(); it != wlan.End(); ++it)
    {
        Ptr<WifiMac> wifiMac = DynamicCast<WifiNetDevice>(*it)->GetMac();
        wifiMac->SetAttribute("BE_MaxAmpduSize", UintegerValue(0));
        wifiMac->SetAttribute("VI_MaxAmpduSize", UintegerValue(0));
    }
    MobilityHelper mobility;
    mobility.SetPositionAllocator("ns3::GridPositionAllocator",
                                  "MinX",
                                  DoubleValue(5),
                                  "DeltaX",
                                  DoubleValue(5),
                                  "GridWidth",
                                  UintegerValue(4));
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(c.wifiCameras);
    mobility.SetPositionAllocator("ns3::GridPositionAllocator");
    mobility.Install(c.accessPointB);

    // Point-to-point links: the campus backbone and the two WAN links to the cloud.
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(100)));
    NetDeviceContainer backbone = p2p.Install(c.routerA, c.accessPointB);
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(15)));
    p2p.SetDeviceAttribute("DataRate", DataRateValue(wanA));
    NetDeviceContainer linkA = p2p.Install(c.routerA, c.cloud);
    p2p.SetDeviceAttribute("DataRate", DataRateValue(wanB));
    NetDeviceContainer linkB = p2p.Install(c.accessPointB, c.cloud);

    Ipv4AddressHelper addresses("192.168.1.0", "255.255.255.0");
    c.routerALan = addresses.Assign(lan).GetAddress(lanCameras);
    addresses.SetBase("192.168.2.0", "255.255.255.0");
    c.accessPointBWifi = addresses.Assign(wlan).GetAddress(wifiCameras);
    addresses.SetBase("172.16.0.0", "255.255.255.252");
    addresses.Assign(backbone);
    addresses.SetBase("203.0.113.0", "255.255.255.252");
    c.cloudWanA = addresses.Assign(linkA).GetAddress(1);
    addresses.SetBase("203.0.113.4", "255.255.255.252");
    c.cloudWanB = addresses.Assign(linkB).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    c.wanA = linkA;
    c.wanB = linkB;
    return c;
}

/// Most cameras on the LAN: it is a /24 (192.168.1.0) and router A takes one of its 254 hosts.
constexpr uint32_t MAX_LAN_CAMERAS = 253;
/**
 * Most cameras on the Wi-Fi segment: ns-3.37's Wi-Fi aborted association with 100 stations or more
 * in some runs (see edge-dnn-wifi); 64 ran.
 */
constexpr uint32_t MAX_WIFI_CAMERAS = 64;

} // namespace

int
main(int argc, char* argv[])
{
    // Numbers as text, checked once parsed (edge-dnn-example-options.h).
    std::string lanCamerasText = "4";
    std::string wifiCamerasText = "2";
    std::string wanA = "6Mbps";
    std::string wanB = "3Mbps";
    example::CommonOptions o{3e9, 2, 200};

    CommandLine cmd(__FILE__);
    cmd.Usage("A campus built with plain ns-3 code (CSMA LAN, Wi-Fi segment, two WAN links), then "
              "edge-dnn's applications and SchedulerHelper attached to it; prints the problem, "
              "the assignment and frames by final state and latency per task. " +
              example::CommonOptionsBoundsText());
    cmd.AddValue("lanCameras",
                 "Cameras on the CSMA LAN, " + example::RangeText(0, MAX_LAN_CAMERAS),
                 lanCamerasText);
    cmd.AddValue("wifiCameras",
                 "Cameras on the Wi-Fi segment, " + example::RangeText(0, MAX_WIFI_CAMERAS),
                 wifiCamerasText);
    cmd.AddValue("wanA",
                 std::string("Rate of router A's WAN link, b_0, ") + example::RATE_RANGE_TEXT +
                     " (e.g. 6Mbps)",
                 wanA);
    cmd.AddValue("wanB",
                 std::string("Rate of access point B's WAN link, b_1, ") +
                     example::RATE_RANGE_TEXT + " (e.g. 3Mbps)",
                 wanB);
    o.AddTo(cmd, "each edge server");
    cmd.Parse(argc, argv);

    try
    {
        const uint32_t lanCameras =
            example::ParseInteger("lanCameras", lanCamerasText, 0, MAX_LAN_CAMERAS);
        const uint32_t wifiCameras =
            example::ParseInteger("wifiCameras", wifiCamerasText, 0, MAX_WIFI_CAMERAS);
        if (lanCameras + wifiCameras == 0)
        {
            throw EdgeDnnError("--lanCameras=0 --wifiCameras=0: expected at least 1 camera");
        }
        const DataRate rateA = example::ParseRate("wanA", wanA);
        example::CheckRate("wanA", wanA, rateA.GetBitRate());
        const DataRate rateB = example::ParseRate("wanB", wanB);
        example::CheckRate("wanB", wanB, rateB.GetBitRate());
        example::CheckCommonOptions(o);
        o.Validate();

        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

        // 1. The existing network: nothing of edge-dnn in it.
        const Campus campus = BuildCampus(lanCameras, wifiCameras, rateA, rateB);

        // 2. The module's applications, on its nodes: an edge server on each of the two gateways.
        // Each camera starts out pointed at its own segment's edge server, 20 ms after the previous
        // one (after Wi-Fi association).
        const example::Gateway routerA{campus.routerA,
                                       campus.routerALan,
                                       campus.wanA.Get(0),
                                       campus.wanA.Get(1),
                                       campus.cloudWanA};
        const example::Gateway accessPointB{campus.accessPointB,
                                            campus.accessPointBWifi,
                                            campus.wanB.Get(0),
                                            campus.wanB.Get(1),
                                            campus.cloudWanB};
        const std::vector<std::string> models{"squeezenet1.1",
                                              "resnet18",
                                              "mobilenet-v2",
                                              "googlenet"};
        const example::CameraSettings settings{models,
                                               o.frameRate,
                                               o.deadlineMs,
                                               Seconds(2),
                                               o.deviceCapacity};
        const Time spacing = MilliSeconds(20);
        std::vector<Ptr<IotDeviceApplication>> devices =
            example::InstallCameras(campus.lanCameras,
                                    routerA.GetAccess(),
                                    settings,
                                    MilliSeconds(500),
                                    spacing,
                                    Seconds(o.simTime));
        for (const Ptr<IotDeviceApplication>& camera :
             example::InstallCameras(campus.wifiCameras,
                                     accessPointB.GetAccess(),
                                     settings,
                                     MilliSeconds(500) + spacing * lanCameras,
                                     spacing,
                                     Seconds(o.simTime),
                                     lanCameras))
        {
            devices.push_back(camera);
        }

        // 3. The problem, read off the topology: b_i from each WAN device's DataRate attribute;
        // every camera may use either edge server (through the backbone).
        example::InstallServersAndRun(campus.cloud,
                                      {routerA, accessPointB},
                                      devices,
                                      o,
                                      {"existing-topology", "", argc, argv});
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-existing-topology: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
