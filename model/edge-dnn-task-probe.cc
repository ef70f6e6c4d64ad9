/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-task-probe.h"

#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"
#include "edge-server-application.h"
#include "iot-device-application.h"

#include "ns3/config.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("TaskProbe");

NS_OBJECT_ENSURE_REGISTERED(TaskProbe);

namespace
{

/// INSERT OR REPLACE INTO tasks: ?1 run_id, ?2 task_id, ?3 device_node, ?4 edge_node, ?5 model,
/// ?6 split_index, ?7 split_layer, ?8 input_bytes, ?9 feature_bytes, ?10 frame_rate,
/// ?11 deadline_s, ?12 admitted, ?13 predicted_latency_s, ?14 allocated_bps, ?15 edge_macs,
/// ?16 cloud_macs, ?17 device_split_index, ?18 device_macs.
const char* const g_insert =
    "INSERT OR REPLACE INTO tasks (run_id, task_id, device_node, edge_node, model, "
    "split_index, split_layer, input_bytes, feature_bytes, frame_rate, deadline_s, admitted, "
    "predicted_latency_s, allocated_bps, edge_macs, cloud_macs, device_split_index, "
    "device_macs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
    "?16, ?17, ?18)";

} // namespace

TypeId
TaskProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TaskProbe")
                            .SetParent<RecorderProbe>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<TaskProbe>();
    return tid;
}

TaskProbe::TaskProbe()
{
    NS_LOG_FUNCTION(this);
}

TaskProbe::~TaskProbe()
{
    NS_LOG_FUNCTION(this);
}

std::vector<std::string>
TaskProbe::GetTables() const
{
    return {"CREATE TABLE tasks ("
            "run_id INTEGER NOT NULL REFERENCES runs(run_id), "
            "task_id INTEGER NOT NULL, "
            "device_node INTEGER, "
            "edge_node INTEGER, "
            "model TEXT, "
            "split_index INTEGER, "
            "split_layer TEXT, "
            "input_bytes INTEGER, "
            "feature_bytes INTEGER, "
            "frame_rate REAL, "
            "deadline_s REAL, "
            "admitted INTEGER NOT NULL DEFAULT 1, "
            "predicted_latency_s REAL, "
            "allocated_bps REAL, "
            "edge_macs INTEGER, "
            "cloud_macs INTEGER, "
            // Added in schema version 3 (RecorderSchema adds them to an older table, after the
            // others as here): the device's cut and MACs (0 and 0: nothing on the device).
            "device_split_index INTEGER, "
            "device_macs INTEGER, "
            "PRIMARY KEY (run_id, task_id))"};
}

void
TaskProbe::Prepare(SqliteDatabase& db)
{
    m_insert = db.Prepare(g_insert);
}

void
TaskProbe::Connect(const RunInfo& run)
{
    NS_LOG_FUNCTION(this << run.runId);
    m_runId = run.runId;
    const Config::MatchContainer devices =
        LookupOnSystem("/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication", run.systemId);
    for (std::size_t i = 0; i < devices.GetN(); ++i)
    {
        AddDevice(DynamicCast<IotDeviceApplication>(devices.Get(i)));
    }
    const Config::MatchContainer edges =
        LookupOnSystem("/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication", run.systemId);
    for (std::size_t i = 0; i < edges.GetN(); ++i)
    {
        AddEdge(DynamicCast<EdgeServerApplication>(edges.Get(i)));
    }
    // At time 0, after any AddTask made before Run(), but before the applications start.
    Simulator::ScheduleNow(&TaskProbe::ReadTasks, Ptr<TaskProbe>(this));
}

void
TaskProbe::Finish(Time /* now */)
{
    ReadTasks();
    Clear();
}

void
TaskProbe::AddDevice(Ptr<IotDeviceApplication> device)
{
    NS_LOG_FUNCTION(this << device);
    m_devices[device->GetTaskId()] = device;
    device->TraceConnectWithoutContext("TaskDecision", MakeCallback(&TaskProbe::OnDecision, this));
}

void
TaskProbe::AddEdge(Ptr<EdgeServerApplication> edge)
{
    m_edges.push_back(edge);
}

void
TaskProbe::ReadTasks()
{
    NS_LOG_FUNCTION(this);
    if (m_read)
    {
        return;
    }
    for (const auto& [taskId, device] : m_devices)
    {
        Read(device);
    }
    m_read = true;
}

Ptr<EdgeServerApplication>
TaskProbe::FindEdge(Ptr<IotDeviceApplication> device) const
{
    for (Ptr<EdgeServerApplication> e : m_edges)
    {
        if (e->HasTask(device->GetTaskId()))
        {
            return e;
        }
    }
    const Address remote = device->GetRemote();
    if (!InetSocketAddress::IsMatchingType(remote))
    {
        return nullptr;
    }
    const Ipv4Address ip = InetSocketAddress::ConvertFrom(remote).GetIpv4();
    for (Ptr<EdgeServerApplication> e : m_edges)
    {
        Ptr<Ipv4> ipv4 = e->GetNode()->GetObject<Ipv4>();
        for (uint32_t k = 0; ipv4 && k < ipv4->GetNInterfaces(); ++k)
        {
            for (uint32_t a = 0; a < ipv4->GetNAddresses(k); ++a)
            {
                if (ipv4->GetAddress(k, a).GetLocal() == ip)
                {
                    return e;
                }
            }
        }
    }
    return nullptr;
}

