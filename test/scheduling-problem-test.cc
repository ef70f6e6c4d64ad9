/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The scheduling problem: demands by hand calculation under both latency models, the problem
// file format with its error messages, and the edge-dnn-schedule program.

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-scheduling-problem-format.h"
#include "ns3/edge-dnn-scheduling-problem.h"
#include "ns3/edge-dnn-split-profile-format.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <sys/wait.h>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/**
 * \brief The three-point profile of the scheduler tests: (bytes, edge MACs, cloud MACs) =
 * (1000, 0, 1e9), (500, 2e8, 8e8), (100, 1e9, 0).
 * \return the profile
 */
std::shared_ptr<const SplitProfile>
ThreePoints()
{
    std::vector<SplitPoint> points(3);
    const uint64_t bytes[] = {1000, 500, 100};
    const uint64_t edge[] = {0, 200000000, 1000000000};
    for (uint32_t k = 0; k < 3; ++k)
    {
        points[k].index = k;
        points[k].name = k == 0 ? "input" : "l" + std::to_string(k);
        points[k].bytes = bytes[k];
        points[k].edgeMacs = edge[k];
        points[k].cloudMacs = 1000000000 - edge[k];
    }
    return std::make_shared<const SplitProfile>("three", SplitCostUnit::MACS, points);
}

/**
 * \brief A problem: one server (c = 1e10 MAC/s, b = 1e6 bit/s, V = 0.5), one task (f = 5).
 * \param model latency model
 * \param deadline Q
 * \return the problem
 */
SchedulingProblem
Problem(LatencyModel model, double deadline)
{
    SchedulingProblem problem;
    problem.SetLatencyModel(model);
    problem.SetCloudCapacity(1e10);
    problem.AddServer({"e", 1e10, 1e6, 0.5});
    SchedulingTask t;
    t.id = "a";
    t.model = "three";
    t.profile = ThreePoints();
    t.frameRate = 5;
    t.deadlineS = deadline;
    t.uplinkS = 0.01;
    t.resultS = 0.005;
    t.servers = {0};
    problem.AddTask(t);
    return problem;
}

/**
 * \param json a problem
 * \return the message of reading it ("" if it reads)
 */
std::string
ProblemError(const std::string& json)
{
    try
    {
        SchedulingProblemFormat::ParseJson(json, "p.json");
    }
    catch (const EdgeDnnError& e)
    {
        return e.what();
    }
    return "";
}

/// A valid problem with a placeholder for one task's extra fields.
const std::string SERVERS = R"("servers": [{"id": "e1", "compute_macs_per_s": 2e11,
    "uplink_bps": 1e8, "usable_share": 0.8}, {"id": "e2", "compute_macs_per_s": 1e11,
    "uplink_bps": 5e7}])";

/**
 * \param task a task's JSON object
 * \return a problem with that task
 */
std::string
WithTask(const std::string& task)
{
    return "{" + SERVERS + R"(, "tasks": [)" + task + "]}";
}

/// A valid task.
const std::string TASK = R"({"id": "cam1", "model": "resnet18", "frame_rate": 10,
    "deadline_s": 0.1, "servers": ["e1", "e2"]})";

/**
 * \brief Run a program of the build.
 * \param command program and arguments
 * \param status its exit status
 * \return its standard output and error
 */
std::string
RunProgram(const std::string& command, int& status)
{
    FILE* pipe = popen((std::string(EDGE_DNN_BIN_DIR) + "/" + command + " 2>&1").c_str(), "r");
    std::string out;
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    {
        out.append(buffer.data(), n);
    }
    const int raw = pclose(pipe);
    status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return out;
}

} // namespace

