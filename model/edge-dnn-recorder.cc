/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-recorder.h"

#include "cloud-server-application.h"
#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"
#include "edge-dnn-frame-ledger.h"
#include "edge-dnn-model-registry.h"
#include "edge-server-application.h"
#include "iot-device-application.h"

#include "ns3/config.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/object-ptr-container.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/version-defines.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <iostream>

#ifndef EDGE_DNN_VERSION
#define EDGE_DNN_VERSION "0.1.0"
#endif

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("EdgeDnnRecorder");

NS_OBJECT_ENSURE_REGISTERED(EdgeDnnRecorder);

namespace
{

/// PRAGMA application_id of edge-dnn databases ("EDNN").
const int32_t g_applicationId = 0x45444E4E;

/// Schema version (PRAGMA user_version).
const int g_schemaVersion = 1;

/// Status names by FrameStatus value, as FrameStatusToString gives them (static: no allocation).
const char* const g_statusNames[] = {"completed", "late", "dropped", "lost", "in_flight"};

/// A table of the schema and the columns the recorder needs in it.
struct TableSpec
{
    const char* name;                 //!< table name
    std::vector<const char*> columns; //!< required columns
    const char* create;               //!< CREATE TABLE statement
};

/// The tables.
const std::vector<TableSpec>&
Tables()
{
    static const std::vector<TableSpec> tables{
        {"runs",
         {"run_id",
          "started_at",
          "finished_at",
          "finished",
          "wall_time_s",
          "sim_time_s",
          "ns3_version",
          "module_version",
          "seed",
          "run_number",
          "scenario",
          "algorithm",
          "bin_width_s",
          "config_json"},
         "CREATE TABLE runs ("
         "run_id INTEGER PRIMARY KEY AUTOINCREMENT, "
         "started_at TEXT NOT NULL, "
         "finished_at TEXT, "
         "finished INTEGER NOT NULL DEFAULT 0, "
         "wall_time_s REAL, "
         "sim_time_s REAL, "
         "ns3_version TEXT NOT NULL, "
         "module_version TEXT NOT NULL, "
         "seed INTEGER NOT NULL, "
         "run_number INTEGER NOT NULL, "
         "scenario TEXT NOT NULL, "
         "algorithm TEXT NOT NULL, "
         "bin_width_s REAL NOT NULL, "
         "config_json TEXT NOT NULL)"},
        {"tasks",
         {"run_id",
          "task_id",
          "device_node",
          "edge_node",
          "model",
          "split_index",
          "split_layer",
          "input_bytes",
          "feature_bytes",
          "frame_rate",
          "deadline_s",
          "admitted",
          "predicted_latency_s",
          "allocated_bps",
          "edge_macs",
          "cloud_macs"},
         "CREATE TABLE tasks ("
         "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
         "task_id INTEGER NOT NULL, "
         "device_node INTEGER, "
         "edge_node INTEGER, "
         "model TEXT, "
         "split_index INTEGER, "
         "split_layer TEXT, "
         "input_bytes INTEGER, "
         "feature_bytes INTEGER, "
         "frame_rate REAL, "
         "deadline_s REAL, "
         "admitted INTEGER NOT NULL DEFAULT 1, "
         "predicted_latency_s REAL, "
         "allocated_bps REAL, "
         "edge_macs INTEGER, "
         "cloud_macs INTEGER, "
         "PRIMARY KEY (run_id, task_id))"},
        // frames is the hot table, written at SQLite's own insert rate: no key or index (a unique
        // index halves the rate; the recorder writes each frame once by construction, tested), no
        // CHECK, and the times (REAL seconds or NULL) carry no declared type, since REAL affinity
        // costs a conversion check per value. Add an index for large databases if wanted.
        {"frames",
         {"run_id",
          "task_id",
          "frame_seq",
          "created_s",
          "edge_rx_s",
          "edge_start_s",
          "edge_done_s",
          "cloud_rx_s",
          "cloud_start_s",
          "cloud_done_s",
          "result_rx_s",
          "status",
          "frame_bytes",
          "drop_reason"},
         "CREATE TABLE frames ("
         "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
         "task_id INTEGER NOT NULL, "
         "frame_seq INTEGER NOT NULL, "
         "created_s, "
         "edge_rx_s, "
         "edge_start_s, "
         "edge_done_s, "
         "cloud_rx_s, "
         "cloud_start_s, "
         "cloud_done_s, "
         "result_rx_s, "
         "status TEXT NOT NULL, "
         "frame_bytes INTEGER, "
         "drop_reason TEXT)"},
        {"link_traffic",
         {"run_id", "link", "to_cloud", "t_start_s", "t_end_s", "tx_bytes", "rx_bytes", "drops"},
         "CREATE TABLE link_traffic ("
         "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
         "link TEXT NOT NULL, "
         "to_cloud INTEGER NOT NULL, "
         "t_start_s REAL NOT NULL, "
         "t_end_s REAL NOT NULL, "
         "tx_bytes INTEGER NOT NULL, "
         "rx_bytes INTEGER NOT NULL, "
         "drops INTEGER NOT NULL)"},
        {"server_load",
         {"run_id",
          "node",
          "role",
          "t_s",
          "t_end_s",
          "queue_len",
          "busy_workers",
          "queue_len_mean",
          "busy_workers_mean"},
         "CREATE TABLE server_load ("
         "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
         "node INTEGER NOT NULL, "
         "role TEXT NOT NULL, "
         "t_s REAL NOT NULL, "
         "t_end_s REAL NOT NULL, "
         "queue_len INTEGER NOT NULL, "
         "busy_workers INTEGER NOT NULL, "
         "queue_len_mean REAL NOT NULL, "
         "busy_workers_mean REAL NOT NULL)"},
    };
    return tables;
}

/// Indexes and views, created if missing.
const char* const g_extraSchema[] = {
    "CREATE INDEX IF NOT EXISTS link_traffic_run ON link_traffic(run_id, link, t_start_s)",
    "CREATE INDEX IF NOT EXISTS server_load_run ON server_load(run_id, node, t_s)",
    // Deadline hit ratio: completed frames over frames with a final state (in_flight excluded).
    "CREATE VIEW IF NOT EXISTS task_deadline_hits AS "
    "SELECT f.run_id, r.algorithm, f.task_id, COUNT(*) AS frames, "
    "SUM(f.status = 'completed') AS completed, SUM(f.status = 'late') AS late, "
    "SUM(f.status = 'dropped') AS dropped, SUM(f.status = 'lost') AS lost, "
    "SUM(f.status = 'in_flight') AS in_flight, "
    "CAST(SUM(f.status = 'completed') AS REAL) / NULLIF(SUM(f.status <> 'in_flight'), 0) "
    "AS hit_ratio "
    "FROM frames f JOIN runs r USING (run_id) GROUP BY f.run_id, f.task_id",
    "CREATE VIEW IF NOT EXISTS run_deadline_hits AS "
    "SELECT f.run_id, r.algorithm, COUNT(*) AS frames, "
    "SUM(f.status = 'completed') AS completed, SUM(f.status = 'late') AS late, "
    "SUM(f.status = 'dropped') AS dropped, SUM(f.status = 'lost') AS lost, "
    "SUM(f.status = 'in_flight') AS in_flight, "
    "CAST(SUM(f.status = 'completed') AS REAL) / NULLIF(SUM(f.status <> 'in_flight'), 0) "
    "AS hit_ratio "
    "FROM frames f JOIN runs r USING (run_id) GROUP BY f.run_id",
    "CREATE VIEW IF NOT EXISTS algorithm_deadline_hits AS "
    "SELECT r.algorithm, COUNT(DISTINCT f.run_id) AS runs, COUNT(*) AS frames, "
    "SUM(f.status = 'completed') AS completed, SUM(f.status = 'late') AS late, "
    "SUM(f.status = 'dropped') AS dropped, SUM(f.status = 'lost') AS lost, "
    "SUM(f.status = 'in_flight') AS in_flight, "
    "CAST(SUM(f.status = 'completed') AS REAL) / NULLIF(SUM(f.status <> 'in_flight'), 0) "
    "AS hit_ratio "
    "FROM frames f JOIN runs r USING (run_id) GROUP BY r.algorithm",
    // End-to-end latency of every frame whose result came back, with its parts.
    "CREATE VIEW IF NOT EXISTS frame_latency AS "
    "SELECT f.run_id, r.algorithm, f.task_id, f.frame_seq, f.status, "
    "f.result_rx_s - f.created_s AS latency_s, "
    "f.edge_rx_s - f.created_s AS device_to_edge_s, "
    "f.cloud_rx_s - f.edge_done_s AS edge_to_cloud_s "
    "FROM frames f JOIN runs r USING (run_id) "
    "WHERE f.result_rx_s IS NOT NULL AND f.created_s IS NOT NULL",
    // Percentiles by nearest rank: the smallest latency with rank >= q * n.
    "CREATE VIEW IF NOT EXISTS run_latency_percentiles AS "
    "WITH l AS (SELECT run_id, algorithm, latency_s, "
    "ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY latency_s) AS rn, "
    "COUNT(*) OVER (PARTITION BY run_id) AS n FROM frame_latency) "
    "SELECT run_id, algorithm, MAX(n) AS frames, AVG(latency_s) AS mean_s, "
    "MIN(CASE WHEN rn >= 0.50 * n THEN latency_s END) AS p50_s, "
    "MIN(CASE WHEN rn >= 0.95 * n THEN latency_s END) AS p95_s, "
    "MIN(CASE WHEN rn >= 0.99 * n THEN latency_s END) AS p99_s, "
    "MAX(latency_s) AS max_s FROM l GROUP BY run_id",
    "CREATE VIEW IF NOT EXISTS algorithm_latency_percentiles AS "
    "WITH l AS (SELECT algorithm, latency_s, "
    "ROW_NUMBER() OVER (PARTITION BY algorithm ORDER BY latency_s) AS rn, "
    "COUNT(*) OVER (PARTITION BY algorithm) AS n FROM frame_latency) "
    "SELECT algorithm, MAX(n) AS frames, AVG(latency_s) AS mean_s, "
    "MIN(CASE WHEN rn >= 0.50 * n THEN latency_s END) AS p50_s, "
    "MIN(CASE WHEN rn >= 0.95 * n THEN latency_s END) AS p95_s, "
    "MIN(CASE WHEN rn >= 0.99 * n THEN latency_s END) AS p99_s, "
    "MAX(latency_s) AS max_s FROM l GROUP BY algorithm",
    // Bytes sent towards the cloud (links added with toCloud).
    "CREATE VIEW IF NOT EXISTS run_cloud_bytes AS "
    "SELECT l.run_id, r.algorithm, SUM(l.tx_bytes) AS tx_bytes, SUM(l.rx_bytes) AS rx_bytes, "
    "SUM(l.drops) AS drops "
    "FROM link_traffic l JOIN runs r USING (run_id) WHERE l.to_cloud = 1 GROUP BY l.run_id",
    "CREATE VIEW IF NOT EXISTS algorithm_cloud_bytes AS "
    "SELECT algorithm, COUNT(*) AS runs, SUM(tx_bytes) AS tx_bytes, "
    "AVG(tx_bytes) AS tx_bytes_per_run FROM run_cloud_bytes GROUP BY algorithm",
};

/**
 * \param ns a time in ns
 * \return it in seconds
 */
inline double
Sec(int64_t ns)
{
    return static_cast<double>(ns) / 1e9; // as Time::GetSeconds() computes it
}

/// \return the wall clock as ISO 8601 UTC
std::string
WallClockIso()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

/// \return wall-clock seconds since the epoch
double
WallSeconds()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

boost::json::object AttributesOf(Ptr<Object> object, int depth);

/**
 * \brief An attribute value as JSON: its serialized string; an object pointer as its type and
 * attributes (so that no address enters the record); a container as its size.
 * \param value the value
 * \param checker its checker
 * \param depth nesting depth
 * \return the JSON value
 */
boost::json::value
ValueToJson(const AttributeValue& value, Ptr<const AttributeChecker> checker, int depth)
{
    if (const auto* pointer = dynamic_cast<const PointerValue*>(&value))
    {
        Ptr<Object> object = pointer->GetObject();
        if (!object)
        {
            return nullptr;
        }
        boost::json::object o;
        o["type"] = object->GetInstanceTypeId().GetName();
        if (depth < 2)
        {
            o["attributes"] = AttributesOf(object, depth + 1);
        }
        return o;
    }
    if (const auto* container = dynamic_cast<const ObjectPtrContainerValue*>(&value))
    {
        boost::json::object o;
        o["count"] = container->GetN();
        return o;
    }
    return boost::json::value(value.SerializeToString(checker));
}

/**
 * \brief Every readable attribute of an object, its own TypeId's first, then its parents'.
 * \param object the object
 * \param depth nesting depth
 * \return name: value
 */
boost::json::object
AttributesOf(Ptr<Object> object, int depth)
{
    boost::json::object attributes;
    TypeId tid = object->GetInstanceTypeId();
    while (true)
    {
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(i);
            if (!(info.flags & TypeId::ATTR_GET) || !info.accessor->HasGetter() ||
                info.supportLevel == TypeId::OBSOLETE || attributes.contains(info.name))
            {
                continue;
            }
            Ptr<AttributeValue> value = info.checker->Create();
            if (object->GetAttributeFailSafe(info.name, *value))
            {
                attributes[info.name] = ValueToJson(*value, info.checker, depth);
            }
        }
        if (!tid.HasParent() || tid.GetParent() == tid)
        {
            break;
        }
        tid = tid.GetParent();
    }
    return attributes;
}

} // namespace

