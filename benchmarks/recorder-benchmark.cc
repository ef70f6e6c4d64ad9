/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The SQLite recorder's cost, as ratios against baselines measured in the same process:
//  1. insert path: EdgeDnnRecorder::RecordFrame + batched flushes against SQLite's own ceiling, one
//     reused prepared statement inserting the same rows into the same frames table in batches
//     (target: at least 500,000 rows/s);
//  2. a scenario of at least 100,000 frames run without and with the recorder, same seed and run
//     (target: wall-time ratio at most 1.10). Runs alternate and the fastest of each is kept, so
//     that other load on the machine counts as little as possible.
//
//     edge-dnn-recorder-benchmark [--rows=1000000] [--simTime=100] [--edges=2]
//                                 [--devicesPerEdge=10] [--frameRate=50] [--repeats=3]

#include "ns3/cloud-server-helper.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sqlite3.h>
#include <unistd.h>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

const char* g_model = "mobilenet-v2"; //!< every camera's network

/** \return seconds on a steady clock */
double
Now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/**
 * \param path a database file
 * \brief Remove it and its WAL files.
 */
void
Remove(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    {
        std::filesystem::remove(path + suffix);
    }
}

/**
 * \brief SQLite's ceiling: the frames table of the recorder's schema, one reused prepared
 * statement, batches of 8192 rows per transaction, WAL, synchronous NORMAL, the recorder's
 * checkpoint interval.
 * \param path a fresh database
 * \param rows rows to insert
 * \return rows per second
 */
