/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-wifi: cameras on an 802.11 network whose access point is their gateway, the edge
 * server; the gateway reaches the cloud over a point-to-point uplink. The Wi-Fi network is built
 * with ns-3's own helpers (standard, rate control, positions) so its options show; the edge-dnn
 * applications go on top and SchedulerHelper chooses which cameras to admit and where to cut
 * each one's network, from the edge's compute and the uplink's DataRate. The cameras' frames cross
 * the Wi-Fi cell in full; the scheduler's bound is the paper's (the transfer of the data crossing
 * the cut to the cloud within Q_j), and the cameras judge their frames by that same bound.
 * At the end the program prints the problem, the assignment and a summary per task.
 *
 *     edge-dnn-wifi [--cameras=6] [--standard=802.11ax] [--distance=10] [--uplinkRate=4Mbps]
 *                   [--edgeCapacity=4e9] [--frameRate=2] [--deadline=200]
 *                   [--deviceCapacity=0]
 *                   [--algorithm=ours] [--pacing=false] [--simTime=5] [--RngRun=1]
 *                   [--db=results.db]
 *
 * With --db the run is recorded into an SQLite database (EdgeDnnRecorder; appended as a new run).
 */

#include "edge-dnn-example-options.h"
#include "edge-dnn-example-report.h"

#include "ns3/command-line.h"
#include "ns3/config.h"
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
#include "ns3/wifi-standards.h"
#include "ns3/yans-wifi-helper.h"

#include <cmath>
#include <iostream>
#include <map>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

#if NS3_VERSION_MAJOR == 3 && NS3_VERSION_MINOR <= 35
// ns-3 <= 3.35 names the band in the standard; later releases take it from the channel settings,
// whose default band is 2.4 GHz for 802.11n and 5 GHz for 802.11ax: the same radio on both.
const WifiStandard STANDARD_80211N = WIFI_STANDARD_80211n_2_4GHZ; //!< 802.11n at 2.4 GHz
const WifiStandard STANDARD_80211AX = WIFI_STANDARD_80211ax_5GHZ; //!< 802.11ax at 5 GHz
#else
const WifiStandard STANDARD_80211N = WIFI_STANDARD_80211n;   //!< 802.11n at 2.4 GHz
const WifiStandard STANDARD_80211AX = WIFI_STANDARD_80211ax; //!< 802.11ax at 5 GHz
#endif

/**
 * \brief Parse an 802.11 standard's name.
 * \param name e.g. "802.11ax"
 * \return the standard
 * \throws EdgeDnnError for a name not offered
 */
WifiStandard
StandardFromString(const std::string& name)
{
    const std::map<std::string, WifiStandard> standards{{"802.11g", WIFI_STANDARD_80211g},
                                                        {"802.11n", STANDARD_80211N},
                                                        {"802.11ac", WIFI_STANDARD_80211ac},
                                                        {"802.11ax", STANDARD_80211AX}};
    const auto it = standards.find(name);
    if (it == standards.end())
    {
        throw EdgeDnnError("--standard=" + name +
                           ": expected 802.11g, 802.11n, 802.11ac or 802.11ax");
    }
    return it->second;
}

/**
 * Most cameras. ns-3.37's Wi-Fi aborted association ("No BSSID set for the link on which the
 * (Re)Association Request is to be sent") with 100 stations in one run of six, 120 in one of three,
 * 200 and 254 in the one run tried; 64 ran with 16 run numbers at 802.11ax and with two at each
 * other standard.
 */
constexpr uint32_t MAX_CAMERAS = 64;
/// Shortest distance from the access point (m).
constexpr double MIN_DISTANCE_M = 0.1;
/// Longest distance from the access point (m): with ns-3's default channel, beyond about 35 m
/// cameras already fail to reach it.
constexpr double MAX_DISTANCE_M = 1000;

} // namespace

