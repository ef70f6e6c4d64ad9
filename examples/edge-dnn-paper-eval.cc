/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-paper-eval: the paper's evaluation, reproduced and extended at packet level.
 *
 * Edge servers in IoT gateways, each with cameras running tasks drawn from ten CNNs of the zoo,
 * each task with a frame rate and a QoS bound. For every scheduling algorithm the program sweeps
 * (a) the edge-to-cloud bandwidth, (b) the edge servers' service capability, (c) the number of
 * tasks and of edge servers, and reports the paper's metric: the tasks admitted with guaranteed QoS
 * (analytically, averaged over replications). Then it simulates the set each algorithm admits at
 * the default setting at packet level (TCP, point-to-point access, paced uplinks) and reports what
 * the network made of it: the share of frames within their bound (the paper's transfer latency and
 * end to end), latency percentiles, and the traffic sent to the cloud; and per algorithm the tasks
 * admitted against the tasks delivered (at least 99 % of their frames within Q_j), with each
 * admitted task's 99th percentile predicted by LatencyPredictor (the tasks' phases through the
 * edge queue and the shared uplink) against the measured one, beside the scheduler's bound. Tasks
 * are admitted under the end-to-end model (--latency-model) with the edge queue bound
 * --queue-bound, and each edge shares its uplink by --uplink-sharing (work-conserving).
 *
 *     edge-dnn-paper-eval [--quick] [--outputDir=results] [--replications=3] [--simTime=10]
 * [--RngRun=1]
 *
 * Writes paper-eval-sweeps.csv, paper-eval-packet.csv, paper-eval-delivered.csv,
 * paper-eval-delivered-tasks.csv, paper-eval.db and PNG plots into the output folder, and prints a
 * summary table.
 */

#include "edge-dnn-example-options.h"
#include "edge-dnn-example-plot.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-latency-predictor.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/edge-scenario-helper.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/gnuplot.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>
#include <sys/stat.h>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// Split index of the fixed-split baseline: the largest split point at or before it.
const uint32_t g_fixedSplitIndex = 10;

/// What one algorithm achieved analytically at one setting.
struct AnalyticResult
{
    double admitted{0}; //!< tasks admitted (the LP bound for lp-bound), mean over replications
    int finished{0}; //!< replications where the algorithm finished (exact: within its time limit)
};

/// One row of the analytic sweeps.
struct SweepRow
{
    std::string sweep;     //!< swept parameter
    double value;          //!< its value
    std::string algorithm; //!< algorithm
    int finished;          //!< replications where it finished
    double admitted;       //!< mean admitted count
    uint32_t tasks;        //!< tasks in the setting
};

/// One admitted task at packet level: the scheduler's bound, the predictor's latency and what the
/// network made of it.
struct TaskOutcome
{
    uint32_t taskId{0};        //!< task id j
    double deadlineS{0};       //!< its bound Q_j (s)
    double boundS{0};          //!< the scheduler's latency bound (TaskPlacement::latencyS, s)
    double predictedP99S{NAN}; //!< LatencyPredictor's 99th percentile over the counted frames (s)
    double predictedMaxS{NAN}; //!< LatencyPredictor's largest over them (s)
    uint64_t frames{0};        //!< frames created
    uint64_t withinQ{0};       //!< frames completed within Q_j
    uint64_t measured{0};      //!< frames whose result came back (completed or late)
    double measuredP99S{NAN};  //!< 99th percentile of their latency under the model (s)
    double relativeError{NAN}; //!< (measuredP99S - predictedP99S) / predictedP99S
    double boundRelativeError{NAN}; //!< (measuredP99S - boundS) / boundS
    bool delivered{false};          //!< frames > 0 and withinQ >= 99 % of frames
};

/// What the packet-level run of one algorithm's admitted set measured.
struct PacketResult
{
    uint32_t admitted{0};    //!< tasks admitted
    uint64_t frames{0};      //!< frames created
    uint64_t withResult{0};  //!< frames whose result came back
    double transferMet{0};   //!< share of frames meeting Q_j on the edge-to-cloud transfer
    double endToEndMet{0};   //!< share of frames meeting Q_j end to end
    double p50{0};           //!< end-to-end latency percentiles (s)
    double p95{0};           //!< 95th percentile
    double p99{0};           //!< 99th percentile
    double boundMeanS{0};    //!< mean latency bound of admitted tasks (s)
    double measuredMeanS{0}; //!< mean measured edge-to-cloud transfer (s)
    double cloudMbps{0};     //!< traffic to the cloud (Mbit/s, message bytes)
    uint64_t dropped{0};     //!< frames dropped by a full compute queue
    int64_t runId{0};        //!< the run\'s id in the database
    uint32_t delivered{0};   //!< admitted tasks with >= 99 % of their frames within Q_j
    uint64_t withinQ{0};     //!< frames completed within Q_j (the transfer, LatencyModel transfer)
    uint32_t compared{0};    //!< admitted tasks with a measured transfer (a frame\'s result back)
    double medianAbsRelError{NAN};      //!< median |measured p99 - predicted p99| / predicted p99
    double worstRelError{NAN};          //!< (measured p99 - predicted p99) / predicted p99, largest
    double withinFivePercent{NAN};      //!< share of the compared tasks with |error| <= 5 %
    double boundMedianAbsRelError{NAN}; //!< median |measured p99 - bound| / bound over them
    std::vector<TaskOutcome> tasks;     //!< every admitted task
    double countedFromS{0};             //!< frames created from then count (the warm-up's end, s)
    double countedUntilS{0};            //!< until then (the end of generation, s)
};

