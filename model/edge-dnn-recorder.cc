/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-recorder.h"

#include "cloud-server-application.h"
#include "edge-dnn-bandwidth-probe.h"
#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-cost-model.h"
#include "edge-dnn-decision-probe.h"
#include "edge-dnn-energy-probe.h"
#include "edge-dnn-error.h"
#include "edge-dnn-handover-probe.h"
#include "edge-dnn-link-traffic-probe.h"
#include "edge-dnn-named-attribute-checker.h"
#include "edge-dnn-number-converting-accessor.h"
#include "edge-dnn-radio-energy-meter.h"
#include "edge-dnn-recorder-schema.h"
#include "edge-dnn-run-config.h"
#include "edge-dnn-server-load-probe.h"
#include "edge-dnn-task-probe.h"
#include "edge-server-application.h"
#include "iot-device-application.h"

#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/version-defines.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <ctime>
#include <iostream>
#include <sqlite3.h>

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

/// Number of FrameStatus values (IN_FLIGHT is the last).
constexpr std::size_t g_statusCount = static_cast<std::size_t>(FrameStatus::IN_FLIGHT) + 1;

/**
 * \param status a frame status
 * \return its name, from FrameStatusToString (the one definition), kept so that binding allocates
 * nothing
 */
const std::string&
StatusName(FrameStatus status)
{
    static const std::array<std::string, g_statusCount> names = [] {
        std::array<std::string, g_statusCount> n;
        for (std::size_t i = 0; i < g_statusCount; ++i)
        {
            n[i] = FrameStatusToString(static_cast<FrameStatus>(i));
        }
        return n;
    }();
    return names[static_cast<std::size_t>(status)];
}

/**
 * \param ns a time in ns
 * \return it in seconds
 */
inline double
Sec(int64_t ns)
{
    return static_cast<double>(ns) / 1e9; // as Time::GetSeconds() computes it
}

/// The parameter of RecorderSchema::INSERT_FRAME that holds each FrameTracker::FrameTime.
constexpr int FRAME_TIME_COLUMN[FrameTracker::TIME_COUNT] = {
    4,  // CREATED: created_s
    5,  // EDGE_RX: edge_rx_s
    6,  // EDGE_START: edge_start_s
    7,  // EDGE_DONE: edge_done_s
    8,  // CLOUD_RX: cloud_rx_s
    9,  // CLOUD_START: cloud_start_s
    10, // CLOUD_DONE: cloud_done_s
    15, // DEVICE_START: device_start_s
    16, // DEVICE_DONE: device_done_s
    11, // RESULT_RX: result_rx_s
};
static_assert(FrameTracker::DEVICE_START == 7 && FrameTracker::DEVICE_DONE == 8 &&
                  FrameTracker::RESULT_RX == 9 && FrameTracker::TIME_COUNT == 10,
              "FRAME_TIME_COLUMN lists the columns in FrameTracker::FrameTime's order");

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

/// The signals HandleTerminationSignals() catches.
constexpr std::array<int, 3> g_terminationSignals = {SIGINT, SIGTERM, SIGHUP};

/// The termination signal received (0: none): the handler's only effect.
volatile std::sig_atomic_t g_terminationSignal = 0;

/// Recorders that installed the handlers (they are process-wide).
int g_handlerUsers = 0;

/// The dispositions before the handlers, by position in g_terminationSignals.
std::array<struct sigaction, 3> g_previousActions;

/// Whether a signal's handler was installed (a signal that was ignored stays ignored).
std::array<bool, 3> g_caught = {false, false, false};

/**
 * \brief The handler: async-signal-safe, it only records the signal; a second one takes the
 * default action at once (sigaction and raise are async-signal-safe).
 * \param signal the signal
 */
void
OnTerminationSignal(int signal)
{
    if (g_terminationSignal != 0)
    {
        struct sigaction defaultAction = {};
        defaultAction.sa_handler = SIG_DFL;
        sigemptyset(&defaultAction.sa_mask);
        sigaction(signal, &defaultAction, nullptr);
        raise(signal); // delivered when this handler returns
        return;
    }
    g_terminationSignal = signal;
}

