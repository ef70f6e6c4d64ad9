/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The edge-dnn-model program as a user runs it: the zoo list, the JSON output's fields, and bad
// arguments.

#include "../examples/edge-dnn-example-plot.h"
#include "edge-dnn-test-util.h"

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-layer-graph-format.h"
#include "ns3/edge-dnn-split-profile-format.h"
#include "ns3/edge-dnn-split-profile.h"
#include "ns3/edge-dnn-sqlite-database.h"

#include <array>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

using namespace ns3;
using namespace ns3::edgednn;
using ns3::edgednn::testutil::ErrorOf;
using ns3::edgednn::testutil::ProgramRun;
using ns3::edgednn::testutil::RunProgram;

namespace
{

/**
 * \brief Run edge-dnn-model.
 * \param args its arguments
 * \return what it printed and its exit status
 */
ProgramRun
RunModelTool(const std::string& args)
{
    return RunProgram("edge-dnn-model", args);
}

} // namespace

TEST(EdgeDnnModelTool, ListsTheZoo)
{
    const ProgramRun run = RunModelTool("--list");
    ASSERT_EQ(run.status, 0) << run.output;
    for (const auto& name : CnnModelZoo::GetNames())
    {
        EXPECT_NE(run.output.find(name + " "), std::string::npos) << name;
    }
}

TEST(EdgeDnnModelTool, JsonHasTheDocumentedFields)
{
    const ProgramRun run =
        RunModelTool("--model=resnet18 --format=json --feature-bytes-per-element=2");
    ASSERT_EQ(run.status, 0) << run.output;
    const auto o = nlohmann::ordered_json::parse(run.output);
    const CnnModel m = CnnModelZoo::Create("resnet18");
    EXPECT_EQ(o.at("model").get<std::string>(), "resnet18");
    EXPECT_EQ(o.at("input").get<std::vector<uint64_t>>(), (std::vector<uint64_t>{3, 224, 224}));
    EXPECT_EQ(o.at("params").get<uint64_t>(), m.GetTotalParams());
    EXPECT_EQ(o.at("macs").get<uint64_t>(), m.GetTotalMacs());
    const auto& points = o.at("split_points");
    const SplitProfile p = SplitProfile::FromModel(m, TensorEncoding(1, 2));
    ASSERT_EQ(points.size(), p.GetSplitPointCount());
    for (std::size_t i = 0; i < points.size(); ++i)
    {
        const auto& sp = points[i];
        EXPECT_EQ(sp.at("index").get<uint32_t>(), p.GetSplitPoints()[i].index);
        EXPECT_EQ(sp.at("name").get<std::string>(), p.GetSplitPoints()[i].name);
        EXPECT_EQ(sp.at("edge_macs").get<uint64_t>(), p.GetSplitPoints()[i].edgeMacs);
        EXPECT_EQ(sp.at("cloud_macs").get<uint64_t>(), p.GetSplitPoints()[i].cloudMacs);
        EXPECT_EQ(sp.at("bytes").get<uint64_t>(), p.GetSplitPoints()[i].bytes);
    }
}

TEST(EdgeDnnModelTool, LayersCsvHasEveryLayerInOrder)
{
    const ProgramRun run = RunModelTool("--model=vit-b-16 --format=layers");
    ASSERT_EQ(run.status, 0) << run.output;
    const CnnModel m = CnnModelZoo::Create("vit-b-16");
    std::istringstream lines(run.output);
    std::string line;
    ASSERT_TRUE(std::getline(lines, line));
    EXPECT_EQ(line, "index,name,type,output,macs,params");
    std::size_t pos = 0;
    while (std::getline(lines, line))
    {
        ASSERT_LT(pos, m.GetLayerCount()) << line;
        const CnnLayer& layer = m.GetLayer(m.GetOrder()[pos]);
        std::ostringstream expected;
        expected << pos << "," << layer.GetName() << "," << CnnLayer::TypeToString(layer.GetType())
                 << "," << layer.GetOutputShape() << "," << layer.GetMacs() << ","
                 << layer.GetParams();
        EXPECT_EQ(line, expected.str());
        ++pos;
    }
    EXPECT_EQ(pos, m.GetLayerCount());
}

