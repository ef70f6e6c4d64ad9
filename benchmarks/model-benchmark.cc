/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Building a zoo network and computing all its split points. Target: under 5 ms for the largest
// network (most layers). Each network is reported beside the cost of merely copying its finished
// model, a baseline measured in the same run, so the ratio is meaningful on a noisy machine.

#include "ns3/cnn-model-zoo.h"
#include "ns3/split-profile.h"

#include <benchmark/benchmark.h>

using namespace ns3;

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
 * \return 0
 */
int
Register()
{
    for (const auto& name : CnnModelZoo::GetNames())
    {
        benchmark::RegisterBenchmark(("BuildAndSplit/" + name).c_str(), BuildAndSplit, name)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("CopyModel/" + name).c_str(), CopyModel, name)
            ->Unit(benchmark::kMillisecond);
    }
    return 0;
}

/// Registration at start-up.
const int g_registered = Register();

} // namespace

BENCHMARK_MAIN();
