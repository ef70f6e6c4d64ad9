/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RECORDER_H
#define EDGE_DNN_RECORDER_H

#include "edge-dnn-frame-result.h"
#include "edge-dnn-header.h"
#include "edge-dnn-sqlite-database.h"

#include "ns3/data-rate.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

class Packet;

namespace edgednn
{

class IotDeviceApplication;
class EdgeServerApplication;

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
 * with every batch committed so far.
 *
 * A frame is written once, when it reaches its final state, with the rule FrameLedger applies (the
 * first of: result received, completed or late; dropped by a server; lost); frames still open at
 * Finish() are written as in_flight. See doc/edge-dnn.rst, "Recording results", for the schema.
 */
class EdgeDnnRecorder : public Object
{
  public:
    /// Journey times of a frame, in the column order of the frames table.
    enum FrameTime : uint8_t
    {
        CREATED = 0,     //!< created_s
        EDGE_RX = 1,     //!< edge_rx_s
        EDGE_START = 2,  //!< edge_start_s
        EDGE_DONE = 3,   //!< edge_done_s
        CLOUD_RX = 4,    //!< cloud_rx_s
        CLOUD_START = 5, //!< cloud_start_s
        CLOUD_DONE = 6,  //!< cloud_done_s
        RESULT_RX = 7,   //!< result_rx_s
        TIME_COUNT = 8,  //!< number of times
    };

    /// One row of the frames table.
    struct FrameRecord
    {
        uint32_t taskId{0};                         //!< task
        uint32_t frameSeq{0};                       //!< frame within the task
        int64_t times[TIME_COUNT];                  //!< journey times in ns, negative: not reached
        uint32_t bytes{0};                          //!< frame size (B)
        FrameStatus status{FrameStatus::IN_FLIGHT}; //!< final state
        uint8_t reason{0};                          //!< index of the drop reason (0: none)
        bool created{false};                        //!< the frame's creation was traced
        bool settled{false};                        //!< the row was written

        FrameRecord();
    };

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
     * Connect(). \param argc argument count \param argv arguments
     */
    void AddCommandLine(int argc, char** argv);

    /**
     * \brief Count the traffic of a link direction in link_traffic: bytes a device transmits
     * (PhyTxEnd), bytes the other end receives (PhyRxEnd, else MacRx), and packets dropped
     * (MacTxDrop and PhyTxDrop at the sender, PhyRxDrop at the receiver), in bins of BinWidth.
     * \param name the link's name in link_traffic.link
     * \param tx the transmitting device
     * \param rx the receiving device (may be null)
     * \param toCloud true if this direction carries traffic to the cloud (link_traffic.to_cloud)
     */
    void AddLink(const std::string& name, Ptr<NetDevice> tx, Ptr<NetDevice> rx, bool toCloud);

    /**
     * \brief Start the run: write its row in `runs` (with config_json) and connect to the trace
     * sources of every IotDeviceApplication, EdgeServerApplication and CloudServerApplication
     * installed now (Config paths /NodeList/ * /ApplicationList/ * /$ns3::...). Tasks are read when
     * the simulation starts, so that AddTask and SetTaskDecision calls made before Run() count.
     * \throws EdgeDnnError if the database cannot be written
     */
    void Connect();

    /**
     * \brief A scheduler's decision about a task, for the tasks table (default: admitted, the
     * others NULL). May be called before or during the run.
     * \param taskId the task
     * \param admitted whether the task was admitted
     * \param predictedLatency the latency the scheduler predicts (negative: unknown)
     * \param allocatedRate the edge-to-cloud rate allocated (0: none)
     */
    void SetTaskDecision(uint32_t taskId,
                         bool admitted,
                         Time predictedLatency = Seconds(-1),
                         DataRate allocatedRate = DataRate(0));

    /**
     * \brief Buffer a frame row (written at the next batch). The trace sinks call this; so may
     * programs recording frames of applications of their own.
     * \param record the row
     */
    void RecordFrame(const FrameRecord& record);

    /** \brief Write every buffered row now, in one transaction. */
    void Flush();

    /**
     * \brief End the run: write frames still open as in_flight, the last traffic bins and load
     * samples, and mark the run finished. Idempotent; Simulator::Destroy() calls it.
     */
    void Finish();

    /** \return the run's id in the database (0 before Connect) */
    int64_t GetRunId() const;

    /** \return rows written so far (all tables) */
    uint64_t GetRowsWritten() const;

  protected:
    void DoDispose() override;

  private:
    /// A ring buffer of frame records: grows by doubling, then allocates nothing.
    class FrameWindow
    {
      public:
        /** \return the number of records */
        std::size_t size() const
        {
            return m_size;
        }

        /** \return true if there is none */
        bool empty() const
        {
            return m_size == 0;
        }

        /**
         * \param i position from the front
         * \return the record
         */
        FrameRecord& operator[](std::size_t i)
        {
            return m_slots[(m_head + i) & (m_slots.size() - 1)];
        }

        /** \return the first record */
        FrameRecord& front()
        {
            return m_slots[m_head];
        }