EdgeDnnRecorder::FrameRecord::FrameRecord()
{
    std::fill(std::begin(times), std::end(times), -1);
}

TypeId
EdgeDnnRecorder::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::EdgeDnnRecorder")
            .SetParent<Object>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<EdgeDnnRecorder>()
            .AddAttribute("BinWidth",
                          "Width of the time bins of link_traffic (s).",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&EdgeDnnRecorder::m_binWidth),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("BatchSize",
                          "Rows buffered before they are written in one transaction.",
                          UintegerValue(8192),
                          MakeUintegerAccessor(&EdgeDnnRecorder::m_batchSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Scenario",
                          "Name of the scenario (runs.scenario).",
                          StringValue(""),
                          MakeStringAccessor(&EdgeDnnRecorder::m_scenario),
                          MakeStringChecker())
            .AddAttribute("Algorithm",
                          "Name of the scheduling algorithm (runs.algorithm).",
                          StringValue(""),
                          MakeStringAccessor(&EdgeDnnRecorder::m_algorithm),
                          MakeStringChecker());
    return tid;
}

EdgeDnnRecorder::EdgeDnnRecorder()
    : m_reasons{"", "queue-full", "lost", "unknown-task", "timeout"}
{
    NS_LOG_FUNCTION(this);
}

EdgeDnnRecorder::~EdgeDnnRecorder()
{
    NS_LOG_FUNCTION(this);
}