// Transfer model, Q = 0.1, f = 5: s bits need max(s / 0.1, 5 s) = 10 s bit/s.
TEST(SchedulingProblem, TransferDemandByHand)
{
    const SchedulingProblem problem = Problem(LatencyModel::TRANSFER, 0.1);
    const auto profile = ThreePoints(); // owns the points below for the whole test
    const auto& points = profile->GetSplitPoints();
    TaskDemand d = problem.ComputeDemand(0, 0, points[0]);
    EXPECT_TRUE(d.feasible);
    EXPECT_DOUBLE_EQ(d.bandwidthBps, 80000); // 8000 bit
    EXPECT_DOUBLE_EQ(d.computeMacsPerS, 0);
    EXPECT_DOUBLE_EQ(d.latencyS, 0.1);
    d = problem.ComputeDemand(0, 0, points[1]);
    EXPECT_DOUBLE_EQ(d.bandwidthBps, 40000);
    EXPECT_DOUBLE_EQ(d.computeMacsPerS, 1e9); // 5 x 2e8
    // f = 20 > 1 / Q: the frame rate binds: 20 x 4000 = 80,000 bit/s, latency 4000 / 80,000.
    SchedulingProblem fast = Problem(LatencyModel::TRANSFER, 0.1);
    SchedulingTask t = fast.GetTasks()[0];
    t.id = "b";
    t.frameRate = 20;
    fast.AddTask(t);
    d = fast.ComputeDemand(1, 0, points[1]);
    EXPECT_DOUBLE_EQ(d.bandwidthBps, 80000);
    EXPECT_DOUBLE_EQ(d.latencyS, 0.05);
    // 100 fps at split 0: 800,000 bit/s > V b = 500,000: infeasible.
    t.id = "c";
    t.frameRate = 100;
    fast.AddTask(t);
    EXPECT_FALSE(fast.ComputeDemand(2, 0, points[0]).feasible);
}

// End-to-end, Q = 0.2, uplink 0.01 s, result 0.005 s, c = C = 1e10, queue bound D = 0.05 s:
//  split 1: edge 2e8 / 1e10 = 0.02 s, so compute = max(f w = 1e9, e c / D = 0.02 x 1e10 / 0.05 =
//  4e9) = 4e9 MAC/s; cloud 8e8 / 1e10 = 0.08; fixed 0.01 + D + 0.08 + 0.005 = 0.145; 4000 bit
//  within 0.055 s: 72,727.27 bit/s (> 5 x 4000); latency 0.2;
//  split 2: edge 1e9 / 1e10 = 0.1 s > D: compute e c / D = 2e10 > c, infeasible;
//  split 0: forwarded unqueued, no D: fixed 0.01 + cloud 0.1 + 0.005, 8000 bit within 0.085 s.
//  With Q = 0.1 split 1 is infeasible (0.145 > 0.1).
TEST(SchedulingProblem, EndToEndDemandByHand)
{
    const auto profile = ThreePoints(); // owns the points below for the whole test
    const auto& points = profile->GetSplitPoints();
    const SchedulingProblem problem = Problem(LatencyModel::END_TO_END, 0.2);
    ASSERT_DOUBLE_EQ(problem.GetServers()[0].queueBoundS, 0.05);
    TaskDemand d = problem.ComputeDemand(0, 0, points[1]);
    EXPECT_TRUE(d.feasible);
    EXPECT_NEAR(d.bandwidthBps, 4000 / 0.055, 1e-6);
    EXPECT_DOUBLE_EQ(d.computeMacsPerS, 4e9);
    EXPECT_NEAR(d.latencyS, 0.2, 1e-12);
    d = problem.ComputeDemand(0, 0, points[2]);
    EXPECT_FALSE(d.feasible);
    EXPECT_DOUBLE_EQ(d.computeMacsPerS, 2e10);
    d = problem.ComputeDemand(0, 0, points[0]);
    EXPECT_TRUE(d.feasible);
    EXPECT_NEAR(d.bandwidthBps, 8000 / 0.085, 1e-6);
    EXPECT_DOUBLE_EQ(d.computeMacsPerS, 0);
    EXPECT_FALSE(Problem(LatencyModel::END_TO_END, 0.1).ComputeDemand(0, 0, points[1]).feasible);
}

