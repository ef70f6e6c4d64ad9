/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-lp-scheduler.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-local-search-scheduler.h"
#include "edge-dnn-named-enum-checker.h"
#include "edge-dnn-number-converting-accessor.h"
#include "edge-dnn-paper-offline-scheduler.h"
#include "edge-dnn-scheduling-options.h"
#include "edge-dnn-server-loads.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <lpsolve/lp_lib.h>
#include <map>
#include <memory>
#include <numeric>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("LpScheduler");

NS_OBJECT_ENSURE_REGISTERED(LpScheduler);

EDGE_DNN_SCHEDULER_NAME(LpBound, "lp-bound", "ns3::LpScheduler", {{"Mode", "lp-bound"}}, 70);
EDGE_DNN_SCHEDULER_NAME(Exact, "exact", "ns3::LpScheduler", {{"Mode", "exact"}}, 71);

namespace
{

/// A column of the program: task, slot, option position.
struct Column
{
    uint32_t task;   //!< task index
    uint32_t slot;   //!< slot
    uint32_t option; //!< option position
};

/// Deletes an lp_solve model.
struct LpDeleter
{
    /**
     * \param lp the model
     */
    void operator()(lprec* lp) const
    {
        delete_lp(lp);
    }
};

/**
 * \brief Choices from the columns at (about) 1, kept while they fit.
 * \param options the options
 * \param columns the columns
 * \param values their values
 * \param loads empty servers; filled
 * \param taskCount number of tasks
 * \return the choices
 */
std::vector<OptionChoice>
Round(const SchedulingOptions& options,
      const std::vector<Column>& columns,
      const std::vector<double>& values,
      ServerLoads& loads,
      uint32_t taskCount)
{
    std::vector<OptionChoice> choices(taskCount);
    for (std::size_t c = 0; c < columns.size(); ++c)
    {
        const Column& col = columns[c];
        if (values[c] > 1.0 - 1e-6 && choices[col.task].slot < 0)
        {
            const uint32_t i = options.GetServer(col.task, col.slot);
            const SchedulingOption& o = options.Get(col.task, col.slot)[col.option];
            if (loads.Fits(i, o.bandwidthBps, o.computeMacsPerS))
            {
                loads.Add(i, o.bandwidthBps, o.computeMacsPerS);
                choices[col.task] = {static_cast<int32_t>(col.slot), col.option};
            }
        }
    }
    return choices;
}

/**
 * \param choices choices
 * \return how many are placed
 */
uint32_t
Count(const std::vector<OptionChoice>& choices)
{
    uint32_t n = 0;
    for (const OptionChoice& c : choices)
    {
        n += c.slot >= 0 ? 1 : 0;
    }
    return n;
}

/// Number of steps of the weight lambda in [0, 1] tried by MostTasks.
const uint32_t LAMBDA_STEPS = 20;

/**
 * \brief The most tasks a server can hold (a surrogate bound). For a weight lambda in [0, 1],
 * every option's lambda nc + (1 - lambda) nb is at most 1 summed over the server's tasks; each
 * task takes at least its least such demand d(lambda), so no more tasks than the k(lambda)
 * smallest d(lambda) summing to at most 1 fit. Valid for every integer solution, and much tighter
 * than the relaxation; the least k(lambda) over lambda = 0, 1/LAMBDA_STEPS, ..., 1 is returned.
 * \param columns the program's columns
 * \param cols the server's columns (1-based)
 * \param nb their normalised bandwidths
 * \param nc their normalised computes
 * \return the least count over the weights
 */
double
MostTasks(const std::vector<Column>& columns,
          const std::vector<int>& cols,
          const std::vector<double>& nb,
          const std::vector<double>& nc)
{
    std::map<uint32_t, std::vector<std::size_t>> taskCols; // per task: its columns' positions
    for (std::size_t k = 0; k < cols.size(); ++k)
    {
        taskCols[columns[cols[k] - 1].task].push_back(k);
    }
    double most = static_cast<double>(taskCols.size());
    std::vector<double> sizes;
    for (uint32_t step = 0; step <= LAMBDA_STEPS; ++step)
    {
        const double lambda = static_cast<double>(step) / LAMBDA_STEPS;
        sizes.clear();
        for (const auto& [task, positions] : taskCols)
        {
            double least = 2.0;
            for (std::size_t k : positions)
            {
                least = std::min(least, lambda * nc[k] + (1 - lambda) * nb[k]);
            }
            sizes.push_back(least);
        }
        std::sort(sizes.begin(), sizes.end());
        double sum = 0;
        uint32_t count = 0;
        // A little slack: the solver's tolerances must not cut an optimum off.
        while (count < sizes.size() && sum + sizes[count] <= 1 + 1e-9)
        {
            sum += sizes[count];
            ++count;
        }
        most = std::min(most, static_cast<double>(count));
    }
    return most;
}

} // namespace

LpScheduler::LpScheduler()
{
    NS_LOG_FUNCTION(this);
}

