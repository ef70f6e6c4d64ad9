/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-link-traffic-probe.h"

#include "edge-dnn-error.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("LinkTrafficProbe");

NS_OBJECT_ENSURE_REGISTERED(LinkTrafficProbe);

namespace
{

/// INSERT INTO link_traffic: ?1 run_id, ?2 link, ?3 to_cloud, ?4 t_start_s, ?5 t_end_s,
/// ?6 tx_bytes, ?7 rx_bytes, ?8 drops.
const char* const g_insert =
    "INSERT INTO link_traffic (run_id, link, to_cloud, t_start_s, t_end_s, tx_bytes, "
    "rx_bytes, drops) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

} // namespace

TypeId
LinkTrafficProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LinkTrafficProbe")
                            .SetParent<RecorderProbe>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<LinkTrafficProbe>();
    return tid;
}

LinkTrafficProbe::LinkTrafficProbe()
{
    NS_LOG_FUNCTION(this);
}

LinkTrafficProbe::~LinkTrafficProbe()
{
    NS_LOG_FUNCTION(this);
}

std::vector<std::string>
LinkTrafficProbe::GetTables() const
{
    return {"CREATE TABLE link_traffic ("
            "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
            "link TEXT NOT NULL, "
            "to_cloud INTEGER NOT NULL, "
            "t_start_s REAL NOT NULL, "
            "t_end_s REAL NOT NULL, "
            "tx_bytes INTEGER NOT NULL, "
            "rx_bytes INTEGER NOT NULL, "
            "drops INTEGER NOT NULL)"};
}

std::vector<std::string>
LinkTrafficProbe::GetIndexes() const
{
    return {"CREATE INDEX IF NOT EXISTS link_traffic_run ON link_traffic(run_id, link, t_start_s)"};
}

void
LinkTrafficProbe::Prepare(SqliteDatabase& db)
{
    m_insert = db.Prepare(g_insert);
}

void
LinkTrafficProbe::AddLink(const std::string& name,
                          Ptr<NetDevice> tx,
                          Ptr<NetDevice> rx,
                          bool toCloud)
{
    NS_LOG_FUNCTION(this << name << tx << rx << toCloud);
    if (!tx)
    {
        throw EdgeDnnError("link '" + name + "': no transmitting device");
    }
    const TypeId type = tx->GetInstanceTypeId();
    if (!type.LookupTraceSourceByName("PhyTxEnd") && !type.LookupTraceSourceByName("MacTx"))
    {
        throw EdgeDnnError("link '" + name + "': device " + type.GetName() +
                           " has no PhyTxEnd or MacTx trace source: expected a NetDevice such "
                           "as PointToPointNetDevice or CsmaNetDevice");
    }
    m_links.push_back(LinkState());
    LinkState* link = &m_links.back();
    link->name = name;
    link->txDevice = tx;
    link->rxDevice = rx;
    link->toCloud = toCloud;
    if (m_connected)
    {
        if (!IsOnSystem(*link))
        {
            m_links.pop_back();
            return;
        }
        ConnectLink(link);
    }
}

void
LinkTrafficProbe::Connect(const RunInfo& run)
{
    NS_LOG_FUNCTION(this << run.runId << run.binWidth);
    NS_ABORT_MSG_IF(run.binWidth.GetTimeStep() <= 0, "LinkTrafficProbe: bin width must be > 0");
    m_width = run.binWidth.GetTimeStep();
    m_runId = run.runId;
    m_systemId = run.systemId;
    m_connected = true;
    // In a distributed run a link between ranks is counted by both: its transmissions by the
    // rank of its transmitting device, its receptions by the rank of its receiving device (their
    // rows add up); a link with neither device here is not this rank's.
    std::deque<LinkState> links;
    for (LinkState& link : m_links)
    {
        if (IsOnSystem(link))
        {
            links.push_back(link);
        }
    }
    m_links.swap(links);
    for (LinkState& link : m_links)
    {
        ConnectLink(&link);
    }
}

bool
LinkTrafficProbe::IsOnSystem(LinkState& link) const
{
    link.countTx = link.txDevice->GetNode() == nullptr ||
                   link.txDevice->GetNode()->GetSystemId() == m_systemId;
    link.countRx = link.rxDevice && (link.rxDevice->GetNode() == nullptr ||
                                     link.rxDevice->GetNode()->GetSystemId() == m_systemId);
    return link.countTx || link.countRx;
}