/**
 * \brief A percentile of sorted values by nearest rank: the smallest value whose rank (from 1) is
 * at least q * n, the rule of the database's run_latency_percentiles view.
 * \param v values in increasing order
 * \param q quantile, in (0, 1]
 * \return the value, 0 if none
 */
double
Percentile(const std::vector<double>& v, double q)
{
    if (v.empty())
    {
        return 0;
    }
    const auto rank = static_cast<std::size_t>(std::ceil(q * v.size()));
    return v[std::min(v.size(), std::max<std::size_t>(rank, 1)) - 1];
}

/// Sums the bytes edge servers hand to their sockets toward the cloud.
struct CloudTraffic
{
    /**
     * \brief FeaturesSent.
     * \param header the message
     */
    void Add(const EdgeDnnHeader& header)
    {
        bytes += EdgeDnnHeader::GetStaticSize() + header.GetPayloadSize();
    }

    uint64_t bytes{0}; //!< message bytes
};

/**
 * \brief Whether a frame is in the counted window: created from the warm-up's end to the end of
 * generation (the run then drains until frames settle; one still open counts as a miss).
 * \param entry the frame
 * \param scenario the scenario
 * \return true if it counts
 */
bool
Counted(const FrameLedger::Entry& entry, const EdgeScenarioHelper& scenario)
{
    return entry.created >= scenario.GetWarmUpEnd() && entry.created < scenario.GetGenerationEnd();
}

/**
 * \brief The median of values.
 * \param v values (sorted here)
 * \return the median, NaN if none
 */
double
Median(std::vector<double> v)
{
    if (v.empty())
    {
        return NAN;
    }
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/**
 * \brief Each admitted task's delivery and its predicted against measured latency, and their
 * summary: tasks delivered (at least 99 % of the frames created within Q_j, frames still in flight
 * at the end counted as misses), frames within Q_j, and the median and worst relative error of
 * LatencyPredictor's 99th percentile against the measured one (and the bound's median error).
 * \param assignment the scheduler's assignment (placement j is task j)
 * \param tasks the scenario's tasks
 * \param ledger every frame of the run, with its final state
 * \param scenario the scenario (its counted window)
 * \param model the latency model Q_j bounds
 * \param predictor the predictor, run over the same window
 * \param r the result to complete
 */
void
SummariseTasks(const Assignment& assignment,
               const std::vector<EdgeScenarioTask>& tasks,
               const FrameLedger& ledger,
               const EdgeScenarioHelper& scenario,
               LatencyModel model,
               const LatencyPredictor& predictor,
               PacketResult& r)
{
    const std::vector<TaskPlacement>& placements = assignment.GetPlacements();
    std::map<uint32_t, TaskOutcome> outcomes;
    std::map<uint32_t, std::vector<double>> transfers;
    for (uint32_t j = 0; j < placements.size(); ++j)
    {
        if (placements[j].admitted)
        {
            TaskOutcome& o = outcomes[j];
            o.taskId = j;
            o.deadlineS = tasks.at(j).deadlineS;
            o.boundS = placements[j].latencyS;
            const LatencyPrediction& p = predictor.GetPrediction(j);
            if (p.frames > 0)
            {
                o.predictedP99S = model == LatencyModel::END_TO_END ? p.p99S : p.transferP99S;
                o.predictedMaxS = p.maxS;
            }
        }
    }
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        auto it = outcomes.find(key.first);
        if (it == outcomes.end())
        {
            continue; // a rejected task creates no frames (the test checks it)
        }
        if (!Counted(entry, scenario))
        {
            continue;
        }
        ++it->second.frames;
        it->second.withinQ += entry.status == FrameStatus::COMPLETED ? 1 : 0;
        if (entry.result)
        {
            transfers[key.first].push_back(model == LatencyModel::END_TO_END
                                               ? entry.result->endToEnd.GetSeconds()
                                               : entry.result->edgeToCloud.GetSeconds());
        }
    }
    std::vector<double> absErrors;
    std::vector<double> boundErrors;
    uint32_t withinFive = 0;
    for (auto& [j, o] : outcomes)
    {
        std::vector<double>& t = transfers[j];
        std::sort(t.begin(), t.end());
        o.measured = t.size();
        if (!t.empty())
        {
            o.measuredP99S = Percentile(t, 0.99);
            o.boundRelativeError = (o.measuredP99S - o.boundS) / o.boundS;
            boundErrors.push_back(std::abs(o.boundRelativeError));
            if (o.predictedP99S > 0)
            {
                o.relativeError = (o.measuredP99S - o.predictedP99S) / o.predictedP99S;
                absErrors.push_back(std::abs(o.relativeError));
                withinFive += std::abs(o.relativeError) <= 0.05 ? 1 : 0;
                if (std::isnan(r.worstRelError) ||
                    std::abs(o.relativeError) > std::abs(r.worstRelError))
                {
                    r.worstRelError = o.relativeError;
                }
            }
        }
        // Integers, so the rule reads the same in SQL: 100 * within >= 99 * frames.
        o.delivered = o.frames > 0 && 100 * o.withinQ >= 99 * o.frames;
        r.delivered += o.delivered ? 1 : 0;
        r.withinQ += o.withinQ;
        r.tasks.push_back(o);
    }
    r.compared = absErrors.size();
    r.medianAbsRelError = Median(absErrors);
    r.boundMedianAbsRelError = Median(boundErrors);
    r.withinFivePercent =
        absErrors.empty() ? NAN : static_cast<double>(withinFive) / absErrors.size();
}