        /** \brief Remove the first record. */
        void pop_front()
        {
            m_head = (m_head + 1) & (m_slots.size() - 1);
            --m_size;
        }

        /** \brief Append a fresh record. */
        void emplace_back()
        {
            if (m_size == m_slots.size())
            {
                std::vector<FrameRecord> slots(m_slots.empty() ? 64 : 2 * m_slots.size());
                for (std::size_t i = 0; i < m_size; ++i)
                {
                    slots[i] = (*this)[i];
                }
                m_slots.swap(slots);
                m_head = 0;
            }
            (*this)[m_size++] = FrameRecord();
        }

      private:
        std::vector<FrameRecord> m_slots; //!< storage, a power of two in size
        std::size_t m_head{0};            //!< index of the first record
        std::size_t m_size{0};            //!< records held
    };

    /// A task's open frames: a window of consecutive sequence numbers from base.
    struct TaskFrames
    {
        uint32_t base{0};   //!< sequence number of window.front()
        FrameWindow window; //!< frames from base on
    };

    /// Traffic counters of one link direction.
    struct LinkState
    {
        std::string name;    //!< link name
        bool toCloud{false}; //!< carries traffic to the cloud
        int64_t bin{0};      //!< current bin index
        uint64_t tx{0};      //!< bytes transmitted in the bin
        uint64_t rx{0};      //!< bytes received in the bin
        uint64_t drops{0};   //!< packets dropped in the bin
    };

    /// One row of link_traffic.
    struct LinkRow
    {
        const LinkState* link; //!< the link
        int64_t bin;           //!< bin index
        uint64_t tx;           //!< bytes transmitted
        uint64_t rx;           //!< bytes received
        uint64_t drops;        //!< packets dropped
    };

    /// Load of one server, in the current bin.
    struct LoadState
    {
        uint32_t node{0};     //!< node id
        const char* role{""}; //!< "edge" or "cloud"
        int64_t bin{0};       //!< current bin index
        int64_t last{0};      //!< time of the last change in the bin, or its start (ns)
        uint32_t queue{0};    //!< current queue length
        uint32_t busy{0};     //!< current busy workers
        uint32_t maxQueue{0}; //!< largest queue length in the bin
        uint32_t maxBusy{0};  //!< most busy workers in the bin
        double queueArea{0};  //!< integral of the queue length over the bin (ns)
        double busyArea{0};   //!< integral of the busy workers over the bin (ns)
    };

    /// One row of server_load.
    struct LoadRow
    {
        const LoadState* server; //!< the server
        int64_t bin;             //!< bin index
        uint32_t maxQueue;       //!< largest queue length
        uint32_t maxBusy;        //!< most busy workers
        double meanQueue;        //!< time-weighted mean queue length
        double meanBusy;         //!< time-weighted mean busy workers
    };

    /// One row of tasks.
    struct TaskRow
    {
        uint32_t taskId{0};                   //!< task
        int64_t deviceNode{-1};               //!< device node, -1: unknown
        int64_t edgeNode{-1};                 //!< edge node, -1: unknown
        std::string model;                    //!< model name
        uint32_t splitIndex{0};               //!< split index
        std::string splitLayer;               //!< last layer at the edge
        uint64_t inputBytes{0};               //!< frame bytes
        std::optional<uint64_t> featureBytes; //!< bytes crossing the cut
        double frameRate{0};                  //!< frames per second
        double deadline{0};                   //!< deadline (s)
        std::optional<uint64_t> edgeMacs;     //!< MACs at the edge
        std::optional<uint64_t> cloudMacs;    //!< MACs in the cloud
        bool known{false};                    //!< read from a device application
        bool dirty{false};                    //!< to be (re)written
    };

    /// A scheduler's decision.
    struct Decision
    {
        bool admitted{true}; //!< admitted
        Time predicted;      //!< predicted latency, negative: unknown
        DataRate allocated;  //!< allocated rate, 0: none
    };

    /** \brief Read the tasks from the device and edge applications (at the simulation's start). */
    void ReadTasks();

    /** \brief Finish() at Simulator::Destroy(), reporting errors instead of throwing. */
    void FinishAtDestroy();

    /**
     * \brief Check an existing schema and create what is missing.
     * \throws EdgeDnnError if it is incompatible
     */
    void PrepareSchema();

    /** \return the JSON of everything that shaped the run */
    std::string MakeConfigJson() const;

    /**
     * \param task a task
     * \param seq a frame
     * \return the frame's record if it was created and is still open, else nullptr
     */
    FrameRecord* Find(uint32_t task, uint32_t seq);

    /**
     * \brief Give a frame its final state and buffer its row, unless it has one.
     * \param task a task
     * \param seq a frame
     * \param status the state
     * \param reason drop reason index
     * \return the record if it was settled now, else nullptr
     */
    FrameRecord* Settle(uint32_t task, uint32_t seq, FrameStatus status, uint8_t reason);

    /**
     * \brief Drop settled frames from the front of a task's window.
     * \param frames the task's frames
     */
    void Trim(TaskFrames& frames);

