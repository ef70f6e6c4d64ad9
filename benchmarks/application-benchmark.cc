/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// edge-dnn's applications against ns-3's own: 100 cameras behind 10 edge servers for 60 simulated
// seconds, run once with IotDevice/EdgeServer/CloudServer applications and once with ns-3's
// OnOffApplication and PacketSink moving the same bytes over the same links (TCP, the same per-flow
// rates), in one process. Prints the wall-time ratio (target: at most 1.15) and the events per
// second of each run, then where the events go: per frame, the events, the wall time and the
// packets that must be simulated, counted as each leaves a point-to-point device (TCP segments
// with data and without, on the access links and on the uplinks, each way), and the events per
// packet-hop, for both runs (the baseline's figures per frame are per frame's worth of bytes).
//
//     edge-dnn-application-benchmark [--simTime=60] [--edges=10] [--devicesPerEdge=10]
//                                    [--countPackets=1]

#include "ns3/cloud-server-helper.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4.h"
#include "ns3/on-off-helper.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <array>
#include <chrono>
#include <cstdio>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

const char* g_model = "mobilenet-v2"; //!< every camera's network
const uint32_t g_split = 59;          //!< cut after features.7.conv.3: 50,176 B cross
const double g_frameRate = 5;         //!< frames per second per camera

/// The hops a packet takes, each way.
enum Hop
{
    ACCESS_UP,   //!< a camera's access link, camera to edge
    ACCESS_DOWN, //!< a camera's access link, edge to camera
    UPLINK_UP,   //!< an edge's uplink, edge to cloud
    UPLINK_DOWN, //!< an edge's uplink, cloud to edge
    HOPS,        //!< number of hops
};

/// Names of the hops, in Hop's order.
const std::array<const char*, HOPS> g_hopNames{"access, camera to edge",
                                               "access, edge to camera",
                                               "uplink, edge to cloud",
                                               "uplink, cloud to edge"};

/// Packets that left the point-to-point devices of one hop.
struct HopCount
{
    uint64_t data{0};  //!< TCP segments carrying data
    uint64_t acks{0};  //!< TCP segments without data: ACKs (and the few SYNs and FINs)
    uint64_t other{0}; //!< anything else (not TCP over IPv4)

    /** eturn every packet counted */
    uint64_t Total() const
    {
        return data + acks + other;
    }
};

/// Wall time and events of one run.
struct RunStats
{
    double seconds;                  //!< wall-clock seconds
    uint64_t events;                 //!< simulator events executed
    uint64_t frames;                 //!< frames created (edge-dnn run only)
    uint64_t done;                   //!< frames completed or late (edge-dnn run only)
    std::array<HopCount, HOPS> hops; //!< packets counted on each hop (with --countPackets)

    /** eturn packets counted on every hop: each packet once per link it crossed */
    uint64_t PacketHops() const
    {
        uint64_t n = 0;
        for (const HopCount& h : hops)
        {
            n += h.Total();
        }
        return n;
    }
};

/**
 * \brief Count a packet as its last bit leaves a point-to-point device (PhyTxEnd): TCP data or
 * not, read off the bytes on the wire (PPP 2 B, the IPv4 header's length and total length, the
 * TCP header's data offset), without copying or deserializing the packet.
 * \param count the hop's counters
 * \param packet the packet with its PPP header
 */
void
CountPacket(HopCount* count, Ptr<const Packet> packet)
{
    constexpr uint32_t PPP = 2;
    uint8_t b[PPP + 60 + 13];
    const uint32_t n = packet->CopyData(b, sizeof(b));
    const uint32_t ipHeader = (b[PPP] & 0x0f) * 4;
    if (n < PPP + 20 || b[PPP + 9] != 6 || n < PPP + ipHeader + 13)
    {
        ++count->other;
        return;
    }
    const uint32_t ipTotal = uint32_t{b[PPP + 2]} << 8 | b[PPP + 3];
    const uint32_t tcpHeader = (b[PPP + ipHeader + 12] >> 4) * 4;
    if (ipTotal > ipHeader + tcpHeader)
    {
        ++count->data;
    }
    else
    {
        ++count->acks;
    }
}

/**
 * \brief Count the packets leaving every point-to-point device of the topology, by hop.
 * \param t the topology (point-to-point access links)
 * \param hops the counters, which must outlive the run
 */