int
EdgeDnnRecorder::GetSchemaVersion()
{
    return g_schemaVersion;
}

std::string
EdgeDnnRecorder::GetModuleVersion()
{
    return EDGE_DNN_VERSION;
}

void
EdgeDnnRecorder::Open(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    NS_ABORT_MSG_IF(m_connected, "EdgeDnnRecorder::Open after Connect");
    m_begin = SqliteStatement();
    m_commit = SqliteStatement();
    m_insertFrame = SqliteStatement();
    m_insertLink = SqliteStatement();
    m_insertLoad = SqliteStatement();
    m_insertTask = SqliteStatement();
    m_db.Open(path, SqliteDatabase::READ_WRITE_CREATE);
    try
    {
        PrepareSchema();
    }
    catch (...)
    {
        m_db.Close();
        throw;
    }
    m_begin = m_db.Prepare("BEGIN IMMEDIATE");
    m_commit = m_db.Prepare("COMMIT");
    m_insertFrame = m_db.Prepare(
        "INSERT INTO frames (run_id, task_id, frame_seq, created_s, edge_rx_s, edge_start_s, "
        "edge_done_s, cloud_rx_s, cloud_start_s, cloud_done_s, result_rx_s, status, frame_bytes, "
        "drop_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    m_insertLink = m_db.Prepare(
        "INSERT INTO link_traffic (run_id, link, to_cloud, t_start_s, t_end_s, tx_bytes, "
        "rx_bytes, drops) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    m_insertLoad = m_db.Prepare(
        "INSERT INTO server_load (run_id, node, role, t_s, t_end_s, queue_len, busy_workers, "
        "queue_len_mean, busy_workers_mean) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    m_insertTask = m_db.Prepare(
        "INSERT OR REPLACE INTO tasks (run_id, task_id, device_node, edge_node, model, "
        "split_index, split_layer, input_bytes, feature_bytes, frame_rate, deadline_s, admitted, "
        "predicted_latency_s, allocated_bps, edge_macs, cloud_macs) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
}

void
EdgeDnnRecorder::PrepareSchema()
{
    const std::string& path = m_db.GetPath();
    const std::string expected = "expected an edge-dnn recorder database (schema version " +
                                 std::to_string(g_schemaVersion) + ") or a new file";
    // Checks first: nothing is written until the file passes all of them.
    const int64_t applicationId = m_db.QueryInt("PRAGMA application_id");
    const int64_t userVersion = m_db.QueryInt("PRAGMA user_version");
    if (applicationId != 0 && applicationId != g_applicationId)
    {
        throw EdgeDnnError("database '" + path +
                           "' belongs to another application (application_id " +
                           std::to_string(applicationId) + "): " + expected);
    }
    if (applicationId == g_applicationId && userVersion != g_schemaVersion)
    {
        throw EdgeDnnError("database '" + path + "' has edge-dnn schema version " +
                           std::to_string(userVersion) + ": " + expected);
    }
    std::vector<const TableSpec*> missing;
    for (const TableSpec& table : Tables())
    {
        const std::string type = m_db.GetObjectType(table.name);
        if (type.empty())
        {
            missing.push_back(&table);
            continue;
        }
        if (type != "table")
        {
            throw EdgeDnnError("database '" + path + "' has a " + type + " named '" + table.name +
                               "' where a table is needed: " + expected);
        }
        const std::vector<std::string> columns = m_db.GetColumns(table.name);
        for (const char* column : table.columns)
        {
            if (std::find(columns.begin(), columns.end(), column) == columns.end())
            {
                throw EdgeDnnError("database '" + path + "' has an incompatible table '" +
                                   table.name + "': column '" + column + "' is missing; " +
                                   expected);
            }
        }
    }
    // WAL: readers do not block the writer, and a killed writer leaves every committed batch.
    SqliteStatement wal = m_db.Prepare("PRAGMA journal_mode = WAL");
    const std::string mode = wal.Step() ? wal.GetText(0) : std::string();
    wal.Reset();
    if (mode != "wal")
    {
        throw EdgeDnnError("database '" + path + "' cannot use a WAL journal (journal mode '" +
                           mode + "'): expected a database file on a local file system");
    }
    // NORMAL: commits are not synced, checkpoints are; a killed process loses nothing committed.
    // Checkpoints every 16384 pages (64 MiB of WAL) rather than 1000, to sync less often.
    m_db.Execute("PRAGMA synchronous = NORMAL");
    m_db.Execute("PRAGMA wal_autocheckpoint = 16384");
    m_db.Execute("BEGIN IMMEDIATE");
    try
    {
        for (const TableSpec* table : missing)
        {
            m_db.Execute(table->create);
        }
        for (const char* sql : g_extraSchema)
        {
            m_db.Execute(sql);
        }
        m_db.Execute("PRAGMA application_id = " + std::to_string(g_applicationId));
        m_db.Execute("PRAGMA user_version = " + std::to_string(g_schemaVersion));
        m_db.Execute("COMMIT");
    }
    catch (...)
    {
        m_db.Execute("ROLLBACK");
        throw;
    }
}

std::string
EdgeDnnRecorder::GetPath() const
{
    return m_db.GetPath();
}

void
EdgeDnnRecorder::AddArgument(const std::string& name, const std::string& value)
{
    m_arguments.emplace_back(name, value);
}

void
EdgeDnnRecorder::AddCommandLine(int argc, char** argv)
{
    for (int i = 0; i < argc; ++i)
    {
        m_argv.emplace_back(argv[i]);
    }
}

void
EdgeDnnRecorder::AddLink(const std::string& name,
                         Ptr<NetDevice> tx,
                         Ptr<NetDevice> rx,
                         bool toCloud)
{
    NS_LOG_FUNCTION(this << name << tx << rx << toCloud);
    NS_ABORT_MSG_IF(!tx, "EdgeDnnRecorder::AddLink: no transmitting device");
    m_links.push_back(LinkState());
    LinkState* link = &m_links.back();
    link->name = name;
    link->toCloud = toCloud;
    if (!tx->TraceConnectWithoutContext("PhyTxEnd",
                                        MakeCallback(&EdgeDnnRecorder::OnLinkTx, this, link)) &&
        !tx->TraceConnectWithoutContext("MacTx",
                                        MakeCallback(&EdgeDnnRecorder::OnLinkTx, this, link)))
    {
        m_links.pop_back();
        throw EdgeDnnError("link '" + name + "': device " + tx->GetInstanceTypeId().GetName() +
                           " has no PhyTxEnd or MacTx trace source: expected a NetDevice such "
                           "as PointToPointNetDevice or CsmaNetDevice");
    }
    tx->TraceConnectWithoutContext("MacTxDrop",
                                   MakeCallback(&EdgeDnnRecorder::OnLinkDrop, this, link));
    tx->TraceConnectWithoutContext("PhyTxDrop",
                                   MakeCallback(&EdgeDnnRecorder::OnLinkDrop, this, link));
    if (rx)
    {
        if (!rx->TraceConnectWithoutContext("PhyRxEnd",
                                            MakeCallback(&EdgeDnnRecorder::OnLinkRx, this, link)))
        {
            rx->TraceConnectWithoutContext("MacRx",
                                           MakeCallback(&EdgeDnnRecorder::OnLinkRx, this, link));
        }
        rx->TraceConnectWithoutContext("PhyRxDrop",
                                       MakeCallback(&EdgeDnnRecorder::OnLinkDrop, this, link));
    }
}

void
EdgeDnnRecorder::Connect()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_db.IsOpen(), "EdgeDnnRecorder::Connect before Open");
    if (m_connected)
    {
        return;
    }
    m_frameRows.reserve(m_batchSize);
    m_linkRows.reserve(m_batchSize);
    m_loadRows.reserve(m_batchSize);

    const Config::MatchContainer devices =
        Config::LookupMatches("/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication");
    for (std::size_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<IotDeviceApplication> app = DynamicCast<IotDeviceApplication>(devices.Get(i));
        const uint32_t node = app->GetNode()->GetId();
        app->TraceConnectWithoutContext("FrameCreated",
                                        MakeCallback(&EdgeDnnRecorder::OnCreated, this, node));
        app->TraceConnectWithoutContext("ResultReceived",
                                        MakeCallback(&EdgeDnnRecorder::OnResult, this));
        app->TraceConnectWithoutContext("FrameLost", MakeCallback(&EdgeDnnRecorder::OnLost, this));
        m_devices.push_back(app);
    }

    struct ServerKind
    {
        const char* path; //!< Config path
        const char* role; //!< server_load.role
        int rx;           //!< stage reached at FrameReceived
        int done;         //!< stage reached at JobFinished
    };

    const ServerKind kinds[] = {
        {"/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication", "edge", EDGE_RX, EDGE_DONE},
        {"/NodeList/*/ApplicationList/*/$ns3::CloudServerApplication",
         "cloud",
         CLOUD_RX,
         CLOUD_DONE},
    };
    for (const ServerKind& kind : kinds)
    {
        const Config::MatchContainer servers = Config::LookupMatches(kind.path);
        for (std::size_t i = 0; i < servers.GetN(); ++i)
        {
            Ptr<Object> app = servers.Get(i);
            app->TraceConnectWithoutContext("FrameReceived",
                                            MakeCallback(&EdgeDnnRecorder::OnStage, this, kind.rx));
            app->TraceConnectWithoutContext("JobStarted",
                                            MakeCallback(&EdgeDnnRecorder::OnStage, this, -1));
            app->TraceConnectWithoutContext(
                "JobFinished",
                MakeCallback(&EdgeDnnRecorder::OnStage, this, kind.done));
            app->TraceConnectWithoutContext("FrameDropped",
                                            MakeCallback(&EdgeDnnRecorder::OnDropped, this));
            m_servers.push_back(LoadState());
            LoadState* load = &m_servers.back();
            load->node = DynamicCast<Application>(app)->GetNode()->GetId();
            load->role = kind.role;
            app->TraceConnectWithoutContext(
                "QueueLength",
                MakeCallback(&EdgeDnnRecorder::OnQueueLength, this, load));
            app->TraceConnectWithoutContext(
                "BusyWorkers",
                MakeCallback(&EdgeDnnRecorder::OnBusyWorkers, this, load));
            if (Ptr<EdgeServerApplication> edge = DynamicCast<EdgeServerApplication>(app))
            {
                edge->TraceConnectWithoutContext("FeaturesSent",
                                                 MakeCallback(&EdgeDnnRecorder::OnStage, this, -1));
                m_edges.push_back(edge);
            }
        }
    }

    SqliteStatement insertRun = m_db.Prepare(
        "INSERT INTO runs (started_at, finished, ns3_version, module_version, seed, run_number, "
        "scenario, algorithm, bin_width_s, config_json) VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9)");
    const std::string started = WallClockIso();
    const std::string ns3Version =
        std::to_string(NS3_VERSION_MAJOR) + "." + std::to_string(NS3_VERSION_MINOR) +
        (NS3_VERSION_PATCH ? "." + std::to_string(NS3_VERSION_PATCH) : "");
    const std::string moduleVersion = GetModuleVersion();
    const std::string config = MakeConfigJson();
    insertRun.BindText(1, started);
    insertRun.BindText(2, ns3Version);
    insertRun.BindText(3, moduleVersion);
    insertRun.BindInt(4, static_cast<int64_t>(RngSeedManager::GetSeed()));
    insertRun.BindInt(5, static_cast<int64_t>(RngSeedManager::GetRun()));
    insertRun.BindText(6, m_scenario);
    insertRun.BindText(7, m_algorithm);
    insertRun.BindDouble(8, m_binWidth.GetSeconds());
    insertRun.BindText(9, config);
    insertRun.Run();
    m_runId = m_db.GetLastInsertRowId();
    m_wallStart = WallSeconds();
    m_connected = true;

    Ptr<EdgeDnnRecorder> self(this);
    // At time 0, after any AddTask made before Run(), but before the applications start.
    Simulator::ScheduleNow(&EdgeDnnRecorder::ReadTasks, self);
    Simulator::ScheduleDestroy(&EdgeDnnRecorder::FinishAtDestroy, self);
}

