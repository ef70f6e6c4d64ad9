/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * Networks that change: the same cameras under an edge-to-cloud bandwidth trace, with the
 * paper's static schedule and with each run-time policy (resplit, replan); prints and plots the
 * tasks delivered and the frames within Q_j over time.
 *
 * ./edge-dnn-adaptive [--policy=all|static|resplit|replan] [--trace=FILE] [--quick] [--db=FILE]
 */

#include "edge-dnn-example-options.h"
#include "edge-dnn-example-plot.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-link-rate-trace.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-runtime-policy.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/stat.h>

using namespace ns3;
using namespace ns3::edgednn;

NS_LOG_COMPONENT_DEFINE("EdgeDnnAdaptive");

namespace
{

/// A camera's task.
struct Camera
{
    const char* model; //!< zoo network
    double frameRate;  //!< frames per second
    double deadlineS;  //!< Q_j (s)
};

/// The cameras of each gateway (the same on every gateway).
const std::vector<Camera> CAMERAS{{"resnet18", 10, 0.25},
                                  {"mobilenet-v2", 10, 0.2},
                                  {"googlenet", 10, 0.25},
                                  {"squeezenet1.1", 10, 0.2},
                                  {"resnet50", 5, 0.3},
                                  {"alexnet", 10, 0.2},
                                  {"vgg16", 5, 0.4},
                                  {"inception-v3", 5, 0.3}};

/// After the cameras' last frames, time for their results (s).
constexpr double DRAIN_S = 2;

/// What one run measured.
struct RunResult
{
    std::string policy;              //!< run-time policy
    uint32_t tasks{0};               //!< cameras
    uint32_t admittedAtStart{0};     //!< admitted by the schedule
    uint32_t keptAtEnd{0};           //!< admitted by the last decision
    uint32_t delivered{0};           //!< kept tasks with >= 99 % of counted frames within Q_j
    uint64_t counted{0};             //!< counted frames of the kept tasks
    uint64_t within{0};              //!< of those, within Q_j
    uint64_t countedAfter{0};        //!< counted frames of the kept tasks created after the drop
    uint64_t withinAfter{0};         //!< of those, within Q_j
    uint32_t decisions{0};           //!< decisions during the run
    std::vector<double> binRatio;    //!< frames within Q_j over frames, per second (all tasks)
    std::vector<uint64_t> binFrames; //!< frames created per second (all tasks)
    std::vector<std::array<double, 3>> bandwidth; //!< time (s), true and estimated rate (bit/s)
    double errorMedian{0};                        //!< estimate's median relative error
    double errorP95{0};                           //!< and its 95th percentile
};

/// Follows the decisions taken during a run.
struct DecisionCounter
{
    uint32_t decisions{0};             //!< decisions taken
    std::map<uint32_t, bool> admitted; //!< each task's last decision

    /**
     * \brief A decision was applied.
     * \param d the decision
     */
    void OnDecision(const TaskDecision& d)
    {
        ++decisions;
        admitted[d.taskId] = d.admitted;
        if (verbose)
        {
            std::cout << Simulator::Now().GetSeconds() << " s: " << d << "\n";
        }
    }

    /**
     * \brief An edge's new uplink estimate.
     * \param estimate the estimate
     */
    void OnEstimate(DataRate estimate)
    {
        const double t = Simulator::Now().GetSeconds();
        estimates.push_back({t,
                             static_cast<double>(trace->GetRateAt(Simulator::Now()).GetBitRate()),
                             static_cast<double>(estimate.GetBitRate())});
        if (verbose)
        {
            std::cout << Simulator::Now().GetSeconds() << " s: estimate "
                      << estimate.GetBitRate() / 1e6 << " Mbit/s\n";
        }
    }

