/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Building a zoo network and computing all its split points. Target: under 5 ms for the largest
// network (most layers). Each network is reported beside the cost of merely copying its finished
// model, a baseline measured in the same run, so the ratio is meaningful on a noisy machine.
// A 10,000-branch concat read from JSON (every branch crosses the cuts between its producer and
// the concat) is reported beside a 10,000-layer chain (one tensor per cut), time and peak memory.

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-layer-graph-format.h"
#include "ns3/edge-dnn-split-profile.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/**
 * \brief Build a network and compute its split points.
 * \param state benchmark state
 * \param name network name
 */
void
BuildAndSplit(benchmark::State& state, const std::string& name)
{
    std::size_t points = 0;
    for (auto _ : state)
    {
        const CnnModel model = CnnModelZoo::Create(name);
        const SplitProfile profile = SplitProfile::FromModel(model);
        points = profile.GetSplitPointCount();
        benchmark::DoNotOptimize(points);
    }
    state.counters["split_points"] = static_cast<double>(points);
}

/**
 * \brief Baseline: copy the finished model (allocation of the same graph, no inference).
 * \param state benchmark state
 * \param name network name
 */
void
CopyModel(benchmark::State& state, const std::string& name)
{
    const CnnModel model = CnnModelZoo::Create(name);
    for (auto _ : state)
    {
        CnnModel copy = model;
        benchmark::DoNotOptimize(copy);
    }
}

/// Layers of the wide graphs: branches of the concat, length of the chain.
constexpr std::size_t WIDE_LAYERS = 10000;

/**
 * \brief A layer graph as JSON: an input, WIDE_LAYERS activations, and a concat of them all
 * (branches) or of the last one (chain).
 * \param branches true for the 10,000-branch concat, false for the 10,000-layer chain
 * \return the document
 */
std::string
WideGraph(bool branches)
{
    std::string json = R"({"name": "wide", "layers": [)"
                       R"({"name": "input", "type": "input", "shape": [1, 8, 8]})";
    std::string all;
    for (std::size_t i = 0; i < WIDE_LAYERS; ++i)
    {
        const std::string name = "b" + std::to_string(i);
        const std::string from = branches || i == 0 ? "input" : "b" + std::to_string(i - 1);
        json += R"(, {"name": ")" + name + R"(", "type": "activation", "inputs": [")" + from +
                R"("], "function": "relu"})";
        all += (all.empty() ? "\"" : ", \"") + name + "\"";
    }
    json += R"(, {"name": "cat", "type": "concat", "inputs": [)" +
            (branches ? all : "\"b" + std::to_string(WIDE_LAYERS - 1) + "\"") + "]}]}";
    return json;
}

/**
 * \brief Read a wide layer graph and compute all its split points, as the probe did.
 * \param json the document
 * \return the number of split points
 */
std::size_t
ReadAndSplit(const std::string& json)
{
    return SplitProfile::FromModel(LayerGraphFormat::Parse(json, "wide.json")).GetSplitPointCount();
}

/**
 * \brief Read a wide layer graph and compute its split points.
 * \param state benchmark state
 * \param branches true for the 10,000-branch concat, false for the 10,000-layer chain baseline
 */
void
WideReadAndSplit(benchmark::State& state, bool branches)
{
    const std::string json = WideGraph(branches);
    std::size_t points = 0;
    for (auto _ : state)
    {
        points = ReadAndSplit(json);
        benchmark::DoNotOptimize(points);
    }
    state.counters["split_points"] = static_cast<double>(points);
    state.counters["json_bytes"] = static_cast<double>(json.size());
}

/**
 * \brief Peak memory of reading a wide graph and splitting it once, in a child process of its own
 * (getrusage's maximum resident set size is a high-water mark per process, and a forked child
 * starts from its parent's resident set: the figure is the child's growth above it).
 * \param branches true for the 10,000-branch concat, false for the 10,000-layer chain
 * \return the peak growth of the resident set in MB, or -1 if the child failed
 */
