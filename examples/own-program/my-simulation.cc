/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * A program of your own against an installed edge-dnn (README.md, "Your own program"): one camera,
 * one edge server and one cloud server; the camera runs resnet18 cut after the edge's first layers.
 * Prints the network's MACs and the frames created and completed.
 *
 *     my-simulation [--frames=20]
 */

#include "ns3/command-line.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-module.h"
#include "ns3/inet-socket-address.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <iostream>

using namespace ns3;
using namespace ns3::edgednn;

int
main(int argc, char* argv[])
{
    uint32_t frames = 20;
    CommandLine cmd(__FILE__);
    cmd.AddValue("frames", "Frames the camera sends, at 10 frames/s", frames);
    cmd.Parse(argc, argv);

    const CnnModel model = CnnModelZoo::Create("resnet18");
    std::cout << "resnet18: " << model.GetTotalMacs() << " MACs\n";

    EdgeTopologyHelper topologyHelper;
    topologyHelper.SetSize(1, 1); // one edge server with one camera, and the cloud
    const EdgeTopology topology = topologyHelper.Install();
    CloudServerHelper().Install(topology.cloud);
    EdgeServerHelper().Install(topology);

    IotDeviceHelper camera(InetSocketAddress(topology.edgeAccessAddresses[0], 9000));
    camera.SetAttribute("Model", StringValue("resnet18"));
    camera.SetAttribute("SplitIndex", UintegerValue(59));
    camera.SetAttribute("FrameRate", DoubleValue(10));
    ApplicationContainer apps = camera.Install(topology.devices[0]);
    apps.Stop(Seconds(frames / 10.0));

    FrameLedger ledger; // every frame's final state
    ledger.Connect();
    Simulator::Stop(Seconds(frames / 10.0 + 2));
    Simulator::Run();
    std::cout << "frames: " << ledger.GetCreated() << " created, "
              << ledger.GetCount(FrameStatus::COMPLETED) << " completed\n";
    ledger.Disconnect();
    Simulator::Destroy();
    return 0;
}
