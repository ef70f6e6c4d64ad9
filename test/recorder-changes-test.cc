/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// What changes during a run, recorded: every decision applied to a device (DecisionProbe, the
// decisions table and the task_splits view) with decisions taken mid-run and decisions taken
// before the recorder connected written once; the same seed giving the same decisions; true and
// estimated rates (BandwidthProbe, the bandwidth table and the bandwidth_estimate_error view) from
// synthetic sources with hand-computed errors; deadline_hits_over_time against frames counted by
// hand; and edge-dnn-report's summary lines and plots of such a database.

#include "chain-scenario.h"
#include "edge-dnn-test-fixture.h"
#include "edge-dnn-test-util.h"

#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/edge-dnn-bandwidth-probe.h"
#include "ns3/edge-dnn-link-rate-trace.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/edge-server-application.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/traced-callback.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <unistd.h>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

namespace fs = std::filesystem;

/// A fresh temporary directory per test (TempDirTest).
class RecorderChanges : public TempDirTest
{
  protected:
    RecorderChanges()
        : TempDirTest("changes")
    {
    }
};

/**
 * \param taskId the task
 * \param split the split index, or -1 for a rejection
 * \param reason why
 * \param edge the device's edge address
 * \return a decision by "by-hand" at the current time
 */
TaskDecision
Decision(uint32_t taskId, int split, const std::string& reason, const Address& edge)
{
    TaskDecision d;
    d.taskId = taskId;
    d.admitted = split >= 0;
    d.algorithm = "by-hand";
    d.reason = reason;
    d.decidedAt = Simulator::Now();
    if (d.admitted)
    {
        d.server = 0;
        d.edge = edge;
        d.splitIndex = static_cast<uint32_t>(split);
        d.allocatedRate = DataRate("2Mbps");
        d.predictedLatency = MilliSeconds(50);
    }
    return d;
}

/**
 * \return a split point of resnet18 after index 4 (the chain's split)
 */
uint32_t
OtherSplit()
{
    for (const SplitPoint& p : ModelRegistry::GetProfile("resnet18").GetSplitPoints())
    {
        if (p.index > 4)
        {
            return p.index;
        }
    }
    return 0;
}

/// The chain of the mid-run tests: two devices sending 10 frames/s from 0.1 s on.
ChainConfig
ChangingChain()
{
    ChainConfig c;
    c.devices = 2;
    c.splits = {4};
    c.frameRate = 10;
    c.maxFrames = 100;
    return c;
}

/**
 * \brief Record the chain with decisions taken before the recorder connects and during the run:
 * task 0 admitted at split 4 before (reason schedule), re-split at 0.35 s (periodic), shed at
 * 0.6 s (estimate), re-admitted at split 4 at 0.8 s (periodic); task 1 decided at 0.8 s (arrival,
 * the other split). Stops at 1 s.
 * \param path the database
 * \param edgeNode set to the edge's node id
 * \return the run id
 */
int64_t
RecordChangingRun(const std::string& path, uint32_t* edgeNode = nullptr)
{
    const Chain chain = BuildChain(ChangingChain());
    const uint32_t other = OtherSplit();
    Ptr<IotDeviceApplication> task0 = chain.apps[0];
    Ptr<IotDeviceApplication> task1 = chain.apps[1];
    task0->ApplyDecision(Decision(0, 4, "schedule", task0->GetRemote()));
    RecorderHelper helper;
    helper.SetAttribute("Algorithm", StringValue("by-hand"));
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    auto apply = [](Ptr<IotDeviceApplication> device, int split, std::string reason) {
        return [device, split, reason]() {
            device->ApplyDecision(
                Decision(device->GetTaskId(), split, reason, device->GetRemote()));
        };
    };
    Simulator::Schedule(Seconds(0.35), apply(task0, static_cast<int>(other), "periodic"));
    Simulator::Schedule(Seconds(0.6), apply(task0, -1, "estimate"));
    Simulator::Schedule(Seconds(0.8), apply(task0, 4, "periodic"));
    Simulator::Schedule(Seconds(0.8), apply(task1, static_cast<int>(other), "arrival"));
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    recorder->Finish();
    if (edgeNode)
    {
        *edgeNode = chain.edge->GetId();
    }
    const int64_t runId = recorder->GetRunId();
    Simulator::Destroy();
    return runId;
}

