/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-recorder-schema.h"

#include "edge-dnn-error.h"

#include "ns3/log.h"

#include <algorithm>
#include <iterator>
#include <memory>
#include <sqlite3.h>
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
    "drop_reason, device_start_s, device_done_s, device_radio_j, device_compute_j, "
    "edge_compute_j, cloud_compute_j) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
    "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";

const char* const RecorderSchema::INSERT_RUN =
    "INSERT INTO runs (started_at, finished, ns3_version, module_version, seed, run_number, "
    "scenario, algorithm, bin_width_s, config_json) VALUES (?1, 0, ?2, ?3, ?4, ?5, ?6, ?7, "
    "?8, ?9)";

const char* const RecorderSchema::FINISH_RUN =
    "UPDATE runs SET finished = (?5 = 'finished'), ended_by = ?5, finished_at = ?1, "
    "wall_time_s = ?2, sim_time_s = ?3 WHERE run_id = ?4";

const char* const RecorderSchema::ENDED_FINISHED = "finished";

const char* const RecorderSchema::ENDED_UNFINISHED = "unfinished";

namespace
{

/// The central tables: runs, and frames (written by the recorder itself, for speed).
const char* const g_tables[] = {
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
    "config_json TEXT NOT NULL, "
    // NULL until the run ends: 'finished', or 'signal SIGTERM' (SIGINT, SIGHUP) when a
    // termination signal stopped it (EdgeDnnRecorder::HandleTerminationSignals). Last, so that a
    // version 1 table upgraded with ALTER TABLE has the same columns in the same order.
    "ended_by TEXT)",
    // frames is the hot table, written at SQLite's own insert rate: no key or index (a unique
    // index halves the rate; the recorder writes each frame once by construction, tested), no
    // CHECK, and the times (REAL seconds or NULL) carry no declared type, since REAL affinity
    // costs a conversion check per value. Add an index for large databases if wanted.
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
    "drop_reason TEXT, "
    // The device's own layers (a device split > 0), NULL for frames sent as created. Last, so
    // that a version 2 table upgraded with ALTER TABLE has the same columns in the same order.
    "device_start_s, "
    "device_done_s, "
    // The frame's energy by where it was spent (J), NULL where nothing was metered (version 4).
    "device_radio_j, "
    "device_compute_j, "
    "edge_compute_j, "
    "cloud_compute_j)",
};

/// Closes an sqlite3 connection.
struct CloseConnection
{
    /**
     * \brief Close it.
     * \param db the connection
     */
    void operator()(sqlite3* db) const
    {
        sqlite3_close(db);
    }
};

/// The columns of the deadline-hit views: frames by final state, and the hit ratio over every frame
/// created (a frame still in flight at the end counts as a miss), settled_hit_ratio beside it over
/// the frames with a final state.
#define EDGE_DNN_HIT_COLUMNS                                                                       \
    "COUNT(*) AS frames, SUM(f.status = 'completed') AS completed, "                               \
    "SUM(f.status = 'late') AS late, SUM(f.status = 'dropped') AS dropped, "                       \
    "SUM(f.status = 'lost') AS lost, SUM(f.status = 'in_flight') AS in_flight, "                   \
    "CAST(SUM(f.status = 'completed') AS REAL) / COUNT(*) AS hit_ratio, "                          \
    "CAST(SUM(f.status = 'completed') AS REAL) / NULLIF(SUM(f.status <> 'in_flight'), 0) "         \
    "AS settled_hit_ratio "

/// How a run of `runs r` ended, as every view says it: runs.ended_by ('finished', 'signal
/// SIGTERM', ...), or 'unfinished' where the row has no end (killed, crashed, still running).
#define EDGE_DNN_ENDED_BY "COALESCE(r.ended_by, 'unfinished')"

/// Views over several tables (the probes' tables included), created after every table exists, and
/// created anew at every open (they hold no data), so a database always has this version's views.
/// Every view has the column ended_by; those over several runs (algorithm_*) group by it, so that
/// the runs that finished are never summed with those killed or stopped by a signal.
const char* const g_views[] = {
    // Deadline hits per task, per run, per algorithm and way the runs ended.
    "CREATE VIEW task_deadline_hits AS "
    "SELECT f.run_id, r.algorithm, " EDGE_DNN_ENDED_BY
    " AS ended_by, f.task_id, " EDGE_DNN_HIT_COLUMNS
    "FROM frames f JOIN runs r USING (run_id) GROUP BY f.run_id, f.task_id",
    "CREATE VIEW run_deadline_hits AS "
    "SELECT f.run_id, r.algorithm, " EDGE_DNN_ENDED_BY " AS ended_by, " EDGE_DNN_HIT_COLUMNS
    "FROM frames f JOIN runs r USING (run_id) GROUP BY f.run_id",
    "CREATE VIEW algorithm_deadline_hits AS "
    "SELECT r.algorithm, " EDGE_DNN_ENDED_BY
    " AS ended_by, COUNT(DISTINCT f.run_id) AS runs, " EDGE_DNN_HIT_COLUMNS
    "FROM frames f JOIN runs r USING (run_id) "
    "GROUP BY r.algorithm, " EDGE_DNN_ENDED_BY,
    // End-to-end latency of every frame whose result came back, with its parts.
    "CREATE VIEW frame_latency AS "
    "SELECT f.run_id, r.algorithm, " EDGE_DNN_ENDED_BY " AS ended_by, f.task_id, f.frame_seq, "
    "f.status, "
    "f.result_rx_s - f.created_s AS latency_s, "
    "COALESCE(f.device_done_s - f.device_start_s, 0) AS device_compute_s, "
    "f.edge_rx_s - COALESCE(f.device_done_s, f.created_s) AS device_to_edge_s, "
    "f.cloud_rx_s - f.edge_done_s AS edge_to_cloud_s "
    "FROM frames f JOIN runs r USING (run_id) "
    "WHERE f.result_rx_s IS NOT NULL AND f.created_s IS NOT NULL",
    // Each frame's energy by where it was spent, and in all (the parts metered; NULL when none).
    "CREATE VIEW frame_energy AS "
    "SELECT f.run_id, r.algorithm, " EDGE_DNN_ENDED_BY " AS ended_by, f.task_id, f.frame_seq, "
    "f.status, f.device_radio_j, f.device_compute_j, f.edge_compute_j, f.cloud_compute_j, "
    "CASE WHEN COALESCE(f.device_radio_j, f.device_compute_j, f.edge_compute_j, "
    "f.cloud_compute_j) IS NULL THEN NULL ELSE COALESCE(f.device_radio_j, 0) + "
    "COALESCE(f.device_compute_j, 0) + COALESCE(f.edge_compute_j, 0) + "
    "COALESCE(f.cloud_compute_j, 0) END AS total_j "
    "FROM frames f JOIN runs r USING (run_id)",
    // Per task: frames, and the mean energy per frame of each part and in all, over every frame
    // created (a part a frame never reached counts 0) and over those completed.
    "CREATE VIEW task_energy AS "
    "SELECT run_id, algorithm, ended_by, task_id, COUNT(*) AS frames, "
    "AVG(COALESCE(device_radio_j, 0)) AS device_radio_j, "
    "AVG(COALESCE(device_compute_j, 0)) AS device_compute_j, "
    "AVG(COALESCE(edge_compute_j, 0)) AS edge_compute_j, "
    "AVG(COALESCE(cloud_compute_j, 0)) AS cloud_compute_j, "
    "AVG(COALESCE(total_j, 0)) AS total_j, "
    "AVG(CASE WHEN status = 'completed' THEN total_j END) AS completed_total_j "
    "FROM frame_energy GROUP BY run_id, task_id",
    // Percentiles by nearest rank: the smallest latency with rank >= q * n.
    "CREATE VIEW run_latency_percentiles AS "
    "WITH l AS (SELECT run_id, algorithm, ended_by, latency_s, "
    "ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY latency_s) AS rn, "
    "COUNT(*) OVER (PARTITION BY run_id) AS n FROM frame_latency) "
    "SELECT run_id, algorithm, ended_by, MAX(n) AS frames, AVG(latency_s) AS mean_s, "
    "MIN(CASE WHEN rn >= 0.50 * n THEN latency_s END) AS p50_s, "
    "MIN(CASE WHEN rn >= 0.95 * n THEN latency_s END) AS p95_s, "
    "MIN(CASE WHEN rn >= 0.99 * n THEN latency_s END) AS p99_s, "
    "MAX(latency_s) AS max_s FROM l GROUP BY run_id",
    "CREATE VIEW algorithm_latency_percentiles AS "
    "WITH l AS (SELECT algorithm, ended_by, latency_s, "
    "ROW_NUMBER() OVER (PARTITION BY algorithm, ended_by ORDER BY latency_s) AS rn, "
    "COUNT(*) OVER (PARTITION BY algorithm, ended_by) AS n FROM frame_latency) "
    "SELECT algorithm, ended_by, MAX(n) AS frames, AVG(latency_s) AS mean_s, "
    "MIN(CASE WHEN rn >= 0.50 * n THEN latency_s END) AS p50_s, "
    "MIN(CASE WHEN rn >= 0.95 * n THEN latency_s END) AS p95_s, "
    "MIN(CASE WHEN rn >= 0.99 * n THEN latency_s END) AS p99_s, "
    "MAX(latency_s) AS max_s FROM l GROUP BY algorithm, ended_by",
    // Bytes sent towards the cloud (links added with toCloud).
    "CREATE VIEW run_cloud_bytes AS "
    "SELECT l.run_id, r.algorithm, " EDGE_DNN_ENDED_BY " AS ended_by, "
    "SUM(l.tx_bytes) AS tx_bytes, SUM(l.rx_bytes) AS rx_bytes, SUM(l.drops) AS drops "
    "FROM link_traffic l JOIN runs r USING (run_id) WHERE l.to_cloud = 1 GROUP BY l.run_id",
    "CREATE VIEW algorithm_cloud_bytes AS "
    "SELECT algorithm, ended_by, COUNT(*) AS runs, SUM(tx_bytes) AS tx_bytes, "
    "AVG(tx_bytes) AS tx_bytes_per_run FROM run_cloud_bytes GROUP BY algorithm, ended_by",
    // Each task's decisions as intervals (DecisionProbe): a decision holds from its time_s until
    // the task's next decision (by time_s, then seq), or else until the run's end (runs.sim_time_s;
    // NULL for a run with no end recorded). Every decision is a row, rejections included (split
    // NULL); algorithm is the deciding algorithm.
    "CREATE VIEW task_splits AS "
    "SELECT d.run_id, " EDGE_DNN_ENDED_BY " AS ended_by, d.task_id, d.seq, d.time_s AS start_s, "
    "COALESCE(LEAD(d.time_s) OVER (PARTITION BY d.run_id, d.task_id ORDER BY d.time_s, d.seq), "
    "r.sim_time_s) AS end_s, d.admitted, d.server, d.edge_node, d.split_index, d.allocated_bps, "
    "d.algorithm, d.reason, d.device_split_index "
    "FROM decisions d JOIN runs r USING (run_id)",
    // Per run and task, its handovers (HandoverProbe): how many, how many admitted and rejected on
    // the new server, how many followed a lost association (lost_s not NULL), and the mean and
    // longest time without association (associated_s - lost_s) over those; NULL when none did.
    "CREATE VIEW task_handovers AS "
    "SELECT h.run_id, r.algorithm, " EDGE_DNN_ENDED_BY " AS ended_by, h.task_id, "
    "COUNT(*) AS handovers, SUM(h.admitted = 1) AS admitted_handovers, "
    "SUM(h.admitted = 0) AS rejected_handovers, COUNT(h.lost_s) AS association_losses, "
    "AVG(h.associated_s - h.lost_s) AS mean_association_gap_s, "
    "MAX(h.associated_s - h.lost_s) AS max_association_gap_s "
    "FROM handovers h JOIN runs r USING (run_id) GROUP BY h.run_id, h.task_id",
    // Every uplink estimate (BandwidthProbe, source 'estimate') with the true rate in effect on
    // its node then: the latest 'true' row of the node at or before the estimate's time (the last
    // written among equal times). An estimate before any true rate of its node is shown with
    // true_bps and the errors NULL; rel_error is NULL where the true rate is 0.
    "CREATE VIEW bandwidth_estimate_error AS "
    "SELECT e.run_id, r.algorithm, " EDGE_DNN_ENDED_BY " AS ended_by, e.node, e.time_s, "
    "e.rate_bps AS estimate_bps, t.rate_bps AS true_bps, e.rate_bps - t.rate_bps AS error_bps, "
    "ABS(e.rate_bps - t.rate_bps) AS abs_error_bps, "
    "ABS(e.rate_bps - t.rate_bps) / NULLIF(t.rate_bps, 0) AS rel_error "
    "FROM bandwidth e JOIN runs r USING (run_id) "
    "LEFT JOIN bandwidth t ON t.rowid = (SELECT b.rowid FROM bandwidth b WHERE b.run_id = "
    "e.run_id AND b.node = e.node AND b.source = 'true' AND b.time_s <= e.time_s "
    "ORDER BY b.time_s DESC, b.rowid DESC LIMIT 1) "
    "WHERE e.source = 'estimate'",
    // Deadline hits over time: frames binned by creation time in bins of the run's bin width
    // (runs.bin_width_s, the recorder's BinWidth), bin k = [k w, (k + 1) w), computed on whole
    // nanoseconds so that a frame on a bin's boundary opens that bin. The hit columns are the
    // other deadline-hit views': hit_ratio over every frame created (in flight or stalled at the
    // end = a miss), settled_hit_ratio over the frames with a final state. A frame without a
    // creation time is shown in a row of bin NULL.
    "CREATE VIEW deadline_hits_over_time AS "
    "WITH b AS (SELECT f.*, CAST(ROUND(f.created_s * 1e9) AS INTEGER) / "
    "CAST(ROUND(r.bin_width_s * 1e9) AS INTEGER) AS bin FROM frames f JOIN runs r USING (run_id)) "
    "SELECT f.run_id, r.algorithm, " EDGE_DNN_ENDED_BY " AS ended_by, f.bin, "
    "f.bin * r.bin_width_s AS t_start_s, (f.bin + 1) * r.bin_width_s AS "
    "t_end_s, " EDGE_DNN_HIT_COLUMNS "FROM b f JOIN runs r USING (run_id) GROUP BY f.run_id, f.bin",
};

/// A column added to a central table since schema version 1, and how an older database gets it.
struct AddedColumn
{
    int version;        //!< the schema version that added it
    const char* table;  //!< its table
    const char* column; //!< the column
    const char* sql;    //!< the statements adding it to a table that lacks it
};

/// The columns added since version 1, oldest first.
const AddedColumn g_added[] = {
    {2,
     "runs",
     "ended_by",
     "ALTER TABLE runs ADD COLUMN ended_by TEXT; "
     "UPDATE runs SET ended_by = 'finished' WHERE finished = 1"},
    {3, "frames", "device_start_s", "ALTER TABLE frames ADD COLUMN device_start_s"},
    {3, "frames", "device_done_s", "ALTER TABLE frames ADD COLUMN device_done_s"},
    // TaskProbe's table, which a recorder without that probe leaves as it is.
    {3, "tasks", "device_split_index", "ALTER TABLE tasks ADD COLUMN device_split_index INTEGER"},
    {3, "tasks", "device_macs", "ALTER TABLE tasks ADD COLUMN device_macs INTEGER"},
    // DecisionProbe's table, likewise.
    {3,
     "decisions",
     "device_split_index",
     "ALTER TABLE decisions ADD COLUMN device_split_index INTEGER"},
    {4, "frames", "device_radio_j", "ALTER TABLE frames ADD COLUMN device_radio_j"},
    {4, "frames", "device_compute_j", "ALTER TABLE frames ADD COLUMN device_compute_j"},
    {4, "frames", "edge_compute_j", "ALTER TABLE frames ADD COLUMN edge_compute_j"},
    {4, "frames", "cloud_compute_j", "ALTER TABLE frames ADD COLUMN cloud_compute_j"},
};

} // namespace

