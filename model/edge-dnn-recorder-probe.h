/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RECORDER_PROBE_H
#define EDGE_DNN_RECORDER_PROBE_H

#include "edge-dnn-sqlite-database.h"

#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A part of EdgeDnnRecorder that records one or more tables of its own, as ns-3's
 * FlowProbe is a part of FlowMonitor: it declares its tables, connects to the trace sources it
 * needs, buffers rows and writes them with its own prepared statements inside the recorder's
 * transaction. Adding a table to the database is writing a probe and calling
 * EdgeDnnRecorder::AddProbe (or RecorderHelper::AddProbe); nothing central changes.
 *
 * The recorder drives a probe through this cycle:
 *
 * 1. GetTables() and GetIndexes() when the database is opened (or when the probe is added to an
 *    open recorder): a new database gets the tables; in an existing one a missing table is created
 *    and a table lacking one of the probe's columns is an EdgeDnnError naming the table and the
 *    file (nothing written). Then Prepare(), where the probe prepares its statements.
 * 2. Connect() once, when the recorder connects: the run's id and bin width are known; the probe
 *    connects to its trace sources. Calls RowBuffered() for every row it buffers, so that the
 *    recorder writes a batch when BatchSize rows are buffered in all.
 * 3. HasPendingRows() and Write() at every batch, in the recorder's transaction (BEGIN IMMEDIATE
 *    .. COMMIT); Committed() after the commit, when the probe forgets the rows written. If the
 *    transaction fails, it is rolled back and the probe keeps its rows.
 * 4. Finish() at the end of the run, before the last batch: the probe buffers what it still holds
 *    (partial bins, counters).
 *
 * Probes are Objects with a TypeId, so they can carry attributes (ObjectFactory, Config).
 *
 * \code
 *   class JobsPerServerProbe : public RecorderProbe
 *   {
 *     std::vector<std::string> GetTables() const override
 *     {
 *         return {"CREATE TABLE jobs (run_id INTEGER NOT NULL, node INTEGER, jobs INTEGER)"};
 *     }
 *     void Prepare(SqliteDatabase& db) override
 *     {
 *         m_insert = db.Prepare("INSERT INTO jobs (run_id, node, jobs) VALUES (?1, ?2, ?3)");
 *     }
 *     void Connect(const RunInfo& run) override;  // Config::LookupMatches, TraceConnect...
 *     bool HasPendingRows() const override;
 *     uint64_t Write() override;                  // bind, Step, Reset per row
 *     void Committed() override;                  // forget the rows written
 *     void Finish(Time now) override;             // buffer the counts, RowBuffered()
 *   };
 *   recorder->AddProbe(CreateObject<JobsPerServerProbe>()); // before Connect
 * \endcode
 */
class RecorderProbe : public Object
{
  public:
    /// What a probe knows of the run when it connects.
    struct RunInfo
    {
        int64_t runId{0};     //!< runs.run_id of the run
        Time binWidth;        //!< the recorder's BinWidth, for probes that bin in time
        uint32_t systemId{0}; //!< the recorder's SystemId: record the nodes of this rank only
    };

    /**
     * \brief The objects a Config path under /NodeList/ matches on the nodes of one system id
     * (Node::GetSystemId, the MPI rank of a distributed run; 0 for every node of a single process).
     * Probes look their trace sources up with it, so that each rank of a distributed run records
     * only what it simulates.
     * \param path a Config path that starts with /NodeList/
     * \param systemId the system id
     * \return the matches on nodes of that system id, in Config's order
     */
    static Config::MatchContainer LookupOnSystem(const std::string& path, uint32_t systemId);

    /**
     * \param path a matched Config path such as /NodeList/3/DeviceList/1/$ns3::LinkRateTrace
     * \return the node id in it, or -1 if it has none
     */
    static int64_t NodeOfPath(const std::string& path);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RecorderProbe();
    ~RecorderProbe() override;

    /**
     * \brief The tables the probe writes.
     * \return one CREATE TABLE statement per table (without IF NOT EXISTS: the recorder creates a
     * table only where it is missing); the columns it defines are those an existing table must have
     */
    virtual std::vector<std::string> GetTables() const = 0;

    /**
     * \brief Indexes and views on the probe's own tables, created after every table exists.
     * \return CREATE INDEX / CREATE VIEW statements with IF NOT EXISTS (none by default)
     */
    virtual std::vector<std::string> GetIndexes() const;

    /**
     * \brief Prepare the statements the probe writes with (its tables exist). Called at every
     * EdgeDnnRecorder::Open, replacing the statements of an earlier one.
     * \param db the recorder's database
     */
    virtual void Prepare(SqliteDatabase& db) = 0;

    /**
     * \brief The run starts: connect to the trace sources. Called once, by
     * EdgeDnnRecorder::Connect, before the simulation runs.
     * \param run the run's id and bin width
     */
    virtual void Connect(const RunInfo& run) = 0;

    /** \return true if rows are buffered and not written yet */
    virtual bool HasPendingRows() const = 0;

    /**
     * \brief Write the buffered rows with the probe's prepared statements, inside the recorder's
     * open transaction; keep them until Committed(). A statement that fails resets itself and
     * throws EdgeDnnError; the recorder then rolls back.
     * \return rows written
     */
    virtual uint64_t Write() = 0;

    /** \brief The rows of the last Write() are committed: forget them. */
    virtual void Committed() = 0;

    /**
     * \brief The run ends: buffer what is still held (partial bins, counters). The recorder writes
     * the last batch after this. Does nothing by default.
     * \param now the simulation time at the end
     */
    virtual void Finish(Time now);

    /**
     * \brief Set how the probe tells its recorder about rows (EdgeDnnRecorder::AddProbe does).
     * \param rowBuffered called for every row buffered
     */
    void SetRowBufferedCallback(Callback<void> rowBuffered);

  protected:
    void DoDispose() override;

    /** \brief Tell the recorder a row was buffered (it writes a batch when enough are). */
    void RowBuffered()
    {
        if (!m_rowBuffered.IsNull())
        {
            m_rowBuffered();
        }
    }

  private:
    Callback<void> m_rowBuffered; //!< the recorder's row counter
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RECORDER_PROBE_H */