    bool verbose{false};                          //!< print each decision and estimate
    Ptr<LinkRateTrace> trace;                     //!< edge 0's uplink trace
    std::vector<std::array<double, 3>> estimates; //!< edge 0's: time, true rate, estimate
};

/// The run's settings.
struct Settings
{
    double simTimeS{60};           //!< cameras create frames until then (s)
    double uplinkBps{40e6};        //!< each edge's uplink before the trace scales it (bit/s)
    uint32_t edges{1};             //!< gateways
    std::string trace;             //!< the bandwidth trace (CSV)
    double traceTimeScale{1};      //!< its TimeScale
    double changeAtS{20};          //!< the first change of the trace, scaled (s), for the "after"
    std::string db;                //!< record into this database, or empty
    bool verbose{false};           //!< print each decision and estimate
    std::vector<std::string> argv; //!< the command line, for the recorder
};

RunResult
RunPolicy(const Settings& s, const std::string& policy, int argc, char** argv)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    EdgeTopologyHelper topologyHelper;
    topologyHelper.SetSize(s.edges, static_cast<uint32_t>(CAMERAS.size()));
    topologyHelper.SetAccessNetwork(EdgeTopologyHelper::AccessNetworkFromString("p2p"));
    for (uint32_t i = 0; i < s.edges; ++i)
    {
        topologyHelper.SetUplink(i, DataRate(static_cast<uint64_t>(s.uplinkBps)), MilliSeconds(10));
    }
    const EdgeTopology topology = topologyHelper.Install();

    CloudServerHelper cloud;
    cloud.SetAttribute("WorkerCapacity", DoubleValue(1e12));
    cloud.Install(topology.cloud);
    EdgeServerHelper edge;
    edge.SetAttribute("WorkerCapacity", DoubleValue(2e11));
    const ApplicationContainer edges = edge.Install(topology);

    // The edges' uplinks (edge side) follow the trace, scaled so that its 100 Mbit/s is the
    // uplink and its 60 s the run.
    std::vector<Ptr<LinkRateTrace>> traces;
    for (uint32_t i = 0; i < s.edges; ++i)
    {
        Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
        trace->SetAttribute("RateScale", DoubleValue(s.uplinkBps / 100e6));
        trace->SetAttribute("TimeScale", DoubleValue(s.traceTimeScale));
        if (s.trace.empty())
        {
            // data/bandwidth/step-half.csv: 100 Mbit/s, then 50 Mbit/s from 20 s.
            trace->SetPoints(
                {{Seconds(0), DataRate("100Mbps")}, {Seconds(20), DataRate("50Mbps")}});
        }
        else
        {
            trace->SetAttribute("File", StringValue(s.trace));
        }
        trace->Install(topology.uplinks[i].Get(0));
        traces.push_back(trace);
    }

    SchedulerHelper scheduler("ours");
    scheduler.EnableReplanning(policy, Seconds(0), 0.2, Seconds(1));
    for (uint32_t i = 0; i < s.edges; ++i)
    {
        scheduler.AddEdgeServer(DynamicCast<EdgeServerApplication>(edges.Get(i)),
                                topology.uplinks[i].Get(0),
                                InetSocketAddress(topology.edgeAccessAddresses[i], 9000),
                                InetSocketAddress(topology.cloudAddresses[i], 9100));
    }
    ApplicationContainer cameras;
    for (uint32_t i = 0; i < s.edges; ++i)
    {
        for (uint32_t j = 0; j < CAMERAS.size(); ++j)
        {
            const Camera& c = CAMERAS[j];
            IotDeviceHelper camera(InetSocketAddress(topology.edgeAccessAddresses[i], 9000));
            camera.SetAttribute("TaskId", UintegerValue(i * CAMERAS.size() + j));
            camera.SetAttribute("Model", StringValue(c.model));
            camera.SetAttribute("FrameRate", DoubleValue(c.frameRate));
            camera.SetAttribute("Deadline", TimeValue(Seconds(c.deadlineS)));
            camera.SetAttribute("LatencyModel", StringValue("end-to-end"));
            camera.SetAttribute("FeatureBytesPerElement", DoubleValue(1));
            camera.SetAttribute("ResultTimeout", TimeValue(Seconds(2)));
            ApplicationContainer app = camera.Install(topology.devices[i].Get(j));
            // Frames until simTime, then DRAIN_S for the last results (a frame still open then
            // is a miss).
            const Time start = MilliSeconds(100 + 20 * j);
            const auto frames =
                static_cast<uint32_t>(std::ceil((s.simTimeS - start.GetSeconds()) * c.frameRate));
            app.Get(0)->SetAttribute("MaxFrames", UintegerValue(frames));
            app.Start(start);
            app.Stop(Seconds(s.simTimeS + DRAIN_S));
            scheduler.AddDevice(DynamicCast<IotDeviceApplication>(app.Get(0)));
            cameras.Add(app);
        }
    }
    const Assignment& assignment = scheduler.Schedule();