void
TaskProbe::Read(Ptr<IotDeviceApplication> device)
{
    TaskRow& row = m_tasks[device->GetTaskId()];
    row = TaskRow();
    row.taskId = device->GetTaskId();
    row.deviceNode = device->GetNode()->GetId();
    row.model = device->GetModel();
    row.splitIndex = device->GetSplitIndex();
    row.deviceSplitIndex = device->GetDeviceSplitIndex();
    row.inputBytes = device->GetInputBytes();
    row.frameRate = device->GetFrameRate();
    row.deadline = device->GetDeadline().GetSeconds();
    row.deviceAdmitted = device->IsAdmitted();
    if (Ptr<EdgeServerApplication> edge = FindEdge(device))
    {
        row.edgeNode = edge->GetNode()->GetId();
    }
    // A decision made before the probe was connected: the device keeps its last one.
    if (auto decision = device->GetDecision(); decision && !m_decisions.count(row.taskId))
    {
        m_decisions[row.taskId] = *decision;
    }
    try
    {
        // The device defines its task; the edge runs what the device's frames carry.
        const SplitProfile& profile = device->GetProfile();
        const SplitPoint* split = profile.FindSplitPoint(row.splitIndex);
        const SplitPoint* device = profile.FindSplitPoint(row.deviceSplitIndex);
        if (split != nullptr && device != nullptr && device->index <= split->index)
        {
            row.splitLayer = split->name;
            row.featureBytes = CostModel::CutBytes(profile, *split, row.inputBytes);
            row.edgeMacs = CostModel::EdgeMacs(*device, *split);
            row.cloudMacs = split->cloudMacs;
            row.deviceMacs = CostModel::DeviceMacs(*device);
        }
    }
    catch (const EdgeDnnError& e)
    {
        NS_LOG_WARN("task " << row.taskId << ": no split profile: " << e.what());
    }
    row.known = true;
    row.dirty = true;
    RowBuffered();
}

void
TaskProbe::OnDecision(const TaskDecision& decision)
{
    NS_LOG_FUNCTION(this << decision);
    m_decisions[decision.taskId] = decision;
    auto device = m_devices.find(decision.taskId);
    if (m_read && device != m_devices.end())
    {
        Read(device->second); // the device and its edge server now follow the decision
    }
    TaskRow& row = m_tasks[decision.taskId];
    row.taskId = decision.taskId;
    if (!row.dirty)
    {
        row.dirty = true;
        RowBuffered();
    }
}

std::optional<TaskDecision>
TaskProbe::GetDecision(uint32_t taskId) const
{
    auto it = m_decisions.find(taskId);
    return it != m_decisions.end() ? std::optional<TaskDecision>(it->second) : std::nullopt;
}

bool
TaskProbe::HasPendingRows() const
{
    for (const auto& [id, row] : m_tasks)
    {
        if (row.dirty)
        {
            return true;
        }
    }
    return false;
}

uint64_t
TaskProbe::Write()
{
    SqliteStatement& t = m_insert;
    const int64_t runId = m_runId;
    auto bindOptional = [&t](int index, const std::optional<uint64_t>& v) {
        v ? t.BindInt(index, static_cast<int64_t>(*v)) : t.BindNull(index);
    };
    uint64_t written = 0;
    for (auto& [id, row] : m_tasks)
    {
        if (!row.dirty)
        {
            continue;
        }
        auto d = m_decisions.find(row.taskId);
        const TaskDecision* decision = d != m_decisions.end() ? &d->second : nullptr;
        const bool admitted = decision ? decision->admitted : row.deviceAdmitted;
        const bool split = row.known && admitted;
        t.BindInt(1, runId);
        t.BindInt(2, row.taskId);
        for (int index = 3; index <= 18; ++index)
        {
            t.BindNull(index);
        }
        if (row.known)
        {
            t.BindInt(3, row.deviceNode);
            if (row.edgeNode >= 0)
            {
                t.BindInt(4, row.edgeNode);
            }
            t.BindText(5, row.model);
            t.BindInt(8, static_cast<int64_t>(row.inputBytes));
            t.BindDouble(10, row.frameRate);
            t.BindDouble(11, row.deadline);
        }
        if (split)
        {
            t.BindInt(6, row.splitIndex);
            if (!row.splitLayer.empty())
            {
                t.BindText(7, row.splitLayer);
            }
            bindOptional(9, row.featureBytes);
            bindOptional(15, row.edgeMacs);
            bindOptional(16, row.cloudMacs);
            if (row.deviceMacs)
            {
                t.BindInt(17, row.deviceSplitIndex);
            }
            bindOptional(18, row.deviceMacs);
        }
        t.BindInt(12, admitted ? 1 : 0);
        if (decision && !decision->predictedLatency.IsNegative())
        {
            t.BindDouble(13, decision->predictedLatency.GetSeconds());
        }
        if (decision && decision->allocatedRate.GetBitRate() != 0)
        {
            t.BindDouble(14, static_cast<double>(decision->allocatedRate.GetBitRate()));
        }
        t.Step();
        t.Reset();
        ++written;
    }
    return written;
}

void
TaskProbe::Committed()
{
    for (auto& [id, row] : m_tasks)
    {
        row.dirty = false;
    }
}

void
TaskProbe::Clear()
{
    m_devices.clear();
    m_edges.clear();
}

void
TaskProbe::DoDispose()
{
    Clear();
    m_insert = SqliteStatement();
    RecorderProbe::DoDispose();
}

} // namespace edgednn
} // namespace ns3
