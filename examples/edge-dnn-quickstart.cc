/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-quickstart: one cloud server, two edge servers, and three cameras behind each edge,
 * every camera running a different CNN split at a different layer. Frames move at packet level; at
 * the end the program prints a summary per task: frames by final state and latency.
 *
 *     edge-dnn-quickstart [--simTime=5] [--protocol=tcp|udp] [--access=p2p|csma|wifi] [--RngRun=1]
 *                         [--db=results.db]
 *
 * With --db the run is recorded into an SQLite database (EdgeDnnRecorder; appended as a new run).
 */

#include "edge-dnn-example-options.h"
#include "edge-dnn-example-report.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <iostream>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// A camera's task: its network and the layer after which it is cut.
struct CameraTask
{
    const char* model; //!< zoo network
    const char* cut;   //!< last layer at the edge
};

/**
 * \brief The split index of a layer.
 * \param model a network
 * \param layer the last layer at the edge
 * \return its split index
 */
uint32_t
SplitAfter(const std::string& model, const std::string& layer)
{
    for (const SplitPoint& p : ModelRegistry::GetProfile(model).GetSplitPoints())
    {
        if (p.name == layer)
        {
            return p.index;
        }
    }
    throw EdgeDnnError(model + " has no layer '" + layer + "'");
}

} // namespace

