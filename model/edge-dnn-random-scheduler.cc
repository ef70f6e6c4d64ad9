/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-random-scheduler.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-number-converting-accessor.h"
#include "edge-dnn-server-loads.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <random>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("RandomScheduler");

NS_OBJECT_ENSURE_REGISTERED(RandomScheduler);

EDGE_DNN_SCHEDULER_NAME(Random, "random", "ns3::RandomScheduler", {}, 50);

TypeId
RandomScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RandomScheduler")
            .SetParent<TaskScheduler>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<RandomScheduler>()
            .AddAttribute("Seed",
                          "The seed of the draws (std::mt19937_64): same seed, "
                          "same assignment",
                          UintegerValue(1),
                          MakeConvertingUintegerAccessor(&RandomScheduler::m_seed),
                          MakeBoundedUintegerChecker<uint64_t>("ns3::RandomScheduler::Seed",
                                                               0,
                                                               UINT64_MAX,
                                                               ""));
    return tid;
}

std::string
RandomScheduler::GetAlgorithmName() const
{
    return "random";
}

Assignment
RandomScheduler::Schedule(const SchedulingProblem& problem)
{
    Assignment assignment(GetName(), problem.GetTaskCount());
    ServerLoads loads(problem);
    // std::mt19937_64's sequence is fixed by the standard; the draw below uses only its output
    // (not std::uniform_int_distribution, whose algorithm differs between libraries).
    std::mt19937_64 rng(m_seed);

    struct Choice
    {
        uint32_t server;
        const SplitPoint* point;
        TaskDemand demand;
    };

    std::vector<Choice> choices;
    for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
    {
        const SchedulingTask& t = problem.GetTasks()[j];
        choices.clear();
        const std::vector<const SplitPoint*> devicePoints = problem.GetDeviceSplitPoints(j);
        for (uint32_t server : t.servers)
        {
            for (const SplitPoint& p : t.profile->GetSplitPoints())
            {
                // With device compute, each device prefix up to p is one more choice.
                for (const SplitPoint* device : devicePoints)
                {
                    if (device->index > p.index)
                    {
                        break;
                    }
                    const TaskDemand d = problem.ComputeDemand(j, server, p, *device);
                    if (d.feasible && loads.Fits(server, d.bandwidthBps, d.computeMacsPerS))
                    {
                        choices.push_back({server, &p, d});
                    }
                }
            }
        }
        if (choices.empty())
        {
            continue;
        }
        const Choice& c = choices[rng() % choices.size()];
        loads.Add(c.server, c.demand.bandwidthBps, c.demand.computeMacsPerS);
        assignment.Place(j, c.server, c.point->index, c.demand);
    }
    return assignment;
}

bool
RandomScheduler::TakesDevicePrefixes() const
{
    return true;
}

} // namespace edgednn
} // namespace ns3
