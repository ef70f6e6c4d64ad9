/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Faults mid-run. In each case every frame ends in exactly one final state, and the recorder's
// database is intact (PRAGMA integrity_check, the run's row, one row per frame with the
// FrameLedger's state and reason): the edge server application stopped, the cloud server
// application stopped, the edge-to-cloud link down and back up (and a task placed during the
// outage), 5 % packet loss on the access links (TCP and UDP), a camera's access link cut for good
// (a stalled task, which FrameLedger::GetStalls and edge-dnn-report name), a full database, and
// SIGTERM and SIGINT delivered to a recording program.

#include "chain-scenario.h"
#include "edge-dnn-test-fixture.h"
#include "edge-dnn-test-util.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/error-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/names.h"
#include "ns3/point-to-point-channel.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

namespace fs = std::filesystem;

/// A fresh temporary directory per test (TempDirTest).
class Faults : public TempDirTest
{
  protected:
    Faults()
        : TempDirTest("fault")
    {
    }

    void SetUp() override
    {
        TempDirTest::SetUp();
        // Other tests of the binary may have changed them.
        RngSeedManager::SetSeed(1);
        RngSeedManager::SetRun(1);
    }
};

/// When the devices give a frame up: every frame settles by an event well before the run ends.
const Time g_resultTimeout = Seconds(2);

/**
 * \brief The chain every fault case starts from: three cameras at 20 frames/s for 1.5 s, an edge,
 * an uplink and a cloud that keep up with them, devices that give a frame up after
 * g_resultTimeout.
 * \return the configuration
 */
ChainConfig
FaultChain()
{
    ChainConfig c;
    c.devices = 3;
    c.splits = {4};
    c.frameRate = 20;
    c.maxFrames = 30;
    c.edgeCapacity = 2e11;
    c.edgeQueue = 64;
    c.uplinkRate = "1Gbps";
    return c;
}

/**
 * \brief Build the chain and set every device's ResultTimeout.
 * \param config the chain
 * \return the chain
 */
Chain
BuildFaultChain(const ChainConfig& config)
{
    Chain chain = BuildChain(config);
    for (Ptr<IotDeviceApplication> app : chain.apps)
    {
        app->SetAttribute("ResultTimeout", TimeValue(g_resultTimeout));
    }
    return chain;
}

/// A frames row.
struct Row
{
    std::string status;    //!< status
    std::string reason;    //!< drop_reason ("" for NULL)
    double createdS{-1};   //!< created_s
    double edgeDoneS{-1};  //!< edge_done_s (-1 for NULL)
    bool hasReason{false}; //!< drop_reason is not NULL
    int copies{0};         //!< rows of this frame
};

/**
 * \param db a database
 * \param runId a run
 * \return its frames by (task, frame)
 */
std::map<std::pair<uint32_t, uint32_t>, Row>
ReadRows(SqliteDatabase& db, int64_t runId)
{
    std::map<std::pair<uint32_t, uint32_t>, Row> rows;
    SqliteStatement s = db.Prepare("SELECT task_id, frame_seq, status, drop_reason, created_s, "
                                   "edge_done_s FROM frames WHERE run_id = ?1");
    s.BindInt(1, runId);
    while (s.Step())
    {
        Row& row = rows[{static_cast<uint32_t>(s.GetInt(0)), static_cast<uint32_t>(s.GetInt(1))}];
        row.status = s.GetText(2);
        row.hasReason = !s.IsNull(3);
        row.reason = row.hasReason ? s.GetText(3) : "";
        row.createdS = s.IsNull(4) ? -1 : s.GetDouble(4);
        row.edgeDoneS = s.IsNull(5) ? -1 : s.GetDouble(5);
        ++row.copies;
    }
    return rows;
}

/**
 * \brief Check a database after a fault: intact, the run's row, and one row per frame the ledger
 * saw, in the ledger's final state with its reason, none left in flight or stalled.
 * \param path the database
 * \param runId the run
 * \param ledger the ledger that followed the run
 * \return the frames, by (task, frame)
 */
