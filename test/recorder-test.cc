/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The SQLite recorder: every frame once with the FrameLedger's final state and the journey's times,
// tasks, link traffic against the link's own trace, server load, the views against the rows, runs
// appended under their own run_id, reproducibility, the Destroy-time flush, a run killed mid-way
// (fork + SIGKILL) and kept apart from the finished ones in the views and the report, bad
// database files left untouched, a version 1 database upgraded, and a table of the test's own
// added through the probe interface (RecorderProbe, AddProbe).

#include "chain-scenario.h"
#include "edge-dnn-test-fixture.h"
#include "edge-dnn-test-util.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-recorder-probe.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/edge-server-helper.h"
#include "ns3/error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/names.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
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
class Recorder : public TempDirTest
{
  protected:
    Recorder()
        : TempDirTest("recorder")
    {
    }
};

/**
 * \param path a file
 * \return its bytes
 */
std::string
FileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST_F(Recorder, TasksAndSchedulerDecisions)
{
    const std::string path = Path("tasks.db");
    const ChainConfig config = BusyChain();
    const Chain chain = BuildChain(config);
    Ptr<EdgeDnnRecorder> recorder = RecorderHelper().Install(path);
    // A scheduler's decision reaches the recorder through the device's TaskDecision trace source.
    TaskDecision rejected;
    rejected.taskId = 1;
    rejected.admitted = false;
    rejected.algorithm = "by-hand";
    rejected.predictedLatency = MilliSeconds(42);
    rejected.allocatedRate = DataRate("3Mbps");
    chain.apps[1]->ApplyDecision(rejected);
    ASSERT_TRUE(recorder->GetDecision(1).has_value());
    EXPECT_FALSE(recorder->GetDecision(1)->admitted);
    EXPECT_FALSE(recorder->GetDecision(0).has_value());
    Simulator::Stop(Seconds(0.5));
    Simulator::Run();
    recorder->Finish();
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement s = db.Prepare(
        "SELECT task_id, device_node, edge_node, model, split_index, split_layer, input_bytes, "
        "feature_bytes, frame_rate, deadline_s, admitted, predicted_latency_s, allocated_bps, "
        "edge_macs, cloud_macs FROM tasks WHERE run_id = ?1 ORDER BY task_id");
    s.BindInt(1, recorder->GetRunId());
    uint32_t n = 0;
    while (s.Step())
    {
        const uint32_t task = static_cast<uint32_t>(s.GetInt(0));
        ASSERT_EQ(task, n);
        const uint32_t split = config.splits[task];
        const SplitPoint* p = ModelRegistry::GetProfile(config.model).FindSplitPoint(split);
        ASSERT_NE(p, nullptr);
        EXPECT_EQ(s.GetInt(1), chain.devices.Get(task)->GetId());
        EXPECT_EQ(s.GetInt(2), chain.edge->GetId());
        EXPECT_EQ(s.GetText(3), config.model);
        EXPECT_EQ(s.GetInt(6), chain.apps[task]->GetInputBytes());
        EXPECT_DOUBLE_EQ(s.GetDouble(8), config.frameRate);
        EXPECT_DOUBLE_EQ(s.GetDouble(9), config.deadline.GetSeconds());
        if (task == 1)
        {
            // Rejected: no split point, nothing crosses a cut, no MACs anywhere.
            for (int column : {4, 5, 7, 13, 14})
            {
                EXPECT_TRUE(s.IsNull(column)) << "column " << column;
            }
        }
        else
        {
            EXPECT_EQ(s.GetInt(4), split);
            EXPECT_EQ(s.GetText(5), p->name);
            EXPECT_EQ(static_cast<uint64_t>(s.GetInt(7)), p->bytes);
            EXPECT_EQ(static_cast<uint64_t>(s.GetInt(13)), p->edgeMacs);
            EXPECT_EQ(static_cast<uint64_t>(s.GetInt(14)), p->cloudMacs);
        }
        if (task == 1)
        {
            EXPECT_EQ(s.GetInt(10), 0);
            EXPECT_DOUBLE_EQ(s.GetDouble(11), 0.042);
            EXPECT_DOUBLE_EQ(s.GetDouble(12), 3e6);
        }
        else
        {
            EXPECT_EQ(s.GetInt(10), 1);
            EXPECT_TRUE(s.IsNull(11));
            EXPECT_TRUE(s.IsNull(12));
        }
        ++n;
    }
    EXPECT_EQ(n, config.devices);
}

/// Counts bytes the way a user would, from the device's own trace.
struct ByteCounter
{
    /**
     * \brief A packet.
     * \param p the packet
     */
    void Add(Ptr<const Packet> p)
    {
        bytes += p->GetSize();
        last = Simulator::Now();
    }

    uint64_t bytes{0}; //!< bytes
    Time last;         //!< last packet
};

TEST_F(Recorder, LinkTrafficInFixedBinsAddsUpToTheLinksTrace)
{
    const std::string path = Path("links.db");
    const Chain chain = BuildChain(BusyChain());
    ByteCounter tx;
    ByteCounter rx;
    chain.uplink.Get(0)->TraceConnectWithoutContext("PhyTxEnd",
                                                    MakeCallback(&ByteCounter::Add, &tx));
    chain.uplink.Get(1)->TraceConnectWithoutContext("PhyRxEnd",
                                                    MakeCallback(&ByteCounter::Add, &rx));
    RecorderHelper helper;
    helper.SetAttribute("BinWidth", TimeValue(MilliSeconds(50)));
    helper.AddLink("up", chain.uplink.Get(0), chain.uplink.Get(1), true);
    helper.AddLink("down", chain.uplink.Get(1), chain.uplink.Get(0), false);
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    const Time stop = Seconds(1.23);
    Simulator::Stop(stop);
    Simulator::Run();
    recorder->Finish();
    ASSERT_GT(tx.bytes, 0u);
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement s = db.Prepare("SELECT t_start_s, t_end_s, tx_bytes, rx_bytes, drops FROM "
                                   "link_traffic WHERE link = 'up' ORDER BY t_start_s");
    uint64_t txSum = 0;
    uint64_t rxSum = 0;
    int bin = 0;
    while (s.Step())
    {
        EXPECT_NEAR(s.GetDouble(0), bin * 0.05, 1e-12);
        EXPECT_NEAR(s.GetDouble(1), (bin + 1) * 0.05, 1e-12);
        txSum += s.GetInt(2);
        rxSum += s.GetInt(3);
        EXPECT_EQ(s.GetInt(4), 0);
        ++bin;
    }
    EXPECT_EQ(txSum, tx.bytes);
    EXPECT_EQ(rxSum, rx.bytes);
    // Bins cover the run without gaps, up to its end.
    EXPECT_EQ(bin, static_cast<int>(std::ceil(stop.GetSeconds() / 0.05 - 1e-9)));
    EXPECT_EQ(db.QueryInt("SELECT SUM(tx_bytes) FROM run_cloud_bytes"),
              static_cast<int64_t>(tx.bytes));
    EXPECT_GT(db.QueryInt("SELECT SUM(tx_bytes) FROM link_traffic WHERE link = 'down'"), 0);
}

/// Every change of a server's load, as the server traces it.
struct LoadLog
{
    /**
     * \brief QueueLength changed.
     * \param v new value
     */
    void Queue(uint32_t, uint32_t v)
    {
        queue = v;
        changes.push_back({Simulator::Now().GetTimeStep(), queue, busy});
    }

