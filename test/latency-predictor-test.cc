/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// LatencyPredictor: hand-calculated cases (one task alone, two tasks on one worker, a paced
// sender's pieces, two tasks sharing the uplink work-conserving) and a packet-level check that its
// per-task 99th percentile is within 5 % of the simulated one.

#include "ns3/config.h"
#include "ns3/edge-dnn-cost-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-latency-predictor.h"
#include "ns3/edge-scenario-helper.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/**
 * \brief A two-point profile: split 0 (input 400000 B, 4e9 cloud MACs) and split 1 (cut bytes,
 * 2e9 MACs at the edge, 2e9 in the cloud).
 * \param cutBytes bytes crossing split 1
 * \return the profile
 */
std::shared_ptr<const SplitProfile>
TwoPoints(uint64_t cutBytes)
{
    std::vector<SplitPoint> points(2);
    points[0].index = 0;
    points[0].name = "input";
    points[0].edgeMacs = 0;
    points[0].cloudMacs = 4000000000;
    points[0].bytes = 400000;
    points[1].index = 1;
    points[1].name = "layer1";
    points[1].edgeMacs = 2000000000;
    points[1].cloudMacs = 2000000000;
    points[1].bytes = cutBytes;
    return std::make_shared<const SplitProfile>("two", SplitCostUnit::MACS, points);
}

/**
 * \return a TCP path over point-to-point (MSS 1448 B, 32 B TCP with timestamps, 20 B IPv4, 2 B
 * PPP) with 10 ms of propagation
 */
TransportPath
TcpPath()
{
    TransportPath path;
    path.protocol = TransportPath::TCP;
    path.segmentBytes = 1448;
    path.transportHeaderBytes = 32;
    path.networkHeaderBytes = 20;
    path.linkHeaderBytes = 2;
    path.mtuBytes = 1500;
    path.propagation = MilliSeconds(10);
    return path;
}

/**
 * \brief One server (20 GMAC/s, one worker, uplink of uplinkBps all usable) in the end-to-end
 * model with a cloud of 1e12 MAC/s, and tasks of the two-point profile at 10 frames/s, each with
 * 2 ms of access and 1 ms of result.
 * \param tasks how many
 * \param uplinkBps b_i (bit/s)
 * \param cutBytes bytes crossing split 1
 * \return the problem
 */
SchedulingProblem
Problem(uint32_t tasks, double uplinkBps, uint64_t cutBytes = 5000)
{
    SchedulingProblem problem;
    problem.SetLatencyModel(LatencyModel::END_TO_END);
    problem.SetCloudCapacity(1e12);
    EdgeServer server{"e", 20e9, uplinkBps, 1.0};
    server.uplink = TcpPath();
    problem.AddServer(server);
    for (uint32_t j = 0; j < tasks; ++j)
    {
        SchedulingTask t;
        t.id = "t" + std::to_string(j);
        t.model = "two";
        t.profile = TwoPoints(cutBytes);
        t.frameRate = 10;
        t.deadlineS = 1;
        t.servers = {0};
        t.uplinkS = 0.002;
        t.resultS = 0.001;
        problem.AddTask(t);
    }
    return problem;
}

/**
 * \brief Place a task on server 0 at a split point with an allocation.
 * \param problem the problem
 * \param a the assignment
 * \param task the task
 * \param split the split index
 * \param allocatedBps its allocation (bit/s)
 */
void
Place(const SchedulingProblem& problem,
      Assignment& a,
      uint32_t task,
      uint32_t split,
      double allocatedBps)
{
    TaskDemand d =
        problem.ComputeDemand(task, 0, *problem.GetTasks()[task].profile->FindSplitPoint(split));
    d.bandwidthBps = allocatedBps;
    a.Place(task, 0, split, d);
}

/**
 * \param bytes message bytes written at once on TcpPath()
 * \return their bits on the wire
 */
double
WireBits(uint64_t bytes)
{
    return 8.0 * static_cast<double>(CostModel::WireBytesOfWrite(TcpPath(), bytes));
}

} // namespace

