/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-bandwidth-probe.h"

#include "ns3/application.h"
#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <cstdlib>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("BandwidthProbe");

NS_OBJECT_ENSURE_REGISTERED(BandwidthProbe);

const char* const BandwidthProbe::SOURCE_TRUE = "true";
const char* const BandwidthProbe::SOURCE_ESTIMATE = "estimate";

namespace
{

/// INSERT INTO bandwidth: ?1 run_id, ?2 time_s, ?3 node, ?4 source, ?5 rate_bps.
const char* const g_insert =
    "INSERT INTO bandwidth (run_id, time_s, node, source, rate_bps) VALUES (?1, ?2, ?3, ?4, ?5)";

} // namespace

TypeId
BandwidthProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::BandwidthProbe")
                            .SetParent<RecorderProbe>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<BandwidthProbe>();
    return tid;
}

BandwidthProbe::BandwidthProbe()
{
    NS_LOG_FUNCTION(this);
}

BandwidthProbe::~BandwidthProbe()
{
    NS_LOG_FUNCTION(this);
}

std::vector<std::string>
BandwidthProbe::GetTables() const
{
    return {"CREATE TABLE bandwidth ("
            "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
            "time_s REAL NOT NULL, "
            "node INTEGER NOT NULL, "
            "source TEXT NOT NULL, "
            "rate_bps REAL NOT NULL)"};
}

std::vector<std::string>
BandwidthProbe::GetIndexes() const
{
    return {"CREATE INDEX IF NOT EXISTS bandwidth_run ON bandwidth(run_id, node, source, time_s)"};
}

void
BandwidthProbe::Prepare(SqliteDatabase& db)
{
    m_insert = db.Prepare(g_insert);
}

void
BandwidthProbe::Connect(const RunInfo& run)
{
    NS_LOG_FUNCTION(this << run.runId);
    m_runId = run.runId;
    // True rates: LinkRateTrace objects, aggregated to the devices they drive.
    const Config::MatchContainer traces =
        LookupOnSystem("/NodeList/*/DeviceList/*/$ns3::LinkRateTrace", run.systemId);
    for (std::size_t i = 0; i < traces.GetN(); ++i)
    {
        Ptr<Object> trace = traces.Get(i);
        Ptr<NetDevice> device = trace->GetObject<NetDevice>();
        const int64_t node = device && device->GetNode() ? device->GetNode()->GetId()
                                                         : NodeOfPath(traces.GetMatchedPath(i));
        if (node < 0)
        {
            NS_LOG_WARN("a LinkRateTrace at " << traces.GetMatchedPath(i) << " has no node");
            continue;
        }
        const bool connected =
            trace->TraceConnectWithoutContext("Rate",
                                              MakeCallback(&BandwidthProbe::OnRate, this)
                                                  .Bind(static_cast<uint32_t>(node), SOURCE_TRUE));
        m_connected += connected ? 1 : 0;
    }
    // Estimates: every edge server that has an UplinkEstimate trace source.
    const Config::MatchContainer edges =
        LookupOnSystem("/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication", run.systemId);
    for (std::size_t i = 0; i < edges.GetN(); ++i)
    {
        Ptr<Application> edge = DynamicCast<Application>(edges.Get(i));
        const uint32_t node = edge->GetNode()->GetId();
        const bool connected = edge->TraceConnectWithoutContext(
            "UplinkEstimate",
            MakeCallback(&BandwidthProbe::OnRate, this).Bind(node, SOURCE_ESTIMATE));
        m_connected += connected ? 1 : 0;
    }
    NS_LOG_INFO(m_connected << " rate and estimate trace sources connected");
}

uint32_t
BandwidthProbe::GetConnectedSources() const
{
    return m_connected;
}

void
BandwidthProbe::OnRate(uint32_t node, const char* source, DataRate rate)
{
    NS_LOG_FUNCTION(this << node << source << rate);
    m_rows.push_back(Row{Simulator::Now(), node, source, static_cast<double>(rate.GetBitRate())});
    RowBuffered();
}

bool
BandwidthProbe::HasPendingRows() const
{
    return !m_rows.empty();
}

uint64_t
BandwidthProbe::Write()
{
    SqliteStatement& s = m_insert;
    for (const Row& r : m_rows)
    {
        s.BindInt(1, m_runId);
        s.BindDouble(2, r.time.GetSeconds());
        s.BindInt(3, r.node);
        s.BindText(4, r.source);
        s.BindDouble(5, r.rateBps);
        s.Step();
        s.Reset();
    }
    return m_rows.size();
}

void
BandwidthProbe::Committed()
{
    m_rows.clear();
}

void
BandwidthProbe::DoDispose()
{
    m_insert = SqliteStatement();
    RecorderProbe::DoDispose();
}

} // namespace edgednn
} // namespace ns3