TEST_F(RecorderChanges, DecisionsMidRunAreRowsAndTaskSplitsTheirIntervals)
{
    const std::string path = Path("changes.db");
    uint32_t edgeNode = 0;
    const int64_t run = RecordChangingRun(path, &edgeNode);
    const std::string other = std::to_string(OtherSplit());
    const std::string edge = std::to_string(edgeNode);
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    // One row per decision, in (time, task, seq) order; the one taken before the recorder
    // connected once, as its task's first; a rejection without server, edge or split.
    EXPECT_EQ(Dump(db,
                   "SELECT time_s, task_id, seq, algorithm, admitted, server, edge_node, "
                   "split_index, allocated_bps, predicted_latency_s, reason FROM decisions "
                   "WHERE run_id = " +
                       std::to_string(run) + " ORDER BY time_s, task_id, seq"),
              (std::vector<std::string>{
                  "0.0|0|0|by-hand|1|0|" + edge + "|4|2000000.0|0.05|schedule|",
                  "0.35|0|1|by-hand|1|0|" + edge + "|" + other + "|2000000.0|0.05|periodic|",
                  "0.6|0|2|by-hand|0|NULL|NULL|NULL|0.0|NULL|estimate|",
                  "0.8|0|3|by-hand|1|0|" + edge + "|4|2000000.0|0.05|periodic|",
                  "0.8|1|0|by-hand|1|0|" + edge + "|" + other + "|2000000.0|0.05|arrival|",
              }));
    // The intervals by hand: each decision until the task's next one, the last until the run's
    // end (1 s).
    EXPECT_EQ(Dump(db,
                   "SELECT task_id, seq, start_s, end_s, admitted, split_index, reason FROM "
                   "task_splits WHERE run_id = " +
                       std::to_string(run) + " ORDER BY task_id, start_s, seq"),
              (std::vector<std::string>{
                  "0|0|0.0|0.35|1|4|schedule|",
                  "0|1|0.35|0.6|1|" + other + "|periodic|",
                  "0|2|0.6|0.8|0|NULL|estimate|",
                  "0|3|0.8|1.0|1|4|periodic|",
                  "1|0|0.8|1.0|1|" + other + "|arrival|",
              }));
    // The intervals of a task cover the run without gaps or overlaps.
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM task_splits a JOIN task_splits b ON a.run_id = "
                          "b.run_id AND a.task_id = b.task_id AND b.seq = a.seq + 1 WHERE "
                          "a.end_s <> b.start_s"),
              0);
    // Nothing of the bandwidth: no LinkRateTrace, and the edge has no UplinkEstimate (yet).
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM bandwidth"), 0);
}

TEST_F(RecorderChanges, DecisionsBeforeConnectAreWrittenOnceWhicheverComesFirst)
{
    for (const bool recorderFirst : {false, true})
    {
        const std::string path = Path(recorderFirst ? "first.db" : "after.db");
        const Chain chain = BuildChain(ChangingChain());
        Ptr<EdgeDnnRecorder> recorder;
        if (recorderFirst)
        {
            recorder = RecorderHelper().Install(path);
        }
        for (Ptr<IotDeviceApplication> device : chain.apps)
        {
            device->ApplyDecision(
                Decision(device->GetTaskId(), 4, "schedule", device->GetRemote()));
        }
        if (!recorderFirst)
        {
            recorder = RecorderHelper().Install(path);
        }
        Simulator::Stop(Seconds(0.5));
        Simulator::Run();
        recorder->Finish();
        Simulator::Destroy();
        SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
        EXPECT_EQ(Dump(db,
                       "SELECT task_id, seq, time_s, split_index, reason FROM decisions ORDER "
                       "BY task_id"),
                  (std::vector<std::string>{"0|0|0.0|4|schedule|", "1|0|0.0|4|schedule|"}))
            << (recorderFirst ? "recorder first" : "decisions first");
    }
}

