/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-scheduling-options.h"

#include "ns3/log.h"

#include <algorithm>
#include <map>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("SchedulingOptions");

namespace
{

/// A split point reduced to what the transfer model needs.
struct FrontPoint
{
    uint32_t index;    //!< split index
    uint64_t bytes;    //!< bytes crossing
    uint64_t edgeMacs; //!< edge MACs
};

/**
 * \brief Keep the options no other dominates, sorted by increasing compute and strictly
 * decreasing bandwidth.
 * \param options the options; replaced by the front
 */
void
KeepParetoFront(std::vector<SchedulingOption>& options)
{
    std::sort(options.begin(),
              options.end(),
              [](const SchedulingOption& a, const SchedulingOption& b) {
                  if (a.computeMacsPerS != b.computeMacsPerS)
                  {
                      return a.computeMacsPerS < b.computeMacsPerS;
                  }
                  if (a.bandwidthBps != b.bandwidthBps)
                  {
                      return a.bandwidthBps < b.bandwidthBps;
                  }
                  if (a.splitIndex != b.splitIndex)
                  {
                      return a.splitIndex < b.splitIndex;
                  }
                  return a.deviceSplitIndex < b.deviceSplitIndex;
              });
    std::vector<SchedulingOption> front;
    for (const SchedulingOption& o : options)
    {
        if (front.empty() || o.bandwidthBps < front.back().bandwidthBps)
        {
            front.push_back(o);
        }
    }
    options.swap(front);
}

/**
 * \param problem a problem
 * \param servers server indices
 * \return true if they all carry features to the cloud over the same path
 */
bool
SamePath(const SchedulingProblem& problem, const std::vector<uint32_t>& servers)
{
    const auto& all = problem.GetServers();
    for (uint32_t s : servers)
    {
        const TransportPath& a = all[servers.front()].uplink;
        const TransportPath& b = all[s].uplink;
        if (a.protocol != b.protocol || a.segmentBytes != b.segmentBytes ||
            a.transportHeaderBytes != b.transportHeaderBytes ||
            a.networkHeaderBytes != b.networkHeaderBytes ||
            a.linkHeaderBytes != b.linkHeaderBytes || a.mtuBytes != b.mtuBytes ||
            a.propagation != b.propagation)
        {
            return false;
        }
    }
    return true;
}

} // namespace