// Two workers at 5e9 MAC/s each: split 1's edge time on one is 0.04 s, and the bound charges
// (2m - 1) / m = 1.5 times it: 0.06 x 1e10 / 0.05 = 1.2e10 > c, infeasible; with D = 0.1 s it
// is 6e9 and fits.
TEST(SchedulingProblem, EndToEndQueueBoundWithWorkers)
{
    const auto profile = ThreePoints();
    const auto& points = profile->GetSplitPoints();
    for (double bound : {0.05, 0.1})
    {
        SchedulingProblem problem;
        problem.SetLatencyModel(LatencyModel::END_TO_END);
        problem.SetCloudCapacity(1e10);
        EdgeServer server{"e", 1e10, 1e6, 0.5};
        server.workers = 2;
        server.queueBoundS = bound;
        problem.AddServer(server);
        SchedulingTask t = Problem(LatencyModel::END_TO_END, 0.5).GetTasks()[0];
        problem.AddTask(t);
        const TaskDemand d = problem.ComputeDemand(0, 0, points[1]);
        EXPECT_NEAR(d.edgeComputeS, 0.04, 1e-12);
        EXPECT_NEAR(d.computeMacsPerS, 0.06 * 1e10 / bound, 1e-3);
        EXPECT_EQ(d.feasible, bound == 0.1);
    }
}

// A profile measured in seconds: edge 0.004 s, cloud 0.002 s per frame at split 1. The compute
// load is max(f x 0.004 s x c = 5 x 0.004 x 1e10 = 2e8, 0.004 x c / D = 8e8) MAC/s.
TEST(SchedulingProblem, MeasuredSecondsProfile)
{
    std::vector<SplitPoint> points(2);
    points[0].index = 0;
    points[0].name = "input";
    points[0].bytes = 1000;
    points[0].edgeSeconds = 0;
    points[0].cloudSeconds = 0.01;
    points[1].index = 3;
    points[1].name = "conv";
    points[1].bytes = 500;
    points[1].edgeSeconds = 0.004;
    points[1].cloudSeconds = 0.002;
    SchedulingProblem problem = Problem(LatencyModel::END_TO_END, 0.2);
    SchedulingTask t = problem.GetTasks()[0];
    t.id = "m";
    t.profile = std::make_shared<const SplitProfile>("measured",
                                                     SplitCostUnit::SECONDS,
                                                     points,
                                                     "jetson",
                                                     "xeon");
    problem.AddTask(t);
    const TaskDemand d = problem.ComputeDemand(1, 0, points[1]);
    EXPECT_DOUBLE_EQ(d.computeMacsPerS, 8e8);
    // fixed 0.01 + D 0.05 + 0.002 + 0.005 = 0.067; 4000 bit within 0.133 s.
    EXPECT_NEAR(d.bandwidthBps, 4000 / 0.133, 1e-9);
}

// The task's input bytes replace the profile's at split 0 (and only where the input crosses).
TEST(SchedulingProblem, InputBytesOverrideTheModelsInput)
{
    const std::string json = WithTask(R"({"id": "a", "model": "resnet18", "input_bytes": 50000,
        "frame_rate": 10, "deadline_s": 0.1, "servers": ["e1"]},
        {"id": "b", "model": "resnet18", "feature_bytes_per_element": 2, "frame_rate": 10,
        "deadline_s": 0.1, "servers": ["e2"]})");
    const SchedulingProblem problem = SchedulingProblemFormat::ParseJson(json, "p.json");
    ASSERT_EQ(problem.GetTaskCount(), 2u);
    const auto& a = problem.GetTasks()[0];
    const auto& b = problem.GetTasks()[1];
    const auto& points = a.profile->GetSplitPoints();
    EXPECT_EQ(problem.GetCutBytes(0, points[0]), 50000u);
    EXPECT_EQ(problem.GetCutBytes(1, b.profile->GetSplitPoints()[0]), 3u * 224 * 224);
    // After conv1 (64 x 112 x 112 floats): 4 B per element by default, 2 B for task b.
    EXPECT_EQ(problem.GetCutBytes(0, points[1]), 4u * 64 * 112 * 112);
    EXPECT_EQ(problem.GetCutBytes(1, b.profile->GetSplitPoints()[1]), 2u * 64 * 112 * 112);
    EXPECT_EQ(problem.GetServers()[0].usableShare, 0.8);
    EXPECT_EQ(problem.GetServers()[1].usableShare, 1.0);
    EXPECT_EQ(a.servers, std::vector<uint32_t>{0});
    // Same model and encoding: one shared profile; another encoding: another profile.
    const SchedulingProblem twice = SchedulingProblemFormat::ParseJson(
        WithTask(TASK + "," +
                 R"({"id": "cam2", "model": "resnet18", "frame_rate": 1, "deadline_s": 1,
                     "servers": ["e1"]})"),
        "p.json");
    EXPECT_EQ(twice.GetTasks()[0].profile.get(), twice.GetTasks()[1].profile.get());
    EXPECT_NE(a.profile.get(), b.profile.get());
}