/**
 * \param signal a termination signal
 * \return its name, e.g. "SIGTERM"
 */
std::string
SignalName(int signal)
{
    switch (signal)
    {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGHUP:
        return "SIGHUP";
    default:
        return "signal " + std::to_string(signal);
    }
}

/// \return wall-clock seconds since the epoch
double
WallSeconds()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

TypeId
EdgeDnnRecorder::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::EdgeDnnRecorder")
            .SetParent<Object>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<EdgeDnnRecorder>()
            .AddAttribute("BinWidth",
                          "Width of the time bins of link_traffic and server_load (s, > 0).",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&EdgeDnnRecorder::m_binWidth),
                          MakeBoundedTimeChecker("ns3::EdgeDnnRecorder::BinWidth",
                                                 NanoSeconds(1),
                                                 Seconds(86400)))
            .AddAttribute("BatchSize",
                          "Rows buffered before they are written in one transaction (>= 1).",
                          UintegerValue(8192),
                          MakeConvertingUintegerAccessor(&EdgeDnnRecorder::m_batchSize),
                          MakeBoundedUintegerChecker<uint32_t>("ns3::EdgeDnnRecorder::BatchSize",
                                                               1,
                                                               1000000,
                                                               ""))
            .AddAttribute("StallTime",
                          "A frame still open when the run ends whose last progress (the latest "
                          "journey time it reached) is at least this old is recorded lost, "
                          "reason 'stalled'; younger open frames are in_flight (> 0).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&EdgeDnnRecorder::m_stallTime),
                          MakeBoundedTimeChecker("ns3::EdgeDnnRecorder::StallTime",
                                                 NanoSeconds(1),
                                                 Seconds(86400)))
            .AddAttribute(
                "Scenario",
                "Name of the scenario (runs.scenario).",
                StringValue(""),
                MakeStringAccessor(&EdgeDnnRecorder::m_scenario),
                MakeNamedChecker("ns3::EdgeDnnRecorder::Scenario", MakeStringChecker(), "any name"))
            .AddAttribute("Algorithm",
                          "Name of the scheduling algorithm (runs.algorithm).",
                          StringValue(""),
                          MakeStringAccessor(&EdgeDnnRecorder::m_algorithm),
                          MakeNamedChecker("ns3::EdgeDnnRecorder::Algorithm",
                                           MakeStringChecker(),
                                           "any name"))
            .AddAttribute(
                "MaxDatabaseSize",
                "Largest size the database may grow to (B, SQLite's max_page_count, "
                "applied at Open); a batch that would pass it fails as on a full disk. "
                "0: no limit but the disk's.",
                UintegerValue(0),
                MakeConvertingUintegerAccessor(&EdgeDnnRecorder::m_maxDatabaseSize),
                MakeBoundedUintegerChecker<uint64_t>("ns3::EdgeDnnRecorder::MaxDatabaseSize",
                                                     0,
                                                     uint64_t(1) << 50,
                                                     "B"))
            .AddAttribute("SystemId",
                          "Record the applications, links and servers of the nodes with this "
                          "system id only (Node::GetSystemId): in a distributed (MPI) run each "
                          "rank sets its own and records what it simulates. Every node of a "
                          "single process has 0. Set before Connect.",
                          UintegerValue(0),
                          MakeConvertingUintegerAccessor(&EdgeDnnRecorder::m_systemId),
                          MakeBoundedUintegerChecker<uint32_t>("ns3::EdgeDnnRecorder::SystemId",
                                                               0,
                                                               UINT32_MAX,
                                                               ""));
    return tid;
}

