/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The schedulers: ours >= paper-offline on every instance, hand-made instances with known answers,
// determinism, the online interface, pruning and the verifier itself. Their validations (every
// algorithm through the verifier on random instances, exact against brute force, lp-bound >= exact
// >= every heuristic) are in ns-3's native suite: test/scheduler-validation-test.cc.

#include "scheduler-test-util.h"

#include "ns3/edge-dnn-assignment-verifier.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-paper-online-scheduler.h"
#include "ns3/edge-dnn-scheduling-options.h"
#include "ns3/edge-dnn-scheduling-problem-format.h"
#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/nstime.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

/**
 * \brief A one-server problem with one hand-made profile: split 0 sends 1000 B (0 edge MACs),
 * split 1 sends 500 B after 2e8 MACs, split 2 sends 100 B after 1e9 MACs.
 * \param computeMacsPerS the server's c
 * \param uplinkBps the server's b (V = 1)
 * \return the problem without tasks
 */
SchedulingProblem
OneServer(double computeMacsPerS, double uplinkBps, double queueBoundS = 0.05)
{
    SchedulingProblem problem;
    EdgeServer server{"e", computeMacsPerS, uplinkBps, 1.0};
    server.queueBoundS = queueBoundS;
    problem.AddServer(server);
    return problem;
}

/** \return the hand-made three-point profile */
std::shared_ptr<const SplitProfile>
ThreePoints()
{
    std::vector<SplitPoint> points(3);
    points[0] = {};
    points[0].index = 0;
    points[0].name = "input";
    points[0].bytes = 1000;
    points[0].cloudMacs = 1000000000;
    points[1].index = 1;
    points[1].name = "a";
    points[1].bytes = 500;
    points[1].edgeMacs = 200000000;
    points[1].cloudMacs = 800000000;
    points[2].index = 2;
    points[2].name = "b";
    points[2].bytes = 100;
    points[2].edgeMacs = 1000000000;
    return std::make_shared<const SplitProfile>("three", SplitCostUnit::MACS, points);
}

/**
 * \brief Add a task using the three-point profile on server 0.
 * \param problem the problem
 * \param id its id
 * \param frameRate f
 * \param deadline Q
 */
void
AddTask(SchedulingProblem& problem, const std::string& id, double frameRate, double deadline)
{
    SchedulingTask t;
    t.id = id;
    t.model = "three";
    t.profile = ThreePoints();
    t.frameRate = frameRate;
    t.deadlineS = deadline;
    t.servers = {0};
    problem.AddTask(t);
}

} // namespace

