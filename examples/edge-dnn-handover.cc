/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-handover: cameras on a road between two gateways. Each gateway is an 802.11 access
 * point with an edge server, and reaches the cloud over its own point-to-point uplink; the two
 * access points share one SSID, one channel and one subnet, bridged over a wired backbone
 * (EdgeTopologyHelper::SetWifiRoaming), so a camera keeps its address when it re-associates. The
 * cameras of gateway 0 drive toward gateway 1 and those of gateway 1 toward gateway 0; halfway,
 * each station loses its access point and associates with the other one.
 *
 * Two policies can run on the same road (--policy=handover, the default; stay; or both):
 *  - handover: SchedulerHelper::EnableHandover decides each task again on the edge of its new
 *    access point (TaskDecision reason "handover"); the camera connects there, and the frames it
 *    sent before finish on the old connection, over the backbone;
 *  - stay: the schedule is kept; a camera's frames keep going to its first edge, over the backbone
 *    once it has moved.
 * For each policy the program prints every handover (when the association was lost and regained,
 * the servers, the decision) and per task its frames by final state, by the edge that received
 * them, the frames around its handover (created from the loss of the association to 1 s after the
 * new one) and its latencies; and it checks that every frame ended in exactly one state, that no
 * frame reached two edges or got two results, and (handover) that every frame created after the
 * decision went to the new edge.
 *
 *     edge-dnn-handover [--cameras=2] [--speed=10] [--spacing=80] [--policy=handover]
 *                       [--backboneRate=1Gbps] [--backboneDelay=1]
 *                       [--edgeCapacity=2e10] [--frameRate=2] [--deadline=300] [--algorithm=ours]
 *                       [--simTime=12] [--quick] [--RngRun=1] [--db=results.db]
 *
 * With --db each policy's run is recorded into an SQLite database (EdgeDnnRecorder; appended as
 * new runs, scenario "handover-<policy>"), handovers in its handovers table.
 */

#include "ns3/edge-dnn-handover.h"

#include "edge-dnn-example-options.h"
#include "edge-dnn-example-report.h"
#include "edge-dnn-example-table.h"

#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/constant-velocity-mobility-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/mobility-helper.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// Most cameras per gateway.
constexpr uint32_t MAX_CAMERAS = 16;
/// The road's distance from the line of the access points (m).
constexpr double ROAD_OFFSET_M = 5;
/// Where the cameras start and stop, before the gateways (m).
constexpr double ROAD_MARGIN_M = 5;
/// Distance between two cameras that start together (m).
constexpr double CAMERA_GAP_M = 3;
/// When the first camera starts (s): the stations have associated by then.
constexpr double FIRST_START_S = 1;

/// What one policy's run gave.
struct PolicyRun
{
    std::string policy;                     //!< "handover" or "stay"
    std::vector<Handover> handovers;        //!< every handover, in order
    std::map<uint32_t, std::string> models; //!< task -> network
    std::map<std::pair<uint32_t, uint32_t>, std::set<uint32_t>> edgesOfFrame; //!< frame -> edges
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> resultsOfFrame;         //!< frame -> results
    std::map<std::pair<uint32_t, uint32_t>, FrameLedger::Entry> frames; //!< frame -> final state
    std::map<uint32_t, Time> decidedAt; //!< task -> its handover decision's time
    uint64_t created{0};                //!< frames created
    uint64_t settledOnce{0};            //!< frames in exactly one final state
};

/**
 * \brief Format a number with fixed decimals.
 * \param value the number
 * \param decimals how many decimals
 * \return the text
 */
std::string
Fixed(double value, int decimals)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(decimals) << value;
    return os.str();
}

/// The road and the cameras, as the command line set them.
struct Road
{
    uint32_t cameras;      //!< cameras per gateway
    double speed;          //!< m/s
    double spacing;        //!< m between the gateways
    DataRate backboneRate; //!< the backbone joining the gateways
    Time backboneDelay;    //!< its delay
};