std::string
EdgeDnnRecorder::MakeConfigJson() const
{
    boost::json::object config;
    config["scenario"] = m_scenario;
    config["algorithm"] = m_algorithm;
    boost::json::object arguments;
    for (const auto& [name, value] : m_arguments)
    {
        arguments[name] = value;
    }
    config["arguments"] = std::move(arguments);
    boost::json::array argv;
    for (const std::string& arg : m_argv)
    {
        argv.emplace_back(arg);
    }
    config["argv"] = std::move(argv);

    boost::json::object globals;
    for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
    {
        Ptr<AttributeValue> value = (*it)->GetChecker()->Create();
        (*it)->GetValue(*value);
        globals[(*it)->GetName()] = value->SerializeToString((*it)->GetChecker());
    }
    config["globals"] = std::move(globals);

    // Defaults changed by Config::SetDefault or --ns3::Type::Attribute=value.
    boost::json::object defaults;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        const TypeId tid = TypeId::GetRegistered(i);
        for (std::size_t j = 0; j < tid.GetAttributeN(); ++j)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(j);
            if (!info.initialValue || !info.originalInitialValue ||
                info.initialValue == info.originalInitialValue)
            {
                continue;
            }
            boost::json::value now = ValueToJson(*info.initialValue, info.checker, 2);
            if (now != ValueToJson(*info.originalInitialValue, info.checker, 2))
            {
                defaults[tid.GetName() + "::" + info.name] = std::move(now);
            }
        }
    }
    config["changed_defaults"] = std::move(defaults);

    config["recorder"] = AttributesOf(Ptr<Object>(const_cast<EdgeDnnRecorder*>(this)), 0);

    boost::json::array applications;
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        for (uint32_t j = 0; j < (*node)->GetNApplications(); ++j)
        {
            Ptr<Application> app = (*node)->GetApplication(j);
            boost::json::object entry;
            entry["node"] = (*node)->GetId();
            entry["application"] = j;
            entry["type"] = app->GetInstanceTypeId().GetName();
            entry["attributes"] = AttributesOf(app, 0);
            applications.emplace_back(std::move(entry));
        }
    }
    config["applications"] = std::move(applications);
    return boost::json::serialize(config);
}