TEST(EdgeDnnModelTool, BadArgumentsAreNamed)
{
    ProgramRun run = RunModelTool("--model=resnet1000");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("edge-dnn-model: unknown model 'resnet1000'; the zoo has alexnet"),
              std::string::npos)
        << run.output;
    run = RunModelTool("--file=/nonexistent.json");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("edge-dnn-model: /nonexistent.json: cannot open file for reading"),
              std::string::npos)
        << run.output;
    run = RunModelTool("--model=alexnet --format=xml");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("--format=xml: expected table, json, csv or layers"),
              std::string::npos);
    run = RunModelTool("--profile=/nonexistent.json --format=layers");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("edge-dnn-model: --format=layers prints a network's layers, which a "
                              "split profile (--profile) does not hold: use --model or --file"),
              std::string::npos)
        << run.output;
    run = RunModelTool("--model=alexnet --feature-bytes-per-element=-2");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("edge-dnn-model: --feature-bytes-per-element: expected a number "
                              "from 0.125 to 8 B, got -2"),
              std::string::npos)
        << run.output;
    run = RunModelTool("");
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("give exactly one of --model=NAME (see --list), --file=PATH (a "
                              "layer graph) or --profile=PATH (a split profile)"),
              std::string::npos)
        << run.output;
}

// --export writes the file and says so in one line, without the table unless --format asks.
TEST(EdgeDnnModelTool, ExportWritesTheFileAndSaysSo)
{
    const std::string path = testing::TempDir() + "/export-vgg16.json";
    std::remove(path.c_str());
    ProgramRun run = RunModelTool("--model=vgg16 --export=" + path);
    ASSERT_EQ(run.status, 0) << run.output;
    const CnnModel read = LayerGraphFormat::ReadFile(path);
    EXPECT_EQ(read.GetTotalMacs(), CnnModelZoo::Create("vgg16").GetTotalMacs());
    EXPECT_EQ(run.output,
              "edge-dnn-model: wrote vgg16 (" + std::to_string(read.GetLayerCount()) +
                  " layers) as a JSON layer graph to " + path + "\n");
    run = RunModelTool("--model=vgg16 --format=table --export=" + path);
    ASSERT_EQ(run.status, 0) << run.output;
    EXPECT_NE(run.output.find("edge-dnn-model: wrote vgg16"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("last edge layer"), std::string::npos) << run.output;
}

// A file of another of our formats given to --file is named, with the option that takes it.
TEST(EdgeDnnModelTool, NamesAnotherFormatGivenToFile)
{
    const std::string dir = testing::TempDir();
    const std::string profile = dir + "/named-resnet18-profile.json";
    SplitProfileFormat::WriteFile(SplitProfile::FromModel(CnnModelZoo::Create("resnet18")),
                                  profile);
    ProgramRun run = RunModelTool("--file=" + profile);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("edge-dnn-model: " + profile +
                              " is a split profile (edge-dnn-model --format=json or csv writes "
                              "them), not a layer graph: give it to --profile=" +
                              profile),
              std::string::npos)
        << run.output;
    run = RunModelTool("--profile=" + profile);
    ASSERT_EQ(run.status, 0) << run.output;
    EXPECT_NE(run.output.find("model resnet18, input"), std::string::npos) << run.output;

    const std::string problem = dir + "/named-problem.json";
    {
        std::ofstream out(problem);
        out << R"({"servers": [{"id": "e1", "compute_macs_per_s": 2e11, "uplink_bps": 1e8}],
                   "tasks": [{"id": "cam1", "model": "resnet18", "frame_rate": 10,
                              "deadline_s": 0.1, "servers": ["e1"]}]})";
    }
    run = RunModelTool("--file=" + problem);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find(problem +
                              " is a scheduling problem, not a layer graph: give it to "
                              "edge-dnn-schedule --problem=" +
                              problem),
              std::string::npos)
        << run.output;

    // A broken layer graph keeps the reader's own message.
    const std::string broken = dir + "/named-broken.json";
    {
        std::ofstream out(broken);
        out << R"({"name": "x", "layers": [], "colour": 1})";
    }
    run = RunModelTool("--file=" + broken);
    EXPECT_EQ(run.status, 1);
    EXPECT_NE(run.output.find("unknown field 'colour' for a layer graph"), std::string::npos)
        << run.output;
}