std::map<std::pair<uint32_t, uint32_t>, Row>
ExpectIntactAndSettled(const std::string& path, int64_t runId, const FrameLedger& ledger)
{
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement check = db.Prepare("PRAGMA integrity_check");
    EXPECT_TRUE(check.Step());
    EXPECT_EQ(check.GetText(0), "ok");
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM runs WHERE run_id = " + std::to_string(runId)), 1);
    EXPECT_EQ(
        Dump(db, "SELECT finished, ended_by FROM runs WHERE run_id = " + std::to_string(runId)),
        std::vector<std::string>{"1|finished|"});
    const auto rows = ReadRows(db, runId);
    EXPECT_GT(ledger.GetCreated(), 0u);
    EXPECT_EQ(rows.size(), ledger.GetCreated());
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        const std::string frame =
            "task " + std::to_string(key.first) + " frame " + std::to_string(key.second);
        EXPECT_NE(entry.status, FrameStatus::IN_FLIGHT) << frame << " has no final state";
        auto it = rows.find(key);
        if (it == rows.end())
        {
            ADD_FAILURE() << frame << " has no row";
            continue;
        }
        const Row& row = it->second;
        EXPECT_EQ(row.copies, 1) << frame;
        EXPECT_EQ(row.status, FrameStatusToString(entry.status)) << frame;
        EXPECT_EQ(row.reason, entry.dropReason) << frame;
        EXPECT_NE(row.reason, "stalled") << frame;
        if (row.status == "lost" || row.status == "dropped")
        {
            EXPECT_TRUE(row.hasReason) << frame << " is " << row.status << " without a reason";
        }
    }
    return rows;
}

/**
 * \param rows frames
 * \param reason a drop reason
 * \return frames with it
 */
std::size_t
CountReason(const std::map<std::pair<uint32_t, uint32_t>, Row>& rows, const std::string& reason)
{
    std::size_t n = 0;
    for (const auto& [key, row] : rows)
    {
        n += row.reason == reason ? 1 : 0;
    }
    return n;
}

/**
 * \param rows frames
 * \param status a status
 * \return frames in it
 */
std::size_t
CountStatus(const std::map<std::pair<uint32_t, uint32_t>, Row>& rows, const std::string& status)
{
    std::size_t n = 0;
    for (const auto& [key, row] : rows)
    {
        n += row.status == status ? 1 : 0;
    }
    return n;
}

/// What a recorded fault run left.
struct FaultRun
{
    int64_t runId{0};                                  //!< the run
    std::map<std::pair<uint32_t, uint32_t>, Row> rows; //!< its frames
    std::string error;                                 //!< what Simulator::Run threw, if any
};

/**
 * \brief Record a chain (built by the caller, faults scheduled) into a database until stop, with a
 * ledger following it, and check the database.
 * \param path the database
 * \param chain the chain
 * \param stop when the run ends
 * \return the run
 */
FaultRun
RecordFaultRun(const std::string& path, const Chain& chain, Time stop = Seconds(6))
{
    RecorderHelper helper;
    helper.SetAttribute("Scenario", StringValue("fault"));
    helper.SetAttribute("BatchSize", UintegerValue(32));
    helper.AddLink("edge-to-cloud", chain.uplink.Get(0), chain.uplink.Get(1), true);
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    FrameLedger ledger;
    ledger.Connect();
    FaultRun run;
    run.error = testutil::RunUntilErrorOf(stop);
    EXPECT_EQ(run.error, "") << "Simulator::Run threw";
    recorder->Finish();
    run.runId = recorder->GetRunId();
    ledger.Disconnect();
    Simulator::Destroy();
    run.rows = ExpectIntactAndSettled(path, run.runId, ledger);
    return run;
}

/**
 * \param device a point-to-point device
 * \return the device at the other end of its link
 */
Ptr<NetDevice>
Peer(Ptr<NetDevice> device)
{
    Ptr<Channel> channel = device->GetChannel();
    for (std::size_t i = 0; i < channel->GetNDevices(); ++i)
    {
        if (channel->GetDevice(i) != device)
        {
            return channel->GetDevice(i);
        }
    }
    return nullptr;
}