void
EdgeDnnRecorder::ReadTasks()
{
    NS_LOG_FUNCTION(this);
    for (Ptr<IotDeviceApplication> device : m_devices)
    {
        TaskRow& row = m_tasks[device->GetTaskId()];
        row.taskId = device->GetTaskId();
        row.deviceNode = device->GetNode()->GetId();
        row.model = device->GetModel();
        row.splitIndex = device->GetSplitIndex();
        row.inputBytes = device->GetInputBytes();
        row.frameRate = device->GetFrameRate();
        row.deadline = device->GetDeadline().GetSeconds();
        // The edge server: the one that has the task, else the one at the device's Remote.
        Ptr<EdgeServerApplication> edge;
        for (Ptr<EdgeServerApplication> e : m_edges)
        {
            if (e->HasTask(row.taskId))
            {
                edge = e;
                break;
            }
        }
        const Address remote = device->GetRemote();
        if (!edge && InetSocketAddress::IsMatchingType(remote))
        {
            const Ipv4Address ip = InetSocketAddress::ConvertFrom(remote).GetIpv4();
            for (Ptr<EdgeServerApplication> e : m_edges)
            {
                Ptr<Ipv4> ipv4 = e->GetNode()->GetObject<Ipv4>();
                for (uint32_t k = 0; ipv4 && k < ipv4->GetNInterfaces() && !edge; ++k)
                {
                    for (uint32_t a = 0; a < ipv4->GetNAddresses(k); ++a)
                    {
                        if (ipv4->GetAddress(k, a).GetLocal() == ip)
                        {
                            edge = e;
                            break;
                        }
                    }
                }
            }
        }
        if (edge)
        {
            row.edgeNode = edge->GetNode()->GetId();
        }
        try
        {
            // The device defines its task; the edge runs what the device's frames carry.
            const SplitProfile& profile = device->GetProfile();
            if (const SplitPoint* split = profile.FindSplitPoint(row.splitIndex))
            {
                row.splitLayer = split->name;
                row.featureBytes = CostModel::CutBytes(profile, *split, row.inputBytes);
                row.edgeMacs = split->edgeMacs;
                row.cloudMacs = split->cloudMacs;
            }
        }
        catch (const EdgeDnnError& e)
        {
            NS_LOG_WARN("task " << row.taskId << ": no split profile: " << e.what());
        }
        row.known = true;
        row.dirty = true;
    }
    m_devices.clear();
    m_edges.clear();
    Flush();
}