TEST_F(RecorderChanges, SameSeedAndRunGiveTheSameDecisions)
{
    const std::string path = Path("repro.db");
    RngSeedManager::SetSeed(11);
    RngSeedManager::SetRun(2);
    const int64_t first = RecordChangingRun(path);
    const int64_t second = RecordChangingRun(path);
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    for (const std::string& query :
         {std::string("SELECT time_s, task_id, seq, algorithm, admitted, server, edge_node, "
                      "split_index, allocated_bps, predicted_latency_s, reason FROM decisions "
                      "WHERE run_id = ?1 ORDER BY time_s, task_id, seq"),
          std::string("SELECT task_id, seq, start_s, end_s, split_index FROM task_splits WHERE "
                      "run_id = ?1 ORDER BY task_id, seq"),
          std::string("SELECT bin, frames, completed, hit_ratio FROM deadline_hits_over_time "
                      "WHERE run_id = ?1 ORDER BY bin")})
    {
        auto rows = [&](int64_t run) {
            std::string q = query;
            q.replace(q.find("?1"), 2, std::to_string(run));
            return Dump(db, q);
        };
        EXPECT_FALSE(rows(first).empty()) << query;
        EXPECT_EQ(rows(first), rows(second)) << query;
    }
    // Rows in the table's own order (rowid) too.
    EXPECT_EQ(
        Dump(db, "SELECT time_s, task_id, seq FROM decisions WHERE run_id = 1 ORDER BY rowid"),
        Dump(db, "SELECT time_s, task_id, seq FROM decisions WHERE run_id = 2 ORDER BY rowid"));
}

/**
 * \brief An edge server that announces the estimates it is given on its UplinkEstimate trace
 * source, as its UplinkEstimator would; never started.
 */
class EstimatingEdgeServer : public EdgeServerApplication
{
  public:
    /**
     * \brief Fire UplinkEstimate.
     * \param estimate the estimate
     */
    void Estimate(DataRate estimate)
    {
        OnUplinkEstimate(estimate);
    }
};

/**
 * \brief Record synthetic rates and estimates: node A (a device with a LinkRateTrace, an edge
 * server estimating), node B (a LinkRateTrace only), node C (an edge server estimating, no true
 * rate). A: true 10 Mbit/s at 0 s, estimate 9 at 1 s, true 4 and then estimate 5 at 2 s, estimate
 * 2 at 3 s; C: estimate 7 at 0.5 s; B: true 6 at 1.5 s. Stops at 4 s.
 * \param path the database
 * \param nodes set to the ids of A, B, C
 * \return the run id
 */
int64_t
RecordSyntheticRates(const std::string& path, std::vector<uint32_t>& nodes)
{
    Ptr<Node> a = CreateObject<Node>();
    Ptr<Node> b = CreateObject<Node>();
    Ptr<Node> c = CreateObject<Node>();
    nodes = {a->GetId(), b->GetId(), c->GetId()};
    // Real traces on point-to-point devices: A 10 Mbit/s at 0 s, 4 at 2 s; B 6 at 1.5 s.
    const std::vector<std::vector<LinkRateTrace::Point>> points{
        {{Seconds(0), DataRate("10Mbps")}, {Seconds(2), DataRate("4Mbps")}},
        {{Seconds(1.5), DataRate("6Mbps")}}};
    const std::vector<Ptr<Node>> traced{a, b};
    for (std::size_t k = 0; k < traced.size(); ++k)
    {
        Ptr<PointToPointNetDevice> device = CreateObject<PointToPointNetDevice>();
        traced[k]->AddDevice(device);
        Ptr<LinkRateTrace> trace = CreateObject<LinkRateTrace>();
        trace->SetPoints(points[k]);
        trace->Install(device);
    }
    std::vector<Ptr<EstimatingEdgeServer>> servers;
    for (Ptr<Node> node : {a, c})
    {
        Ptr<EstimatingEdgeServer> server = CreateObject<EstimatingEdgeServer>();
        node->AddApplication(server);
        server->SetStartTime(Seconds(100)); // after the run: never started
        servers.push_back(server);
    }
    RecorderHelper helper;
    helper.SetAttribute("Algorithm", StringValue("rates"));
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    auto estimate = [](Ptr<EstimatingEdgeServer> e, double mbps) {
        return [e, mbps]() { e->Estimate(DataRate(static_cast<uint64_t>(mbps * 1e6))); };
    };
    Simulator::Schedule(Seconds(1), estimate(servers[0], 9));
    Simulator::Schedule(Seconds(2), estimate(servers[0], 5));
    Simulator::Schedule(Seconds(3), estimate(servers[0], 2));
    Simulator::Schedule(Seconds(0.5), estimate(servers[1], 7));
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    recorder->Finish();
    const int64_t runId = recorder->GetRunId();
    Simulator::Destroy();
    return runId;
}

