/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-lp-scheduler.h"

#include "edge-dnn-assignment-verifier.h"
#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-error.h"
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
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <lpsolve/lp_lib.h>
#include <map>
#include <memory>
#include <numeric>
#include <spawn.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; ///< the process's environment, passed on to CBC

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

/// The attribute Solver's full name, the start of every error of the CBC path.
const std::string SOLVER_ATTRIBUTE = "ns3::LpScheduler::Solver";

/// A temporary folder, removed with everything in it when destroyed (also on an exception).
class TemporaryFolder
{
  public:
    /** \brief Create a folder edge-dnn-cbc-XXXXXX in the system's temporary folder. */
    TemporaryFolder()
    {
        std::error_code error;
        std::filesystem::path base = std::filesystem::temp_directory_path(error);
        if (error)
        {
            base = "/tmp";
        }
        const std::string pattern = (base / "edge-dnn-cbc-XXXXXX").string();
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        if (mkdtemp(buffer.data()) == nullptr)
        {
            throw EdgeDnnError(SOLVER_ATTRIBUTE + "=cbc: cannot create a temporary folder " +
                               pattern + ": " + std::strerror(errno));
        }
        m_path = buffer.data();
    }

    ~TemporaryFolder()
    {
        std::error_code error;
        std::filesystem::remove_all(m_path, error);
    }

    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;

    /**
     * \param name a file name
     * \return its path in the folder
     */
    std::string File(const std::string& name) const
    {
        return m_path + "/" + name;
    }

  private:
    std::string m_path; //!< the folder
};

/**
 * \param name a program's name
 * \return its path in the first folder of PATH that holds it as an executable file, or ""
 */
std::string
FindOnPath(const std::string& name)
{
    const char* path = std::getenv("PATH");
    std::istringstream folders(path != nullptr ? path : "");
    std::string folder;
    while (std::getline(folders, folder, ':'))
    {
        const std::string candidate = (folder.empty() ? "." : folder) + "/" + name;
        struct stat info;
        if (stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
            access(candidate.c_str(), X_OK) == 0)
        {
            return candidate;
        }
    }
    return "";
}

/**
 * \param path a text file
 * \return its last lines (at most about 600 characters), or "" when it cannot be read
 */
std::string
Tail(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    {
        s.pop_back();
    }
    return s.size() > 600 ? "..." + s.substr(s.size() - 600) : s;
}

/// What CBC reported in its solution file.
struct CbcAnswer
{
    std::string status;         //!< its first line up to " - objective value", e.g. "Optimal"
    double objective{0};        //!< the objective value it reports
    std::vector<double> values; //!< per column of the program (0-based), 0 when not listed
};

/**
 * \brief Solve the program lp_solve holds with COIN-OR CBC, an external process: written as free
 * MPS into a temporary folder, solved with "cbc FILE.mps -max -timeMode elapsed -sec S -solve
 * -solu FILE.sol", the solution file read back by column name. The folder is removed afterwards.
 * CBC ignores an MPS file's OBJSENSE section (lp_solve writes MAX there), hence -max.
 * \param m the program (integer columns, bounds and rows as lp_solve would solve them)
 * \param seconds the time limit (wall time)
 * \return CBC's answer, unchecked
 * \throws EdgeDnnError when cbc is not on PATH, fails, or writes what cannot be read
 */
