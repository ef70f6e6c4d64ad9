/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-local-search-scheduler.h"

#include "edge-dnn-paper-offline-scheduler.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("LocalSearchScheduler");

NS_OBJECT_ENSURE_REGISTERED(LocalSearchScheduler);

EDGE_DNN_SCHEDULER_NAME(LocalSearch, "local-search", "ns3::LocalSearchScheduler", {}, 31);
EDGE_DNN_SCHEDULER_NAME(Ours, "ours", "ns3::LocalSearchScheduler", {}, 30);

namespace
{

/// No task: the re-balance has no newcomer.
constexpr uint32_t NO_TASK = std::numeric_limits<uint32_t>::max();

/**
 * \brief The state of the search: choices, loads, and the tasks on each server.
 */
class Search
{
  public:
    /**
     * \brief Start from choices.
     * \param options the options
     * \param loads the loads of the choices
     * \param choices the choices
     * \param budget work budget
     */
    Search(const SchedulingOptions& options,
           ServerLoads& loads,
           std::vector<OptionChoice>& choices,
           uint64_t budget)
        : m_options(options),
          m_loads(loads),
          m_choices(choices),
          m_budget(budget),
          m_members(0)
    {
        uint32_t servers = 0;
        for (uint32_t j = 0; j < choices.size(); ++j)
        {
            for (uint32_t s = 0; s < options.GetSlotCount(j); ++s)
            {
                servers = std::max(servers, options.GetServer(j, s) + 1);
            }
        }
        m_members.resize(servers);
        m_minSize.assign(servers, 0.0);
        for (uint32_t j = 0; j < choices.size(); ++j)
        {
            if (choices[j].slot >= 0)
            {
                const uint32_t i = options.GetServer(j, choices[j].slot);
                m_members[i].push_back(j);
                m_minSize[i] += MinSize(j, choices[j].slot);
            }
        }
    }

    /**
     * \brief Run the rounds.
     * \return tasks added
     */
    uint32_t Run()
    {
        const std::vector<double> need = PaperOfflineScheduler::Needs(m_options, m_loads);
        std::vector<uint32_t> order(need.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&need](uint32_t a, uint32_t b) {
            return need[a] < need[b];
        });
        while (order.size() > 0 && need[order.back()] == std::numeric_limits<double>::infinity())
        {
            order.pop_back();
        }
        uint32_t added = 0;
        for (int round = 0; round < 8 && m_budget > 0; ++round)
        {
            for (uint32_t i = 0; i < m_members.size() && m_budget > 0; ++i)
            {
                if (!m_members[i].empty())
                {
                    Rebalance(i, NO_TASK, 0);
                }
            }
            uint32_t addedNow = 0;
            for (uint32_t j : order)
            {
                if (m_budget == 0)
                {
                    break;
                }
                if (m_choices[j].slot < 0 && Insert(j))
                {
                    ++addedNow;
                }
            }
            NS_LOG_INFO("round " << round << ": " << addedNow << " tasks added");
            added += addedNow;
            if (addedNow == 0)
            {
                break;
            }
        }
        return added;
    }

  private:
    /**
     * \param j a task
     * \param slot one of its slots
     * \return its least nb + nc there
     */
    double MinSize(uint32_t j, uint32_t slot) const
    {
        const uint32_t i = m_options.GetServer(j, slot);
        double best = std::numeric_limits<double>::infinity();
        for (const SchedulingOption& o : m_options.Get(j, slot))
        {
            best = std::min(best,
                            o.bandwidthBps * m_loads.GetInverseBandwidthCapacity(i) +
                                o.computeMacsPerS * m_loads.GetInverseComputeCapacity(i));
        }
        return best;
    }