TEST(EdgeDnnDataReduction, WritesFigure3Data)
{
    const std::string dir = ::testing::TempDir() + "edge-dnn-data-reduction";
    const ProgramRun run =
        RunProgram("edge-dnn-data-reduction", "--outputDir=" + dir + " --models=alexnet,resnet18");
    ASSERT_EQ(run.status, 0) << run.output;
    std::ifstream csv(dir + "/data-reduction.csv");
    ASSERT_TRUE(csv.good());
    std::string line;
    std::getline(csv, line);
    EXPECT_EQ(line,
              "model,index,layer,relative_depth,bytes,data_ratio,edge_macs,cumulative_macs_ratio");
    std::map<std::string, std::vector<std::vector<std::string>>> rows;
    while (std::getline(csv, line))
    {
        std::vector<std::string> fields;
        std::istringstream is(line);
        for (std::string f; std::getline(is, f, ',');)
        {
            fields.push_back(f);
        }
        ASSERT_EQ(fields.size(), 8u) << line;
        rows[fields[0]].push_back(fields);
    }
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& [model, r] : rows)
    {
        // Single-tensor cuts of the model: the raw input first (ratio 1), the 1000 float32 scores
        // last.
        const SplitProfile p =
            SplitProfile::FromModel(CnnModelZoo::Create(model), TensorEncoding(), true);
        ASSERT_EQ(r.size(), p.GetSplitPointCount()) << model;
        EXPECT_EQ(r.front()[5], "1");
        EXPECT_EQ(std::stoull(r.back()[4]), 4000u);
        EXPECT_EQ(r.back()[7], "1");
    }
}

TEST(EdgeDnnAdaptive, RefusesAnUnknownPolicyAndAMissingTrace)
{
    const ProgramRun policy = RunProgram("edge-dnn-adaptive", "--policy=adaptive");
    EXPECT_EQ(policy.status, 1);
    EXPECT_NE(policy.output.find("edge-dnn-adaptive: run-time policy 'adaptive': expected one of "
                                 "static, resplit, replan or the TypeId name of a RuntimePolicy"),
              std::string::npos)
        << policy.output;
    const ProgramRun trace = RunProgram("edge-dnn-adaptive", "--quick --trace=/no/such/trace.csv");
    EXPECT_EQ(trace.status, 1);
    EXPECT_NE(trace.output.find("edge-dnn-adaptive: /no/such/trace.csv: cannot open the bandwidth "
                                "trace: No such file or directory; expected a CSV file with the "
                                "header time_s,rate_bps"),
              std::string::npos)
        << trace.output;
}

TEST(EdgeDnnQuickstart, PrintsASummaryPerTask)
{
    const ProgramRun run = RunProgram("edge-dnn-quickstart", "--simTime=1 --RngRun=3");
    ASSERT_EQ(run.status, 0) << run.output;
    std::istringstream lines(run.output);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line.rfind("task edge model", 0), 0u) << line;
    int tasks = 0;
    while (std::getline(lines, line))
    {
        std::istringstream fields(line);
        std::string task, edge, model, cut;
        uint32_t frames = 0, ok = 0;
        fields >> task >> edge >> model >> cut >> frames >> ok;
        EXPECT_GE(frames, 8u) << line;
        EXPECT_GE(ok, frames - 2) << line;
        ++tasks;
    }
    EXPECT_EQ(tasks, 6);
    const ProgramRun bad = RunProgram("edge-dnn-quickstart", "--access=lora");
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(
        bad.output.find("edge-dnn-quickstart: access network 'lora': expected p2p, csma or wifi"),
        std::string::npos)
        << bad.output;
}