int
main(int argc, char* argv[])
{
    // Numbers as text, checked once parsed (edge-dnn-example-options.h).
    std::string camerasText = "6";
    std::string standard = "802.11ax";
    std::string distanceText = "10";
    std::string uplinkRate = "4Mbps";
    example::CommonOptions o{4e9, 2, 200};

    CommandLine cmd(__FILE__);
    cmd.Usage("Cameras on an 802.11 cell whose access point is the edge server; SchedulerHelper "
              "admits cameras and cuts their networks; prints the problem, the assignment and "
              "frames by final state and latency per task. " +
              example::CommonOptionsBoundsText());
    cmd.AddValue("cameras",
                 "Number of cameras (Wi-Fi stations), " + example::RangeText(1, MAX_CAMERAS),
                 camerasText);
    cmd.AddValue(
        "standard",
        "Wi-Fi standard: 802.11g or 802.11n (2.4 GHz; 802.11n without A-MPDU aggregation), "
        "802.11ac or 802.11ax (5 GHz)",
        standard);
    cmd.AddValue("distance",
                 "Distance of the cameras from the access point, " +
                     example::RangeText(MIN_DISTANCE_M, MAX_DISTANCE_M, "m") +
                     " (with ns-3's default channel, beyond about 35 m some cannot reach it and "
                     "send nothing)",
                 distanceText);
    cmd.AddValue("uplinkRate",
                 std::string("Edge-to-cloud uplink rate b_i, ") + example::RATE_RANGE_TEXT +
                     " (e.g. 4Mbps)",
                 uplinkRate);
    o.AddTo(cmd, "the edge server");
    cmd.Parse(argc, argv);

    try
    {
        const uint32_t cameras = example::ParseInteger("cameras", camerasText, 1, MAX_CAMERAS);
        const WifiStandard wifiStandard = StandardFromString(standard);
        const double distance =
            example::ParseNumber("distance", distanceText, MIN_DISTANCE_M, MAX_DISTANCE_M, "m");
        const DataRate uplink = example::ParseRate("uplinkRate", uplinkRate);
        example::CheckRate("uplinkRate", uplinkRate, uplink.GetBitRate());
        example::CheckCommonOptions(o);
        o.Validate();

        // ns-3's default TCP segment is 536 B; Ethernet-sized segments are what cameras would use.
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

        // The network, with ns-3's helpers: cloud -- p2p uplink -- gateway (AP) ~ cameras.
        NodeContainer cameraNodes;
        cameraNodes.Create(cameras);
        Ptr<Node> gateway = CreateObject<Node>();
        Ptr<Node> cloud = CreateObject<Node>();
        InternetStackHelper internet;
        internet.Install(cameraNodes);
        internet.Install(gateway);
        internet.Install(cloud);

        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", DataRateValue(uplink));
        p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(10)));
        NetDeviceContainer uplinkDevices = p2p.Install(gateway, cloud);

        YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
        YansWifiPhyHelper phy;
        phy.SetChannel(channel.Create());
        WifiHelper wifi;
        wifi.SetStandard(wifiStandard);
        wifi.SetRemoteStationManager("ns3::IdealWifiManager");
        WifiMacHelper mac;
        const Ssid ssid("edge-dnn");
        mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
        NetDeviceContainer wifiDevices = wifi.Install(phy, mac, cameraNodes);
        mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
        wifiDevices.Add(wifi.Install(phy, mac, gateway));
        if (wifiStandard == STANDARD_80211N)
        {
            // 802.11n without A-MPDU aggregation, hence without Block Ack agreements: in ns-3.37
            // an HT station asks for its agreement in the middle of a burst and sends a frame of
            // the burst before the agreement is in force; the receiver then holds every later
            // frame of that flow for the rest of the run (doc: Troubleshooting, "A camera stops
            // after a few packets over Wi-Fi"). 802.11ac and 802.11ax set their agreement up on
            // a flow's first frame and keep ns-3's aggregation.
            for (auto it = wifiDevices.Begin(); it != wifiDevices.End(); ++it)
            {
                Ptr<WifiMac> wifiMac = DynamicCast<WifiNetDevice>(*it)->GetMac();
                wifiMac->SetAttribute("BE_MaxAmpduSize", UintegerValue(0));
                wifiMac->SetAttribute("VI_MaxAmpduSize", UintegerValue(0));
            }
        }

        // The cameras on a circle of the given radius around the access point.
        MobilityHelper mobility;
        Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
        for (uint32_t j = 0; j < cameras; ++j)
        {
            const double angle = 2 * M_PI * j / cameras;
            positions->Add(Vector(distance * std::cos(angle), distance * std::sin(angle), 0));
        }
        positions->Add(Vector(0, 0, 0));
        mobility.SetPositionAllocator(positions);
        mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
        mobility.Install(NodeContainer(cameraNodes, NodeContainer(gateway)));

        Ipv4AddressHelper addresses("10.1.0.0", "255.255.255.0");
        const Ipv4Address gatewayAddress = addresses.Assign(wifiDevices).GetAddress(cameras);
        addresses.SetBase("10.3.0.0", "255.255.255.252");
        const Ipv4Address cloudAddress = addresses.Assign(uplinkDevices).GetAddress(1);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();

        // The applications. The cameras start after the stations associate, a few ms apart.
        const example::Gateway accessPoint{gateway,
                                           gatewayAddress,
                                           uplinkDevices.Get(0),
                                           uplinkDevices.Get(1),
                                           cloudAddress};
        const std::vector<std::string> models{"squeezenet1.1",
                                              "mobilenet-v2",
                                              "resnet18",
                                              "googlenet"};
        const example::CameraSettings settings{models,
                                               o.frameRate,
                                               o.deadlineMs,
                                               Seconds(2),
                                               o.deviceCapacity};
        const std::vector<Ptr<IotDeviceApplication>> devices =
            example::InstallCameras(cameraNodes,
                                    accessPoint.GetAccess(),
                                    settings,
                                    MilliSeconds(500),
                                    MilliSeconds(20),
                                    Seconds(o.simTime));
        std::ostringstream heading;
        heading << "Wi-Fi " << standard << ", " << cameras << " cameras at " << distance
                << " m, uplink " << uplink.GetBitRate() << " bit/s";
        example::InstallServersAndRun(cloud,
                                      {accessPoint},
                                      devices,
                                      o,
                                      {"wifi", heading.str(), argc, argv});
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-wifi: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