    /**
     * \brief BusyWorkers changed.
     * \param v new value
     */
    void Busy(uint32_t, uint32_t v)
    {
        busy = v;
        changes.push_back({Simulator::Now().GetTimeStep(), queue, busy});
    }

    /// The state after a change.
    struct Change
    {
        int64_t t;      //!< when (ns)
        uint32_t queue; //!< queue length after it
        uint32_t busy;  //!< busy workers after it
    };

    uint32_t queue{0};           //!< current queue length
    uint32_t busy{0};            //!< current busy workers
    std::vector<Change> changes; //!< every change in order
};

TEST_F(Recorder, ServerLoadBinsFollowTheTracedValues)
{
    const std::string path = Path("load.db");
    const Chain chain = BuildChain(BusyChain());
    LoadLog log;
    chain.edgeApp->TraceConnectWithoutContext("QueueLength", MakeCallback(&LoadLog::Queue, &log));
    chain.edgeApp->TraceConnectWithoutContext("BusyWorkers", MakeCallback(&LoadLog::Busy, &log));
    RecorderHelper helper;
    helper.SetAttribute("BinWidth", TimeValue(MilliSeconds(20)));
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    Simulator::Stop(Seconds(1.2));
    Simulator::Run();
    recorder->Finish();
    ASSERT_FALSE(log.changes.empty());
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement s = db.Prepare(
        "SELECT t_s, t_end_s, queue_len, busy_workers, queue_len_mean, busy_workers_mean FROM "
        "server_load WHERE node = ?1 AND role = 'edge' ORDER BY t_s");
    s.BindInt(1, chain.edge->GetId());
    const int64_t width = MilliSeconds(20).GetTimeStep();
    int64_t bin = 0;
    std::size_t next = 0; // first change not yet replayed
    uint32_t queue = 0;
    uint32_t busy = 0;
    while (s.Step())
    {
        const int64_t start = bin * width;
        const int64_t end = start + width;
        EXPECT_DOUBLE_EQ(s.GetDouble(0), start / 1e9);
        EXPECT_DOUBLE_EQ(s.GetDouble(1), end / 1e9);
        // Replay the changes in this bin: maxima, including the state the bin starts in, and
        // time-weighted means.
        uint32_t maxQueue = queue;
        uint32_t maxBusy = busy;
        double queueArea = 0;
        double busyArea = 0;
        int64_t last = start;
        while (next < log.changes.size() && log.changes[next].t < end)
        {
            const LoadLog::Change& c = log.changes[next++];
            queueArea += queue * double(c.t - last);
            busyArea += busy * double(c.t - last);
            last = c.t;
            queue = c.queue;
            busy = c.busy;
            maxQueue = std::max(maxQueue, queue);
            maxBusy = std::max(maxBusy, busy);
        }
        queueArea += queue * double(end - last);
        busyArea += busy * double(end - last);
        EXPECT_EQ(s.GetInt(2), maxQueue) << "bin " << bin;
        EXPECT_EQ(s.GetInt(3), maxBusy) << "bin " << bin;
        EXPECT_NEAR(s.GetDouble(4), queueArea / width, 1e-9) << "bin " << bin;
        EXPECT_NEAR(s.GetDouble(5), busyArea / width, 1e-9) << "bin " << bin;
        ++bin;
    }
    EXPECT_EQ(next, log.changes.size()) << "changes after the last bin";
    EXPECT_EQ(bin, 60); // 1.2 s in 20 ms bins
    EXPECT_EQ(db.QueryInt("SELECT MAX(queue_len) FROM server_load WHERE role = 'edge'"),
              BusyChain().edgeQueue);
    EXPECT_GT(db.QueryInt("SELECT COUNT(*) FROM server_load WHERE role = 'cloud'"), 0);
}

TEST_F(Recorder, RunsAppendAndNeverTouchEachOther)
{
    const std::string path = Path("runs.db");
    const int64_t first = RecordBusyChain(path, "x", nullptr);
    std::vector<std::string> before;
    {
        SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
        before = Dump(db, "SELECT * FROM frames WHERE run_id = 1 ORDER BY task_id, frame_seq");
    }
    ASSERT_FALSE(before.empty());
    const int64_t second = RecordBusyChain(path, "x", nullptr, Seconds(0.7));
    EXPECT_EQ(first, 1);
    EXPECT_EQ(second, 2);
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(Dump(db, "SELECT * FROM frames WHERE run_id = 1 ORDER BY task_id, frame_seq"),
              before);
    EXPECT_GT(db.QueryInt("SELECT COUNT(*) FROM frames WHERE run_id = 2"), 0);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM runs WHERE finished = 1"), 2);
}

TEST_F(Recorder, SameSeedAndRunGiveTheSameRows)
{
    const std::string path = Path("repro.db");
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(3);
    RecordBusyChain(path, "r", nullptr);
    RecordBusyChain(path, "r", nullptr);
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    const std::map<std::string, std::string> tables{{"frames", "task_id, frame_seq"},
                                                    {"tasks", "task_id"},
                                                    {"link_traffic", "link, t_start_s"},
                                                    {"server_load", "node, role, t_s"},
                                                    {"runs", "run_id"}};
    for (const auto& tableAndOrder : tables)
    {
        // Named references, not structured bindings: the lambda below captures them (C++17).
        const std::string& table = tableAndOrder.first;
        const std::string& order = tableAndOrder.second;
        std::vector<std::string> columns;
        for (const std::string& c : db.GetColumns(table))
        {
            // Wall-clock columns and the run's own id differ by design.
            if (c != "run_id" && c != "started_at" && c != "finished_at" && c != "wall_time_s")
            {
                columns.push_back(c);
            }
        }
        std::string list;
        for (const std::string& c : columns)
        {
            list += (list.empty() ? "" : ", ") + c;
        }
        auto rows = [&](int run) {
            return Dump(db,
                        "SELECT " + list + " FROM " + table +
                            " WHERE run_id = " + std::to_string(run) + " ORDER BY " + order);
        };
        const auto one = rows(1);
        EXPECT_FALSE(one.empty()) << table;
        EXPECT_EQ(one, rows(2)) << table;
    }
    SqliteStatement s = db.Prepare("SELECT seed, run_number FROM runs WHERE run_id = 2");
    ASSERT_TRUE(s.Step());
    EXPECT_EQ(s.GetInt(0), 7);
    EXPECT_EQ(s.GetInt(1), 3);
}

TEST_F(Recorder, ConfigJsonHoldsAttributesArgumentsAndChangedDefaults)
{
    const std::string path = Path("config.db");
    Config::SetDefault("ns3::Ipv4L3Protocol::DefaultTtl", UintegerValue(33));
    const Chain chain = BuildChain(BusyChain());
    RecorderHelper helper;
    helper.AddArgument("policy", "greedy");
    char arg0[] = "prog";
    char arg1[] = "--x=1";
    char* argv[] = {arg0, arg1};
    helper.AddCommandLine(2, argv);
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    recorder->Finish();
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement s = db.Prepare("SELECT config_json, finished FROM runs");
    ASSERT_TRUE(s.Step());
    const auto config = nlohmann::ordered_json::parse(s.GetText(0));
    EXPECT_EQ(config.at("arguments").at("policy").get<std::string>(), "greedy");
    EXPECT_EQ(config.at("argv").size(), 2u);
    EXPECT_EQ(
        config.at("changed_defaults").at("ns3::Ipv4L3Protocol::DefaultTtl").get<std::string>(),
        "33");
    EXPECT_FALSE(config
                     .at("changed_defaults")

                     .contains("ns3::Ipv4L3Protocol::FragmentExpirationTimeout"));
    int devices = 0;
    for (const auto& app : config.at("applications"))
    {
        if (app.at("type").get<std::string>() == "ns3::IotDeviceApplication")
        {
            const auto node = app.at("node").get<uint32_t>();
            uint32_t i = 0;
            while (chain.devices.Get(i)->GetId() != node)
            {
                ++i;
            }
            EXPECT_EQ(app.at("attributes").at("TaskId").get<std::string>(), std::to_string(i));
            TimeValue deadline;
            chain.apps[i]->GetAttribute("Deadline", deadline);
            EXPECT_EQ(app.at("attributes").at("Deadline").get<std::string>(),
                      deadline.SerializeToString(MakeTimeChecker()));
            ++devices;
        }
    }
    EXPECT_EQ(devices, 3);
    EXPECT_EQ(config.at("globals").at("RngRun").get<std::string>(),
              std::to_string(RngSeedManager::GetRun()));
    EXPECT_EQ(s.GetInt(1), 1);
}