void
EdgeDnnRecorder::SetTaskDecision(uint32_t taskId,
                                 bool admitted,
                                 Time predictedLatency,
                                 DataRate allocatedRate)
{
    m_decisions[taskId] = Decision{admitted, predictedLatency, allocatedRate};
    TaskRow& row = m_tasks[taskId];
    row.taskId = taskId;
    row.dirty = true;
}

uint8_t
EdgeDnnRecorder::ReasonIndex(const std::string& reason)
{
    for (std::size_t i = 1; i < m_reasons.size(); ++i)
    {
        if (m_reasons[i] == reason)
        {
            return static_cast<uint8_t>(i);
        }
    }
    if (m_reasons.size() >= 255)
    {
        return 0;
    }
    m_reasons.push_back(reason);
    return static_cast<uint8_t>(m_reasons.size() - 1);
}

EdgeDnnRecorder::FrameRecord*
EdgeDnnRecorder::Find(uint32_t task, uint32_t seq)
{
    auto it = m_frames.find(task);
    if (it == m_frames.end())
    {
        return nullptr;
    }
    TaskFrames& frames = it->second;
    if (seq < frames.base || seq - frames.base >= frames.window.size())
    {
        return nullptr;
    }
    FrameRecord& record = frames.window[seq - frames.base];
    return record.created && !record.settled ? &record : nullptr;
}

void
EdgeDnnRecorder::Trim(TaskFrames& frames)
{
    while (!frames.window.empty() &&
           (frames.window.front().settled || !frames.window.front().created))
    {
        // A gap (a sequence number never created) is trimmed only when a later frame follows.
        if (!frames.window.front().created && frames.window.size() == 1)
        {
            break;
        }
        frames.window.pop_front();
        ++frames.base;
    }
}

EdgeDnnRecorder::FrameRecord*
EdgeDnnRecorder::Settle(uint32_t task, uint32_t seq, FrameStatus status, uint8_t reason)
{
    FrameRecord* record = Find(task, seq);
    if (record == nullptr)
    {
        return nullptr;
    }
    record->status = status;
    record->reason = reason;
    record->settled = true;
    RecordFrame(*record);
    Trim(m_frames[task]);
    return record;
}

void
EdgeDnnRecorder::RecordFrame(const FrameRecord& record)
{
    m_frameRows.push_back(record);
    Buffered();
}

void
EdgeDnnRecorder::Buffered()
{
    if (++m_buffered >= m_batchSize)
    {
        Flush();
    }
}

void
EdgeDnnRecorder::OnCreated(uint32_t /* node */, uint32_t task, uint32_t seq, uint32_t bytes)
{
    TaskFrames& frames = m_frames[task];
    if (frames.window.empty())
    {
        frames.base = seq;
    }
    if (seq < frames.base)
    {
        return;
    }
    while (seq - frames.base >= frames.window.size())
    {
        frames.window.emplace_back();
    }
    FrameRecord& record = frames.window[seq - frames.base];
    if (record.created)
    {
        return;
    }
    record.taskId = task;
    record.frameSeq = seq;
    record.created = true;
    record.bytes = bytes;
    record.times[CREATED] = Simulator::Now().GetTimeStep();
}

void
EdgeDnnRecorder::Merge(const EdgeDnnHeader& header, int stageNow)
{
    FrameRecord* record = Find(header.GetTaskId(), header.GetFrameSeq());
    if (record == nullptr)
    {
        return;
    }
    for (int s = 0; s < EdgeDnnHeader::STAGE_COUNT; ++s)
    {
        const int64_t t = header.GetTime(static_cast<EdgeDnnHeader::Stage>(s)).GetTimeStep();
        if (t >= 0 && record->times[s] < 0)
        {
            record->times[s] = t;
        }
    }
    if (stageNow >= 0 && record->times[stageNow] < 0)
    {
        record->times[stageNow] = Simulator::Now().GetTimeStep();
    }
}

void
EdgeDnnRecorder::OnStage(int stage, const EdgeDnnHeader& header)
{
    Merge(header, stage);
}