/**
 * \brief A receive error model that drops packets at a rate.
 * \param rate the share of packets dropped
 * \param stream its random stream (so that the losses do not depend on the tests run before)
 * \return the model
 */
Ptr<RateErrorModel>
PacketLoss(double rate, int64_t stream)
{
    Ptr<RateErrorModel> model = CreateObject<RateErrorModel>();
    model->SetAttribute("ErrorRate", DoubleValue(rate));
    model->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    model->AssignStreams(stream);
    return model;
}

TEST_F(Faults, EdgeServerStoppedMidRun)
{
    // A slow edge, so that jobs wait in its queue when it stops.
    ChainConfig c = FaultChain();
    c.edgeCapacity = 1e10;
    const Chain chain = BuildFaultChain(c);
    const Time stop = Seconds(0.8);
    chain.edgeApp->SetStopTime(stop);
    const FaultRun run = RecordFaultRun(Path("edge-stopped.db"), chain);
    // The frames the edge held when it stopped are dropped by it, saying why; those sent to it
    // afterwards are given up by their devices.
    EXPECT_GT(CountReason(run.rows, "server-stopped"), 0u);
    EXPECT_GT(CountReason(run.rows, "timeout"), 0u);
    EXPECT_GT(CountStatus(run.rows, "completed"), 0u);
    for (const auto& [key, row] : run.rows)
    {
        if (row.createdS > stop.GetSeconds())
        {
            EXPECT_EQ(row.reason, "timeout") << "task " << key.first << " frame " << key.second;
        }
    }
}

TEST_F(Faults, CloudServerStoppedMidRun)
{
    // A slow cloud, so that jobs wait in its queue when it stops.
    ChainConfig c = FaultChain();
    c.cloudCapacity = 1e10;
    const Chain chain = BuildFaultChain(c);
    const Time stop = Seconds(0.8);
    chain.cloudApp->SetStopTime(stop);
    const FaultRun run = RecordFaultRun(Path("cloud-stopped.db"), chain);
    EXPECT_GT(CountReason(run.rows, "server-stopped"), 0u);
    EXPECT_GT(CountStatus(run.rows, "completed"), 0u);
    // Once the edge knows the cloud is gone (the cloud closed its connections), the frames it
    // finishes are dropped there, saying why, instead of vanishing into a dead connection.
    std::size_t unreachable = 0;
    for (const auto& [key, row] : run.rows)
    {
        if (row.edgeDoneS > stop.GetSeconds() + 0.1)
        {
            EXPECT_EQ(row.reason, "cloud-unreachable")
                << "task " << key.first << " frame " << key.second;
            ++unreachable;
        }
    }
    EXPECT_GT(unreachable, 0u);
}

TEST_F(Faults, EdgeToCloudLinkDownAndBackUp)
{
    ChainConfig c = FaultChain();
    c.devices = 2;
    c.frameRate = 10;
    c.maxFrames = 60; // 6 s of frames
    const Chain chain = BuildFaultChain(c);
    const Time down = Seconds(1);
    const Time up = Seconds(2);
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<RateErrorModel> outage = PacketLoss(1, i);
        outage->Disable();
        chain.uplink.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(outage));
        Simulator::Schedule(down, &RateErrorModel::Enable, outage);
        Simulator::Schedule(up, &RateErrorModel::Disable, outage);
    }
    // Task 0 moved to a second cloud server during the outage, as a run-time decision would: the
    // edge's new connection to the cloud times out (after one SYN, in 0.3 s). (Placed again on
    // the same cloud, it would keep its connection and only change its rate.)
    Config::SetDefault("ns3::TcpSocket::ConnCount", UintegerValue(1));
    Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(Seconds(0.3)));
    CloudServerHelper second;
    second.SetAttribute("Port", UintegerValue(chain.cloudApp->GetPort() + 1));
    second.Install(chain.cloud);
    const Address cloud =
        InetSocketAddress(chain.cloud->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal(),
                          chain.cloudApp->GetPort() + 1);
    Simulator::Schedule(down + MilliSeconds(100),
                        [&chain, cloud] { chain.edgeApp->PlaceTask(0, cloud); });
    const FaultRun run = RecordFaultRun(Path("link-down.db"), chain, Seconds(10));
    std::size_t before = 0;
    std::size_t after = 0;
    for (const auto& [key, row] : run.rows)
    {
        if (row.status != "completed")
        {
            continue;
        }
        before += row.createdS < down.GetSeconds() - 0.2;
        after += row.createdS > up.GetSeconds() + 2;
    }
    EXPECT_GT(before, 0u);
    EXPECT_GT(after, 0u) << "no frame completed once the link was back";
    // Task 0's frames after its connection failed are dropped at the edge, saying why.
    EXPECT_GT(CountReason(run.rows, "cloud-unreachable"), 0u);
    EXPECT_GT(CountReason(run.rows, "timeout"), 0u) << "the outage lost nothing";
}