EdgeDnnRecorder::EdgeDnnRecorder()
    : m_links(CreateObject<LinkTrafficProbe>()),
      m_tasks(CreateObject<TaskProbe>())
{
    NS_LOG_FUNCTION(this);
    m_tracker.SetSettledCallback(MakeCallback(&EdgeDnnRecorder::OnSettled, this));
    AddProbe(m_links);
    AddProbe(CreateObject<ServerLoadProbe>());
    AddProbe(m_tasks);
    AddProbe(CreateObject<DecisionProbe>());
    AddProbe(CreateObject<BandwidthProbe>());
    AddProbe(CreateObject<EnergyProbe>());
    AddProbe(CreateObject<HandoverProbe>());
}

EdgeDnnRecorder::~EdgeDnnRecorder()
{
    NS_LOG_FUNCTION(this);
}

int
EdgeDnnRecorder::GetSchemaVersion()
{
    return RecorderSchema::VERSION;
}

std::string
EdgeDnnRecorder::GetModuleVersion()
{
    return EDGE_DNN_VERSION;
}

void
EdgeDnnRecorder::ResetStatements()
{
    m_begin = SqliteStatement();
    m_commit = SqliteStatement();
    m_insertFrame = SqliteStatement();
}

void
EdgeDnnRecorder::Open(const std::string& path)
{
    NS_LOG_FUNCTION(this << path);
    NS_ABORT_MSG_IF(m_connected, "EdgeDnnRecorder::Open after Connect");
    ResetStatements();
    m_db.Open(path, SqliteDatabase::READ_WRITE_CREATE);
    try
    {
        if (m_maxDatabaseSize > 0)
        {
            const int64_t pageSize = m_db.QueryInt("PRAGMA page_size");
            const uint64_t pages =
                std::max<uint64_t>(1, m_maxDatabaseSize / static_cast<uint64_t>(pageSize));
            m_db.Execute("PRAGMA max_page_count = " + std::to_string(pages));
        }
        PrepareProbe(nullptr);
    }
    catch (const EdgeDnnError& e)
    {
        const bool full = (sqlite3_extended_errcode(m_db.GetHandle()) & 0xff) == SQLITE_FULL;
        m_db.Close();
        if (full)
        {
            throw EdgeDnnError("database '" + path +
                               "' is full: its tables do not fit on the disk (or in "
                               "MaxDatabaseSize); nothing was written");
        }
        throw;
    }
    m_begin = m_db.Prepare("BEGIN IMMEDIATE");
    m_commit = m_db.Prepare("COMMIT");
    m_insertFrame = m_db.Prepare(RecorderSchema::INSERT_FRAME);
    for (Ptr<RecorderProbe> probe : m_probes)
    {
        probe->Prepare(m_db);
    }
}

void
EdgeDnnRecorder::PrepareProbe(Ptr<RecorderProbe> added)
{
    std::vector<RecorderSchema::Table> tables;
    std::vector<std::string> indexes;
    auto collect = [&tables, &indexes](Ptr<RecorderProbe> probe) {
        const std::vector<RecorderSchema::Table> own =
            RecorderSchema::Describe(probe->GetTables(), probe->GetInstanceTypeId().GetName());
        tables.insert(tables.end(), own.begin(), own.end());
        const std::vector<std::string> more = probe->GetIndexes();
        indexes.insert(indexes.end(), more.begin(), more.end());
    };
    for (Ptr<RecorderProbe> probe : m_probes)
    {
        collect(probe);
    }
    if (added)
    {
        collect(added);
    }
    // The tables of the probes already prepared pass again; only the new ones are created.
    RecorderSchema::Prepare(m_db, tables, indexes);
    if (added)
    {
        added->Prepare(m_db);
    }
}

