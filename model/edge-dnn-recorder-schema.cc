/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-recorder-schema.h"

#include "edge-dnn-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("RecorderSchema");

const char* const RecorderSchema::INSERT_FRAME =
    "INSERT INTO frames (run_id, task_id, frame_seq, created_s, edge_rx_s, edge_start_s, "
    "edge_done_s, cloud_rx_s, cloud_start_s, cloud_done_s, result_rx_s, status, frame_bytes, "
    "drop_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

const char* const RecorderSchema::INSERT_LINK_TRAFFIC =
    "INSERT INTO link_traffic (run_id, link, to_cloud, t_start_s, t_end_s, tx_bytes, "
    "rx_bytes, drops) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

const char* const RecorderSchema::INSERT_SERVER_LOAD =
    "INSERT INTO server_load (run_id, node, role, t_s, t_end_s, queue_len, busy_workers, "
    "queue_len_mean, busy_workers_mean) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

const char* const RecorderSchema::INSERT_TASK =
    "INSERT OR REPLACE INTO tasks (run_id, task_id, device_node, edge_node, model, "
    "split_index, split_layer, input_bytes, feature_bytes, frame_rate, deadline_s, admitted, "
    "predicted_latency_s, allocated_bps, edge_macs, cloud_macs) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

const char* const RecorderSchema::INSERT_RUN =
    "INSERT INTO runs (started_at, finished, ns3_version, module_version, seed, run_number, "
    "scenario, algorithm, bin_width_s, config_json) VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, "
    "?8, ?9)";

const char* const RecorderSchema::FINISH_RUN =
    "UPDATE runs SET finished = 1, finished_at = ?1, wall_time_s = ?2, sim_time_s = ?3 "
    "WHERE run_id = ?4";

namespace
{

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

} // namespace

void
RecorderSchema::Prepare(SqliteDatabase& db)
{
    const std::string& path = db.GetPath();
    const std::string expected = "expected an edge-dnn recorder database (schema version " +
                                 std::to_string(VERSION) + ") or a new file";
    // Checks first: nothing is written until the file passes all of them.
    const int64_t applicationId = db.QueryInt("PRAGMA application_id");
    const int64_t userVersion = db.QueryInt("PRAGMA user_version");
    if (applicationId != 0 && applicationId != APPLICATION_ID)
    {
        throw EdgeDnnError("database '" + path +
                           "' belongs to another application (application_id " +
                           std::to_string(applicationId) + "): " + expected);
    }
    if (applicationId == APPLICATION_ID && userVersion != VERSION)
    {
        throw EdgeDnnError("database '" + path + "' has edge-dnn schema version " +
                           std::to_string(userVersion) + ": " + expected);
    }
    std::vector<const TableSpec*> missing;
    for (const TableSpec& table : Tables())
    {
        const std::string type = db.GetObjectType(table.name);
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
        const std::vector<std::string> columns = db.GetColumns(table.name);
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
    SqliteStatement wal = db.Prepare("PRAGMA journal_mode = WAL");
    const std::string mode = wal.Step() ? wal.GetText(0) : std::string();
    wal.Reset();
    if (mode != "wal")
    {
        throw EdgeDnnError("database '" + path + "' cannot use a WAL journal (journal mode '" +
                           mode + "'): expected a database file on a local file system");
    }
    // NORMAL: commits are not synced, checkpoints are; a killed process loses nothing committed.
    // Checkpoints every 16384 pages (64 MiB of WAL) rather than 1000, to sync less often.
    db.Execute("PRAGMA synchronous = NORMAL");
    db.Execute("PRAGMA wal_autocheckpoint = 16384");
    db.Execute("BEGIN IMMEDIATE");
    try
    {
        for (const TableSpec* table : missing)
        {
            db.Execute(table->create);
        }
        for (const char* sql : g_extraSchema)
        {
            db.Execute(sql);
        }
        db.Execute("PRAGMA application_id = " + std::to_string(APPLICATION_ID));
        db.Execute("PRAGMA user_version = " + std::to_string(VERSION));
        db.Execute("COMMIT");
    }
    catch (...)
    {
        db.Execute("ROLLBACK");
        throw;
    }
}

} // namespace edgednn
} // namespace ns3
