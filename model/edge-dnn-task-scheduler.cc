/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-task-scheduler.h"

#include "edge-dnn-error.h"
#include "edge-dnn-fixed-split-scheduler.h"
#include "edge-dnn-latency-greedy-scheduler.h"
#include "edge-dnn-local-search-scheduler.h"
#include "edge-dnn-paper-offline-scheduler.h"
#include "edge-dnn-paper-online-scheduler.h"
#include "edge-dnn-random-scheduler.h"

#ifdef EDGE_DNN_HAVE_LPSOLVE
#include "edge-dnn-lp-scheduler.h"
#endif

#include <cmath>

namespace ns3
{
namespace edgednn
{

TaskScheduler::~TaskScheduler()
{
}

bool
TaskScheduler::HaveLpSolver()
{
#ifdef EDGE_DNN_HAVE_LPSOLVE
    return true;
#else
    return false;
#endif
}

std::vector<std::string>
TaskScheduler::GetNames()
{
    std::vector<std::string> names = {"paper-offline",
                                      "paper-online",
                                      "ours",
                                      "cloud-only",
                                      "edge-only",
                                      "fixed-split",
                                      "random",
                                      "latency-greedy"};
    if (HaveLpSolver())
    {
        names.push_back("lp-bound");
        names.push_back("exact");
    }
    return names;
}

std::unique_ptr<TaskScheduler>
TaskScheduler::Create(const std::string& name)
{
    if (name == "paper-offline")
    {
        return std::make_unique<PaperOfflineScheduler>();
    }
    if (name == "paper-online")
    {
        return std::make_unique<PaperOnlineScheduler>();
    }
    if (name == "ours")
    {
        return std::make_unique<LocalSearchScheduler>();
    }
    if (name == "cloud-only")
    {
        return std::make_unique<FixedSplitScheduler>(FixedSplitScheduler::CLOUD_ONLY);
    }
    if (name == "edge-only")
    {
        return std::make_unique<FixedSplitScheduler>(FixedSplitScheduler::EDGE_ONLY);
    }
    if (name == "fixed-split")
    {
        return std::make_unique<FixedSplitScheduler>(FixedSplitScheduler::FIXED);
    }
    if (name == "random")
    {
        return std::make_unique<RandomScheduler>();
    }
    if (name == "latency-greedy")
    {
        return std::make_unique<LatencyGreedyScheduler>();
    }
#ifdef EDGE_DNN_HAVE_LPSOLVE
    if (name == "lp-bound")
    {
        return std::make_unique<LpScheduler>(LpScheduler::LP_BOUND);
    }
    if (name == "exact")
    {
        return std::make_unique<LpScheduler>(LpScheduler::EXACT);
    }
#else
    if (name == "lp-bound" || name == "exact")
    {
        throw EdgeDnnError("algorithm '" + name +
                           "' needs lp_solve, which this build of edge-dnn does not have "
                           "(Debian: liblpsolve55-dev)");
    }
#endif
    std::string known;
    for (const auto& n : GetNames())
    {
        known += (known.empty() ? "" : ", ") + n;
    }
    throw EdgeDnnError("unknown scheduling algorithm '" + name + "'; expected one of " + known);
}

void
TaskScheduler::SetSeed(uint64_t seed)
{
    m_seed = seed;
}

void
TaskScheduler::SetFixedSplitIndex(uint32_t index)
{
    m_fixedSplitIndex = index;
}

void
TaskScheduler::SetTimeLimit(double seconds)
{
    if (!(std::isfinite(seconds) && seconds > 0))
    {
        throw EdgeDnnError("time limit must be > 0 s");
    }
    m_timeLimitS = seconds;
}

} // namespace edgednn
} // namespace ns3
