/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The example programs' numeric options against values out of their bounds: negative integers
// (which ns-3's CommandLine read into a uint32_t as 4294967295 and more), 1e308 (infinite once
// scaled or made a Time), NaN, infinities, values past a sane maximum or below a sane minimum.
// Each is refused before anything is simulated or written: exit status 1, a message naming the
// option, the value and what is expected (examples/edge-dnn-example-options.h), no abort or crash
// text, and no database or CSV file. Values inside the bounds, at their edges, are still accepted.

#include "edge-dnn-test-util.h"

#include "ns3/edge-dnn-sqlite-database.h"

#include <cctype>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

using ns3::edgednn::SqliteDatabase;
using ns3::edgednn::testutil::ProgramRun;
using ns3::edgednn::testutil::RunProgram;

namespace
{

/// A program run with one value out of bounds.
struct BadValue
{
    std::string program; //!< the example program
    std::string args;    //!< its arguments, with the bad value
    std::string message; //!< what it must print after "program: "
};

/**
 * \brief Print a case in gtest's messages.
 * \param os the stream
 * \param c the case
 */
void
PrintTo(const BadValue& c, std::ostream* os)
{
    *os << c.program << " " << c.args;
}

/// Programs that take --db (the bad value must leave no database behind).
const std::set<std::string> RECORDERS{"edge-dnn-adaptive",
                                      "edge-dnn-energy",
                                      "edge-dnn-existing-topology",
                                      "edge-dnn-handover",
                                      "edge-dnn-lte",
                                      "edge-dnn-quickstart",
                                      "edge-dnn-scenario",
                                      "edge-dnn-wifi"};

/// A problem file for edge-dnn-schedule.
const std::string PROBLEM =
    std::string(EDGE_DNN_SOURCE_DIR) + "/test/data/scheduler-reference/instance-00.json";

/**
 * \return the cases: for each program, its numeric options with negative, 1e308, NaN, infinite,
 * too large and too small values
 */
std::vector<BadValue>
Cases()
{
    const std::string ints = "expected an integer from ";
    const std::string nums = "expected a number from ";
    // The simulations' shared bounds.
    const std::string simTime = "--simTime: " + nums + "1 to 1000000 s, got ";
    const std::string frameRate = "--frameRate: " + nums + "0.001 to 1000 frames/s, got ";
    const std::string deadline = "--deadline: " + nums + "1 to 1000000 ms, got ";
    const std::string capacity = "--edgeCapacity: " + nums + "1000000 to 1e+18 MAC/s, got ";
    const std::string device = "--deviceCapacity: " + nums + "0 to 1e+18 MAC/s, got ";
    const std::string rate = ": expected a data rate from 1kbps to 1000Gbps, got ";

    const std::string scenario = "edge-dnn-scenario";
    const std::string wifi = "edge-dnn-wifi";
    const std::string lte = "edge-dnn-lte";
    const std::string campus = "edge-dnn-existing-topology";
    const std::string quick = "edge-dnn-quickstart";
    const std::string model = "edge-dnn-model";
    const std::string reduction = "edge-dnn-data-reduction";
    const std::string schedule = "edge-dnn-schedule";

    const std::string bytes = nums + "0.125 to 8 B, got ";
    const std::string eval = "edge-dnn-paper-eval";
    const std::string adaptive = "edge-dnn-adaptive";
    const std::string energy = "edge-dnn-energy";
    const std::string handover = "edge-dnn-handover";
    return {
        // edge-dnn-handover
        {handover, "--cameras=0", "--cameras: " + ints + "1 to 16, got 0"},
        {handover, "--cameras=-1", "--cameras: " + ints + "1 to 16, got -1"},
        {handover, "--speed=nan", "--speed: " + nums + "1 to 60 m/s, got nan"},
        {handover, "--spacing=1e308", "--spacing: " + nums + "40 to 400 m, got 1e308"},
        {handover, "--backboneDelay=-1", "--backboneDelay: " + nums + "0 to 10 us, got -1"},
        {handover, "--backboneDelay=5000", "--backboneDelay: " + nums + "0 to 10 us, got 5000"},
        {handover, "--backboneRate=1bps", "--backboneRate" + rate + "1bps"},
        {handover, "--policy=move", "--policy=move: expected handover, stay or both"},
        {handover, "--simTime=-1", simTime + "-1"},
        {handover, "--edgeCapacity=1e308", capacity + "1e+308"},
        // edge-dnn-energy
        {energy, "--frames=-1", "--frames: " + ints + "1 to 1000, got -1"},
        {energy, "--frames=0", "--frames: " + ints + "1 to 1000, got 0"},
        {energy, "--maxCuts=1e308", "--maxCuts: " + ints + "0 to 10000, got 1e308"},
        {energy, "--maxCuts=1", "--maxCuts: expected 0 (all) or an integer from 2 to 10000, got 1"},
        {energy, "--wifiRate=-6", "--wifiRate: " + ints + "1 to 54, got -6"},
        {energy,
         "--wifiRate=7",
         "--wifiRate: expected 6, 9, 12, 18, 24, 36, 48 or 54 (802.11a, Mbit/s), got 7"},
        {energy, "--deadline=nan", "--deadline: " + nums + "1 to 1000000 ms, got nan"},
        {energy, "--deadline=1e308", "--deadline: " + nums + "1 to 1000000 ms, got 1e308"},
        {energy, "--energyBudget=-1", "--energyBudget: " + nums + "0 to 1000 J, got -1"},
        {energy,
         "--deviceCapacity=0",
         "--deviceCapacity: " + nums + "1000000 to 1e+18 MAC/s, got 0"},
        {energy,
         "--deviceActivePower=inf",
         "--deviceActivePower: " + nums + "0 to 1000 W, got inf"},
        {energy, "--edgeCapacity=1e308", capacity + "1e308"},
        {energy, "--featureBytes=1e308", "--featureBytes: " + bytes + "1e308"},
        {energy, "--uplinkRate=1bps", "--uplinkRate" + rate + "1bps"},
        {energy,
         "--models=resnet18,nosuchnet",
         "--models: expected distinct zoo networks separated by commas (edge-dnn-model --list), "
         "got resnet18,nosuchnet"},
        // edge-dnn-adaptive
        {adaptive, "--simTime=1", "--simTime: " + nums + "2 to 3600 s, got 1"},
        {adaptive, "--simTime=nan", "--simTime: " + nums + "2 to 3600 s, got nan"},
        {adaptive, "--uplink=0", "--uplink: " + nums + "1 to 10000 Mbit/s, got 0"},
        {adaptive, "--uplink=1e308", "--uplink: " + nums + "1 to 10000 Mbit/s, got 1e308"},
        // edge-dnn-paper-eval (--replications=-1 used to wrap to 4294967295 replications)
        {eval, "--replications=-1", "--replications: " + ints + "1 to 100, got -1"},
        {eval, "--simTime=1e308", "--simTime: " + nums + "2 to 1000000 s, got 1e308"},
        {eval, "--queue-bound=nan", "--queue-bound: " + nums + "0.001 to 10000 ms, got nan"},
        {eval, "--pacing-headroom=0.5", "--pacing-headroom: " + nums + "1 to 100, got 0.5"},
        {eval, "--exact-time-limit=-2", "--exact-time-limit: " + nums + "0.001 to 86400 s, got -2"},
        // edge-dnn-scenario
        {scenario, "--tasks=-1", "--tasks: " + ints + "1 to 10000, got -1"},
        {scenario, "--tasks=10001", "--tasks: " + ints + "1 to 10000, got 10001"},
        {scenario, "--tasks=1e308", "--tasks: " + ints + "1 to 10000, got 1e308"},
        {scenario, "--tasks=nan", "--tasks: " + ints + "1 to 10000, got nan"},
        {scenario, "--servers=-3", "--servers: " + ints + "1 to 256, got -3"},
        {scenario, "--servers=257", "--servers: " + ints + "1 to 256, got 257"},
        {scenario, "--uplink=1e308", "--uplink: " + nums + "0.001 to 1000000 Mbit/s, got 1e308"},
        {scenario, "--uplink=-1", "--uplink: " + nums + "0.001 to 1000000 Mbit/s, got -1"},
        {scenario, "--uplink=inf", "--uplink: " + nums + "0.001 to 1000000 Mbit/s, got inf"},
        {scenario,
         "--capacity=1e308",
         "--capacity: " + nums + "0.001 to 1000000000 GMAC/s, got 1e308"},
        {scenario, "--capacity=nan", "--capacity: " + nums + "0.001 to 1000000000 GMAC/s, got nan"},
        {scenario, "--usableShare=2", "--usableShare: " + nums + "0.001 to 1, got 2"},
        {scenario, "--featureBytes=1e308", "--featureBytes: " + bytes + "1e308"},
        {scenario, "--featureBytes=-1", "--featureBytes: " + bytes + "-1"},
        {scenario, "--pacingHeadroom=1e308", "--pacingHeadroom: " + nums + "1 to 100, got 1e308"},
        {scenario,
         "--cloudNodes=each",
         "--cloudNodes: cloud nodes 'each': expected shared or per-uplink"},
        {scenario, "--simTime=1e300", simTime + "1e300"},
        {scenario, "--simTime=inf", simTime + "inf"},
        // edge-dnn-wifi
        {wifi, "--cameras=-1", "--cameras: " + ints + "1 to 64, got -1"},
        {wifi, "--cameras=65", "--cameras: " + ints + "1 to 64, got 65"},
        {wifi, "--cameras=1e308", "--cameras: " + ints + "1 to 64, got 1e308"},
        {wifi, "--distance=1e308", "--distance: " + nums + "0.1 to 1000 m, got 1e308"},
        {wifi, "--distance=nan", "--distance: " + nums + "0.1 to 1000 m, got nan"},
        {wifi, "--distance=inf", "--distance: " + nums + "0.1 to 1000 m, got inf"},
        {wifi, "--uplinkRate=1bps", "--uplinkRate" + rate + "1bps"},
        {wifi, "--uplinkRate=2000Gbps", "--uplinkRate" + rate + "2000Gbps"},
        {wifi, "--edgeCapacity=1e308", capacity + "1e+308"},
        {wifi, "--deviceCapacity=-5", device + "-5"},
        {wifi, "--deviceCapacity=1e308", device + "1e+308"},
        {wifi, "--frameRate=1e-300", frameRate + "1e-300"},
        {wifi, "--deadline=1e308", deadline + "1e+308"},
        {wifi, "--simTime=1e300", simTime + "1e+300"},
        // edge-dnn-lte
        {lte, "--ues=-1", "--ues: " + ints + "1 to 20, got -1"},
        {lte, "--ues=21", "--ues: " + ints + "1 to 20, got 21"},
        {lte, "--distance=1e308", "--distance: " + nums + "1 to 100000 m, got 1e308"},
        {lte, "--distance=inf", "--distance: " + nums + "1 to 100000 m, got inf"},
        {lte,
         "--bandwidth=-1",
         "--bandwidth=-1: expected 6, 15, 25, 50, 75 or 100 resource blocks"},
        {lte,
         "--bandwidth=1e308",
         "--bandwidth=1e308: expected 6, 15, 25, 50, 75 or 100 resource blocks"},
        {lte, "--uplinkRate=1bps", "--uplinkRate" + rate + "1bps"},
        {lte, "--edgeCapacity=1e308", capacity + "1e+308"},
        {lte, "--deviceCapacity=-5", device + "-5"},
        {lte, "--frameRate=1e308", frameRate + "1e+308"},
        {lte, "--deadline=1e308", deadline + "1e+308"},
        {lte, "--simTime=1e300", simTime + "1e+300"},
        // edge-dnn-existing-topology
        {campus, "--lanCameras=-1", "--lanCameras: " + ints + "0 to 253, got -1"},
        {campus, "--lanCameras=254", "--lanCameras: " + ints + "0 to 253, got 254"},
        {campus, "--lanCameras=inf", "--lanCameras: " + ints + "0 to 253, got inf"},
        {campus, "--wifiCameras=-1", "--wifiCameras: " + ints + "0 to 64, got -1"},
        {campus, "--wifiCameras=1e308", "--wifiCameras: " + ints + "0 to 64, got 1e308"},
        {campus, "--wifiCameras=nan", "--wifiCameras: " + ints + "0 to 64, got nan"},
        {campus, "--wanA=1bps", "--wanA" + rate + "1bps"},
        {campus, "--wanB=2000Gbps", "--wanB" + rate + "2000Gbps"},
        {campus, "--edgeCapacity=1e308", capacity + "1e+308"},
        {campus, "--deviceCapacity=1e308", device + "1e+308"},
        {campus, "--frameRate=1e-300", frameRate + "1e-300"},
        {campus, "--deadline=1e308", deadline + "1e+308"},
        {campus, "--simTime=1e300", simTime + "1e+300"},
        // edge-dnn-quickstart
        {quick, "--simTime=1e300", simTime + "1e300"},
        {quick, "--simTime=0.05", simTime + "0.05"},
        {quick, "--simTime=nan", simTime + "nan"},
        {quick, "--frameRate=1e-300", frameRate + "1e-300"},
        {quick, "--frameRate=1e308", frameRate + "1e308"},
        {quick, "--frameRate=inf", frameRate + "inf"},
        // edge-dnn-model
        {model,
         "--model=resnet18 --feature-bytes-per-element=-1",
         "--feature-bytes-per-element: " + bytes + "-1"},
        {model,
         "--model=resnet18 --feature-bytes-per-element=1e308",
         "--feature-bytes-per-element: " + bytes + "1e308"},
        {model,
         "--model=resnet18 --feature-bytes-per-element=1e-300",
         "--feature-bytes-per-element: " + bytes + "1e-300"},
        {model,
         "--model=resnet18 --feature-bytes-per-element=inf",
         "--feature-bytes-per-element: " + bytes + "inf"},
        {model,
         "--model=resnet18 --input-bytes-per-element=1e308",
         "--input-bytes-per-element: " + bytes + "1e308"},
        {model,
         "--model=resnet18 --input-bytes-per-element=nan",
         "--input-bytes-per-element: " + bytes + "nan"},
        {model,
         "--model=resnet18 --feature-compression=1e308",
         "--feature-compression: " + nums + "1 to 100, got 1e308"},
        {model,
         "--model=resnet18 --feature-compression=-1",
         "--feature-compression: " + nums + "1 to 100, got -1"},
        // edge-dnn-data-reduction
        {reduction,
         "--models=alexnet --feature-bytes-per-element=-1",
         "--feature-bytes-per-element: " + bytes + "-1"},
        {reduction,
         "--models=alexnet --feature-bytes-per-element=1e308",
         "--feature-bytes-per-element: " + bytes + "1e308"},
        {reduction,
         "--models=alexnet --feature-bytes-per-element=1e-300",
         "--feature-bytes-per-element: " + bytes + "1e-300"},
        {reduction,
         "--models=alexnet --feature-bytes-per-element=nan",
         "--feature-bytes-per-element: " + bytes + "nan"},
        // edge-dnn-schedule: its numbers go to the algorithms' attributes, whose checkers refused
        // these before (unlike every case above); kept so that it stays so.
        {schedule,
         "--problem=" + PROBLEM + " --algorithm=fixed-split --split-index=-1",
         "--split-index=-1: ns3::FixedSplitScheduler::SplitIndex: invalid value '-1'"},
        {schedule,
         "--problem=" + PROBLEM + " --algorithm=fixed-split --split-index=1e308",
         "--split-index=1e308: ns3::FixedSplitScheduler::SplitIndex: invalid value '1e308'"},
        {schedule,
         "--problem=" + PROBLEM + " --algorithm=random --seed=-1",
         "--seed=-1: ns3::RandomScheduler::Seed: invalid value '-1'"},
        {schedule,
         "--problem=" + PROBLEM + " --algorithm=random --seed=nan",
         "--seed=nan: ns3::RandomScheduler::Seed: invalid value 'nan'"},
        {schedule,
         "--problem=" + PROBLEM + " --algorithm=exact --time-limit=1e308",
         "--time-limit=1e308: ns3::LpScheduler::TimeLimit: invalid value '1e308s'"},
        {schedule,
         "--problem=" + PROBLEM + " --algorithm=exact --time-limit=inf",
         "--time-limit=inf: ns3::LpScheduler::TimeLimit: invalid value 'infs'"},
        {schedule,
         "--problem=" + PROBLEM + " --algorithm=exact --solver=glpk",
         "--solver=glpk: ns3::LpScheduler::Solver: invalid value 'glpk'; expected lp_solve|cbc"},
    };
}

/**
 * \brief A gtest name for a case: the program without "edge-dnn-", its index and the option.
 * \param info the case and its index
 * \return e.g. "scenario_0_tasks"
 */
std::string
CaseName(const ::testing::TestParamInfo<BadValue>& info)
{
    const BadValue& c = info.param;
    const std::size_t eq = c.args.rfind('=');
    const std::size_t dashes =
        c.args.rfind(" --", eq) == std::string::npos ? 2 : c.args.rfind(" --", eq) + 3;
    std::string name = c.program.substr(std::string("edge-dnn-").size()) + "_" +
                       std::to_string(info.index) + "_" + c.args.substr(dashes, eq - dashes);
    for (char& ch : name)
    {
        if (!std::isalnum(static_cast<unsigned char>(ch)))
        {
            ch = '_';
        }
    }
    return name;
}

/// Each bad value on its own.
class CommandLineBounds : public ::testing::TestWithParam<BadValue>
{
};

TEST_P(CommandLineBounds, RefusedWithTheOptionNamed)
{
    namespace fs = std::filesystem;
    const BadValue& c = GetParam();
    // The test's name ends with CaseName, unique among the cases.
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    const fs::path dir =
        fs::temp_directory_path() /
        ("edge-dnn-bounds-" + std::to_string(getpid()) + "-" + name.substr(name.rfind('/') + 1));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string args = c.args;
    if (RECORDERS.count(c.program))
    {
        args += " --db=" + (dir / "run.db").string();
    }
    if (c.program == "edge-dnn-data-reduction" || c.program == "edge-dnn-energy")
    {
        args += " --outputDir=" + (dir / "out").string();
    }

    const ProgramRun run = RunProgram(c.program, args);

    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_NE(run.output.find(c.program + ": " + c.message), std::string::npos) << run.output;
    for (const char* crash : {"terminate called",
                              "Aborted",
                              "assert failed",
                              "msg=",
                              "Segmentation fault",
                              "core dumped"})
    {
        EXPECT_EQ(run.output.find(crash), std::string::npos) << crash << " in:\n" << run.output;
    }
    // Refused before anything was recorded or written.
    EXPECT_FALSE(fs::exists(dir / "run.db")) << "a database was written";
    EXPECT_FALSE(fs::exists(dir / "out" / "data-reduction.csv")) << "a CSV file was written";
    EXPECT_FALSE(fs::exists(dir / "out" / "energy-pairs.csv")) << "a CSV file was written";
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Examples, CommandLineBounds, ::testing::ValuesIn(Cases()), CaseName);

#ifndef EDGE_DNN_SCENARIO_HAS_MPI
TEST(CommandLineBoundsEdges, DistributedNeedsAnNs3WithMpi)
{
    // Debian's ns-3 has no mpi module: --distributed says how to get one, and records nothing.
    namespace fs = std::filesystem;
    const fs::path db =
        fs::temp_directory_path() / ("edge-dnn-distributed-" + std::to_string(getpid()) + ".db");
    fs::remove(db);
    const ProgramRun run =
        RunProgram("edge-dnn-scenario", "--distributed --servers=2 --tasks=2 --db=" + db.string());
    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_NE(run.output.find("edge-dnn-scenario: --distributed: this edge-dnn-scenario was built "
                              "against an ns-3 without its mpi module (Debian's ns-3 3.37 has "
                              "none); build with ./edge-dnn build --ns3=optimized and launch with "
                              "./edge-dnn run-mpi --ranks=N"),
              std::string::npos)
        << run.output;
    EXPECT_FALSE(fs::exists(db)) << "a database was written";
}
#endif

TEST(CommandLineBoundsEdges, TheBoundsThemselvesAreAccepted)
{
    ProgramRun run = RunProgram("edge-dnn-model",
                                "--model=alexnet --input-bytes-per-element=8 "
                                "--feature-bytes-per-element=0.125 --feature-compression=100");
    EXPECT_EQ(run.status, 0) << run.output;
    run = RunProgram("edge-dnn-model",
                     "--model=alexnet --input-bytes-per-element=0.125 "
                     "--feature-bytes-per-element=8 --feature-compression=1");
    EXPECT_EQ(run.status, 0) << run.output;

    // The smallest scenario, each other number at an edge of its range: a finished run.
    namespace fs = std::filesystem;
    const fs::path db =
        fs::temp_directory_path() / ("edge-dnn-bounds-edges-" + std::to_string(getpid()) + ".db");
    fs::remove(db);
    run = RunProgram("edge-dnn-scenario",
                     "--servers=1 --tasks=1 --simTime=1 --uplink=1000000 --capacity=1000000000 "
                     "--usableShare=1 --featureBytes=8 --pacingHeadroom=100 --db=" +
                         db.string());
    ASSERT_EQ(run.status, 0) << run.output;
    {
        SqliteDatabase sql(db.string(), SqliteDatabase::READ_ONLY);
        EXPECT_EQ(sql.QueryInt("SELECT COUNT(*) FROM runs WHERE finished = 1"), 1);
    }
    for (const std::string suffix : {"", "-wal", "-shm"})
    {
        fs::remove(db.string() + suffix);
    }
}

} // namespace
