/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scheduler-test-util.h"

#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/nstime.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <functional>

namespace ns3
{
namespace edgednn
{
namespace testutil
{

namespace
{

/**
 * \param rng random numbers
 * \param lo least value
 * \param hi greatest value
 * \return a uniform draw in [lo, hi) (not std::uniform_real_distribution: the same on every
 * standard library)
 */
double
Uniform(std::mt19937_64& rng, double lo, double hi)
{
    return lo + (hi - lo) * (static_cast<double>(rng() >> 11) * 0x1.0p-53);
}

} // namespace

std::shared_ptr<const SplitProfile>
RandomProfile(std::mt19937_64& rng, uint32_t points)
{
    const uint64_t total = static_cast<uint64_t>(Uniform(rng, 1e8, 4e9));
    std::vector<SplitPoint> list(points);
    double bytes = Uniform(rng, 5e3, 2e5);
    uint64_t edge = 0;
    for (uint32_t k = 0; k < points; ++k)
    {
        SplitPoint& p = list[k];
        p.index = k == 0 ? 0 : list[k - 1].index + 1 + static_cast<uint32_t>(rng() % 3);
        p.name = "layer" + std::to_string(p.index);
        if (k > 0)
        {
            edge += static_cast<uint64_t>(Uniform(rng, 0.05, 0.5) * static_cast<double>(total) /
                                          points);
            edge = std::min(edge, total);
            // Features may grow (early layers) or shrink.
            bytes = std::max(16.0, bytes * Uniform(rng, 0.2, 1.6));
        }
        p.edgeMacs = edge;
        p.cloudMacs = total - edge;
        p.bytes = static_cast<uint64_t>(bytes);
    }
    return std::make_shared<const SplitProfile>("synthetic", SplitCostUnit::MACS, list);
}

SchedulingProblem
RandomInstance(uint64_t seed, uint32_t maxTasks, uint32_t maxPoints, bool withPaths)
{
    std::mt19937_64 rng(seed);
    std::mt19937_64 pathRng(seed ^ 0x9e3779b97f4a7c15ULL); // the other draws stay as they were
    SchedulingProblem problem;
    const bool endToEnd = rng() % 2 == 1;
    problem.SetLatencyModel(endToEnd ? LatencyModel::END_TO_END : LatencyModel::TRANSFER);
    if (endToEnd || rng() % 2 == 0)
    {
        problem.SetCloudCapacity(Uniform(rng, 2e10, 5e11));
    }
    const uint32_t servers = 1 + static_cast<uint32_t>(rng() % 4);
    for (uint32_t i = 0; i < servers; ++i)
    {
        EdgeServer s;
        s.id = "e" + std::to_string(i);
        s.computeMacsPerS = Uniform(rng, 2e9, 6e10);
        s.uplinkBps = Uniform(rng, 2e6, 6e7);
        s.usableShare = rng() % 3 == 0 ? 1.0 : Uniform(rng, 0.3, 1.0);
        if (withPaths)
        {
            // TCP or UDP over point-to-point or CSMA, with a delay of up to 20 ms.
            const bool tcp = pathRng() % 2 == 0;
            s.uplink.protocol = tcp ? TransportPath::TCP : TransportPath::UDP;
            s.uplink.segmentBytes = tcp ? (pathRng() % 2 ? 536 : 1448) : 1400;
            s.uplink.transportHeaderBytes = tcp ? 32 : 8;
            s.uplink.networkHeaderBytes = 20;
            s.uplink.linkHeaderBytes = pathRng() % 2 ? 2 : 18;
            s.uplink.mtuBytes = 1500;
            s.uplink.propagation = Seconds(Uniform(pathRng, 0, 0.02));
        }
        problem.AddServer(s);
    }
    const uint32_t profiles = 1 + static_cast<uint32_t>(rng() % 3);
    std::vector<std::shared_ptr<const SplitProfile>> shared;
    for (uint32_t m = 0; m < profiles; ++m)
    {
        shared.push_back(RandomProfile(rng, 1 + static_cast<uint32_t>(rng() % maxPoints)));
    }
    const uint32_t tasks = 1 + static_cast<uint32_t>(rng() % maxTasks);
    for (uint32_t j = 0; j < tasks; ++j)
    {
        SchedulingTask t;
        t.id = "t" + std::to_string(j);
        t.profile = shared[rng() % shared.size()];
        t.model = t.profile->GetModelName();
        t.inputBytes = rng() % 2 ? 0 : static_cast<uint64_t>(Uniform(rng, 1e3, 3e5));
        t.frameRate = Uniform(rng, 1, 30);
        t.deadlineS = Uniform(rng, 0.02, 0.6);
        if (endToEnd)
        {
            t.uplinkS = Uniform(rng, 0, 0.02);
            t.resultS = Uniform(rng, 0, 0.01);
        }
        for (uint32_t i = 0; i < servers; ++i)
        {
            if (rng() % 3 != 0 || (i + 1 == servers && t.servers.empty()))
            {
                t.servers.push_back(i);
            }
        }
        problem.AddTask(t);
    }
    return problem;
}

uint32_t
BruteForceOptimum(const SchedulingProblem& problem)
{
    const uint32_t n = problem.GetTaskCount();
    std::vector<double> bandwidth(problem.GetServerCount(), 0.0);
    std::vector<double> compute(problem.GetServerCount(), 0.0);
    uint32_t best = 0;
    std::function<void(uint32_t, uint32_t)> visit = [&](uint32_t j, uint32_t placed) {
        if (placed + (n - j) <= best)
        {
            return;
        }
        if (j == n)
        {
            best = placed;
            return;
        }
        const SchedulingTask& t = problem.GetTasks()[j];
        for (uint32_t i : t.servers)
        {
            for (const SplitPoint& p : t.profile->GetSplitPoints())
            {
                const TaskDemand d = problem.ComputeDemand(j, i, p);
                if (d.feasible &&
                    bandwidth[i] + d.bandwidthBps <= problem.GetBandwidthCapacity(i) &&
                    compute[i] + d.computeMacsPerS <= problem.GetServers()[i].computeMacsPerS)
                {
                    bandwidth[i] += d.bandwidthBps;
                    compute[i] += d.computeMacsPerS;
                    visit(j + 1, placed + 1);
                    bandwidth[i] -= d.bandwidthBps;
                    compute[i] -= d.computeMacsPerS;
                }
            }
        }
        visit(j + 1, placed);
    };
    visit(0, 0);
    return best;
}

Assignment
Solve(const SchedulingProblem& problem, const std::string& name)
{
    TaskSchedulerFactory factory(name);
    factory.SetFailSafe("Seed", UintegerValue(7));
    factory.SetFailSafe("SplitIndex", UintegerValue(1));
    factory.SetFailSafe("TimeLimit", TimeValue(Seconds(5)));
    return factory.Create()->Schedule(problem);
}

std::vector<std::string>
Heuristics()
{
    std::vector<std::string> names;
    for (const auto& n : TaskScheduler::GetNames())
    {
        if (n != "lp-bound" && n != "exact")
        {
            names.push_back(n);
        }
    }
    return names;
}

bool
HaveExact()
{
    const std::vector<std::string> names = TaskScheduler::GetNames();
    return std::find(names.begin(), names.end(), "exact") != names.end();
}

} // namespace testutil
} // namespace edgednn
} // namespace ns3
