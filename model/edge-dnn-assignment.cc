/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-assignment.h"

#include "edge-dnn-error.h"
#include "edge-dnn-json-input.h"

#include "ns3/abort.h"

#include <fstream>

namespace ns3
{
namespace edgednn
{

Assignment::Assignment()
{
}

Assignment::Assignment(const std::string& algorithm, uint32_t taskCount)
    : m_algorithm(algorithm),
      m_placements(taskCount)
{
}

const std::string&
Assignment::GetAlgorithm() const
{
    return m_algorithm;
}

void
Assignment::SetAlgorithm(const std::string& algorithm)
{
    m_algorithm = algorithm;
}

void
Assignment::Place(uint32_t task, uint32_t server, uint32_t splitIndex, const TaskDemand& demand)
{
    NS_ABORT_MSG_IF(task >= m_placements.size(), "task index out of range");
    TaskPlacement& p = m_placements[task];
    p.admitted = true;
    p.server = server;
    p.splitIndex = splitIndex;
    p.deviceSplitIndex = demand.deviceSplitIndex;
    p.bandwidthBps = demand.bandwidthBps;
    p.computeMacsPerS = demand.computeMacsPerS;
    p.latencyS = demand.latencyS;
}

void
Assignment::Set(uint32_t task, const TaskPlacement& placement)
{
    NS_ABORT_MSG_IF(task >= m_placements.size(), "task index out of range");
    m_placements[task] = placement.admitted ? placement : TaskPlacement();
}

void
Assignment::Reject(uint32_t task)
{
    NS_ABORT_MSG_IF(task >= m_placements.size(), "task index out of range");
    m_placements[task] = TaskPlacement();
}

const std::vector<TaskPlacement>&
Assignment::GetPlacements() const
{
    return m_placements;
}

uint32_t
Assignment::GetAdmittedCount() const
{
    uint32_t n = 0;
    for (const TaskPlacement& p : m_placements)
    {
        n += p.admitted ? 1 : 0;
    }
    return n;
}

std::vector<ServerTotals>
Assignment::GetServerTotals(uint32_t serverCount) const
{
    std::vector<ServerTotals> totals(serverCount);
    for (const TaskPlacement& p : m_placements)
    {
        if (p.admitted && p.server < serverCount)
        {
            totals[p.server].tasks++;
            totals[p.server].bandwidthBps += p.bandwidthBps;
            totals[p.server].computeMacsPerS += p.computeMacsPerS;
        }
    }
    return totals;
}

void
Assignment::SetBound(double bound, const std::string& status)
{
    m_hasBound = true;
    m_bound = bound;
    m_status = status;
}

bool
Assignment::HasBound() const
{
    return m_hasBound;
}

double
Assignment::GetBound() const
{
    return m_bound;
}

const std::string&
Assignment::GetStatus() const
{
    return m_status;
}

double
Assignment::GetGap() const
{
    return m_bound > 0 ? (m_bound - GetAdmittedCount()) / m_bound : 0.0;
}

std::string
Assignment::ToJson(const SchedulingProblem& problem) const
{
    NS_ABORT_MSG_IF(m_placements.size() != problem.GetTaskCount(),
                    "assignment and problem differ in their task count");
    JsonValue root = JsonValue::object();
    root["algorithm"] = m_algorithm;
    root["latency_model"] = LatencyModelName(problem.GetLatencyModel());
    root["tasks"] = problem.GetTaskCount();
    root["admitted"] = GetAdmittedCount();
    if (m_hasBound)
    {
        root["bound"] = m_bound;
        root["gap"] = GetGap();
        root["status"] = m_status;
    }
    JsonValue assignments = JsonValue::array();
    for (uint32_t j = 0; j < m_placements.size(); ++j)
    {
        const TaskPlacement& p = m_placements[j];
        JsonValue a = JsonValue::object();
        a["task"] = problem.GetTasks()[j].id;
        if (p.admitted)
        {
            a["server"] = problem.GetServers()[p.server].id;
            a["split_index"] = p.splitIndex;
            const SplitPoint* point = problem.GetTasks()[j].profile->FindSplitPoint(p.splitIndex);
            a["split_name"] = point ? JsonValue(point->name) : JsonValue(nullptr);
            a["device_split_index"] = p.deviceSplitIndex;
            a["bandwidth_bps"] = p.bandwidthBps;
            a["compute_macs_per_s"] = p.computeMacsPerS;
            a["predicted_latency_s"] = p.latencyS;
        }
        else
        {
            a["server"] = nullptr;
            a["split_index"] = nullptr;
            a["split_name"] = nullptr; // every task carries the same keys (doc/scheduler.rst)
            a["device_split_index"] = nullptr;
            a["bandwidth_bps"] = 0.0;
            a["compute_macs_per_s"] = 0.0;
            a["predicted_latency_s"] = nullptr;
        }
        assignments.push_back(std::move(a));
    }
    root["assignments"] = std::move(assignments);
    const auto totals = GetServerTotals(problem.GetServerCount());
    JsonValue servers = JsonValue::array();
    for (uint32_t i = 0; i < totals.size(); ++i)
    {
        JsonValue s = JsonValue::object();
        s["id"] = problem.GetServers()[i].id;
        s["tasks"] = totals[i].tasks;
        s["bandwidth_bps"] = totals[i].bandwidthBps;
        s["bandwidth_capacity_bps"] = problem.GetBandwidthCapacity(i);
        s["compute_macs_per_s"] = totals[i].computeMacsPerS;
        s["compute_capacity_macs_per_s"] = problem.GetServers()[i].computeMacsPerS;
        servers.push_back(std::move(s));
    }
    root["servers"] = std::move(servers);
    // One assignment per line keeps large outputs readable and diffable.
    std::string text = "{";
    bool first = true;
    for (auto member = root.begin(); member != root.end(); ++member)
    {
        text += first ? "\n  " : ",\n  ";
        first = false;
        text += WriteJsonText(member.key()) + ": ";
        if (member.value().is_array())
        {
            text += "[";
            const auto& items = member.value();
            for (std::size_t k = 0; k < items.size(); ++k)
            {
                text += (k ? ",\n    " : "\n    ") + WriteJsonText(items[k]);
            }
            text += items.empty() ? "]" : "\n  ]";
        }
        else
        {
            text += WriteJsonText(member.value());
        }
    }
    return text + "\n}\n";
}

void
Assignment::WriteFile(const SchedulingProblem& problem, const std::string& path) const
{
    std::ofstream out(path, std::ios::binary);
    if (!out)
    {
        throw EdgeDnnError(path + ": cannot open file for writing");
    }
    out << ToJson(problem);
    if (!out)
    {
        throw EdgeDnnError(path + ": write failed");
    }
}

} // namespace edgednn
} // namespace ns3
