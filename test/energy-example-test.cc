/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// edge-dnn-energy (issue 13, item 4) as a user runs it: `--quick` with --outputDir and --db, once
// for the suite. Its CSV must hold a Pareto front that no measured pair beats and that holds the
// fastest and the most frugal pair; the device's compute energy per frame must be the power model
// by hand (a Raspberry Pi 4's 6.3 W over the MACs before the cut at 6.5 GMAC/s); the radio's must
// be at least the time on air of the bytes the camera sends at 802.11a's 6 Mbit/s; the scheduler's
// choice must be one measured pair within its bound; and every run must be in the database with
// the frames' energy the CSV reports.
//
// MACs by hand (as in energy-test.cc and device-prefix-test.cc): resnet18's conv1 is
// 64 x 112 x 112 x 3 x 49 = 118,013,952 MACs and its layer1 4 x 64 x 56 x 56 x 64 x 9 =
// 462,422,016, so the cut after layer1.1 has 580,436,968 MACs before it; the whole network has
// torchvision's 1,814,073,344.

#include "edge-dnn-test-util.h"

#include "ns3/edge-dnn-sqlite-database.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using ns3::edgednn::SqliteDatabase;
using ns3::edgednn::testutil::ProgramRun;
using ns3::edgednn::testutil::RunProgram;

namespace
{

namespace fs = std::filesystem;

/// The networks the quick run measures (the program's default).
const std::vector<std::string> MODELS{"resnet18", "mobilenet-v2", "alexnet"};
/// The camera's active power (W), the program's default.
constexpr double ACTIVE_POWER_W = 6.3;
/// The camera's compute (MAC/s), the program's default.
constexpr double DEVICE_CAPACITY = 6.5e9;
/// 802.11a's rate the program uses by default (bit/s).
constexpr double WIFI_BPS = 6e6;
/// WifiRadioEnergyModel's TX current (A) at the source's 3 V.
constexpr double TX_POWER_W = 0.38 * 3.0;
/// The FRAME header (B) that goes with every message.
constexpr double HEADER_BYTES = 133;

/// One row of energy-pairs.csv.
struct Row
{
    std::map<std::string, std::string> cells; //!< column: value

    /**
     * \param column a column
     * \return its value as a number
     */
    double Number(const std::string& column) const
    {
        return std::stod(cells.at(column));
    }

    /**
     * \param column a column
     * \return its value as text
     */
    const std::string& Text(const std::string& column) const
    {
        return cells.at(column);
    }
};

/**
 * \brief Read a CSV file with a heading line.
 * \param path the file
 * \return its rows
 */
std::vector<Row>
ReadCsv(const fs::path& path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> columns;
    std::istringstream heading(line);
    for (std::string c; std::getline(heading, c, ',');)
    {
        columns.push_back(c);
    }
    std::vector<Row> rows;
    while (std::getline(in, line))
    {
        std::istringstream cells(line);
        Row r;
        std::size_t k = 0;
        for (std::string c; std::getline(cells, c, ',') && k < columns.size(); ++k)
        {
            r.cells[columns[k]] = c;
        }
        EXPECT_EQ(k, columns.size()) << line;
        rows.push_back(r);
    }
    return rows;
}

/// The quick run, shared by the tests.
class EnergyExample : public ::testing::Test
{
  public:
    /// Run the program once for the suite.
    static void SetUpTestSuite()
    {
        Dir() = fs::temp_directory_path() / ("edge-dnn-energy-" + std::to_string(getpid()));
        fs::remove_all(Dir());
        fs::create_directories(Dir());
        Run() = RunProgram("edge-dnn-energy",
                           "--quick --outputDir=" + (Dir() / "out").string() +
                               " --db=" + (Dir() / "energy.db").string());
        Rows() = ReadCsv(Dir() / "out" / "energy-pairs.csv");
    }

    /// Remove what the run wrote.
    static void TearDownTestSuite()
    {
        fs::remove_all(Dir());
    }

    /** \return the run's folder */
    static fs::path& Dir()
    {
        static fs::path dir;
        return dir;
    }

    /** \return what the run printed and its status */
    static ProgramRun& Run()
    {
        static ProgramRun run{"", -1};
        return run;
    }

