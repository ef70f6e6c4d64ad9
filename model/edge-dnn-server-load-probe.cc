/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-server-load-probe.h"

#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <utility>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("ServerLoadProbe");

NS_OBJECT_ENSURE_REGISTERED(ServerLoadProbe);

namespace
{

/// INSERT INTO server_load: ?1 run_id, ?2 node, ?3 role, ?4 t_s, ?5 t_end_s, ?6 queue_len,
/// ?7 busy_workers, ?8 queue_len_mean, ?9 busy_workers_mean.
const char* const g_insert =
    "INSERT INTO server_load (run_id, node, role, t_s, t_end_s, queue_len, busy_workers, "
    "queue_len_mean, busy_workers_mean) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

} // namespace

TypeId
ServerLoadProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ServerLoadProbe")
                            .SetParent<RecorderProbe>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<ServerLoadProbe>();
    return tid;
}

ServerLoadProbe::ServerLoadProbe()
{
    NS_LOG_FUNCTION(this);
}

ServerLoadProbe::~ServerLoadProbe()
{
    NS_LOG_FUNCTION(this);
}

std::vector<std::string>
ServerLoadProbe::GetTables() const
{
    return {"CREATE TABLE server_load ("
            "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
            "node INTEGER NOT NULL, "
            "role TEXT NOT NULL, "
            "t_s REAL NOT NULL, "
            "t_end_s REAL NOT NULL, "
            "queue_len INTEGER NOT NULL, "
            "busy_workers INTEGER NOT NULL, "
            "queue_len_mean REAL NOT NULL, "
            "busy_workers_mean REAL NOT NULL)"};
}

std::vector<std::string>
ServerLoadProbe::GetIndexes() const
{
    return {"CREATE INDEX IF NOT EXISTS server_load_run ON server_load(run_id, node, t_s)"};
}

void
ServerLoadProbe::Prepare(SqliteDatabase& db)
{
    m_insert = db.Prepare(g_insert);
}

void
ServerLoadProbe::Connect(const RunInfo& run)
{
    NS_LOG_FUNCTION(this << run.runId << run.binWidth);
    NS_ABORT_MSG_IF(run.binWidth.GetTimeStep() <= 0, "ServerLoadProbe: bin width must be > 0");
    m_width = run.binWidth.GetTimeStep();
    m_runId = run.runId;
    const std::pair<const char*, const char*> kinds[] = {
        {"/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication", "edge"},
        {"/NodeList/*/ApplicationList/*/$ns3::CloudServerApplication", "cloud"},
    };
    for (const auto& [path, role] : kinds)
    {
        const Config::MatchContainer servers = LookupOnSystem(path, run.systemId);
        for (std::size_t i = 0; i < servers.GetN(); ++i)
        {
            AddServer(DynamicCast<Application>(servers.Get(i)), role);
        }
    }
}

void
ServerLoadProbe::AddServer(Ptr<Application> server, const char* role)
{
    NS_LOG_FUNCTION(this << server << role);
    m_servers.push_back(LoadState());
    LoadState* load = &m_servers.back();
    load->node = server->GetNode()->GetId();
    load->role = role;
    server->TraceConnectWithoutContext(
        "QueueLength",
        MakeCallback(&ServerLoadProbe::OnQueueLength, this).Bind(load));
    server->TraceConnectWithoutContext(
        "BusyWorkers",
        MakeCallback(&ServerLoadProbe::OnBusyWorkers, this).Bind(load));
}

void
ServerLoadProbe::Integrate(LoadState& server, int64_t now)
{
    const double dt = static_cast<double>(now - server.last);
    server.queueArea += server.queue * dt;
    server.busyArea += server.busy * dt;
    server.last = now;
}

void
ServerLoadProbe::Advance(LoadState& server, int64_t bin)
{
    while (server.bin < bin)
    {
        const int64_t end = (server.bin + 1) * m_width;
        Integrate(server, end);
        m_rows.push_back(Row{&server,
                             server.bin,
                             server.maxQueue,
                             server.maxBusy,
                             server.queueArea / m_width,
                             server.busyArea / m_width});
        ++server.bin;
        server.maxQueue = server.queue;
        server.maxBusy = server.busy;
        server.queueArea = 0;
        server.busyArea = 0;
        RowBuffered();
    }
}

ServerLoadProbe::LoadState&
ServerLoadProbe::Now(LoadState* server)
{
    const int64_t now = Simulator::Now().GetTimeStep();
    Advance(*server, now / m_width);
    Integrate(*server, now);
    return *server;
}

void
ServerLoadProbe::OnQueueLength(LoadState* server, uint32_t /* oldValue */, uint32_t newValue)
{
    LoadState& s = Now(server);
    s.queue = newValue;
    s.maxQueue = std::max(s.maxQueue, newValue);
}

void
ServerLoadProbe::OnBusyWorkers(LoadState* server, uint32_t /* oldValue */, uint32_t newValue)
{
    LoadState& s = Now(server);
    s.busy = newValue;
    s.maxBusy = std::max(s.maxBusy, newValue);
}

void
ServerLoadProbe::Finish(Time now)
{
    if (m_width == 0)
    {
        return; // not connected
    }
    const int64_t endBin = (now.GetTimeStep() + m_width - 1) / m_width;
    for (LoadState& server : m_servers)
    {
        Advance(server, std::max(endBin, server.bin + 1));
    }
}

bool
ServerLoadProbe::HasPendingRows() const
{
    return !m_rows.empty();
}

uint64_t
ServerLoadProbe::Write()
{
    SqliteStatement& s = m_insert;
    for (const Row& r : m_rows)
    {
        s.BindInt(1, m_runId);
        s.BindInt(2, r.server->node);
        s.BindText(3, r.server->role);
        s.BindDouble(4, static_cast<double>(r.bin * m_width) / 1e9);
        s.BindDouble(5, static_cast<double>((r.bin + 1) * m_width) / 1e9);
        s.BindInt(6, r.maxQueue);
        s.BindInt(7, r.maxBusy);
        s.BindDouble(8, r.meanQueue);
        s.BindDouble(9, r.meanBusy);
        s.Step();
        s.Reset();
    }
    return m_rows.size();
}

void
ServerLoadProbe::Committed()
{
    m_rows.clear();
}

void
ServerLoadProbe::DoDispose()
{
    m_insert = SqliteStatement();
    RecorderProbe::DoDispose();
}

} // namespace edgednn
} // namespace ns3