/// Transports for the access-loss case.
class AccessLoss : public Faults, public ::testing::WithParamInterface<bool>
{
};

TEST_P(AccessLoss, FivePercentOfPacketsLostOnTheAccessLinks)
{
    ChainConfig c = FaultChain();
    c.udp = GetParam();
    const Chain chain = BuildFaultChain(c);
    for (uint32_t i = 0; i < chain.devices.GetN(); ++i)
    {
        Ptr<NetDevice> device = chain.devices.Get(i)->GetDevice(1);
        ASSERT_TRUE(DynamicCast<PointToPointNetDevice>(device));
        device->SetAttribute("ReceiveErrorModel", PointerValue(PacketLoss(0.05, 2 * i)));
        Peer(device)->SetAttribute("ReceiveErrorModel", PointerValue(PacketLoss(0.05, 2 * i + 1)));
    }
    // Long enough for every frame to settle when a lost SYN delays a camera's start by
    // TcpSocket::ConnTimeout (3 s) or more.
    const FaultRun run = RecordFaultRun(Path("access-loss.db"), chain, Seconds(15));
    if (c.udp)
    {
        // A frame is about a hundred datagrams: most lose one, and the edge gives them up.
        EXPECT_GT(CountReason(run.rows, "lost"), 0u);
    }
    else
    {
        EXPECT_GT(CountStatus(run.rows, "completed"), 0u);
    }
}

TEST_F(Faults, CameraCutOffShowsAsAStalledTask)
{
    ChainConfig c = FaultChain();
    c.devices = 2;
    c.frameRate = 10;
    c.maxFrames = 60; // 6 s of frames
    const Chain chain = BuildFaultChain(c);
    // Camera 0's access link stops carrying anything in either direction at 1 s, for good, as a
    // Wi-Fi receiver holding every frame of a flow does (doc: Troubleshooting); camera 1 runs on.
    const Time cut = Seconds(1);
    Ptr<NetDevice> access = chain.devices.Get(0)->GetDevice(1);
    ASSERT_TRUE(DynamicCast<PointToPointNetDevice>(access));
    for (Ptr<NetDevice> end : {access, Peer(access)})
    {
        Ptr<RateErrorModel> outage = PacketLoss(1, 0);
        outage->Disable();
        end->SetAttribute("ReceiveErrorModel", PointerValue(outage));
        Simulator::Schedule(cut, &RateErrorModel::Enable, outage);
    }
    const std::string path = Path("cut-off.db");
    RecorderHelper helper;
    helper.SetAttribute("Scenario", StringValue("fault"));
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    FrameLedger ledger;
    ledger.Connect();
    // The last frames of camera 0 are still open at the end (StallTime 5 s), not all given up.
    Simulator::Stop(Seconds(7.5));
    Simulator::Run();

    const std::vector<FrameLedger::Stall> stalls = ledger.GetStalls(Simulator::Now());
    ASSERT_EQ(stalls.size(), 1u) << "camera 1 must not count, camera 0 must";
    const FrameLedger::Stall& stall = stalls[0];
    EXPECT_EQ(stall.taskId, chain.apps[0]->GetTaskId());
    EXPECT_EQ(stall.frames, 60u);
    EXPECT_TRUE(stall.everAnswered);
    EXPECT_GE(stall.since, cut - MilliSeconds(300)); // frames on their way at the cut are lost
    EXPECT_LE(stall.since, cut + MilliSeconds(100));
    EXPECT_GE(stall.unanswered, 50u);
    EXPECT_EQ(stall.lost + stall.inFlight, stall.unanswered);
    EXPECT_GT(stall.lost, 0u);
    EXPECT_GT(stall.inFlight, 0u); // the frames younger than the devices' ResultTimeout
    ledger.Disconnect();
    Simulator::Destroy(); // the recorder writes the run

    // edge-dnn-report names the stalled task, and only it.
    const ProgramRun report =
        RunProgram("edge-dnn-report", "--db=" + path + " --outputDir=" + Path("plots"));
    ASSERT_EQ(report.status, 0) << report.output;
    const std::string line = "run 1 task " + std::to_string(stall.taskId) + " stalled: the last ";
    EXPECT_NE(report.output.find(line), std::string::npos) << report.output;
    EXPECT_EQ(report.output.find("task " + std::to_string(chain.apps[1]->GetTaskId()) + " stalled"),
              std::string::npos)
        << report.output;
}