/**
 * \brief The phase-aware prediction of every admitted task's latency over the run's counted
 * window: each camera's frames from its first (EdgeScenarioHelper::GetFirstFrameTime) every
 * 1 / f_j (GetFrameInterval).
 * \param scenario the installed scenario
 * \param settings its settings
 * \param predictor the predictor of the scheduler's problem and assignment, to set and run
 */
void
PredictLatencies(const EdgeScenarioHelper& scenario,
                 const EdgeScenarioSettings& settings,
                 LatencyPredictor& predictor)
{
    const std::vector<EdgeScenarioTask>& tasks = scenario.GetTasks();
    for (uint32_t j = 0; j < tasks.size(); ++j)
    {
        predictor.SetFrameTimes(j,
                                scenario.GetFirstFrameTime(j).GetSeconds(),
                                scenario.GetFrameInterval(j).GetSeconds());
    }
    predictor.SetUplinkSharing(settings.uplinkSharing);
    predictor.SetPacingHeadroom(settings.pacingHeadroom);
    predictor.SetWindow(scenario.GetWarmUpEnd().GetSeconds(),
                        scenario.GetGenerationEnd().GetSeconds());
    predictor.Predict();
}

/**
 * \brief Simulate the set an algorithm admits at a setting, at packet level.
 * \param settings the setting, with the algorithm
 * \param simTime simulated time
 * \param db the database the run is recorded into
 * \return what was measured
 */
