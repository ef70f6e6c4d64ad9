/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// SchedulerHelper: scheduling installed applications offline and online, and configuring them with
// the result.

#include "edge-dnn-test-util.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-assignment-verifier.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-scenario-helper.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/names.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <gtest/gtest.h>
#include <map>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

/// Two edge servers, three squeezenet1.1 cameras each. Each server's compute (2 GMAC/s) holds one
/// camera's whole network at 5 frames/s (1.75 GMAC/s), and its 1 Mbit/s uplink only cuts where at
/// most 25 KB cross (bandwidth = bytes x 8 x max(1/Q, f) = bytes x 40 bit/s): near the end, where
/// nearly all MACs are at the edge. So exactly one camera per server fits, whatever the algorithm.
class SchedulerHelperTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        EdgeTopologyHelper topologyHelper;
        topologyHelper.SetSize(2, 3);
        topologyHelper.SetUplink(DataRate("1Mbps"), MilliSeconds(10));
        topology = topologyHelper.Install();
        CloudServerHelper().Install(topology.cloud);
        EdgeServerHelper edgeHelper;
        edgeHelper.SetAttribute("WorkerCapacity", DoubleValue(2e9));
        ApplicationContainer edgeApps = edgeHelper.Install(topology.edges);
        for (uint32_t i = 0; i < 2; ++i)
        {
            edges.push_back(DynamicCast<EdgeServerApplication>(edgeApps.Get(i)));
            IotDeviceHelper cameras(InetSocketAddress(topology.edgeAccessAddresses[i], 9000));
            cameras.SetAttribute("TaskId", UintegerValue(3 * i));
            cameras.SetAttribute("Model", StringValue("squeezenet1.1"));
            cameras.SetAttribute("FrameRate", DoubleValue(5));
            cameras.SetAttribute("Deadline", TimeValue(MilliSeconds(200)));
            cameras.SetAttribute("LatencyModel", StringValue("transfer"));
            ApplicationContainer apps = cameras.Install(topology.devices[i]);
            for (uint32_t j = 0; j < 3; ++j)
            {
                devices.push_back(DynamicCast<IotDeviceApplication>(apps.Get(j)));
            }
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            scheduler.AddEdgeServer(edges[i],
                                    topology.uplinks[i].Get(0),
                                    InetSocketAddress(topology.edgeAccessAddresses[i], 9000),
                                    InetSocketAddress(topology.cloudAddresses[i], 9100));
        }
        for (auto& d : devices)
        {
            scheduler.AddDevice(d);
        }
    }

    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }

    EdgeTopology topology;                          //!< nodes and addresses
    std::vector<Ptr<EdgeServerApplication>> edges;  //!< edge servers
    std::vector<Ptr<IotDeviceApplication>> devices; //!< cameras, task ids 0..5
    SchedulerHelper scheduler;                      //!< under test
};

/// Counts frames created per task.
struct Created
{
    /**
     * \brief FrameCreated.
     * \param task task id
     * \param frame frame
     * \param bytes size
     */
    void Add(uint32_t task, uint32_t /* frame */, uint32_t /* bytes */)
    {
        ++frames[task];
    }

    std::map<uint32_t, uint32_t> frames; //!< frames per task
};

} // namespace

TEST_F(SchedulerHelperTest, OfflineScheduleConfiguresAdmittedAndSilencesRejected)
{
    const Assignment& a = scheduler.Schedule();
    EXPECT_EQ(a.GetAdmittedCount(), 2u);
    EXPECT_TRUE(AssignmentVerifier::Check(scheduler.GetProblem(), a).empty());
    // The problem was read off the applications: capacities and uplink rates.
    EXPECT_EQ(scheduler.GetProblem().GetServers()[0].computeMacsPerS, 2e9);
    EXPECT_EQ(scheduler.GetProblem().GetServers()[1].uplinkBps, 1e6);

    FrameLedger ledger;
    ledger.Connect();
    Created created;
    Config::ConnectWithoutContext(
        "/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication/FrameCreated",
        MakeCallback(&Created::Add, &created));
    for (auto& d : devices)
    {
        d->SetStartTime(Seconds(0.5));
        d->SetStopTime(Seconds(3));
    }
    Simulator::Stop(Seconds(4));
    Simulator::Run();

    uint32_t admitted = 0;
    for (const auto& d : devices)
    {
        const TaskPlacement& p = scheduler.GetPlacement(d->GetTaskId());
        if (!p.admitted)
        {
            EXPECT_FALSE(d->IsAdmitted());
            EXPECT_EQ(created.frames.count(d->GetTaskId()), 0u)
                << "a rejected device sends nothing";
            continue;
        }
        ++admitted;
        EXPECT_EQ(d->GetSplitIndex(), p.splitIndex);
        EXPECT_TRUE(edges[p.server]->HasTask(d->GetTaskId()));
        EXPECT_GE(created.frames[d->GetTaskId()], 12u);
    }
    EXPECT_EQ(admitted, 2u);
    // Admitted tasks were sized to meet the paper's bound: their frames complete (all but those
    // whose result was still on its way when the devices stopped at 3 s).
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        if (entry.created < Seconds(2.5))
        {
            EXPECT_TRUE(entry.result.has_value())
                << "task " << key.first << " frame " << key.second;
        }
        if (entry.result)
        {
            // The edge ran the split the scheduler chose.
            EXPECT_EQ(entry.result->splitIndex, scheduler.GetPlacement(key.first).splitIndex);
        }
    }
    ledger.Disconnect();
}