void
CountPackets(const EdgeTopology& t, std::array<HopCount, HOPS>& hops)
{
    const auto connect = [](Ptr<NetDevice> device, HopCount* count) {
        device->TraceConnectWithoutContext("PhyTxEnd", MakeBoundCallback(&CountPacket, count));
    };
    for (uint32_t i = 0; i < t.uplinks.size(); ++i)
    {
        connect(t.uplinks[i].Get(0), &hops[UPLINK_UP]);
        connect(t.uplinks[i].Get(1), &hops[UPLINK_DOWN]);
    }
    for (uint32_t i = 0; i < t.accessDevices.size(); ++i)
    {
        for (uint32_t d = 0; d < t.accessDevices[i].GetN(); ++d)
        {
            Ptr<NetDevice> device = t.accessDevices[i].Get(d);
            const bool atEdge = device->GetNode() == t.edges.Get(i);
            connect(device, &hops[atEdge ? ACCESS_DOWN : ACCESS_UP]);
        }
    }
}

/**
 * \brief Build the shared topology.
 * \param edges gateways
 * \param devicesPerEdge cameras per gateway
 * \return the topology
 */
EdgeTopology
Topology(uint32_t edges, uint32_t devicesPerEdge)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    EdgeTopologyHelper helper;
    helper.SetSize(edges, devicesPerEdge);
    helper.SetUplink(DataRate("100Mbps"), MilliSeconds(10));
    return helper.Install();
}

/**
 * \brief Run the scenario with edge-dnn's applications.
 * \param simTime simulated time
 * \param edges gateways
 * \param devicesPerEdge cameras per gateway
 * \param countPackets whether to count the packets on each hop
 * \return the run's figures
 */
RunStats
RunEdgeDnn(Time simTime, uint32_t edges, uint32_t devicesPerEdge, bool countPackets)
{
    const auto start = std::chrono::steady_clock::now();
    const EdgeTopology t = Topology(edges, devicesPerEdge);
    RunStats stats{};
    if (countPackets)
    {
        CountPackets(t, stats.hops);
    }
    CloudServerHelper().Install(t.cloud);
    EdgeServerHelper().Install(t);
    ApplicationContainer cameras;
    for (uint32_t i = 0; i < edges; ++i)
    {
        IotDeviceHelper camera(InetSocketAddress(t.edgeAccessAddresses[i], 9000));
        camera.SetAttribute("TaskId", UintegerValue(i * devicesPerEdge));
        camera.SetAttribute("Model", StringValue(g_model));
        camera.SetAttribute("SplitIndex", UintegerValue(g_split));
        camera.SetAttribute("FrameRate", DoubleValue(g_frameRate));
        cameras.Add(camera.Install(t.devices[i]));
    }
    cameras.Start(Seconds(0.1));
    cameras.Stop(simTime);
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(simTime);
    Simulator::Run();
    stats.events = Simulator::GetEventCount();
    stats.frames = ledger.GetCreated();
    stats.done = ledger.GetCount(FrameStatus::COMPLETED) + ledger.GetCount(FrameStatus::LATE);
    ledger.Disconnect();
    Simulator::Destroy();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return stats;
}

/**
 * \brief Run the same topology with ns-3's OnOff and PacketSink moving the same bytes: per camera a
 * TCP flow of frames to its gateway, a TCP flow of features from the gateway to the cloud, and a
 * flow of results back, each at the average rate of its edge-dnn counterpart.
 * \param simTime simulated time
 * \param edges gateways
 * \param devicesPerEdge cameras per gateway
 * \param countPackets whether to count the packets on each hop (the same traces as edge-dnn's run)
 * \return the run's figures
 */
RunStats
RunOnOff(Time simTime, uint32_t edges, uint32_t devicesPerEdge, bool countPackets)
{
    const auto start = std::chrono::steady_clock::now();
    const EdgeTopology t = Topology(edges, devicesPerEdge);
    RunStats stats{};
    if (countPackets)
    {
        CountPackets(t, stats.hops);
    }
    const SplitProfile& profile = ModelRegistry::GetProfile(g_model);
    const uint64_t header = EdgeDnnHeader::GetStaticSize();
    const uint64_t frameBytes = header + profile.GetInputBytes();
    const uint64_t featureBytes = header + profile.FindSplitPoint(g_split)->bytes;
    const uint64_t resultBytes = header + 64;
    const auto flow = [&](Ptr<Node> from, Ipv4Address to, uint16_t port, uint64_t bytesPerFrame) {
        OnOffHelper onOff("ns3::TcpSocketFactory", InetSocketAddress(to, port));
        onOff.SetConstantRate(DataRate(static_cast<uint64_t>(bytesPerFrame * 8 * g_frameRate)),
                              1448);
        ApplicationContainer app = onOff.Install(from);
        app.Start(Seconds(0.1));
        app.Stop(simTime);
    };
    PacketSinkHelper sink("ns3::TcpSocketFactory", InetSocketAddress(Ipv4Address::GetAny(), 9000));
    sink.Install(t.edges);
    sink.Install(t.GetAllDevices());
    sink.Install(t.cloud);
    for (uint32_t i = 0; i < edges; ++i)
    {
        for (uint32_t j = 0; j < devicesPerEdge; ++j)
        {
            Ptr<Node> camera = t.devices[i].Get(j);
            const Ipv4Address cameraAddress =
                camera->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
            flow(camera, t.edgeAccessAddresses[i], 9000, frameBytes);
            flow(t.edges.Get(i), t.cloudAddresses[i], 9000, featureBytes);
            flow(t.cloud,
                 t.edges.Get(i)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal(),
                 9000,
                 resultBytes);
            flow(t.edges.Get(i), cameraAddress, 9000, resultBytes);
        }
    }
    Simulator::Stop(simTime);
    Simulator::Run();
    stats.events = Simulator::GetEventCount();
    Simulator::Destroy();
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return stats;
}

} // namespace