void
LinkTrafficProbe::ConnectLink(LinkState* link)
{
    if (Ptr<NetDevice> tx = link->countTx ? link->txDevice : nullptr)
    {
        if (!tx->TraceConnectWithoutContext("PhyTxEnd",
                                            MakeCallback(&LinkTrafficProbe::OnTx, this).Bind(link)))
        {
            tx->TraceConnectWithoutContext("MacTx",
                                           MakeCallback(&LinkTrafficProbe::OnTx, this).Bind(link));
        }
        tx->TraceConnectWithoutContext("MacTxDrop",
                                       MakeCallback(&LinkTrafficProbe::OnDrop, this).Bind(link));
        tx->TraceConnectWithoutContext("PhyTxDrop",
                                       MakeCallback(&LinkTrafficProbe::OnDrop, this).Bind(link));
    }
    if (Ptr<NetDevice> rx = link->countRx ? link->rxDevice : nullptr)
    {
        if (!rx->TraceConnectWithoutContext("PhyRxEnd",
                                            MakeCallback(&LinkTrafficProbe::OnRx, this).Bind(link)))
        {
            rx->TraceConnectWithoutContext("MacRx",
                                           MakeCallback(&LinkTrafficProbe::OnRx, this).Bind(link));
        }
        rx->TraceConnectWithoutContext("PhyRxDrop",
                                       MakeCallback(&LinkTrafficProbe::OnDrop, this).Bind(link));
    }
}

void
LinkTrafficProbe::Advance(LinkState& link, int64_t bin)
{
    while (link.bin < bin)
    {
        m_rows.push_back(Row{&link, link.bin, link.tx, link.rx, link.drops});
        link.tx = 0;
        link.rx = 0;
        link.drops = 0;
        ++link.bin;
        RowBuffered();
    }
}

LinkTrafficProbe::LinkState&
LinkTrafficProbe::Now(LinkState* link)
{
    const int64_t bin = Simulator::Now().GetTimeStep() / m_width;
    if (bin != link->bin)
    {
        Advance(*link, bin);
    }
    return *link;
}

void
LinkTrafficProbe::OnTx(LinkState* link, Ptr<const Packet> packet)
{
    Now(link).tx += packet->GetSize();
}

void
LinkTrafficProbe::OnRx(LinkState* link, Ptr<const Packet> packet)
{
    Now(link).rx += packet->GetSize();
}

void
LinkTrafficProbe::OnDrop(LinkState* link, Ptr<const Packet> /* packet */)
{
    ++Now(link).drops;
}

void
LinkTrafficProbe::Finish(Time now)
{
    if (!m_connected)
    {
        return;
    }
    const int64_t endBin = (now.GetTimeStep() + m_width - 1) / m_width;
    for (LinkState& link : m_links)
    {
        const bool pending = link.tx != 0 || link.rx != 0 || link.drops != 0;
        Advance(link, std::max(endBin, link.bin + (pending ? 1 : 0)));
    }
}

bool
LinkTrafficProbe::HasPendingRows() const
{
    return !m_rows.empty();
}

uint64_t
LinkTrafficProbe::Write()
{
    SqliteStatement& l = m_insert;
    for (const Row& r : m_rows)
    {
        l.BindInt(1, m_runId);
        l.BindText(2, r.link->name);
        l.BindInt(3, r.link->toCloud ? 1 : 0);
        l.BindDouble(4, static_cast<double>(r.bin * m_width) / 1e9);
        l.BindDouble(5, static_cast<double>((r.bin + 1) * m_width) / 1e9);
        l.BindInt(6, static_cast<int64_t>(r.tx));
        l.BindInt(7, static_cast<int64_t>(r.rx));
        l.BindInt(8, static_cast<int64_t>(r.drops));
        l.Step();
        l.Reset();
    }
    return m_rows.size();
}

void
LinkTrafficProbe::Committed()
{
    m_rows.clear();
}

void
LinkTrafficProbe::DoDispose()
{
    for (LinkState& link : m_links)
    {
        link.txDevice = nullptr;
        link.rxDevice = nullptr;
    }
    m_insert = SqliteStatement();
    RecorderProbe::DoDispose();
}

} // namespace edgednn
} // namespace ns3
