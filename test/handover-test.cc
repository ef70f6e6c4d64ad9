/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Cameras that move between gateways: a task decided again on the edge of the access point its
// device associated with (TaskScheduler::DecideHandover, SchedulerHelper::EnableHandover).

#include "edge-dnn-test-fixture.h"
#include "edge-dnn-test-util.h"
#include "scheduler-test-util.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/constant-velocity-mobility-model.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-cost-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-handover.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-split-profile.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/edge-dnn-sqlite-statement.h"
#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/mobility-helper.h"
#include "ns3/node-container.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace
{

/// Bandwidth and compute the tasks other than one put on each server.
struct OtherLoads
{
    std::vector<double> bandwidth; //!< bit/s per server
    std::vector<double> compute;   //!< MAC/s per server
};

OtherLoads
LoadsWithout(const SchedulingProblem& problem, const Assignment& assignment, uint32_t task)
{
    OtherLoads loads{std::vector<double>(problem.GetServerCount(), 0.0),
                     std::vector<double>(problem.GetServerCount(), 0.0)};
    for (uint32_t j = 0; j < assignment.GetPlacements().size(); ++j)
    {
        const TaskPlacement& p = assignment.GetPlacements()[j];
        if (j != task && p.admitted)
        {
            loads.bandwidth[p.server] += p.bandwidthBps;
            loads.compute[p.server] += p.computeMacsPerS;
        }
    }
    return loads;
}

// For random instances scheduled by every heuristic, one task moved to each server in turn: the
// decision is on that server, its figures are the cost model's for the chosen split, it fits
// beside the others, and it is the option of least relative use among those that fit (found
// here by enumerating every split point with SchedulingProblem::ComputeDemand); rejected only
// if no split point fits.
TEST(Handover, DecidesTheTaskOnItsNewServerWithTheLeastUseThatFits)
{
    uint32_t admitted = 0;
    uint32_t rejected = 0;
    for (uint64_t seed = 1; seed <= 40; ++seed)
    {
        SchedulingProblem problem = testutil::RandomInstance(seed, 8, 12, seed % 2 == 0);
        for (const std::string& name : {std::string("ours"), std::string("paper-offline")})
        {
            const Assignment current = testutil::Solve(problem, name);
            const uint32_t task = static_cast<uint32_t>(seed % problem.GetTaskCount());
            const OtherLoads others = LoadsWithout(problem, current, task);
            for (uint32_t server = 0; server < problem.GetServerCount(); ++server)
            {
                SchedulingProblem moved = problem;
                moved.SetTaskServers(task, {server});
                const TaskPlacement p =
                    TaskSchedulerFactory(name).Create()->DecideHandover(moved, current, task);
                const EdgeServer& s = moved.GetServers()[server];
                const double bandwidthCapacity = moved.GetBandwidthCapacity(server);
                double bestUse = std::numeric_limits<double>::infinity();
                for (const SplitPoint& point : moved.GetTasks()[task].profile->GetSplitPoints())
                {
                    const TaskDemand d = moved.ComputeDemand(task, server, point);
                    if (d.feasible &&
                        others.bandwidth[server] + d.bandwidthBps <= bandwidthCapacity &&
                        others.compute[server] + d.computeMacsPerS <= s.computeMacsPerS)
                    {
                        bestUse = std::min(bestUse,
                                           d.bandwidthBps / bandwidthCapacity +
                                               d.computeMacsPerS / s.computeMacsPerS);
                    }
                }
                if (!p.admitted)
                {
                    ++rejected;
                    EXPECT_TRUE(std::isinf(bestUse))
                        << "seed " << seed << " " << name << ": rejected though a split point fits";
                    continue;
                }
                ++admitted;
                ASSERT_EQ(p.server, server) << "seed " << seed;
                EXPECT_EQ(p.deviceSplitIndex, 0U);
                const SplitPoint* point =
                    moved.GetTasks()[task].profile->FindSplitPoint(p.splitIndex);
                ASSERT_NE(point, nullptr);
                const TaskDemand d = moved.ComputeDemand(task, server, *point);
                EXPECT_TRUE(d.feasible);
                EXPECT_DOUBLE_EQ(p.bandwidthBps, d.bandwidthBps);
                EXPECT_DOUBLE_EQ(p.computeMacsPerS, d.computeMacsPerS);
                EXPECT_DOUBLE_EQ(p.latencyS, d.latencyS);
                EXPECT_LE(others.bandwidth[server] + p.bandwidthBps, bandwidthCapacity);
                EXPECT_LE(others.compute[server] + p.computeMacsPerS, s.computeMacsPerS);
                EXPECT_DOUBLE_EQ(p.bandwidthBps / bandwidthCapacity +
                                     p.computeMacsPerS / s.computeMacsPerS,
                                 bestUse)
                    << "seed " << seed << " " << name << ": not the least use that fits";
            }
        }
    }
    // Both outcomes occur, so both branches were checked.
    EXPECT_GT(admitted, 20U);
    EXPECT_GT(rejected, 5U);
}

TEST(Handover, RejectsBadTaskIndicesAndMismatchedAssignments)
{
    SchedulingProblem problem = testutil::RandomInstance(3, 4, 6);
    const Assignment current = testutil::Solve(problem, "ours");
    Ptr<TaskScheduler> scheduler = TaskSchedulerFactory("ours").Create();
    const std::string tasks = std::to_string(problem.GetTaskCount());
    const std::string task0 = "task '" + problem.GetTasks()[0].id + "': ";
    EXPECT_THROW(scheduler->DecideHandover(problem, current, problem.GetTaskCount()), EdgeDnnError);
    EXPECT_EQ(testutil::ErrorOf(
                  [&] { scheduler->DecideHandover(problem, current, problem.GetTaskCount()); }),
              "scheduling algorithm 'ours': DecideHandover: no task " + tasks + " (" + tasks +
                  " tasks)");
    EXPECT_THROW(scheduler->DecideHandover(problem, Assignment("ours", 0), 0), EdgeDnnError);
    EXPECT_EQ(
        testutil::ErrorOf([&] { scheduler->DecideHandover(problem, Assignment("ours", 0), 0); }),
        "scheduling algorithm 'ours': DecideHandover: the assignment has 0 placements for " +
            tasks + " tasks");
    EXPECT_THROW(problem.SetTaskServers(0, {problem.GetServerCount()}), EdgeDnnError);
    EXPECT_EQ(testutil::ErrorOf([&] { problem.SetTaskServers(0, {problem.GetServerCount()}); }),
              task0 + "unknown server index " + std::to_string(problem.GetServerCount()));
    EXPECT_THROW(problem.SetTaskServers(0, {0, 0}), EdgeDnnError);
    EXPECT_EQ(testutil::ErrorOf([&] {
                  problem.SetTaskServers(0, {0, 0});
              }),
              task0 + "server '" + problem.GetServers()[0].id + "' listed twice");
    EXPECT_THROW(problem.SetTaskServers(problem.GetTaskCount(), {0}), EdgeDnnError);
    EXPECT_EQ(testutil::ErrorOf([&] { problem.SetTaskServers(problem.GetTaskCount(), {0}); }),
              "SetTaskServers: no task " + tasks + " (" + tasks + " tasks)");
}

TEST(Handover, PrintsTheMoveAndItsOutcome)
{
    Handover h;
    h.taskId = 3;
    h.fromServer = 0;
    h.toServer = 1;
    h.lostAt = Seconds(6.5);
    h.associatedAt = Seconds(7.25);
    h.admitted = true;
    h.splitIndex = 7;
    std::ostringstream os;
    os << h;
    EXPECT_EQ(os.str(),
              "task 3 moved from server 0 to server 1 at +7.25s (association lost at +6.5s): "
              "admitted at split 7");
}

/// Two gateways 80 m apart on one roaming Wi-Fi network, a camera at each; gateway 0's drives
/// toward gateway 1 at 20 m/s and re-associates there about 2.3 s into the run (the roaming
/// topology test measured the ranges), gateway 1's stays.
class HandoverRun : public testutil::TempDirTest
{
  protected:
    HandoverRun()
        : TempDirTest("handover")
    {
    }

    /// What happened to a frame beyond its final state.
    struct FrameSeen
    {
        Time created{-1};         //!< when the device created it
        std::set<uint32_t> edges; //!< the edges that received it
        uint32_t results{0};      //!< results the device got for it
    };

    /**
     * \brief Build, schedule with handover and run for 8 s, recording into a database.
     * \param secondUplink the uplink of gateway 1 (a slow one leaves no room for the mover)
     */
    void Run(DataRate secondUplink)
    {
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        MobilityHelper moving;
        moving.SetMobilityModel("ns3::ConstantVelocityMobilityModel");
        EdgeTopologyHelper topologyHelper;
        topologyHelper.SetSize(2, 1);
        topologyHelper.SetAccessNetwork(EdgeTopologyHelper::WIFI);
        topologyHelper.SetWifiRoaming();
        topologyHelper.SetGatewaySpacing(80);
        topologyHelper.SetDeviceMobility(moving);
        topologyHelper.SetUplink(DataRate("20Mbps"), MilliSeconds(10));
        topologyHelper.SetUplink(1, secondUplink, MilliSeconds(10));
        m_topology = topologyHelper.Install();
        Ptr<ConstantVelocityMobilityModel> mover =
            m_topology.devices[0].Get(0)->GetObject<ConstantVelocityMobilityModel>();
        mover->SetPosition(Vector(5, 5, 0));
        mover->SetVelocity(Vector(20, 0, 0));
        Simulator::Schedule(Seconds(3.5),
                            &ConstantVelocityMobilityModel::SetVelocity,
                            mover,
                            Vector(0, 0, 0));
        m_topology.devices[1].Get(0)->GetObject<MobilityModel>()->SetPosition(Vector(75, 5, 0));

        CloudServerHelper(9100).Install(m_topology.cloud);
        SchedulerHelper& scheduler = m_scheduler;
        for (uint32_t i = 0; i < 2; ++i)
        {
            EdgeServerHelper edgeHelper(9000);
            edgeHelper.SetAttribute("WorkerCapacity", DoubleValue(2e10));
            m_edges.push_back(DynamicCast<EdgeServerApplication>(
                edgeHelper.Install(m_topology.edges.Get(i)).Get(0)));
            scheduler.AddEdgeServer(m_edges.back(),
                                    m_topology.uplinks[i].Get(0),
                                    InetSocketAddress(m_topology.edgeAccessAddresses[i], 9000),
                                    InetSocketAddress(m_topology.cloudAddresses[i], 9100));
            IotDeviceHelper camera(InetSocketAddress(m_topology.edgeAccessAddresses[i], 9000));
            camera.SetAttribute("TaskId", UintegerValue(i));
            camera.SetAttribute("Model", StringValue("resnet18"));
            camera.SetAttribute("FrameRate", DoubleValue(2));
            camera.SetAttribute("Deadline", TimeValue(MilliSeconds(300)));
            camera.SetAttribute("LatencyModel", EnumValue(LatencyModel::TRANSFER));
            camera.SetAttribute("ResultTimeout", TimeValue(Seconds(2)));
            m_devices.push_back(DynamicCast<IotDeviceApplication>(
                camera.Install(m_topology.devices[i].Get(0)).Get(0)));
            m_devices.back()->SetStartTime(Seconds(0.5) + MilliSeconds(250) * i);
            m_devices.back()->SetStopTime(Seconds(7));
        }
        for (const Ptr<IotDeviceApplication>& device : m_devices)
        {
            scheduler.AddDevice(device);
            device->TraceConnectWithoutContext(
                "FrameCreated",
                MakeCallback(+[](HandoverRun* t, uint32_t task, uint32_t frame, uint32_t) {
                    t->m_seen[{task, frame}].created = Simulator::Now();
                }).Bind(this));
            device->TraceConnectWithoutContext(
                "ResultReceived",
                MakeCallback(+[](HandoverRun* t, const FrameResult& r) {
                    ++t->m_seen[{r.taskId, r.frameSeq}].results;
                }).Bind(this));
            device->TraceConnectWithoutContext("Handover",
                                               MakeCallback(+[](HandoverRun* t, const Handover& h) {
                                                   t->m_handovers.push_back(h);
                                                   t->m_decidedAt = Simulator::Now();
                                               }).Bind(this));
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            m_edges[i]->TraceConnectWithoutContext(
                "FrameReceived",
                MakeCallback(+[](HandoverRun* t, uint32_t edge, const EdgeDnnHeader& h) {
                    t->m_seen[{h.GetTaskId(), h.GetFrameSeq()}].edges.insert(edge);
                }).Bind(this, i));
        }
        scheduler.EnableHandover();
        RecorderHelper recorder;
        recorder.Install(Path("handover.db"));
        scheduler.Schedule();
        m_ledger.Connect();
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        m_frames = m_ledger.GetFrames();
        m_created = m_ledger.GetCreated();
        m_ledger.Disconnect();
    }

    /// Every frame the devices created is in the ledger once, in one state; no frame reached two
    /// edges or got two results, and results match the completed and late frames.
    void ExpectEveryFrameAccountedOnce() const
    {
        EXPECT_EQ(m_created, m_seen.size());
        EXPECT_EQ(m_frames.size(), m_seen.size());
        uint64_t byState = 0;
        for (FrameStatus status : {FrameStatus::COMPLETED,
                                   FrameStatus::LATE,
                                   FrameStatus::DROPPED,
                                   FrameStatus::LOST,
                                   FrameStatus::IN_FLIGHT})
        {
            byState += m_ledger.GetCount(status);
        }
        EXPECT_EQ(byState, m_created);
        for (const auto& [key, seen] : m_seen)
        {
            const auto it = m_frames.find(key);
            ASSERT_NE(it, m_frames.end()) << "frame " << key.second << " of task " << key.first;
            EXPECT_FALSE(seen.created.IsNegative());
            EXPECT_LE(seen.edges.size(), 1U) << "frame " << key.second << " of task " << key.first;
            EXPECT_LE(seen.results, 1U) << "frame " << key.second << " of task " << key.first;
            const bool answered = it->second.status == FrameStatus::COMPLETED ||
                                  it->second.status == FrameStatus::LATE;
            if (answered)
            {
                EXPECT_EQ(seen.results, 1U);
            }
        }
    }

    EdgeTopology m_topology;                                   //!< the network
    SchedulerHelper m_scheduler;                               //!< the scheduler ("ours")
    std::vector<Ptr<EdgeServerApplication>> m_edges;           //!< the edges
    std::vector<Ptr<IotDeviceApplication>> m_devices;          //!< the cameras
    std::map<std::pair<uint32_t, uint32_t>, FrameSeen> m_seen; //!< per (task, frame)
    std::vector<Handover> m_handovers;                         //!< announced handovers
    Time m_decidedAt{-1};                                      //!< the last one's time
    FrameLedger m_ledger;                                      //!< final states
    std::map<std::pair<uint32_t, uint32_t>, FrameLedger::Entry> m_frames; //!< at the end
    uint64_t m_created{0};                                                //!< frames created
};

// Issue 13's done-when: across the re-association no frame is lost from the accounting or
// duplicated, and the task's frames after it go to the new edge; the handover is recorded.
TEST_F(HandoverRun, TheMoverIsDecidedAgainOnTheNewEdgeAndEveryFrameIsAccountedOnce)
{
    Run(DataRate("20Mbps"));
    ASSERT_EQ(m_handovers.size(), 1U);
    const Handover& h = m_handovers[0];
    EXPECT_EQ(h.taskId, 0U);
    EXPECT_EQ(h.fromServer, 0);
    EXPECT_EQ(h.toServer, 1);
    EXPECT_TRUE(h.admitted);
    EXPECT_EQ(h.fromAccessPoint,
              Mac48Address::ConvertFrom(m_topology.accessPoints.Get(0)->GetAddress()));
    EXPECT_EQ(h.toAccessPoint,
              Mac48Address::ConvertFrom(m_topology.accessPoints.Get(1)->GetAddress()));
    ASSERT_FALSE(h.lostAt.IsNegative());
    EXPECT_LT(h.lostAt, h.associatedAt);
    EXPECT_LT(h.associatedAt - h.lostAt, Seconds(1));
    EXPECT_GT(h.associatedAt, Seconds(1));
    EXPECT_LT(h.associatedAt, Seconds(3.5));
    EXPECT_EQ(m_scheduler.GetHandoverCount(), 1U);
    EXPECT_TRUE(m_scheduler.GetPlacement(0).admitted);
    EXPECT_EQ(m_scheduler.GetPlacement(0).server, 1U);
    EXPECT_EQ(m_scheduler.GetPlacement(0).splitIndex, h.splitIndex);
    const std::optional<TaskDecision> decision = m_devices[0]->GetDecision();
    ASSERT_TRUE(decision.has_value());
    EXPECT_EQ(decision->reason, "handover");
    EXPECT_EQ(decision->edge, Address(InetSocketAddress(m_topology.edgeAccessAddresses[1], 9000)));

    ExpectEveryFrameAccountedOnce();
    // Frames created before the association was lost went to edge 0; those created after the
    // decision to edge 1, and most of them came back in time.
    uint32_t before = 0;
    uint32_t after = 0;
    uint32_t afterCompleted = 0;
    for (const auto& [key, seen] : m_seen)
    {
        if (key.first != 0)
        {
            EXPECT_TRUE(seen.edges.empty() || *seen.edges.begin() == 1U);
            continue;
        }
        if (seen.created < h.lostAt && !seen.edges.empty())
        {
            ++before;
            EXPECT_EQ(*seen.edges.begin(), 0U) << "frame " << key.second;
        }
        if (seen.created > m_decidedAt)
        {
            ++after;
            ASSERT_EQ(seen.edges.size(), 1U) << "frame " << key.second;
            EXPECT_EQ(*seen.edges.begin(), 1U) << "frame " << key.second;
            afterCompleted += m_frames.at(key).status == FrameStatus::COMPLETED ? 1 : 0;
        }
    }
    EXPECT_GE(before, 2U);
    EXPECT_GE(after, 6U);
    EXPECT_GE(afterCompleted, after - 1);

    Simulator::Destroy(); // writes the run
    SqliteDatabase db(Path("handover.db"), SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM handovers"), 1);
    EXPECT_EQ(db.QueryInt("SELECT to_server FROM handovers WHERE task_id = 0"), 1);
    EXPECT_EQ(db.QueryInt("SELECT admitted FROM handovers WHERE task_id = 0"), 1);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM decisions WHERE reason = 'handover' AND "
                          "task_id = 0"),
              1);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM frames"), static_cast<int64_t>(m_created));
}