TEST_F(Recorder, DestroyWritesFramesInFlightAndMarksTheRunFinished)
{
    const std::string path = Path("destroy.db");
    FrameLedger ledger;
    {
        const Chain chain = BuildChain(BusyChain());
        Ptr<EdgeDnnRecorder> recorder = RecorderHelper().Install(path);
        ledger.Connect();
        Simulator::Stop(Seconds(0.6));
        Simulator::Run();
        ledger.Disconnect();
    }
    {
        SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
        EXPECT_EQ(db.QueryInt("SELECT finished FROM runs"), 0);
    }
    Simulator::Destroy();
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("SELECT finished FROM runs"), 1);
    EXPECT_EQ(static_cast<uint64_t>(db.QueryInt("SELECT COUNT(*) FROM frames")),
              ledger.GetCreated());
    EXPECT_EQ(static_cast<uint64_t>(
                  db.QueryInt("SELECT COUNT(*) FROM frames WHERE status = 'in_flight'")),
              ledger.GetCount(FrameStatus::IN_FLIGHT));
    EXPECT_GT(ledger.GetCount(FrameStatus::IN_FLIGHT), 0u);
}

TEST_F(Recorder, KilledRunLeavesAValidDatabaseMarkedUnfinished)
{
    const std::string path = Path("killed.db");
    const std::string program = std::string(EDGE_DNN_BIN_DIR) + "/edge-dnn-quickstart";
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0)
    {
        const std::string db = "--db=" + path;
        execl(program.c_str(),
              program.c_str(),
              db.c_str(),
              "--simTime=100000",
              "--ns3::EdgeDnnRecorder::BatchSize=50",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    // Wait (up to two minutes) until a batch of frames is committed, then kill the writer.
    int64_t frames = 0;
    for (int i = 0; i < 1200 && frames == 0; ++i)
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
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    ASSERT_GT(frames, 0) << "no batch was committed";
    {
        SqliteDatabase db(path, SqliteDatabase::READ_WRITE_CREATE);
        SqliteStatement check = db.Prepare("PRAGMA integrity_check");
        ASSERT_TRUE(check.Step());
        EXPECT_EQ(check.GetText(0), "ok");
        EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM runs"), 1);
        EXPECT_EQ(db.QueryInt("SELECT finished FROM runs"), 0);
        EXPECT_GE(db.QueryInt("SELECT COUNT(*) FROM frames"), frames);
        EXPECT_GT(db.QueryInt("SELECT COUNT(*) FROM tasks"), 0);
    }
    // The database takes the next run.
    RecordBusyChain(path, "after", nullptr, Seconds(0.5));
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM runs WHERE finished = 1"), 1);
}

TEST_F(Recorder, ReportSummarisesRunsAndPlots)
{
    const std::string path = Path("report.db");
    RecordBusyChain(path, "alpha", nullptr);
    RngSeedManager::SetRun(2);
    RecordBusyChain(path, "beta", nullptr);
    const std::string out = Path("plots");
    const std::string command = std::string(EDGE_DNN_BIN_DIR) + "/edge-dnn-report --db=" + path +
                                " --outputDir=" + out + " > " + Path("report.txt") + " 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << FileBytes(Path("report.txt"));
    const std::string text = FileBytes(Path("report.txt"));
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    for (const char* algorithm : {"alpha", "beta"})
    {
        SqliteStatement s = db.Prepare(
            "SELECT frames, completed FROM algorithm_deadline_hits WHERE algorithm = ?1");
        s.BindText(1, algorithm);
        ASSERT_TRUE(s.Step());
        // The algorithm's line carries its frame and completed counts.
        const std::string counts = " " + s.GetText(0) + " ";
        bool found = false;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);)
        {
            found =
                found || (line.rfind(algorithm, 0) == 0 && line.find(counts) != std::string::npos &&
                          line.find(" " + s.GetText(1) + " ") != std::string::npos);
        }
        EXPECT_TRUE(found) << algorithm << " in\n" << text;
    }
    if (std::system("command -v gnuplot >/dev/null 2>&1") == 0)
    {
        for (const char* png : {"latency-cdf.png", "deadline-hit-ratio.png", "cloud-traffic.png"})
        {
            EXPECT_GT(fs::file_size(out + "/" + png), 1000u) << png;
        }
    }
    const std::string bad = std::string(EDGE_DNN_BIN_DIR) +
                            "/edge-dnn-report --db=" + Path("missing.db") + " > " +
                            Path("bad.txt") + " 2>&1";
    EXPECT_NE(std::system(bad.c_str()), 0);
    EXPECT_NE(FileBytes(Path("bad.txt")).find("missing.db' does not exist"), std::string::npos);
}

TEST_F(Recorder, BadDatabasesAreRefusedAndLeftUntouched)
{
    auto open = [](const std::string& path) {
        return ErrorOf([&] { CreateObject<EdgeDnnRecorder>()->Open(path); });
    };
    const std::string missingDir = Path("no-such-dir/run.db");
    EXPECT_EQ(open(missingDir),
              "database '" + missingDir + "' cannot be created: directory '" + Path("no-such-dir") +
                  "' does not exist; expected a writable SQLite database file (or a new one)");
    EXPECT_FALSE(fs::exists(Path("no-such-dir")));

    EXPECT_EQ(open(m_dir.string()),
              "database '" + m_dir.string() +
                  "' is a directory: expected a writable SQLite database file (or a new one)");

    const std::string text = Path("notes.txt");
    {
        std::ofstream out(text);
        out << "not a database, but someone's notes that must survive\n";
        for (int i = 0; i < 200; ++i)
        {
            out << "line " << i << "\n";
        }
    }
    const std::string textBytes = FileBytes(text);
    EXPECT_EQ(open(text),
              "'" + text +
                  "' is not an SQLite database (file is not a database): expected a writable "
                  "SQLite database file (or a new one)");
    EXPECT_EQ(FileBytes(text), textBytes);

    const std::string other = Path("other.db");
    {
        SqliteDatabase db(other, SqliteDatabase::READ_WRITE_CREATE);
        db.Execute("CREATE TABLE frames (id INTEGER, payload TEXT); "
                   "INSERT INTO frames VALUES (1, 'precious')");
    }
    const std::string otherBytes = FileBytes(other);
    EXPECT_EQ(open(other),
              "database '" + other +
                  "' has an incompatible table 'frames': column 'run_id' is missing; expected an "
                  "edge-dnn recorder database (schema version 5; versions 1 to 4 are upgraded) or "
                  "a new file");
    EXPECT_EQ(FileBytes(other), otherBytes);
    EXPECT_FALSE(fs::exists(other + "-wal"));

    const std::string foreign = Path("foreign.db");
    {
        SqliteDatabase db(foreign, SqliteDatabase::READ_WRITE_CREATE);
        db.Execute("PRAGMA application_id = 1234; CREATE TABLE t (x)");
    }
    const std::string foreignBytes = FileBytes(foreign);
    EXPECT_EQ(
        open(foreign),
        "database '" + foreign +
            "' belongs to another application (application_id 1234): expected an edge-dnn "
            "recorder database (schema version 5; versions 1 to 4 are upgraded) or a new file");
    EXPECT_EQ(FileBytes(foreign), foreignBytes);

    const std::string newer = Path("newer.db");
    ASSERT_EQ(open(newer), "");
    {
        SqliteDatabase db(newer, SqliteDatabase::READ_WRITE_CREATE);
        db.Execute("PRAGMA user_version = 99");
    }
    const std::string newerBytes = FileBytes(newer);
    EXPECT_EQ(open(newer),
              "database '" + newer +
                  "' has edge-dnn schema version 99: expected an edge-dnn recorder database "
                  "(schema version 5; versions 1 to 4 are upgraded) or a new file");
    EXPECT_EQ(FileBytes(newer), newerBytes);
}

} // namespace