TypeId
LpScheduler::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LpScheduler")
            .SetParent<TaskScheduler>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<LpScheduler>()
            .AddAttribute("Mode",
                          "What to solve: lp-bound (the LP relaxation, an upper "
                          "bound) or exact (the 0-1 program within TimeLimit)",
                          EnumValue(EXACT),
                          MakeEnumAccessor(&LpScheduler::m_mode),
                          MakeNamedEnumChecker("ns3::LpScheduler::Mode",
                                               {{LP_BOUND, "lp-bound"}, {EXACT, "exact"}}))
            .AddAttribute("TimeLimit",
                          "The time limit of lp_solve on the 0-1 program (Mode "
                          "exact), > 0 s; lp_solve counts whole seconds, rounded "
                          "up",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&LpScheduler::m_timeLimit),
                          MakeBoundedTimeChecker("ns3::LpScheduler::TimeLimit",
                                                 NanoSeconds(1),
                                                 Seconds(86400)));
    return tid;
}

std::string
LpScheduler::GetAlgorithmName() const
{
    return m_mode == LP_BOUND ? "lp-bound" : "exact";
}

Assignment
LpScheduler::Schedule(const SchedulingProblem& problem)
{
    const SchedulingOptions options(problem);
    const uint32_t taskCount = problem.GetTaskCount();
    const uint32_t serverCount = problem.GetServerCount();
    ServerLoads capacities(problem);

    std::vector<Column> columns;
    std::vector<std::vector<int>> taskRows(taskCount);
    std::vector<std::vector<int>> serverCols(serverCount);
    std::vector<std::vector<double>> serverB(serverCount);
    std::vector<std::vector<double>> serverC(serverCount);
    for (uint32_t j = 0; j < taskCount; ++j)
    {
        for (uint32_t s = 0; s < options.GetSlotCount(j); ++s)
        {
            const uint32_t i = options.GetServer(j, s);
            const OptionSpan span = options.Get(j, s);
            for (uint32_t k = 0; k < span.size; ++k)
            {
                columns.push_back({j, s, k});
                const int col = static_cast<int>(columns.size()); // 1-based
                taskRows[j].push_back(col);
                serverCols[i].push_back(col);
                serverB[i].push_back(span[k].bandwidthBps *
                                     capacities.GetInverseBandwidthCapacity(i));
                serverC[i].push_back(span[k].computeMacsPerS *
                                     capacities.GetInverseComputeCapacity(i));
            }
        }
    }

    // ours, the reference every answer must at least equal.
    ServerLoads oursLoads(problem);
    std::vector<OptionChoice> ours = PaperOfflineScheduler::Solve(options, oursLoads);
    LocalSearchScheduler::Improve(options, oursLoads, ours, 400000000);
    if (m_mode == EXACT)
    {
        // The restarts too: the better the incumbent, the less the MILP has to prove.
        LocalSearchScheduler::Restart(problem, options, ours, 600, 20000000, 1);
    }

    if (columns.empty())
    {
        Assignment a = options.MakeAssignment(GetName(), ours);
        a.SetBound(0, "optimal");
        return a;
    }

    std::unique_ptr<lprec, LpDeleter> lp(make_lp(0, static_cast<int>(columns.size())));
    NS_ABORT_MSG_IF(!lp, "lp_solve: out of memory");
    lprec* m = lp.get();
    set_verbose(m, CRITICAL);
    set_add_rowmode(m, TRUE);
    {
        std::vector<double> ones(columns.size(), 1.0);
        std::vector<int> all(columns.size());
        for (std::size_t c = 0; c < columns.size(); ++c)
        {
            all[c] = static_cast<int>(c + 1);
        }
        set_obj_fnex(m, static_cast<int>(all.size()), ones.data(), all.data());
        for (uint32_t j = 0; j < taskCount; ++j)
        {
            if (!taskRows[j].empty())
            {
                add_constraintex(m,
                                 static_cast<int>(taskRows[j].size()),
                                 ones.data(),
                                 taskRows[j].data(),
                                 LE,
                                 1.0);
            }
        }
        for (uint32_t i = 0; i < serverCount; ++i)
        {
            if (!serverCols[i].empty())
            {
                const int n = static_cast<int>(serverCols[i].size());
                add_constraintex(m, n, serverB[i].data(), serverCols[i].data(), LE, 1.0);
                add_constraintex(m, n, serverC[i].data(), serverCols[i].data(), LE, 1.0);
                // Cardinality cut: no more tasks than fit with each at its least demand.
                const double most = MostTasks(columns, serverCols[i], serverB[i], serverC[i]);
                if (m_mode == EXACT && most < static_cast<double>(n))
                {
                    std::vector<double> one(serverCols[i].size(), 1.0);
                    add_constraintex(m, n, one.data(), serverCols[i].data(), LE, most);
                }
            }
        }
    }
    set_add_rowmode(m, FALSE);
    for (std::size_t c = 1; c <= columns.size(); ++c)
    {
        set_upbo(m, static_cast<int>(c), 1.0);
    }
    set_maxim(m);
    set_timeout(m, static_cast<long>(std::ceil(m_timeLimit.GetSeconds())));

    int status = solve(m);
    if (status != OPTIMAL)
    {
        // The relaxation is bounded and feasible (x = 0): anything else is a solver failure.
        Assignment a = options.MakeAssignment(GetName(), ours);
        a.SetBound(static_cast<double>(Count(ours)) + static_cast<double>(taskCount), "lp-failed");
        NS_LOG_WARN("lp_solve returned " << status << " on the LP relaxation");
        return a;
    }
    const double lpBound = get_objective(m);
    std::vector<double> values(columns.size());
    get_variables(m, values.data());
    NS_LOG_INFO("LP relaxation: " << lpBound);

    if (m_mode == LP_BOUND)
    {
        ServerLoads loads(problem);
        std::vector<OptionChoice> rounded = Round(options, columns, values, loads, taskCount);
        LocalSearchScheduler::Improve(options, loads, rounded, 400000000);
        Assignment a =
            options.MakeAssignment(GetName(), Count(rounded) >= Count(ours) ? rounded : ours);
        a.SetBound(lpBound, "optimal");
        return a;
    }

    // The 0-1 program: stop as soon as no better solution can exist.
    const double ceiling = std::floor(lpBound + 1e-6);
    if (Count(ours) >= ceiling)
    {
        Assignment a = options.MakeAssignment(GetName(), ours); // already optimal
        a.SetBound(Count(ours), "optimal");
        return a;
    }
    for (std::size_t c = 1; c <= columns.size(); ++c)
    {
        set_int(m, static_cast<int>(c), TRUE);
    }
    set_break_at_value(m, ceiling - 0.5);
    // Only better solutions than ours are of interest: if none exists, ours is proven optimal.
    {
        std::vector<double> ones(columns.size(), 1.0);
        std::vector<int> all(columns.size());
        std::iota(all.begin(), all.end(), 1);
        add_constraintex(m,
                         static_cast<int>(all.size()),
                         ones.data(),
                         all.data(),
                         GE,
                         static_cast<double>(Count(ours)) + 1.0);
    }
    // Branch on whether a task runs on a server before choosing its split point: one integer
    // column y_ji = sum_so x_jso over the task's options on server i, branched on first (by
    // priority), down first. A branch on y removes the task from a server (or puts it there)
    // whatever its split point, where a branch on one x only forbids one option among dozens.
    {
        std::vector<double> priorities(columns.size());
        std::iota(priorities.begin(), priorities.end(), static_cast<double>(columns.size()));
        std::map<std::pair<uint32_t, uint32_t>, std::vector<int>> placements; // (server, task)
        for (std::size_t c = 0; c < columns.size(); ++c)
        {
            const uint32_t i = options.GetServer(columns[c].task, columns[c].slot);
            placements[{i, columns[c].task}].push_back(static_cast<int>(c + 1));
        }
        double priority = 0;
        for (const auto& [placement, cols] : placements)
        {
            add_columnex(m, 0, nullptr, nullptr);
            const int y = get_Ncolumns(m);
            set_upbo(m, y, 1.0);
            set_int(m, y, TRUE);
            std::vector<int> index = cols;
            std::vector<double> coefficient(index.size(), 1.0);
            index.push_back(y);
            coefficient.push_back(-1.0);
            add_constraintex(m,
                             static_cast<int>(index.size()),
                             coefficient.data(),
                             index.data(),
                             EQ,
                             0.0);
            priorities.push_back(priority++);
        }
        set_var_weights(m, priorities.data());
        values.resize(get_Ncolumns(m));
    }
    set_bb_floorfirst(m, BRANCH_FLOOR);

    status = solve(m);
    std::vector<OptionChoice> best = ours;
    bool proven = Count(ours) >= ceiling || status == INFEASIBLE; // nothing better than ours
    double optimum = status == INFEASIBLE ? Count(ours) : 0;
    if (status == OPTIMAL || status == SUBOPTIMAL)
    {
        optimum = status == OPTIMAL ? std::round(get_objective(m)) : 0.0;
        get_variables(m, values.data());
        ServerLoads loads(problem);
        std::vector<OptionChoice> incumbent = Round(options, columns, values, loads, taskCount);
        if (Count(incumbent) > Count(best))
        {
            best = incumbent;
        }
        // Optimal: proven by lp_solve, or the incumbent reaches floor(LP bound).
        proven = proven || status == OPTIMAL || Count(best) >= ceiling;
    }
    NS_LOG_INFO("MILP status " << status << ", " << Count(best) << " admitted, LP bound "
                               << lpBound);
    Assignment a = options.MakeAssignment(GetName(), best);
    // A proven optimum is the bound (should rounding have lost a task to the solver's tolerance,
    // the gap shows it).
    a.SetBound(proven ? std::max<double>(Count(best), optimum) : ceiling,
               proven ? "optimal" : "time-limit");
    return a;
}

} // namespace edgednn
} // namespace ns3
