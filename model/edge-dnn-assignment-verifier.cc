/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-assignment-verifier.h"

#include "edge-dnn-error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/// Relative tolerance of sums and reported numbers.
constexpr double TOLERANCE = 1e-9;

/**
 * \param a a number
 * \param b another
 * \return true if they agree within the tolerance
 */
bool
Close(double a, double b)
{
    return std::fabs(a - b) <= TOLERANCE * std::max({1.0, std::fabs(a), std::fabs(b)});
}

/**
 * \param x a number
 * \return it with up to 10 significant digits, no exponent below 1e10
 */
std::string
Format(double x)
{
    std::ostringstream os;
    os.precision(10);
    os << x;
    return os.str();
}

} // namespace

std::vector<std::string>
AssignmentVerifier::Check(const SchedulingProblem& problem, const Assignment& assignment)
{
    std::vector<std::string> errors;
    const auto& tasks = problem.GetTasks();
    const auto& servers = problem.GetServers();
    const auto& placements = assignment.GetPlacements();
    if (placements.size() != tasks.size())
    {
        errors.push_back("the assignment has " + std::to_string(placements.size()) +
                         " placements for " + std::to_string(tasks.size()) + " tasks");
        return errors;
    }
    std::vector<double> bandwidth(servers.size(), 0.0);
    std::vector<double> compute(servers.size(), 0.0);
    for (std::size_t j = 0; j < tasks.size(); ++j)
    {
        const TaskPlacement& p = placements[j];
        const SchedulingTask& t = tasks[j];
        const std::string who = "task '" + t.id + "': ";
        if (!p.admitted)
        {
            continue;
        }
        if (p.server >= servers.size() ||
            std::find(t.servers.begin(), t.servers.end(), p.server) == t.servers.end())
        {
            errors.push_back(who + "placed on server index " + std::to_string(p.server) +
                             ", which it may not use");
            continue;
        }
        const auto& points = t.profile->GetSplitPoints();
        auto it = std::find_if(points.begin(), points.end(), [&p](const SplitPoint& s) {
            return s.index == p.splitIndex;
        });
        if (it == points.end())
        {
            errors.push_back(who + "split index " + std::to_string(p.splitIndex) +
                             " is not a split point of " + t.model);
            continue;
        }
        const SplitPoint* device = t.profile->FindSplitPoint(p.deviceSplitIndex);
        if (device == nullptr)
        {
            errors.push_back(who + "device split index " + std::to_string(p.deviceSplitIndex) +
                             " is not a split point of " + t.model);
            continue;
        }
        // What the choice needs, from the cost model the scheduler and the simulation share.
        TaskDemand demand;
        try
        {
            demand = problem.ComputeDemand(static_cast<uint32_t>(j), p.server, *it, *device);
        }
        catch (const EdgeDnnError& e)
        {
            errors.push_back(who + e.what());
            continue;
        }
        if (!(t.frameRate * demand.deviceComputeS <= 1.0))
        {
            errors.push_back(who + "its device takes " + Format(demand.deviceComputeS) +
                             " s for its prefix, more than the " + Format(1.0 / t.frameRate) +
                             " s between its frames");
        }
        const double load = demand.computeMacsPerS;
        if (std::isinf(demand.bandwidthBps))
        {
            errors.push_back(who + "its fixed latency of " + Format(demand.latencyS) +
                             " s leaves no time for the transfer within " + Format(t.deadlineS) +
                             " s");
            continue;
        }
        const double needed = demand.bandwidthBps;
        const double latency = demand.latencyS;
        if (latency > t.deadlineS * (1 + TOLERANCE))
        {
            errors.push_back(who + "latency " + Format(latency) + " s exceeds " +
                             Format(t.deadlineS) + " s");
        }
        if (!Close(p.bandwidthBps, needed))
        {
            errors.push_back(who + "reports " + Format(p.bandwidthBps) + " bit/s, but needs " +
                             Format(needed));
        }
        if (!Close(p.computeMacsPerS, load))
        {
            errors.push_back(who + "reports " + Format(p.computeMacsPerS) + " MAC/s, but puts " +
                             Format(load) + " on the server");
        }
        if (!Close(p.latencyS, latency))
        {
            errors.push_back(who + "reports a latency of " + Format(p.latencyS) + " s, but has " +
                             Format(latency));
        }
        bandwidth[p.server] += needed;
        compute[p.server] += load;
    }
    for (std::size_t i = 0; i < servers.size(); ++i)
    {
        const EdgeServer& e = servers[i];
        const double capacity = e.usableShare * e.uplinkBps;
        if (bandwidth[i] > capacity * (1 + TOLERANCE))
        {
            errors.push_back("server '" + e.id + "': bandwidth " + Format(bandwidth[i]) +
                             " bit/s exceeds V*b = " + Format(capacity));
        }
        if (compute[i] > e.computeMacsPerS * (1 + TOLERANCE))
        {
            errors.push_back("server '" + e.id + "': compute " + Format(compute[i]) +
                             " MAC/s exceeds c = " + Format(e.computeMacsPerS));
        }
    }
    return errors;
}

} // namespace edgednn
} // namespace ns3
