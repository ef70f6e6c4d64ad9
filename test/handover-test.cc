/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Cameras that move between gateways: a task decided again on the edge of the access point its
// device associated with (TaskScheduler::DecideHandover, SchedulerHelper::EnableHandover).

#include "scheduler-test-util.h"

#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-handover.h"
#include "ns3/edge-dnn-split-profile.h"
#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"

#include <gtest/gtest.h>
#include <limits>
#include <sstream>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace
{

/// Bandwidth and compute the tasks other than one put on each server.
struct OtherLoads
{
    std::vector<double> bandwidth; //!< bit/s per server
    std::vector<double> compute;   //!< MAC/s per server
};

OtherLoads
LoadsWithout(const SchedulingProblem& problem, const Assignment& assignment, uint32_t task)
{
    OtherLoads loads{std::vector<double>(problem.GetServerCount(), 0.0),
                     std::vector<double>(problem.GetServerCount(), 0.0)};
    for (uint32_t j = 0; j < assignment.GetPlacements().size(); ++j)
    {
        const TaskPlacement& p = assignment.GetPlacements()[j];
        if (j != task && p.admitted)
        {
            loads.bandwidth[p.server] += p.bandwidthBps;
            loads.compute[p.server] += p.computeMacsPerS;
        }
    }
    return loads;
}

// For random instances scheduled by every heuristic, one task moved to each server in turn: the
// decision is on that server, its figures are the cost model's for the chosen split, it fits
// beside the others, and it is the option of least relative use among those that fit (found
// here by enumerating every split point with SchedulingProblem::ComputeDemand); rejected only
// if no split point fits.
TEST(Handover, DecidesTheTaskOnItsNewServerWithTheLeastUseThatFits)
{
    uint32_t admitted = 0;
    uint32_t rejected = 0;
    for (uint64_t seed = 1; seed <= 40; ++seed)
    {
        SchedulingProblem problem = testutil::RandomInstance(seed, 8, 12, seed % 2 == 0);
        for (const std::string& name : {std::string("ours"), std::string("paper-offline")})
        {
            const Assignment current = testutil::Solve(problem, name);
            const uint32_t task = static_cast<uint32_t>(seed % problem.GetTaskCount());
            const OtherLoads others = LoadsWithout(problem, current, task);
            for (uint32_t server = 0; server < problem.GetServerCount(); ++server)
            {
                SchedulingProblem moved = problem;
                moved.SetTaskServers(task, {server});
                const TaskPlacement p =
                    TaskSchedulerFactory(name).Create()->DecideHandover(moved, current, task);
                const EdgeServer& s = moved.GetServers()[server];
                const double bandwidthCapacity = moved.GetBandwidthCapacity(server);
                double bestUse = std::numeric_limits<double>::infinity();
                for (const SplitPoint& point : moved.GetTasks()[task].profile->GetSplitPoints())
                {
                    const TaskDemand d = moved.ComputeDemand(task, server, point);
                    if (d.feasible &&
                        others.bandwidth[server] + d.bandwidthBps <= bandwidthCapacity &&
                        others.compute[server] + d.computeMacsPerS <= s.computeMacsPerS)
                    {
                        bestUse = std::min(bestUse,
                                           d.bandwidthBps / bandwidthCapacity +
                                               d.computeMacsPerS / s.computeMacsPerS);
                    }
                }
                if (!p.admitted)
                {
                    ++rejected;
                    EXPECT_TRUE(std::isinf(bestUse))
                        << "seed " << seed << " " << name << ": rejected though a split point fits";
                    continue;
                }
                ++admitted;
                ASSERT_EQ(p.server, server) << "seed " << seed;
                EXPECT_EQ(p.deviceSplitIndex, 0U);
                const SplitPoint* point =
                    moved.GetTasks()[task].profile->FindSplitPoint(p.splitIndex);
                ASSERT_NE(point, nullptr);
                const TaskDemand d = moved.ComputeDemand(task, server, *point);
                EXPECT_TRUE(d.feasible);
                EXPECT_DOUBLE_EQ(p.bandwidthBps, d.bandwidthBps);
                EXPECT_DOUBLE_EQ(p.computeMacsPerS, d.computeMacsPerS);
                EXPECT_DOUBLE_EQ(p.latencyS, d.latencyS);
                EXPECT_LE(others.bandwidth[server] + p.bandwidthBps, bandwidthCapacity);
                EXPECT_LE(others.compute[server] + p.computeMacsPerS, s.computeMacsPerS);
                EXPECT_DOUBLE_EQ(p.bandwidthBps / bandwidthCapacity +
                                     p.computeMacsPerS / s.computeMacsPerS,
                                 bestUse)
                    << "seed " << seed << " " << name << ": not the least use that fits";
            }
        }
    }
    // Both outcomes occur, so both branches were checked.
    EXPECT_GT(admitted, 20U);
    EXPECT_GT(rejected, 5U);
}

TEST(Handover, RejectsBadTaskIndicesAndMismatchedAssignments)
{
    SchedulingProblem problem = testutil::RandomInstance(3, 4, 6);
    const Assignment current = testutil::Solve(problem, "ours");
    Ptr<TaskScheduler> scheduler = TaskSchedulerFactory("ours").Create();
    EXPECT_THROW(scheduler->DecideHandover(problem, current, problem.GetTaskCount()), EdgeDnnError);
    EXPECT_THROW(scheduler->DecideHandover(problem, Assignment("ours", 0), 0), EdgeDnnError);
    EXPECT_THROW(problem.SetTaskServers(0, {problem.GetServerCount()}), EdgeDnnError);
    EXPECT_THROW(problem.SetTaskServers(0, {0, 0}), EdgeDnnError);
    EXPECT_THROW(problem.SetTaskServers(problem.GetTaskCount(), {0}), EdgeDnnError);
}

TEST(Handover, PrintsTheMoveAndItsOutcome)
{
    Handover h;
    h.taskId = 3;
    h.fromServer = 0;
    h.toServer = 1;
    h.lostAt = Seconds(6.5);
    h.associatedAt = Seconds(7.25);
    h.admitted = true;
    h.splitIndex = 7;
    std::ostringstream os;
    os << h;
    EXPECT_EQ(os.str(),
              "task 3 moved from server 0 to server 1 at +7.25s (association lost at +6.5s): "
              "admitted at split 7");
}

} // namespace
} // namespace edgednn
} // namespace ns3