TEST(TaskScheduler, CreatesEveryNamedAlgorithmAndRejectsUnknownNames)
{
    for (const auto& name : TaskScheduler::GetNames())
    {
        EXPECT_EQ(TaskScheduler::Create(name)->GetName(), name);
    }
    try
    {
        TaskScheduler::Create("best");
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_NE(std::string(e.what()).find("unknown scheduling algorithm 'best'; expected one "
                                             "of paper-offline, paper-online, ours"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_TRUE(TaskScheduler::HaveLpSolver()) << "the test machine has liblpsolve55-dev";
}

// Hand calculation. Transfer model, f = 5, Q = 0.1: a split sending s bits needs max(s / 0.1,
// 5 s) = 10 s bit/s; split 0: 80,000 bit/s and 0 MAC/s; split 1: 40,000 bit/s and 1e9 MAC/s;
// split 2: 8,000 bit/s and 5e9 MAC/s. On a server with b = 100,000 bit/s and c = 3e9 MAC/s:
// two tasks at split 1 use 80,000 bit/s and 2e9 MAC/s; a third task fits nowhere (split 0 needs
// 80,000 more bit/s, split 1 needs 1e9 MAC/s and 40,000 bit/s: 120,000 > 100,000; split 2 5e9
// MAC/s alone). One at split 0 plus one at split 1 also gives 2. So the optimum is 2 of 3.
TEST(TaskScheduler, HandMadeInstanceHasOptimumTwo)
{
    SchedulingProblem problem = OneServer(3e9, 1e5);
    for (const char* id : {"a", "b", "c"})
    {
        AddTask(problem, id, 5, 0.1);
    }
    EXPECT_EQ(BruteForceOptimum(problem), 2u);
    for (const auto& name : TaskScheduler::GetNames())
    {
        const Assignment a = Solve(problem, name);
        EXPECT_TRUE(AssignmentVerifier::Check(problem, a).empty()) << name;
        if (name == "paper-offline" || name == "ours" || name == "local-search" ||
            name == "paper-online" || name == "exact" || name == "lp-bound")
        {
            EXPECT_EQ(a.GetAdmittedCount(), 2u) << name;
        }
    }
    // cloud-only: each task needs 80,000 bit/s: only one fits. edge-only: 5e9 MAC/s > 3e9: none.
    EXPECT_EQ(Solve(problem, "cloud-only").GetAdmittedCount(), 1u);
    EXPECT_EQ(Solve(problem, "edge-only").GetAdmittedCount(), 0u);
    // fixed split 1: two tasks (80,000 bit/s, 2e9 MAC/s), the third exceeds the bandwidth.
    EXPECT_EQ(Solve(problem, "fixed-split").GetAdmittedCount(), 2u);
    // The LP relaxation: x_1 (split 1) alone is limited by 40,000 x <= 100,000 and 1e9 x <=
    // 3e9: 2.5 tasks; mixing with split 0 (0.8 of bandwidth) and split 2 does no better than
    // the combination 1/2 split 0 + ... the bound is at least 2 and at most 3.
    const Assignment bound = Solve(problem, "lp-bound");
    EXPECT_GE(bound.GetBound(), 2.0);
    EXPECT_LE(bound.GetBound(), 3.0);
    const Assignment exact = Solve(problem, "exact");
    EXPECT_EQ(exact.GetStatus(), "optimal");
    EXPECT_DOUBLE_EQ(exact.GetGap(), 0.0);
}

// latency-greedy: alone on a server with V b = 1e6 bit/s and c = 1e10 MAC/s, the latencies are
// split 0: 8000 / 1e6 = 8 ms; split 1: 0.02 + 4000 / 1e6 = 24 ms; split 2: 0.1 + 0.8 ms (no
// cloud capacity: no cloud term). It takes split 0 even where another split would leave room.
TEST(TaskScheduler, LatencyGreedyTakesTheFastestSplit)
{
    SchedulingProblem problem = OneServer(1e10, 1e6);
    AddTask(problem, "a", 5, 0.1);
    const Assignment a = Solve(problem, "latency-greedy");
    ASSERT_EQ(a.GetAdmittedCount(), 1u);
    EXPECT_EQ(a.GetPlacements()[0].splitIndex, 0u);
    // With a slow uplink (1e4 bit/s): split 0 takes 0.8 s, split 1 0.02 + 0.4 s, split 2 0.1 +
    // 0.08 s: split 2 is fastest; it needs 10 * 800 = 8000 bit/s <= 1e4 and fits.
    SchedulingProblem slow = OneServer(1e10, 1e4);
    AddTask(slow, "a", 5, 0.1);
    const Assignment b = Solve(slow, "latency-greedy");
    ASSERT_EQ(b.GetAdmittedCount(), 1u);
    EXPECT_EQ(b.GetPlacements()[0].splitIndex, 2u);
}

TEST(TaskScheduler, OursNeverAdmitsFewerThanPaperOffline)
{
    uint64_t offline = 0;
    uint64_t ours = 0;
    uint32_t better = 0;
    for (uint64_t seed = 1; seed <= 3000; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 40, 10);
        const uint32_t a = Solve(problem, "paper-offline").GetAdmittedCount();
        const uint32_t b = Solve(problem, "ours").GetAdmittedCount();
        ASSERT_GE(b, a) << "seed " << seed;
        offline += a;
        ours += b;
        better += b > a ? 1 : 0;
    }
    EXPECT_GT(ours, offline) << "the local search should help on some instances";
    RecordProperty("instances_where_ours_is_better", static_cast<int>(better));
}

TEST(TaskScheduler, SameSeedSameAssignment)
{
    for (uint64_t seed = 1; seed <= 50; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 16, 6);
        for (const auto& name : TaskScheduler::GetNames())
        {
            const SchedulingProblem& p = problem;
            EXPECT_EQ(Solve(p, name).ToJson(p), Solve(p, name).ToJson(p)) << name << " " << seed;
        }
    }
    // Different seeds give the random baseline different answers on some instance.
    bool differ = false;
    for (uint64_t seed = 1; seed <= 50 && !differ; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 30, 8);
        TaskSchedulerFactory a("random");
        TaskSchedulerFactory b("random");
        a.Set("Seed", UintegerValue(1));
        b.Set("Seed", UintegerValue(2));
        differ = a.Create()->Schedule(problem).ToJson(problem) !=
                 b.Create()->Schedule(problem).ToJson(problem);
    }
    EXPECT_TRUE(differ);
}