TEST(SchedulingProblemFormat, QueueBoundIsReadAndChecked)
{
    const std::string servers = R"({"servers": [{"id": "e1", "compute_macs_per_s": 2e11,
        "uplink_bps": 1e8, "queue_bound_s": )";
    const std::string tasks = R"(}], "tasks": [{"id": "cam1", "model": "resnet18",
        "frame_rate": 10, "deadline_s": 0.1, "servers": ["e1"]}]})";
    const SchedulingProblem p =
        SchedulingProblemFormat::ParseJson(servers + "0.2" + tasks, "p.json");
    EXPECT_DOUBLE_EQ(p.GetServers()[0].queueBoundS, 0.2);
    EXPECT_EQ(ProblemError(servers + "-1" + tasks),
              "p.json: /servers/0/queue_bound_s: expected a number > 0, got -1");
    EXPECT_EQ(ProblemError(servers + "0" + tasks),
              "p.json: /servers/0/queue_bound_s: expected a number > 0, got 0");
}

TEST(SchedulingProblemFormat, ErrorsNameFilePathAndExpectation)
{
    EXPECT_EQ(ProblemError(WithTask(TASK)), "");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "model": "resnet19", "frame_rate": 10,
        "deadline_s": 0.1, "servers": ["e1"]})"))
                  .substr(0, 67),
              "p.json: /tasks/0/model: unknown model 'resnet19'; expected one of a");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "model": "resnet18", "frame_rate": 10,
        "deadline_s": 0.1, "servers": ["e1", "e3"]})")),
              "p.json: /tasks/0/servers/1: unknown server id 'e3'");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "model": "resnet18", "frame_rate": -10,
        "deadline_s": 0.1, "servers": ["e1"]})")),
              "p.json: /tasks/0/frame_rate: expected a number > 0, got -10");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "model": "resnet18", "frame_rate": 10,
        "deadline_s": 0, "servers": ["e1"]})")),
              "p.json: /tasks/0/deadline_s: expected a number > 0, got 0");
    EXPECT_EQ(ProblemError(WithTask(TASK + "," + TASK)),
              "p.json: /tasks/1/id: duplicate task id 'cam1' (also /tasks/0)");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "model": "resnet18", "frame_rate": 10,
        "deadline_s": 0.1, "servers": ["e1", "e1"]})")),
              "p.json: /tasks/0/servers/1: server id 'e1' listed twice");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "frame_rate": 10,
        "deadline_s": 0.1, "servers": ["e1"]})")),
              "p.json: /tasks/0: expected exactly one of 'model' (a zoo network) or 'profile' "
              "(a file)");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "model": "resnet18", "frame_rate": 10,
        "deadline": 0.1, "servers": ["e1"]})"))
                  .substr(0, 53),
              "p.json: /tasks/0: unknown field 'deadline' for a task");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "model": "resnet18", "frame_rate": 10,
        "deadline_s": 0.1, "servers": []})")),
              "p.json: /tasks/0/servers: expected at least one server id");
    EXPECT_EQ(ProblemError(R"({"servers": [{"id": "e1", "compute_macs_per_s": 1e9,
        "uplink_bps": 1e6, "usable_share": 1.5}], "tasks": []})"),
              "p.json: /servers/0/usable_share: expected a number in (0, 1], got 1.5");
    EXPECT_EQ(ProblemError(R"({"servers": [{"id": "e1", "compute_macs_per_s": 1e9,
        "uplink_bps": 1e6, "usable_share": 0}], "tasks": []})"),
              "p.json: /servers/0/usable_share: expected a number in (0, 1], got 0");
    EXPECT_EQ(ProblemError(R"({"servers": [{"id": "e1", "compute_macs_per_s": 1e9,
        "uplink_bps": 1e6}, {"id": "e1", "compute_macs_per_s": 1e9, "uplink_bps": 1e6}],
        "tasks": []})"),
              "p.json: /servers/1/id: duplicate server id 'e1'");
    EXPECT_EQ(ProblemError(R"({"servers": [{"id": "e1", "compute_macs_per_s": "fast",
        "uplink_bps": 1e6}], "tasks": []})"),
              "p.json: /servers/0/compute_macs_per_s: expected a number > 0, got \"fast\"");
    EXPECT_EQ(ProblemError(R"({"latency_model": "e2e", "servers": [], "tasks": []})"),
              "p.json: /latency_model: expected \"transfer\" or \"end-to-end\", got \"e2e\"");
    EXPECT_EQ(ProblemError(R"({"latency_model": "end-to-end", "servers": [], "tasks": []})"),
              "p.json: /: the end-to-end latency model needs 'cloud' with 'compute_macs_per_s'");
    EXPECT_EQ(ProblemError(R"({"servers": [], "tasks": []})"),
              "p.json: /servers: expected at least one server");
    EXPECT_EQ(ProblemError(WithTask(R"({"id": "cam1", "profile": "missing.json",
        "frame_rate": 10, "deadline_s": 0.1, "servers": ["e1"]})")),
              "p.json: /tasks/0/profile: cannot read the profile: missing.json: cannot open "
              "file for reading");
}

