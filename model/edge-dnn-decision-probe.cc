/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-decision-probe.h"

#include "edge-server-application.h"
#include "iot-device-application.h"

#include "ns3/config.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/node.h"

#include <algorithm>
#include <optional>
#include <tuple>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("DecisionProbe");

NS_OBJECT_ENSURE_REGISTERED(DecisionProbe);

namespace
{

/// INSERT INTO decisions: ?1 run_id, ?2 time_s, ?3 task_id, ?4 seq, ?5 algorithm, ?6 admitted,
/// ?7 server, ?8 edge_node, ?9 split_index, ?10 allocated_bps, ?11 predicted_latency_s, ?12 reason,
/// ?13 device_split_index.
const char* const g_insert =
    "INSERT INTO decisions (run_id, time_s, task_id, seq, algorithm, admitted, server, edge_node, "
    "split_index, allocated_bps, predicted_latency_s, reason, device_split_index) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/**
 * \param node a node
 * \param ip an address
 * \return true if one of the node's IPv4 interfaces has it
 */
bool
HasAddress(Ptr<Node> node, Ipv4Address ip)
{
    Ptr<Ipv4> ipv4 = node ? node->GetObject<Ipv4>() : nullptr;
    for (uint32_t k = 0; ipv4 && k < ipv4->GetNInterfaces(); ++k)
    {
        for (uint32_t a = 0; a < ipv4->GetNAddresses(k); ++a)
        {
            if (ipv4->GetAddress(k, a).GetLocal() == ip)
            {
                return true;
            }
        }
    }
    return false;
}

} // namespace

TypeId
DecisionProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::DecisionProbe")
                            .SetParent<RecorderProbe>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<DecisionProbe>();
    return tid;
}

DecisionProbe::DecisionProbe()
{
    NS_LOG_FUNCTION(this);
}

DecisionProbe::~DecisionProbe()
{
    NS_LOG_FUNCTION(this);
}

std::vector<std::string>
DecisionProbe::GetTables() const
{
    return {"CREATE TABLE decisions ("
            "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
            "time_s REAL NOT NULL, "
            "task_id INTEGER NOT NULL, "
            "seq INTEGER NOT NULL, "
            "algorithm TEXT NOT NULL, "
            "admitted INTEGER NOT NULL, "
            "server INTEGER, "
            "edge_node INTEGER, "
            "split_index INTEGER, "
            "allocated_bps REAL NOT NULL, "
            "predicted_latency_s REAL, "
            "reason TEXT NOT NULL, "
            // Added in schema version 3 (RecorderSchema adds it to an older table, last): the
            // layers the decision runs on the device (0: none).
            "device_split_index INTEGER, "
            "PRIMARY KEY (run_id, task_id, seq))"};
}

std::vector<std::string>
DecisionProbe::GetIndexes() const
{
    return {"CREATE INDEX IF NOT EXISTS decisions_time ON decisions(run_id, time_s, task_id)"};
}

void
DecisionProbe::Prepare(SqliteDatabase& db)
{
    m_insert = db.Prepare(g_insert);
}

void
DecisionProbe::Connect(const RunInfo& run)
{
    NS_LOG_FUNCTION(this << run.runId);
    m_runId = run.runId;
    const Config::MatchContainer edges =
        LookupOnSystem("/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication", run.systemId);
    for (std::size_t i = 0; i < edges.GetN(); ++i)
    {
        m_edges.push_back(DynamicCast<EdgeServerApplication>(edges.Get(i)));
    }
    const Config::MatchContainer devices =
        LookupOnSystem("/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication", run.systemId);
    // The decisions applied before now, in the order (time, task): the same every run.
    std::vector<TaskDecision> before;
    for (std::size_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<IotDeviceApplication> device = DynamicCast<IotDeviceApplication>(devices.Get(i));
        if (std::optional<TaskDecision> decision = device->GetDecision())
        {
            before.push_back(*decision);
        }
        device->TraceConnectWithoutContext("TaskDecision",
                                           MakeCallback(&DecisionProbe::OnDecision, this));
    }
    std::stable_sort(before.begin(),
                     before.end(),
                     [](const TaskDecision& a, const TaskDecision& b) {
                         return std::make_pair(a.decidedAt, a.taskId) <
                                std::make_pair(b.decidedAt, b.taskId);
                     });
    for (const TaskDecision& decision : before)
    {
        Add(decision);
    }
}

