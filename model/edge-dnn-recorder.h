/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RECORDER_H
#define EDGE_DNN_RECORDER_H

#include "edge-dnn-error.h"
#include "edge-dnn-frame-tracker.h"
#include "edge-dnn-recorder-probe.h"
#include "edge-dnn-sqlite-database.h"
#include "edge-dnn-task-decision.h"

#include "ns3/event-id.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgednn
{

class LinkTrafficProbe;
class ServerLoadProbe;
class TaskProbe;

/**
 * \ingroup edge-dnn
 * \brief Records a run of edge-dnn applications into an SQLite database: the run and what shaped
 * it, every task, every frame with its journey's times and final state, traffic on chosen links in
 * fixed time bins, and the load of every server.
 *
 * Use: Open(path) (or RecorderHelper), AddLink() for the links to count, then Connect() once the
 * applications are installed and configured, before Simulator::Run(). The run gets its own run_id
 * (several runs, or several processes, append to one database); its row in `runs` is committed at
 * Connect() with finished = 0 and set to 1 by Finish(), which Simulator::Destroy() calls if the
 * program did not. Rows are buffered in memory and written in one transaction per BatchSize rows
 * with reused prepared statements, in WAL mode: a process killed mid-run leaves a valid database
 * with every batch committed so far, its run unfinished (runs.ended_by NULL). Finish() writes how
 * the run ended in runs.ended_by: "finished", or "signal SIGTERM" (SIGINT, SIGHUP) for a run that
 * HandleTerminationSignals() stopped. A write that finds the database full (the disk, or
 * MaxDatabaseSize) throws an EdgeDnnError saying so; what was committed before is kept.
 *
 * It is built like ns-3's flow monitor: a FrameTracker gives each frame its final state with the
 * rule FrameLedger shares (the first of: result received, completed or late; dropped by a server;
 * lost), and the frame is written once, then; frames still open at Finish() are written as
 * in_flight, or as lost with reason "stalled" when they made no progress for StallTime. Every other
 * table belongs to a RecorderProbe: the built-in LinkTrafficProbe, ServerLoadProbe and TaskProbe
 * (link_traffic, server_load, tasks and the schedulers' decisions), DecisionProbe (decisions: every
 * decision applied during the run), BandwidthProbe (bandwidth: true link rates and uplink
 * estimates), EnergyProbe (node_energy), HandoverProbe (handovers: every device's moves between
 * edge servers' access points), and any probe added with AddProbe(). RecorderSchema defines the
 * central tables (runs, frames) and the views, and checks every table. This class owns the database
 * and the batches, and drives its probes through their cycle (tables at Open, Connect, Write in its
 * transactions, Finish). See doc/edge-dnn.rst, "Recording results", for the schema and how to add a
 * table.
 */
class EdgeDnnRecorder : public Object
{
  public:
    /// One row of the frames table (see FrameTracker::FrameTime for its times).
    using FrameRecord = FrameTracker::FrameRecord;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EdgeDnnRecorder();
    ~EdgeDnnRecorder() override;

    /** \return the version of the database schema this recorder writes (PRAGMA user_version) */
    static int GetSchemaVersion();

    /** \return the module's version, recorded in runs.module_version */
    static std::string GetModuleVersion();

    /**
     * \brief Let SIGINT, SIGTERM and SIGHUP end the run cleanly instead of killing the process.
     *
     * From Connect() (at once if it ran) until the run's end, a handler that only sets a flag
     * replaces the signals' disposition (a signal ignored when Connect() runs, as nohup ignores
     * SIGHUP, stays ignored). The recorder checks the flag at every row it buffers and every
     * BinWidth of simulated time, and stops the simulator (Simulator::Stop) when it is set;
     * Finish() then writes the frames and rows still held, and runs.ended_by "signal SIGTERM"
     * (SIGINT, SIGHUP) with finished = 0. After Finish() the previous dispositions are back and
     * the signal is raised again, so the process ends as the signal would have ended it: killed
     * by it (a shell reports 128 + its number: 130 for SIGINT, 143 for SIGTERM), after the rows
     * are committed. A second signal before Finish() takes the default action at once (the run
     * stays unfinished, like a killed one). A signal that comes after the simulation ended
     * normally leaves ended_by "finished" and still ends the process after Finish(). Call it
     * right after creating the recorder, e.g. in a program's main().
     */
    void HandleTerminationSignals();

    /**
     * \brief Open or create the database and check its schema; creates the tables and views a new
     * database lacks. Nothing is written to an existing file that fails a check.
     * \param path the database file
     * \throws EdgeDnnError naming the path and what was expected if the path cannot be written, the
     * file is not an SQLite database, or its schema is not compatible with the recorder's
     */
    void Open(const std::string& path);

    /** \return the database file's path ("" before Open) */
    std::string GetPath() const;

    /**
     * \brief Record an argument that shaped the run (in runs.config_json, "arguments"). Call before
     * Connect().
     * \param name the argument
     * \param value its value
     */
    void AddArgument(const std::string& name, const std::string& value);

    /**
     * \brief Record the program's command line (in runs.config_json, "argv"). Call before
     * Connect().
     * \param argc argument count
     * \param argv arguments
     */
    void AddCommandLine(int argc, char** argv);

    /**
     * \brief Count the traffic of a link direction in link_traffic: bytes a device transmits
     * (PhyTxEnd, else MacTx), bytes the other end receives (PhyRxEnd, else MacRx), and packets
     * dropped (MacTxDrop and PhyTxDrop at the sender, PhyRxDrop at the receiver), in bins of
     * BinWidth (the value at Connect()). Links are connected at Connect() (at once if it ran).
     * \param name the link's name in link_traffic.link
     * \param tx the transmitting device
     * \param rx the receiving device (may be null)
     * \param toCloud true if this direction carries traffic to the cloud (link_traffic.to_cloud)
     * \throws EdgeDnnError naming the link if tx is null or has no PhyTxEnd or MacTx trace source
     */
    void AddLink(const std::string& name, Ptr<NetDevice> tx, Ptr<NetDevice> rx, bool toCloud);

    /**
     * \brief Add a probe that records tables of its own. Call before Connect(), before or after
     * Open(): its tables are created where missing, or checked, at once if the database is open.
     * \param probe the probe
     * \throws EdgeDnnError naming the table and the file if the open database has a table of the
     * probe's name lacking one of its columns, or naming the probes if another one declares it
     */
    void AddProbe(Ptr<RecorderProbe> probe);

    /**
     * \return the probes: the built-in ones (links, server load, tasks, decisions, bandwidth,
     * energy, handovers), then those added
     */
    const std::vector<Ptr<RecorderProbe>>& GetProbes() const;

    /**
     * \brief Start the run: write its row in `runs` (with config_json) and connect to the trace
     * sources of every IotDeviceApplication (FrameCreated, ResultReceived, FrameLost,
     * TaskDecision), EdgeServerApplication and CloudServerApplication installed now (Config paths
     * /NodeList/ * /ApplicationList/ * /$ns3::...), then connect every probe. Tasks are read when
     * the simulation starts, so that AddTask calls and decisions made before Run() count;
     * decisions traced later rewrite their task's row. What the probes buffer at time 0 is
     * written then.
     * \throws EdgeDnnError if the database cannot be written
     */
    void Connect();

    /**
     * \brief Buffer a frame row (written at the next batch). The frame tracker calls this; so may
     * programs recording frames of applications of their own.
     * \param record the row
     */
    void RecordFrame(const FrameRecord& record);

    /**
     * \brief Write every buffered row now, in one transaction.
     * \throws EdgeDnnError if the transaction fails: it is rolled back, the batches committed
     * before are kept, and the recorder writes nothing more for this run. A full database (no
     * room on the disk, or MaxDatabaseSize reached) is named as such: "database 'PATH' is full:
     * ...". Thrown from inside Simulator::Run when a batch fills during the run.
     */
    void Flush();

    /**
     * \brief End the run: write frames still open as in_flight (or stalled, see StallTime), what
     * the probes still hold (the last traffic bins and load samples), and how the run ended
     * (runs.ended_by; finished = 1 if it ended normally). Idempotent; Simulator::Destroy() calls
     * it. After a write failed (see Flush) it writes nothing more. With HandleTerminationSignals(),
     * a termination signal received before ends the process here, once the rows are committed.
     * \throws EdgeDnnError if the database cannot be written (saying so if it is full)
     */
    void Finish();

    /** \return the run's id in the database (0 before Connect) */
    int64_t GetRunId() const;

    /** \return rows written so far (all tables) */
    uint64_t GetRowsWritten() const;

    /**
     * \param taskId a task
     * \return the last scheduler decision the recorder saw for it, if any
     */
    std::optional<TaskDecision> GetDecision(uint32_t taskId) const;

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Check a probe's tables in the open database, create those missing, prepare its
     * statements.
     * \param probe the probe
     */
    void PrepareProbe(Ptr<RecorderProbe> probe);

    /** \brief Finish() at Simulator::Destroy(), reporting errors instead of throwing. */
    void FinishAtDestroy();

    /** \brief Release the prepared statements. */
    void ResetStatements();

    /**
     * \brief A frame settled (the tracker's callback).
     * \param record the frame
     * \param result its result, if it came back
     */
    void OnSettled(const FrameRecord& record, const FrameResult* result);

    /** \brief Count one buffered row; write the batch when it is full. */
    void Buffered();

    /**
     * \brief Write the buffered rows in one transaction (Flush's body).
     */
    void WriteBatch();

    /**
     * \brief After a write failed: roll back what the transaction wrote, stop writing, and
     * throw the error, named "full" if SQLite said the database or disk is full.
     * \param error the error the write threw
     * \param what what was being written, for the message
     */
    [[noreturn]] void FailWrite(const EdgeDnnError& error, const std::string& what);

    /** \brief Install the termination signal handlers (HandleTerminationSignals). */
    void InstallSignalHandlers();

    /** \brief Give the termination signals back their dispositions from before. */
    void RestoreSignalHandlers();

    /** \brief Stop the simulation if a termination signal came; else check again later. */
    void CheckTerminationSignal();

    // Attributes
    Time m_binWidth;            //!< link_traffic and server_load bin width
    uint32_t m_batchSize;       //!< rows per transaction
    uint32_t m_systemId{0};     //!< the system id (rank) whose nodes are recorded
    Time m_stallTime;           //!< open frames without progress for this long are stalled
    std::string m_scenario;     //!< runs.scenario
    std::string m_algorithm;    //!< runs.algorithm
    uint64_t m_maxDatabaseSize; //!< PRAGMA max_page_count in bytes; 0: none

    // Database
    SqliteDatabase m_db;           //!< the connection
    SqliteStatement m_begin;       //!< BEGIN IMMEDIATE
    SqliteStatement m_commit;      //!< COMMIT
    SqliteStatement m_insertFrame; //!< INSERT INTO frames

    // Run
    int64_t m_runId{0};                                           //!< run_id
    bool m_connected{false};                                      //!< Connect() ran
    bool m_finished{false};                                       //!< Finish() ran
    bool m_writeFailed{false};                                    //!< a write failed: stop
    bool m_handleSignals{false};                                  //!< HandleTerminationSignals
    bool m_handlersInstalled{false};                              //!< this recorder installed them
    int m_stopSignal{0};                                          //!< the signal that stopped it
    EventId m_signalCheck;                                        //!< next periodic check
    double m_wallStart{0};                                        //!< wall clock at Connect (s)
    std::vector<std::pair<std::string, std::string>> m_arguments; //!< caller's arguments
    std::vector<std::string> m_argv;                              //!< command line

    // Parts
    FrameTracker m_tracker;                   //!< frames to their final state
    Ptr<LinkTrafficProbe> m_links;            //!< link_traffic
    Ptr<TaskProbe> m_tasks;                   //!< tasks and decisions
    std::vector<Ptr<RecorderProbe>> m_probes; //!< every probe, the built-in ones first

    // Buffers (reserved once; no allocation per row)
    std::vector<FrameRecord> m_frameRows; //!< frames to write
    uint32_t m_buffered{0};               //!< rows buffered
    uint64_t m_written{0};                //!< rows written
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RECORDER_H */