PacketResult
Simulate(const EdgeScenarioSettings& settings, Time simTime, const std::string& db)
{
    EdgeScenarioHelper scenario(settings);
    scenario.Install(simTime);
    Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
    recorder->SetAttribute("Scenario", StringValue("paper-eval"));
    recorder->SetAttribute("Algorithm", StringValue(settings.algorithm));
    recorder->Open(db);
    recorder->AddArgument("servers", std::to_string(settings.servers));
    recorder->AddArgument("tasks", std::to_string(settings.tasks));
    recorder->AddArgument("uplink_bps", std::to_string(settings.uplinkBps));
    recorder->AddArgument("capacity_macs_per_s", std::to_string(settings.capacityMacsPerS));
    recorder->AddArgument("usable_share", std::to_string(settings.usableShare));
    recorder->AddArgument("feature_bytes_per_element",
                          std::to_string(settings.featureBytesPerElement));
    recorder->AddArgument("pacing_headroom", std::to_string(settings.pacingHeadroom));
    recorder->AddArgument("latency_model", LatencyModelName(settings.latencyModel));
    recorder->AddArgument("queue_bound_s", std::to_string(settings.queueBoundS));
    recorder->AddArgument("uplink_sharing", UplinkSharingName(settings.uplinkSharing));
    recorder->AddArgument("task_seed", std::to_string(settings.seed));
    scenario.ConnectRecorder(recorder);
    FrameLedger ledger;
    ledger.Connect();
    CloudTraffic traffic;
    Config::ConnectWithoutContext(
        "/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication/FeaturesSent",
        MakeCallback(&CloudTraffic::Add, &traffic));
    Simulator::Stop(scenario.GetEndTime());
    Simulator::Run();

    PacketResult r;
    const Assignment& assignment = scenario.GetScheduler().GetAssignment();
    r.admitted = assignment.GetAdmittedCount();
    double predicted = 0;
    for (const TaskPlacement& p : assignment.GetPlacements())
    {
        predicted += p.admitted ? p.latencyS : 0;
    }
    r.boundMeanS = r.admitted ? predicted / r.admitted : 0;
    std::vector<double> latencies;
    uint64_t transferMet = 0;
    uint64_t endToEndMet = 0;
    double measured = 0;
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        if (!Counted(entry, scenario))
        {
            continue;
        }
        ++r.frames;
        r.dropped += entry.status == FrameStatus::DROPPED ? 1 : 0;
        if (!entry.result)
        {
            continue;
        }
        ++r.withResult;
        latencies.push_back(entry.result->endToEnd.GetSeconds());
        measured += entry.result->edgeToCloud.GetSeconds();
        transferMet += entry.result->metTransferDeadline ? 1 : 0;
        endToEndMet += entry.result->metEndToEndDeadline ? 1 : 0;
    }
    std::sort(latencies.begin(), latencies.end());
    if (r.frames > 0)
    {
        r.transferMet = static_cast<double>(transferMet) / r.frames;
        r.endToEndMet = static_cast<double>(endToEndMet) / r.frames;
    }
    r.measuredMeanS = r.withResult ? measured / r.withResult : 0;
    r.p50 = Percentile(latencies, 0.5);
    r.p95 = Percentile(latencies, 0.95);
    r.p99 = Percentile(latencies, 0.99);
    r.cloudMbps = traffic.bytes * 8.0 / (simTime - Seconds(0.5)).GetSeconds() / 1e6;
    LatencyPredictor predictor(scenario.GetScheduler().GetProblem(), assignment);
    PredictLatencies(scenario, settings, predictor);
    SummariseTasks(assignment,
                   scenario.GetTasks(),
                   ledger,
                   scenario,
                   settings.latencyModel,
                   predictor,
                   r);
    r.countedFromS = scenario.GetWarmUpEnd().GetSeconds();
    r.countedUntilS = scenario.GetGenerationEnd().GetSeconds();
    recorder->Finish();
    r.runId = recorder->GetRunId();
    ledger.Disconnect();
    Simulator::Destroy();
    Config::Reset();
    return r;
}

/**
 * \brief Write paper-eval-delivered.csv (per algorithm: admitted, delivered, frame hit ratio,
 * predicted against measured transfer) and paper-eval-delivered-tasks.csv (per admitted task).
 * \param dir output folder
 * \param algorithms the algorithms, in the order of the rows
 * \param tasks tasks in the setting
 * \param packet what each algorithm's packet-level run measured
 * \throws EdgeDnnError if a file cannot be written
 */
