/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_VALIDATION_TEST_CASES_H
#define EDGE_DNN_VALIDATION_TEST_CASES_H

// The validations of ns-3's native suite "edge-dnn" (test/edge-dnn-test-suite.cc), the checks that
// make edge-dnn's results trustworthy: each lives here once, and in-tree ./test.py -s edge-dnn runs
// them as the standalone build's ctest does (ns3-test-suite.edge-dnn).

#include "ns3/config.h"
#include "ns3/names.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace testutil
{

/**
 * \ingroup edge-dnn-tests
 * \brief A test case that runs simulations: afterwards the simulator, the attribute defaults and
 * the object names are reset, so that the next case starts from ns-3's initial state.
 */
class SimulationTestCase : public TestCase
{
  public:
    /**
     * \brief Constructor.
     * \param name the case's name
     */
    explicit SimulationTestCase(const std::string& name)
        : TestCase(name)
    {
    }

  protected:
    void DoTeardown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }
};

/**
 * \return the elastic model's validations: the zoo against torchvision and published figures, cuts
 * worked out by hand, the JSON layer-graph round trip (test/model-validation-test.cc)
 */
std::vector<TestCase*> ModelValidationCases();

/**
 * \return the applications' validations at packet level: single frames against analytic times,
 * sharing and pacing, FIFO queueing, conservation of frames over TCP and UDP with faults,
 * determinism (test/applications-validation-test.cc)
 */
std::vector<TestCase*> ApplicationsValidationCases();

/**
 * \return the schedulers' validations: feasibility on random instances, exact against brute force,
 * lp-bound >= exact >= every heuristic (test/scheduler-validation-test.cc)
 */
std::vector<TestCase*> SchedulerValidationCases();

/**
 * \return the recorder's accounting: every frame once with the ledger's state and times, the views
 * against the rows, a stalled task as a miss (test/recorder-validation-test.cc)
 */
std::vector<TestCase*> RecorderValidationCases();

/**
 * \return the examples of test/examples-to-run.py in their short runs
 * (test/examples-validation-test.cc)
 */
std::vector<TestCase*> ExamplesValidationCases();

} // namespace testutil
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_VALIDATION_TEST_CASES_H */
