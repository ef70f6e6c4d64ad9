/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Scheduler speed and quality. Targets: paper-offline and ours on 100,000 tasks x 1,000 servers
// (each task may use 10 of them; all 16 zoo networks with every split point) under 2 s each;
// paper-online under 50 us per decision with every task allowed on all 1,000 servers. Each is
// reported beside a baseline measured in the same run: building the pruned options (one pass
// over every split point of every task) for the offline ones, one scan over an arriving task's
// options for the online one. Then, not timed: ours against the LP bound on instances of 10
// servers with 300 and with 3,000 tasks (3 servers per task).

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-local-search-scheduler.h"
#include "ns3/edge-dnn-paper-offline-scheduler.h"
#include "ns3/edge-dnn-paper-online-scheduler.h"
#include "ns3/edge-dnn-scheduling-options.h"
#include "ns3/edge-dnn-task-scheduler.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>
#include <memory>
#include <random>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/**
 * \param rng random numbers
 * \param lo least
 * \param hi greatest
 * \return a uniform draw
 */
double
Uniform(std::mt19937_64& rng, double lo, double hi)
{
    return lo + (hi - lo) * (static_cast<double>(rng() >> 11) * 0x1.0p-53);
}

/** \return one shared split profile per zoo network (float32 features) */
const std::vector<std::shared_ptr<const SplitProfile>>&
ZooProfiles()
{
    static std::vector<std::shared_ptr<const SplitProfile>> profiles;
    if (profiles.empty())
    {
        for (const auto& name : CnnModelZoo::GetNames())
        {
            profiles.push_back(std::make_shared<const SplitProfile>(
                SplitProfile::FromModel(CnnModelZoo::Create(name))));
        }
    }
    return profiles;
}

/**
 * \brief A random instance with zoo networks.
 * \param seed seed
 * \param servers number of servers
 * \param tasks number of tasks
 * \param perTask servers each task may use (all if >= servers)
 * \param scale factor on the servers' capacities
 * \return the problem
 */
SchedulingProblem
Instance(uint64_t seed, uint32_t servers, uint32_t tasks, uint32_t perTask, double scale = 1.0)
{
    std::mt19937_64 rng(seed);
    SchedulingProblem problem;
    for (uint32_t i = 0; i < servers; ++i)
    {
        problem.AddServer({"e" + std::to_string(i),
                           scale * Uniform(rng, 2e11, 1e12),
                           scale * Uniform(rng, 1e8, 1e9),
                           0.8});
    }
    const auto& profiles = ZooProfiles();
    for (uint32_t j = 0; j < tasks; ++j)
    {
        SchedulingTask t;
        t.id = "t" + std::to_string(j);
        t.profile = profiles[rng() % profiles.size()];
        t.model = t.profile->GetModelName();
        t.frameRate = Uniform(rng, 1, 30);
        t.deadlineS = Uniform(rng, 0.05, 0.5);
        if (perTask >= servers)
        {
            for (uint32_t i = 0; i < servers; ++i)
            {
                t.servers.push_back(i);
            }
        }
        else
        {
            // A neighbourhood of consecutive servers around a random gateway.
            const uint32_t first = static_cast<uint32_t>(rng() % servers);
            for (uint32_t k = 0; k < perTask; ++k)
            {
                t.servers.push_back((first + k) % servers);
            }
        }
        problem.AddTask(t);
    }
    return problem;
}

/** \return the large instance (built once) */
const SchedulingProblem&
Large()
{
    static const SchedulingProblem problem = Instance(42, 1000, 100000, 10);
    return problem;
}

std::map<std::string, double> g_admitted; //!< admitted count by benchmark

/**
 * \brief Baseline: the pruned options of the large instance.
 * \param state benchmark state
 */
void
BuildOptions(benchmark::State& state)
{
    const SchedulingProblem& problem = Large();
    for (auto _ : state)
    {
        const SchedulingOptions options(problem);
        benchmark::DoNotOptimize(options.GetOptionCount());
    }
}