TEST_F(SchedulerHelperTest, OnlineAdmitsInArrivalOrder)
{
    // On each server the second-registered camera arrives first: it gets the room, the others are
    // rejected.
    const double starts[] = {1.0, 0.5, 1.5};
    for (uint32_t k = 0; k < devices.size(); ++k)
    {
        devices[k]->SetStartTime(Seconds(starts[k % 3]));
        devices[k]->SetStopTime(Seconds(3));
    }
    scheduler.SetScheduler("paper-online");
    scheduler.ScheduleOnline();
    EXPECT_EQ(scheduler.GetAssignment().GetAlgorithm(), "paper-online");
    Created created;
    Config::ConnectWithoutContext(
        "/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication/FrameCreated",
        MakeCallback(&Created::Add, &created));
    Simulator::Stop(Seconds(3.5));
    Simulator::Run();
    for (uint32_t k = 0; k < devices.size(); ++k)
    {
        const bool first = k % 3 == 1;
        EXPECT_EQ(scheduler.GetPlacement(devices[k]->GetTaskId()).admitted, first) << "task " << k;
        EXPECT_EQ(devices[k]->IsAdmitted(), first);
        EXPECT_EQ(created.frames[devices[k]->GetTaskId()] > 0, first);
    }
    EXPECT_EQ(scheduler.GetAssignment().GetAdmittedCount(), 2u);
    EXPECT_TRUE(
        AssignmentVerifier::Check(scheduler.GetProblem(), scheduler.GetAssignment()).empty());
}

TEST_F(SchedulerHelperTest, PacingHeadroomKeepsPacedTransfersWithinTheBound)
{
    // Paced at exactly b_ij = s / Q_j, a transfer takes Q_j plus TCP/IP overhead and propagation;
    // 10 % headroom covers both.
    scheduler.SetUsableShare(0.9);
    scheduler.SetPacingHeadroom(1.1);
    scheduler.Schedule();
    for (auto& d : devices)
    {
        d->SetStartTime(Seconds(0.5));
        d->SetStopTime(Seconds(3));
    }
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    uint32_t results = 0;
    uint32_t met = 0;
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        if (entry.result)
        {
            ++results;
            met += entry.result->metTransferDeadline ? 1 : 0;
            EXPECT_LE(entry.result->edgeToCloud.GetSeconds(),
                      scheduler.GetPlacement(key.first).latencyS * 1.0 + 0.02)
                << "measured transfer within the predicted one plus propagation and slack";
        }
    }
    EXPECT_GE(results, 20u);
    EXPECT_EQ(met, results);
    ledger.Disconnect();
}

