/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RECORDER_SCHEMA_H
#define EDGE_DNN_RECORDER_SCHEMA_H

#include "edge-dnn-sqlite-database.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The schema of EdgeDnnRecorder databases: the central tables (runs, frames), the views
 * over several tables, the schema version, and the check that an existing file is compatible with
 * them and with the tables the recorder's probes declare (RecorderProbe::GetTables). See
 * doc/edge-dnn.rst, "Recording results".
 *
 * The INSERT statements of the central tables are here too, next to the tables they fill, so that
 * the column order the writers bind by is defined once; a probe keeps those of its own tables.
 */
class RecorderSchema
{
  public:
    /// PRAGMA application_id of edge-dnn databases ("EDNN").
    static constexpr int32_t APPLICATION_ID = 0x45444E4E;

    /// The schema version this module writes (PRAGMA user_version). Version 2 added
    /// runs.ended_by, version 3 frames.device_start_s and frames.device_done_s (a device
    /// prefix), version 4 the frames' energy columns (device_radio_j, device_compute_j,
    /// edge_compute_j, cloud_compute_j), version 5 the table handovers (HandoverProbe) and the
    /// view task_handovers; Prepare() upgrades a version 1 to 4 database to it (tables a probe
    /// declares are created where missing, so an older database gets an empty handovers).
    static constexpr int VERSION = 5;

    /// INSERT INTO frames: ?1 run_id, ?2 task_id, ?3 frame_seq, ?4..?11 the times created_s to
    /// result_rx_s (s), ?12 status, ?13 frame_bytes, ?14 drop_reason, ?15 device_start_s, ?16
    /// device_done_s, ?17..?20 device_radio_j, device_compute_j, edge_compute_j, cloud_compute_j.
    static const char* const INSERT_FRAME;

    /// INSERT INTO runs: ?1 started_at, ?2 ns3_version, ?3 module_version, ?4 seed, ?5 run_number,
    /// ?6 scenario, ?7 algorithm, ?8 bin_width_s, ?9 config_json (finished = 0, ended_by NULL).
    static const char* const INSERT_RUN;

    /// UPDATE runs at the end: ?1 finished_at, ?2 wall_time_s, ?3 sim_time_s, ?4 run_id,
    /// ?5 ended_by (ENDED_FINISHED, or "signal SIGTERM", ...); finished = 1 for ENDED_FINISHED
    /// only.
    static const char* const FINISH_RUN;

    /// runs.ended_by of a run that ended normally (the program ended the simulation).
    static const char* const ENDED_FINISHED;

    /// What the views say in their ended_by column for a run whose row has no end (ended_by NULL:
    /// killed, crashed, stopped by a write error, or still running).
    static const char* const ENDED_UNFINISHED;

    /// A table: who declares it, its name, its columns and its CREATE TABLE statement.
    struct Table
    {
        std::string owner;                //!< who declares it (for messages)
        std::string name;                 //!< table name
        std::vector<std::string> columns; //!< columns an existing table must have
        std::string create;               //!< CREATE TABLE statement
    };

    /**
     * \brief Read tables from their CREATE TABLE statements (SQLite parses them, in memory).
     * \param creates one CREATE TABLE statement per table
     * \param owner who declares them, for messages (e.g. a probe's TypeId name)
     * \return the tables, in the order given
     * \throws EdgeDnnError naming the owner and the statement if it is not valid SQL or does not
     * create exactly one table
     */
    static std::vector<Table> Describe(const std::vector<std::string>& creates,
                                       const std::string& owner);

    /**
     * \brief Check an open database and create what a new one lacks, in WAL mode: the central
     * tables (runs, frames) and the probes' tables that are missing, then the probes' indexes, then
     * the views, application_id and user_version. An edge-dnn database of an older schema version
     * is upgraded (the columns added since are added; runs.ended_by of a finished version 1 run is
     * "finished"; frames of a version 2 database have no device times). Nothing is written to a
     * file that fails a check. May be called again for tables added later (a probe added to an open
     * recorder). \param db the open database \param probeTables the tables of the recorder's probes
     * \param probeIndexes the indexes and views of the probes (CREATE ... IF NOT EXISTS)
     * \throws EdgeDnnError naming the file and what was expected if it belongs to another
     * application, has an edge-dnn schema version this module cannot upgrade (saying which, and
     * which this module writes), has a table lacking one of the declared columns (naming the table
     * and the column), has a non-table where a table is needed, or cannot use WAL; naming the
     * owners if two declare the same table
     */
    static void Prepare(SqliteDatabase& db,
                        const std::vector<Table>& probeTables,
                        const std::vector<std::string>& probeIndexes);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RECORDER_SCHEMA_H */