/**
 * \brief An algorithm on the large instance, options included.
 * \param state benchmark state
 * \param name the algorithm
 */
void
ScheduleLarge(benchmark::State& state, const std::string& name)
{
    const SchedulingProblem& problem = Large();
    uint32_t admitted = 0;
    for (auto _ : state)
    {
        admitted = TaskScheduler::Create(name)->Schedule(problem).GetAdmittedCount();
        benchmark::DoNotOptimize(admitted);
    }
    state.counters["admitted"] = admitted;
    g_admitted[name] = admitted;
}

/** \return the online instance: 1,000 servers, every task allowed on all of them */
const SchedulingProblem&
Online()
{
    static const SchedulingProblem problem = Instance(7, 1000, 2000, 1000);
    return problem;
}

/** \return the online instance's options */
const SchedulingOptions&
OnlineOptions()
{
    static const SchedulingOptions options(Online());
    return options;
}

/**
 * \brief One paper-online decision (loads reset, untimed, after every task has arrived).
 * \param state benchmark state
 */
void
OnlineDecision(benchmark::State& state)
{
    const SchedulingOptions& options = OnlineOptions();
    auto loads = std::make_unique<ServerLoads>(Online());
    uint32_t j = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(PaperOnlineScheduler::Decide(options, j, *loads));
        if (++j == Online().GetTaskCount())
        {
            state.PauseTiming();
            j = 0;
            loads = std::make_unique<ServerLoads>(Online());
            state.ResumeTiming();
        }
    }
}

/**
 * \brief One paper-online decision through the online interface (TaskScheduler::DecideOnline, as
 * SchedulerHelper::ScheduleOnline makes it); restarted, untimed, after every task has arrived.
 * Each restart rebuilds the options in fresh memory, which alone makes the decisions after it
 * about twice as slow as OnlineDecision's on its long-lived options (measured: the direct decision
 * with rebuilt options costs within 10 % of this one), so compare it with the target, not with
 * OnlineDecision.
 * \param state benchmark state
 */
void
OnlineDecisionInterface(benchmark::State& state)
{
    Ptr<TaskScheduler> scheduler = TaskScheduler::Create("paper-online");
    scheduler->StartOnline(Online());
    uint32_t j = 0;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(scheduler->DecideOnline(j));
        if (++j == Online().GetTaskCount())
        {
            state.PauseTiming();
            j = 0;
            scheduler->StartOnline(Online());
            state.ResumeTiming();
        }
    }
}

/**
 * \brief Baseline: one scan over an arriving task's options (sum of bandwidths).
 * \param state benchmark state
 */
void
OnlineScan(benchmark::State& state)
{
    const SchedulingOptions& options = OnlineOptions();
    uint32_t j = 0;
    for (auto _ : state)
    {
        double sum = 0;
        for (uint32_t s = 0; s < options.GetSlotCount(j); ++s)
        {
            for (const SchedulingOption& o : options.Get(j, s))
            {
                sum += o.bandwidthBps;
            }
        }
        benchmark::DoNotOptimize(sum);
        j = (j + 1) % Online().GetTaskCount();
    }
}