namespace
{

/**
 * \brief Read a CSV file into rows of fields (header first).
 * \param path the file
 * \return its rows
 */
std::vector<std::vector<std::string>>
ReadCsv(const std::string& path)
{
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
    {
        std::vector<std::string> fields;
        std::istringstream is(line);
        for (std::string f; std::getline(is, f, ',');)
        {
            fields.push_back(f);
        }
        rows.push_back(fields);
    }
    return rows;
}

} // namespace

TEST(EdgeDnnPaperEval, QuickRunWritesConsistentResults)
{
    const std::string dir = ::testing::TempDir() + "edge-dnn-paper-eval";
    for (const char* suffix : {"", "-wal", "-shm"})
    {
        std::remove(
            (dir + "/paper-eval.db" + suffix).c_str()); // runs would append to an earlier test's
    }
    const ProgramRun run = RunProgram("edge-dnn-paper-eval", "--quick --outputDir=" + dir);
    ASSERT_EQ(run.status, 0) << run.output;

    const auto sweeps = ReadCsv(dir + "/paper-eval-sweeps.csv");
    ASSERT_FALSE(sweeps.empty());
    EXPECT_EQ(sweeps[0],
              (std::vector<std::string>{"sweep",
                                        "value",
                                        "algorithm",
                                        "replications",
                                        "finished",
                                        "admitted_mean",
                                        "tasks"}));
    // Per sweep point: every heuristic admits at most the tasks and at most the LP bound; ours at
    // least paper-offline; a larger uplink never admits fewer tasks for ours (its options only
    // grow).
    std::map<std::pair<std::string, std::string>, std::map<std::string, double>> points;
    for (std::size_t i = 1; i < sweeps.size(); ++i)
    {
        ASSERT_EQ(sweeps[i].size(), 7u);
        if (sweeps[i][4] != "0")
        {
            points[{sweeps[i][0], sweeps[i][1]}][sweeps[i][2]] = std::stod(sweeps[i][5]);
        }
        points[{sweeps[i][0], sweeps[i][1]}]["tasks"] = std::stod(sweeps[i][6]);
    }
    EXPECT_EQ(points.size(), 8u);
    for (const auto& [point, admitted] : points)
    {
        for (const auto& [name, n] : admitted)
        {
            EXPECT_LE(n, admitted.at("tasks")) << point.first << " " << point.second << " " << name;
            if (admitted.count("lp-bound") && name != "tasks")
            {
                EXPECT_LE(n, admitted.at("lp-bound") + 1e-6) << name;
            }
        }
        EXPECT_GE(admitted.at("ours"), admitted.at("paper-offline"));
    }

    const auto packet = ReadCsv(dir + "/paper-eval-packet.csv");
    ASSERT_GE(packet.size(), 9u);
    EXPECT_EQ(packet[0][0], "algorithm");
    for (std::size_t i = 1; i < packet.size(); ++i)
    {
        const auto& r = packet[i];
        const uint64_t admitted = std::stoull(r[1]);
        const uint64_t frames = std::stoull(r[3]);
        const uint64_t withResult = std::stoull(r[4]);
        EXPECT_LE(withResult, frames) << r[0];
        EXPECT_EQ(frames > 0, admitted > 0) << r[0] << ": only admitted tasks send frames";
        EXPECT_GE(std::stod(r[5]), std::stod(r[6]) - 1e-9)
            << r[0] << ": end to end is the stricter bound";
        EXPECT_LE(std::stod(r[5]), 1.0);
    }

    // Admitted and delivered per algorithm, against the database the run wrote: the admitted tasks
    // of the run's tasks table, the frames of its frames table, and delivered recomputed by the 99
    // % rule over every frame created (in flight at the end = missed).
    const auto delivered = ReadCsv(dir + "/paper-eval-delivered.csv");
    ASSERT_FALSE(delivered.empty());
    EXPECT_EQ(delivered[0],
              (std::vector<std::string>{"algorithm",
                                        "run_id",
                                        "tasks",
                                        "admitted",
                                        "delivered",
                                        "frames",
                                        "frames_within_q",
                                        "frame_hit_ratio",
                                        "tasks_compared",
                                        "median_abs_rel_error",
                                        "worst_rel_error",
                                        "within_5pct",
                                        "bound_median_abs_rel_error",
                                        "counted_from_s",
                                        "counted_until_s"}));
    EXPECT_EQ(delivered.size(), packet.size()) << "one row per simulated algorithm";
    SqliteDatabase db(dir + "/paper-eval.db", SqliteDatabase::READ_ONLY);
    SqliteStatement algorithmOf = db.Prepare("SELECT algorithm FROM runs WHERE run_id = ?1");
    SqliteStatement admittedOf =
        db.Prepare("SELECT COUNT(*) FROM tasks WHERE run_id = ?1 AND admitted = 1");
    // Frames count from the warm-up's end to the end of generation (the CSV says when).
    SqliteStatement framesOf =
        db.Prepare("SELECT COUNT(*), SUM(status = 'completed') FROM frames WHERE run_id = ?1 "
                   "AND created_s >= ?2 AND created_s < ?3");
    SqliteStatement deliveredOf =
        db.Prepare("SELECT COUNT(*) FROM tasks t WHERE t.run_id = ?1 AND t.admitted = 1 AND "
                   "(SELECT 100 * SUM(f.status = 'completed') >= 99 * COUNT(*) FROM frames f "
                   "WHERE f.run_id = t.run_id AND f.task_id = t.task_id AND f.created_s >= ?2 "
                   "AND f.created_s < ?3) = 1");
    uint64_t deliveredAll = 0;
    std::map<int64_t, std::pair<double, double>> windows; // run: counted window
    for (std::size_t i = 1; i < delivered.size(); ++i)
    {
        const auto& r = delivered[i];
        ASSERT_EQ(r.size(), 15u);
        const int64_t runId = std::stoll(r[1]);
        const double from = std::stod(r[13]);
        const double until = std::stod(r[14]);
        EXPECT_LT(from, until) << r[0];
        windows[runId] = {from, until};
        const uint64_t admitted = std::stoull(r[3]);
        const uint64_t deliveredTasks = std::stoull(r[4]);
        const uint64_t frames = std::stoull(r[5]);
        const uint64_t within = std::stoull(r[6]);
        EXPECT_LE(deliveredTasks, admitted) << r[0];
        EXPECT_LE(admitted, std::stoull(r[2])) << r[0];
        deliveredAll += deliveredTasks;
        algorithmOf.BindInt(1, runId);
        ASSERT_TRUE(algorithmOf.Step()) << r[0] << ": run " << runId << " is in the database";
        EXPECT_EQ(algorithmOf.GetText(0), r[0]);
        algorithmOf.Reset();
        admittedOf.BindInt(1, runId);
        ASSERT_TRUE(admittedOf.Step());
        EXPECT_EQ(static_cast<uint64_t>(admittedOf.GetInt(0)), admitted) << r[0];
        admittedOf.Reset();
        framesOf.BindInt(1, runId);
        framesOf.BindDouble(2, from);
        framesOf.BindDouble(3, until);
        ASSERT_TRUE(framesOf.Step());
        EXPECT_EQ(static_cast<uint64_t>(framesOf.GetInt(0)), frames) << r[0];
        EXPECT_EQ(static_cast<uint64_t>(framesOf.GetInt(1)), within) << r[0];
        framesOf.Reset();
        deliveredOf.BindInt(1, runId);
        deliveredOf.BindDouble(2, from);
        deliveredOf.BindDouble(3, until);
        ASSERT_TRUE(deliveredOf.Step());
        EXPECT_EQ(static_cast<uint64_t>(deliveredOf.GetInt(0)), deliveredTasks)
            << r[0] << ": admitted tasks with >= 99 % of their frames completed within Q_j";
        deliveredOf.Reset();
        if (frames > 0)
        {
            EXPECT_NEAR(std::stod(r[7]), static_cast<double>(within) / frames, 1e-9) << r[0];
        }
        EXPECT_LE(std::stoull(r[8]), admitted) << r[0];
        if (std::stoull(r[8]) > 0)
        {
            EXPECT_LE(std::stod(r[9]), std::abs(std::stod(r[10])) + 1e-12)
                << r[0] << ": the median error is at most the worst";
            // The phase-aware prediction, not the bound, is what the 5 % criterion is about.
            EXPECT_GE(std::stod(r[11]), 0.95) << r[0] << ": tasks within 5 % of the prediction";
            EXPECT_LE(std::stod(r[9]), 0.05) << r[0];
            EXPECT_GE(std::stod(r[12]), 0) << r[0];
        }
    }
    EXPECT_GT(deliveredAll, 0u) << "some algorithm delivers a task";

    // Per admitted task: the bound is the tasks table's predicted latency, the measured 99th
    // percentile the nearest rank of creation to result over the frames whose result came back,
    // and the error is against LatencyPredictor's 99th percentile, at most its largest.
    const auto perTask = ReadCsv(dir + "/paper-eval-delivered-tasks.csv");
    ASSERT_FALSE(perTask.empty());
    EXPECT_EQ(perTask[0],
              (std::vector<std::string>{"algorithm",
                                        "run_id",
                                        "task_id",
                                        "deadline_s",
                                        "bound_s",
                                        "predicted_p99_s",
                                        "predicted_max_s",
                                        "frames",
                                        "frames_within_q",
                                        "frames_measured",
                                        "measured_p99_latency_s",
                                        "rel_error",
                                        "bound_rel_error",
                                        "delivered"}));
    SqliteStatement predictedOf = db.Prepare(
        "SELECT predicted_latency_s, deadline_s FROM tasks WHERE run_id = ?1 AND task_id = ?2 "
        "AND admitted = 1");
    // The main job admits under the end-to-end model: a frame's latency is its creation to its
    // result at the device.
    SqliteStatement p99Of = db.Prepare(
        "WITH l AS (SELECT result_rx_s - created_s AS t, "
        "ROW_NUMBER() OVER (ORDER BY result_rx_s - created_s) AS rn, COUNT(*) OVER () AS n "
        "FROM frames WHERE run_id = ?1 AND task_id = ?2 AND status IN ('completed', 'late') "
        "AND created_s >= ?3 AND created_s < ?4) "
        "SELECT MIN(CASE WHEN rn >= 0.99 * n THEN t END), MAX(n) FROM l");
    std::map<int64_t, uint64_t> deliveredByRun;
    for (std::size_t i = 1; i < perTask.size(); ++i)
    {
        const auto& r = perTask[i];
        ASSERT_EQ(r.size(), 14u);
        const int64_t runId = std::stoll(r[1]);
        ASSERT_EQ(windows.count(runId), 1u) << r[0];
        const auto [from, until] = windows[runId];
        const std::string where = r[0] + " task " + r[2];
        predictedOf.BindInt(1, runId);
        predictedOf.BindInt(2, std::stoll(r[2]));
        ASSERT_TRUE(predictedOf.Step()) << where << " is admitted in the tasks table";
        EXPECT_NEAR(std::stod(r[4]), predictedOf.GetDouble(0), 1e-9) << where;
        EXPECT_NEAR(std::stod(r[3]), predictedOf.GetDouble(1), 1e-9) << where;
        predictedOf.Reset();
        p99Of.BindInt(1, runId);
        p99Of.BindInt(2, std::stoll(r[2]));
        p99Of.BindDouble(3, from);
        p99Of.BindDouble(4, until);
        ASSERT_TRUE(p99Of.Step());
        const uint64_t measured = std::stoull(r[9]);
        EXPECT_EQ(p99Of.IsNull(1) ? 0u : static_cast<uint64_t>(p99Of.GetInt(1)), measured) << where;
        const double predicted = std::stod(r[5]);
        EXPECT_GT(predicted, 0) << where;
        EXPECT_LE(predicted, std::stod(r[6])) << where << ": the 99th percentile <= the largest";
        if (measured > 0)
        {
            EXPECT_NEAR(std::stod(r[10]), p99Of.GetDouble(0), 1e-6) << where;
            EXPECT_NEAR(std::stod(r[11]), (std::stod(r[10]) - predicted) / predicted, 1e-6)
                << where;
            EXPECT_NEAR(std::stod(r[12]),
                        (std::stod(r[10]) - std::stod(r[4])) / std::stod(r[4]),
                        1e-6)
                << where;
        }
        p99Of.Reset();
        deliveredByRun[runId] += std::stoull(r[13]);
    }
    for (std::size_t i = 1; i < delivered.size(); ++i)
    {
        EXPECT_EQ(deliveredByRun[std::stoll(delivered[i][1])], std::stoull(delivered[i][4]))
            << delivered[i][0] << ": the per-task rows add up";
    }

    for (const std::string plot : {"paper-eval-uplink",
                                   "paper-eval-capacity",
                                   "paper-eval-tasks",
                                   "paper-eval-servers",
                                   "paper-eval-deadlines",
                                   "paper-eval-admitted-delivered"})
    {
        std::ifstream png(dir + "/" + plot + ".png", std::ios::binary);
        char magic[4] = {};
        png.read(magic, 4);
        EXPECT_EQ(std::string(magic + 1, 3), "PNG") << plot;
    }
}

