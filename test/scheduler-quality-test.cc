/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The algorithms against optima proved outside this code: the reference set in
// test/data/scheduler-reference (instances from tools/make-scheduler-reference.py, optima proved
// by COIN-OR CBC through tools/reference-optimum.py; see optima.json for the provenance). The
// tests need no external solver: the optima are stored figures. Only exact with Solver cbc needs
// one, and is skipped where /usr/bin/cbc (Debian's coinor-cbc) is missing.

#include "ns3/edge-dnn-assignment-verifier.h"
#include "ns3/edge-dnn-scheduling-problem-format.h"
#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/nstime.h"
#include "ns3/string.h"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// The directory of the reference set.
const std::string REFERENCE_DIR =
    std::string(EDGE_DNN_SOURCE_DIR) + "/test/data/scheduler-reference/";

/// One reference instance.
struct Reference
{
    std::string file; //!< problem file name
    uint32_t optimum; //!< proved optimum
};

/**
 * \return the instances and their optima from optima.json
 */
std::vector<Reference>
ReadReferences()
{
    std::ifstream in(REFERENCE_DIR + "optima.json");
    std::stringstream text;
    text << in.rdbuf();
    const auto v = nlohmann::ordered_json::parse(text.str());
    std::vector<Reference> refs;
    for (const auto& r : v.at("optima"))
    {
        refs.push_back({r.at("instance").get<std::string>(),
                        static_cast<uint32_t>(r.at("optimum").get<double>())});
    }
    return refs;
}

/**
 * \param name an algorithm's short name
 * \param problem a problem
 * \return the admitted count of a verified assignment
 */
uint32_t
Admitted(const std::string& name, const SchedulingProblem& problem)
{
    const Assignment a = TaskScheduler::Create(name)->Schedule(problem);
    EXPECT_TRUE(AssignmentVerifier::Check(problem, a).empty()) << name;
    return a.GetAdmittedCount();
}

TEST(SchedulerQuality, ReferenceSetIsComplete)
{
    const std::vector<Reference> refs = ReadReferences();
    EXPECT_EQ(refs.size(), 12u);
}

TEST(SchedulerQuality, OursReachesNinetyEightPercentOfTheProvedOptima)
{
    uint32_t optimum = 0;
    uint32_t ours = 0;
    uint32_t offline = 0;
    uint32_t online = 0;
    for (const Reference& r : ReadReferences())
    {
        const SchedulingProblem p = SchedulingProblemFormat::ReadFile(REFERENCE_DIR + r.file);
        const uint32_t o = Admitted("ours", p);
        const uint32_t off = Admitted("paper-offline", p);
        const uint32_t on = Admitted("paper-online", p);
        EXPECT_LE(o, r.optimum) << r.file << ": above a proved optimum";
        EXPECT_LE(off, r.optimum) << r.file;
        EXPECT_LE(on, r.optimum) << r.file;
        // No instance below the other algorithms.
        EXPECT_GE(o, std::max(off, on)) << r.file;
        optimum += r.optimum;
        ours += o;
        offline += off;
        online += on;
    }
    EXPECT_GE(100.0 * ours, 98.0 * optimum) << ours << " of " << optimum;
    RecordProperty("optimum", std::to_string(optimum));
    RecordProperty("ours", std::to_string(ours));
    RecordProperty("paper-offline", std::to_string(offline));
    RecordProperty("paper-online", std::to_string(online));
}

TEST(SchedulerQuality, ExactProvesTheOptima)
{
    const std::vector<std::string> names = TaskScheduler::GetNames();
    if (std::find(names.begin(), names.end(), "exact") == names.end())
    {
        GTEST_SKIP() << "edge-dnn is built without lp_solve";
    }
    // The instance exact cannot yet prove with lp_solve (not within 150 s on a 2-core machine,
    // see doc/scheduler.rst; Solver cbc proves it, below): checked only for an answer and a
    // bound consistent with the optimum.
    const std::vector<std::string> slow = {"instance-03.json"};
    for (const Reference& r : ReadReferences())
    {
        const SchedulingProblem p = SchedulingProblemFormat::ReadFile(REFERENCE_DIR + r.file);
        const bool isSlow = std::find(slow.begin(), slow.end(), r.file) != slow.end();
        TaskSchedulerFactory factory("exact");
        // lp_solve's limit is wall time: the proofs take under 7 s on a quiet 2-core machine
        // (lp_solve's search is deterministic, only its speed varies), and 60 s keeps a busy one
        // (parallel builds, CI neighbours) from failing the test.
        factory.Set("TimeLimit", TimeValue(Seconds(isSlow ? 1 : 60)));
        const Assignment a = factory.Create()->Schedule(p);
        EXPECT_TRUE(AssignmentVerifier::Check(p, a).empty()) << r.file;
        EXPECT_LE(a.GetAdmittedCount(), r.optimum) << r.file;
        EXPECT_GE(a.GetBound(), r.optimum) << r.file << ": the bound is below a proved optimum";
        if (!isSlow)
        {
            EXPECT_EQ(a.GetStatus(), "optimal") << r.file;
            EXPECT_EQ(a.GetAdmittedCount(), r.optimum) << r.file;
            EXPECT_EQ(a.GetBound(), r.optimum) << r.file;
        }
    }
}

// exact with Solver cbc: CBC on the very program lp_solve builds proves all 12 optima,
// instance-03 included (12 s on a 2-core machine at load 5; the other 11 within 2 s).
TEST(SchedulerQuality, ExactWithCbcProvesAllTwelveOptima)
{
    const std::vector<std::string> names = TaskScheduler::GetNames();
    if (std::find(names.begin(), names.end(), "exact") == names.end())
    {
        GTEST_SKIP() << "edge-dnn is built without lp_solve";
    }
    if (access("/usr/bin/cbc", X_OK) != 0)
    {
        GTEST_SKIP() << "/usr/bin/cbc is missing (Debian's coinor-cbc): Solver cbc not checked";
    }
    for (const Reference& r : ReadReferences())
    {
        const SchedulingProblem p = SchedulingProblemFormat::ReadFile(REFERENCE_DIR + r.file);
        TaskSchedulerFactory factory("exact");
        factory.Set("Solver", StringValue("cbc"));
        // Wall time, as lp_solve's: a limit far above the measured times keeps a busy machine
        // from failing the test.
        factory.Set("TimeLimit", TimeValue(Seconds(150)));
        const Assignment a = factory.Create()->Schedule(p);
        EXPECT_TRUE(AssignmentVerifier::Check(p, a).empty()) << r.file;
        EXPECT_EQ(a.GetStatus(), "optimal") << r.file;
        EXPECT_EQ(a.GetAdmittedCount(), r.optimum) << r.file;
        EXPECT_EQ(a.GetBound(), r.optimum) << r.file;
    }
}

} // namespace