/**
 * \brief The console reporter, keeping real times in seconds.
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
            seconds[run.benchmark_name()] =
                run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
        }
    }

    std::map<std::string, double> seconds; //!< seconds per iteration by benchmark name
};

} // namespace

int
main(int argc, char* argv[])
{
    benchmark::RegisterBenchmark("BuildOptions/100k-tasks/1k-servers", BuildOptions)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("PaperOffline/100k-tasks/1k-servers",
                                 ScheduleLarge,
                                 std::string("paper-offline"))
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("Ours/100k-tasks/1k-servers", ScheduleLarge, std::string("ours"))
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("OnlineScan/1k-servers", OnlineScan)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("PaperOnlineDecision/1k-servers", OnlineDecision)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark("PaperOnlineDecideOnline/1k-servers", OnlineDecisionInterface)
        ->Unit(benchmark::kMicrosecond);
    benchmark::Initialize(&argc, argv);
    SummaryReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    auto& t = reporter.seconds;
    const double options = t["BuildOptions/100k-tasks/1k-servers"];
    for (const char* name : {"PaperOffline", "Ours"})
    {
        const std::string key = std::string(name) + "/100k-tasks/1k-servers";
        if (t.count(key))
        {
            std::printf("%s, 100,000 tasks x 1,000 servers: %.3f s = %.2f x building the options "
                        "(%.3f s, same run); target < 2 s: %s\n",
                        name,
                        t[key],
                        t[key] / options,
                        options,
                        t[key] < 2.0 ? "met" : "MISSED");
        }
    }
    if (t.count("PaperOnlineDecision/1k-servers"))
    {
        const double decision = t["PaperOnlineDecision/1k-servers"];
        const double scan = t["OnlineScan/1k-servers"];
        std::printf("paper-online, one decision with 1,000 servers: %.2f us = %.2f x scanning the "
                    "task's options (%.2f us, same run); target < 50 us: %s\n",
                    decision * 1e6,
                    decision / scan,
                    scan * 1e6,
                    decision < 50e-6 ? "met" : "MISSED");
        if (t.count("PaperOnlineDecideOnline/1k-servers"))
        {
            const double viaInterface = t["PaperOnlineDecideOnline/1k-servers"];
            std::printf("paper-online through TaskScheduler::DecideOnline, options rebuilt at each "
                        "restart: %.2f us; target < 50 us: %s\n",
                        viaInterface * 1e6,
                        viaInterface < 50e-6 ? "met" : "MISSED");
        }
    }
    for (const auto& [name, n] : g_admitted)
    {
        std::printf("%s admitted %.0f of 100,000 tasks\n", name.c_str(), n);
    }
    benchmark::Shutdown();

    // Quality against the LP bound (not timed), at two scales of 10 servers with 3 servers per task
    // and capacities that admit about two thirds of the tasks: 300 tasks (about 20 per server: the
    // LP's integrality gap alone is several percent there; exact, given a minute, finds at most a
    // task or two more than ours on such instances) and 3,000 tasks (about 200 per server), where
    // the target applies.
    if (TaskScheduler::HaveLpSolver())
    {
        struct Scale
        {
            uint32_t tasks;  //!< tasks per instance
            double capacity; //!< capacity factor
            int instances;   //!< instances
            bool target;     //!< the 97 % target applies
        };

        for (const Scale& scale : {Scale{300, 0.2, 20, false}, Scale{3000, 2.0, 5, true}})
        {
            double ours = 0;
            double offline = 0;
            double online = 0;
            double bound = 0;
            double worst = 1;
            double tasks = 0;
            for (int k = 0; k < scale.instances; ++k)
            {
                const SchedulingProblem problem =
                    Instance(1000 + k, 10, scale.tasks, 3, scale.capacity);
                const double b = TaskScheduler::Create("lp-bound")->Schedule(problem).GetBound();
                const double o =
                    TaskScheduler::Create("ours")->Schedule(problem).GetAdmittedCount();
                offline +=
                    TaskScheduler::Create("paper-offline")->Schedule(problem).GetAdmittedCount();
                online +=
                    TaskScheduler::Create("paper-online")->Schedule(problem).GetAdmittedCount();
                ours += o;
                tasks += problem.GetTaskCount();
                bound += b;
                worst = std::min(worst, o / b);
            }
            std::printf(
                "quality, %d instances of 10 servers and %u tasks (3 servers per task, zoo "
                "networks, LP bound %.1f %% of the tasks): ours = %.2f %% of the LP bound in "
                "aggregate (worst instance %.2f %%), paper-offline %.2f %%, paper-online "
                "%.2f %%; target >= 97 %%: %s\n",
                scale.instances,
                scale.tasks,
                100 * bound / tasks,
                100 * ours / bound,
                100 * worst,
                100 * offline / bound,
                100 * online / bound,
                !scale.target          ? "not applied at this scale"
                : ours / bound >= 0.97 ? "met"
                                       : "MISSED");
        }
    }
    return 0;
}