/**
 * \brief Build the road, run one policy and collect what happened.
 * \param policy "handover" or "stay"
 * \param road the road
 * \param o the common options
 * \param argc the program's argument count (recorded with --db)
 * \param argv its arguments
 * \return the run's frames and handovers
 */
PolicyRun
RunPolicy(const std::string& policy,
          const Road& road,
          const example::CommonOptions& o,
          int argc,
          char* argv[])
{
    PolicyRun run;
    run.policy = policy;

    // Two gateways, a cloud, cameras that move: ns-3's constant-velocity model.
    MobilityHelper cameraMobility;
    cameraMobility.SetMobilityModel("ns3::ConstantVelocityMobilityModel");
    EdgeTopologyHelper topologyHelper;
    topologyHelper.SetSize(2, road.cameras);
    topologyHelper.SetAccessNetwork(EdgeTopologyHelper::WIFI);
    topologyHelper.SetWifiRoaming(road.backboneRate, road.backboneDelay);
    topologyHelper.SetGatewaySpacing(road.spacing);
    topologyHelper.SetDeviceMobility(cameraMobility);
    topologyHelper.SetUplink(DataRate("20Mbps"), MilliSeconds(10));
    const EdgeTopology topology = topologyHelper.Install();

    // Gateway 0's cameras drive east from just past it, gateway 1's west; each stops at the
    // other end of the road.
    const double length = road.spacing - 2 * ROAD_MARGIN_M;
    for (uint32_t i = 0; i < 2; ++i)
    {
        const double direction = i == 0 ? 1.0 : -1.0;
        for (uint32_t j = 0; j < road.cameras; ++j)
        {
            Ptr<ConstantVelocityMobilityModel> mobility =
                topology.devices[i].Get(j)->GetObject<ConstantVelocityMobilityModel>();
            const double start = ROAD_MARGIN_M + CAMERA_GAP_M * j;
            const double x = i == 0 ? start : road.spacing - start;
            mobility->SetPosition(Vector(x, ROAD_OFFSET_M, 0));
            mobility->SetVelocity(Vector(direction * road.speed, 0, 0));
            const double travel = (length - CAMERA_GAP_M * j) / road.speed;
            Simulator::Schedule(Seconds(travel),
                                &ConstantVelocityMobilityModel::SetVelocity,
                                mobility,
                                Vector(0, 0, 0));
        }
    }

    const std::vector<std::string> models{"resnet18", "mobilenet-v2"};
    const example::CameraSettings settings{models,
                                           o.frameRate,
                                           o.deadlineMs,
                                           Seconds(2),
                                           o.deviceCapacity};
    std::vector<example::Gateway> gateways;
    std::vector<Ptr<IotDeviceApplication>> cameras;
    for (uint32_t i = 0; i < 2; ++i)
    {
        gateways.push_back({topology.edges.Get(i),
                            topology.edgeAccessAddresses[i],
                            topology.uplinks[i].Get(0),
                            topology.uplinks[i].Get(1),
                            topology.cloudAddresses[i]});
        const std::vector<Ptr<IotDeviceApplication>> some =
            example::InstallCameras(topology.devices[i],
                                    gateways[i].GetAccess(),
                                    settings,
                                    Seconds(FIRST_START_S) + MilliSeconds(250) * i,
                                    MilliSeconds(20),
                                    Seconds(o.simTime),
                                    i * road.cameras);
        cameras.insert(cameras.end(), some.begin(), some.end());
    }

    CloudServerHelper(example::CLOUD_PORT).Install(topology.cloud);
    EdgeServerHelper edgeHelper(example::EDGE_PORT);
    edgeHelper.SetAttribute("WorkerCapacity", DoubleValue(o.edgeCapacity));
    SchedulerHelper scheduler(o.algorithm);
    scheduler.SetPacing(o.pacing);
    std::vector<Ptr<EdgeServerApplication>> edges;
    for (const example::Gateway& gateway : gateways)
    {
        edges.push_back(
            DynamicCast<EdgeServerApplication>(edgeHelper.Install(gateway.node).Get(0)));
        scheduler.AddEdgeServer(edges.back(),
                                gateway.uplink,
                                gateway.GetAccess(),
                                InetSocketAddress(gateway.cloudAddress, example::CLOUD_PORT));
    }
    for (const Ptr<IotDeviceApplication>& camera : cameras)
    {
        scheduler.AddDevice(camera); // the server of its first gateway
        run.models[camera->GetTaskId()] = camera->GetModel();
    }
    if (policy == "handover")
    {
        scheduler.EnableHandover();
    }
    if (!o.db.empty())
    {
        example::RecordRun(o.db, gateways, o.algorithm, {"handover-" + policy, "", argc, argv});
    }

    // What the checks need beyond the ledger: which edge received each frame, and how many
    // results each frame got.
    for (uint32_t i = 0; i < edges.size(); ++i)
    {
        edges[i]->TraceConnectWithoutContext(
            "FrameReceived",
            MakeCallback(+[](PolicyRun* r, uint32_t edge, const EdgeDnnHeader& header) {
                r->edgesOfFrame[{header.GetTaskId(), header.GetFrameSeq()}].insert(edge);
            }).Bind(&run, i));
    }
    for (const Ptr<IotDeviceApplication>& camera : cameras)
    {
        camera->TraceConnectWithoutContext(
            "ResultReceived",
            MakeCallback(+[](PolicyRun* r, const FrameResult& result) {
                ++r->resultsOfFrame[{result.taskId, result.frameSeq}];
            }).Bind(&run));
        camera->TraceConnectWithoutContext(
            "Handover",
            MakeCallback(+[](PolicyRun* r, const Handover& handover) {
                r->handovers.push_back(handover);
                r->decidedAt[handover.taskId] = Simulator::Now();
            }).Bind(&run));
    }

    scheduler.Schedule();
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(Seconds(o.simTime + 1));
    Simulator::Run();
    run.frames = ledger.GetFrames();
    run.created = ledger.GetCreated();
    for (const auto& [key, entry] : run.frames)
    {
        run.settledOnce += entry.status == FrameStatus::IN_FLIGHT ? 0 : 1;
    }
    ledger.Disconnect();
    Simulator::Destroy();
    return run;
}