TEST_F(SchedulerHelperTest, BadInputIsNamed)
{
    try
    {
        scheduler.SetUsableShare(1.5);
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_STREQ(e.what(), "SchedulerHelper: usable share V must be in (0, 1], got 1.5");
    }
    try
    {
        scheduler.SetPacingHeadroom(0.9);
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_STREQ(e.what(), "SchedulerHelper: pacing headroom must be a factor >= 1, got 0.9");
    }
    EXPECT_EQ(ErrorOf([this] { scheduler.SetQueueBound(Seconds(0)); }),
              "SchedulerHelper: the queue bound D_i must be > 0 s, got 0 s");
    EXPECT_EQ(ErrorOf([this] {
                  scheduler.SetDeviceTimes(devices[1], MilliSeconds(-1), MilliSeconds(1));
              }),
              "SchedulerHelper::SetDeviceTimes: task 1: times must be >= 0 s");
    EXPECT_EQ(ErrorOf([this] { scheduler.SetCloudCapacity(-1); }),
              "SchedulerHelper: cloud capacity must be a finite number >= 0 MAC/s, got -1");
    SchedulerHelper other;
    EXPECT_EQ(ErrorOf([&other, this] {
                  other.SetDeviceTimes(devices[0], MilliSeconds(1), MilliSeconds(1));
              }),
              "SchedulerHelper::SetDeviceTimes: task 0 was not added with AddDevice");
    try
    {
        other.AddDevice(devices[0]);
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_STREQ(
            e.what(),
            "SchedulerHelper::AddDevice: task 0: its Remote matches no registered edge "
            "server's access address; register the server first or list the servers it may "
            "use");
    }
    const std::string path = ::testing::TempDir() + "edge-dnn-problem.json";
    std::ofstream(path) << R"({"latency_model": "transfer",
        "servers": [{"id": "edge-a", "compute_macs_per_s": 2e9, "uplink_bps": 1e6, "usable_share": 1},
                    {"id": "1", "compute_macs_per_s": 2e9, "uplink_bps": 1e6, "usable_share": 1}],
        "tasks": []})";
    try
    {
        scheduler.ReadProblem(path);
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  path +
                      ": 2 servers and 0 tasks, but 2 edge servers and 6 devices are registered");
    }
}

// The problem's latency model is the devices': one that differs from SetLatencyModel's, or from
// the other devices', is named rather than scheduled under another model.
TEST_F(SchedulerHelperTest, LatencyModelComesFromTheDevices)
{
    scheduler.SetLatencyModel(LatencyModel::END_TO_END);
    EXPECT_EQ(ErrorOf([this] { scheduler.BuildProblem(); }),
              "SchedulerHelper: task 0 has LatencyModel transfer, but SetLatencyModel expects "
              "end-to-end; one problem has one latency model");
    SchedulerHelper mixed;
    for (uint32_t i = 0; i < 2; ++i)
    {
        mixed.AddEdgeServer(edges[i],
                            topology.uplinks[i].Get(0),
                            InetSocketAddress(topology.edgeAccessAddresses[i], 9000),
                            InetSocketAddress(topology.cloudAddresses[i], 9100));
    }
    devices[4]->SetAttribute("LatencyModel", StringValue("end-to-end"));
    for (auto& d : devices)
    {
        mixed.AddDevice(d);
    }
    EXPECT_EQ(ErrorOf([&mixed] { mixed.BuildProblem(); }),
              "SchedulerHelper: task 4 has LatencyModel end-to-end, but other tasks have "
              "transfer; one problem has one latency model");
}

// ScheduleOnline uses whatever algorithm is configured, if it can decide online: here the
// test-only first-fit algorithm of scheduler-registry-test.cc limited to one task, under its
// short name "test-first-one". The first camera to arrive (task 1, at 0.5 s) is the only one.
TEST_F(SchedulerHelperTest, OnlineUsesTheConfiguredAlgorithm)
{
    const double starts[] = {1.0, 0.5, 1.5};
    for (uint32_t k = 0; k < devices.size(); ++k)
    {
        devices[k]->SetStartTime(Seconds(starts[k % 3] + 0.1 * (k / 3)));
        devices[k]->SetStopTime(Seconds(3));
    }
    scheduler.SetScheduler("test-first-one");
    scheduler.ScheduleOnline();
    EXPECT_EQ(scheduler.GetAssignment().GetAlgorithm(), "test-first-one");
    Simulator::Stop(Seconds(3.5));
    Simulator::Run();
    for (uint32_t k = 0; k < devices.size(); ++k)
    {
        EXPECT_EQ(devices[k]->IsAdmitted(), k == 1) << "task " << k;
    }
    EXPECT_EQ(scheduler.GetAssignment().GetAdmittedCount(), 1u);
    EXPECT_TRUE(
        AssignmentVerifier::Check(scheduler.GetProblem(), scheduler.GetAssignment()).empty());
}