// Found by fuzzing (test/fuzz): transport sizes and workers beyond 32 bits were truncated
// silently, header sizes near 2^32 wrapped the sums in TransportPath::Validate around (UBSan:
// unsigned overflow) and a huge propagation delay overflowed ns-3's Time (UBSan: float-cast
// overflow). The reader bounds them by name.
TEST(SchedulingProblemFormat, TransportSizesAndWorkersAreBounded)
{
    const auto server = [](const std::string& fields, const std::string& transport) {
        return R"({"servers": [{"id": "e1", "compute_macs_per_s": 1e9, "uplink_bps": 1e6)" +
               fields + R"(, "transport": {"protocol": "tcp", )" + transport +
               R"(}}], "tasks": []})";
    };
    const std::string ok = R"("segment_bytes": 1448, "transport_header_bytes": 32,
        "network_header_bytes": 20, "link_header_bytes": 2, "mtu_bytes": 1500, "propagation_s": 0.005)";
    const SchedulingProblem problem =
        SchedulingProblemFormat::ParseJson(server(R"(, "workers": 4)", ok), "p.json");
    ASSERT_EQ(problem.GetServerCount(), 1u);
    const EdgeServer& s = problem.GetServers()[0];
    EXPECT_EQ(s.workers, 4u);
    EXPECT_EQ(s.uplink.protocol, TransportPath::TCP);
    EXPECT_EQ(s.uplink.segmentBytes, 1448u);
    EXPECT_EQ(s.uplink.transportHeaderBytes, 32u);
    EXPECT_EQ(s.uplink.networkHeaderBytes, 20u);
    EXPECT_EQ(s.uplink.linkHeaderBytes, 2u);
    EXPECT_EQ(s.uplink.mtuBytes, 1500u);
    EXPECT_EQ(s.uplink.propagation, MilliSeconds(5));

    const auto with = [&](const std::string& field, const std::string& value) {
        std::string transport = ok;
        const auto at = transport.find("\"" + field + "\": ") + field.size() + 4;
        transport.replace(at, transport.find_first_of(",}", at) - at, value);
        return ProblemError(server("", transport));
    };
    EXPECT_EQ(with("transport_header_bytes", "4294967295"),
              "p.json: /servers/0/transport/transport_header_bytes: expected an integer from 0 to "
              "65535 (an IPv4 datagram's limit), got 4294967295");
    EXPECT_EQ(with("segment_bytes", "4294967297"),
              "p.json: /servers/0/transport/segment_bytes: expected an integer from 1 to 65535 "
              "(an IPv4 datagram's limit), got 4294967297");
    EXPECT_EQ(with("mtu_bytes", "65536"),
              "p.json: /servers/0/transport/mtu_bytes: expected an integer from 1 to 65535 (an "
              "IPv4 datagram's limit), got 65536");
    EXPECT_EQ(with("propagation_s", "1e300"),
              "p.json: /servers/0/transport/propagation_s: expected a number of seconds from 0 to "
              "1e6, got 1e+300");
    EXPECT_EQ(ProblemError(server(R"(, "workers": 4294967297)", ok)),
              "p.json: /servers/0/workers: expected a positive integer up to 4294967295, got "
              "4294967297");
}