    if (!s.db.empty())
    {
        RecorderHelper recorder;
        recorder.SetAttribute("Scenario", StringValue("adaptive"));
        recorder.SetAttribute("Algorithm", StringValue("ours+" + policy));
        recorder.AddCommandLine(argc, argv);
        recorder.AddTopologyLinks(topology);
        recorder.Install(s.db);
    }
    FrameLedger ledger;
    ledger.Connect();
    DecisionCounter counter;
    counter.verbose = s.verbose;
    counter.trace = traces[0];
    edges.Get(0)->TraceConnectWithoutContext("UplinkEstimate",
                                             MakeCallback(&DecisionCounter::OnEstimate, &counter));
    for (uint32_t k = 0; k < cameras.GetN(); ++k)
    {
        auto app = DynamicCast<IotDeviceApplication>(cameras.Get(k));
        counter.admitted[app->GetTaskId()] = assignment.GetPlacements()[k].admitted;
        app->TraceConnectWithoutContext("TaskDecision",
                                        MakeCallback(&DecisionCounter::OnDecision, &counter));
    }
    std::map<uint32_t, bool>& admittedNow = counter.admitted;
    RunResult r;
    r.policy = policy;
    r.tasks = cameras.GetN();
    r.admittedAtStart = assignment.GetAdmittedCount();

    Simulator::Stop(Seconds(s.simTimeS + DRAIN_S));
    Simulator::Run();

    // Frames count from 1 s (every camera started) to the end of generation; an unsettled one is
    // a miss.
    const uint32_t bins = static_cast<uint32_t>(std::ceil(s.simTimeS));
    r.binRatio.assign(bins, 0);
    r.binFrames.assign(bins, 0);
    std::vector<uint64_t> binWithin(bins, 0);
    std::map<uint32_t, std::pair<uint64_t, uint64_t>> perTask; // counted, within
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        const double t = entry.created.GetSeconds();
        const bool hit = entry.status == FrameStatus::COMPLETED;
        const auto bin = std::min<uint32_t>(bins - 1, static_cast<uint32_t>(t));
        ++r.binFrames[bin];
        binWithin[bin] += hit ? 1 : 0;
        if (t < 1.0 || !admittedNow[key.first])
        {
            continue;
        }
        perTask[key.first].first += 1;
        perTask[key.first].second += hit ? 1 : 0;
        r.counted += 1;
        r.within += hit ? 1 : 0;
        if (t >= s.changeAtS)
        {
            r.countedAfter += 1;
            r.withinAfter += hit ? 1 : 0;
        }
    }
    for (uint32_t b = 0; b < bins; ++b)
    {
        r.binRatio[b] = r.binFrames[b] ? double(binWithin[b]) / r.binFrames[b] : 0.0;
    }
    for (const auto& [task, admitted] : admittedNow)
    {
        if (!admitted)
        {
            continue;
        }
        ++r.keptAtEnd;
        const auto& [counted, within] = perTask[task];
        if (counted > 0 && within >= 0.99 * counted)
        {
            ++r.delivered;
        }
    }
    r.decisions = counter.decisions;
    // The estimate against the trace, while the cameras create frames (the estimator sees traffic).
    std::vector<double> errors;
    for (const auto& e : counter.estimates)
    {
        if (e[0] >= 1.0 && e[0] <= s.simTimeS)
        {
            errors.push_back(std::abs(e[2] - e[1]) / e[1]);
        }
    }
    std::sort(errors.begin(), errors.end());
    const auto rank = [&errors](double q) {
        if (errors.empty())
        {
            return 0.0;
        }
        const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(errors.size())));
        return errors[std::max<std::size_t>(k, 1) - 1]; // nearest rank
    };
    r.errorMedian = rank(0.5);
    r.errorP95 = rank(0.95);
    r.bandwidth = counter.estimates;
    Simulator::Destroy();
    return r;
}

/**
 * \brief Write the CSVs and the plots of the runs.
 * \param results the runs
 * \param dir the folder
 */