double
SqliteCeiling(const std::string& path, uint64_t rows)
{
    {
        Ptr<EdgeDnnRecorder> schema = CreateObject<EdgeDnnRecorder>();
        schema->Open(path); // the same tables
        schema->Dispose();
    }
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(
        db,
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384",
        nullptr,
        nullptr,
        nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO frames (run_id, task_id, frame_seq, created_s, edge_rx_s, "
                       "edge_start_s, edge_done_s, cloud_rx_s, cloud_start_s, cloud_done_s, "
                       "result_rx_s, status, frame_bytes, drop_reason) VALUES (?1, ?2, ?3, ?4, "
                       "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                       -1,
                       &insert,
                       nullptr);
    const double start = Now();
    for (uint64_t i = 0; i < rows; ++i)
    {
        if (i % 8192 == 0)
        {
            sqlite3_exec(db, i == 0 ? "BEGIN" : "COMMIT; BEGIN", nullptr, nullptr, nullptr);
        }
        sqlite3_bind_int64(insert, 1, 1);
        sqlite3_bind_int64(insert, 2, static_cast<int64_t>(i % 20));
        sqlite3_bind_int64(insert, 3, static_cast<int64_t>(i / 20));
        for (int c = 4; c <= 11; ++c)
        {
            sqlite3_bind_double(insert, c, i * 1e-3 + c * 1e-4);
        }
        sqlite3_bind_text(insert, 12, "completed", -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert, 13, 2000);
        sqlite3_bind_null(insert, 14);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double seconds = Now() - start;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return rows / seconds;
}

/**
 * \brief The recorder's insert path: RecordFrame per row, batches written as they fill.
 * \param path a fresh database
 * \param rows rows to insert
 * \return rows per second
 */
double
RecorderInsertPath(const std::string& path, uint64_t rows)
{
    Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
    recorder->Open(path);
    recorder->Connect();
    EdgeDnnRecorder::FrameRecord record;
    record.status = FrameStatus::COMPLETED;
    record.bytes = 2000;
    const double start = Now();
    for (uint64_t i = 0; i < rows; ++i)
    {
        record.taskId = static_cast<uint32_t>(i % 20);
        record.frameSeq = static_cast<uint32_t>(i / 20);
        for (int c = 0; c < FrameTracker::TIME_COUNT; ++c)
        {
            record.times[c] = static_cast<int64_t>(i) * 1000000 + c * 100000;
        }
        recorder->RecordFrame(record);
    }
    recorder->Flush();
    const double seconds = Now() - start;
    recorder->Finish();
    recorder->Dispose();
    Simulator::Destroy();
    return rows / seconds;
}

/// What one scenario run gives.
struct ScenarioRun
{
    double seconds;  //!< wall-clock seconds
    double cpu;      //!< CPU seconds of the process
    uint64_t frames; //!< frames created
    uint64_t done;   //!< completed or late
    uint64_t rows;   //!< rows written by the recorder
};

/**
 * \brief Cameras behind edge servers sending small frames, everything but the output at the edge.
 * \param simTime simulated time
 * \param edges edge servers
 * \param devicesPerEdge cameras per edge
 * \param frameRate frames per second per camera
 * \param db database to record into ("" for none)
 * \return the run's figures
 */
ScenarioRun
RunScenario(double simTime,
            uint32_t edges,
            uint32_t devicesPerEdge,
            double frameRate,
            const std::string& db)
{
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
    const double start = Now();
    const std::clock_t cpuStart = std::clock();
    EdgeTopologyHelper topologyHelper;
    topologyHelper.SetSize(edges, devicesPerEdge);
    topologyHelper.SetUplink(DataRate("100Mbps"), MilliSeconds(10));
    const EdgeTopology t = topologyHelper.Install();
    const TypeId udp = TypeId::LookupByName("ns3::UdpSocketFactory");
    CloudServerHelper cloud;
    cloud.SetAttribute("Protocol", TypeIdValue(udp));
    cloud.Install(t.cloud);
    EdgeServerHelper edge;
    edge.SetAttribute("Protocol", TypeIdValue(udp));
    edge.SetAttribute("WorkerCapacity", DoubleValue(1e12));
    edge.Install(t);
    const uint32_t split = ModelRegistry::GetProfile(g_model).GetLastIndex();
    ApplicationContainer cameras;
    for (uint32_t i = 0; i < edges; ++i)
    {
        IotDeviceHelper camera(InetSocketAddress(t.edgeAccessAddresses[i], 9000));
        camera.SetAttribute("TaskId", UintegerValue(i * devicesPerEdge));
        camera.SetAttribute("Protocol", TypeIdValue(udp));
        camera.SetAttribute("Model", StringValue(g_model));
        camera.SetAttribute("SplitIndex", UintegerValue(split));
        camera.SetAttribute("InputBytes", UintegerValue(2000));
        camera.SetAttribute("FrameRate", DoubleValue(frameRate));
        camera.SetAttribute("Deadline", TimeValue(MilliSeconds(30)));
        cameras.Add(camera.Install(t.devices[i]));
    }
    cameras.Start(Seconds(0.1));
    cameras.Stop(Seconds(simTime));
    Ptr<EdgeDnnRecorder> recorder;
    if (!db.empty())
    {
        RecorderHelper helper;
        helper.SetAttribute("Scenario", StringValue("recorder-benchmark"));
        helper.AddTopologyLinks(t);
        recorder = helper.Install(db);
    }
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(Seconds(simTime + 0.5));
    Simulator::Run();
    ScenarioRun run{0,
                    0,
                    ledger.GetCreated(),
                    ledger.GetCount(FrameStatus::COMPLETED) + ledger.GetCount(FrameStatus::LATE),
                    0};
    ledger.Disconnect();
    if (recorder)
    {
        recorder->Finish();
        run.rows = recorder->GetRowsWritten();
    }
    Simulator::Destroy();
    run.seconds = Now() - start;
    run.cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    return run;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t rows = 1000000;
    double simTime = 100;
    uint32_t edges = 2;
    uint32_t devicesPerEdge = 10;
    double frameRate = 50;
    uint32_t repeats = 3;
    std::string dir = std::filesystem::temp_directory_path().string();
    CommandLine cmd(__FILE__);
    cmd.AddValue("rows", "Rows for the insert-path benchmark", rows);
    cmd.AddValue("simTime", "Simulated time of the scenario (s)", simTime);
    cmd.AddValue("edges", "Edge servers", edges);
    cmd.AddValue("devicesPerEdge", "Cameras per edge server", devicesPerEdge);
    cmd.AddValue("frameRate", "Frames per second per camera", frameRate);
    cmd.AddValue("repeats", "Runs of each variant (the fastest counts)", repeats);
    cmd.AddValue("dir", "Directory for the databases", dir);
    cmd.Parse(argc, argv);

    const std::string path =
        dir + "/edge-dnn-recorder-benchmark-" + std::to_string(getpid()) + ".db";
    double ceiling = 0;
    double recorder = 0;
    for (uint32_t r = 0; r < repeats; ++r)
    {
        Remove(path);
        ceiling = std::max(ceiling, SqliteCeiling(path, rows));
        Remove(path);
        recorder = std::max(recorder, RecorderInsertPath(path, rows));
    }
    std::printf("insert path, %llu frames rows (fastest of %u):\n",
                static_cast<unsigned long long>(rows),
                repeats);
    std::printf("  SQLite ceiling (prepared, batched): %10.0f rows/s\n", ceiling);
    std::printf("  EdgeDnnRecorder::RecordFrame:       %10.0f rows/s  (%.2f of the ceiling; target "
                ">= 500000 rows/s)\n",
                recorder,
                recorder / ceiling);

    ModelRegistry::GetProfile(g_model); // build the profile before timing
    ScenarioRun without{1e300, 1e300, 0, 0, 0};
    ScenarioRun with{1e300, 1e300, 0, 0, 0};
    for (uint32_t r = 0; r < repeats; ++r)
    {
        const ScenarioRun a = RunScenario(simTime, edges, devicesPerEdge, frameRate, "");
        Remove(path);
        const ScenarioRun b = RunScenario(simTime, edges, devicesPerEdge, frameRate, path);
        std::printf("  scenario run %u: without %.2f s (%.2f s CPU), with %.2f s (%.2f s CPU)\n",
                    r + 1,
                    a.seconds,
                    a.cpu,
                    b.seconds,
                    b.cpu);
        without.seconds = std::min(without.seconds, a.seconds);
        without.cpu = std::min(without.cpu, a.cpu);
        with.seconds = std::min(with.seconds, b.seconds);
        with.cpu = std::min(with.cpu, b.cpu);
        without.frames = a.frames;
        without.done = a.done;
        with.frames = b.frames;
        with.done = b.done;
        with.rows = b.rows;
    }
    Remove(path);
    std::printf("scenario: %u cameras, %.0f s simulated, %llu frames (%llu with results; with the "
                "recorder: %llu frames, %llu rows)\n",
                edges * devicesPerEdge,
                simTime,
                static_cast<unsigned long long>(without.frames),
                static_cast<unsigned long long>(without.done),
                static_cast<unsigned long long>(with.frames),
                static_cast<unsigned long long>(with.rows));
    std::printf("  without recorder: %8.2f s wall, %8.2f s CPU\n", without.seconds, without.cpu);
    std::printf("  with recorder:    %8.2f s wall, %8.2f s CPU  (wall ratio %.3f, CPU ratio %.3f; "
                "target <= 1.10)\n",
                with.seconds,
                with.cpu,
                with.seconds / without.seconds,
                with.cpu / without.cpu);
    return without.frames == with.frames && without.done == with.done ? 0 : 1;
}
