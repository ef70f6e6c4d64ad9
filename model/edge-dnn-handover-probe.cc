/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-handover-probe.h"

#include "iot-device-application.h"

#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/node.h"

#include <algorithm>
#include <sstream>
#include <tuple>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("HandoverProbe");

NS_OBJECT_ENSURE_REGISTERED(HandoverProbe);

namespace
{

/// INSERT INTO handovers: ?1 run_id, ?2 task_id, ?3 device_node, ?4 lost_s, ?5 associated_s,
/// ?6 from_server, ?7 to_server, ?8 from_access_point, ?9 to_access_point, ?10 admitted,
/// ?11 split_index.
const char* const g_insert =
    "INSERT INTO handovers (run_id, task_id, device_node, lost_s, associated_s, from_server, "
    "to_server, from_access_point, to_access_point, admitted, split_index) VALUES (?1, ?2, ?3, "
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/**
 * \param address a MAC address
 * \return it as ns-3 prints it ("00:00:00:00:00:01")
 */
std::string
MacText(const Mac48Address& address)
{
    std::ostringstream os;
    os << address;
    return os.str();
}

} // namespace

TypeId
HandoverProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HandoverProbe")
                            .SetParent<RecorderProbe>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<HandoverProbe>();
    return tid;
}

HandoverProbe::HandoverProbe()
{
    NS_LOG_FUNCTION(this);
}

HandoverProbe::~HandoverProbe()
{
    NS_LOG_FUNCTION(this);
}

std::vector<std::string>
HandoverProbe::GetTables() const
{
    return {"CREATE TABLE handovers ("
            "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
            "task_id INTEGER NOT NULL, "
            "device_node INTEGER NOT NULL, "
            "lost_s REAL, "
            "associated_s REAL NOT NULL, "
            "from_server INTEGER, "
            "to_server INTEGER, "
            "from_access_point TEXT NOT NULL, "
            "to_access_point TEXT NOT NULL, "
            "admitted INTEGER NOT NULL, "
            "split_index INTEGER)"};
}

std::vector<std::string>
HandoverProbe::GetIndexes() const
{
    return {"CREATE INDEX IF NOT EXISTS handovers_task ON handovers(run_id, task_id, "
            "associated_s)"};
}

void
HandoverProbe::Prepare(SqliteDatabase& db)
{
    m_insert = db.Prepare(g_insert);
}

void
HandoverProbe::Connect(const RunInfo& run)
{
    NS_LOG_FUNCTION(this << run.runId);
    m_runId = run.runId;
    const Config::MatchContainer devices =
        LookupOnSystem("/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication", run.systemId);
    for (std::size_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<IotDeviceApplication> device = DynamicCast<IotDeviceApplication>(devices.Get(i));
        device->TraceConnectWithoutContext(
            "Handover",
            MakeCallback(&HandoverProbe::OnHandover, this).Bind(device->GetNode()->GetId()));
    }
}

void
HandoverProbe::OnHandover(uint32_t deviceNode, const Handover& handover)
{
    NS_LOG_FUNCTION(this << deviceNode << handover);
    // The addresses as text now: SqliteStatement binds text without copying it.
    m_rows.push_back(Row{handover,
                         deviceNode,
                         MacText(handover.fromAccessPoint),
                         MacText(handover.toAccessPoint)});
    RowBuffered();
}

bool
HandoverProbe::HasPendingRows() const
{
    return !m_rows.empty();
}

uint64_t
HandoverProbe::Write()
{
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.handover.associatedAt, a.handover.taskId) <
               std::tie(b.handover.associatedAt, b.handover.taskId);
    });
    SqliteStatement& s = m_insert;
    for (const Row& r : m_rows)
    {
        const Handover& h = r.handover;
        s.BindInt(1, m_runId);
        s.BindInt(2, h.taskId);
        s.BindInt(3, r.deviceNode);
        if (h.lostAt.IsNegative())
        {
            s.BindNull(4);
        }
        else
        {
            s.BindDouble(4, h.lostAt.GetSeconds());
        }
        s.BindDouble(5, h.associatedAt.GetSeconds());
        for (const auto& [index, server] :
             {std::make_pair(6, h.fromServer), std::make_pair(7, h.toServer)})
        {
            if (server < 0)
            {
                s.BindNull(index);
            }
            else
            {
                s.BindInt(index, server);
            }
        }
        s.BindText(8, r.fromAccessPoint);
        s.BindText(9, r.toAccessPoint);
        s.BindInt(10, h.admitted ? 1 : 0);
        if (h.admitted)
        {
            s.BindInt(11, h.splitIndex);
        }
        else
        {
            s.BindNull(11);
        }
        s.Step();
        s.Reset();
    }
    return m_rows.size();
}

void
HandoverProbe::Committed()
{
    m_rows.clear();
}

void
HandoverProbe::DoDispose()
{
    m_insert = SqliteStatement();
    RecorderProbe::DoDispose();
}

} // namespace edgednn
} // namespace ns3