/**
 * \brief Render a plot with the examples' RenderPlot, with this process's standard error (which
 * gnuplot inherits) going to a file.
 * \param plot the plot
 * \param dir the output folder
 * \param base the file name without extension
 * \param error where the EdgeDnnError's message goes ("" if none)
 * \return what was written to standard error meanwhile
 */
std::string
StderrOfRenderPlot(Gnuplot& plot,
                   const std::string& dir,
                   const std::string& base,
                   std::string& error)
{
    const std::string captured = dir + "/" + base + ".stderr";
    std::fflush(stderr);
    const int saved = dup(2);
    const int fd = open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    close(fd);
    error = ErrorOf([&] { edgednnexample::RenderPlot(plot, dir, base); });
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    std::ifstream in(captured);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// gnuplot's warnings (one point: "empty x range") stay out of the programs' output; a failure
// shows gnuplot's message.
TEST(ExamplePlot, GnuplotMessagesOnlyOnFailure)
{
    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        GTEST_SKIP() << "gnuplot is not installed";
    }
    const std::string dir = testing::TempDir() + "/edge-dnn-plot";
    std::filesystem::create_directories(dir);
    Gnuplot one("one.png", "one point");
    Gnuplot2dDataset point("point");
    point.Add(1, 1);
    one.AddDataset(point);
    std::string error;
    EXPECT_EQ(StderrOfRenderPlot(one, dir, "one", error), "");
    EXPECT_EQ(error, "");
    EXPECT_TRUE(std::filesystem::exists(dir + "/one.png"));

    Gnuplot bad("bad.png", "bad");
    bad.AppendExtra("set nonsense");
    bad.AddDataset(point);
    EXPECT_EQ(StderrOfRenderPlot(bad, dir, "bad", error), "");
    EXPECT_NE(error.find("gnuplot failed on " + dir + "/bad.plt:\n"), std::string::npos) << error;
    EXPECT_NE(error.find("unrecognized option"), std::string::npos) << error;
}