namespace
{

/// What the tasks table says of one task.
struct TaskRowSeen
{
    bool admitted{false};                    //!< admitted
    std::optional<int64_t> splitIndex;       //!< split_index
    std::optional<std::string> splitLayer;   //!< split_layer
    std::optional<int64_t> featureBytes;     //!< feature_bytes
    std::optional<int64_t> edgeMacs;         //!< edge_macs
    std::optional<int64_t> cloudMacs;        //!< cloud_macs
    std::optional<double> predictedLatencyS; //!< predicted_latency_s
    std::optional<double> allocatedBps;      //!< allocated_bps
};

/**
 * \brief Build a small topology by hand with ns-3's own helpers (cameras on point-to-point links to
 * an edge server, whose uplink to the cloud is narrow), record it, schedule it with an algorithm,
 * run it, and read the tasks table.
 * \param path the database
 * \param algorithm the scheduling algorithm
 * \param placements the scheduler's placements, by task id
 * \param recordFirst install the recorder before the scheduler decides (else after)
 * \return the rows by task id
 */
std::map<uint32_t, TaskRowSeen>
RecordScheduledRun(const std::string& path,
                   const std::string& algorithm,
                   std::vector<TaskPlacement>& placements,
                   bool recordFirst)
{
    const uint32_t cameras = 6;
    const DataRate uplink("12Mbps");
    NodeContainer devices;
    devices.Create(cameras);
    Ptr<Node> edge = CreateObject<Node>();
    Ptr<Node> cloud = CreateObject<Node>();
    InternetStackHelper internet;
    internet.InstallAll();
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(1)));
    Ipv4AddressHelper addresses("10.1.0.0", "255.255.255.252");
    for (uint32_t k = 0; k < cameras; ++k)
    {
        addresses.Assign(p2p.Install(devices.Get(k), edge));
        addresses.NewNetwork();
    }
    p2p.SetDeviceAttribute("DataRate", DataRateValue(uplink));
    p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(10)));
    NetDeviceContainer wan = p2p.Install(edge, cloud);
    addresses.SetBase("10.2.0.0", "255.255.255.252");
    const Ipv4InterfaceContainer wanAddresses = addresses.Assign(wan);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    const InetSocketAddress access(wanAddresses.GetAddress(0), 9000);
    const InetSocketAddress cloudAddress(wanAddresses.GetAddress(1), 9100);
    CloudServerHelper().Install(cloud);
    EdgeServerHelper edgeHelper;
    edgeHelper.SetAttribute("WorkerCapacity", DoubleValue(2e10));
    Ptr<EdgeServerApplication> edgeApp =
        DynamicCast<EdgeServerApplication>(edgeHelper.Install(edge).Get(0));
    std::vector<Ptr<IotDeviceApplication>> apps;
    for (uint32_t k = 0; k < cameras; ++k)
    {
        IotDeviceHelper camera(access);
        camera.SetAttribute("TaskId", UintegerValue(k));
        camera.SetAttribute("Model", StringValue("squeezenet1.1"));
        camera.SetAttribute("FrameRate", DoubleValue(5));
        camera.SetAttribute("Deadline", TimeValue(MilliSeconds(300)));
        ApplicationContainer app = camera.Install(devices.Get(k));
        app.Start(Seconds(0.1));
        app.Stop(Seconds(1));
        apps.push_back(DynamicCast<IotDeviceApplication>(app.Get(0)));
    }

    RecorderHelper recorderHelper;
    recorderHelper.SetAttribute("Algorithm", StringValue(algorithm));
    recorderHelper.AddLink("edge-to-cloud", wan.Get(0), wan.Get(1), true);
    Ptr<EdgeDnnRecorder> recorder;
    if (recordFirst)
    {
        recorder = recorderHelper.Install(path);
    }

    SchedulerHelper scheduler(algorithm);
    scheduler.AddEdgeServer(edgeApp, uplink, access, cloudAddress);
    for (const auto& app : apps)
    {
        scheduler.AddDevice(app);
    }
    scheduler.Schedule();
    placements = scheduler.GetAssignment().GetPlacements();
    if (!recordFirst)
    {
        // Decisions made before the recorder exists still reach it: devices keep theirs.
        recorder = recorderHelper.Install(path);
    }

    Simulator::Stop(Seconds(1.5));
    Simulator::Run();
    recorder->Finish();
    const int64_t runId = recorder->GetRunId();
    Simulator::Destroy();

    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement s = db.Prepare(
        "SELECT task_id, admitted, split_index, split_layer, feature_bytes, edge_macs, cloud_macs, "
        "predicted_latency_s, allocated_bps FROM tasks WHERE run_id = ?1");
    s.BindInt(1, runId);
    std::map<uint32_t, TaskRowSeen> rows;
    while (s.Step())
    {
        TaskRowSeen& row = rows[static_cast<uint32_t>(s.GetInt(0))];
        auto integer = [&s](int c) {
            return s.IsNull(c) ? std::nullopt : std::optional<int64_t>(s.GetInt(c));
        };
        auto real = [&s](int c) {
            return s.IsNull(c) ? std::nullopt : std::optional<double>(s.GetDouble(c));
        };
        row.admitted = s.GetInt(1) != 0;
        row.splitIndex = integer(2);
        row.splitLayer = s.IsNull(3) ? std::nullopt : std::optional<std::string>(s.GetText(3));
        row.featureBytes = integer(4);
        row.edgeMacs = integer(5);
        row.cloudMacs = integer(6);
        row.predictedLatencyS = real(7);
        row.allocatedBps = real(8);
    }
    return rows;
}

/**
 * \brief Check the tasks rows of a run against the scheduler's placements.
 * \param rows the rows by task id
 * \param placements the placements by task id
 */