void
DecisionProbe::OnDecision(const TaskDecision& decision)
{
    NS_LOG_FUNCTION(this << decision);
    Add(decision);
}

int64_t
DecisionProbe::FindEdgeNode(const Address& edge) const
{
    std::optional<Ipv4Address> ip;
    if (InetSocketAddress::IsMatchingType(edge))
    {
        ip = InetSocketAddress::ConvertFrom(edge).GetIpv4();
    }
    else if (Ipv4Address::IsMatchingType(edge))
    {
        ip = Ipv4Address::ConvertFrom(edge);
    }
    if (!ip)
    {
        return -1;
    }
    for (Ptr<EdgeServerApplication> e : m_edges)
    {
        if (HasAddress(e->GetNode(), *ip))
        {
            return e->GetNode()->GetId();
        }
    }
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        if (HasAddress(*node, *ip))
        {
            return (*node)->GetId();
        }
    }
    return -1;
}

void
DecisionProbe::Add(const TaskDecision& decision)
{
    Row row;
    row.time = decision.decidedAt;
    row.taskId = decision.taskId;
    row.seq = m_next[decision.taskId]++;
    row.algorithm = decision.algorithm;
    row.admitted = decision.admitted;
    if (decision.admitted)
    {
        row.server = decision.server;
        row.edgeNode = FindEdgeNode(decision.edge);
        row.splitIndex = decision.splitIndex;
        row.deviceSplitIndex = decision.deviceSplitIndex;
    }
    row.allocatedBps = static_cast<double>(decision.allocatedRate.GetBitRate());
    row.predictedS =
        decision.predictedLatency.IsNegative() ? -1.0 : decision.predictedLatency.GetSeconds();
    row.reason = decision.reason;
    m_rows.push_back(std::move(row));
    RowBuffered();
}

bool
DecisionProbe::HasPendingRows() const
{
    return !m_rows.empty();
}

uint64_t
DecisionProbe::Write()
{
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row& a, const Row& b) {
        return std::tie(a.time, a.taskId, a.seq) < std::tie(b.time, b.taskId, b.seq);
    });
    SqliteStatement& s = m_insert;
    for (const Row& r : m_rows)
    {
        s.BindInt(1, m_runId);
        s.BindDouble(2, r.time.GetSeconds());
        s.BindInt(3, r.taskId);
        s.BindInt(4, r.seq);
        s.BindText(5, r.algorithm);
        s.BindInt(6, r.admitted ? 1 : 0);
        for (int index : {7, 8, 9, 11, 13})
        {
            s.BindNull(index);
        }
        if (r.admitted)
        {
            s.BindInt(7, r.server);
            if (r.edgeNode >= 0)
            {
                s.BindInt(8, r.edgeNode);
            }
            s.BindInt(9, r.splitIndex);
            s.BindInt(13, r.deviceSplitIndex);
        }
        s.BindDouble(10, r.allocatedBps);
        if (r.predictedS >= 0)
        {
            s.BindDouble(11, r.predictedS);
        }
        s.BindText(12, r.reason);
        s.Step();
        s.Reset();
    }
    return m_rows.size();
}

void
DecisionProbe::Committed()
{
    m_rows.clear();
}

void
DecisionProbe::Finish(Time /* now */)
{
    m_edges.clear();
}

void
DecisionProbe::DoDispose()
{
    m_edges.clear();
    m_insert = SqliteStatement();
    RecorderProbe::DoDispose();
}

} // namespace edgednn
} // namespace ns3
