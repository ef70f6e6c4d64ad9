/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-schedule: places deep-learning tasks on edge servers and picks their split points.
 *
 *     edge-dnn-schedule --problem=P.json --algorithm=ours --output=A.json
 *     edge-dnn-schedule --problem=P.json --algorithm=fixed-split --split-index=7
 *     edge-dnn-schedule --problem=P.json --algorithm=exact --time-limit=30
 *     edge-dnn-schedule --list
 *
 * The problem and output schemas are in doc/scheduler.rst. Every assignment is checked by the
 * independent AssignmentVerifier before it is written; a violation is an error (exit status 2).
 */

#include "ns3/command-line.h"
#include "ns3/edge-dnn-assignment-verifier.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-scheduling-problem-format.h"
#include "ns3/edge-dnn-task-scheduler.h"

#include <chrono>
#include <iostream>

using namespace ns3;
using namespace ns3::edgednn;

int
main(int argc, char* argv[])
{
    std::string problemPath;
    std::string algorithm = "ours";
    std::string output;
    uint32_t splitIndex = 0;
    uint64_t seed = 1;
    double timeLimit = 60;
    bool list = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("Schedules deep-learning tasks on edge servers: for each task an edge server and a "
              "split point, or a rejection, under compute, bandwidth and QoS constraints.");
    cmd.AddValue("problem", "The problem file (JSON, see doc/scheduler.rst)", problemPath);
    cmd.AddValue("algorithm", "The algorithm (see --list)", algorithm);
    cmd.AddValue("output",
                 "Write the assignment (JSON) to this file; default standard output",
                 output);
    cmd.AddValue("split-index", "Split index of the fixed-split baseline", splitIndex);
    cmd.AddValue("seed", "Seed of the random baseline", seed);
    cmd.AddValue("time-limit", "Time limit of the exact solver (s)", timeLimit);
    cmd.AddValue("list", "Print the algorithms and exit", list);
    cmd.Parse(argc, argv);

    try
    {
        if (list)
        {
            for (const auto& name : TaskScheduler::GetNames())
            {
                std::cout << name << "\n";
            }
            return 0;
        }
        if (problemPath.empty())
        {
            throw EdgeDnnError("--problem=FILE is required");
        }
        const SchedulingProblem problem = SchedulingProblemFormat::ReadFile(problemPath);
        auto scheduler = TaskScheduler::Create(algorithm);
        scheduler->SetSeed(seed);
        scheduler->SetFixedSplitIndex(splitIndex);
        scheduler->SetTimeLimit(timeLimit);
        const auto start = std::chrono::steady_clock::now();
        const Assignment assignment = scheduler->Schedule(problem);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto violations = AssignmentVerifier::Check(problem, assignment);
        if (!violations.empty())
        {
            for (const auto& v : violations)
            {
                std::cerr << "edge-dnn-schedule: verifier: " << v << "\n";
            }
            return 2;
        }
        if (output.empty())
        {
            std::cout << assignment.ToJson(problem);
        }
        else
        {
            assignment.WriteFile(problem, output);
        }
        std::cerr << "edge-dnn-schedule: " << algorithm << ": " << assignment.GetAdmittedCount()
                  << " of " << problem.GetTaskCount() << " tasks admitted in " << seconds << " s";
        if (assignment.HasBound())
        {
            std::cerr << " (bound " << assignment.GetBound() << ", " << assignment.GetStatus()
                      << ")";
        }
        std::cerr << std::endl;
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-schedule: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