TEST_F(Faults, FullDatabaseFailsClearlyAndKeepsWhatWasCommitted)
{
    // A first run fills the file's first pages; the second may add only a few more: its first
    // batches fit, then one does not, mid-run.
    const std::string path = Path("full.db");
    {
        const Chain chain = BuildFaultChain(FaultChain());
        RecordFaultRun(path, chain);
    }
    int64_t pages = 0;
    {
        SqliteDatabase db(path, SqliteDatabase::READ_WRITE_CREATE);
        db.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
        pages = db.QueryInt("PRAGMA page_count");
    }
    const Chain chain = BuildFaultChain(FaultChain());
    RecorderHelper helper;
    helper.SetAttribute("BatchSize", UintegerValue(16));
    helper.SetAttribute("MaxDatabaseSize", UintegerValue((pages + 3) * 4096));
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    FrameLedger ledger;
    ledger.Connect();
    // The recorder is finished below, before the simulator is destroyed.
    const std::string error = testutil::RunUntilErrorOf(Seconds(6));
    EXPECT_EQ(
        error.rfind("database '" + path +
                        "' is full: writing a batch of rows needs more "
                        "room than the disk (or MaxDatabaseSize) has; what was committed before "
                        "is kept (run 2, ",
                    0),
        0u)
        << error;
    const uint64_t written = recorder->GetRowsWritten();
    EXPECT_GT(written, 0u) << "no batch fitted before the database was full";
    EXPECT_NE(error.find(std::to_string(written) + " rows), and nothing more of the run is "
                                                   "recorded"),
              std::string::npos)
        << error;
    ledger.Disconnect();
    // Nothing more is written, and nothing throws or aborts at the end.
    EXPECT_EQ(ErrorOf([&recorder] { recorder->Finish(); }), "");
    Simulator::Destroy();
    EXPECT_EQ(recorder->GetRowsWritten(), written);

    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement check = db.Prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.Step());
    EXPECT_EQ(check.GetText(0), "ok");
    // The first run whole, the second's row (unfinished) and the frames of its committed batches,
    // each once, each in the state the ledger gave it.
    EXPECT_EQ(Dump(db, "SELECT run_id, finished, ended_by FROM runs ORDER BY run_id"),
              (std::vector<std::string>{"1|1|finished|", "2|0|NULL|"}));
    const auto rows = ReadRows(db, 2);
    EXPECT_GT(rows.size(), 0u);
    EXPECT_LT(rows.size(), ledger.GetCreated());
    for (const auto& [key, row] : rows)
    {
        EXPECT_EQ(row.copies, 1);
        const auto it = ledger.GetFrames().find(key);
        ASSERT_NE(it, ledger.GetFrames().end());
        EXPECT_EQ(row.status, FrameStatusToString(it->second.status));
    }
    // The database takes the next run once there is room again.
    const Chain next = BuildFaultChain(FaultChain());
    RecordFaultRun(path, next);
}

