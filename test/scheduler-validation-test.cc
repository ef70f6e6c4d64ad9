/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The schedulers' feasibility and optimality in ns-3's native suite: every algorithm's assignment
// through the independent AssignmentVerifier on random instances; exact equal to brute-force
// enumeration (every split point, no pruning) on tiny ones; lp-bound >= exact >= every heuristic.

#include "scheduler-test-util.h"
#include "validation-test-cases.h"

#include "ns3/edge-dnn-assignment-verifier.h"

namespace ns3
{
namespace edgednn
{
namespace testutil
{
namespace
{

/**
 * \ingroup edge-dnn-tests
 * \brief Every heuristic's assignment on 2,000 random instances (up to 24 tasks, 8 split points)
 * passes the verifier: capacities, bounds, allowed servers, split points.
 */
class FeasibilityTestCase : public TestCase
{
  public:
    FeasibilityTestCase()
        : TestCase("every algorithm's assignment passes the verifier on random instances")
    {
    }

  private:
    void DoRun() override
    {
        const auto names = Heuristics();
        for (uint64_t seed = 1; seed <= 2000; ++seed)
        {
            const SchedulingProblem problem = RandomInstance(seed, 24, 8);
            for (const auto& name : names)
            {
                const auto errors = AssignmentVerifier::Check(problem, Solve(problem, name));
                NS_TEST_ASSERT_MSG_EQ(errors.empty(),
                                      true,
                                      name << " seed " << seed << ": "
                                           << (errors.empty() ? "" : errors.front()));
            }
        }
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief On 400 tiny instances exact proves the brute-force optimum, and no heuristic exceeds it.
 */
class ExactOptimalityTestCase : public TestCase
{
  public:
    ExactOptimalityTestCase()
        : TestCase("exact equals brute-force enumeration on tiny instances")
    {
    }

  private:
    void DoRun() override
    {
        if (!HaveExact())
        {
            std::cout << "edge-dnn is built without lp_solve: exact not checked" << std::endl;
            return;
        }
        uint32_t rejecting = 0;
        for (uint64_t seed = 1; seed <= 400; ++seed)
        {
            const SchedulingProblem problem = RandomInstance(1000 + seed, 6, 4);
            const uint32_t optimum = BruteForceOptimum(problem);
            const Assignment exact = Solve(problem, "exact");
            NS_TEST_ASSERT_MSG_EQ(AssignmentVerifier::Check(problem, exact).empty(),
                                  true,
                                  "seed " << seed << ": exact passes the verifier");
            NS_TEST_ASSERT_MSG_EQ(exact.GetAdmittedCount(), optimum, "seed " << seed);
            NS_TEST_ASSERT_MSG_EQ(exact.GetStatus(), "optimal", "seed " << seed);
            NS_TEST_ASSERT_MSG_EQ_TOL(exact.GetBound(), optimum, 1e-9, "seed " << seed);
            rejecting += optimum < problem.GetTaskCount() ? 1 : 0;
            for (const auto& name : Heuristics())
            {
                NS_TEST_ASSERT_MSG_LT_OR_EQ(Solve(problem, name).GetAdmittedCount(),
                                            optimum,
                                            name << " above the optimum, seed " << seed);
            }
        }
        // The instances must be tight enough for the comparison to mean something.
        NS_TEST_EXPECT_MSG_GT(rejecting, 100, "instances where the optimum rejects a task");
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief On 300 random instances (up to 18 tasks) the LP bound is above exact's bound, exact's
 * bound above its count, and no heuristic admits more than the bound or a proved optimum.
 */
class BoundOrderTestCase : public TestCase
{
  public:
    BoundOrderTestCase()
        : TestCase("lp-bound >= exact >= every heuristic")
    {
    }

  private:
    void DoRun() override
    {
        if (!HaveExact())
        {
            std::cout << "edge-dnn is built without lp_solve: lp-bound and exact not checked"
                      << std::endl;
            return;
        }
        for (uint64_t seed = 1; seed <= 300; ++seed)
        {
            const SchedulingProblem problem = RandomInstance(5000 + seed, 18, 6);
            const Assignment bound = Solve(problem, "lp-bound");
            const Assignment exact = Solve(problem, "exact");
            NS_TEST_ASSERT_MSG_EQ(AssignmentVerifier::Check(problem, bound).empty(),
                                  true,
                                  "lp-bound, seed " << seed);
            NS_TEST_ASSERT_MSG_EQ(AssignmentVerifier::Check(problem, exact).empty(),
                                  true,
                                  "exact, seed " << seed);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(bound.GetBound() + 1e-6, exact.GetBound(), "seed " << seed);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(exact.GetBound() + 1e-9,
                                        exact.GetAdmittedCount(),
                                        "seed " << seed);
            NS_TEST_ASSERT_MSG_LT_OR_EQ(bound.GetAdmittedCount(),
                                        bound.GetBound() + 1e-6,
                                        "seed " << seed);
            for (const auto& name : Heuristics())
            {
                const uint32_t n = Solve(problem, name).GetAdmittedCount();
                NS_TEST_ASSERT_MSG_LT_OR_EQ(n,
                                            bound.GetBound() + 1e-6,
                                            name << " above the LP bound, seed " << seed);
                if (exact.GetStatus() == "optimal")
                {
                    NS_TEST_ASSERT_MSG_LT_OR_EQ(n,
                                                exact.GetAdmittedCount(),
                                                name << " above the optimum, seed " << seed);
                }
            }
        }
    }
};

} // namespace

std::vector<TestCase*>
SchedulerValidationCases()
{
    return {new FeasibilityTestCase, new ExactOptimalityTestCase, new BoundOrderTestCase};
}

} // namespace testutil
} // namespace edgednn
} // namespace ns3