int
main(int argc, char* argv[])
{
    double simTime = 60;
    uint32_t edges = 10;
    uint32_t devicesPerEdge = 10;
    bool countPackets = true;
    CommandLine cmd(__FILE__);
    cmd.AddValue("simTime", "Simulated time (s)", simTime);
    cmd.AddValue("edges", "Edge servers", edges);
    cmd.AddValue("devicesPerEdge", "Cameras per edge server", devicesPerEdge);
    cmd.AddValue("countPackets",
                 "Count the packets on each hop (the same per-packet trace in both runs)",
                 countPackets);
    cmd.Parse(argc, argv);

    RngSeedManager::SetSeed(1);
    ModelRegistry::GetProfile(g_model); // build the profile before timing
    const RunStats baseline = RunOnOff(Seconds(simTime), edges, devicesPerEdge, countPackets);
    const RunStats ours = RunEdgeDnn(Seconds(simTime), edges, devicesPerEdge, countPackets);
    std::printf("%u cameras, %u edge servers, %.0f s simulated\n",
                edges * devicesPerEdge,
                edges,
                simTime);
    std::printf(
        "ns-3 OnOff/PacketSink, same bytes: %8.2f s wall, %10llu events, %6.2f M events/s\n",
        baseline.seconds,
        static_cast<unsigned long long>(baseline.events),
        baseline.events / baseline.seconds / 1e6);
    std::printf("edge-dnn applications:             %8.2f s wall, %10llu events, %6.2f M events/s, "
                "%llu frames (%llu with results)\n",
                ours.seconds,
                static_cast<unsigned long long>(ours.events),
                ours.events / ours.seconds / 1e6,
                static_cast<unsigned long long>(ours.frames),
                static_cast<unsigned long long>(ours.done));
    if (ours.frames == 0)
    {
        std::printf("no frames: nothing per frame to print\n");
        return 1;
    }
    // Per frame: the baseline moves the same bytes, so its figures are per frame's worth of bytes.
    const double frames = static_cast<double>(ours.frames);
    std::printf("\nwhere the time goes, per frame (%llu frames; the baseline per frame's worth of "
                "bytes):\n",
                static_cast<unsigned long long>(ours.frames));
    std::printf("                                   edge-dnn      OnOff/PacketSink\n");
    std::printf("  events                         %10.1f      %10.1f\n",
                ours.events / frames,
                baseline.events / frames);
    std::printf("  wall time (ms)                 %10.3f      %10.3f\n",
                1e3 * ours.seconds / frames,
                1e3 * baseline.seconds / frames);
    if (countPackets)
    {
        std::printf("  TCP segments leaving a point-to-point device, data + ACKs (no data):\n");
        for (uint32_t h = 0; h < HOPS; ++h)
        {
            std::printf("    %-26s %6.1f + %6.1f     %6.1f + %6.1f\n",
                        g_hopNames[h],
                        ours.hops[h].data / frames,
                        ours.hops[h].acks / frames,
                        baseline.hops[h].data / frames,
                        baseline.hops[h].acks / frames);
        }
        const double ourHops = static_cast<double>(ours.PacketHops());
        const double baseHops = static_cast<double>(baseline.PacketHops());
        std::printf("  packet-hops (all packets)      %10.1f      %10.1f\n",
                    ourHops / frames,
                    baseHops / frames);
        std::printf("  events per packet-hop          %10.2f      %10.2f\n",
                    ours.events / ourHops,
                    baseline.events / baseHops);
        std::printf("  wall time per packet-hop (us)  %10.3f      %10.3f\n",
                    1e6 * ours.seconds / ourHops,
                    1e6 * baseline.seconds / baseHops);
    }
    const double ratio = ours.seconds / baseline.seconds;
    std::printf("wall-time ratio edge-dnn / ns-3 baseline: %.3f (target <= 1.15: %s)\n",
                ratio,
                ratio <= 1.15 ? "met" : "MISSED");
    return 0;
}