    /** \return the CSV's rows */
    static std::vector<Row>& Rows()
    {
        static std::vector<Row> rows;
        return rows;
    }

    /**
     * \param model a network
     * \return its rows
     */
    static std::vector<Row> RowsOf(const std::string& model)
    {
        std::vector<Row> rows;
        for (const Row& r : Rows())
        {
            if (r.Text("model") == model)
            {
                rows.push_back(r);
            }
        }
        return rows;
    }

    /**
     * \param model a network
     * \param device a device split index
     * \param edge an edge split index
     * \return the row of that pair (fails the test if there is none)
     */
    static Row Pair(const std::string& model, uint32_t device, uint32_t edge)
    {
        for (const Row& r : RowsOf(model))
        {
            if (r.Number("device_split") == device && r.Number("edge_split") == edge)
            {
                return r;
            }
        }
        ADD_FAILURE() << model << " has no pair (" << device << ", " << edge << ")";
        return Row{};
    }
};

/// Every pair of each network measured, each frame answered, energy = radio + compute.
void
QuickRunMeasuresEveryPairOfEachNetwork()
{
    ASSERT_EQ(EnergyExample::Run().status, 0) << EnergyExample::Run().output;
    for (const std::string& model : MODELS)
    {
        const std::vector<Row> rows = EnergyExample::RowsOf(model);
        // --quick: 4 cuts, so 4 + 3 + 2 + 1 pairs with the device cut at or before the edge's.
        ASSERT_EQ(rows.size(), 10u) << model;
        for (const Row& r : rows)
        {
            EXPECT_LE(r.Number("device_split"), r.Number("edge_split"));
            EXPECT_EQ(r.Number("frames"), 2) << model;
            EXPECT_EQ(r.Number("answered"), 2) << model << " " << r.Text("device_layer");
            EXPECT_GT(r.Number("latency_s"), 0);
            EXPECT_NEAR(r.Number("energy_j"),
                        r.Number("radio_j") + r.Number("compute_j"),
                        1e-9 * r.Number("energy_j"));
        }
        EXPECT_NE(EnergyExample::Run().output.find(model +
                                                   ": 4 cuts, 10 pairs measured (10 with results); "
                                                   "Pareto front:"),
                  std::string::npos)
            << EnergyExample::Run().output;
    }
}

/// The front: no pair beats a front pair, a front pair beats or equals every other, and the fastest
/// and the most frugal pairs are on it.
void
FrontIsNonDominatedAndHoldsTheExtremes()
{
    ASSERT_EQ(EnergyExample::Run().status, 0) << EnergyExample::Run().output;
    for (const std::string& model : MODELS)
    {
        const std::vector<Row> rows = EnergyExample::RowsOf(model);
        ASSERT_FALSE(rows.empty()) << model;
        auto lat = [](const Row& r) { return r.Number("latency_s"); };
        auto energy = [](const Row& r) { return r.Number("energy_j"); };
        std::vector<Row> front;
        for (const Row& r : rows)
        {
            if (r.Number("on_front") == 1)
            {
                front.push_back(r);
            }
        }
        ASSERT_FALSE(front.empty()) << model;
        // No measured pair beats a front pair on both.
        for (const Row& f : front)
        {
            for (const Row& r : rows)
            {
                const bool dominates = lat(r) <= lat(f) && energy(r) <= energy(f) &&
                                       (lat(r) < lat(f) || energy(r) < energy(f));
                EXPECT_FALSE(dominates)
                    << model << ": (" << r.Text("device_layer") << ", " << r.Text("edge_layer")
                    << ") beats the front's (" << f.Text("device_layer") << ", "
                    << f.Text("edge_layer") << ")";
            }
        }
        // Every other pair is beaten (or equalled) by a front pair.
        for (const Row& r : rows)
        {
            if (r.Number("on_front") == 1)
            {
                continue;
            }
            const bool covered = std::any_of(front.begin(), front.end(), [&](const Row& f) {
                return lat(f) <= lat(r) && energy(f) <= energy(r);
            });
            EXPECT_TRUE(covered) << model << ": (" << r.Text("device_layer") << ", "
                                 << r.Text("edge_layer") << ") is neither on nor behind the front";
        }
        // The fastest pair and the most frugal pair are on it.
        const Row fastest =
            *std::min_element(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
                return lat(a) < lat(b) || (lat(a) == lat(b) && energy(a) < energy(b));
            });
        const Row frugal =
            *std::min_element(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
                return energy(a) < energy(b) || (energy(a) == energy(b) && lat(a) < lat(b));
            });
        EXPECT_EQ(fastest.Number("on_front"), 1) << model;
        EXPECT_EQ(frugal.Number("on_front"), 1) << model;
    }
}

