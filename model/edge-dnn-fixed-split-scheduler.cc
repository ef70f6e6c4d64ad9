/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-fixed-split-scheduler.h"

#include "edge-dnn-server-loads.h"

namespace ns3
{
namespace edgednn
{

FixedSplitScheduler::FixedSplitScheduler(Rule rule)
    : m_rule(rule)
{
}

std::string
FixedSplitScheduler::GetName() const
{
    switch (m_rule)
    {
    case CLOUD_ONLY:
        return "cloud-only";
    case EDGE_ONLY:
        return "edge-only";
    default:
        return "fixed-split";
    }
}

Assignment
FixedSplitScheduler::Schedule(const SchedulingProblem& problem)
{
    Assignment assignment(GetName(), problem.GetTaskCount());
    ServerLoads loads(problem);
    for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
    {
        const SchedulingTask& t = problem.GetTasks()[j];
        const auto& points = t.profile->GetSplitPoints();
        const SplitPoint* point = &points.front();
        if (m_rule == EDGE_ONLY)
        {
            point = &points.back();
        }
        else if (m_rule == FIXED)
        {
            for (const SplitPoint& p : points)
            {
                if (p.index <= m_fixedSplitIndex)
                {
                    point = &p;
                }
            }
        }
        for (uint32_t server : t.servers)
        {
            const TaskDemand d = problem.ComputeDemand(j, server, *point);
            if (d.feasible && loads.Fits(server, d.bandwidthBps, d.computeMacsPerS))
            {
                loads.Add(server, d.bandwidthBps, d.computeMacsPerS);
                assignment.Place(j, server, point->index, d);
                break;
            }
        }
    }
    return assignment;
}

} // namespace edgednn
} // namespace ns3