TEST_F(RecorderChanges, BandwidthRowsAndEstimateErrorsFromTracesAndEstimates)
{
    const std::string path = Path("rates.db");
    std::vector<uint32_t> nodes;
    const int64_t run = RecordSyntheticRates(path, nodes);
    const std::string a = std::to_string(nodes[0]);
    const std::string b = std::to_string(nodes[1]);
    const std::string c = std::to_string(nodes[2]);
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(Dump(db, "SELECT time_s, node, source, rate_bps FROM bandwidth ORDER BY rowid"),
              (std::vector<std::string>{
                  "0.0|" + a + "|true|10000000.0|",
                  "0.5|" + c + "|estimate|7000000.0|",
                  "1.0|" + a + "|estimate|9000000.0|",
                  "1.5|" + b + "|true|6000000.0|",
                  "2.0|" + a + "|true|4000000.0|",
                  "2.0|" + a + "|estimate|5000000.0|",
                  "3.0|" + a + "|estimate|2000000.0|",
              }));
    // By hand: 9 against 10 (|1|, 10 %), 5 against 4 set at the same time (|1|, 25 %), 2 against
    // 4 (|2|, 50 %); C's estimate has no true rate on its node: shown, errors NULL.
    EXPECT_EQ(Dump(db,
                   "SELECT node, time_s, estimate_bps, true_bps, error_bps, abs_error_bps, "
                   "ROUND(rel_error, 9) FROM bandwidth_estimate_error WHERE run_id = " +
                       std::to_string(run) + " ORDER BY time_s, node"),
              (std::vector<std::string>{
                  c + "|0.5|7000000.0|NULL|NULL|NULL|NULL|",
                  a + "|1.0|9000000.0|10000000.0|-1000000.0|1000000.0|0.1|",
                  a + "|2.0|5000000.0|4000000.0|1000000.0|1000000.0|0.25|",
                  a + "|3.0|2000000.0|4000000.0|-2000000.0|2000000.0|0.5|",
              }));
}

TEST_F(RecorderChanges, DeadlineHitsOverTimeCountFramesByCreationBin)
{
    // Frames written by hand into a recorder database (a run of 0.1 s bins): bins by creation
    // time, a frame on a boundary in the bin it opens, unsettled frames counted as misses, a frame
    // without a creation time shown in bin NULL.
    const std::string path = Path("bins.db");
    {
        Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
        recorder->Open(path);
        recorder->Dispose();
    }
    {
        SqliteDatabase db(path, SqliteDatabase::READ_WRITE_CREATE);
        db.Execute("INSERT INTO runs (run_id, started_at, finished, ns3_version, module_version, "
                   "seed, run_number, scenario, algorithm, bin_width_s, config_json, ended_by) "
                   "VALUES (1, 'x', 1, '3.37', 'x', 1, 1, 's', 'alg', 0.1, '{}', 'finished')");
        const char* frames[] = {
            "(1, 0, 0, 0.0, 'completed')",
            "(1, 0, 1, 0.05, 'late')",
            "(1, 0, 2, 0.1, 'completed')", // on the boundary: bin 1
            "(1, 0, 3, 0.3, 'completed')", // 0.3 / 0.1 is 2.999... in floating point: bin 3
            "(1, 0, 4, 0.35, 'in_flight')",
            "(1, 0, 5, 0.399999999, 'dropped')",
            "(1, 1, 0, 0.3, 'lost')",
            "(1, 1, 1, NULL, 'completed')",
        };
        for (const char* f : frames)
        {
            db.Execute(std::string("INSERT INTO frames (run_id, task_id, frame_seq, created_s, "
                                   "status) VALUES ") +
                       f);
        }
    }
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(Dump(db,
                   "SELECT bin, ROUND(t_start_s, 9), ROUND(t_end_s, 9), frames, completed, late, "
                   "dropped, lost, in_flight, hit_ratio, settled_hit_ratio FROM "
                   "deadline_hits_over_time WHERE run_id = 1 ORDER BY bin IS NULL, bin"),
              (std::vector<std::string>{
                  "0|0.0|0.1|2|1|1|0|0|0|0.5|0.5|",
                  "1|0.1|0.2|1|1|0|0|0|0|1.0|1.0|",
                  "3|0.3|0.4|4|1|0|1|1|1|0.25|0.333333333333333|",
                  "NULL|NULL|NULL|1|1|0|0|0|0|1.0|1.0|",
              }));
}