/// The device compute energy per frame: active power x MACs / capacity, MACs by hand.
void
DeviceComputeEnergyIsThePowerModelByHand()
{
    ASSERT_EQ(EnergyExample::Run().status, 0) << EnergyExample::Run().output;
    // resnet18 up to layer1.1 on the camera (split index 18), and the whole network (69).
    for (const auto& [index, macs] :
         std::vector<std::pair<uint32_t, double>>{{18, 118013952.0 + 462422016.0},
                                                  {69, 1814073344.0}})
    {
        const Row r = EnergyExample::Pair("resnet18", index, 69);
        EXPECT_EQ(r.Number("device_macs"), macs);
        const double seconds = macs / DEVICE_CAPACITY; // the simulator rounds it to 1 ns
        EXPECT_NEAR(r.Number("device_compute_s"), seconds, 1e-9) << index;
        EXPECT_NEAR(r.Number("compute_j"), ACTIVE_POWER_W * seconds, ACTIVE_POWER_W * 1e-9)
            << index;
    }
    // Nothing on the camera: no compute energy per frame.
    EXPECT_EQ(EnergyExample::Pair("resnet18", 0, 69).Number("compute_j"), 0.0);
    EXPECT_EQ(EnergyExample::Pair("resnet18", 0, 0).Number("compute_j"), 0.0);
}

/// The radio energy per frame: at least the message's time on air at the TX current, at most half
/// as much again.
void
RadioEnergyIsAtLeastTheCutsTimeOnAir()
{
    ASSERT_EQ(EnergyExample::Run().status, 0) << EnergyExample::Run().output;
    // The radio sends each frame's message (the cut's bytes and the FRAME header) at 6 Mbit/s and
    // the model's TX current; the TCP/IP and 802.11 headers and the preambles add about 7 % for
    // 1448 B segments, retransmissions (after collisions with the access point's acknowledgements)
    // some more: 8 to 20 % in all in the quick run.
    for (const Row& r : EnergyExample::Rows())
    {
        const double bytes = r.Number("device_cut_bytes") + HEADER_BYTES;
        const double least = bytes * 8 / WIFI_BPS * TX_POWER_W;
        EXPECT_GE(r.Number("radio_j"), least) << r.Text("model") << " " << r.Text("device_layer");
        EXPECT_LE(r.Number("radio_j"), 1.5 * least)
            << r.Text("model") << " " << r.Text("device_layer");
        // The node's radio is more than its frames' (idle and receiving).
        EXPECT_GT(r.Number("node_radio_j"), r.Number("radio_j") * r.Number("answered"));
    }
    // The raw frame, by hand: 150,528 B + 133 B at 6 Mbit/s x 1.14 W = 0.2290 J at least.
    EXPECT_GE(EnergyExample::Pair("alexnet", 0, 0).Number("radio_j"), 0.2290);
}

/// The scheduler's choice: one measured pair (or none, the camera rejected), feasible by its model.
void
SchedulersChoiceIsAMeasuredPairWithinItsBound()
{
    ASSERT_EQ(EnergyExample::Run().status, 0) << EnergyExample::Run().output;
    for (const std::string& model : MODELS)
    {
        uint32_t chosen = 0;
        for (const Row& r : EnergyExample::RowsOf(model))
        {
            if (r.Number("chosen") != 1)
            {
                continue;
            }
            ++chosen;
            EXPECT_EQ(r.Number("predicted_feasible"), 1) << model;
            EXPECT_NE(EnergyExample::Run().output.find(
                          "ours (Q_j = 500 ms) chooses device cut " + r.Text("device_split") +
                          " (" + r.Text("device_layer") + "), edge cut " + r.Text("edge_split") +
                          " (" + r.Text("edge_layer") + ")"),
                      std::string::npos)
                << EnergyExample::Run().output;
        }
        const bool rejected =
            EnergyExample::Run().output.find(model + ": 4 cuts") != std::string::npos &&
            EnergyExample::Run().output.find("ours (Q_j = 500 ms): the camera is rejected") !=
                std::string::npos;
        EXPECT_TRUE(chosen == 1 || (chosen == 0 && rejected)) << model << ": " << chosen;
    }
}

