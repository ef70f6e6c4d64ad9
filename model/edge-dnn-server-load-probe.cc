/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-server-load-probe.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("ServerLoadProbe");

ServerLoadProbe::ServerLoadProbe(Time binWidth, Callback<void> rowAdded)
    : m_width(binWidth.GetTimeStep()),
      m_rowAdded(rowAdded)
{
    NS_ABORT_MSG_IF(m_width <= 0, "ServerLoadProbe: bin width must be > 0");
}

void
ServerLoadProbe::AddServer(Ptr<Application> server, const char* role)
{
    NS_LOG_FUNCTION(this << server << role);
    m_servers.push_back(LoadState());
    LoadState* load = &m_servers.back();
    load->node = server->GetNode()->GetId();
    load->role = role;
    server->TraceConnectWithoutContext("QueueLength",
                                       MakeCallback(&ServerLoadProbe::OnQueueLength, this, load));
    server->TraceConnectWithoutContext("BusyWorkers",
                                       MakeCallback(&ServerLoadProbe::OnBusyWorkers, this, load));
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
        if (!m_rowAdded.IsNull())
        {
            m_rowAdded();
        }
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
    const int64_t endBin = (now.GetTimeStep() + m_width - 1) / m_width;
    for (LoadState& server : m_servers)
    {
        Advance(server, std::max(endBin, server.bin + 1));
    }
}

std::size_t
ServerLoadProbe::GetPendingRows() const
{
    return m_rows.size();
}

void
ServerLoadProbe::Write(SqliteStatement& s, int64_t runId) const
{
    for (const Row& r : m_rows)
    {
        s.BindInt(1, runId);
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
}

void
ServerLoadProbe::ClearRows()
{
    m_rows.clear();
}

} // namespace edgednn
} // namespace ns3