void
ExpectTasksFollowPlacements(const std::map<uint32_t, TaskRowSeen>& rows,
                            const std::vector<TaskPlacement>& placements)
{
    ASSERT_EQ(rows.size(), placements.size());
    uint32_t admittedRows = 0;
    uint32_t admittedPlacements = 0;
    for (uint32_t task = 0; task < placements.size(); ++task)
    {
        const TaskPlacement& p = placements[task];
        const TaskRowSeen& row = rows.at(task);
        admittedRows += row.admitted ? 1 : 0;
        admittedPlacements += p.admitted ? 1 : 0;
        EXPECT_EQ(row.admitted, p.admitted) << "task " << task;
        // A split point exactly for admitted tasks.
        EXPECT_EQ(row.splitIndex.has_value(), p.admitted) << "task " << task;
        EXPECT_EQ(row.splitLayer.has_value(), p.admitted) << "task " << task;
        EXPECT_EQ(row.featureBytes.has_value(), p.admitted) << "task " << task;
        EXPECT_EQ(row.edgeMacs.has_value(), p.admitted) << "task " << task;
        EXPECT_EQ(row.cloudMacs.has_value(), p.admitted) << "task " << task;
        if (!p.admitted)
        {
            continue;
        }
        ASSERT_TRUE(row.splitIndex && row.predictedLatencyS && row.allocatedBps) << "task " << task;
        EXPECT_EQ(*row.splitIndex, p.splitIndex) << "task " << task;
        // The decision carries the latency as an ns-3 Time (ns resolution).
        EXPECT_NEAR(*row.predictedLatencyS, p.latencyS, 1e-9) << "task " << task;
        EXPECT_GT(*row.predictedLatencyS, 0) << "task " << task;
        EXPECT_DOUBLE_EQ(*row.allocatedBps, std::ceil(p.bandwidthBps)) << "task " << task;
    }
    EXPECT_EQ(admittedRows, admittedPlacements);
}

} // namespace

TEST_F(Recorder, TasksFollowTheSchedulersDecisionsCloudOnly)
{
    std::vector<TaskPlacement> placements;
    const auto rows = RecordScheduledRun(Path("cloud-only.db"), "cloud-only", placements, true);
    // The narrow uplink does what it is for: some tasks are rejected, some admitted.
    const auto admitted = std::count_if(placements.begin(), placements.end(), [](const auto& p) {
        return p.admitted;
    });
    EXPECT_GT(admitted, 0);
    EXPECT_LT(admitted, static_cast<long>(placements.size()));
    ExpectTasksFollowPlacements(rows, placements);
}

TEST_F(Recorder, TasksFollowTheSchedulersDecisionsOurs)
{
    std::vector<TaskPlacement> placements;
    const auto rows = RecordScheduledRun(Path("ours.db"), "ours", placements, false);
    const auto admitted = std::count_if(placements.begin(), placements.end(), [](const auto& p) {
        return p.admitted;
    });
    EXPECT_GT(admitted, 0);
    ExpectTasksFollowPlacements(rows, placements);
}

namespace
{

/**
 * \brief A table of the test's own, recorded through the probe interface alone: frames created per
 * task (FrameCreated), one row per task at the run's end, and the tasks seen, one row per task as
 * soon as its first frame is created (so that rows are buffered and written during the run too).
 */
class FramesPerTaskProbe : public RecorderProbe
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::FramesPerTaskProbe")
                                .SetParent<RecorderProbe>()
                                .SetGroupName("EdgeDnn")
                                .AddConstructor<FramesPerTaskProbe>();
        return tid;
    }

    std::vector<std::string> GetTables() const override
    {
        return {"CREATE TABLE frames_per_task (run_id INTEGER NOT NULL, task_id INTEGER NOT NULL, "
                "frames INTEGER NOT NULL)",
                "CREATE TABLE first_frames (run_id INTEGER NOT NULL, task_id INTEGER NOT NULL, "
                "t_s REAL NOT NULL)"};
    }

    std::vector<std::string> GetIndexes() const override
    {
        return {"CREATE INDEX IF NOT EXISTS frames_per_task_run ON frames_per_task(run_id)"};
    }

    void Prepare(SqliteDatabase& db) override
    {
        m_insertCount =
            db.Prepare("INSERT INTO frames_per_task (run_id, task_id, frames) VALUES (?1, ?2, ?3)");
        m_insertFirst =
            db.Prepare("INSERT INTO first_frames (run_id, task_id, t_s) VALUES (?1, ?2, ?3)");
    }

    void Connect(const RunInfo& run) override
    {
        m_runId = run.runId;
        const Config::MatchContainer devices =
            Config::LookupMatches("/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication");
        for (std::size_t i = 0; i < devices.GetN(); ++i)
        {
            devices.Get(i)->TraceConnectWithoutContext(
                "FrameCreated",
                MakeCallback(&FramesPerTaskProbe::Created, this));
        }
    }

    bool HasPendingRows() const override
    {
        return !m_counts.empty() || !m_firsts.empty();
    }

    uint64_t Write() override
    {
        for (const auto& [task, frames] : m_counts)
        {
            m_insertCount.BindInt(1, m_runId);
            m_insertCount.BindInt(2, task);
            m_insertCount.BindInt(3, frames);
            m_insertCount.Step();
            m_insertCount.Reset();
        }
        for (const auto& [task, t] : m_firsts)
        {
            m_insertFirst.BindInt(1, m_runId);
            m_insertFirst.BindInt(2, task);
            m_insertFirst.BindDouble(3, t.GetSeconds());
            m_insertFirst.Step();
            m_insertFirst.Reset();
        }
        ++writes;
        return m_counts.size() + m_firsts.size();
    }

    void Committed() override
    {
        m_counts.clear();
        m_firsts.clear();
    }

    void Finish(Time /* now */) override
    {
        for (const auto& [task, frames] : m_created)
        {
            m_counts.emplace_back(task, frames);
            RowBuffered();
        }
    }

    uint32_t writes{0}; //!< Write() calls

  protected:
    void DoDispose() override
    {
        m_insertCount = SqliteStatement();
        m_insertFirst = SqliteStatement();
        RecorderProbe::DoDispose();
    }

  private:
    /**
     * \brief FrameCreated.
     * \param taskId the task
     */
    void Created(uint32_t taskId, uint32_t /* frameSeq */, uint32_t /* bytes */)
    {
        if (m_created[taskId]++ == 0)
        {
            m_firsts.emplace_back(taskId, Simulator::Now());
            RowBuffered();
        }
    }

    int64_t m_runId{0};                                 //!< the run
    std::map<uint32_t, int64_t> m_created;              //!< frames created by task
    std::vector<std::pair<uint32_t, int64_t>> m_counts; //!< frames_per_task rows to write
    std::vector<std::pair<uint32_t, Time>> m_firsts;    //!< first_frames rows to write
    SqliteStatement m_insertCount;                      //!< INSERT INTO frames_per_task
    SqliteStatement m_insertFirst;                      //!< INSERT INTO first_frames
};

/**
 * \brief Run the busy chain with a FramesPerTaskProbe.
 * \param path the database
 * \param probe the probe
 * \param ledger follows the same run
 * \return the run id
 */
int64_t
RecordWithProbe(const std::string& path, Ptr<FramesPerTaskProbe> probe, FrameLedger& ledger)
{
    const Chain chain = BuildChain(BusyChain());
    RecorderHelper helper;
    helper.SetAttribute("BatchSize", UintegerValue(2)); // the probe's rows span several batches
    helper.AddProbe(probe);
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    ledger.Connect();
    Simulator::Stop(Seconds(1.2));
    Simulator::Run();
    recorder->Finish();
    ledger.Disconnect();
    const int64_t runId = recorder->GetRunId();
    Simulator::Destroy();
    return runId;
}