// Online decisions are final and depend on the past only: the decisions on the first m tasks
// equal those of the same algorithm run on the first m tasks alone.
TEST(TaskScheduler, PaperOnlineDecisionsDependOnThePastOnly)
{
    for (uint64_t seed = 1; seed <= 300; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 30, 8);
        const Assignment whole = Solve(problem, "paper-online");
        SchedulingProblem prefix;
        prefix.SetLatencyModel(problem.GetLatencyModel());
        prefix.SetCloudCapacity(problem.GetCloudCapacity());
        for (const auto& s : problem.GetServers())
        {
            prefix.AddServer(s);
        }
        const uint32_t m = problem.GetTaskCount() / 2;
        for (uint32_t j = 0; j < m; ++j)
        {
            prefix.AddTask(problem.GetTasks()[j]);
        }
        const Assignment part = Solve(prefix, "paper-online");
        for (uint32_t j = 0; j < m; ++j)
        {
            const auto& a = whole.GetPlacements()[j];
            const auto& b = part.GetPlacements()[j];
            ASSERT_EQ(a.admitted, b.admitted) << seed << " " << j;
            ASSERT_EQ(a.server, b.server) << seed << " " << j;
            ASSERT_EQ(a.splitIndex, b.splitIndex) << seed << " " << j;
        }
    }
}

// Pruning keeps only non-dominated options: with f = 5, Q = 0.1 on a server with c = 1e10 and
// b = 1e6, the three splits (80,000 / 0), (40,000 / 1e9), (8,000 / 5e9) bit/s / MAC/s are a
// front; a fourth split sending 600 B after 3e8 MACs (48,000 bit/s, 1.5e9 MAC/s) is dominated
// by split 1 and must go.
TEST(SchedulingOptions, PrunesDominatedSplitPoints)
{
    auto base = ThreePoints();
    std::vector<SplitPoint> points = base->GetSplitPoints();
    SplitPoint extra = points[1];
    extra.index = 5;
    extra.name = "dominated";
    extra.bytes = 600;
    extra.edgeMacs = 300000000;
    extra.cloudMacs = 700000000;
    points.push_back(extra);
    for (LatencyModel model : {LatencyModel::TRANSFER, LatencyModel::END_TO_END})
    {
        // A queue bound of 0.5 s holds every split's edge time (at most 0.1 s).
        SchedulingProblem problem = OneServer(1e10, 1e6, 0.5);
        problem.SetLatencyModel(model);
        SchedulingTask t;
        t.id = "a";
        t.profile = std::make_shared<const SplitProfile>("four", SplitCostUnit::MACS, points);
        t.frameRate = 5;
        t.deadlineS = model == LatencyModel::TRANSFER ? 0.1 : 1.0;
        t.servers = {0};
        problem.AddTask(t);
        const SchedulingOptions options(problem);
        ASSERT_EQ(options.GetSlotCount(0), 1u);
        const OptionSpan span = options.Get(0, 0);
        std::vector<uint32_t> kept;
        for (const auto& o : span)
        {
            kept.push_back(o.splitIndex);
        }
        EXPECT_EQ(kept, (std::vector<uint32_t>{0, 1, 2}));
        if (model == LatencyModel::TRANSFER)
        {
            EXPECT_DOUBLE_EQ(span[0].bandwidthBps, 80000);
            EXPECT_DOUBLE_EQ(span[1].bandwidthBps, 40000);
            EXPECT_DOUBLE_EQ(span[2].computeMacsPerS, 5e9);
        }
    }
}