void
EdgeDnnRecorder::AddProbe(Ptr<RecorderProbe> probe)
{
    NS_LOG_FUNCTION(this << probe);
    if (!probe)
    {
        throw EdgeDnnError("EdgeDnnRecorder::AddProbe: the probe is null: expected a "
                           "RecorderProbe created with CreateObject");
    }
    const std::string type = probe->GetInstanceTypeId().GetName();
    if (m_connected)
    {
        throw EdgeDnnError("EdgeDnnRecorder::AddProbe(" + type +
                           ") after Connect: expected probes to be added before Connect "
                           "(RecorderHelper::Install)");
    }
    if (std::find(m_probes.begin(), m_probes.end(), probe) != m_probes.end())
    {
        throw EdgeDnnError("EdgeDnnRecorder::AddProbe(" + type +
                           "): this probe was added already: expected each probe once");
    }
    if (m_db.IsOpen())
    {
        PrepareProbe(probe);
    }
    probe->SetRowBufferedCallback(MakeCallback(&EdgeDnnRecorder::Buffered, this));
    m_probes.push_back(probe);
}

const std::vector<Ptr<RecorderProbe>>&
EdgeDnnRecorder::GetProbes() const
{
    return m_probes;
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
    m_links->AddLink(name, tx, rx, toCloud);
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

    const Config::MatchContainer devices =
        RecorderProbe::LookupOnSystem("/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication",
                                      m_systemId);
    FrameTracker* t = &m_tracker;
    for (std::size_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<IotDeviceApplication> app = DynamicCast<IotDeviceApplication>(devices.Get(i));
        app->TraceConnectWithoutContext("FrameCreated", MakeCallback(&FrameTracker::Created, t));
        app->TraceConnectWithoutContext("ResultReceived", MakeCallback(&FrameTracker::Result, t));
        app->TraceConnectWithoutContext("FrameLost", MakeCallback(&FrameTracker::Lost, t));
        app->TraceConnectWithoutContext("FrameDropped", MakeCallback(&FrameTracker::Dropped, t));
        app->TraceConnectWithoutContext(
            "DeviceComputeEnergy",
            MakeCallback(&FrameTracker::Energy, t).Bind(int{FrameTracker::DEVICE_COMPUTE}));
    }
    // The devices' radios: every RadioEnergyMeter aggregated to a NetDevice of the system.
    const Config::MatchContainer meters =
        RecorderProbe::LookupOnSystem("/NodeList/*/DeviceList/*/$ns3::RadioEnergyMeter",
                                      m_systemId);
    for (std::size_t i = 0; i < meters.GetN(); ++i)
    {
        meters.Get(i)->TraceConnectWithoutContext(
            "FrameEnergy",
            MakeCallback(&FrameTracker::Energy, t).Bind(int{FrameTracker::DEVICE_RADIO}));
    }

    /// A kind of server and the stages its events mean.
    struct ServerKind
    {
        const char* path; //!< Config path
        int rx;           //!< stage reached at FrameReceived
        int done;         //!< stage reached at JobFinished
        int energy;       //!< FrameTracker::FrameEnergy of its JobEnergy
    };

    const ServerKind kinds[] = {
        {"/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication",
         EdgeDnnHeader::EDGE_RX,
         EdgeDnnHeader::EDGE_DONE,
         FrameTracker::EDGE_COMPUTE},
        {"/NodeList/*/ApplicationList/*/$ns3::CloudServerApplication",
         EdgeDnnHeader::CLOUD_RX,
         EdgeDnnHeader::CLOUD_DONE,
         FrameTracker::CLOUD_COMPUTE},
    };
    for (const ServerKind& kind : kinds)
    {
        const Config::MatchContainer servers = RecorderProbe::LookupOnSystem(kind.path, m_systemId);
        for (std::size_t i = 0; i < servers.GetN(); ++i)
        {
            Ptr<Application> app = DynamicCast<Application>(servers.Get(i));
            app->TraceConnectWithoutContext("FrameReceived",
                                            MakeCallback(&FrameTracker::Stage, t).Bind(kind.rx));
            app->TraceConnectWithoutContext("JobStarted",
                                            MakeCallback(&FrameTracker::Stage, t).Bind(-1));
            app->TraceConnectWithoutContext("JobFinished",
                                            MakeCallback(&FrameTracker::Stage, t).Bind(kind.done));
            app->TraceConnectWithoutContext("FrameDropped",
                                            MakeCallback(&FrameTracker::Dropped, t));
            app->TraceConnectWithoutContext(
                "JobEnergy",
                MakeCallback(&FrameTracker::JobEnergy, t).Bind(kind.energy));
            if (Ptr<EdgeServerApplication> edge = DynamicCast<EdgeServerApplication>(app))
            {
                edge->TraceConnectWithoutContext("FeaturesSent",
                                                 MakeCallback(&FrameTracker::Stage, t).Bind(-1));
            }
        }
    }

    SqliteStatement insertRun = m_db.Prepare(RecorderSchema::INSERT_RUN);
    const std::string started = WallClockIso();
    const std::string ns3Version =
        std::to_string(NS3_VERSION_MAJOR) + "." + std::to_string(NS3_VERSION_MINOR) +
        (NS3_VERSION_PATCH ? "." + std::to_string(NS3_VERSION_PATCH) : "");
    const std::string moduleVersion = GetModuleVersion();
    const std::string config =
        RunConfig::MakeJson(m_scenario, m_algorithm, m_arguments, m_argv, Ptr<Object>(this));
    insertRun.BindText(1, started);
    insertRun.BindText(2, ns3Version);
    insertRun.BindText(3, moduleVersion);
    insertRun.BindInt(4, static_cast<int64_t>(RngSeedManager::GetSeed()));
    insertRun.BindInt(5, static_cast<int64_t>(RngSeedManager::GetRun()));
    insertRun.BindText(6, m_scenario);
    insertRun.BindText(7, m_algorithm);
    insertRun.BindDouble(8, m_binWidth.GetSeconds());
    insertRun.BindText(9, config);
    try
    {
        insertRun.Run();
    }
    catch (const EdgeDnnError& e)
    {
        FailWrite(e, "the run's row");
    }
    m_runId = m_db.GetLastInsertRowId();
    m_wallStart = WallSeconds();
    m_connected = true;
    RecorderProbe::RunInfo run;
    run.runId = m_runId;
    run.binWidth = m_binWidth;
    run.systemId = m_systemId;
    for (Ptr<RecorderProbe> probe : m_probes)
    {
        probe->Connect(run);
    }

    Ptr<EdgeDnnRecorder> self(this);
    // At time 0, after the probes' own events at time 0 (the tasks are read then): write what
    // they buffered, so that a reader sees the tasks from the start.
    Simulator::ScheduleNow(&EdgeDnnRecorder::Flush, self);
    Simulator::ScheduleDestroy(&EdgeDnnRecorder::FinishAtDestroy, self);
    if (m_handleSignals)
    {
        InstallSignalHandlers();
    }
}