/// Termination signals delivered to a recording program.
class TerminationSignal : public Faults, public ::testing::WithParamInterface<int>
{
};

TEST_P(TerminationSignal, EndsTheRunCleanlyAndTheProcessAsTheSignalWould)
{
    const int signal = GetParam();
    const std::string name = signal == SIGTERM ? "SIGTERM" : "SIGINT";
    const std::string path = Path("signal.db");
    const std::string program = std::string(EDGE_DNN_BIN_DIR) + "/edge-dnn-scenario";
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0)
    {
        // The test's own dispositions must not leak into the program (a shell may have started
        // it with SIGINT ignored).
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        const std::string db = "--db=" + path;
        execl(program.c_str(),
              program.c_str(),
              db.c_str(),
              "--simTime=100000",
              "--ns3::EdgeDnnRecorder::BatchSize=50",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    // Wait (up to two minutes) until batches of frames are committed, then send the signal.
    int64_t frames = 0;
    for (int i = 0; i < 1200 && frames < 100; ++i)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        int status = 0;
        ASSERT_EQ(waitpid(child, &status, WNOHANG), 0) << "the recording program ended early";
        try
        {
            SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
            if (db.GetObjectType("frames") == "table")
            {
                frames = db.QueryInt("SELECT COUNT(*) FROM frames");
            }
        }
        catch (const EdgeDnnError&)
        {
            // Not created yet, or busy: try again.
        }
    }
    kill(child, signal);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_GE(frames, 100) << "no batch was committed";
    // Killed by the same signal once the rows were written: a shell says 128 + the signal.
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal)
        << (WIFEXITED(status) ? "exited with " + std::to_string(WEXITSTATUS(status))
                              : "killed by " + std::to_string(WTERMSIG(status)));

    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement check = db.Prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.Step());
    EXPECT_EQ(check.GetText(0), "ok");
    // The run's row says how it ended.
    EXPECT_EQ(Dump(db,
                   "SELECT run_id, finished, ended_by, finished_at IS NOT NULL, sim_time_s > 0 "
                   "FROM runs"),
              std::vector<std::string>{"1|0|signal " + name + "|1|1|"});
    // The last batch is there: every frame created has its row, up to the last one of each task
    // (a killed run loses those of its last, uncommitted batch), and the traffic bins reach the
    // time the run stopped.
    EXPECT_GE(db.QueryInt("SELECT COUNT(*) FROM frames"), frames);
    EXPECT_EQ(Dump(db,
                   "SELECT task_id, COUNT(*), COUNT(DISTINCT frame_seq), MAX(frame_seq) + 1 "
                   "FROM frames GROUP BY task_id HAVING COUNT(*) <> MAX(frame_seq) + 1 OR "
                   "COUNT(DISTINCT frame_seq) <> COUNT(*)"),
              std::vector<std::string>{});
    EXPECT_EQ(db.QueryInt("SELECT (SELECT MAX(t_end_s) FROM link_traffic) >= (SELECT sim_time_s "
                          "FROM runs)"),
              1);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM frames WHERE status NOT IN ('completed', 'late', "
                          "'dropped', 'lost', 'in_flight')"),
              0);
}

INSTANTIATE_TEST_SUITE_P(Faults,
                         TerminationSignal,
                         ::testing::Values(SIGTERM, SIGINT),
                         [](const ::testing::TestParamInfo<int>& info) {
                             return std::string(info.param == SIGTERM ? "Sigterm" : "Sigint");
                         });

INSTANTIATE_TEST_SUITE_P(Faults,
                         AccessLoss,
                         ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                             return std::string(info.param ? "Udp" : "Tcp");
                         });

} // namespace