namespace
{

/**
 * \brief A small evaluation scenario (2 servers, 16 tasks, tight compute) run at packet level.
 * \param model the latency model the tasks are admitted under
 * \param delivered set to the admitted tasks with >= 99 % of their counted frames within Q_j end
 * to end (from the warm-up to the end of generation; frames not settled count as misses)
 * \return the admitted tasks
 */
uint32_t
RunSmallScenario(LatencyModel model, uint32_t& delivered)
{
    EdgeScenarioSettings s;
    s.servers = 2;
    s.tasks = 16;
    s.capacityMacsPerS = 40e9;
    s.uplinkBps = 10e6;
    s.latencyModel = model;
    EdgeScenarioHelper scenario(s);
    FrameLedger ledger;
    scenario.Install(Seconds(5));
    ledger.Connect();
    Simulator::Stop(scenario.GetEndTime());
    Simulator::Run();
    const Assignment& a = scenario.GetScheduler().GetAssignment();
    std::map<uint32_t, std::pair<uint64_t, uint64_t>> counts; // task: within end to end, frames
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        if (entry.created < scenario.GetWarmUpEnd() || entry.created >= scenario.GetGenerationEnd())
        {
            continue;
        }
        auto& [within, frames] = counts[key.first];
        ++frames;
        within += entry.result && entry.result->metEndToEndDeadline ? 1 : 0;
    }
    delivered = 0;
    for (uint32_t j = 0; j < a.GetPlacements().size(); ++j)
    {
        const auto& [within, frames] = counts[j];
        const bool admitted = a.GetPlacements()[j].admitted;
        EXPECT_EQ(frames > 0, admitted) << "task " << j;
        delivered += admitted && frames > 0 && 100 * within >= 99 * frames ? 1 : 0;
    }
    ledger.Disconnect();
    Simulator::Destroy();
    Config::Reset();
    return a.GetAdmittedCount();
}

} // namespace

// Queueing outside the model: admitted under the transfer model, tasks whose edge is busy miss
// Q_j end to end though their transfers meet it; admitted under the end-to-end model (with the
// edge queue bound D_i and the device's access and result times), every admitted task delivers.
TEST(SchedulerHelperEndToEnd, AdmittedUnderTheEndToEndModelMeansDelivered)
{
    uint32_t delivered = 0;
    const uint32_t transferAdmitted = RunSmallScenario(LatencyModel::TRANSFER, delivered);
    EXPECT_LT(delivered, transferAdmitted);
    const uint32_t admitted = RunSmallScenario(LatencyModel::END_TO_END, delivered);
    EXPECT_GT(admitted, 0u);
    EXPECT_EQ(delivered, admitted);
}

// One problem: the analytic one EdgeScenarioHelper::MakeProblem writes and the one SchedulerHelper
// reads off the installed applications and devices (paths, access and result times, cloud and
// queue bound) give every choice the same demand.
TEST(SchedulerHelperEndToEnd, ScenarioProblemEqualsTheInstalledOne)
{
    EdgeScenarioSettings s;
    s.servers = 2;
    s.tasks = 8;
    EdgeScenarioHelper scenario(s);
    scenario.Install(Seconds(3));
    const SchedulingProblem& installed = scenario.GetScheduler().GetProblem();
    const SchedulingProblem analytic =
        EdgeScenarioHelper::MakeProblem(s, EdgeScenarioHelper::DrawTasks(s));
    ASSERT_EQ(installed.GetLatencyModel(), LatencyModel::END_TO_END);
    ASSERT_EQ(installed.GetTaskCount(), analytic.GetTaskCount());
    EXPECT_DOUBLE_EQ(installed.GetCloudCapacity(), analytic.GetCloudCapacity());
    for (uint32_t j = 0; j < installed.GetTaskCount(); ++j)
    {
        const SchedulingTask& t = installed.GetTasks()[j];
        EXPECT_NEAR(t.uplinkS, analytic.GetTasks()[j].uplinkS, 1e-12) << "task " << j;
        EXPECT_NEAR(t.resultS, analytic.GetTasks()[j].resultS, 1e-12) << "task " << j;
        EXPECT_GT(t.uplinkS, 0.012); // 150,528 B and headers at 100 Mbit/s
        for (const SplitPoint& p : t.profile->GetSplitPoints())
        {
            const TaskDemand a = installed.ComputeDemand(j, t.servers[0], p);
            const TaskDemand b = analytic.ComputeDemand(j, t.servers[0], p);
            EXPECT_EQ(a.feasible, b.feasible) << "task " << j << " split " << p.index;
            EXPECT_NEAR(a.latencyS, b.latencyS, 1e-9) << "task " << j << " split " << p.index;
            if (a.feasible)
            {
                EXPECT_NEAR(a.bandwidthBps, b.bandwidthBps, 1e-6 * b.bandwidthBps);
                EXPECT_NEAR(a.computeMacsPerS, b.computeMacsPerS, 1e-6 * b.computeMacsPerS);
            }
        }
    }
    Simulator::Destroy();
    Config::Reset();
}