void
WriteDelivered(const std::string& dir,
               const std::vector<std::string>& algorithms,
               uint32_t tasks,
               const std::map<std::string, PacketResult>& packet)
{
    std::ofstream csv(dir + "/paper-eval-delivered.csv");
    std::ofstream perTask(dir + "/paper-eval-delivered-tasks.csv");
    if (!csv || !perTask)
    {
        throw EdgeDnnError("--outputDir=" + dir + ": cannot write paper-eval-delivered.csv");
    }
    csv << std::setprecision(9);
    perTask << std::setprecision(9);
    csv << "algorithm,run_id,tasks,admitted,delivered,frames,frames_within_q,frame_hit_ratio,"
           "tasks_compared,median_abs_rel_error,worst_rel_error,within_5pct,"
           "bound_median_abs_rel_error,counted_from_s,counted_until_s\n";
    perTask << "algorithm,run_id,task_id,deadline_s,bound_s,predicted_p99_s,predicted_max_s,"
               "frames,frames_within_q,frames_measured,measured_p99_latency_s,rel_error,"
               "bound_rel_error,delivered\n";
    for (const auto& name : algorithms)
    {
        auto it = packet.find(name);
        if (it == packet.end())
        {
            continue;
        }
        const PacketResult& r = it->second;
        csv << name << "," << r.runId << "," << tasks << "," << r.admitted << "," << r.delivered
            << "," << r.frames << "," << r.withinQ << ","
            << (r.frames ? static_cast<double>(r.withinQ) / r.frames : NAN) << "," << r.compared
            << "," << r.medianAbsRelError << "," << r.worstRelError << "," << r.withinFivePercent
            << "," << r.boundMedianAbsRelError << "," << std::setprecision(17) << r.countedFromS
            << "," << r.countedUntilS << std::setprecision(9) << "\n";
        for (const TaskOutcome& o : r.tasks)
        {
            perTask << name << "," << r.runId << "," << o.taskId << "," << o.deadlineS << ","
                    << o.boundS << "," << o.predictedP99S << "," << o.predictedMaxS << ","
                    << o.frames << "," << o.withinQ << "," << o.measured << "," << o.measuredP99S
                    << "," << o.relativeError << "," << o.boundRelativeError << ","
                    << (o.delivered ? 1 : 0) << "\n";
        }
    }
    if (!csv || !perTask)
    {
        throw EdgeDnnError("--outputDir=" + dir + ": cannot write paper-eval-delivered.csv");
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    bool quick = false;
    std::string outputDir = "results";
    // Numeric options are read as text and checked after parsing (edge-dnn-example-options.h).
    std::string replicationsText = "3";
    std::string simTimeText = "10";
    std::string featureBytesText = "1";
    std::string exactLimitText = "2";
    std::string pacingHeadroomText = "1";
    std::string latencyModel = "end-to-end";
    std::string queueBoundText = "50";
    std::string uplinkSharing = "work-conserving";

    CommandLine cmd(__FILE__);
    cmd.Usage("The paper's evaluation: tasks admitted with guaranteed QoS by every scheduling "
              "algorithm over "
              "sweeps of bandwidth, edge capability, tasks and servers; then each admitted set "
              "simulated at "
              "packet level.");
    cmd.AddValue("quick", "A small version that finishes within a minute", quick);
    cmd.AddValue("outputDir", "Folder for the CSV files and plots", outputDir);
    cmd.AddValue("replications", "Random task sets per sweep point (1 to 100)", replicationsText);
    cmd.AddValue("simTime", "Simulated time of each packet-level run (s, 2 to 1e6)", simTimeText);
    cmd.AddValue("feature-bytes-per-element",
                 "Bytes per feature element sent to the cloud (B): 1 int8, 2 float16, 4 float32",
                 featureBytesText);
    cmd.AddValue("exact-time-limit",
                 "Time limit of the exact MILP per instance (s, 0.001 to 86400)",
                 exactLimitText);
    cmd.AddValue(
        "pacing-headroom",
        "Packet level: pace each task this much faster than its allocated bandwidth (>= 1; 1 is "
        "the paper's allocation, which TCP/IP overhead makes arrive just late)",
        pacingHeadroomText);
    cmd.AddValue("latency-model",
                 "What Q_j bounds and tasks are admitted under: end-to-end (creation to result, "
                 "with the edge queue bound) or transfer (the paper's)",
                 latencyModel);
    cmd.AddValue("queue-bound",
                 "End-to-end model: the bound D_i on a frame's wait and compute at the edge (ms, "
                 "> 0)",
                 queueBoundText);
    cmd.AddValue("uplink-sharing",
                 "Packet level: how each edge shares its uplink among its tasks: "
                 "work-conserving, spare-shared, allocation or unpaced",
                 uplinkSharing);
    cmd.Parse(argc, argv);

    try
    {
        using namespace ns3::edgednn::example;
        uint32_t replications = ParseInteger("replications", replicationsText, 1, 100);
        double simTime = ParseNumber("simTime", simTimeText, 2, MAX_SIM_TIME_S, "s");
        const double featureBytes =
            ParseNumber("feature-bytes-per-element", featureBytesText, 0.125, 8, "B");
        double exactLimit = ParseNumber("exact-time-limit", exactLimitText, 0.001, 86400, "s");
        const double pacingHeadroom =
            ParseNumber("pacing-headroom", pacingHeadroomText, 1, 100, "");
        const double queueBoundMs = ParseNumber("queue-bound", queueBoundText, 0.001, 10000, "ms");
        if (quick)
        {
            replications = 1;
            simTime = std::min(simTime, 3.0);
            exactLimit = std::min(exactLimit, 0.5);
        }
        ::mkdir(outputDir.c_str(), 0755);
        const auto wallStart = std::chrono::steady_clock::now();
        const uint64_t baseSeed = 1000 * RngSeedManager::GetRun() + RngSeedManager::GetSeed();

        EdgeScenarioSettings base;
        base.featureBytesPerElement = featureBytes;
        base.pacingHeadroom = pacingHeadroom;
        base.latencyModel = ParseLatencyModel(latencyModel, "--latency-model");
        base.uplinkSharing = ParseUplinkSharing(uplinkSharing, "--uplink-sharing");
        base.queueBoundS = queueBoundMs / 1e3;
        base.exactTimeLimit = exactLimit;
        base.fixedSplitIndex = g_fixedSplitIndex;
        base.seed = baseSeed;
        if (quick)
        {
            base.servers = 4;
            base.tasks = 24;
        }

        // The sweeps: a name, the values, and how a value changes the base setting.
        struct Sweep
        {
            std::string name;                                       //!< parameter
            std::string unit;                                       //!< axis label
            std::vector<double> values;                             //!< points
            std::function<void(EdgeScenarioSettings&, double)> set; //!< applies a point
        };

        const std::vector<Sweep> sweeps{
            {"uplink",
             "edge-to-cloud bandwidth b_i (Mbit/s)",
             quick ? std::vector<double>{5, 20} : std::vector<double>{5, 10, 20, 50, 100},
             [](EdgeScenarioSettings& s, double v) { s.uplinkBps = v * 1e6; }},
            {"capacity",
             "edge service capability c_i (GMAC/s)",
             quick ? std::vector<double>{25, 100} : std::vector<double>{25, 50, 100, 200, 400},
             [](EdgeScenarioSettings& s, double v) { s.capacityMacsPerS = v * 1e9; }},
            {"tasks",
             "number of tasks",
             quick ? std::vector<double>{12, 24} : std::vector<double>{50, 100, 200, 400},
             [](EdgeScenarioSettings& s, double v) { s.tasks = static_cast<uint32_t>(v); }},
            {"servers",
             "number of edge servers (10 tasks each)",
             quick ? std::vector<double>{2, 4} : std::vector<double>{5, 10, 20},
             [](EdgeScenarioSettings& s, double v) {
                 s.servers = static_cast<uint32_t>(v);
                 s.tasks = 10 * s.servers;
             }},
        };

        std::vector<std::string> algorithms{"paper-offline",
                                            "paper-online",
                                            "ours",
                                            "cloud-only",
                                            "edge-only",
                                            "fixed-split",
                                            "random",
                                            "latency-greedy"};
        if (TaskScheduler::HaveLpSolver())
        {
            algorithms.push_back("lp-bound");
            algorithms.push_back("exact");
        }

        // (1) Analytic sweeps.
        std::ofstream sweepsCsv(outputDir + "/paper-eval-sweeps.csv");
        if (!sweepsCsv)
        {
            throw EdgeDnnError("--outputDir=" + outputDir + ": cannot write paper-eval-sweeps.csv");
        }
        sweepsCsv << "sweep,value,algorithm,replications,finished,admitted_mean,tasks\n";
        std::size_t points = 0;
        for (const auto& sweep : sweeps)
        {
            points += sweep.values.size();
        }
        std::size_t done = 0;
        std::vector<SweepRow> sweepRows;
        std::map<std::string, std::map<std::string, std::vector<std::pair<double, double>>>> curves;
        for (const auto& sweep : sweeps)
        {
            for (double value : sweep.values)
            {
                EdgeScenarioSettings s = base;
                sweep.set(s, value);
                std::map<std::string, AnalyticResult> results;
                for (uint32_t r = 0; r < replications; ++r)
                {
                    EdgeScenarioSettings draw = s;
                    draw.seed = baseSeed + 7919 * r;
                    const SchedulingProblem problem =
                        EdgeScenarioHelper::MakeProblem(draw, EdgeScenarioHelper::DrawTasks(draw));
                    for (const auto& name : algorithms)
                    {
                        // Each setting applies to the algorithms with that attribute.
                        TaskSchedulerFactory factory(name);
                        factory.SetFailSafe("Seed", UintegerValue(baseSeed + r));
                        factory.SetFailSafe("SplitIndex", UintegerValue(g_fixedSplitIndex));
                        factory.SetFailSafe("TimeLimit", TimeValue(Seconds(exactLimit)));
                        const Assignment a = factory.Create()->Schedule(problem);
                        const bool finished = name != "exact" || a.GetStatus() == "optimal";
                        if (finished)
                        {
                            results[name].admitted +=
                                name == "lp-bound" ? a.GetBound() : a.GetAdmittedCount();
                            ++results[name].finished;
                        }
                    }
                }
                for (const auto& name : algorithms)
                {
                    const AnalyticResult& r = results[name];
                    const double mean = r.finished ? r.admitted / r.finished : NAN;
                    sweepsCsv << sweep.name << "," << value << "," << name << "," << replications
                              << "," << r.finished << "," << mean << "," << s.tasks << "\n";
                    sweepRows.push_back({sweep.name, value, name, r.finished, mean, s.tasks});
                    if (r.finished == static_cast<int>(replications))
                    {
                        curves[sweep.name][name].emplace_back(value, mean);
                    }
                }
                std::cerr << "[" << ++done << "/" << points << "] " << sweep.name << " = " << value
                          << ": ours admits " << results["ours"].admitted / replications << " of "
                          << s.tasks << " tasks, paper-offline "
                          << results["paper-offline"].admitted / replications << "\n";
            }
        }
        sweepsCsv.close();

        for (const auto& sweep : sweeps)
        {
            Gnuplot plot("paper-eval-" + sweep.name + ".png",
                         "Tasks admitted with guaranteed QoS against " + sweep.unit);
            plot.SetLegend(sweep.unit, "tasks admitted");
            plot.AppendExtra("set key outside right\nset grid");
            int k = 0;
            for (const auto& name : algorithms)
            {
                if (curves[sweep.name][name].empty())
                {
                    continue; // exact proved no point optimal within its time limit
                }
                Gnuplot2dDataset data(name);
                data.SetStyle(Gnuplot2dDataset::LINES_POINTS);
                data.SetExtra("lw 2 dt " + std::to_string(1 + k++ / 8));
                for (const auto& [x, y] : curves[sweep.name][name])
                {
                    data.Add(x, y);
                }
                plot.AddDataset(data);
            }
            edgednnexample::RenderPlot(plot, outputDir, "paper-eval-" + sweep.name);
        }

        // (2) Packet level at the base setting, each run recorded into the database.
        const std::string dbPath = outputDir + "/paper-eval.db";
        std::ofstream packetCsv(outputDir + "/paper-eval-packet.csv");
        packetCsv << "algorithm,admitted,tasks,frames,with_result,transfer_deadline_met,"
                     "end_to_end_deadline_met,p50_s,p95_s,p99_s,bound_mean_s,"
                     "measured_transfer_mean_s,cloud_mbps,dropped\n";
        std::map<std::string, PacketResult> packet;
        int64_t firstRunId = 0;
        std::size_t run = 0;
        for (const auto& name : algorithms)
        {
            if (name == "lp-bound")
            {
                continue; // a fractional bound, not a schedule
            }
            std::cerr << "[packet " << ++run << "] simulating the tasks " << name << " admits ("
                      << simTime << " s)\n";
            EdgeScenarioSettings settings = base;
            settings.algorithm = name;
            const PacketResult r = Simulate(settings, Seconds(simTime), dbPath);
            packet[name] = r;
            firstRunId = firstRunId == 0 ? r.runId : std::min(firstRunId, r.runId);
            packetCsv << name << "," << r.admitted << "," << base.tasks << "," << r.frames << ","
                      << r.withResult << "," << r.transferMet << "," << r.endToEndMet << ","
                      << r.p50 << "," << r.p95 << "," << r.p99 << "," << r.boundMeanS << ","
                      << r.measuredMeanS << "," << r.cloudMbps << "," << r.dropped << "\n";
        }
        packetCsv.close();
        WriteDelivered(outputDir, algorithms, base.tasks, packet);

        // The analytic sweeps go into the same database, tagged with this evaluation's first run.
        {
            SqliteDatabase db(dbPath, SqliteDatabase::READ_WRITE_CREATE);
            db.Execute(
                "CREATE TABLE IF NOT EXISTS paper_eval_sweeps (first_run_id INTEGER NOT NULL, "
                "sweep TEXT NOT NULL, value REAL NOT NULL, algorithm TEXT NOT NULL, "
                "replications INTEGER NOT NULL, finished INTEGER NOT NULL, admitted_mean REAL, "
                "tasks INTEGER NOT NULL)");
            db.Execute("BEGIN");
            SqliteStatement insert =
                db.Prepare("INSERT INTO paper_eval_sweeps VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
            for (const SweepRow& row : sweepRows)
            {
                insert.BindInt(1, firstRunId);
                insert.BindText(2, row.sweep);
                insert.BindDouble(3, row.value);
                insert.BindText(4, row.algorithm);
                insert.BindInt(5, replications);
                insert.BindInt(6, row.finished);
                if (row.finished > 0)
                {
                    insert.BindDouble(7, row.admitted);
                }
                else
                {
                    insert.BindNull(7);
                }
                insert.BindInt(8, row.tasks);
                insert.Run();
            }
            db.Execute("COMMIT");
        }

        Gnuplot met("paper-eval-deadlines.png",
                    "Admitted tasks and the share of their frames within Q_j, at packet level");
        met.SetLegend("algorithm", "share of frames");
        met.AppendExtra("set style data histograms\nset style fill solid 0.6\nset yrange [0:1.05]\n"
                        "set key outside right\nset xtics rotate by -30\nset grid ytics");
        Gnuplot2dDataset transfer("transfer within Q_j (paper)");
        Gnuplot2dDataset endToEnd("end to end within Q_j");
        transfer.SetStyle(Gnuplot2dDataset::IMPULSES);
        endToEnd.SetStyle(Gnuplot2dDataset::POINTS);
        transfer.SetExtra("lw 12");
        endToEnd.SetExtra("pt 7 ps 2");
        std::string xtics = "set xtics (";
        int x = 0;
        for (const auto& [name, r] : packet)
        {
            transfer.Add(x, r.transferMet);
            endToEnd.Add(x, r.endToEndMet);
            xtics += (x ? ", \"" : "\"") + name + "\" " + std::to_string(x);
            ++x;
        }
        met.AppendExtra(xtics + ")\nset xrange [-0.5:" + std::to_string(x - 0.5) + "]");
        met.AddDataset(transfer);
        met.AddDataset(endToEnd);
        edgednnexample::RenderPlot(met, outputDir, "paper-eval-deadlines");

        Gnuplot delivered("paper-eval-admitted-delivered.png",
                          "Tasks admitted, and delivered (>= 99 % of their frames within Q_j)");
        delivered.SetLegend("algorithm", "tasks");
        delivered.AppendExtra("set yrange [0:" + std::to_string(base.tasks * 1.05) +
                              "]\nset key outside below\nset xtics rotate by -30\nset grid ytics");
        Gnuplot2dDataset admittedBars("admitted (analytic)");
        Gnuplot2dDataset deliveredBars("delivered (packet level)");
        admittedBars.SetStyle(Gnuplot2dDataset::IMPULSES);
        deliveredBars.SetStyle(Gnuplot2dDataset::IMPULSES);
        admittedBars.SetExtra("lw 14");
        deliveredBars.SetExtra("lw 14");
        xtics = "set xtics (";
        x = 0;
        for (const auto& name : algorithms)
        {
            auto it = packet.find(name);
            if (it == packet.end())
            {
                continue;
            }
            admittedBars.Add(x - 0.17, it->second.admitted);
            deliveredBars.Add(x + 0.17, it->second.delivered);
            xtics += (x ? ", \"" : "\"") + name + "\" " + std::to_string(x);
            ++x;
        }
        delivered.AppendExtra(xtics + ")\nset xrange [-0.6:" + std::to_string(x - 0.4) + "]");
        delivered.AddDataset(admittedBars);
        delivered.AddDataset(deliveredBars);
        edgednnexample::RenderPlot(delivered, outputDir, "paper-eval-admitted-delivered");

        std::cout << "Packet level, " << base.servers << " edge servers, " << base.tasks
                  << " tasks, " << base.uplinkBps / 1e6 << " Mbit/s uplinks, "
                  << base.capacityMacsPerS / 1e9 << " GMAC/s, " << simTime << " s:\n";
        std::cout << std::left << std::setw(16) << "algorithm" << std::right << std::setw(9)
                  << "admitted" << std::setw(10) << "delivered" << std::setw(8) << "frames"
                  << std::setw(11) << "Q transfer" << std::setw(11) << "Q e2e" << std::setw(9)
                  << "p50 ms" << std::setw(9) << "p95 ms" << std::setw(9) << "p99 ms"
                  << std::setw(12) << "bound ms" << std::setw(11) << "meas. ms" << std::setw(12)
                  << "cloud Mb/s" << std::setw(10) << "p99 err~" << std::setw(10) << "p99 err^"
                  << std::setw(8) << "<=5 %" << std::setw(10) << "bound e~"
                  << "\n";
        for (const auto& name : algorithms)
        {
            auto it = packet.find(name);
            if (it == packet.end())
            {
                continue;
            }
            const PacketResult& r = it->second;
            std::cout << std::left << std::setw(16) << name << std::right << std::setw(9)
                      << r.admitted << std::setw(10) << r.delivered << std::setw(8) << r.frames
                      << std::fixed << std::setprecision(3) << std::setw(11) << r.transferMet
                      << std::setw(11) << r.endToEndMet << std::setprecision(1) << std::setw(9)
                      << r.p50 * 1e3 << std::setw(9) << r.p95 * 1e3 << std::setw(9) << r.p99 * 1e3
                      << std::setw(12) << r.boundMeanS * 1e3 << std::setw(11)
                      << r.measuredMeanS * 1e3 << std::setw(12) << r.cloudMbps << std::setw(10)
                      << r.medianAbsRelError * 100 << std::showpos << std::setw(10)
                      << r.worstRelError * 100 << std::noshowpos << std::setw(8)
                      << r.withinFivePercent * 100 << std::setw(10)
                      << r.boundMedianAbsRelError * 100 << std::defaultfloat << "\n";
        }
        std::cout << "counted: frames created from the warm-up's end to the end of generation; the "
                     "run then drains "
                  << base.drainS
                  << " s (a frame still open then is a miss). delivered: admitted tasks with >= 99 "
                     "% of their counted frames within Q_j under the "
                  << LatencyModelName(base.latencyModel)
                  << " model; Q transfer / Q e2e: counted frames within Q_j on the edge-to-cloud "
                     "transfer / end to end; bound: the scheduler's latency bound (mean); p99 "
                     "err~ / err^: median and worst relative error (%) of LatencyPredictor's 99th "
                     "percentile against each task's measured one; <=5 %: share (%) of tasks "
                     "within 5 %; bound e~: the bound's median relative error\n";
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
        std::cout << "wrote " << dbPath << " (runs " << firstRunId << " on), " << outputDir
                  << "/paper-eval-sweeps.csv, paper-eval-packet.csv, paper-eval-delivered.csv, "
                     "paper-eval-delivered-tasks.csv and "
                  << sweeps.size() + 2 << " plots in " << std::fixed << std::setprecision(1) << wall
                  << " s\n";
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-paper-eval: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