/**
 * \brief Print a policy's handovers, its frames per task and its checks.
 * \param os the stream
 * \param run the run
 * \param deadlineMs Q_j (ms)
 * \return the problems the checks found (0: none)
 */
uint32_t
PrintRun(std::ostream& os, const PolicyRun& run, double deadlineMs)
{
    os << "\n== policy " << run.policy << "\n";
    if (run.handovers.empty())
    {
        os << "no handover decided\n";
    }
    for (const Handover& h : run.handovers)
    {
        os << h << "\n";
    }

    example::TextTable table;
    table.AddColumn("task", example::TextTable::LEFT);
    table.AddColumn("model", example::TextTable::LEFT);
    for (const char* name : {"frames",
                             "ok",
                             "late",
                             "drop",
                             "lost",
                             "flight",
                             "edge0",
                             "edge1",
                             "around-ok/all",
                             "e2e-ms",
                             "p95-ms"})
    {
        table.AddColumn(name, example::TextTable::RIGHT);
    }
    uint32_t problems = 0;
    example::TaskFrameStats all;
    example::TaskFrameStats around;
    for (const auto& [task, model] : run.models)
    {
        example::TaskFrameStats mine;
        example::TaskFrameStats mineAround;
        uint32_t atEdge[2] = {0, 0};
        const Handover* handover = nullptr;
        for (const Handover& h : run.handovers)
        {
            if (h.taskId == task)
            {
                handover = &h; // the last one
            }
        }
        for (const auto& [key, entry] : run.frames)
        {
            if (key.first != task)
            {
                continue;
            }
            mine.Add(entry);
            all.Add(entry);
            const auto edges = run.edgesOfFrame.find(key);
            if (edges != run.edgesOfFrame.end())
            {
                for (uint32_t e : edges->second)
                {
                    ++atEdge[e];
                }
                if (edges->second.size() > 1)
                {
                    os << "CHECK FAILED: frame " << key.second << " of task " << task
                       << " reached both edges\n";
                    ++problems;
                }
                const auto decided = run.decidedAt.find(task);
                if (handover && handover->admitted && decided != run.decidedAt.end() &&
                    entry.created > decided->second &&
                    *edges->second.begin() != static_cast<uint32_t>(handover->toServer))
                {
                    os << "CHECK FAILED: frame " << key.second << " of task " << task
                       << ", created after its handover, reached edge " << *edges->second.begin()
                       << "\n";
                    ++problems;
                }
            }
            const auto results = run.resultsOfFrame.find(key);
            if (results != run.resultsOfFrame.end() && results->second > 1)
            {
                os << "CHECK FAILED: frame " << key.second << " of task " << task << " got "
                   << results->second << " results\n";
                ++problems;
            }
            if (handover)
            {
                const Time from =
                    handover->lostAt.IsNegative() ? handover->associatedAt : handover->lostAt;
                if (entry.created >= from && entry.created <= handover->associatedAt + Seconds(1))
                {
                    mineAround.Add(entry);
                    around.Add(entry);
                }
            }
        }
        mine.Finish();
        const bool any = !mine.endToEndMs.empty();
        table.AddRow({std::to_string(task),
                      model,
                      std::to_string(mine.frames),
                      std::to_string(mine.Count(FrameStatus::COMPLETED)),
                      std::to_string(mine.Count(FrameStatus::LATE)),
                      std::to_string(mine.Count(FrameStatus::DROPPED)),
                      std::to_string(mine.Count(FrameStatus::LOST)),
                      std::to_string(mine.Count(FrameStatus::IN_FLIGHT)),
                      std::to_string(atEdge[0]),
                      std::to_string(atEdge[1]),
                      handover ? std::to_string(mineAround.Count(FrameStatus::COMPLETED)) + "/" +
                                     std::to_string(mineAround.frames)
                               : "-",
                      any ? Fixed(mine.meanEndToEndMs, 1) : "-",
                      any ? Fixed(mine.P95EndToEndMs(), 1) : "-"});
    }
    table.Print(os);
    if (run.settledOnce + all.Count(FrameStatus::IN_FLIGHT) != run.created ||
        all.frames != run.created)
    {
        os << "CHECK FAILED: " << run.created << " frames created, " << all.frames << " followed, "
           << run.settledOnce << " settled and " << all.Count(FrameStatus::IN_FLIGHT)
           << " in flight\n";
        ++problems;
    }
    all.Finish();
    const double hitRatio =
        all.frames == 0 ? 0.0 : static_cast<double>(all.Count(FrameStatus::COMPLETED)) / all.frames;
    os << run.policy << ": " << run.handovers.size() << " handovers; "
       << all.Count(FrameStatus::COMPLETED) << " of " << all.frames
       << " frames within Q_j = " << deadlineMs << " ms (" << Fixed(hitRatio, 3) << "; late "
       << all.Count(FrameStatus::LATE) << ", dropped " << all.Count(FrameStatus::DROPPED)
       << ", lost " << all.Count(FrameStatus::LOST) << ", in flight at the end "
       << all.Count(FrameStatus::IN_FLIGHT) << ", counted as misses); around the handovers "
       << around.Count(FrameStatus::COMPLETED) << " of " << around.frames << "; end-to-end p95 "
       << Fixed(all.P95EndToEndMs(), 1) << " ms\n";
    os << "(edge0/edge1: frames each edge received; around: frames created from the loss of the "
          "association to 1 s after the new one)\n";
    os << "checks: every frame in exactly one final state, none at two edges, none answered "
          "twice"
       << (run.policy == "handover" ? ", frames after a handover at the new edge" : "") << ": "
       << (problems == 0 ? "passed" : "FAILED") << "\n";
    return problems;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string camerasText = "2";
    std::string speedText = "10";
    std::string spacingText = "80";
    std::string policy = "handover";
    std::string backboneRate = "1Gbps";
    std::string backboneDelayText = "1";
    bool quick = false;
    example::CommonOptions o{2e10, 2, 300};
    o.simTime = 12;

    CommandLine cmd(__FILE__);
    cmd.Usage("Cameras on a road between two gateways (802.11 access points bridged over a "
              "backbone, one SSID and subnet): each station re-associates with the other access "
              "point halfway; with --policy=handover its task is decided again on that edge. "
              "Prints the handovers and every task's frames by final state, by edge, around the "
              "handover, and checks that none is lost from the accounting or duplicated. " +
              example::CommonOptionsBoundsText());
    cmd.AddValue("cameras",
                 "Cameras per gateway, " + example::RangeText(1, MAX_CAMERAS),
                 camerasText);
    cmd.AddValue("speed", "Speed of the cameras, " + example::RangeText(1, 60, "m/s"), speedText);
    cmd.AddValue("spacing",
                 "Distance between the gateways, " + example::RangeText(40, 400, "m"),
                 spacingText);
    cmd.AddValue("policy",
                 "handover (decide each task again on its new edge), stay (keep the schedule: "
                 "frames cross the backbone to the first edge) or both",
                 policy);
    cmd.AddValue("backboneRate",
                 std::string("Rate of the wired backbone joining the gateways, ") +
                     example::RATE_RANGE_TEXT,
                 backboneRate);
    cmd.AddValue("backboneDelay",
                 "Delay of the backbone, a CSMA segment, " + example::RangeText(0, 10, "us") +
                     " (ns-3's CSMA channel holds the medium for its delay on every packet)",
                 backboneDelayText);
    cmd.AddValue("quick", "One camera per gateway at 20 m/s for 8 s", quick);
    o.AddTo(cmd, "each edge server");
    cmd.Parse(argc, argv);

    try
    {
        Road road;
        road.cameras = example::ParseInteger("cameras", camerasText, 1, MAX_CAMERAS);
        road.speed = example::ParseNumber("speed", speedText, 1, 60, "m/s");
        road.spacing = example::ParseNumber("spacing", spacingText, 40, 400, "m");
        road.backboneRate = example::ParseRate("backboneRate", backboneRate);
        example::CheckRate("backboneRate", backboneRate, road.backboneRate.GetBitRate());
        road.backboneDelay = NanoSeconds(std::llround(
            1e3 * example::ParseNumber("backboneDelay", backboneDelayText, 0, 10, "us")));
        if (policy != "handover" && policy != "stay" && policy != "both")
        {
            throw EdgeDnnError("--policy=" + policy + ": expected handover, stay or both");
        }
        if (quick)
        {
            road.cameras = 1;
            road.speed = 20;
            o.simTime = 8;
        }
        example::CheckCommonOptions(o);
        o.Validate();
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));

        std::cout << "edge-dnn-handover: 2 gateways " << road.spacing << " m apart, "
                  << road.cameras << " camera(s) each driving toward the other at " << road.speed
                  << " m/s (the road takes "
                  << Fixed((road.spacing - 2 * ROAD_MARGIN_M) / road.speed, 1) << " s), backbone "
                  << road.backboneRate.GetBitRate() / 1e6 << " Mbit/s and "
                  << road.backboneDelay.GetNanoSeconds() / 1e3 << " us, " << o.simTime
                  << " s simulated\n";
        uint32_t problems = 0;
        for (const std::string& p : {std::string("handover"), std::string("stay")})
        {
            if (policy == p || policy == "both")
            {
                problems += PrintRun(std::cout, RunPolicy(p, road, o, argc, argv), o.deadlineMs);
            }
        }
        if (problems != 0)
        {
            std::cerr << "edge-dnn-handover: " << problems << " check(s) failed" << std::endl;
            return 1;
        }
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-handover: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