// One task alone, its whole uplink at the link's rate (so the paced sender's last piece leaves
// at the fluid's pace): latency = access + compute + transfer + propagation + cloud + result.
TEST(LatencyPredictor, OneTaskAloneAddsItsStages)
{
    const double b = 10e6;
    const SchedulingProblem problem = Problem(1, b);
    Assignment a("hand", 1);
    Place(problem, a, 0, 1, b);
    LatencyPredictor predictor(problem, a);
    predictor.SetFrameTimes(0, 0.0, 0.1);
    predictor.SetWindow(0, 1);
    predictor.Predict();
    const double compute = 2e9 / 20e9;
    const double transfer = WireBits(CostModel::MessageBytes(5000)) / b;
    const double cloud = 2e9 / 1e12;
    const double expected = 0.002 + compute + transfer + 0.010 + cloud + 0.001;
    const LatencyPrediction& p = predictor.GetPrediction(0);
    EXPECT_EQ(p.frames, 10u);
    EXPECT_NEAR(p.p99S, expected, 1e-9);
    EXPECT_NEAR(p.maxS, expected, 1e-9);
    EXPECT_NEAR(p.transferP99S, transfer + 0.010, 1e-9);
    const PredictedFrame& f = predictor.GetFrames(0).at(3);
    EXPECT_NEAR(f.createdS, 0.3, 1e-12);
    EXPECT_NEAR(f.edgeArrivalS, 0.302, 1e-12);
    EXPECT_NEAR(f.edgeStartS, 0.302, 1e-12);
    EXPECT_NEAR(f.edgeDoneS, 0.302 + compute, 1e-12);
}

// Two tasks on one worker (100 ms of compute a frame), 2 frames/s each, the second's frames 30 ms
// after the first's: each waits exactly the first's remaining 70 ms of compute; the first never
// waits.
TEST(LatencyPredictor, TheSecondTaskWaitsTheFirstsRemainingCompute)
{
    const double b = 100e6;
    const SchedulingProblem problem = Problem(2, b);
    Assignment a("hand", 2);
    Place(problem, a, 0, 1, b / 2);
    Place(problem, a, 1, 1, b / 2);
    LatencyPredictor predictor(problem, a);
    predictor.SetFrameTimes(0, 0.0, 0.5);
    predictor.SetFrameTimes(1, 0.03, 0.5);
    predictor.SetWindow(0, 5);
    predictor.Predict();
    const double compute = 0.1;
    for (std::size_t n = 0; n < 10; ++n)
    {
        const PredictedFrame& first = predictor.GetFrames(0).at(n);
        const PredictedFrame& second = predictor.GetFrames(1).at(n);
        EXPECT_NEAR(first.edgeStartS, first.edgeArrivalS, 1e-12) << n;
        EXPECT_NEAR(second.edgeStartS - second.edgeArrivalS, compute - 0.03, 1e-12) << n;
        EXPECT_NEAR(second.edgeStartS, first.edgeDoneS, 1e-12) << n;
        EXPECT_NEAR(second.edgeDoneS - second.edgeStartS, compute, 1e-12) << n;
    }
    EXPECT_NEAR(predictor.GetPrediction(1).p99S - predictor.GetPrediction(0).p99S,
                compute - 0.03,
                1e-6)
        << "the uplink carries their features at the same pace, apart";
}

// Two frames at the edge at the same nanosecond: the simulator's order follows the access links'
// ACK clocking, which the model does not, so each is predicted as the one that waits.
TEST(LatencyPredictor, FramesArrivingTogetherEachWaitForTheOther)
{
    const SchedulingProblem problem = Problem(2, 100e6);
    Assignment a("hand", 2);
    Place(problem, a, 0, 1, 50e6);
    Place(problem, a, 1, 1, 50e6);
    LatencyPredictor predictor(problem, a);
    predictor.SetFrameTimes(0, 0.0, 0.5);
    predictor.SetFrameTimes(1, 0.0, 0.5);
    predictor.SetWindow(0, 2);
    predictor.Predict();
    for (uint32_t j = 0; j < 2; ++j)
    {
        const PredictedFrame& f = predictor.GetFrames(j).at(1);
        EXPECT_NEAR(f.edgeStartS - f.edgeArrivalS, 0.1, 1e-12) << "task " << j;
    }
}