// A profile file, relative to the problem file's folder, instead of a zoo model.
TEST(SchedulingProblemFormat, ReadsProfileFilesRelativeToTheProblem)
{
    const std::string dir = testing::TempDir();
    SplitProfileFormat::WriteFile(SplitProfile::FromModel(CnnModelZoo::Create("alexnet")),
                                  dir + "/alexnet-profile.json");
    {
        std::ofstream out(dir + "/problem.json");
        out << WithTask(R"({"id": "cam1", "profile": "alexnet-profile.json", "frame_rate": 10,
            "deadline_s": 0.1, "servers": ["e1"]})");
    }
    const SchedulingProblem problem = SchedulingProblemFormat::ReadFile(dir + "/problem.json");
    EXPECT_EQ(problem.GetTasks()[0].model, "alexnet");
    EXPECT_EQ(problem.GetTasks()[0].profile->GetSplitPointCount(),
              SplitProfile::FromModel(CnnModelZoo::Create("alexnet")).GetSplitPointCount());
}

TEST(EdgeDnnScheduleTool, WritesAVerifiedAssignment)
{
    const std::string dir = testing::TempDir();
    {
        std::ofstream out(dir + "/tool-problem.json");
        out << WithTask(TASK + "," +
                        R"({"id": "cam2", "model": "vgg16", "input_bytes": 1000000,
                            "frame_rate": 30, "deadline_s": 0.05, "servers": ["e2"]})");
    }
    int status = 0;
    const std::string out =
        RunProgram("edge-dnn-schedule --problem=" + dir +
                       "/tool-problem.json --algorithm=ours --output=" + dir + "/tool-out.json",
                   status);
    ASSERT_EQ(status, 0) << out;
    EXPECT_NE(out.find("ours: "), std::string::npos) << out;
    std::ifstream in(dir + "/tool-out.json");
    std::stringstream text;
    text << in.rdbuf();
    const auto root = nlohmann::ordered_json::parse(text.str());
    EXPECT_EQ(root.at("algorithm").get<std::string>(), "ours");
    const auto& assignments = root.at("assignments");
    ASSERT_EQ(assignments.size(), 2u);
    const auto& first = assignments[0];
    EXPECT_EQ(first.at("task").get<std::string>(), "cam1");
    EXPECT_TRUE(first.at("server").is_string());
    EXPECT_TRUE(first.contains("split_index"));
    EXPECT_TRUE(first.contains("bandwidth_bps"));
    EXPECT_TRUE(first.contains("compute_macs_per_s"));
    EXPECT_TRUE(first.contains("predicted_latency_s"));
    // cam2 sends 8 Mbit raw at 30 fps (240 Mbit/s > 50 Mbit/s) or features: vgg16 at the edge
    // costs 30 x 15.5 GMAC = 465 GMAC/s > 1e11: it is admitted only at a split whose bytes and
    // MACs both fit e2, which the output must report consistently either way.
    EXPECT_EQ(root.at("servers").size(), 2u);
    EXPECT_EQ(root.at("admitted").get<int64_t>(),
              static_cast<int64_t>(!assignments[0].at("server").is_null()) +
                  static_cast<int64_t>(!assignments[1].at("server").is_null()));

    const std::string bad =
        RunProgram("edge-dnn-schedule --problem=" + dir + "/tool-problem.json --algorithm=best",
                   status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(bad.find("edge-dnn-schedule: unknown scheduling algorithm 'best'"), std::string::npos)
        << bad;
    const std::string lp =
        RunProgram("edge-dnn-schedule --problem=" + dir + "/tool-problem.json --algorithm=exact",
                   status);
    EXPECT_EQ(status, 0) << lp;
    EXPECT_NE(lp.find("\"status\": \"optimal\""), std::string::npos) << lp;
}