// Gateway 1's uplink carries no task's frames within its bound: the mover is rejected there, its
// device creates no more frames, and the frames it had are still accounted once.
TEST_F(HandoverRun, AMoverWithNoRoomOnTheNewEdgeIsShedAndItsFramesAccounted)
{
    Run(DataRate("10kbps"));
    ASSERT_EQ(m_handovers.size(), 1U);
    EXPECT_EQ(m_handovers[0].toServer, 1);
    EXPECT_FALSE(m_handovers[0].admitted);
    EXPECT_FALSE(m_scheduler.GetPlacement(0).admitted);
    ExpectEveryFrameAccountedOnce();
    uint32_t before = 0;
    for (const auto& [key, seen] : m_seen)
    {
        if (key.first == 0)
        {
            EXPECT_LT(seen.created, m_decidedAt) << "frame " << key.second;
            ++before;
        }
    }
    EXPECT_GE(before, 2U);
}

TEST(Handover, EnableHandoverIsRefusedAfterScheduleAndWithOnlineScheduling)
{
    SchedulerHelper online("paper-online");
    online.EnableHandover();
    EXPECT_THROW(online.ScheduleOnline(), EdgeDnnError);
    EXPECT_EQ(testutil::ErrorOf([&] { online.ScheduleOnline(); }),
              "SchedulerHelper::ScheduleOnline: EnableHandover decides a task again beside the "
              "others of a schedule; use Schedule() with it");
    SchedulerHelper helper("ours");
    EXPECT_THROW(helper.AddAccessPoint(0, nullptr), EdgeDnnError);
    EXPECT_EQ(testutil::ErrorOf([&] { helper.AddAccessPoint(0, nullptr); }),
              "SchedulerHelper::AddAccessPoint: no server 0 (0 registered)");

    // Two edge servers: a null device, and one access point named for both.
    NodeContainer nodes;
    nodes.Create(2);
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<EdgeServerApplication> edge = CreateObject<EdgeServerApplication>();
        nodes.Get(i)->AddApplication(edge);
        helper.AddEdgeServer(edge,
                             DataRate("10Mbps"),
                             InetSocketAddress(Ipv4Address("10.0.0.1"), 9000),
                             InetSocketAddress(Ipv4Address("10.9.0.1"), 9100));
    }
    EXPECT_EQ(testutil::ErrorOf([&] { helper.AddAccessPoint(1, nullptr); }),
              "SchedulerHelper::AddAccessPoint: server 1: a null access point device");
    Ptr<SimpleNetDevice> accessPoint = CreateObject<SimpleNetDevice>();
    accessPoint->SetAddress(Mac48Address("00:00:00:00:00:42"));
    helper.AddAccessPoint(0, accessPoint);
    helper.AddAccessPoint(0, accessPoint); // the same server again: nothing changes
    EXPECT_EQ(testutil::ErrorOf([&] { helper.AddAccessPoint(1, accessPoint); }),
              "SchedulerHelper::AddAccessPoint: access point 00:00:00:00:00:42 is already "
              "server 0's, not server 1's");
    helper.Schedule(); // no devices: nothing to place
    EXPECT_EQ(testutil::ErrorOf([&] { helper.EnableHandover(); }),
              "SchedulerHelper::EnableHandover: call it before Schedule()");
    Simulator::Destroy();
}

TEST(Handover, TransferTimeAndTheRoamingBackboneRefuseBadRates)
{
    EXPECT_EQ(testutil::ErrorOf([] { CostModel::TransferTime(TransportPath(), 1000, 0); }),
              "CostModel::TransferTime: rate 0 bit/s: expected a finite rate above 0");
    EdgeTopologyHelper topology;
    EXPECT_EQ(testutil::ErrorOf([&] { topology.SetWifiRoaming(DataRate(0), MicroSeconds(1)); }),
              "EdgeTopologyHelper: Wi-Fi roaming backbone rate 0 bit/s: expected a rate above 0");
}

} // namespace
} // namespace edgednn
} // namespace ns3