void
EdgeDnnRecorder::HandleTerminationSignals()
{
    NS_LOG_FUNCTION(this);
    m_handleSignals = true;
    if (m_connected && !m_finished)
    {
        InstallSignalHandlers();
    }
}

void
EdgeDnnRecorder::InstallSignalHandlers()
{
    if (m_handlersInstalled)
    {
        return;
    }
    if (g_handlerUsers++ == 0)
    {
        g_terminationSignal = 0;
        for (std::size_t i = 0; i < g_terminationSignals.size(); ++i)
        {
            sigaction(g_terminationSignals[i], nullptr, &g_previousActions[i]);
            g_caught[i] = g_previousActions[i].sa_handler != SIG_IGN;
            if (g_caught[i])
            {
                struct sigaction action = {};
                action.sa_handler = &OnTerminationSignal;
                sigemptyset(&action.sa_mask);
                action.sa_flags = SA_RESTART;
                sigaction(g_terminationSignals[i], &action, nullptr);
            }
        }
    }
    m_handlersInstalled = true;
    m_signalCheck = Simulator::ScheduleNow(&EdgeDnnRecorder::CheckTerminationSignal, this);
}

void
EdgeDnnRecorder::RestoreSignalHandlers()
{
    m_signalCheck.Cancel();
    if (!m_handlersInstalled)
    {
        return;
    }
    m_handlersInstalled = false;
    if (--g_handlerUsers == 0)
    {
        for (std::size_t i = 0; i < g_terminationSignals.size(); ++i)
        {
            if (g_caught[i])
            {
                sigaction(g_terminationSignals[i], &g_previousActions[i], nullptr);
            }
        }
    }
}