double
WidePeakMegabytes(bool branches)
{
    const std::string json = WideGraph(branches); // built before the fork: resident already
    int fds[2];
    if (pipe(fds) != 0)
    {
        return -1;
    }
    const pid_t child = fork();
    if (child == 0)
    {
        close(fds[0]);

        struct rusage before
        {
        };

        struct rusage after
        {
        };

        getrusage(RUSAGE_SELF, &before);
        const bool ok = ReadAndSplit(json) == WIDE_LAYERS + 2;
        getrusage(RUSAGE_SELF, &after);
        const long grownKb = after.ru_maxrss - before.ru_maxrss; // kB on Linux
        const bool written = write(fds[1], &grownKb, sizeof(grownKb)) == sizeof(grownKb);
        _exit(ok && written ? 0 : 1);
    }
    close(fds[1]);
    long grownKb = -1024;
    const bool read = child > 0 && ::read(fds[0], &grownKb, sizeof(grownKb)) == sizeof(grownKb);
    close(fds[0]);
    int status = 0;
    if (!read || child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
    {
        return -1;
    }
    return static_cast<double>(grownKb) / 1024.0;
}

/**
 * \brief Register a pair of benchmarks per network, and the wide graphs.
 */
void
Register()
{
    benchmark::RegisterBenchmark("WideReadAndSplit/concat_10000_branches", WideReadAndSplit, true)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("WideReadAndSplit/chain_10000_layers", WideReadAndSplit, false)
        ->Unit(benchmark::kMillisecond);
    for (const auto& name : CnnModelZoo::GetNames())
    {
        benchmark::RegisterBenchmark(("BuildAndSplit/" + name).c_str(), BuildAndSplit, name)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("CopyModel/" + name).c_str(), CopyModel, name)
            ->Unit(benchmark::kMillisecond);
    }
}

/**
 * \brief The console reporter, keeping each benchmark's real time per iteration for the summary.
 */
class SummaryReporter : public benchmark::ConsoleReporter
{
  public:
    /**
     * \brief Print and keep the runs.
     * \param runs finished runs
     */
    void ReportRuns(const std::vector<Run>& runs) override
    {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs)
        {
            times[run.benchmark_name()] = run.GetAdjustedRealTime(); // in the run's time unit (ms)
        }
    }

    std::map<std::string, double> times; //!< milliseconds per iteration by benchmark name
};

} // namespace

int
main(int argc, char* argv[])
{
    // Peak memory first, while the process's heap is small: a child forked later would reuse the
    // heap the benchmarks freed and grow less than the work needs.
    const double concatPeak = WidePeakMegabytes(true);
    const double chainPeak = WidePeakMegabytes(false);
    Register();
    benchmark::Initialize(&argc, argv);
    SummaryReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);

    // The largest network: the one with the most layers.
    std::string largest;
    std::size_t layers = 0;
    for (const auto& name : CnnModelZoo::GetNames())
    {
        const std::size_t n = CnnModelZoo::Create(name).GetLayerCount();
        if (n > layers && reporter.times.count("BuildAndSplit/" + name))
        {
            largest = name;
            layers = n;
        }
    }
    if (!largest.empty())
    {
        const double build = reporter.times["BuildAndSplit/" + largest];
        const double copy = reporter.times["CopyModel/" + largest];
        std::printf(
            "\nlargest network: %s (%zu layers): build + all split points %.3f ms = %.1f x copying "
            "the finished model (%.3f ms, same run); target < 5 ms: %s\n",
            largest.c_str(),
            layers,
            build,
            build / copy,
            copy,
            build < 5.0 ? "met" : "MISSED");
    }
    const std::string concat = "WideReadAndSplit/concat_10000_branches";
    const std::string chain = "WideReadAndSplit/chain_10000_layers";
    if (reporter.times.count(concat) && reporter.times.count(chain))
    {
        std::printf(
            "\n10,000-branch concat (%.0f KB of JSON): read + all split points %.1f ms, peak "
            "+%.1f MB; 10,000-layer chain (baseline, same run): %.1f ms, peak +%.1f MB; "
            "ratio %.2f x time, %.2f x memory (before the shared crossing table: 2.0 GB, "
            "10.7 s)\n",
            static_cast<double>(WideGraph(true).size()) / 1000.0,
            reporter.times[concat],
            concatPeak,
            reporter.times[chain],
            chainPeak,
            reporter.times[concat] / reporter.times[chain],
            concatPeak / chainPeak);
    }
    benchmark::Shutdown();
    return 0;
}