/// The database: a finished run per pair, every frame, and the frames' energy the CSV reports.
void
RecordsEveryRunWithItsFramesEnergy()
{
    ASSERT_EQ(EnergyExample::Run().status, 0) << EnergyExample::Run().output;
    double frames = 0;
    double compute = 0;
    double radio = 0;
    for (const Row& r : EnergyExample::Rows())
    {
        frames += r.Number("answered");
        compute += r.Number("compute_j") * r.Number("answered");
        radio += r.Number("radio_j") * r.Number("answered");
    }
    SqliteDatabase sql((EnergyExample::Dir() / "energy.db").string(), SqliteDatabase::READ_ONLY);
    EXPECT_EQ(sql.QueryInt("SELECT COUNT(*) FROM runs WHERE finished = 1 AND scenario = 'energy'"),
              static_cast<int64_t>(EnergyExample::Rows().size()));
    EXPECT_EQ(sql.QueryInt("SELECT COUNT(*) FROM frames"), static_cast<int64_t>(frames));
    EXPECT_EQ(sql.QueryInt("SELECT COUNT(*) FROM frames WHERE status = 'completed' OR status = "
                           "'late'"),
              static_cast<int64_t>(frames));
    // Summed in the database in nanojoules, against the CSV's means times the frames.
    const double dbCompute =
        sql.QueryInt("SELECT CAST(ROUND(SUM(device_compute_j) * 1e9) AS INTEGER) FROM frames") /
        1e9;
    const double dbRadio =
        sql.QueryInt("SELECT CAST(ROUND(SUM(device_radio_j) * 1e9) AS INTEGER) FROM frames") / 1e9;
    EXPECT_NEAR(dbCompute, compute, 1e-6 * compute + 1e-8);
    EXPECT_NEAR(dbRadio, radio, 1e-6 * radio + 1e-8);
}

/// A plot per network (where gnuplot is installed).
void
PlotsEachNetwork()
{
    ASSERT_EQ(EnergyExample::Run().status, 0) << EnergyExample::Run().output;
    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        GTEST_SKIP() << "gnuplot is not installed";
    }
    for (const std::string& model : MODELS)
    {
        EXPECT_TRUE(fs::exists(EnergyExample::Dir() / "out" / ("energy-" + model + ".png")))
            << model;
        EXPECT_TRUE(fs::exists(EnergyExample::Dir() / "out" / ("energy-" + model + ".plt")))
            << model;
    }
}

} // namespace

// One test, one run of the program: ctest runs each test in a process of its own, and the quick run
// takes most of the time.
TEST_F(EnergyExample, QuickRunFrontEnergyChoiceAndRecord)
{
    ASSERT_EQ(Run().status, 0) << Run().output;
    {
        SCOPED_TRACE("QuickRunMeasuresEveryPairOfEachNetwork");
        QuickRunMeasuresEveryPairOfEachNetwork();
    }
    {
        SCOPED_TRACE("FrontIsNonDominatedAndHoldsTheExtremes");
        FrontIsNonDominatedAndHoldsTheExtremes();
    }
    {
        SCOPED_TRACE("DeviceComputeEnergyIsThePowerModelByHand");
        DeviceComputeEnergyIsThePowerModelByHand();
    }
    {
        SCOPED_TRACE("RadioEnergyIsAtLeastTheCutsTimeOnAir");
        RadioEnergyIsAtLeastTheCutsTimeOnAir();
    }
    {
        SCOPED_TRACE("SchedulersChoiceIsAMeasuredPairWithinItsBound");
        SchedulersChoiceIsAMeasuredPairWithinItsBound();
    }
    {
        SCOPED_TRACE("RecordsEveryRunWithItsFramesEnergy");
        RecordsEveryRunWithItsFramesEnergy();
    }
    {
        SCOPED_TRACE("PlotsEachNetwork");
        PlotsEachNetwork();
    }
}