std::vector<RecorderSchema::Table>
RecorderSchema::Describe(const std::vector<std::string>& creates, const std::string& owner)
{
    std::vector<Table> tables;
    for (const std::string& create : creates)
    {
        // The columns are SQLite's reading of the statement, in a scratch database.
        sqlite3* raw = nullptr;
        const int rc = sqlite3_open(":memory:", &raw);
        std::unique_ptr<sqlite3, CloseConnection> scratch(raw);
        if (rc != SQLITE_OK)
        {
            throw EdgeDnnError("cannot open an in-memory SQLite database to read the tables of " +
                               owner);
        }
        char* error = nullptr;
        if (sqlite3_exec(raw, create.c_str(), nullptr, nullptr, &error) != SQLITE_OK)
        {
            const std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw EdgeDnnError(owner + ": table definition '" + create + "' is not valid SQL (" +
                               message + "): expected one CREATE TABLE statement");
        }
        Table table;
        table.owner = owner;
        table.create = create;
        sqlite3_stmt* names = nullptr;
        sqlite3_prepare_v2(raw,
                           "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
                           "ESCAPE '\\'",
                           -1,
                           &names,
                           nullptr);
        int objects = 0;
        bool isTable = false;
        while (sqlite3_step(names) == SQLITE_ROW)
        {
            isTable = std::string(reinterpret_cast<const char*>(sqlite3_column_text(names, 0))) ==
                      "table";
            table.name = reinterpret_cast<const char*>(sqlite3_column_text(names, 1));
            ++objects;
        }
        sqlite3_finalize(names);
        if (objects != 1 || !isTable)
        {
            throw EdgeDnnError(owner + ": table definition '" + create + "' creates " +
                               std::to_string(objects) +
                               " schema objects: expected one CREATE TABLE statement");
        }
        sqlite3_stmt* columns = nullptr;
        sqlite3_prepare_v2(raw, "SELECT name FROM pragma_table_info(?1)", -1, &columns, nullptr);
        sqlite3_bind_text(columns, 1, table.name.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(columns) == SQLITE_ROW)
        {
            table.columns.emplace_back(
                reinterpret_cast<const char*>(sqlite3_column_text(columns, 0)));
        }
        sqlite3_finalize(columns);
        tables.push_back(std::move(table));
    }
    return tables;
}