void
WriteOutputs(const std::vector<RunResult>& results, const std::string& dir)
{
    ::mkdir(dir.c_str(), 0755);
    const std::string hitsPath = dir + "/adaptive-hits.csv";
    const std::string bandwidthPath = dir + "/adaptive-bandwidth.csv";
    std::ofstream hits(hitsPath);
    std::ofstream bandwidth(bandwidthPath);
    if (!hits || !bandwidth)
    {
        throw EdgeDnnError("--outputDir=" + dir + ": cannot create " + hitsPath);
    }
    hits << "policy,second,frames,within_ratio\n";
    bandwidth << "policy,time_s,true_bps,estimate_bps\n";
    Gnuplot hitPlot;
    hitPlot.SetTitle("Frames within Q_j per second (all tasks; shed tasks create none)");
    hitPlot.SetLegend("time (s)", "frames within Q_j / frames created");
    hitPlot.AppendExtra("set yrange [0:1.05]");
    Gnuplot ratePlot;
    ratePlot.SetTitle("Edge 0's uplink: the trace and each run's estimate");
    ratePlot.SetLegend("time (s)", "Mbit/s");
    bool first = true;
    double top = 0;
    for (const RunResult& r : results)
    {
        for (const auto& sample : r.bandwidth)
        {
            top = std::max({top, sample[1] / 1e6, sample[2] / 1e6});
        }
    }
    ratePlot.AppendExtra("set yrange [0:" + std::to_string(1.15 * top) + "]");
    for (const RunResult& r : results)
    {
        Gnuplot2dDataset hitSet(r.policy);
        hitSet.SetStyle(Gnuplot2dDataset::LINES_POINTS);
        for (std::size_t b = 0; b < r.binRatio.size(); ++b)
        {
            hits << r.policy << "," << b << "," << r.binFrames[b] << "," << r.binRatio[b] << "\n";
            if (b >= 1 && r.binFrames[b] > 0)
            {
                hitSet.Add(b + 0.5, r.binRatio[b]);
            }
        }
        hitPlot.AddDataset(hitSet);
        Gnuplot2dDataset trueSet("trace");
        trueSet.SetStyle(Gnuplot2dDataset::STEPS);
        Gnuplot2dDataset estimateSet("estimate (" + r.policy + ")");
        estimateSet.SetStyle(Gnuplot2dDataset::LINES);
        for (const auto& [t, rate, estimate] : r.bandwidth)
        {
            bandwidth << r.policy << "," << t << "," << rate << "," << estimate << "\n";
            trueSet.Add(t, rate / 1e6);
            estimateSet.Add(t, estimate / 1e6);
        }
        if (first)
        {
            ratePlot.AddDataset(trueSet);
            first = false;
        }
        ratePlot.AddDataset(estimateSet);
    }
    hits.close();
    bandwidth.close();
    if (!hits || !bandwidth)
    {
        throw EdgeDnnError("--outputDir=" + dir + ": write failed");
    }
    std::cout << "wrote " << hitsPath << " and " << bandwidthPath << "\n";
    // Tasks admitted by the schedule, kept at the end and delivered, side by side per policy.
    Gnuplot taskPlot;
    taskPlot.SetTitle("Tasks per policy: admitted by the schedule, kept at the end, delivered "
                      "(>= 99 % of frames within Q_j)");
    taskPlot.SetLegend("", "tasks");
    taskPlot.AppendExtra("set yrange [0:" + std::to_string(results.front().tasks * 1.4) + "]");
    std::string tics = "set xtics (";
    for (std::size_t k = 0; k < results.size(); ++k)
    {
        tics += (k ? ", \"" : "\"") + results[k].policy + "\" " + std::to_string(k);
    }
    taskPlot.AppendExtra(tics + ")");
    taskPlot.AppendExtra("set xrange [-0.6:" + std::to_string(results.size() - 0.4) + "]");
    const std::vector<std::pair<std::string, double>> columns{{"admitted", -0.27},
                                                              {"kept", 0},
                                                              {"delivered", 0.27}};
    for (const auto& [name, offset] : columns)
    {
        Gnuplot2dDataset set(name);
        set.SetStyle(Gnuplot2dDataset::IMPULSES); // drawn as bars
        set.SetExtra("lw 40");
        for (std::size_t k = 0; k < results.size(); ++k)
        {
            const RunResult& r = results[k];
            const uint32_t n = name == "admitted" ? r.admittedAtStart
                               : name == "kept"   ? r.keptAtEnd
                                                  : r.delivered;
            set.Add(static_cast<double>(k) + offset, n);
        }
        taskPlot.AddDataset(set);
    }
    if (edgednnexample::RenderPlot(hitPlot, dir, "adaptive-hits") &&
        edgednnexample::RenderPlot(ratePlot, dir, "adaptive-bandwidth") &&
        edgednnexample::RenderPlot(taskPlot, dir, "adaptive-tasks"))
    {
        std::cout << "wrote " << dir << "/adaptive-hits.png, " << dir
                  << "/adaptive-bandwidth.png and " << dir << "/adaptive-tasks.png\n";
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string policies = "all";
    std::string trace;
    std::string simTimeText;
    std::string uplinkText = "40";
    std::string db;
    std::string outputDir;
    bool quick = false;
    bool verbose = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("The same cameras under an edge-to-cloud bandwidth trace, with the static schedule "
              "and with each run-time policy: tasks delivered and frames within Q_j over time.");
    cmd.AddValue("policy", "all, or one of static, resplit, replan", policies);
    cmd.AddValue(
        "trace",
        "Bandwidth trace (CSV time_s,rate_bps, scaled: 100 Mbit/s is --uplink, 60 s the "
        "run), e.g. data/bandwidth/cellular.csv; empty: data/bandwidth/step-half.csv's step",
        trace);
    cmd.AddValue("simTime", "Simulated time (s); default 60, 12 with --quick", simTimeText);
    cmd.AddValue("uplink", "Each edge's uplink at the trace's 100 Mbit/s (Mbit/s)", uplinkText);
    cmd.AddValue("quick", "A run under a minute (12 s simulated, the trace compressed)", quick);
    cmd.AddValue("verbose", "Print every decision and every uplink estimate", verbose);
    cmd.AddValue("db", "Record each run into this SQLite database", db);
    cmd.AddValue("outputDir", "Write the plot and CSV here (empty: none)", outputDir);
    cmd.Parse(argc, argv);
    try
    {
        Settings s;
        s.simTimeS = simTimeText.empty()
                         ? (quick ? 12.0 : 60.0)
                         : example::ParseNumber("simTime", simTimeText, 2, 3600, "s");
        s.uplinkBps = 1e6 * example::ParseNumber("uplink", uplinkText, 1, 10000, "Mbit/s");
        s.trace = trace;
        // The shipped step drop halves at 20 s: the scaled drop comes a third into the run.
        s.traceTimeScale = s.simTimeS / 60.0;
        s.changeAtS = 20.0 * s.traceTimeScale;
        s.db = db;
        s.verbose = verbose;
        std::vector<std::string> names;
        if (policies == "all")
        {
            names = RuntimePolicy::GetNames();
        }
        else
        {
            RuntimePolicy::Create(policies); // a clear error for an unknown name
            names = {policies};
        }
        std::vector<RunResult> results;
        for (const std::string& name : names)
        {
            results.push_back(RunPolicy(s, name, argc, argv));
        }
        std::cout << "policy   tasks admitted kept delivered  within Q_j (kept)      after "
                     "change  decisions  estimate error p50     p95\n";
        for (const RunResult& r : results)
        {
            std::cout << std::left << std::setw(9) << r.policy << std::right << std::setw(5)
                      << r.tasks << std::setw(9) << r.admittedAtStart << std::setw(5) << r.keptAtEnd
                      << std::setw(10) << r.delivered << std::setw(12) << r.within << "/"
                      << std::left << std::setw(6) << r.counted << std::right << std::fixed
                      << std::setprecision(3) << std::setw(7)
                      << (r.counted ? double(r.within) / r.counted : 0.0) << std::setw(16)
                      << (r.countedAfter ? double(r.withinAfter) / r.countedAfter : 0.0)
                      << std::setw(11) << r.decisions << std::setw(19) << r.errorMedian
                      << std::setw(8) << r.errorP95 << std::defaultfloat << "\n";
        }
        std::cout << "(kept: admitted by the last decision; delivered: kept tasks with >= 99 % of "
                     "their frames within Q_j; within Q_j: frames of kept tasks created from 1 s "
                     "to the end of generation, an unsettled frame a miss; after change: those "
                     "created after the first change of the trace; estimate error: edge 0's "
                     "estimate against the trace, |estimate - rate| / rate)\n";
        if (!outputDir.empty())
        {
            WriteOutputs(results, outputDir);
        }
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-adaptive: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