void
EdgeDnnRecorder::OnResult(const FrameResult& result)
{
    FrameRecord* record = Find(result.taskId, result.frameSeq);
    if (record == nullptr)
    {
        return;
    }
    const Time times[] = {result.created,
                          result.edgeRx,
                          result.edgeStart,
                          result.edgeDone,
                          result.cloudRx,
                          result.cloudStart,
                          result.cloudDone,
                          result.resultRx};
    for (int s = 0; s < TIME_COUNT; ++s)
    {
        if (!times[s].IsNegative())
        {
            record->times[s] = times[s].GetTimeStep();
        }
    }
    Settle(result.taskId, result.frameSeq, result.status, 0);
}

void
EdgeDnnRecorder::OnDropped(const EdgeDnnHeader& header, const std::string& reason)
{
    Merge(header, -1);
    Settle(header.GetTaskId(),
           header.GetFrameSeq(),
           FrameLedger::StatusOfDrop(reason),
           ReasonIndex(reason));
}

void
EdgeDnnRecorder::OnLost(uint32_t task, uint32_t seq)
{
    Settle(task, seq, FrameStatus::LOST, 4); // "timeout"
}

void
EdgeDnnRecorder::Integrate(LoadState& server, int64_t now)
{
    const double dt = static_cast<double>(now - server.last);
    server.queueArea += server.queue * dt;
    server.busyArea += server.busy * dt;
    server.last = now;
}

void
EdgeDnnRecorder::AdvanceLoad(LoadState& server, int64_t bin)
{
    const int64_t width = m_binWidth.GetTimeStep();
    while (server.bin < bin)
    {
        const int64_t end = (server.bin + 1) * width;
        Integrate(server, end);
        m_loadRows.push_back(LoadRow{&server,
                                     server.bin,
                                     server.maxQueue,
                                     server.maxBusy,
                                     server.queueArea / width,
                                     server.busyArea / width});
        ++server.bin;
        server.maxQueue = server.queue;
        server.maxBusy = server.busy;
        server.queueArea = 0;
        server.busyArea = 0;
        Buffered();
    }
}

void
EdgeDnnRecorder::OnQueueLength(LoadState* server, uint32_t /* oldValue */, uint32_t newValue)
{
    const int64_t now = Simulator::Now().GetTimeStep();
    AdvanceLoad(*server, now / m_binWidth.GetTimeStep());
    Integrate(*server, now);
    server->queue = newValue;
    server->maxQueue = std::max(server->maxQueue, newValue);
}

void
EdgeDnnRecorder::OnBusyWorkers(LoadState* server, uint32_t /* oldValue */, uint32_t newValue)
{
    const int64_t now = Simulator::Now().GetTimeStep();
    AdvanceLoad(*server, now / m_binWidth.GetTimeStep());
    Integrate(*server, now);
    server->busy = newValue;
    server->maxBusy = std::max(server->maxBusy, newValue);
}

void
EdgeDnnRecorder::AdvanceLink(LinkState& link, int64_t bin)
{
    while (link.bin < bin)
    {
        m_linkRows.push_back(LinkRow{&link, link.bin, link.tx, link.rx, link.drops});
        link.tx = 0;
        link.rx = 0;
        link.drops = 0;
        ++link.bin;
        Buffered();
    }
}

void
EdgeDnnRecorder::OnLinkTx(LinkState* link, Ptr<const Packet> packet)
{
    const int64_t bin = Simulator::Now().GetTimeStep() / m_binWidth.GetTimeStep();
    if (bin != link->bin)
    {
        AdvanceLink(*link, bin);
    }
    link->tx += packet->GetSize();
}

void
EdgeDnnRecorder::OnLinkRx(LinkState* link, Ptr<const Packet> packet)
{
    const int64_t bin = Simulator::Now().GetTimeStep() / m_binWidth.GetTimeStep();
    if (bin != link->bin)
    {
        AdvanceLink(*link, bin);
    }
    link->rx += packet->GetSize();
}

void
EdgeDnnRecorder::OnLinkDrop(LinkState* link, Ptr<const Packet> /* packet */)
{
    const int64_t bin = Simulator::Now().GetTimeStep() / m_binWidth.GetTimeStep();
    if (bin != link->bin)
    {
        AdvanceLink(*link, bin);
    }
    ++link->drops;
}