void
RecorderSchema::Prepare(SqliteDatabase& db,
                        const std::vector<Table>& probeTables,
                        const std::vector<std::string>& probeIndexes)
{
    static const std::vector<Table> central =
        Describe(std::vector<std::string>(std::begin(g_tables), std::end(g_tables)),
                 "EdgeDnnRecorder");
    std::vector<const Table*> tables;
    for (const Table& table : central)
    {
        tables.push_back(&table);
    }
    for (const Table& table : probeTables)
    {
        for (const Table* other : tables)
        {
            if (other->name == table.name)
            {
                throw EdgeDnnError(table.owner + " declares table '" + table.name + "', which " +
                                   other->owner +
                                   " declares already: expected a table name of its own");
            }
        }
        tables.push_back(&table);
    }
    const std::string& path = db.GetPath();
    const std::string expected = "expected an edge-dnn recorder database (schema version " +
                                 std::to_string(VERSION) + "; versions 1 to " +
                                 std::to_string(VERSION - 1) + " are upgraded) or a new file";
    // Checks first: nothing is written until the file passes all of them.
    const int64_t applicationId = db.QueryInt("PRAGMA application_id");
    const int64_t userVersion = db.QueryInt("PRAGMA user_version");
    if (applicationId != 0 && applicationId != APPLICATION_ID)
    {
        throw EdgeDnnError("database '" + path +
                           "' belongs to another application (application_id " +
                           std::to_string(applicationId) + "): " + expected);
    }
    // An older edge-dnn database is upgraded: the columns added since are not required of it.
    const bool upgrade =
        applicationId == APPLICATION_ID && userVersion >= 1 && userVersion < VERSION;
    auto addedLater = [upgrade, userVersion](const std::string& table, const std::string& column) {
        for (const AddedColumn& added : g_added)
        {
            if (upgrade && added.version > userVersion && table == added.table &&
                column == added.column)
            {
                return true;
            }
        }
        return false;
    };
    if (applicationId == APPLICATION_ID && userVersion != VERSION && !upgrade)
    {
        throw EdgeDnnError("database '" + path + "' has edge-dnn schema version " +
                           std::to_string(userVersion) + ": " + expected);
    }
    std::vector<const Table*> missing;
    for (const Table* table : tables)
    {
        const std::string type = db.GetObjectType(table->name);
        if (type.empty())
        {
            missing.push_back(table);
            continue;
        }
        if (type != "table")
        {
            throw EdgeDnnError("database '" + path + "' has a " + type + " named '" + table->name +
                               "' where a table is needed: " + expected);
        }
        const std::vector<std::string> columns = db.GetColumns(table->name);
        for (const std::string& column : table->columns)
        {
            if (std::find(columns.begin(), columns.end(), column) == columns.end() &&
                !addedLater(table->name, column))
            {
                throw EdgeDnnError("database '" + path + "' has an incompatible table '" +
                                   table->name + "': column '" + column + "' is missing; " +
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
        for (const Table* table : missing)
        {
            db.Execute(table->create);
        }
        for (const AddedColumn& added : g_added)
        {
            const std::vector<std::string> columns = db.GetColumns(added.table);
            if (!columns.empty() && // a table the database lacks is not added here
                std::find(columns.begin(), columns.end(), added.column) == columns.end())
            {
                NS_LOG_INFO("upgrading '" << path << "': " << added.table << "." << added.column);
                db.Execute(added.sql);
            }
        }
        for (const std::string& sql : probeIndexes)
        {
            db.Execute(sql);
        }
        // Dropped in reverse (later views read earlier ones), then created in order.
        for (auto it = std::rbegin(g_views); it != std::rend(g_views); ++it)
        {
            const std::string create(*it);
            const std::string prefix = "CREATE VIEW ";
            const std::string name =
                create.substr(prefix.size(), create.find(' ', prefix.size()) - prefix.size());
            db.Execute("DROP VIEW IF EXISTS " + name);
        }
        for (const char* sql : g_views)
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
