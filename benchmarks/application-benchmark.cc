/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// edge-dnn's applications against ns-3's own: 100 cameras behind 10 edge servers for 60 simulated
// seconds, run once with IotDevice/EdgeServer/CloudServer applications and once with ns-3's
// OnOffApplication and PacketSink moving the same bytes over the same links (TCP, the same per-flow
// rates), in one process. Prints the wall-time ratio (target: at most 1.15) and the events per
// second of each run.
//
//     edge-dnn-application-benchmark [--simTime=60] [--edges=10] [--devicesPerEdge=10]

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
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cstdio>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

const char* g_model = "mobilenet-v2"; //!< every camera's network
const uint32_t g_split = 59;          //!< cut after features.7.conv.3: 50,176 B cross
const double g_frameRate = 5;         //!< frames per second per camera

/// Wall time and events of one run.
struct RunStats
{
    double seconds;  //!< wall-clock seconds
    uint64_t events; //!< simulator events executed
    uint64_t frames; //!< frames created (edge-dnn run only)
    uint64_t done;   //!< frames completed or late (edge-dnn run only)
};

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
 * \return the run's figures
 */
RunStats
RunEdgeDnn(Time simTime, uint32_t edges, uint32_t devicesPerEdge)
{
    const auto start = std::chrono::steady_clock::now();
    const EdgeTopology t = Topology(edges, devicesPerEdge);
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
    RunStats stats;
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
 * flow of results back, each at the average rate of its edge-dnn counterpart. \param simTime
 * simulated time \param edges gateways \param devicesPerEdge cameras per gateway \return the run's
 * figures
 */
RunStats
RunOnOff(Time simTime, uint32_t edges, uint32_t devicesPerEdge)
{
    const auto start = std::chrono::steady_clock::now();
    const EdgeTopology t = Topology(edges, devicesPerEdge);
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
    RunStats stats{0, Simulator::GetEventCount(), 0, 0};
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
    CommandLine cmd(__FILE__);
    cmd.AddValue("simTime", "Simulated time (s)", simTime);
    cmd.AddValue("edges", "Edge servers", edges);
    cmd.AddValue("devicesPerEdge", "Cameras per edge server", devicesPerEdge);
    cmd.Parse(argc, argv);

    RngSeedManager::SetSeed(1);
    ModelRegistry::GetProfile(g_model); // build the profile before timing
    const RunStats baseline = RunOnOff(Seconds(simTime), edges, devicesPerEdge);
    const RunStats ours = RunEdgeDnn(Seconds(simTime), edges, devicesPerEdge);
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
    const double ratio = ours.seconds / baseline.seconds;
    std::printf("wall-time ratio edge-dnn / ns-3 baseline: %.3f (target <= 1.15: %s)\n",
                ratio,
                ratio <= 1.15 ? "met" : "MISSED");
    return 0;
}