    /**
     * \brief Place a rejected task, directly or with a re-balance of one of its servers.
     * \param j the task
     * \return true if placed
     */
    bool Insert(uint32_t j)
    {
        const OptionChoice c = PaperOfflineScheduler::BestFit(m_options, j, m_loads);
        m_budget -= std::min<uint64_t>(m_budget, 16);
        if (c.slot >= 0)
        {
            const uint32_t i = m_options.GetServer(j, c.slot);
            const SchedulingOption& o = m_options.Get(j, c.slot)[c.option];
            m_loads.Add(i, o.bandwidthBps, o.computeMacsPerS);
            m_choices[j] = c;
            m_members[i].push_back(j);
            m_minSize[i] += MinSize(j, c.slot);
            return true;
        }
        for (uint32_t s = 0; s < m_options.GetSlotCount(j); ++s)
        {
            const uint32_t i = m_options.GetServer(j, s);
            if (m_options.Get(j, s).size == 0)
            {
                continue;
            }
            // max(B, C) >= (B + C) / 2 >= (sum of least sizes) / 2: hopeless above 2.
            const double size = MinSize(j, s);
            if (m_minSize[i] + size > 2.0)
            {
                continue;
            }
            if (Rebalance(i, j, s))
            {
                m_minSize[i] += size;
                return true;
            }
        }
        return false;
    }

    /**
     * \brief Re-choose the split points of a server's tasks (and a newcomer's).
     * \param i the server
     * \param newcomer a task to add, or NO_TASK to only balance
     * \param newcomerSlot its slot for server i
     * \return true if the change was made (the newcomer placed, or the max load reduced)
     */
    bool Rebalance(uint32_t i, uint32_t newcomer, uint32_t newcomerSlot)
    {
        std::vector<uint32_t>& members = m_members[i];
        const double ib = m_loads.GetInverseBandwidthCapacity(i);
        const double ic = m_loads.GetInverseComputeCapacity(i);
        m_spans.clear();
        uint64_t size = 0;
        for (uint32_t k : members)
        {
            m_spans.push_back(m_options.Get(k, m_choices[k].slot));
            size += m_spans.back().size;
        }
        if (newcomer != NO_TASK)
        {
            m_spans.push_back(m_options.Get(newcomer, newcomerSlot));
            size += m_spans.back().size;
        }
        const uint64_t cost = 50 * size;
        if (cost > m_budget)
        {
            m_budget = 0;
            return false;
        }
        m_budget -= cost;
        const std::size_t n = m_spans.size();

        // Each task's option minimising lambda nb + (1 - lambda) nc; normalised sums.
        auto pick = [&](double lambda, std::vector<uint32_t>& picks, double& b, double& c) {
            picks.resize(n);
            b = 0;
            c = 0;
            for (std::size_t k = 0; k < n; ++k)
            {
                const OptionSpan& span = m_spans[k];
                uint32_t best = 0;
                double bestCost = std::numeric_limits<double>::infinity();
                for (uint32_t q = 0; q < span.size; ++q)
                {
                    const double v = lambda * span[q].bandwidthBps * ib +
                                     (1 - lambda) * span[q].computeMacsPerS * ic;
                    if (v < bestCost)
                    {
                        bestCost = v;
                        best = q;
                    }
                }
                picks[k] = best;
                b += span[best].bandwidthBps * ib;
                c += span[best].computeMacsPerS * ic;
            }
        };

        double bLo;
        double cLo;
        double bHi;
        double cHi;
        pick(0.0, m_lo, bLo, cLo);
        pick(1.0, m_hi, bHi, cHi);
        if (bLo <= cLo)
        {
            m_hi = m_lo; // the least compute already has bandwidth below it: optimal
        }
        else if (cHi < bHi)
        {
            m_lo = m_hi; // the least bandwidth already has compute below it: optimal
        }
        else
        {
            double lo = 0.0;
            double hi = 1.0;
            for (int it = 0; it < 40; ++it)
            {
                const double mid = 0.5 * (lo + hi);
                double b;
                double c;
                pick(mid, m_mid, b, c);
                if (b > c)
                {
                    lo = mid;
                    m_lo.swap(m_mid);
                }
                else
                {
                    hi = mid;
                    m_hi.swap(m_mid);
                }
            }
            // Between the two sides, flip the tasks that differ one by one while it helps.
            double b = 0;
            double c = 0;
            for (std::size_t k = 0; k < n; ++k)
            {
                b += m_spans[k][m_lo[k]].bandwidthBps * ib;
                c += m_spans[k][m_lo[k]].computeMacsPerS * ic;
            }
            for (std::size_t k = 0; k < n; ++k)
            {
                if (m_lo[k] == m_hi[k])
                {
                    continue;
                }
                const SchedulingOption& from = m_spans[k][m_lo[k]];
                const SchedulingOption& to = m_spans[k][m_hi[k]];
                const double b2 = b + (to.bandwidthBps - from.bandwidthBps) * ib;
                const double c2 = c + (to.computeMacsPerS - from.computeMacsPerS) * ic;
                if (std::max(b2, c2) < std::max(b, c))
                {
                    m_lo[k] = m_hi[k];
                    b = b2;
                    c = c2;
                }
            }
        }
        // The better of the two candidates, by exact sums.
        double best = std::numeric_limits<double>::infinity();
        const std::vector<uint32_t>* chosen = nullptr;
        double bandwidth = 0;
        double compute = 0;
        for (const std::vector<uint32_t>* picks : {&m_lo, &m_hi})
        {
            double bw = 0;
            double cp = 0;
            for (std::size_t k = 0; k < n; ++k)
            {
                bw += m_spans[k][(*picks)[k]].bandwidthBps;
                cp += m_spans[k][(*picks)[k]].computeMacsPerS;
            }
            const double max = std::max(bw * ib, cp * ic);
            if (bw <= m_loads.GetBandwidthCapacity(i) && cp <= m_loads.GetComputeCapacity(i) &&
                max < best)
            {
                best = max;
                chosen = picks;
                bandwidth = bw;
                compute = cp;
            }
        }
        if (chosen == nullptr)
        {
            return false;
        }
        if (newcomer == NO_TASK)
        {
            const double now = std::max(m_loads.GetBandwidth(i) * ib, m_loads.GetCompute(i) * ic);
            if (!(best < now - 1e-12))
            {
                return false;
            }
        }
        for (std::size_t k = 0; k < members.size(); ++k)
        {
            m_choices[members[k]].option = (*chosen)[k];
        }
        if (newcomer != NO_TASK)
        {
            m_choices[newcomer].slot = static_cast<int32_t>(newcomerSlot);
            m_choices[newcomer].option = (*chosen)[members.size()];
            members.push_back(newcomer);
        }
        m_loads.Remove(i, m_loads.GetBandwidth(i), m_loads.GetCompute(i));
        m_loads.Add(i, bandwidth, compute);
        return true;
    }