int
main(int argc, char* argv[])
{
    // Numbers as text, checked once parsed (edge-dnn-example-options.h).
    std::string simTimeText = "5";
    std::string protocol = "tcp";
    std::string access = "p2p";
    std::string frameRateText = "10";
    std::string db;

    CommandLine cmd(__FILE__);
    cmd.Usage("One cloud, two edge servers, three cameras each running a different split CNN; "
              "prints frames "
              "by final state and latency per task.");
    cmd.AddValue("simTime",
                 "Simulated time, " +
                     example::RangeText(example::MIN_SIM_TIME_S, example::MAX_SIM_TIME_S, "s"),
                 simTimeText);
    cmd.AddValue("protocol", "Transport: tcp or udp", protocol);
    cmd.AddValue("access", "Access network of the cameras: p2p, csma or wifi", access);
    cmd.AddValue("frameRate",
                 "Frames per second of each camera, " + example::RangeText(example::MIN_FRAME_RATE,
                                                                           example::MAX_FRAME_RATE,
                                                                           "frames/s"),
                 frameRateText);
    cmd.AddValue("db", "Record the run into this SQLite database (appends a run)", db);
    cmd.Parse(argc, argv);

    try
    {
        if (protocol != "tcp" && protocol != "udp")
        {
            throw EdgeDnnError("--protocol=" + protocol + ": expected tcp or udp");
        }
        const double simTime = example::ParseNumber("simTime",
                                                    simTimeText,
                                                    example::MIN_SIM_TIME_S,
                                                    example::MAX_SIM_TIME_S,
                                                    "s");
        const double frameRate = example::ParseNumber("frameRate",
                                                      frameRateText,
                                                      example::MIN_FRAME_RATE,
                                                      example::MAX_FRAME_RATE,
                                                      "frames/s");
        const TypeId socketFactory = TypeId::LookupByName(
            protocol == "tcp" ? "ns3::TcpSocketFactory" : "ns3::UdpSocketFactory");

        // ns-3's default TCP segment is 536 B; Ethernet-sized segments are what cameras would use.
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

        EdgeTopologyHelper topologyHelper;
        topologyHelper.SetSize(2, 3);
        topologyHelper.SetAccessNetwork(EdgeTopologyHelper::AccessNetworkFromString(access));
        topologyHelper.SetUplink(0, DataRate("20Mbps"), MilliSeconds(10));
        topologyHelper.SetUplink(1, DataRate("50Mbps"), MilliSeconds(20));
        const EdgeTopology topology = topologyHelper.Install();

        CloudServerHelper cloud;
        cloud.SetAttribute("Protocol", TypeIdValue(socketFactory));
        cloud.Install(topology.cloud);

        // Each edge server sends the features of its tasks to the cloud over its own uplink.
        EdgeServerHelper edge;
        edge.SetAttribute("Protocol", TypeIdValue(socketFactory));
        edge.SetAttribute("WorkerCapacity", DoubleValue(2e11)); // 200 GMAC/s, an embedded GPU
        edge.Install(topology);

        // Cuts where little data crosses, from everything in the cloud (resnet50: "input") to
        // everything at the edge (googlenet up to its pooled features).
        const std::vector<CameraTask> tasks{{"mobilenet-v2", "features.7.conv.3"},
                                            {"resnet18", "layer4.0.relu"},
                                            {"squeezenet1.1", "features.9.squeeze_activation"},
                                            {"googlenet", "avgpool"},
                                            {"alexnet", "features.12"},
                                            {"resnet50", "input"}};
        ApplicationContainer cameras;
        for (uint32_t i = 0; i < topology.edges.GetN(); ++i)
        {
            for (uint32_t j = 0; j < topology.devices[i].GetN(); ++j)
            {
                const uint32_t id = i * topology.devices[i].GetN() + j;
                const CameraTask& task = tasks[id % tasks.size()];
                const uint32_t split = SplitAfter(task.model, task.cut);
                IotDeviceHelper camera(InetSocketAddress(topology.edgeAccessAddresses[i], 9000));
                camera.SetAttribute("TaskId", UintegerValue(id));
                camera.SetAttribute("Protocol", TypeIdValue(socketFactory));
                camera.SetAttribute("Model", StringValue(task.model));
                camera.SetAttribute("SplitIndex", UintegerValue(split));
                camera.SetAttribute("FrameRate", DoubleValue(frameRate));
                camera.SetAttribute("Deadline", TimeValue(MilliSeconds(250)));
                camera.SetAttribute("ResultTimeout", TimeValue(Seconds(2)));
                cameras.Add(camera.Install(topology.devices[i].Get(j)));
            }
        }
        cameras.Start(MilliSeconds(100));
        cameras.Stop(Seconds(simTime));

        if (!db.empty())
        {
            RecorderHelper recorder;
            recorder.SetAttribute("Scenario", StringValue("quickstart"));
            recorder.AddCommandLine(argc, argv);
            recorder.AddTopologyLinks(topology);
            recorder.Install(db); // Simulator::Destroy() finishes the run
        }
        FrameLedger ledger;
        ledger.Connect();
        Simulator::Stop(Seconds(simTime + 1));
        Simulator::Run();

        std::cout << std::left << std::setw(5) << "task" << std::setw(5) << "edge" << std::setw(15)
                  << "model" << std::setw(31) << "cut after" << std::right << std::setw(7)
                  << "frames" << std::setw(6) << "ok" << std::setw(6) << "late" << std::setw(6)
                  << "drop" << std::setw(6) << "lost" << std::setw(7) << "flight" << std::setw(11)
                  << "mean ms" << std::setw(10) << "p95 ms"
                  << "\n";
        for (uint32_t id = 0; id < cameras.GetN(); ++id)
        {
            const CameraTask& task = tasks[id % tasks.size()];
            const example::TaskFrameStats stats = example::TaskFrameStats::Collect(ledger, id);
            std::cout << std::left << std::setw(5) << id << std::setw(5) << id / 3 << std::setw(15)
                      << task.model << std::setw(31) << task.cut << std::right << std::setw(7)
                      << stats.frames << std::setw(6) << stats.Count(FrameStatus::COMPLETED)
                      << std::setw(6) << stats.Count(FrameStatus::LATE) << std::setw(6)
                      << stats.Count(FrameStatus::DROPPED) << std::setw(6)
                      << stats.Count(FrameStatus::LOST) << std::setw(7)
                      << stats.Count(FrameStatus::IN_FLIGHT) << std::fixed << std::setprecision(1)
                      << std::setw(11) << stats.meanEndToEndMs << std::setw(10)
                      << stats.P95EndToEndMs() << std::defaultfloat << "\n";
        }
        example::PrintStalls(std::cout, ledger);
        ledger.Disconnect();
        Simulator::Destroy();
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-quickstart: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