TEST_F(Recorder, AProbeOfItsOwnAddsATableWithoutTouchingTheRecorder)
{
    const std::string path = Path("probe.db");
    // A database recorded without the probe: its tables are missing there.
    const int64_t plainRun = RecordBusyChain(path, "plain", nullptr);
    {
        SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
        EXPECT_EQ(db.GetObjectType("frames_per_task"), "");
    }
    Ptr<FramesPerTaskProbe> probe = CreateObject<FramesPerTaskProbe>();
    FrameLedger ledger;
    const int64_t runId = RecordWithProbe(path, probe, ledger);
    ASSERT_NE(runId, plainRun);
    EXPECT_GT(probe->writes, 1u) << "written in the recorder's batches, not once at the end";
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.GetObjectType("frames_per_task"), "table");
    EXPECT_EQ(db.GetObjectType("frames_per_task_run"), "index");
    // One row per task, its count that of the task's frames, in the recorder's frames table and in
    // the ledger; nothing for the run recorded without the probe.
    const std::vector<std::string> expected =
        Dump(db,
             "SELECT task_id, COUNT(*) FROM frames WHERE run_id = " + std::to_string(runId) +
                 " GROUP BY task_id ORDER BY task_id");
    ASSERT_EQ(expected.size(), static_cast<std::size_t>(BusyChain().devices));
    EXPECT_EQ(Dump(db, "SELECT task_id, frames FROM frames_per_task ORDER BY task_id"), expected);
    EXPECT_EQ(static_cast<uint64_t>(db.QueryInt("SELECT SUM(frames) FROM frames_per_task")),
              ledger.GetCreated());
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM frames_per_task WHERE run_id <> " +
                          std::to_string(runId)),
              0);
    // The rows buffered during the run: each task's first frame, at its creation time.
    EXPECT_EQ(Dump(db, "SELECT task_id, t_s FROM first_frames ORDER BY task_id"),
              Dump(db,
                   "SELECT task_id, MIN(created_s) FROM frames WHERE run_id = " +
                       std::to_string(runId) + " GROUP BY task_id ORDER BY task_id"));
    // The built-in tables are still written, for both runs.
    for (const char* table : {"tasks", "link_traffic", "server_load"})
    {
        EXPECT_EQ(db.QueryInt(std::string("SELECT COUNT(DISTINCT run_id) FROM ") + table),
                  table == std::string("link_traffic") ? 1 : 2)
            << table;
    }
}

TEST_F(Recorder, AProbesTableThatDoesNotFitIsRefusedAndTheFileLeftUntouched)
{
    const std::string path = Path("old.db");
    RecordBusyChain(path, "plain", nullptr, Seconds(0.3));
    {
        SqliteDatabase db(path, SqliteDatabase::READ_WRITE_CREATE);
        db.Execute("PRAGMA journal_mode = DELETE");
        db.Execute("CREATE TABLE frames_per_task (run_id INTEGER, task INTEGER, n INTEGER)");
    }
    const std::string bytes = FileBytes(path);
    // Through Open with the probe added before: nothing written.
    const std::string message =
        "database '" + path +
        "' has an incompatible table 'frames_per_task': column 'task_id' is missing; expected an "
        "edge-dnn recorder database (schema version 5; versions 1 to 4 are upgraded) or a new file";
    EXPECT_EQ(ErrorOf([&] {
                  Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
                  recorder->AddProbe(CreateObject<FramesPerTaskProbe>());
                  recorder->Open(path);
              }),
              message);
    EXPECT_EQ(FileBytes(path), bytes);
    EXPECT_FALSE(fs::exists(path + "-wal"));
    // Through AddProbe on an open recorder: none of the probe's tables created.
    EXPECT_EQ(ErrorOf([&] {
                  Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
                  recorder->Open(path);
                  recorder->AddProbe(CreateObject<FramesPerTaskProbe>());
              }),
              message);
    {
        SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
        EXPECT_EQ(db.GetObjectType("first_frames"), "") << "a table created in a refused file";
        EXPECT_EQ(db.GetColumns("frames_per_task"),
                  (std::vector<std::string>{"run_id", "task", "n"}));
    }
    // Two probes declaring one table, and a probe added twice or after Connect.
    Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
    Ptr<FramesPerTaskProbe> probe = CreateObject<FramesPerTaskProbe>();
    recorder->AddProbe(probe);
    recorder->AddProbe(CreateObject<FramesPerTaskProbe>());
    EXPECT_EQ(ErrorOf([&] { recorder->Open(Path("new.db")); }),
              "ns3::FramesPerTaskProbe declares table 'frames_per_task', which "
              "ns3::FramesPerTaskProbe declares already: expected a table name of its own");
    EXPECT_EQ(ErrorOf([&] { recorder->AddProbe(probe); }),
              "EdgeDnnRecorder::AddProbe(ns3::FramesPerTaskProbe): this probe was added already: "
              "expected each probe once");
    EXPECT_EQ(ErrorOf([&] { recorder->AddProbe(nullptr); }),
              "EdgeDnnRecorder::AddProbe: the probe is null: expected a RecorderProbe created "
              "with CreateObject");
}

} // namespace

TEST_F(Recorder, KilledAndFinishedRunsAreReportedApart)
{
    // One finished run and one killed mid-run (SIGKILL: no Finish, its row stays unfinished), both
    // of algorithm "alpha". Before, the views and the report summed the killed run's frames and
    // tasks with the finished one's under "alpha".
    const std::string path = Path("apart.db");
    const int64_t finished = RecordBusyChain(path, "alpha", nullptr);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0)
    {
        RngSeedManager::SetRun(2);
        const Chain chain = BuildChain(BusyChain());
        RecorderHelper helper;
        helper.SetAttribute("Algorithm", StringValue("alpha"));
        helper.SetAttribute("BatchSize", UintegerValue(16));
        helper.AddLink("edge-to-cloud", chain.uplink.Get(0), chain.uplink.Get(1), true);
        helper.Install(path);
        Simulator::Schedule(Seconds(0.6), [] { kill(getpid(), SIGKILL); });
        Simulator::Stop(Seconds(1.2));
        Simulator::Run();
        _exit(0); // not reached
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    const int64_t killed = db.QueryInt("SELECT MAX(run_id) FROM runs");
    ASSERT_NE(killed, finished);
    EXPECT_EQ(db.QueryInt("SELECT finished FROM runs WHERE run_id = " + std::to_string(killed)), 0);
    auto count = [&db](const std::string& sql, int64_t run) {
        return db.QueryInt(sql + " WHERE run_id = " + std::to_string(run));
    };
    const int64_t framesFinished = count("SELECT COUNT(*) FROM frames", finished);
    const int64_t framesKilled = count("SELECT COUNT(*) FROM frames", killed);
    const int64_t latenciesFinished =
        db.QueryInt("SELECT COUNT(*) FROM frames WHERE result_rx_s IS NOT NULL AND run_id = " +
                    std::to_string(finished));
    ASSERT_GT(framesFinished, 0);
    ASSERT_GT(framesKilled, 0) << "no batch of the killed run was committed";

    // Every view over several runs says which runs a row holds (ended_by), and keeps them apart.
    std::map<std::string, int64_t> frames;
    SqliteStatement hits = db.Prepare(
        "SELECT ended_by, runs, frames FROM algorithm_deadline_hits WHERE algorithm = 'alpha'");
    while (hits.Step())
    {
        EXPECT_EQ(hits.GetInt(1), 1) << hits.GetText(0);
        frames[hits.GetText(0)] = hits.GetInt(2);
    }
    EXPECT_EQ(frames,
              (std::map<std::string, int64_t>{{"finished", framesFinished},
                                              {"unfinished", framesKilled}}));
    SqliteStatement latency =
        db.Prepare("SELECT frames FROM algorithm_latency_percentiles WHERE algorithm = 'alpha' "
                   "AND ended_by = 'finished'");
    ASSERT_TRUE(latency.Step());
    EXPECT_EQ(latency.GetInt(0), latenciesFinished);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM algorithm_cloud_bytes WHERE algorithm = 'alpha'"),
              2);
    EXPECT_EQ(db.QueryInt("SELECT runs FROM algorithm_cloud_bytes WHERE algorithm = 'alpha' AND "
                          "ended_by = 'finished'"),
              1);

    // The report: one line per algorithm and way its runs ended, with that run's frames only.
    const ProgramRun report =
        RunProgram("edge-dnn-report", "--db=" + path + " --outputDir=" + Path("plots"));
    ASSERT_EQ(report.status, 0) << report.output;
    std::map<std::string, std::vector<std::string>> lines;
    std::istringstream text(report.output);
    for (std::string line; std::getline(text, line);)
    {
        if (line.rfind("alpha", 0) == 0)
        {
            std::istringstream words(line);
            std::vector<std::string> columns(std::istream_iterator<std::string>(words), {});
            ASSERT_GE(columns.size(), 5u) << line;
            EXPECT_TRUE(lines.emplace(columns[1], columns).second) << line;
        }
    }
    ASSERT_EQ(lines.size(), 2u) << report.output;
    // algorithm, ended, runs, tasks, frames, ...
    ASSERT_TRUE(lines.count("finished")) << report.output;
    ASSERT_TRUE(lines.count("unfinished")) << report.output;
    EXPECT_EQ(lines["finished"][2], "1");
    EXPECT_EQ(lines["finished"][4], std::to_string(framesFinished));
    EXPECT_EQ(lines["unfinished"][2], "1");
    EXPECT_EQ(lines["unfinished"][4], std::to_string(framesKilled));
}

