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
 *     edge-dnn-schedule --problem=P.json --algorithm=exact --time-limit=300 --solver=cbc
 *     edge-dnn-schedule --problem=P.json --algorithm=ns3::LocalSearchScheduler \
 *         --ns3::LocalSearchScheduler::WorkBudget=1000000
 *     edge-dnn-schedule --list
 *
 * --algorithm takes a short name (--list) or a TypeId name; every attribute of every algorithm is
 * reachable as --ns3::Class::Attribute=VALUE. --split-index, --seed, --time-limit and --solver are
 * shorthands for the attributes SplitIndex, Seed, TimeLimit and Solver of the algorithms that have
 * them.
 *
 * The problem and output schemas are in doc/scheduler.rst. Every assignment is checked by the
 * independent AssignmentVerifier before it is written; a violation is an error (exit status 2).
 */

#include "ns3/command-line.h"
#include "ns3/edge-dnn-assignment-verifier.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-scheduling-problem-format.h"
#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/string.h"

#include <chrono>
#include <iostream>
#include <tuple>

using namespace ns3;
using namespace ns3::edgednn;

int
main(int argc, char* argv[])
{
    std::string problemPath;
    std::string algorithm = "ours";
    std::string output;
    std::string splitIndex;
    std::string seed;
    std::string timeLimit;
    std::string solver;
    bool list = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("Schedules deep-learning tasks on edge servers: for each task an edge server and a "
              "split point, or a rejection, under compute, bandwidth and QoS constraints.");
    cmd.AddValue("problem", "The problem file (JSON, see doc/scheduler.rst)", problemPath);
    cmd.AddValue("algorithm", "The algorithm (see --list)", algorithm);
    cmd.AddValue("output",
                 "Write the assignment (JSON) to this file; default standard output",
                 output);
    cmd.AddValue("split-index",
                 "Split index of the fixed-split baseline (its attribute SplitIndex)",
                 splitIndex);
    cmd.AddValue("seed", "Seed of the random baseline (its attribute Seed)", seed);
    cmd.AddValue("time-limit",
                 "Time limit of the exact solver, s (its attribute TimeLimit)",
                 timeLimit);
    cmd.AddValue("solver",
                 "Solver of the exact algorithm: lp_solve (linked) or cbc (COIN-OR CBC on PATH) "
                 "(its attribute Solver)",
                 solver);
    cmd.AddValue("list", "Print the algorithms' short names and exit", list);
    cmd.Parse(argc, argv);

    try
    {
        if (list)
        {
            for (const auto& name : TaskScheduler::GetNames())
            {
                const SchedulerName* entry = TaskScheduler::LookupName(name);
                std::cout << name << "\t" << entry->typeName;
                for (const auto& [attribute, value] : entry->presets)
                {
                    std::cout << " " << attribute << "=" << value;
                }
                std::cout << "\n";
            }
            return 0;
        }
        if (problemPath.empty())
        {
            throw EdgeDnnError("--problem=FILE is required");
        }
        TaskSchedulerFactory factory(algorithm);
        for (const auto& [option, attribute, value, unit] :
             {std::make_tuple("split-index", "SplitIndex", splitIndex, ""),
              std::make_tuple("seed", "Seed", seed, ""),
              std::make_tuple("time-limit", "TimeLimit", timeLimit, "s"),
              std::make_tuple("solver", "Solver", solver, "")})
        {
            if (value.empty())
            {
                continue;
            }
            try
            {
                factory.Set(attribute, StringValue(value + unit));
            }
            catch (const EdgeDnnError& e)
            {
                throw EdgeDnnError(std::string("--") + option + "=" + value + ": " + e.what());
            }
        }
        const SchedulingProblem problem = SchedulingProblemFormat::ReadFile(problemPath);
        Ptr<TaskScheduler> scheduler = factory.Create();
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