    const SchedulingOptions& m_options;           //!< options
    ServerLoads& m_loads;                         //!< loads
    std::vector<OptionChoice>& m_choices;         //!< choices
    uint64_t m_budget;                            //!< work left
    std::vector<std::vector<uint32_t>> m_members; //!< tasks per server
    std::vector<double> m_minSize;                //!< sum of members' least nb + nc per server
    std::vector<OptionSpan> m_spans;              //!< scratch: spans of a re-balance
    std::vector<uint32_t> m_lo;                   //!< scratch: picks, bandwidth-heavy side
    std::vector<uint32_t> m_hi;                   //!< scratch: picks, compute-heavy side
    std::vector<uint32_t> m_mid;                  //!< scratch: picks at the midpoint
};

} // namespace

TypeId
LocalSearchScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LocalSearchScheduler")
                            .SetParent<TaskScheduler>()
                            .SetGroupName("EdgeDnn")
                            .AddConstructor<LocalSearchScheduler>()
                            .AddAttribute("WorkBudget",
                                          "The work budget of the local search, in option "
                                          "evaluations (0: paper-offline's answer unchanged); "
                                          "deterministic, unlike a time limit",
                                          UintegerValue(400000000),
                                          MakeUintegerAccessor(&LocalSearchScheduler::m_budget),
                                          MakeUintegerChecker<uint64_t>());
    return tid;
}

std::string
LocalSearchScheduler::GetAlgorithmName() const
{
    return "local-search";
}

Assignment
LocalSearchScheduler::Schedule(const SchedulingProblem& problem)
{
    const SchedulingOptions options(problem);
    ServerLoads loads(problem);
    std::vector<OptionChoice> choices = PaperOfflineScheduler::Solve(options, loads);
    Improve(options, loads, choices, m_budget);
    return options.MakeAssignment(GetName(), choices);
}

uint32_t
LocalSearchScheduler::Improve(const SchedulingOptions& options,
                              ServerLoads& loads,
                              std::vector<OptionChoice>& choices,
                              uint64_t budget)
{
    Search search(options, loads, choices, budget);
    return search.Run();
}

} // namespace edgednn
} // namespace ns3
