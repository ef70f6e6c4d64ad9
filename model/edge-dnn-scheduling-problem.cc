/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-scheduling-problem.h"

#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace ns3
{
namespace edgednn
{

namespace
{

/**
 * \param x a number
 * \return true if finite and > 0
 */
bool
Positive(double x)
{
    return std::isfinite(x) && x > 0.0;
}

} // namespace

SchedulingProblem::SchedulingProblem()
    : m_latencyModel(LatencyModel::TRANSFER),
      m_cloudMacsPerS(0)
{
}

void
SchedulingProblem::SetLatencyModel(LatencyModel model)
{
    m_latencyModel = model;
}

LatencyModel
SchedulingProblem::GetLatencyModel() const
{
    return m_latencyModel;
}

void
SchedulingProblem::SetCloudCapacity(double macsPerS)
{
    if (!(std::isfinite(macsPerS) && macsPerS >= 0.0))
    {
        throw EdgeDnnError("cloud compute capacity must be a finite number >= 0 MAC/s");
    }
    m_cloudMacsPerS = macsPerS;
}

double
SchedulingProblem::GetCloudCapacity() const
{
    return m_cloudMacsPerS;
}

uint32_t
SchedulingProblem::AddServer(const EdgeServer& server)
{
    if (m_serverIds.count(server.id))
    {
        throw EdgeDnnError("server '" + server.id + "': duplicate server id");
    }
    CheckServer(server);
    m_serverIds.emplace(server.id, static_cast<uint32_t>(m_servers.size()));
    m_servers.push_back(server);
    return static_cast<uint32_t>(m_servers.size() - 1);
}

void
SchedulingProblem::SetServer(uint32_t index, const EdgeServer& server)
{
    if (index >= m_servers.size())
    {
        throw EdgeDnnError("SetServer: no server " + std::to_string(index) + " (" +
                           std::to_string(m_servers.size()) + " servers)");
    }
    if (server.id != m_servers[index].id)
    {
        throw EdgeDnnError("server '" + m_servers[index].id +
                           "': SetServer may not change its id (to '" + server.id + "')");
    }
    CheckServer(server);
    m_servers[index] = server;
}

void
SchedulingProblem::SetTaskServers(uint32_t task, const std::vector<uint32_t>& servers)
{
    if (task >= m_tasks.size())
    {
        throw EdgeDnnError("SetTaskServers: no task " + std::to_string(task) + " (" +
                           std::to_string(m_tasks.size()) + " tasks)");
    }
    const std::string where = "task '" + m_tasks[task].id + "': ";
    std::set<uint32_t> seen;
    for (uint32_t s : servers)
    {
        if (s >= m_servers.size())
        {
            throw EdgeDnnError(where + "unknown server index " + std::to_string(s));
        }
        if (!seen.insert(s).second)
        {
            throw EdgeDnnError(where + "server '" + m_servers[s].id + "' listed twice");
        }
    }
    m_tasks[task].servers = servers;
}

void
SchedulingProblem::CheckServer(const EdgeServer& server)
{
    const std::string where = "server '" + server.id + "': ";
    if (!Positive(server.computeMacsPerS))
    {
        throw EdgeDnnError(where + "compute capacity must be > 0 MAC/s");
    }
    if (!Positive(server.uplinkBps))
    {
        throw EdgeDnnError(where + "uplink bandwidth must be > 0 bit/s");
    }
    if (!(server.usableShare > 0.0 && server.usableShare <= 1.0))
    {
        throw EdgeDnnError(where + "usable share must be in (0, 1]");
    }
    if (server.workers == 0)
    {
        throw EdgeDnnError(where + "workers must be >= 1");
    }
    if (!Positive(server.queueBoundS))
    {
        throw EdgeDnnError(where + "queue bound must be a finite number > 0 s");
    }
    server.uplink.Validate("server '" + server.id + "'");
}

uint32_t
SchedulingProblem::AddTask(SchedulingTask task)
{
    const std::string where = "task '" + task.id + "': ";
    if (m_taskIds.count(task.id))
    {
        throw EdgeDnnError(where + "duplicate task id");
    }
    if (!task.profile)
    {
        throw EdgeDnnError(where + "has no split profile");
    }
    if (task.inputBytes == 0)
    {
        task.inputBytes = task.profile->GetInputBytes();
    }
    if (!Positive(task.frameRate))
    {
        throw EdgeDnnError(where + "frame rate must be > 0 frames/s");
    }
    if (!Positive(task.deadlineS))
    {
        throw EdgeDnnError(where + "deadline must be > 0 s");
    }
    if (!(std::isfinite(task.uplinkS) && task.uplinkS >= 0.0 && std::isfinite(task.resultS) &&
          task.resultS >= 0.0))
    {
        throw EdgeDnnError(where + "uplink and result seconds must be finite and >= 0");
    }
    if (!(std::isfinite(task.deviceMacsPerS) && task.deviceMacsPerS >= 0.0))
    {
        throw EdgeDnnError(where + "device compute capacity must be a finite number >= 0 MAC/s");
    }
    if (!(std::isfinite(task.accessBps) && task.accessBps >= 0.0))
    {
        throw EdgeDnnError(where + "access rate must be a finite number >= 0 bit/s");
    }
    for (const auto& [value, what] :
         {std::make_pair(task.energyBudgetJ, "energy budget (J per frame)"),
          std::make_pair(task.deviceActivePowerW, "device active power (W)"),
          std::make_pair(task.deviceEnergyPerMacJ, "device energy per MAC (J)"),
          std::make_pair(task.accessEnergyPerBitJ, "access energy per bit (J)")})
    {
        if (!(std::isfinite(value) && value >= 0.0))
        {
            throw EdgeDnnError(where + what + " must be a finite number >= 0, got " +
                               std::to_string(value));
        }
    }
    if (task.accessBps > 0)
    {
        task.access.Validate("task '" + task.id + "' access");
    }
    std::set<uint32_t> seen;
    for (uint32_t s : task.servers)
    {
        if (s >= m_servers.size())
        {
            throw EdgeDnnError(where + "unknown server index " + std::to_string(s));
        }
        if (!seen.insert(s).second)
        {
            throw EdgeDnnError(where + "server '" + m_servers[s].id + "' listed twice");
        }
    }
    m_taskIds.emplace(task.id, static_cast<uint32_t>(m_tasks.size()));
    m_tasks.push_back(std::move(task));
    return static_cast<uint32_t>(m_tasks.size() - 1);
}

int64_t
SchedulingProblem::FindServer(const std::string& id) const
{
    auto it = m_serverIds.find(id);
    return it == m_serverIds.end() ? -1 : static_cast<int64_t>(it->second);
}

const std::vector<EdgeServer>&
SchedulingProblem::GetServers() const
{
    return m_servers;
}

const std::vector<SchedulingTask>&
SchedulingProblem::GetTasks() const
{
    return m_tasks;
}

uint32_t
SchedulingProblem::GetServerCount() const
{
    return static_cast<uint32_t>(m_servers.size());
}

uint32_t
SchedulingProblem::GetTaskCount() const
{
    return static_cast<uint32_t>(m_tasks.size());
}

double
SchedulingProblem::GetBandwidthCapacity(uint32_t server) const
{
    const EdgeServer& s = m_servers.at(server);
    return s.usableShare * s.uplinkBps;
}

uint64_t
SchedulingProblem::GetCutBytes(uint32_t task, const SplitPoint& point) const
{
    const SchedulingTask& t = m_tasks.at(task);
    return CostModel::CutBytes(*t.profile, point, t.inputBytes);
}

std::vector<const SplitPoint*>
SchedulingProblem::GetDeviceSplitPoints(uint32_t task) const
{
    const SchedulingTask& t = m_tasks.at(task);
    const auto& points = t.profile->GetSplitPoints();
    std::vector<const SplitPoint*> out{&points.front()};
    if (t.deviceMacsPerS > 0 && t.profile->GetCostUnit() == SplitCostUnit::MACS &&
        (m_latencyModel == LatencyModel::TRANSFER || t.accessBps > 0))
    {
        for (std::size_t k = 1; k < points.size(); ++k)
        {
            out.push_back(&points[k]);
        }
    }
    return out;
}

TaskDemand
SchedulingProblem::ComputeDemand(uint32_t task, uint32_t server, const SplitPoint& point) const
{
    return ComputeDemand(task, server, point, m_tasks.at(task).profile->GetSplitPoints().front());
}

TaskDemand
SchedulingProblem::ComputeDemand(uint32_t task,
                                 uint32_t server,
                                 const SplitPoint& point,
                                 const SplitPoint& devicePoint) const
{
    const SchedulingTask& t = m_tasks.at(task);
    const EdgeServer& e = m_servers.at(server);
    const bool seconds = t.profile->GetCostUnit() == SplitCostUnit::SECONDS;
    const bool prefix = devicePoint.index != 0;
    CostModel::CheckDeviceSplit(*t.profile, devicePoint, point);
    if (prefix && !(t.deviceMacsPerS > 0))
    {
        throw EdgeDnnError("task '" + t.id + "': device split " +
                           std::to_string(devicePoint.index) +
                           ", but its device has no compute capacity (deviceMacsPerS 0): "
                           "expected device split 0");
    }
    if (prefix && m_latencyModel == LatencyModel::END_TO_END && !(t.accessBps > 0))
    {
        throw EdgeDnnError("task '" + t.id + "': device split " +
                           std::to_string(devicePoint.index) +
                           " under the end-to-end model needs its access link's rate (accessBps) "
                           "to time the device cut's transfer");
    }
    const double bits =
        8.0 * static_cast<double>(CostModel::WireBytes(e.uplink, GetCutBytes(task, point)));
    const double propagationS = e.uplink.propagation.GetSeconds();
    const uint64_t edgeMacs = CostModel::EdgeMacs(devicePoint, point);
    TaskDemand d;
    d.deviceSplitIndex = devicePoint.index;
    d.deviceComputeS = CostModel::DeviceComputeSeconds(devicePoint, t.deviceMacsPerS);
    // Under TRANSFER a device cut's transfer is not part of the bound, and an access link of
    // unknown rate (0) leaves it untimed.
    d.uplinkS = prefix && t.accessBps > 0
                    ? CostModel::TransferTime(t.access, GetCutBytes(task, devicePoint), t.accessBps)
                          .GetSeconds()
                    : t.uplinkS;
    // The device's energy per frame: its layers, and its radio sending the device cut's message.
    d.deviceEnergyJ =
        t.deviceActivePowerW * d.deviceComputeS +
        t.deviceEnergyPerMacJ * static_cast<double>(CostModel::DeviceMacs(devicePoint)) +
        t.accessEnergyPerBitJ * 8.0 *
            static_cast<double>(CostModel::WireBytes(t.access, GetCutBytes(task, devicePoint)));
    const bool withinBudget = !(t.energyBudgetJ > 0) || d.deviceEnergyJ <= t.energyBudgetJ;
    if (seconds)
    {
        d.computeMacsPerS = t.frameRate * point.edgeSeconds * e.computeMacsPerS;
    }
    else
    {
        d.computeMacsPerS = t.frameRate * static_cast<double>(edgeMacs);
    }
    d.edgeComputeS =
        CostModel::ComputeSeconds(edgeMacs, point.edgeSeconds, e.computeMacsPerS / e.workers);
    if (seconds)
    {
        d.cloudComputeS = point.cloudSeconds;
    }
    else if (m_cloudMacsPerS > 0)
    {
        d.cloudComputeS = CostModel::ComputeSeconds(point.cloudMacs, -1.0, m_cloudMacsPerS);
    }
    double fixed = 0;
    if (m_latencyModel == LatencyModel::END_TO_END)
    {
        // The edge: a frame's wait and compute together within D_i, which the compute demand
        // e c_i / D_i reserves (see the class's description); split 0 is forwarded unqueued.
        const bool queued = d.edgeComputeS > 0;
        if (queued)
        {
            // m workers: a frame may also find m - 1 frames of any size in service; charging
            // (2m - 1) / m of e keeps the bound (exactly e for one worker).
            const double m = e.workers;
            d.computeMacsPerS =
                std::max(d.computeMacsPerS,
                         d.edgeComputeS * (2 * m - 1) / m * e.computeMacsPerS / e.queueBoundS);
        }
        fixed = d.deviceComputeS + d.uplinkS + (queued ? e.queueBoundS : 0.0) + d.cloudComputeS +
                t.resultS;
    }
    // The device runs one frame at a time: it keeps up if a frame's prefix takes at most the
    // frames' period (then a periodic frame never waits for the one before it).
    const bool deviceKeepsUp = t.frameRate * d.deviceComputeS <= 1.0;
    const double budget = t.deadlineS - fixed - propagationS;
    if (!(budget > 0.0))
    {
        d.feasible = false;
        d.bandwidthBps = std::numeric_limits<double>::infinity();
        d.latencyS = fixed + propagationS;
        return d;
    }
    d.bandwidthBps = std::max(bits / budget, t.frameRate * bits);
    d.transferS = propagationS + (d.bandwidthBps > 0 ? bits / d.bandwidthBps : 0.0);
    d.latencyS = fixed + d.transferS;
    d.feasible = d.bandwidthBps <= GetBandwidthCapacity(server) &&
                 d.computeMacsPerS <= e.computeMacsPerS && deviceKeepsUp && withinBudget;
    return d;
}

} // namespace edgednn
} // namespace ns3