TEST(AssignmentVerifier, FindsEveryKindOfViolation)
{
    SchedulingProblem problem = OneServer(3e9, 1e5);
    for (const char* id : {"a", "b", "c"})
    {
        AddTask(problem, id, 5, 0.1);
    }
    const auto demand = [&](uint32_t j, uint32_t k) {
        return problem.ComputeDemand(j, 0, ThreePoints()->GetSplitPoints()[k]);
    };
    // Three tasks at split 1: 120,000 bit/s > 100,000.
    Assignment over("test", 3);
    for (uint32_t j = 0; j < 3; ++j)
    {
        over.Place(j, 0, 1, demand(j, 1));
    }
    auto errors = AssignmentVerifier::Check(problem, over);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find("server 'e': bandwidth 120000 bit/s exceeds V*b = 100000"),
              std::string::npos)
        << errors[0];
    // Under-reported demand is recomputed, not trusted: two at split 1 claiming nothing, plus
    // one at split 2 (5e9 MAC/s > 3e9 on its own).
    Assignment lying("test", 3);
    TaskDemand nothing;
    lying.Place(0, 0, 1, nothing);
    lying.Place(1, 0, 2, demand(1, 2));
    errors = AssignmentVerifier::Check(problem, lying);
    ASSERT_EQ(errors.size(), 4u);
    EXPECT_NE(errors[0].find("task 'a': reports 0 bit/s, but needs 40000"), std::string::npos)
        << errors[0];
    EXPECT_NE(errors[3].find("compute 6000000000 MAC/s exceeds c = 3000000000"), std::string::npos)
        << errors[3];
    // A server the task may not use, a split point the model does not have.
    Assignment wrong("test", 3);
    wrong.Place(0, 1, 1, demand(0, 1));
    wrong.Place(1, 0, 7, demand(1, 1));
    errors = AssignmentVerifier::Check(problem, wrong);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_NE(errors[0].find("task 'a': placed on server index 1, which it may not use"),
              std::string::npos);
    EXPECT_NE(errors[1].find("task 'b': split index 7 is not a split point of three"),
              std::string::npos);
    // A valid one passes.
    Assignment good("test", 3);
    good.Place(0, 0, 1, demand(0, 1));
    good.Place(2, 0, 1, demand(2, 1));
    EXPECT_TRUE(AssignmentVerifier::Check(problem, good).empty());
}

namespace
{

/// Where Debian's coinor-cbc installs CBC.
const char* const CBC_PROGRAM = "/usr/bin/cbc";

/// Sets PATH for its lifetime, then restores it.
class ScopedPath
{
  public:
    /**
     * \param path the value of PATH meanwhile
     */
    explicit ScopedPath(const std::string& path)
    {
        const char* old = std::getenv("PATH");
        m_had = old != nullptr;
        m_old = m_had ? old : "";
        setenv("PATH", path.c_str(), 1);
    }

    ~ScopedPath()
    {
        if (m_had)
        {
            setenv("PATH", m_old.c_str(), 1);
        }
        else
        {
            unsetenv("PATH");
        }
    }

    ScopedPath(const ScopedPath&) = delete;
    ScopedPath& operator=(const ScopedPath&) = delete;

  private:
    bool m_had;        //!< whether PATH was set
    std::string m_old; //!< its value
};

/**
 * \param problem a problem
 * \param limit the time limit
 * \return exact's assignment with Solver cbc
 */
Assignment
SolveWithCbc(const SchedulingProblem& problem, Time limit)
{
    TaskSchedulerFactory factory("exact");
    factory.Set("Solver", StringValue("cbc"));
    factory.Set("TimeLimit", TimeValue(limit));
    return factory.Create()->Schedule(problem);
}

} // namespace

TEST(ExactWithCbc, SolverAttributeTakesLpSolveOrCbc)
{
    if (!HaveExact())
    {
        GTEST_SKIP() << "edge-dnn is built without lp_solve";
    }
    TaskSchedulerFactory factory("exact");
    EXPECT_NO_THROW(factory.Set("Solver", StringValue("lp_solve")));
    EXPECT_NO_THROW(factory.Set("Solver", StringValue("cbc")));
    EXPECT_THROW(factory.Set("Solver", StringValue("glpk")), EdgeDnnError);
}

// Instances where exact reaches the 0-1 program (ours is below floor(LP bound)) are found by
// running it with a PATH that lacks cbc: only those raise the error. On 50 of them CBC's answer
// (verified, then used) must be the brute-force optimum, proved.
TEST(ExactWithCbc, EqualsBruteForceOnTinyInstances)
{
    if (!HaveExact())
    {
        GTEST_SKIP() << "edge-dnn is built without lp_solve";
    }
    if (access(CBC_PROGRAM, X_OK) != 0)
    {
        GTEST_SKIP() << CBC_PROGRAM << " is missing (Debian's coinor-cbc): Solver cbc not checked";
    }
    uint32_t checked = 0;
    for (uint64_t seed = 1; seed <= 4000 && checked < 50; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(1000 + seed, 8, 4);
        bool reachesSolver = false;
        {
            ScopedPath noCbc("/nonexistent");
            try
            {
                SolveWithCbc(problem, Seconds(5));
            }
            catch (const EdgeDnnError&)
            {
                reachesSolver = true;
            }
        }
        if (!reachesSolver)
        {
            continue;
        }
        ++checked;
        const uint32_t optimum = BruteForceOptimum(problem);
        const Assignment a = SolveWithCbc(problem, Seconds(30));
        EXPECT_TRUE(AssignmentVerifier::Check(problem, a).empty()) << "seed " << seed;
        EXPECT_EQ(a.GetAdmittedCount(), optimum) << "seed " << seed;
        EXPECT_EQ(a.GetStatus(), "optimal") << "seed " << seed;
        EXPECT_DOUBLE_EQ(a.GetBound(), optimum) << "seed " << seed;
    }
    EXPECT_EQ(checked, 50u) << "instances where exact runs CBC";
}

