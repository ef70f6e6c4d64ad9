/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-local-search-scheduler.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-number-converting-accessor.h"
#include "edge-dnn-paper-offline-scheduler.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("LocalSearchScheduler");

NS_OBJECT_ENSURE_REGISTERED(LocalSearchScheduler);

namespace
{

/// Largest work budget (option evaluations): 10^12, hours of search; the default is 4 x 10^8.
constexpr uint64_t MAX_WORK = 1000000000000ULL;

} // namespace

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
     * \param weights per task, a factor on its need in the insertion order (null: none)
     */
    Search(const SchedulingOptions& options,
           ServerLoads& loads,
           std::vector<OptionChoice>& choices,
           uint64_t budget,
           const std::vector<double>* weights = nullptr)
        : m_options(options),
          m_loads(loads),
          m_choices(choices),
          m_budget(budget),
          m_weights(weights),
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
        std::vector<double> need = PaperOfflineScheduler::Needs(m_options, m_loads);
        if (m_weights != nullptr)
        {
            for (std::size_t j = 0; j < need.size(); ++j)
            {
                need[j] *= (*m_weights)[j];
            }
        }
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

    /** \return the work budget left */
    uint64_t GetBudgetLeft() const
    {
        return m_budget;
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
    const std::vector<double>* m_weights;         //!< factors on the needs, or null
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
    static TypeId tid =
        TypeId("ns3::LocalSearchScheduler")
            .SetParent<TaskScheduler>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<LocalSearchScheduler>()
            .AddAttribute(
                "WorkBudget",
                "The work budget of the local search, in option "
                "evaluations (0: paper-offline's answer unchanged); "
                "deterministic, unlike a time limit",
                UintegerValue(400000000),
                MakeConvertingUintegerAccessor(&LocalSearchScheduler::m_budget),
                MakeBoundedUintegerChecker<uint64_t>("ns3::LocalSearchScheduler::WorkBudget",
                                                     0,
                                                     MAX_WORK,
                                                     ""))
            .AddAttribute(
                "Restarts",
                "Perturbation restarts after the local search: each "
                "takes 1-3 placed tasks out of the best assignment "
                "and re-inserts with a randomly weighted order, kept "
                "if it admits no fewer (0: none)",
                UintegerValue(600),
                MakeConvertingUintegerAccessor(&LocalSearchScheduler::m_restarts),
                MakeBoundedUintegerChecker<uint32_t>("ns3::LocalSearchScheduler::Restarts",
                                                     0,
                                                     1000000,
                                                     ""))
            .AddAttribute(
                "RestartBudget",
                "The work budget of all restarts together, in option "
                "evaluations (so large instances spend little on "
                "them)",
                UintegerValue(20000000),
                MakeConvertingUintegerAccessor(&LocalSearchScheduler::m_restartBudget),
                MakeBoundedUintegerChecker<uint64_t>("ns3::LocalSearchScheduler::RestartBudget",
                                                     0,
                                                     MAX_WORK,
                                                     ""))
            .AddAttribute("Seed",
                          "Seed of the restarts' draws (mt19937_64, the same on "
                          "every platform)",
                          UintegerValue(1),
                          MakeConvertingUintegerAccessor(&LocalSearchScheduler::m_seed),
                          MakeBoundedUintegerChecker<uint64_t>("ns3::LocalSearchScheduler::Seed",
                                                               0,
                                                               UINT64_MAX,
                                                               ""));
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
    // A device prefix is a further choice for tasks whose device computes.
    const SchedulingOptions options(problem, true);
    ServerLoads loads(problem);
    std::vector<OptionChoice> choices = PaperOfflineScheduler::Solve(options, loads);
    Improve(options, loads, choices, m_budget);
    Restart(problem, options, choices, m_restarts, std::min(m_restartBudget, m_budget), m_seed);
    return options.MakeAssignment(GetName(), choices);
}

uint32_t
LocalSearchScheduler::Restart(const SchedulingProblem& problem,
                              const SchedulingOptions& options,
                              std::vector<OptionChoice>& choices,
                              uint32_t restarts,
                              uint64_t budget,
                              uint64_t seed)
{
    const uint32_t n = static_cast<uint32_t>(choices.size());
    auto count = [](const std::vector<OptionChoice>& c) {
        uint32_t placed = 0;
        for (const OptionChoice& x : c)
        {
            placed += x.slot >= 0 ? 1 : 0;
        }
        return placed;
    };
    const uint32_t start = count(choices);
    uint32_t best = start;
    std::mt19937_64 rng(seed);
    // Uniform in [0, 1) from the top 53 bits: the same on every platform (unlike the
    // standard distributions).
    auto uniform = [&rng]() { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
    std::vector<OptionChoice> candidate;
    std::vector<double> weights(n);
    std::vector<uint32_t> placed;
    for (uint32_t r = 0; r < restarts && budget > 0 && best < n; ++r)
    {
        // Perturb the best: take a few placed tasks out, then re-insert with a shuffled order.
        candidate = choices;
        placed.clear();
        for (uint32_t j = 0; j < n; ++j)
        {
            if (candidate[j].slot >= 0)
            {
                placed.push_back(j);
            }
        }
        const uint32_t kicks = std::min<uint32_t>(1 + static_cast<uint32_t>(uniform() * 3),
                                                  static_cast<uint32_t>(placed.size()));
        for (uint32_t k = 0; k < kicks; ++k)
        {
            const uint32_t pick = k + static_cast<uint32_t>(uniform() * (placed.size() - k));
            std::swap(placed[k], placed[std::min<std::size_t>(pick, placed.size() - 1)]);
            candidate[placed[k]] = OptionChoice{};
        }
        for (double& w : weights)
        {
            w = 0.5 + uniform();
        }
        ServerLoads loads(problem);
        for (uint32_t j = 0; j < n; ++j)
        {
            if (candidate[j].slot >= 0)
            {
                const SchedulingOption& o = options.Get(j, candidate[j].slot)[candidate[j].option];
                loads.Add(options.GetServer(j, candidate[j].slot),
                          o.bandwidthBps,
                          o.computeMacsPerS);
            }
        }
        Search search(options, loads, candidate, budget, &weights);
        search.Run();
        budget = search.GetBudgetLeft();
        // Kept if no worse: moves along a plateau let later restarts reach further.
        const uint32_t now = count(candidate);
        if (now >= best)
        {
            NS_LOG_INFO("restart " << r << ": " << now << " tasks");
            best = now;
            choices.swap(candidate);
        }
    }
    return best - start;
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

bool
LocalSearchScheduler::TakesDevicePrefixes() const
{
    return true;
}

} // namespace edgednn
} // namespace ns3
