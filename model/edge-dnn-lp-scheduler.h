/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LP_SCHEDULER_H
#define EDGE_DNN_LP_SCHEDULER_H

#include "edge-dnn-task-scheduler.h"

#include "ns3/nstime.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The problem as a 0-1 program solved with lp_solve: its LP relaxation ("lp-bound", an
 * upper bound on the admitted count) or the MILP itself under a time limit ("exact").
 *
 * One variable x_jso in [0, 1] per task j, slot s and (non-dominated) option o; maximise the sum
 * of x subject to, per task, sum_so x_jso <= 1 and, per server i, sum nb x <= 1 and sum nc x <=
 * 1 (demands normalised by V b_i and c_i, so every coefficient is in [0, 1]).
 *  - LP_BOUND: the relaxation's optimum is the bound; the assignment is the relaxation rounded
 *    (tasks at x = 1 kept while they fit) then completed by ours' local search.
 *  - EXACT: x binary, solved within the time limit with a break as soon as the incumbent reaches
 *    floor(LP bound). The program also gets, per server, a cardinality cut (no more tasks than
 *    fit at their least lambda nc + (1 - lambda) nb, lambda in [0, 1]), the cutoff sum x >=
 *    ours + 1, and per (task, server) an integer column y = sum of the task's x on the server,
 *    branched on first and down first. The assignment is the better of the solver's incumbent
 *    and ours'. The bound
 *    is the optimum when proven, else floor(LP bound); status "optimal" or "time-limit", and the
 *    gap (bound - admitted) / bound.
 * Attributes Mode (lp-bound or exact), TimeLimit (exact) and Solver (exact): lp_solve (linked,
 * the default) or cbc, COIN-OR CBC run as an external process where one is installed: the very
 * program lp_solve has built (cuts, cutoff and y columns included) is written as free MPS to a
 * temporary folder, CBC solves it within TimeLimit (wall time) and its solution file is read back
 * by column name; the solution is used only when AssignmentVerifier accepts it, and "optimal"
 * only when CBC says Optimal (or Infeasible: nothing better than ours). The relaxation is
 * lp_solve's in both cases, so the bound when stopped is the same floor(LP bound). Short names
 * "lp-bound" and "exact" (each presets Mode). Available only when edge-dnn is built with lp_solve
 * (EDGE_DNN_HAVE_LPSOLVE): this file registers them only then.
 */
class LpScheduler : public TaskScheduler
{
  public:
    /// What to solve.
    enum Mode
    {
        LP_BOUND, //!< the LP relaxation
        EXACT,    //!< the 0-1 program
    };

    /// Which solver solves the 0-1 program (Mode exact).
    enum Solver
    {
        LP_SOLVE, //!< lp_solve, linked
        CBC,      //!< COIN-OR CBC, an external process (the program cbc on PATH)
    };

    /** \brief An LP-based algorithm solving what its Mode attribute says. */
    LpScheduler();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    std::string GetAlgorithmName() const override;

    /**
     * \brief Solve the 0-1 program (exact) or its relaxation (lp-bound) over the tasks' options
     * of device split 0: the program is not extended with device prefixes. When a task's device
     * computes (SchedulingProblem::GetDeviceSplitPoints offers more than split 0), the status
     * says so ("optimal (device split 0 only)"), since the bound and the optimum then do not
     * cover the choices other algorithms have.
     * \param problem the problem
     * \return the assignment with its bound and status
     */
    Assignment Schedule(const SchedulingProblem& problem) override;

  private:
    /**
     * \brief Schedule() over device split 0, its status as the solver ended.
     * \param problem the problem
     * \return the assignment with its bound and status
     */
    Assignment Solve(const SchedulingProblem& problem);

    Mode m_mode{EXACT};        //!< what to solve
    Time m_timeLimit;          //!< time limit of the 0-1 program
    Solver m_solver{LP_SOLVE}; //!< the solver of the 0-1 program
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LP_SCHEDULER_H */