TEST_F(Recorder, EveryTableAndViewIsDocumentedInTheSchemaSection)
{
    // A new database has every table (the recorder's and its built-in probes') and every view;
    // doc/edge-dnn.rst's "Schema" paragraph names each of them.
    const std::string path = Path("schema.db");
    {
        Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
        recorder->Open(path);
        recorder->Dispose();
    }
    const std::string doc = FileBytes(std::string(EDGE_DNN_SOURCE_DIR) + "/doc/edge-dnn.rst");
    const std::size_t begin = doc.find("Schema\n######\n");
    const std::size_t end = doc.find("Queries\n#######\n");
    ASSERT_NE(begin, std::string::npos);
    ASSERT_NE(end, std::string::npos);
    const std::string schema = doc.substr(begin, end - begin);
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    const auto names =
        Dump(db,
             "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('table', 'view') "
             "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    EXPECT_GE(names.size(), 16u);
    for (std::string name : names)
    {
        name.pop_back(); // Dump's '|'
        const std::string bare = name.substr(name.find(' ') + 1);
        EXPECT_NE(schema.find("``" + bare + "``"), std::string::npos)
            << name << " is not documented in doc/edge-dnn.rst, Schema";
    }
}

TEST_F(Recorder, AVersion1DatabaseIsUpgraded)
{
    // A database as version 1 wrote it: no runs.ended_by, one finished run, one unfinished.
    const std::string path = Path("v1.db");
    RecordBusyChain(path, "old", nullptr, Seconds(0.5));
    RecordBusyChain(path, "old", nullptr, Seconds(0.5));
    {
        SqliteDatabase db(path, SqliteDatabase::READ_WRITE_CREATE);
        std::vector<std::string> views;
        SqliteStatement s = db.Prepare("SELECT name FROM sqlite_master WHERE type = 'view'");
        while (s.Step())
        {
            views.push_back(s.GetText(0));
        }
        s = SqliteStatement();
        for (const std::string& view : views)
        {
            db.Execute("DROP VIEW " + view);
        }
        db.Execute("ALTER TABLE runs DROP COLUMN ended_by; UPDATE runs SET finished = 0 WHERE "
                   "run_id = 2; ALTER TABLE frames DROP COLUMN device_start_s; ALTER TABLE "
                   "frames DROP COLUMN device_done_s; ALTER TABLE frames DROP COLUMN "
                   "device_radio_j; ALTER TABLE frames DROP COLUMN device_compute_j; ALTER TABLE "
                   "frames DROP COLUMN edge_compute_j; ALTER TABLE frames DROP COLUMN "
                   "cloud_compute_j; PRAGMA user_version = 1");
    }
    // The report asks for the upgrade rather than failing on a missing column.
    const ProgramRun refused = RunProgram("edge-dnn-report", "--db=" + path);
    EXPECT_NE(refused.status, 0);
    EXPECT_NE(refused.output.find("has edge-dnn schema version 1: expected version 5; run again "
                                  "with --upgrade"),
              std::string::npos)
        << refused.output;
    // The recorder upgrades it and appends.
    RecordBusyChain(path, "new", nullptr, Seconds(0.5));
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("PRAGMA user_version"), 5);
    // The device times and the energy columns are added at the end, in a fresh table's order,
    // NULL for the frames written before.
    EXPECT_EQ(Dump(db, "SELECT name FROM pragma_table_info('frames') WHERE cid >= 14 ORDER BY cid"),
              (std::vector<std::string>{"device_start_s|",
                                        "device_done_s|",
                                        "device_radio_j|",
                                        "device_compute_j|",
                                        "edge_compute_j|",
                                        "cloud_compute_j|"}));
    EXPECT_EQ(Dump(db, "SELECT COUNT(*) FROM frames WHERE device_start_s IS NOT NULL"),
              (std::vector<std::string>{"0|"}));
    // The busy chain meters no energy: the new run's frames have the parts they reached at 0 W
    // (edge and cloud compute), the old runs' NULL.
    EXPECT_EQ(Dump(db,
                   "SELECT run_id, COUNT(edge_compute_j) > 0, TOTAL(edge_compute_j) = 0, "
                   "COUNT(device_radio_j) FROM frames GROUP BY run_id ORDER BY run_id"),
              (std::vector<std::string>{"1|0|1|0|", "2|0|1|0|", "3|1|1|0|"}));
    EXPECT_EQ(Dump(db, "SELECT run_id, finished, ended_by FROM runs ORDER BY run_id"),
              (std::vector<std::string>{"1|1|finished|", "2|0|NULL|", "3|1|finished|"}));
    EXPECT_EQ(
        Dump(db, "SELECT algorithm, ended_by, runs FROM algorithm_deadline_hits ORDER BY 1, 2"),
        (std::vector<std::string>{"new|finished|1|", "old|finished|1|", "old|unfinished|1|"}));
}