// A paced sender writes a piece (whole segments, about a millisecond of its rate, at least one)
// and waits for it to pass at its rate; the link carries each piece at its own rate. At 1 Mbit/s
// a piece is one 1448 B segment: a message of one piece crosses at the link's 10 Mbit/s, a longer
// one at 1 Mbit/s but for its last piece.
TEST(LatencyPredictor, APacedSendersLastPieceCrossesAtTheLinksRate)
{
    const double b = 10e6;
    for (const uint64_t cut : {1000, 5000})
    {
        const SchedulingProblem problem = Problem(1, b, cut);
        Assignment a("hand", 1);
        Place(problem, a, 0, 1, 1e6);
        LatencyPredictor predictor(problem, a);
        predictor.SetUplinkSharing(ALLOCATION);
        predictor.SetFrameTimes(0, 0.0, 0.1);
        predictor.SetWindow(0, 1);
        predictor.Predict();
        const uint64_t message = CostModel::MessageBytes(cut);
        const uint64_t pieces = (message + 1447) / 1448;
        const uint64_t last = message - (pieces - 1) * 1448;
        const double expected =
            WireBits(1448) * static_cast<double>(pieces - 1) / 1e6 + WireBits(last) / b + 0.010;
        const PredictedFrame& f = predictor.GetFrames(0).at(2);
        EXPECT_NEAR(f.uplinkDoneS - f.edgeDoneS, expected, 1e-9) << cut << " B";
        EXPECT_NEAR(predictor.GetPrediction(0).transferP99S, expected, 1e-9) << cut << " B";
    }
}

// Two tasks' features ready together (split 0: forwarded without compute), allocations 20 and 60
// Mbit/s of a 100 Mbit/s uplink: while both send, 25 and 75 Mbit/s; the second, done first, leaves
// the whole link to the first. The senders pace pieces of about a millisecond, so each finishes
// within a piece's time of the fluid's.
TEST(LatencyPredictor, TwoTasksShareTheUplinkWorkConserving)
{
    const double b = 100e6;
    SchedulingProblem problem = Problem(2, b);
    Assignment a("hand", 2);
    Place(problem, a, 0, 0, 20e6);
    Place(problem, a, 1, 0, 60e6);
    LatencyPredictor predictor(problem, a);
    predictor.SetUplinkSharing(WORK_CONSERVING);
    predictor.SetFrameTimes(0, 0.0, 1);
    predictor.SetFrameTimes(1, 0.0, 1);
    predictor.SetWindow(0, 0.5);
    predictor.Predict();
    const double bits = WireBits(CostModel::MessageBytes(400000));
    const double ready = 0.002;
    const double secondDone = bits / 75e6; // the second finishes first
    ASSERT_LT(secondDone, bits / 25e6);
    const double firstDone = secondDone + (bits - 25e6 * secondDone) / b;
    const double piece = 1e-3;
    const PredictedFrame& first = predictor.GetFrames(0).at(0);
    const PredictedFrame& second = predictor.GetFrames(1).at(0);
    EXPECT_NEAR(second.uplinkDoneS, ready + secondDone + 0.010, piece);
    EXPECT_NEAR(first.uplinkDoneS, ready + firstDone + 0.010, piece);
    const double cloud = 4e9 / 1e12;
    EXPECT_NEAR(first.resultS - first.uplinkDoneS, cloud + 0.001, 1e-12);

    // At the allocations alone (a cap) each takes its own time, and the link idles.
    predictor.SetUplinkSharing(ALLOCATION);
    predictor.Predict();
    EXPECT_NEAR(predictor.GetFrames(0).at(0).uplinkDoneS, ready + bits / 20e6 + 0.010, piece);
    EXPECT_NEAR(predictor.GetFrames(1).at(0).uplinkDoneS, ready + bits / 60e6 + 0.010, piece);
}