TEST(ExactWithCbc, MissingCbcIsAClearError)
{
    if (!HaveExact())
    {
        GTEST_SKIP() << "edge-dnn is built without lp_solve";
    }
    // instance-03 of the reference set: ours (33) is below floor(LP bound) (34), so the 0-1
    // program goes to the solver.
    const SchedulingProblem problem = SchedulingProblemFormat::ReadFile(
        std::string(EDGE_DNN_SOURCE_DIR) + "/test/data/scheduler-reference/instance-03.json");
    ScopedPath noCbc("/nonexistent");
    try
    {
        SolveWithCbc(problem, Seconds(1));
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  "ns3::LpScheduler::Solver=cbc: the program cbc is not on PATH; expected "
                  "COIN-OR CBC (Debian's coinor-cbc) installed, or Solver lp_solve");
    }
}

// A cbc that fails, or writes a solution file that is not CBC's, is an error naming the
// attribute; the temporary folder is removed in every case.
TEST(ExactWithCbc, FailingOrUnreadableCbcIsAClearErrorAndLeavesNoFiles)
{
    if (!HaveExact())
    {
        GTEST_SKIP() << "edge-dnn is built without lp_solve";
    }
    const SchedulingProblem problem = SchedulingProblemFormat::ReadFile(
        std::string(EDGE_DNN_SOURCE_DIR) + "/test/data/scheduler-reference/instance-03.json");
    char pattern[] = "/tmp/edge-dnn-fake-cbc-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    const std::string folder = pattern;
    const std::string bin = folder + "/bin";
    const std::string tmp = folder + "/tmp";
    ASSERT_EQ(std::system(("mkdir -p " + bin + " " + tmp).c_str()), 0);
    const char* oldTmp = std::getenv("TMPDIR");
    const std::string savedTmp = oldTmp != nullptr ? oldTmp : "";
    setenv("TMPDIR", tmp.c_str(), 1);
    // The fake cbc gets: FILE.mps -max -timeMode elapsed -sec S -solve -solu FILE.sol; $out is
    // the solution file.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"echo 'Coin: out of luck'; exit 3",
         "ns3::LpScheduler::Solver=cbc: " + bin +
             "/cbc exited with status 3; its output ends: Coin: out of luck"},
        {"echo 'no solution here' > \"$out\"",
         "ns3::LpScheduler::Solver=cbc: cannot parse cbc's solution file: first line 'no "
         "solution here'; expected 'STATUS - objective value NUMBER' then lines 'INDEX NAME "
         "VALUE REDUCED-COST'"},
        {"printf 'Optimal - objective value 34\\n 0 X99999 1 1\\n' > \"$out\"",
         "ns3::LpScheduler::Solver=cbc: cannot parse cbc's solution file: line ' 0 X99999 1 1'"},
        {"printf 'Unbounded - objective value 1e50\\n' > \"$out\"",
         "ns3::LpScheduler::Solver=cbc: unexpected status 'Unbounded' in cbc's solution file"},
        {"exit 0", "ns3::LpScheduler::Solver=cbc: " + bin + "/cbc wrote no solution file"}};
    for (const auto& [script, message] : cases)
    {
        {
            std::ofstream fake(bin + "/cbc");
            fake << "#!/bin/sh\nfor out; do :; done\n" << script << "\n"; // out: the last argument
        }
        ASSERT_EQ(chmod((bin + "/cbc").c_str(), 0755), 0);
        ScopedPath fakeOnly(bin + ":/bin:/usr/bin");
        try
        {
            SolveWithCbc(problem, Seconds(1));
            ADD_FAILURE() << script << ": no error";
        }
        catch (const EdgeDnnError& e)
        {
            EXPECT_EQ(std::string(e.what()).rfind(message, 0), 0u) << e.what();
        }
        EXPECT_EQ(std::system(("test -z \"$(ls -A " + tmp + ")\"").c_str()), 0)
            << script << ": temporary files left in " << tmp;
    }
    if (oldTmp != nullptr)
    {
        setenv("TMPDIR", savedTmp.c_str(), 1);
    }
    else
    {
        unsetenv("TMPDIR");
    }
    EXPECT_EQ(std::system(("rm -rf " + folder).c_str()), 0);
}
