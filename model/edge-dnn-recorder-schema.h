/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RECORDER_SCHEMA_H
#define EDGE_DNN_RECORDER_SCHEMA_H

#include "edge-dnn-sqlite-database.h"

#include <cstdint>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The schema of EdgeDnnRecorder databases: the tables (runs, tasks, frames, link_traffic,
 * server_load), their indexes and views, the schema version and the check that an existing file
 * is compatible. See doc/edge-dnn.rst, "Recording results".
 *
 * The INSERT statements are here too, next to the tables they fill, so that the column order the
 * writers bind by is defined once.
 */
class RecorderSchema
{
  public:
    /// PRAGMA application_id of edge-dnn databases ("EDNN").
    static constexpr int32_t APPLICATION_ID = 0x45444E4E;

    /// The schema version this module writes (PRAGMA user_version).
    static constexpr int VERSION = 1;

    /// INSERT INTO frames: ?1 run_id, ?2 task_id, ?3 frame_seq, ?4..?11 the eight times (s),
    /// ?12 status, ?13 frame_bytes, ?14 drop_reason.
    static const char* const INSERT_FRAME;

    /// INSERT INTO link_traffic: ?1 run_id, ?2 link, ?3 to_cloud, ?4 t_start_s, ?5 t_end_s,
    /// ?6 tx_bytes, ?7 rx_bytes, ?8 drops.
    static const char* const INSERT_LINK_TRAFFIC;

    /// INSERT INTO server_load: ?1 run_id, ?2 node, ?3 role, ?4 t_s, ?5 t_end_s, ?6 queue_len,
    /// ?7 busy_workers, ?8 queue_len_mean, ?9 busy_workers_mean.
    static const char* const INSERT_SERVER_LOAD;

    /// INSERT OR REPLACE INTO tasks: ?1 run_id, ?2 task_id, ?3 device_node, ?4 edge_node, ?5 model,
    /// ?6 split_index, ?7 split_layer, ?8 input_bytes, ?9 feature_bytes, ?10 frame_rate,
    /// ?11 deadline_s, ?12 admitted, ?13 predicted_latency_s, ?14 allocated_bps, ?15 edge_macs,
    /// ?16 cloud_macs.
    static const char* const INSERT_TASK;

    /// INSERT INTO runs: ?1 started_at, ?2 ns3_version, ?3 module_version, ?4 seed, ?5 run_number,
    /// ?6 scenario, ?7 algorithm, ?8 bin_width_s, ?9 config_json (finished = 0).
    static const char* const INSERT_RUN;

    /// UPDATE runs at the end: ?1 finished_at, ?2 wall_time_s, ?3 sim_time_s, ?4 run_id.
    static const char* const FINISH_RUN;

    /**
     * \brief Check an open database and create what a new one lacks (tables, indexes, views,
     * application_id, user_version), in WAL mode. Nothing is written to a file that fails a check.
     * \param db the open database
     * \throws EdgeDnnError naming the file and what was expected if it belongs to another
     * application, has another edge-dnn schema version (saying which, and which this module
     * writes), lacks a needed column, has a non-table where a table is needed, or cannot use WAL
     */
    static void Prepare(SqliteDatabase& db);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RECORDER_SCHEMA_H */