void
EdgeDnnRecorder::Flush()
{
    if (!m_connected)
    {
        return;
    }
    bool dirtyTasks = false;
    for (const auto& [id, row] : m_tasks)
    {
        dirtyTasks = dirtyTasks || row.dirty;
    }
    if (m_frameRows.empty() && m_linkRows.empty() && m_loadRows.empty() && !dirtyTasks)
    {
        m_buffered = 0;
        return;
    }
    m_begin.Run();
    try
    {
        SqliteStatement& f = m_insertFrame;
        for (const FrameRecord& r : m_frameRows)
        {
            f.BindInt(1, m_runId);
            f.BindInt(2, r.taskId);
            f.BindInt(3, r.frameSeq);
            for (int s = 0; s < TIME_COUNT; ++s)
            {
                if (r.times[s] >= 0)
                {
                    f.BindDouble(4 + s, Sec(r.times[s]));
                }
                else
                {
                    f.BindNull(4 + s);
                }
            }
            f.BindText(12, g_statusNames[static_cast<int>(r.status)]);
            f.BindInt(13, r.bytes);
            if (r.reason != 0)
            {
                f.BindText(14, m_reasons[r.reason]);
            }
            else
            {
                f.BindNull(14);
            }
            f.Step();
            f.Reset();
        }
        SqliteStatement& l = m_insertLink;
        const int64_t width = m_binWidth.GetTimeStep();
        for (const LinkRow& r : m_linkRows)
        {
            l.BindInt(1, m_runId);
            l.BindText(2, r.link->name);
            l.BindInt(3, r.link->toCloud ? 1 : 0);
            l.BindDouble(4, Sec(r.bin * width));
            l.BindDouble(5, Sec((r.bin + 1) * width));
            l.BindInt(6, static_cast<int64_t>(r.tx));
            l.BindInt(7, static_cast<int64_t>(r.rx));
            l.BindInt(8, static_cast<int64_t>(r.drops));
            l.Step();
            l.Reset();
        }
        SqliteStatement& s = m_insertLoad;
        for (const LoadRow& r : m_loadRows)
        {
            s.BindInt(1, m_runId);
            s.BindInt(2, r.server->node);
            s.BindText(3, r.server->role);
            s.BindDouble(4, Sec(r.bin * width));
            s.BindDouble(5, Sec((r.bin + 1) * width));
            s.BindInt(6, r.maxQueue);
            s.BindInt(7, r.maxBusy);
            s.BindDouble(8, r.meanQueue);
            s.BindDouble(9, r.meanBusy);
            s.Step();
            s.Reset();
        }
        SqliteStatement& t = m_insertTask;
        uint64_t tasks = 0;
        for (auto& [id, row] : m_tasks)
        {
            if (!row.dirty)
            {
                continue;
            }
            auto bindOptional = [&t](int index, const std::optional<uint64_t>& v) {
                if (v)
                {
                    t.BindInt(index, static_cast<int64_t>(*v));
                }
                else
                {
                    t.BindNull(index);
                }
            };
            t.BindInt(1, m_runId);
            t.BindInt(2, row.taskId);
            if (row.known)
            {
                t.BindInt(3, row.deviceNode);
                row.edgeNode >= 0 ? t.BindInt(4, row.edgeNode) : t.BindNull(4);
                t.BindText(5, row.model);
                t.BindInt(6, row.splitIndex);
                row.splitLayer.empty() ? t.BindNull(7) : t.BindText(7, row.splitLayer);
                t.BindInt(8, static_cast<int64_t>(row.inputBytes));
                bindOptional(9, row.featureBytes);
                t.BindDouble(10, row.frameRate);
                t.BindDouble(11, row.deadline);
                bindOptional(15, row.edgeMacs);
                bindOptional(16, row.cloudMacs);
            }
            else
            {
                for (int index : {3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16})
                {
                    t.BindNull(index);
                }
            }
            auto d = m_decisions.find(row.taskId);
            const Decision decision = d != m_decisions.end() ? d->second : Decision();
            t.BindInt(12, decision.admitted ? 1 : 0);
            if (decision.predicted.IsNegative())
            {
                t.BindNull(13);
            }
            else
            {
                t.BindDouble(13, decision.predicted.GetSeconds());
            }
            if (decision.allocated.GetBitRate() == 0)
            {
                t.BindNull(14);
            }
            else
            {
                t.BindDouble(14, static_cast<double>(decision.allocated.GetBitRate()));
            }
            t.Step();
            t.Reset();
            row.dirty = false;
            ++tasks;
        }
        m_commit.Run();
        m_written += m_frameRows.size() + m_linkRows.size() + m_loadRows.size() + tasks;
    }
    catch (...)
    {
        m_insertFrame.Reset();
        m_insertLink.Reset();
        m_insertLoad.Reset();
        m_insertTask.Reset();
        m_db.Execute("ROLLBACK");
        throw;
    }
    m_frameRows.clear();
    m_linkRows.clear();
    m_loadRows.clear();
    m_buffered = 0;
}

void
EdgeDnnRecorder::Finish()
{
    NS_LOG_FUNCTION(this);
    if (!m_connected || m_finished)
    {
        return;
    }
    m_finished = true;
    if (!m_devices.empty())
    {
        ReadTasks();
    }
    // Frames still open, in task order so that reruns write the same rows in the same order.
    std::vector<uint32_t> tasks;
    for (const auto& [task, frames] : m_frames)
    {
        tasks.push_back(task);
    }
    std::sort(tasks.begin(), tasks.end());
    for (uint32_t task : tasks)
    {
        FrameWindow& window = m_frames[task].window;
        for (std::size_t i = 0; i < window.size(); ++i)
        {
            FrameRecord& record = window[i];
            if (record.created && !record.settled)
            {
                record.status = FrameStatus::IN_FLIGHT;
                record.settled = true;
                RecordFrame(record);
            }
        }
    }
    m_frames.clear();
    const int64_t now = Simulator::Now().GetTimeStep();
    const int64_t width = m_binWidth.GetTimeStep();
    const int64_t endBin = (now + width - 1) / width;
    for (LinkState& link : m_links)
    {
        const bool pending = link.tx != 0 || link.rx != 0 || link.drops != 0;
        AdvanceLink(link, std::max(endBin, link.bin + (pending ? 1 : 0)));
    }
    for (LoadState& server : m_servers)
    {
        AdvanceLoad(server, std::max(endBin, server.bin + 1));
    }
    Flush();
    SqliteStatement update =
        m_db.Prepare("UPDATE runs SET finished = 1, finished_at = ?1, wall_time_s = ?2, "
                     "sim_time_s = ?3 WHERE run_id = ?4");
    const std::string finishedAt = WallClockIso();
    update.BindText(1, finishedAt);
    update.BindDouble(2, WallSeconds() - m_wallStart);
    update.BindDouble(3, Sec(now));
    update.BindInt(4, m_runId);
    update.Run();
    NS_LOG_INFO("run " << m_runId << " recorded: " << m_written << " rows in " << GetPath());
}

void
EdgeDnnRecorder::FinishAtDestroy()
{
    try
    {
        Finish();
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "EdgeDnnRecorder: " << e.what() << std::endl;
    }
}

int64_t
EdgeDnnRecorder::GetRunId() const
{
    return m_runId;
}

uint64_t
EdgeDnnRecorder::GetRowsWritten() const
{
    return m_written;
}

void
EdgeDnnRecorder::DoDispose()
{
    FinishAtDestroy();
    m_devices.clear();
    m_edges.clear();
    m_begin = SqliteStatement();
    m_commit = SqliteStatement();
    m_insertFrame = SqliteStatement();
    m_insertLink = SqliteStatement();
    m_insertLoad = SqliteStatement();
    m_insertTask = SqliteStatement();
    m_db.Close();
    Object::DoDispose();
}

} // namespace edgednn
} // namespace ns3
