/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-task-probe.h"

#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"
#include "edge-server-application.h"
#include "iot-device-application.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("TaskProbe");

TaskProbe::TaskProbe() = default;

TaskProbe::~TaskProbe() = default;

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
        if (const SplitPoint* split = profile.FindSplitPoint(row.splitIndex))
        {
            row.splitLayer = split->name;
            row.featureBytes = CostModel::CutBytes(profile, *split, row.inputBytes);
            row.edgeMacs = split->edgeMacs;
            row.cloudMacs = split->cloudMacs;
        }
    }
    catch (const EdgeDnnError& e)
    {
        NS_LOG_WARN("task " << row.taskId << ": no split profile: " << e.what());
    }
    row.known = true;
    row.dirty = true;
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
    row.dirty = true;
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
TaskProbe::Write(SqliteStatement& t, int64_t runId)
{
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
        for (int index = 3; index <= 16; ++index)
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
        row.dirty = false;
        ++written;
    }
    return written;
}

void
TaskProbe::Clear()
{
    m_devices.clear();
    m_edges.clear();
}

} // namespace edgednn
} // namespace ns3
