/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-assignment-verifier.h"

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
        const EdgeServer& e = servers[p.server];
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
        // Bytes crossing: the task's raw input replaces the profile's wherever it crosses.
        const std::string& inputName = points.front().name;
        double bytes = static_cast<double>(it->bytes);
        if (it->index == 0)
        {
            bytes = static_cast<double>(t.inputBytes);
        }
        else if (std::count(it->crossingTensors.begin(), it->crossingTensors.end(), inputName))
        {
            bytes += static_cast<double>(t.inputBytes) - static_cast<double>(points.front().bytes);
        }
        const double bits = bytes * 8.0;
        const bool measured = t.profile->GetCostUnit() == SplitCostUnit::SECONDS;
        const double edgeSeconds =
            measured ? it->edgeSeconds : static_cast<double>(it->edgeMacs) / e.computeMacsPerS;
        const double load = measured ? t.frameRate * it->edgeSeconds * e.computeMacsPerS
                                     : t.frameRate * static_cast<double>(it->edgeMacs);
        double fixed = 0.0;
        if (problem.GetLatencyModel() == LatencyModel::END_TO_END)
        {
            double cloudSeconds = 0.0;
            if (measured)
            {
                cloudSeconds = it->cloudSeconds;
            }
            else if (problem.GetCloudCapacity() > 0.0)
            {
                cloudSeconds = static_cast<double>(it->cloudMacs) / problem.GetCloudCapacity();
            }
            fixed = t.uplinkS + edgeSeconds + cloudSeconds + t.resultS;
        }
        // The least bandwidth meeting the QoS bound and keeping up with the frame rate.
        const double throughput = t.frameRate * bits;
        const double slack = t.deadlineS - fixed;
        if (!(slack > 0.0))
        {
            errors.push_back(who + "fixed latency " + Format(fixed) +
                             " s leaves no time for the transfer within " + Format(t.deadlineS) +
                             " s");
            continue;
        }
        const double needed = std::max(bits / slack, throughput);
        const double latency = fixed + (needed > 0.0 ? bits / needed : 0.0);
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