    /**
     * \brief Copy the times a header carries into a frame's record.
     * \param header the header
     * \param stageNow a stage reached now (-1: none)
     */
    void Merge(const EdgeDnnHeader& header, int stageNow);

    /**
     * \param reason a drop reason
     * \return its index in m_reasons
     */
    uint8_t ReasonIndex(const std::string& reason);

    /** \brief Count one buffered row; write the batch when it is full. */
    void Buffered();

    /**
     * \brief Close a link's bins up to (excluding) bin.
     * \param link the link
     * \param bin the bin now current
     */
    void AdvanceLink(LinkState& link, int64_t bin);

    /**
     * \brief Close a server's bins up to (excluding) bin.
     * \param server the server
     * \param bin the bin now current
     */
    void AdvanceLoad(LoadState& server, int64_t bin);

    /**
     * \brief Account the time since the server's last change at its current values.
     * \param server the server
     * \param now the time (ns)
     */
    void Integrate(LoadState& server, int64_t now);

    // Trace sinks.
    /**
     * \brief FrameCreated.
     * \param node the device's node
     * \param task task id
     * \param seq frame
     * \param bytes frame size
     */
    void OnCreated(uint32_t node, uint32_t task, uint32_t seq, uint32_t bytes);
    /**
     * \brief ResultReceived.
     * \param result the breakdown
     */
    void OnResult(const FrameResult& result);
    /**
     * \brief FrameLost of a device.
     * \param task task id
     * \param seq frame
     */
    void OnLost(uint32_t task, uint32_t seq);
    /**
     * \brief A header event of a server.
     * \param stage the stage the event means was reached now (-1: none)
     * \param header the frame
     */
    void OnStage(int stage, const EdgeDnnHeader& header);
    /**
     * \brief FrameDropped of a server.
     * \param header the frame
     * \param reason why
     */
    void OnDropped(const EdgeDnnHeader& header, const std::string& reason);
    /**
     * \brief QueueLength changed.
     * \param server the server
     * \param oldValue previous value
     * \param newValue new value
     */
    void OnQueueLength(LoadState* server, uint32_t oldValue, uint32_t newValue);
    /**
     * \brief BusyWorkers changed.
     * \param server the server
     * \param oldValue previous value
     * \param newValue new value
     */
    void OnBusyWorkers(LoadState* server, uint32_t oldValue, uint32_t newValue);
    /**
     * \brief Bytes transmitted on a link.
     * \param link the link
     * \param packet the packet
     */
    void OnLinkTx(LinkState* link, Ptr<const Packet> packet);
    /**
     * \brief Bytes received on a link.
     * \param link the link
     * \param packet the packet
     */
    void OnLinkRx(LinkState* link, Ptr<const Packet> packet);
    /**
     * \brief A packet dropped on a link.
     * \param link the link
     * \param packet the packet
     */
    void OnLinkDrop(LinkState* link, Ptr<const Packet> packet);

    // Attributes
    Time m_binWidth;         //!< link_traffic bin width
    uint32_t m_batchSize;    //!< rows per transaction
    std::string m_scenario;  //!< runs.scenario
    std::string m_algorithm; //!< runs.algorithm

    // Database
    SqliteDatabase m_db;           //!< the connection
    SqliteStatement m_begin;       //!< BEGIN IMMEDIATE
    SqliteStatement m_commit;      //!< COMMIT
    SqliteStatement m_insertFrame; //!< INSERT INTO frames
    SqliteStatement m_insertLink;  //!< INSERT INTO link_traffic
    SqliteStatement m_insertLoad;  //!< INSERT INTO server_load
    SqliteStatement m_insertTask;  //!< INSERT OR REPLACE INTO tasks

    // Run
    int64_t m_runId{0};                                           //!< run_id
    bool m_connected{false};                                      //!< Connect() ran
    bool m_finished{false};                                       //!< Finish() ran
    double m_wallStart{0};                                        //!< wall clock at Connect (s)
    std::vector<std::pair<std::string, std::string>> m_arguments; //!< caller's arguments
    std::vector<std::string> m_argv;                              //!< command line

    // State
    std::unordered_map<uint32_t, TaskFrames> m_frames; //!< open frames by task
    std::map<uint32_t, TaskRow> m_tasks;               //!< tasks by id
    std::map<uint32_t, Decision> m_decisions;          //!< scheduler decisions by task
    std::vector<Ptr<IotDeviceApplication>> m_devices;  //!< device applications, until ReadTasks
    std::vector<Ptr<EdgeServerApplication>> m_edges;   //!< edge applications, until ReadTasks
    std::deque<LinkState> m_links;                     //!< counted links
    std::deque<LoadState> m_servers;                   //!< servers
    std::vector<std::string> m_reasons;                //!< drop reasons by index (0: "")

    // Buffers (reserved once; no allocation per row)
    std::vector<FrameRecord> m_frameRows; //!< frames to write
    std::vector<LinkRow> m_linkRows;      //!< link_traffic rows to write
    std::vector<LoadRow> m_loadRows;      //!< server_load rows to write
    uint32_t m_buffered{0};               //!< rows buffered
    uint64_t m_written{0};                //!< rows written
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RECORDER_H */