TEST(LatencyPredictor, RefusesBadSettings)
{
    const SchedulingProblem problem = Problem(1, 10e6);
    Assignment a("hand", 1);
    LatencyPredictor predictor(problem, a);
    EXPECT_THROW(predictor.SetWindow(1, 1), EdgeDnnError);
    EXPECT_THROW(predictor.SetFrameTimes(0, 0, 0), EdgeDnnError);
    EXPECT_THROW(predictor.SetFrameTimes(1, 0, 1), EdgeDnnError);
    EXPECT_THROW(predictor.SetPacingHeadroom(0.5), EdgeDnnError);
    predictor.Predict();
    EXPECT_EQ(predictor.GetPrediction(0).frames, 0u) << "a rejected task has no frames";
    Assignment wrong("hand", 2);
    EXPECT_THROW(LatencyPredictor(problem, wrong), EdgeDnnError);
}

// At packet level: a small scenario (2 edges, 16 cameras, TCP, work-conserving paced uplinks),
// each admitted task's predicted 99th percentile end to end within 5 % of the simulated one.
TEST(LatencyPredictor, PredictsThePacketLevelTailWithinFivePercent)
{
    EdgeScenarioSettings s;
    s.servers = 2;
    s.tasks = 16;
    s.capacityMacsPerS = 40e9;
    s.uplinkBps = 10e6;
    EdgeScenarioHelper scenario(s);
    scenario.Install(Seconds(5));
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(scenario.GetEndTime());
    Simulator::Run();
    const Assignment& a = scenario.GetScheduler().GetAssignment();
    LatencyPredictor predictor(scenario.GetScheduler().GetProblem(), a);
    for (uint32_t j = 0; j < s.tasks; ++j)
    {
        predictor.SetFrameTimes(j,
                                scenario.GetFirstFrameTime(j).GetSeconds(),
                                scenario.GetFrameInterval(j).GetSeconds());
    }
    predictor.SetWindow(scenario.GetWarmUpEnd().GetSeconds(),
                        scenario.GetGenerationEnd().GetSeconds());
    predictor.Predict();
    std::map<uint32_t, std::vector<double>> latencies;
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        if (entry.created >= scenario.GetWarmUpEnd() &&
            entry.created < scenario.GetGenerationEnd() && entry.result)
        {
            latencies[key.first].push_back(entry.result->endToEnd.GetSeconds());
            // The frame times the predictor takes are the cameras', and the edge's FIFO queue is
            // deterministic.
            const PredictedFrame& f = predictor.GetFrames(key.first).at(key.second);
            EXPECT_NEAR(f.createdS, entry.created.GetSeconds(), 1e-6);
            EXPECT_NEAR(f.edgeDoneS, entry.result->edgeDone.GetSeconds(), 1e-6);
        }
    }
    uint32_t compared = 0;
    for (uint32_t j = 0; j < s.tasks; ++j)
    {
        if (!a.GetPlacements()[j].admitted)
        {
            EXPECT_EQ(predictor.GetPrediction(j).frames, 0u);
            continue;
        }
        std::vector<double>& l = latencies[j];
        ASSERT_FALSE(l.empty()) << "task " << j;
        std::sort(l.begin(), l.end());
        const double measured =
            l[std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(0.99 * l.size()))) - 1];
        const LatencyPrediction& p = predictor.GetPrediction(j);
        EXPECT_EQ(p.frames, l.size()) << "task " << j;
        EXPECT_NEAR(measured, p.p99S, 0.05 * p.p99S) << "task " << j;
        ++compared;
    }
    EXPECT_GT(compared, 0u);
    ledger.Disconnect();
    Simulator::Destroy();
    Config::Reset();
}