// A topology of one's own, recorded: the sample of README "Using it" and doc/edge-dnn.rst
// ("Recording results", "A topology of your own") line for line, on a network built with plain
// ns-3: a camera behind edge 0, edge 1 behind edge 0, each edge with its own uplink to the cloud.
// The camera may use either edge server (AddDevice's server list); the recorder counts both
// uplinks (AddLink), and the one the camera's features took carries bytes.
TEST_F(Recorder, TopologyOfOnesOwnWithAddLinkAndServerList)
{
    NodeContainer nodes;
    nodes.Create(4); // camera, edge 0, edge 1, cloud
    Ptr<Node> cameraNode = nodes.Get(0);
    NodeContainer edges(nodes.Get(1), nodes.Get(2));
    Ptr<Node> cloud = nodes.Get(3);
    InternetStackHelper().Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    Ipv4AddressHelper addresses("10.1.0.0", "255.255.255.252");
    const Ipv4Address cameraSide = addresses.Assign(p2p.Install(cameraNode, edges.Get(0)))
                                       .GetAddress(1); // edge 0 as the camera sees it
    addresses.NewNetwork();
    const Ipv4Address backbone =
        addresses.Assign(p2p.Install(edges.Get(0), edges.Get(1))).GetAddress(1); // edge 1
    addresses.NewNetwork();
    std::vector<NetDeviceContainer> wans;
    std::vector<Ipv4Address> cloudAddresses;
    for (uint32_t i = 0; i < 2; ++i)
    {
        p2p.SetDeviceAttribute("DataRate", StringValue(i == 0 ? "2Mbps" : "20Mbps"));
        wans.push_back(p2p.Install(edges.Get(i), cloud));
        cloudAddresses.push_back(addresses.Assign(wans[i]).GetAddress(1));
        addresses.NewNetwork();
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    const std::vector<Ipv4Address> edgeAddresses{cameraSide, backbone};

    CloudServerHelper(9100).Install(cloud);
    ApplicationContainer edgeApps = EdgeServerHelper(9000).Install(edges);
    IotDeviceHelper cameraHelper(InetSocketAddress(edgeAddresses[0], 9000));
    cameraHelper.SetAttribute("Model", StringValue("resnet18"));
    cameraHelper.SetAttribute("FrameRate", DoubleValue(4));
    cameraHelper.SetAttribute("Deadline", TimeValue(MilliSeconds(500)));
    ApplicationContainer cameraApps = cameraHelper.Install(cameraNode);
    cameraApps.Start(Seconds(0.1));
    cameraApps.Stop(Seconds(2));
    Ptr<IotDeviceApplication> camera = DynamicCast<IotDeviceApplication>(cameraApps.Get(0));

    // The sample, as documented.
    SchedulerHelper scheduler("ours");
    for (uint32_t i = 0; i < 2; ++i)
    {
        scheduler.AddEdgeServer(DynamicCast<EdgeServerApplication>(edgeApps.Get(i)),
                                wans[i].Get(0), // b_i: that device's DataRate
                                InetSocketAddress(edgeAddresses[i], 9000),
                                InetSocketAddress(cloudAddresses[i], 9100));
    }
    scheduler.AddDevice(camera, {0, 1}); // the servers (AddEdgeServer's indices) it may use
    RecorderHelper recorder;
    for (uint32_t i = 0; i < 2; ++i)
    {
        const std::string edge = "edge" + std::to_string(i);
        recorder.AddLink(edge + "-to-cloud", wans[i].Get(0), wans[i].Get(1), true);
        recorder.AddLink("cloud-to-" + edge, wans[i].Get(1), wans[i].Get(0), false);
    }
    recorder.Install(Path("results.db")); // after the applications
    scheduler.Schedule();
    // End of the sample.

    const TaskPlacement placement = scheduler.GetPlacement(camera->GetTaskId());
    ASSERT_TRUE(placement.admitted);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    Simulator::Destroy();

    SqliteDatabase db(Path("results.db"), SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM runs WHERE finished = 1"), 1);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(DISTINCT link) FROM link_traffic"), 4);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(DISTINCT link) FROM link_traffic WHERE to_cloud = 1"), 2);
    const std::string used = "edge" + std::to_string(placement.server) + "-to-cloud";
    EXPECT_GT(db.QueryInt("SELECT SUM(tx_bytes) FROM link_traffic WHERE link = '" + used + "'"), 0)
        << used;
    EXPECT_GT(db.QueryInt("SELECT COUNT(*) FROM frames WHERE status = 'completed'"), 0);
}

/**
 * \brief The lines of a table the report printed: from the line after its title to the first
 * blank line.
 * \param text the report
 * \param title the line before the table
 * \return the heading and the rows
 */
std::vector<std::string>
ReportTable(const std::string& text, const std::string& title)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    bool inside = false;
    for (std::string line; std::getline(in, line);)
    {
        if (inside && line.empty())
        {
            break;
        }
        if (inside)
        {
            lines.push_back(line);
        }
        inside = inside || line == title;
    }
    return lines;
}

// The report's tables keep their columns in line whatever the names' lengths (each column as
// wide as its content), its hit ratios say which bound they count (the devices' LatencyModel), and
// its per-task plot breaks its line at a task rejected in between rather than drawing across it.
TEST_F(Recorder, ReportFitsLongNamesLabelsTheBoundAndBreaksAtRejectedTasks)
{
    const std::string path = Path("long.db");
    const std::string algorithm = "an-algorithm-whose-name-is-far-longer-than-its-column";
    RecordBusyChain(path, algorithm, nullptr);
    {
        SqliteDatabase db(path, SqliteDatabase::READ_WRITE_CREATE);
        ASSERT_EQ(db.QueryInt("SELECT COUNT(*) FROM tasks"), 3);
        // Task 1 rejected: no frames; the scenario named at length too.
        db.Execute("UPDATE tasks SET admitted = 0 WHERE task_id = 1");
        db.Execute("DELETE FROM frames WHERE task_id = 1");
        db.Execute("UPDATE runs SET scenario = 'a-campus-with-a-long-scenario-name'");
    }
    const std::string out = Path("plots");
    const std::string command = std::string(EDGE_DNN_BIN_DIR) + "/edge-dnn-report --db=" + path +
                                " --outputDir=" + out + " > " + Path("report.txt") + " 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << FileBytes(Path("report.txt"));
    const std::string text = FileBytes(Path("report.txt"));
    for (const std::string title :
         {"Runs", "Algorithms (one line per algorithm and way its runs ended)"})
    {
        const std::vector<std::string> table = ReportTable(text, title);
        ASSERT_EQ(table.size(), 2u) << title << " in\n" << text;
        // The last column is right-aligned: a line in line with the heading is as long as it.
        EXPECT_EQ(table[1].size(), table[0].size()) << table[0] << "\n" << table[1];
        EXPECT_NE(table[1].find(algorithm), std::string::npos) << table[1];
        // The bound column, under its heading: end to end, the devices' default LatencyModel.
        const std::size_t bound = table[0].find(" bound");
        ASSERT_NE(bound, std::string::npos) << table[0];
        EXPECT_EQ(table[1].substr(bound + 6 - 3, 3), "e2e") << table[0] << "\n" << table[1];
    }
    EXPECT_NE(text.find("e2e =\nend to end"), std::string::npos) << text;

    const std::string script = FileBytes(out + "/deadline-hit-ratio.plt");
    EXPECT_NE(script.find("deadline hit ratio (end-to-end, within Q_j)"), std::string::npos)
        << script;
    // The data block of the one dataset: task 0, a blank line (gnuplot's gap), task 2.
    const std::size_t data = script.find("\n0 ");
    ASSERT_NE(data, std::string::npos) << script;
    const std::size_t next = script.find("\n2 ", data);
    ASSERT_NE(next, std::string::npos) << script;
    EXPECT_NE(script.substr(data, next - data + 1).find("\n\n"), std::string::npos)
        << "no gap between tasks 0 and 2:\n"
        << script;
}
