/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ns-3's native test suite for edge-dnn (in-tree: ./test.py -s edge-dnn; standalone: ctest's
// ns3-test-suite.edge-dnn). It carries the validations that make the module's results
// trustworthy, each written once (test/validation-test-cases.h): the model against torchvision
// and hand calculation, the applications at packet level against analytic times, the schedulers'
// feasibility and optimality, the recorder's accounting, and the examples in short runs. The
// GoogleTest suite covers the rest (error messages, formats, helpers, tools).

#include "validation-test-cases.h"

using namespace ns3;
using namespace ns3::edgednn::testutil;

/**
 * \ingroup edge-dnn-tests
 * \brief edge-dnn's native ns-3 test suite.
 */
class EdgeDnnTestSuite : public TestSuite
{
  public:
    EdgeDnnTestSuite()
        : TestSuite("edge-dnn", UNIT)
    {
        for (const auto& cases : {ModelValidationCases(),
                                  ApplicationsValidationCases(),
                                  SchedulerValidationCases(),
                                  RecorderValidationCases(),
                                  ExamplesValidationCases()})
        {
            for (TestCase* c : cases)
            {
                AddTestCase(c, TestCase::QUICK);
            }
        }
    }
};

/// The suite's only instance, registered with ns-3's test runner.
static EdgeDnnTestSuite g_edgeDnnTestSuite;