SchedulingOptions::SchedulingOptions(const SchedulingProblem& problem, bool devicePrefixes)
{
    const auto& tasks = problem.GetTasks();
    const bool transfer = problem.GetLatencyModel() == LatencyModel::TRANSFER;
    std::map<std::pair<const SplitProfile*, uint64_t>, std::vector<FrontPoint>> fronts;
    m_firstSlot.reserve(tasks.size() + 1);
    std::vector<SchedulingOption> scratch;
    for (uint32_t j = 0; j < tasks.size(); ++j)
    {
        const SchedulingTask& t = tasks[j];
        m_firstSlot.push_back(m_slots.size());
        // Device split 0 alone unless the task's device computes and prefixes are wanted.
        std::vector<const SplitPoint*> devicePoints{&t.profile->GetSplitPoints().front()};
        if (devicePrefixes)
        {
            devicePoints = problem.GetDeviceSplitPoints(j);
        }
        if (transfer && t.profile->GetCostUnit() == SplitCostUnit::MACS &&
            SamePath(problem, t.servers) && devicePoints.size() == 1)
        {
            auto& front = fronts[{t.profile.get(), t.inputBytes}];
            if (front.empty())
            {
                std::vector<FrontPoint> all;
                for (const SplitPoint& p : t.profile->GetSplitPoints())
                {
                    all.push_back({p.index, problem.GetCutBytes(j, p), p.edgeMacs});
                }
                std::sort(all.begin(), all.end(), [](const FrontPoint& a, const FrontPoint& b) {
                    return a.edgeMacs != b.edgeMacs ? a.edgeMacs < b.edgeMacs
                           : a.bytes != b.bytes     ? a.bytes < b.bytes
                                                    : a.index < b.index;
                });
                for (const FrontPoint& p : all)
                {
                    if (front.empty() || p.bytes < front.back().bytes)
                    {
                        front.push_back(p);
                    }
                }
            }
            // Bandwidth and compute are increasing functions of bytes (their wire bytes are too)
            // and edge MACs: the front stays a front, in the same order. Under the transfer model
            // with MACs a demand depends on the server through its path alone, the same for all
            // of this task's servers: the cost model's figures on the first hold for each.
            const uint64_t first = m_options.size();
            for (const FrontPoint& p : front)
            {
                const TaskDemand d = problem.ComputeDemand(j,
                                                           t.servers.front(),
                                                           *t.profile->FindSplitPoint(p.index));
                m_options.push_back({p.index, 0, d.bandwidthBps, d.computeMacsPerS, d.latencyS});
            }
            const auto* begin = m_options.data() + first;
            const auto* end = m_options.data() + m_options.size();
            for (uint32_t server : t.servers)
            {
                const double bandwidth = problem.GetBandwidthCapacity(server);
                const double compute = problem.GetServers()[server].computeMacsPerS;
                // Bandwidth decreases along the run, compute increases: the options that fit
                // an empty server are one contiguous sub-range.
                const auto* lo =
                    std::partition_point(begin, end, [bandwidth](const SchedulingOption& o) {
                        return o.bandwidthBps > bandwidth;
                    });
                const auto* hi =
                    std::partition_point(lo, end, [compute](const SchedulingOption& o) {
                        return o.computeMacsPerS <= compute;
                    });
                m_slots.push_back({static_cast<uint64_t>(lo - m_options.data()),
                                   static_cast<uint32_t>(hi - lo),
                                   server});
            }
            continue;
        }
        for (uint32_t server : t.servers)
        {
            scratch.clear();
            for (const SplitPoint& p : t.profile->GetSplitPoints())
            {
                for (const SplitPoint* device : devicePoints)
                {
                    if (device->index > p.index)
                    {
                        break;
                    }
                    const TaskDemand d = problem.ComputeDemand(j, server, p, *device);
                    if (d.feasible)
                    {
                        scratch.push_back({p.index,
                                           device->index,
                                           d.bandwidthBps,
                                           d.computeMacsPerS,
                                           d.latencyS});
                    }
                }
            }
            KeepParetoFront(scratch);
            m_slots.push_back({m_options.size(), static_cast<uint32_t>(scratch.size()), server});
            m_options.insert(m_options.end(), scratch.begin(), scratch.end());
        }
    }
    m_firstSlot.push_back(m_slots.size());
    NS_LOG_INFO(m_options.size() << " options for " << tasks.size() << " tasks");
}

uint64_t
SchedulingOptions::GetOptionCount() const
{
    return m_options.size();
}

TaskDemand
SchedulingOptions::ToDemand(const SchedulingOption& option)
{
    TaskDemand d;
    d.feasible = true;
    d.bandwidthBps = option.bandwidthBps;
    d.computeMacsPerS = option.computeMacsPerS;
    d.latencyS = option.latencyS;
    d.deviceSplitIndex = option.deviceSplitIndex;
    return d;
}

TaskPlacement
SchedulingOptions::ToPlacement(uint32_t task, const OptionChoice& choice) const
{
    TaskPlacement placement;
    if (choice.slot >= 0)
    {
        const SchedulingOption& o = Get(task, choice.slot)[choice.option];
        placement.admitted = true;
        placement.server = GetServer(task, choice.slot);
        placement.splitIndex = o.splitIndex;
        placement.deviceSplitIndex = o.deviceSplitIndex;
        placement.bandwidthBps = o.bandwidthBps;
        placement.computeMacsPerS = o.computeMacsPerS;
        placement.latencyS = o.latencyS;
    }
    return placement;
}

Assignment
SchedulingOptions::MakeAssignment(const std::string& algorithm,
                                  const std::vector<OptionChoice>& choices) const
{
    Assignment assignment(algorithm, static_cast<uint32_t>(choices.size()));
    for (uint32_t j = 0; j < choices.size(); ++j)
    {
        const OptionChoice& c = choices[j];
        if (c.slot >= 0)
        {
            const SchedulingOption& o = Get(j, c.slot)[c.option];
            assignment.Place(j, GetServer(j, c.slot), o.splitIndex, ToDemand(o));
        }
    }
    return assignment;
}

} // namespace edgednn
} // namespace ns3