CbcAnswer
RunCbc(lprec* m, double seconds)
{
    const std::string where = SOLVER_ATTRIBUTE + "=cbc: ";
    const std::string program = FindOnPath("cbc");
    if (program.empty())
    {
        throw EdgeDnnError(where + "the program cbc is not on PATH; expected COIN-OR CBC "
                                   "(Debian's coinor-cbc) installed, or Solver lp_solve");
    }
    TemporaryFolder folder;
    const std::string mps = folder.File("program.mps");
    const std::string solution = folder.File("program.sol");
    const std::string log = folder.File("cbc.log");
    std::vector<char> mpsName(mps.begin(), mps.end());
    mpsName.push_back('\0');
    if (!write_freemps(m, mpsName.data()))
    {
        throw EdgeDnnError(where + "lp_solve could not write the program to " + mps);
    }
    std::ostringstream limit;
    limit << std::setprecision(17) << seconds;
    std::vector<std::string> args = {program,
                                     mps,
                                     "-max",
                                     "-timeMode",
                                     "elapsed",
                                     "-sec",
                                     limit.str(),
                                     "-solve",
                                     "-solu",
                                     solution};
    std::vector<char*> argv;
    for (std::string& a : args)
    {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
    {
        throw EdgeDnnError(where + "cannot run " + program + ": " + std::strerror(spawned));
    }
    int waitStatus = 0;
    while (waitpid(pid, &waitStatus, 0) < 0)
    {
        if (errno != EINTR)
        {
            throw EdgeDnnError(where + "lost " + program + ": " + std::strerror(errno));
        }
    }
    if (!WIFEXITED(waitStatus) || WEXITSTATUS(waitStatus) != 0)
    {
        const std::string how =
            WIFEXITED(waitStatus) ? "exited with status " + std::to_string(WEXITSTATUS(waitStatus))
                                  : "was killed by signal " + std::to_string(WTERMSIG(waitStatus));
        throw EdgeDnnError(where + program + " " + how + "; its output ends: " + Tail(log));
    }
    // CBC exits with 0 even when it cannot read its input: its log tells.
    {
        std::ifstream in(log);
        std::stringstream text;
        text << in.rdbuf();
        const std::string output = text.str();
        for (const char* failure : {"errors on input", "Unable to open", "model not valid"})
        {
            if (output.find(failure) != std::string::npos)
            {
                throw EdgeDnnError(where + program + " could not read the program (" + failure +
                                   "); its output ends: " + Tail(log));
            }
        }
    }
    std::ifstream in(solution);
    if (!in)
    {
        throw EdgeDnnError(where + program +
                           " wrote no solution file; its output ends: " + Tail(log));
    }
    CbcAnswer answer;
    std::string line;
    std::getline(in, line);
    const std::string marker = " - objective value ";
    const std::size_t at = line.find(marker);
    const std::string expected =
        "; expected 'STATUS - objective value NUMBER' then lines 'INDEX NAME VALUE REDUCED-COST'";
    if (at == std::string::npos)
    {
        throw EdgeDnnError(where + "cannot parse cbc's solution file: first line '" + line + "'" +
                           expected);
    }
    answer.status = line.substr(0, at);
    {
        std::istringstream number(line.substr(at + marker.size()));
        if (!(number >> answer.objective))
        {
            throw EdgeDnnError(where + "cannot parse cbc's solution file: first line '" + line +
                               "'" + expected);
        }
    }
    const int n = get_Ncolumns(m);
    std::map<std::string, int> byName;
    for (int c = 1; c <= n; ++c)
    {
        byName[get_col_name(m, c)] = c - 1;
    }
    answer.values.assign(n, 0.0);
    while (std::getline(in, line))
    {
        std::istringstream fields(line);
        std::string first;
        std::string name;
        double value = 0;
        if (!(fields >> first))
        {
            continue; // a blank line
        }
        if (first == "**") // CBC marks a value outside its bounds
        {
            fields >> first;
        }
        const auto known = fields >> name ? byName.find(name) : byName.end();
        if (known == byName.end() || !(fields >> value))
        {
            throw EdgeDnnError(where + "cannot parse cbc's solution file: line '" + line + "'" +
                               expected + " with a column of the program");
        }
        answer.values[known->second] = value;
    }
    return answer;
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
                                                 Seconds(86400)))
            .AddAttribute("Solver",
                          "The solver of the 0-1 program (Mode exact): lp_solve (linked) or "
                          "cbc (COIN-OR CBC, the program cbc on PATH, run as an external "
                          "process on the same program; its answer is verified before use)",
                          EnumValue(LP_SOLVE),
                          MakeEnumAccessor(&LpScheduler::m_solver),
                          MakeNamedEnumChecker("ns3::LpScheduler::Solver",
                                               {{LP_SOLVE, "lp_solve"}, {CBC, "cbc"}}));
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
    Assignment a = Solve(problem);
    for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
    {
        if (problem.GetDeviceSplitPoints(j).size() > 1)
        {
            // Not silently a bound or an optimum over choices the program does not have.
            a.SetBound(a.GetBound(), a.GetStatus() + " (device split 0 only)");
            break;
        }
    }
    return a;
}

Assignment
LpScheduler::Solve(const SchedulingProblem& problem)
{
    // Device split 0 only: the program has no variables for device prefixes.
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

    std::vector<OptionChoice> best = ours;
    bool proven = Count(ours) >= ceiling; // nothing better than ours
    double optimum = 0;
    if (m_solver == CBC)
    {
        const CbcAnswer answer = RunCbc(m, m_timeLimit.GetSeconds());
        const bool cbcOptimal = answer.status == "Optimal";
        const bool infeasible =
            answer.status == "Infeasible" || answer.status == "Integer infeasible";
        if (!cbcOptimal && !infeasible && answer.status.rfind("Stopped", 0) != 0)
        {
            throw EdgeDnnError(SOLVER_ATTRIBUTE + "=cbc: unexpected status '" + answer.status +
                               "' in cbc's solution file; expected Optimal, Infeasible, "
                               "Integer infeasible or Stopped on ...");
        }
        if (infeasible)
        {
            // The cutoff sum x >= ours + 1 cannot be met: ours is optimal.
            proven = true;
            optimum = Count(ours);
        }
        else
        {
            // Never trusted unchecked: the columns at 1 must be whole, one per task at most, and
            // an assignment AssignmentVerifier accepts.
            std::vector<OptionChoice> chosen(taskCount);
            bool whole = true;
            for (std::size_t c = 0; c < columns.size(); ++c)
            {
                const double v = answer.values[c];
                if (v > 0.5)
                {
                    whole =
                        whole && v < 1 + 1e-6 && v > 1 - 1e-6 && chosen[columns[c].task].slot < 0;
                    chosen[columns[c].task] = {static_cast<int32_t>(columns[c].slot),
                                               columns[c].option};
                }
                else
                {
                    whole = whole && std::abs(v) < 1e-6;
                }
            }
            const std::vector<std::string> violations =
                whole
                    ? AssignmentVerifier::Check(problem, options.MakeAssignment(GetName(), chosen))
                    : std::vector<std::string>{"not a 0-1 solution"};
            if (violations.empty())
            {
                if (Count(chosen) > Count(best))
                {
                    best = chosen;
                }
                if (cbcOptimal && std::abs(answer.objective - Count(chosen)) < 1e-6)
                {
                    proven = true;
                    optimum = Count(chosen);
                }
            }
            else if (cbcOptimal)
            {
                NS_LOG_WARN("CBC's optimal solution is rejected: " << violations.front());
            }
            proven = proven || Count(best) >= ceiling;
        }
        NS_LOG_INFO("CBC: " << answer.status << ", objective " << answer.objective);
    }
    else
    {
        status = solve(m);
        proven = proven || status == INFEASIBLE;
        optimum = status == INFEASIBLE ? Count(ours) : 0;
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