TEST_F(RecorderChanges, DeadlineHitsOverTimeAddUpToTheRunsFrames)
{
    const std::string path = Path("run-bins.db");
    const int64_t run = RecordChangingRun(path);
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    // Counted by hand from the frames: bin = created (ns) / bin width (ns).
    const int64_t width =
        db.QueryInt("SELECT CAST(ROUND(bin_width_s * 1e9) AS INTEGER) FROM runs WHERE run_id = " +
                    std::to_string(run));
    std::map<int64_t, std::pair<int64_t, int64_t>> bins; // bin -> frames, completed
    SqliteStatement s = db.Prepare("SELECT created_s, status FROM frames WHERE run_id = ?1");
    s.BindInt(1, run);
    while (s.Step())
    {
        const int64_t bin = std::llround(s.GetDouble(0) * 1e9) / width;
        ++bins[bin].first;
        bins[bin].second += s.GetText(1) == "completed" ? 1 : 0;
    }
    s = SqliteStatement();
    ASSERT_GT(bins.size(), 3u);
    std::vector<std::string> expected;
    for (const auto& [bin, counts] : bins)
    {
        expected.push_back(std::to_string(bin) + "|" + std::to_string(counts.first) + "|" +
                           std::to_string(counts.second) + "|");
    }
    EXPECT_EQ(Dump(db,
                   "SELECT bin, frames, completed FROM deadline_hits_over_time WHERE run_id = " +
                       std::to_string(run) + " ORDER BY bin"),
              expected);
}

TEST_F(RecorderChanges, ReportSummarisesDecisionsAndEstimatesAndPlotsThem)
{
    const std::string path = Path("report.db");
    const int64_t changing = RecordChangingRun(path);
    std::vector<uint32_t> nodes;
    const int64_t rates = RecordSyntheticRates(path, nodes);
    const std::string out = Path("plots");
    const ProgramRun report = RunProgram("edge-dnn-report", "--db=" + path + " --outputDir=" + out);
    ASSERT_EQ(report.status, 0) << report.output;
    // Decisions by reason: run 1 has 1 schedule, 1 arrival, 2 periodic, 1 estimate; 1 task with
    // more than one decision.
    std::istringstream lines(report.output);
    bool decisionsLine = false;
    bool errorsLine = false;
    for (std::string line; std::getline(lines, line);)
    {
        std::istringstream words(line);
        std::vector<std::string> w;
        for (std::string word; words >> word;)
        {
            w.push_back(word);
        }
        if (w == std::vector<std::string>{std::to_string(changing),
                                          "by-hand",
                                          "1",
                                          "1",
                                          "2",
                                          "1",
                                          "5",
                                          "1"})
        {
            decisionsLine = true;
        }
        // The estimates' error: 4 estimates, 1 without a true rate; |error| 1, 1, 2 Mbit/s
        // (median 1, p95 2), relative 10, 25, 50 % (median 25, p95 50).
        if (w == std::vector<std::string>{std::to_string(rates),
                                          "rates",
                                          "4",
                                          "1",
                                          "1.000",
                                          "2.000",
                                          "25.000",
                                          "50.000"})
        {
            errorsLine = true;
        }
    }
    EXPECT_NE(report.output.find("Decisions by reason"), std::string::npos) << report.output;
    EXPECT_TRUE(decisionsLine) << report.output;
    EXPECT_NE(report.output.find("Uplink estimate error"), std::string::npos) << report.output;
    EXPECT_TRUE(errorsLine) << report.output;
    if (std::system("command -v gnuplot >/dev/null 2>&1") == 0)
    {
        const std::vector<std::string> pngs{"task-splits-run" + std::to_string(changing) + ".png",
                                            "deadline-hits-over-time.png",
                                            "bandwidth-run" + std::to_string(rates) + ".png"};
        for (const std::string& png : pngs)
        {
            ASSERT_TRUE(fs::exists(out + "/" + png)) << png << "\n" << report.output;
            EXPECT_GT(fs::file_size(out + "/" + png), 1000u) << png;
        }
    }
}

} // namespace
