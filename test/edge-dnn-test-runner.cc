/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Standalone builds only: ns-3's own test runner (as test.py uses it in-tree) over edge-dnn's
// native suites.

#include "ns3/test.h"

int
main(int argc, char* argv[])
{
    return ns3::TestRunner::Run(argc, argv);
}
