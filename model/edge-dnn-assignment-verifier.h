/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_ASSIGNMENT_VERIFIER_H
#define EDGE_DNN_ASSIGNMENT_VERIFIER_H

#include "edge-dnn-assignment.h"
#include "edge-dnn-scheduling-problem.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Checks an assignment against every constraint of its problem.
 *
 * It trusts none of the assignment's numbers: it recomputes each admitted task's bandwidth,
 * compute load and latency from the problem's raw figures with its own code (not
 * SchedulingProblem::ComputeDemand), checks that the reported numbers equal them, that the QoS
 * bound is met, that each task uses an allowed server and an existing split point, and that per
 * server the recomputed sums stay within V b_i and c_i. Sums may exceed a capacity by a relative
 * 1e-9 (floating-point summation order).
 */
class AssignmentVerifier
{
  public:
    /**
     * \brief Check an assignment.
     * \param problem the problem
     * \param assignment the assignment
     * \return one line per violation; empty if the assignment is valid
     */
    static std::vector<std::string> Check(const SchedulingProblem& problem,
                                          const Assignment& assignment);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_ASSIGNMENT_VERIFIER_H */
