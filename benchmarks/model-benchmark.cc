/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Building a zoo network and computing all its split points. Target: under 5 ms for the largest
// network (most layers). Each network is reported beside the cost of merely copying its finished
// model, a baseline measured in the same run, so the ratio is meaningful on a noisy machine.

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-split-profile.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>

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

/**
 * \brief Register a pair of benchmarks per network.
 */
void
Register()
{
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
    benchmark::Shutdown();
    return 0;
}