void
EdgeDnnRecorder::CheckTerminationSignal()
{
    if (!m_handlersInstalled || m_finished)
    {
        return;
    }
    if (g_terminationSignal != 0)
    {
        if (m_stopSignal == 0)
        {
            m_stopSignal = g_terminationSignal;
            NS_LOG_WARN("run " << m_runId << ": " << SignalName(m_stopSignal)
                               << " received: stopping the simulation at "
                               << Simulator::Now().As(Time::S));
            Simulator::Stop();
        }
        return;
    }
    // Again one bin later, as long as anything else is left to simulate (never alone).
    if (!Simulator::IsFinished())
    {
        m_signalCheck =
            Simulator::Schedule(m_binWidth, &EdgeDnnRecorder::CheckTerminationSignal, this);
    }
}

std::optional<TaskDecision>
EdgeDnnRecorder::GetDecision(uint32_t taskId) const
{
    return m_tasks->GetDecision(taskId);
}

void
EdgeDnnRecorder::OnSettled(const FrameRecord& record, const FrameResult* /* result */)
{
    RecordFrame(record);
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
    if (g_terminationSignal != 0 && m_stopSignal == 0)
    {
        CheckTerminationSignal();
    }
    if (++m_buffered >= m_batchSize)
    {
        Flush();
    }
}

void
EdgeDnnRecorder::FailWrite(const EdgeDnnError& error, const std::string& what)
{
    sqlite3* handle = m_db.GetHandle();
    const bool full = handle && (sqlite3_extended_errcode(handle) & 0xff) == SQLITE_FULL;
    m_writeFailed = true;
    // SQLite may have rolled the transaction back itself (it does on a full disk): roll back only
    // what is still open, so that the error reported is the write's, not the rollback's.
    m_insertFrame.Reset();
    if (handle && !sqlite3_get_autocommit(handle))
    {
        try
        {
            m_db.Execute("ROLLBACK");
        }
        catch (const EdgeDnnError& rollback)
        {
            NS_LOG_WARN(rollback.what());
        }
    }
    if (full)
    {
        throw EdgeDnnError("database '" + GetPath() + "' is full: writing " + what +
                           " needs more room than the disk (or MaxDatabaseSize) has; what was "
                           "committed before is kept (run " +
                           std::to_string(m_runId) + ", " + std::to_string(m_written) +
                           " rows), and nothing more of the run is recorded");
    }
    throw error;
}

void
EdgeDnnRecorder::Flush()
{
    if (!m_connected)
    {
        return;
    }
    if (m_writeFailed)
    {
        // Nothing more is written after a failed batch: forget the rows instead of holding them.
        m_frameRows.clear();
        for (Ptr<RecorderProbe> probe : m_probes)
        {
            probe->Committed();
        }
        m_buffered = 0;
        return;
    }
    try
    {
        WriteBatch();
    }
    catch (const EdgeDnnError& e)
    {
        FailWrite(e, "a batch of rows");
    }
}

