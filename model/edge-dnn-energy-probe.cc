/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-energy-probe.h"

#include "edge-dnn-inference-server-application.h"
#include "edge-dnn-radio-energy-meter.h"
#include "iot-device-application.h"

#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("EnergyProbe");

NS_OBJECT_ENSURE_REGISTERED(EnergyProbe);

namespace
{

/// INSERT INTO node_energy: ?1 run_id, ?2 node, ?3 role, ?4 compute_frames_j, ?5 compute_idle_j,
/// ?6 compute_unfinished_j, ?7 radio_j, ?8 radio_frames_j, ?9 depleted_s.
const char* const g_insert =
    "INSERT INTO node_energy (run_id, node, role, compute_frames_j, compute_idle_j, "
    "compute_unfinished_j, radio_j, radio_frames_j, depleted_s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?9)";

} // namespace

TypeId
EnergyProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::EnergyProbe")
                            .SetParent<RecorderProbe>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<EnergyProbe>();
    return tid;
}

EnergyProbe::EnergyProbe()
{
    NS_LOG_FUNCTION(this);
}

EnergyProbe::~EnergyProbe()
{
    NS_LOG_FUNCTION(this);
}

void
EnergyProbe::DoDispose()
{
    m_insert = SqliteStatement();
    m_rows.clear();
    m_entries.clear();
    RecorderProbe::DoDispose();
}

std::vector<std::string>
EnergyProbe::GetTables() const
{
    return {"CREATE TABLE node_energy ("
            "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
            "node INTEGER NOT NULL, "
            "role TEXT NOT NULL, "
            "compute_frames_j REAL NOT NULL, "
            "compute_idle_j REAL NOT NULL, "
            "compute_unfinished_j REAL NOT NULL, "
            "radio_j REAL, "
            "radio_frames_j REAL, "
            "depleted_s REAL)"};
}

std::vector<std::string>
EnergyProbe::GetIndexes() const
{
    // Per run and role: the nodes, their compute and radio energy, the batteries that emptied.
    return {"CREATE VIEW IF NOT EXISTS run_energy AS "
            "SELECT e.run_id, r.algorithm, COALESCE(r.ended_by, 'unfinished') AS ended_by, e.role, "
            "COUNT(*) AS nodes, "
            "SUM(e.compute_frames_j + e.compute_idle_j + e.compute_unfinished_j) AS compute_j, "
            "SUM(e.compute_frames_j) AS compute_frames_j, SUM(e.radio_j) AS radio_j, "
            "SUM(e.radio_frames_j) AS radio_frames_j, "
            "SUM(e.depleted_s IS NOT NULL) AS depleted "
            "FROM node_energy e JOIN runs r USING (run_id) GROUP BY e.run_id, e.role"};
}

void
EnergyProbe::Prepare(SqliteDatabase& db)
{
    m_insert = db.Prepare(g_insert);
}

void
EnergyProbe::Connect(const RunInfo& run)
{
    NS_LOG_FUNCTION(this << run.runId);
    m_runId = run.runId;
    const std::pair<const char*, const char*> kinds[] = {
        {"/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication", "device"},
        {"/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication", "edge"},
        {"/NodeList/*/ApplicationList/*/$ns3::CloudServerApplication", "cloud"},
    };
    for (const auto& [path, role] : kinds)
    {
        const Config::MatchContainer apps = LookupOnSystem(path, run.systemId);
        for (std::size_t i = 0; i < apps.GetN(); ++i)
        {
            m_entries.emplace_back();
            NodeEnergy& entry = m_entries.back();
            entry.app = DynamicCast<Application>(apps.Get(i));
            entry.node = entry.app->GetNode()->GetId();
            entry.role = role;
            if (std::string(role) != "device")
            {
                continue;
            }
            Ptr<Node> node = entry.app->GetNode();
            for (uint32_t d = 0; d < node->GetNDevices(); ++d)
            {
                if (Ptr<RadioEnergyMeter> meter = node->GetDevice(d)->GetObject<RadioEnergyMeter>())
                {
                    entry.meters.push_back(meter);
                    meter->TraceConnectWithoutContext(
                        "Depleted",
                        MakeCallback(&EnergyProbe::OnDepleted, this).Bind(&entry));
                }
            }
        }
    }
}

void
EnergyProbe::OnDepleted(NodeEnergy* entry)
{
    if (entry->depleted < 0)
    {
        entry->depleted = Simulator::Now().GetTimeStep();
    }
}

void
EnergyProbe::Finish(Time /* now */)
{
    for (NodeEnergy& entry : m_entries)
    {
        ComputeEnergy compute;
        if (Ptr<IotDeviceApplication> device = DynamicCast<IotDeviceApplication>(entry.app))
        {
            compute = device->GetComputeEnergy();
        }
        else if (Ptr<InferenceServerApplication> server =
                     DynamicCast<InferenceServerApplication>(entry.app))
        {
            compute = server->GetComputeEnergy();
        }
        entry.computeFrames = compute.frames;
        entry.computeIdle = compute.idle;
        entry.computeUnfinished = compute.unfinished;
        if (!entry.meters.empty())
        {
            entry.radio = 0;
            entry.radioFrames = 0;
            for (Ptr<RadioEnergyMeter> meter : entry.meters)
            {
                entry.radio += meter->GetTotalEnergy();
                entry.radioFrames += meter->GetFrameEnergy();
            }
        }
        m_rows.push_back(&entry);
        RowBuffered();
    }
}

bool
EnergyProbe::HasPendingRows() const
{
    return !m_rows.empty();
}

uint64_t
EnergyProbe::Write()
{
    SqliteStatement& s = m_insert;
    for (const NodeEnergy* e : m_rows)
    {
        s.BindInt(1, m_runId);
        s.BindInt(2, e->node);
        s.BindText(3, e->role);
        s.BindDouble(4, e->computeFrames);
        s.BindDouble(5, e->computeIdle);
        s.BindDouble(6, e->computeUnfinished);
        if (e->radio >= 0)
        {
            s.BindDouble(7, e->radio);
            s.BindDouble(8, e->radioFrames);
        }
        else
        {
            s.BindNull(7);
            s.BindNull(8);
        }
        if (e->depleted >= 0)
        {
            s.BindDouble(9, static_cast<double>(e->depleted) / 1e9);
        }
        else
        {
            s.BindNull(9);
        }
        s.Step();
        s.Reset();
    }
    return m_rows.size();
}

void
EnergyProbe::Committed()
{
    m_rows.clear();
}

} // namespace edgednn
} // namespace ns3