// Every task object carries the same documented keys in the same order, admitted or not (a
// parser broke on rejected tasks without "split_name"), and ordinary numbers have no exponent.
TEST(EdgeDnnScheduleTool, EveryTaskHasTheDocumentedKeys)
{
    const std::string dir = testing::TempDir();
    {
        std::ofstream out(dir + "/keys-problem.json");
        // cam2's bound (0.1 ms) is below any split's transfer (even 1000 float32 scores take 0.64
        // ms).
        out << WithTask(TASK + "," +
                        R"({"id": "cam2", "model": "vgg16", "frame_rate": 30, "deadline_s": 0.0001,
                            "servers": ["e2"]})");
    }
    int status = 0;
    const std::string log = RunProgram("edge-dnn-schedule --problem=" + dir +
                                           "/keys-problem.json --output=" + dir + "/keys-out.json",
                                       status);
    ASSERT_EQ(status, 0) << log;
    std::ifstream in(dir + "/keys-out.json");
    std::stringstream text;
    text << in.rdbuf();
    const auto root = nlohmann::ordered_json::parse(text.str());
    const std::vector<std::string> keys{"task",
                                        "server",
                                        "split_index",
                                        "split_name",
                                        "device_split_index",
                                        "bandwidth_bps",
                                        "compute_macs_per_s",
                                        "predicted_latency_s"};
    const auto& assignments = root.at("assignments");
    ASSERT_EQ(assignments.size(), 2u);
    for (const auto& a : assignments)
    {
        std::vector<std::string> got;
        for (auto it = a.begin(); it != a.end(); ++it)
        {
            got.push_back(it.key());
        }
        EXPECT_EQ(got, keys) << a.dump();
    }
    ASSERT_TRUE(assignments[0].at("server").is_string()) << text.str();
    EXPECT_TRUE(assignments[0].at("split_name").is_string());
    EXPECT_FALSE(assignments[0].at("split_name").get<std::string>().empty());
    const auto& rejected = assignments[1];
    ASSERT_TRUE(rejected.at("server").is_null()) << text.str();
    EXPECT_TRUE(rejected.at("split_index").is_null());
    EXPECT_TRUE(rejected.at("split_name").is_null());
    EXPECT_TRUE(rejected.at("device_split_index").is_null());
    EXPECT_EQ(assignments[0].at("device_split_index").get<int>(), 0); // no device compute given
    EXPECT_EQ(rejected.at("bandwidth_bps").get<double>(), 0.0);
    EXPECT_EQ(rejected.at("compute_macs_per_s").get<double>(), 0.0);
    EXPECT_TRUE(rejected.at("predicted_latency_s").is_null());
    // Capacities of 1e11 MAC/s and 1e8 bit/s, latencies of milliseconds: plain decimals.
    EXPECT_FALSE(std::regex_search(text.str(), std::regex("[0-9][eE][-+]?[0-9]"))) << text.str();
}