void
EdgeDnnRecorder::WriteBatch()
{
    bool pending = !m_frameRows.empty();
    for (std::size_t p = 0; p < m_probes.size() && !pending; ++p)
    {
        pending = m_probes[p]->HasPendingRows();
    }
    if (!pending)
    {
        m_buffered = 0;
        return;
    }
    m_begin.Run();
    uint64_t written = m_frameRows.size();
    try
    {
        SqliteStatement& f = m_insertFrame;
        for (const FrameRecord& r : m_frameRows)
        {
            f.BindInt(1, m_runId);
            f.BindInt(2, r.taskId);
            f.BindInt(3, r.frameSeq);
            for (int s = 0; s < FrameTracker::TIME_COUNT; ++s)
            {
                const int column = FRAME_TIME_COLUMN[s];
                if (r.times[s] >= 0)
                {
                    f.BindDouble(column, Sec(r.times[s]));
                }
                else
                {
                    f.BindNull(column);
                }
            }
            f.BindText(12, StatusName(r.status));
            f.BindInt(13, r.bytes);
            if (r.reason != FrameTracker::NO_REASON)
            {
                f.BindText(14, m_tracker.GetReason(r.reason));
            }
            else
            {
                f.BindNull(14);
            }
            for (int e = 0; e < FrameTracker::ENERGY_COUNT; ++e)
            {
                if (r.energy[e] >= 0)
                {
                    f.BindDouble(17 + e, r.energy[e]);
                }
                else
                {
                    f.BindNull(17 + e);
                }
            }
            f.Step();
            f.Reset();
        }
        for (Ptr<RecorderProbe> probe : m_probes)
        {
            if (probe->HasPendingRows())
            {
                written += probe->Write();
            }
        }
        m_commit.Run();
        m_written += written;
    }
    catch (...)
    {
        // A failed Step resets its statement; the probes keep their rows. Flush rolls back.
        m_insertFrame.Reset();
        throw;
    }
    m_frameRows.clear();
    for (Ptr<RecorderProbe> probe : m_probes)
    {
        probe->Committed();
    }
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
    m_signalCheck.Cancel();
    try
    {
        if (m_writeFailed)
        {
            NS_LOG_WARN("run " << m_runId << " of " << GetPath()
                               << ": a write failed before; its end is not recorded");
        }
        else
        {
            const Time now = Simulator::Now();
            m_tracker.SettleOpen(now, m_stallTime); // frames still open: stalled, or in_flight
            for (Ptr<RecorderProbe> probe : m_probes)
            {
                probe->Finish(now);
            }
            Flush();
            const std::string endedBy = m_stopSignal != 0 ? "signal " + SignalName(m_stopSignal)
                                                          : RecorderSchema::ENDED_FINISHED;
            SqliteStatement update = m_db.Prepare(RecorderSchema::FINISH_RUN);
            const std::string finishedAt = WallClockIso();
            update.BindText(1, finishedAt);
            update.BindDouble(2, WallSeconds() - m_wallStart);
            update.BindDouble(3, now.GetSeconds());
            update.BindInt(4, m_runId);
            update.BindText(5, endedBy);
            try
            {
                update.Run();
            }
            catch (const EdgeDnnError& e)
            {
                FailWrite(e, "the run's end");
            }
            NS_LOG_INFO("run " << m_runId << " recorded: " << m_written << " rows in " << GetPath()
                               << ", ended by " << endedBy);
            if (m_stopSignal != 0)
            {
                std::cerr << "EdgeDnnRecorder: run " << m_runId << " of '" << GetPath()
                          << "' stopped by " << SignalName(m_stopSignal) << " at "
                          << now.GetSeconds() << " s of simulated time; its " << m_written
                          << " rows are committed (runs.ended_by = '" << endedBy << "')"
                          << std::endl;
            }
        }
    }
    catch (const EdgeDnnError& e)
    {
        RestoreSignalHandlers();
        if (m_handleSignals && g_terminationSignal != 0)
        {
            std::cerr << "EdgeDnnRecorder: " << e.what() << std::endl;
            raise(g_terminationSignal);
        }
        throw;
    }
    RestoreSignalHandlers();
    if (m_handleSignals && g_terminationSignal != 0)
    {
        // The process was asked to end: end it as the signal would have, now that the rows are
        // committed (with the disposition from before the handlers).
        raise(g_terminationSignal);
    }
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
    RestoreSignalHandlers();
    // Like FlowMonitor's probes, ours end with the recorder: they release their statements
    // (before the database closes) and the applications they follow.
    for (Ptr<RecorderProbe> probe : m_probes)
    {
        probe->Dispose();
    }
    ResetStatements();
    m_db.Close();
    Object::DoDispose();
}

} // namespace edgednn
} // namespace ns3
