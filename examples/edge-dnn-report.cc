/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-report: reads a database written by EdgeDnnRecorder and prints a summary per run and per
 * algorithm (tasks admitted, frames by final state, latency p50/p95/p99, deadline hit ratio, bytes
 * sent to the cloud), a line per stalled task (one whose last frames got no result, the rule of
 * FrameLedger::GetStalls, so a connection that stopped carrying shows), then plots with ns-3's
 * Gnuplot class and gnuplot: latency-cdf.png (end-to-end latency CDF per algorithm),
 * deadline-hit-ratio.png (per task, per algorithm) and cloud-traffic.png (traffic to the cloud over
 * time, mean over each algorithm's runs).
 *
 * When runs change during the run (a task with more than one decision in the decisions table, or
 * rows in the bandwidth table), it prints the decisions of each run by reason and the uplink
 * estimates' error per run (median and 95th percentile), and plots, for each such finished run,
 * bandwidth-run<N>.png (true and estimated rates per node over time) and task-splits-run<N>.png
 * (the split over time of each task with decisions), and deadline-hits-over-time.png (the deadline
 * hit ratio per bin of BinWidth of each such run). A database of an older recorder, without those
 * tables, gets the report it always got.
 *
 * Runs are never summed across the ways they ended (runs.ended_by): the per-algorithm summary has
 * one line per algorithm and way its runs ended ("finished"; "SIGTERM" and the like for runs a
 * termination signal stopped; "unfinished" for runs killed, crashed or still running), and the
 * plots show finished runs only.
 *
 *     edge-dnn-report --db=results.db [--outputDir=results] [--upgrade]
 */

#include "edge-dnn-example-plot.h"
#include "edge-dnn-example-table.h"

#include "ns3/command-line.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/gnuplot.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/**
 * \param algorithm an algorithm name from the runs table
 * \return it, or "(none)" if empty
 */
std::string
Label(const std::string& algorithm)
{
    return algorithm.empty() ? "(none)" : algorithm;
}

/**
 * \param s a statement on a row
 * \param column a column
 * \param scale factor
 * \return the value scaled and formatted, or "-" for NULL
 */
std::string
Number(const SqliteStatement& s, int column, double scale = 1, int precision = 1)
{
    if (s.IsNull(column))
    {
        return "-";
    }
    std::ostringstream os;
    os << std::fixed << std::setprecision(precision) << s.GetDouble(column) * scale;
    return os.str();
}

/**
 * \param endedBy how runs ended, as the views say it ("finished", "signal SIGTERM", "unfinished")
 * \return it as a report column says it: "finished", "SIGTERM", "unfinished"
 */
std::string
Ended(const std::string& endedBy)
{
    const std::string prefix = "signal ";
    return endedBy.rfind(prefix, 0) == 0 ? endedBy.substr(prefix.size()) : endedBy;
}

/**
 * \param s a statement on a row
 * \param column a column
 * \return its integer, or "-" for NULL
 */
std::string
Integer(const SqliteStatement& s, int column)
{
    return s.IsNull(column) ? "-" : std::to_string(s.GetInt(column));
}

/**
 * The latency bound each run's devices judge their frames by (their LatencyModel attribute, as
 * runs.config_json records every application's attributes): "end-to-end", "transfer", or both
 * joined by a comma when devices differ. A run without devices has no row.
 */
const char* const RUN_BOUNDS =
    "run_bounds AS (SELECT r.run_id, GROUP_CONCAT(DISTINCT "
    "json_extract(a.value, '$.attributes.LatencyModel')) AS bound FROM runs r, "
    "json_each(CASE WHEN json_valid(r.config_json) THEN r.config_json ELSE '{}' END, "
    "'$.applications') a WHERE json_extract(a.value, '$.type') = 'ns3::IotDeviceApplication' "
    "GROUP BY r.run_id)";

/**
 * \param bound a latency model as RUN_BOUNDS gives it (NULL: "")
 * \return it as the report's "bound" column says it: "e2e", "transfer", "mixed" or "-"
 */
std::string
BoundLabel(const std::string& bound)
{
    if (bound == "end-to-end")
    {
        return "e2e";
    }
    if (bound == "transfer")
    {
        return "transfer";
    }
    return bound.empty() ? "-" : "mixed";
}

/// The frame columns the run and the algorithm tables share, in order (then their cloud bytes).
const std::vector<const char*> FRAME_HEADERS{"frames",
                                             "ok",
                                             "late",
                                             "drop",
                                             "lost",
                                             "fly",
                                             "bound",
                                             "hit",
                                             "p50 ms",
                                             "p95 ms",
                                             "p99 ms"};

/**
 * \brief Append the cells of FRAME_HEADERS and the cloud bytes to a row of either table.
 * \param row the row
 * \param s a statement whose columns from first on are frames, completed, late, dropped, lost,
 * in_flight, hit_ratio, p50_s, p95_s, p99_s, cloud bytes, bound
 * \param first the column of frames
 */
void
AppendFrameCells(std::vector<std::string>& row, const SqliteStatement& s, int first)
{
    for (int c = first; c <= first + 5; ++c)
    {
        row.push_back(Integer(s, c));
    }
    row.push_back(BoundLabel(s.IsNull(first + 11) ? "" : s.GetText(first + 11)));
    row.push_back(Number(s, first + 6, 1, 3));
    for (int c = first + 7; c <= first + 9; ++c)
    {
        row.push_back(Number(s, c, 1e3));
    }
    row.push_back(Number(s, first + 10, 1e-6, 2));
}

/**
 * \brief Print the summary of each run, and of each algorithm and way its runs ended. Columns are
 * as wide as their content (example::TextTable), so long algorithm and scenario names fit.
 * \param db the database
 */
void
PrintSummary(SqliteDatabase& db)
{
    using example::TextTable;
    const char* frameColumns = "frames, completed, late, dropped, lost, in_flight, hit_ratio";
    TextTable runTable;
    for (const char* name : {"run", "algorithm", "scenario"})
    {
        runTable.AddColumn(name, TextTable::LEFT);
    }
    std::vector<const char*> runHeaders{"seed", "rng", "ended", "tasks"};
    runHeaders.insert(runHeaders.end(), FRAME_HEADERS.begin(), FRAME_HEADERS.end());
    runHeaders.push_back("cloud MB");
    for (const char* name : runHeaders)
    {
        runTable.AddColumn(name, TextTable::RIGHT);
    }
    SqliteStatement runs = db.Prepare(
        std::string("WITH ") + RUN_BOUNDS +
        " SELECT r.run_id, r.algorithm, r.scenario, r.seed, r.run_number, "
        "COALESCE(r.ended_by, 'unfinished'), "
        "(SELECT SUM(admitted) || '/' || COUNT(*) FROM tasks t WHERE t.run_id = r.run_id), "
        "h." +
        std::string(frameColumns) +
        ", p.p50_s, p.p95_s, p.p99_s, c.tx_bytes, b.bound FROM runs r "
        "LEFT JOIN run_deadline_hits h USING (run_id) "
        "LEFT JOIN run_latency_percentiles p USING (run_id) "
        "LEFT JOIN run_cloud_bytes c USING (run_id) "
        "LEFT JOIN run_bounds b USING (run_id) ORDER BY r.run_id");
    while (runs.Step())
    {
        std::vector<std::string> row{Integer(runs, 0),
                                     Label(runs.GetText(1)),
                                     runs.GetText(2),
                                     Integer(runs, 3),
                                     Integer(runs, 4),
                                     Ended(runs.GetText(5)),
                                     runs.IsNull(6) ? "-" : runs.GetText(6)};
        AppendFrameCells(row, runs, 7);
        runTable.AddRow(row);
    }
    std::cout << "Runs\n";
    runTable.Print(std::cout);

    TextTable algorithmTable;
    algorithmTable.AddColumn("algorithm", TextTable::LEFT);
    algorithmTable.AddColumn("ended", TextTable::LEFT);
    std::vector<const char*> algorithmHeaders{"runs", "tasks"};
    algorithmHeaders.insert(algorithmHeaders.end(), FRAME_HEADERS.begin(), FRAME_HEADERS.end());
    algorithmHeaders.push_back("cloud MB/run");
    for (const char* name : algorithmHeaders)
    {
        algorithmTable.AddColumn(name, TextTable::RIGHT);
    }
    SqliteStatement algorithms = db.Prepare(
        std::string("WITH ") + RUN_BOUNDS +
        " SELECT a.algorithm, a.ended_by, (SELECT COUNT(*) FROM runs r WHERE r.algorithm = "
        "a.algorithm AND COALESCE(r.ended_by, 'unfinished') = a.ended_by), "
        "(SELECT SUM(t.admitted) || '/' || COUNT(*) FROM tasks t JOIN runs r USING (run_id) "
        "WHERE r.algorithm = a.algorithm AND COALESCE(r.ended_by, 'unfinished') = a.ended_by), "
        "h.frames, h.completed, h.late, h.dropped, h.lost, h.in_flight, h.hit_ratio, p.p50_s, "
        "p.p95_s, p.p99_s, c.tx_bytes_per_run, "
        "(SELECT GROUP_CONCAT(DISTINCT b.bound) FROM runs r JOIN run_bounds b USING (run_id) "
        "WHERE r.algorithm = a.algorithm AND COALESCE(r.ended_by, 'unfinished') = a.ended_by) "
        "FROM (SELECT DISTINCT algorithm, COALESCE(ended_by, 'unfinished') AS ended_by "
        "FROM runs) a "
        "LEFT JOIN algorithm_deadline_hits h USING (algorithm, ended_by) "
        "LEFT JOIN algorithm_latency_percentiles p USING (algorithm, ended_by) "
        "LEFT JOIN algorithm_cloud_bytes c USING (algorithm, ended_by) "
        "ORDER BY a.algorithm, a.ended_by <> 'finished', a.ended_by");
    while (algorithms.Step())
    {
        std::vector<std::string> row{Label(algorithms.GetText(0)),
                                     Ended(algorithms.GetText(1)),
                                     Integer(algorithms, 2),
                                     algorithms.IsNull(3) ? "-" : algorithms.GetText(3)};
        AppendFrameCells(row, algorithms, 4);
        algorithmTable.AddRow(row);
    }
    std::cout << "\nAlgorithms (one line per algorithm and way its runs ended)\n";
    algorithmTable.Print(std::cout);
    std::cout << "\nhit: deadline hit ratio, frames completed within their task's bound Q_j over "
                 "every frame\ncreated; a frame still in flight (fly) or stalled (counted in lost) "
                 "when the run ended is\na miss. bound: what Q_j bounds, as the run's devices "
                 "judge it (their LatencyModel): e2e =\nend to end, from the frame's creation to "
                 "its result back at the device; transfer = the\nedge-to-cloud transfer alone "
                 "(the paper's latency); mixed = devices of both kinds.\nended: finished (the run "
                 "ended normally), SIGTERM/SIGINT/SIGHUP (a termination signal stopped\nit; its "
                 "rows up to then are complete), unfinished (no end recorded: killed, crashed, "
                 "out of\ndisk, or still running; only the batches committed before are there). "
                 "Plots: finished runs.\n";
}

/**
 * \brief The latency bound of the finished runs' hit ratios, for a plot's label.
 * \param db the database
 * \return "end-to-end, within Q_j", "transfer, within Q_j" or "each run's bound: end-to-end or
 * transfer"
 */
std::string
FinishedRunsBound(SqliteDatabase& db)
{
    SqliteStatement s = db.Prepare(
        std::string("WITH ") + RUN_BOUNDS +
        " SELECT GROUP_CONCAT(DISTINCT b.bound) FROM runs r JOIN run_bounds b USING (run_id) "
        "WHERE r.ended_by = 'finished'");
    const std::string bound = s.Step() && !s.IsNull(0) ? s.GetText(0) : "";
    if (bound == "end-to-end" || bound == "transfer")
    {
        return bound + ", within Q_j";
    }
    return "each run's bound: end-to-end or transfer";
}

/**
 * \brief Print a line per stalled task of every run, the rule of FrameLedger::GetStalls: a task
 * whose last frames, at least FrameLedger::MIN_STALLED_FRAMES, got no result after its last
 * answered frame (completed, late or dropped), one of them lost (the recorder settles frames open
 * longer than its StallTime at the end as lost, reason 'stalled').
 * \param db the database
 */
void
PrintStalls(SqliteDatabase& db)
{
    SqliteStatement s = db.Prepare(
        "WITH answered AS (SELECT run_id, task_id, COUNT(*) AS frames, "
        "MAX(CASE WHEN status IN ('completed', 'late', 'dropped') THEN frame_seq END) AS last_seq "
        "FROM frames GROUP BY run_id, task_id) "
        "SELECT f.run_id, f.task_id, a.frames, COUNT(*), SUM(f.status = 'lost'), "
        "SUM(f.status = 'in_flight'), MIN(f.created_s), a.last_seq IS NOT NULL, "
        "SUM(f.drop_reason = 'stalled') "
        "FROM frames f JOIN answered a USING (run_id, task_id) "
        "WHERE a.last_seq IS NULL OR f.frame_seq > a.last_seq "
        "GROUP BY f.run_id, f.task_id HAVING COUNT(*) >= ?1 AND SUM(f.status = 'lost') > 0 "
        "ORDER BY f.run_id, f.task_id");
    s.BindInt(1, FrameLedger::MIN_STALLED_FRAMES);
    uint32_t stalls = 0;
    std::cout << "\nStalled tasks (a task whose last frames got no result)\n";
    while (s.Step())
    {
        ++stalls;
        std::cout << "run " << s.GetInt(0) << " task " << s.GetInt(1) << " stalled: ";
        if (s.GetInt(7) != 0)
        {
            std::cout << "the last " << s.GetInt(3) << " of its " << s.GetInt(2)
                      << " frames, created from t=" << Number(s, 6, 1, 3) << " s on, got no result";
        }
        else
        {
            std::cout << "none of its " << s.GetInt(2) << " frames got a result";
        }
        std::cout << " (" << s.GetInt(4) << " lost";
        if (s.GetInt(8) != 0)
        {
            std::cout << ", " << s.GetInt(8) << " of them open at the end";
        }
        std::cout << "; " << s.GetInt(5) << " in flight)\n";
    }
    if (stalls == 0)
    {
        std::cout << "none\n";
    }
    else
    {
        std::cout << "stalled: from a connection that stopped carrying or a saturated network "
                     "(doc/edge-dnn.rst, Troubleshooting)\n";
    }
}

/**
 * \brief The plots.
 * \param db the database
 * \param dir output folder
 * \return PNGs made
 */
int
Plot(SqliteDatabase& db, const std::string& dir)
{
    int made = 0;
    // Latency CDF per algorithm, at most 1000 points each.
    Gnuplot cdf("latency-cdf.png", "End-to-end latency (frames with a result, finished runs)");
    cdf.SetLegend("latency (ms)", "fraction of frames");
    cdf.AppendExtra("set key bottom right\nset grid\nset yrange [0:1]");
    {
        std::map<std::string, std::vector<double>> latencies;
        SqliteStatement s =
            db.Prepare("SELECT algorithm, latency_s FROM frame_latency WHERE ended_by = "
                       "'finished' ORDER BY algorithm, latency_s");
        while (s.Step())
        {
            latencies[s.GetText(0)].push_back(s.GetDouble(1));
        }
        for (const auto& [algorithm, values] : latencies)
        {
            Gnuplot2dDataset d(Label(algorithm));
            d.SetStyle(Gnuplot2dDataset::STEPS);
            const std::size_t n = values.size();
            const std::size_t step = std::max<std::size_t>(1, n / 1000);
            for (std::size_t i = 0; i < n; i += step)
            {
                d.Add(values[i] * 1e3, static_cast<double>(i + 1) / n);
            }
            d.Add(values.back() * 1e3, 1.0);
            cdf.AddDataset(d);
        }
        if (!latencies.empty())
        {
            made += edgednnexample::RenderPlot(cdf, dir, "latency-cdf");
        }
    }
    // Deadline hit ratio per task, per algorithm (all runs of the algorithm together), of the
    // tasks with frames; the line breaks (a blank line, gnuplot's gap) at a task rejected in every
    // finished run of the algorithm, so that no line runs across it.
    const std::string bound = FinishedRunsBound(db);
    Gnuplot hits("deadline-hit-ratio.png",
                 "Deadline hit ratio per admitted task (" + bound +
                     "; completed / all frames, in flight = missed; finished runs)");
    hits.SetLegend("task", "deadline hit ratio (" + bound + ")");
    hits.AppendExtra("set key outside right\nset grid\nset yrange [0:1.05]\nset offsets 0.5, "
                     "0.5, 0, 0");
    {
        std::map<std::string, std::vector<int64_t>> rejected;
        SqliteStatement r =
            db.Prepare("SELECT r.algorithm, t.task_id FROM tasks t JOIN runs r USING (run_id) "
                       "WHERE r.ended_by = 'finished' GROUP BY r.algorithm, t.task_id "
                       "HAVING MAX(t.admitted) = 0 ORDER BY r.algorithm, t.task_id");
        while (r.Step())
        {
            rejected[r.GetText(0)].push_back(r.GetInt(1));
        }
        std::map<std::string, Gnuplot2dDataset> sets;
        std::map<std::string, int64_t> lastTask;
        SqliteStatement s = db.Prepare(
            "SELECT algorithm, task_id, CAST(SUM(completed) AS REAL) / NULLIF(SUM(frames), 0) "
            "FROM task_deadline_hits WHERE ended_by = 'finished' GROUP BY algorithm, task_id "
            "ORDER BY algorithm, task_id");
        while (s.Step())
        {
            if (s.IsNull(2))
            {
                continue;
            }
            const std::string algorithm = s.GetText(0);
            const int64_t task = s.GetInt(1);
            auto it = sets.find(algorithm);
            if (it == sets.end())
            {
                it = sets.emplace(algorithm, Gnuplot2dDataset(Label(algorithm))).first;
                it->second.SetStyle(Gnuplot2dDataset::LINES_POINTS);
            }
            else
            {
                const std::vector<int64_t>& gaps = rejected[algorithm];
                const auto next = std::upper_bound(gaps.begin(), gaps.end(), lastTask[algorithm]);
                if (next != gaps.end() && *next < task)
                {
                    it->second.AddEmptyLine();
                }
            }
            lastTask[algorithm] = task;
            it->second.Add(static_cast<double>(task), s.GetDouble(2));
        }
        for (auto& [algorithm, d] : sets)
        {
            hits.AddDataset(d);
        }
        if (!sets.empty())
        {
            made += edgednnexample::RenderPlot(hits, dir, "deadline-hit-ratio");
        }
    }
    // Traffic to the cloud over time, mean over each algorithm's runs.
    Gnuplot traffic("cloud-traffic.png",
                    "Traffic to the cloud (links recorded with toCloud, finished runs)");
    traffic.SetLegend("time (s)", "Mbit/s");
    traffic.AppendExtra("set key outside right\nset grid");
    {
        std::map<std::string, Gnuplot2dDataset> sets;
        SqliteStatement s = db.Prepare(
            "WITH per_run AS (SELECT l.run_id, r.algorithm, l.t_start_s, l.t_end_s, "
            "SUM(l.tx_bytes) AS bytes FROM link_traffic l JOIN runs r USING (run_id) "
            "WHERE l.to_cloud = 1 AND r.ended_by = 'finished' GROUP BY l.run_id, l.t_start_s) "
            "SELECT algorithm, t_start_s, AVG(bytes * 8.0 / (t_end_s - t_start_s)) / 1e6 "
            "FROM per_run GROUP BY algorithm, t_start_s ORDER BY algorithm, t_start_s");
        while (s.Step())
        {
            auto it = sets.find(s.GetText(0));
            if (it == sets.end())
            {
                it = sets.emplace(s.GetText(0), Gnuplot2dDataset(Label(s.GetText(0)))).first;
                it->second.SetStyle(Gnuplot2dDataset::STEPS);
            }
            it->second.Add(s.GetDouble(1), s.GetDouble(2));
        }
        for (auto& [algorithm, d] : sets)
        {
            traffic.AddDataset(d);
        }
        if (!sets.empty())
        {
            made += edgednnexample::RenderPlot(traffic, dir, "cloud-traffic");
        }
    }
    return made;
}

/**
 * \param db the database
 * \param name a table
 * \return true if the database has the table with at least one row (an older database may lack
 * it)
 */
bool
HasRows(SqliteDatabase& db, const std::string& name)
{
    if (db.GetObjectType(name) != "table")
    {
        return false;
    }
    return db.QueryInt("SELECT EXISTS (SELECT 1 FROM " + name + ")") != 0;
}

/**
 * \param values values sorted in increasing order (not empty)
 * \param q a quantile in (0, 1]
 * \return the nearest-rank percentile: the smallest value whose rank is at least q * n, as the
 * latency views compute it
 */
double
NearestRank(const std::vector<double>& values, double q)
{
    const double n = static_cast<double>(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        if (static_cast<double>(i + 1) >= q * n)
        {
            return values[i];
        }
    }
    return values.back();
}

/// The reasons TaskDecision names, in the order the report shows them (others follow).
const std::vector<std::string> DECISION_REASONS{"schedule", "arrival", "periodic", "estimate"};

/**
 * \brief Print the number of decisions of each run by reason (the decisions table), and how many
 * of its tasks had more than one decision, when the database has decisions.
 * \param db the database
 */
void
PrintDecisions(SqliteDatabase& db)
{
    if (!HasRows(db, "decisions"))
    {
        return;
    }
    std::vector<std::string> reasons = DECISION_REASONS;
    {
        SqliteStatement s = db.Prepare("SELECT DISTINCT reason FROM decisions ORDER BY reason");
        while (s.Step())
        {
            if (std::find(reasons.begin(), reasons.end(), s.GetText(0)) == reasons.end())
            {
                reasons.push_back(s.GetText(0));
            }
        }
    }
    using example::TextTable;
    TextTable table;
    table.AddColumn("run", TextTable::RIGHT);
    table.AddColumn("algorithm", TextTable::LEFT);
    for (const std::string& reason : reasons)
    {
        table.AddColumn(reason, TextTable::RIGHT);
    }
    table.AddColumn("total", TextTable::RIGHT);
    table.AddColumn("tasks changed", TextTable::RIGHT);
    std::map<int64_t, std::map<std::string, int64_t>> counts;
    std::map<int64_t, std::string> algorithms;
    SqliteStatement s =
        db.Prepare("SELECT d.run_id, r.algorithm, d.reason, COUNT(*) FROM decisions d JOIN runs r "
                   "USING (run_id) GROUP BY d.run_id, d.reason ORDER BY d.run_id");
    while (s.Step())
    {
        counts[s.GetInt(0)][s.GetText(2)] = s.GetInt(3);
        algorithms[s.GetInt(0)] = s.GetText(1);
    }
    SqliteStatement changed = db.Prepare(
        "SELECT COUNT(*) FROM (SELECT task_id FROM decisions WHERE run_id = ?1 GROUP BY task_id "
        "HAVING COUNT(*) > 1)");
    for (const auto& [run, byReason] : counts)
    {
        std::vector<std::string> row{std::to_string(run), Label(algorithms[run])};
        int64_t total = 0;
        for (const std::string& reason : reasons)
        {
            auto it = byReason.find(reason);
            const int64_t n = it != byReason.end() ? it->second : 0;
            total += n;
            row.push_back(std::to_string(n));
        }
        row.push_back(std::to_string(total));
        changed.BindInt(1, run);
        row.push_back(changed.Step() ? std::to_string(changed.GetInt(0)) : "-");
        changed.Reset();
        table.AddRow(row);
    }
    std::cout << "\nDecisions by reason (every decision applied to a device; tasks changed: tasks "
                 "with more than one)\n";
    table.Print(std::cout);
}

/**
 * \brief Print the error of the edge servers' uplink estimates against the true rates per run
 * (the bandwidth_estimate_error view): median and 95th percentile (nearest rank) of the absolute
 * error and of the relative error, over the estimates that have a true rate; estimates without
 * one are counted apart.
 * \param db the database
 */
void
PrintEstimateErrors(SqliteDatabase& db)
{
    if (db.GetObjectType("bandwidth_estimate_error") != "view" ||
        db.QueryInt("SELECT EXISTS (SELECT 1 FROM bandwidth_estimate_error)") == 0)
    {
        return;
    }
    using example::TextTable;
    TextTable table;
    table.AddColumn("run", TextTable::RIGHT);
    table.AddColumn("algorithm", TextTable::LEFT);
    for (const char* name : {"estimates",
                             "no true rate",
                             "p50 |err| Mbit/s",
                             "p95 |err| Mbit/s",
                             "p50 rel err %",
                             "p95 rel err %"})
    {
        table.AddColumn(name, TextTable::RIGHT);
    }

    /// A run's estimates and their errors.
    struct Errors
    {
        std::string algorithm;        //!< runs.algorithm
        int64_t estimates{0};         //!< estimates
        int64_t withoutTrue{0};       //!< estimates without a true rate on their node
        std::vector<double> absolute; //!< absolute errors (bit/s)
        std::vector<double> relative; //!< relative errors (where the true rate is not 0)
    };

    std::map<int64_t, Errors> runs;
    SqliteStatement s = db.Prepare(
        "SELECT run_id, algorithm, abs_error_bps, rel_error FROM bandwidth_estimate_error");
    while (s.Step())
    {
        Errors& e = runs[s.GetInt(0)];
        e.algorithm = s.GetText(1);
        ++e.estimates;
        if (s.IsNull(2))
        {
            ++e.withoutTrue;
            continue;
        }
        e.absolute.push_back(s.GetDouble(2));
        if (!s.IsNull(3))
        {
            e.relative.push_back(s.GetDouble(3));
        }
    }
    auto percentile = [](std::vector<double>& v, double q, double scale) -> std::string {
        if (v.empty())
        {
            return "-";
        }
        std::sort(v.begin(), v.end());
        std::ostringstream os;
        os << std::fixed << std::setprecision(3) << NearestRank(v, q) * scale;
        return os.str();
    };
    for (auto& [run, e] : runs)
    {
        table.AddRow({std::to_string(run),
                      Label(e.algorithm),
                      std::to_string(e.estimates),
                      std::to_string(e.withoutTrue),
                      percentile(e.absolute, 0.5, 1e-6),
                      percentile(e.absolute, 0.95, 1e-6),
                      percentile(e.relative, 0.5, 100),
                      percentile(e.relative, 0.95, 100)});
    }
    std::cout << "\nUplink estimate error (each estimate against the true rate in effect on its "
                 "node; nearest rank)\n";
    table.Print(std::cout);
}

/// The most runs the per-run plots (bandwidth, task splits) are drawn for.
constexpr std::size_t MAX_RUN_PLOTS = 12;

/**
 * \param db the database
 * \return the finished runs whose decisions change during the run (a task with more than one
 * decision) or that have bandwidth rows, in run order (none in a database without those tables)
 */
std::vector<int64_t>
ChangingRuns(SqliteDatabase& db)
{
    std::vector<int64_t> runs;
    const bool decisions = db.GetObjectType("decisions") == "table";
    const bool bandwidth = db.GetObjectType("bandwidth") == "table";
    if (!decisions && !bandwidth)
    {
        return runs;
    }
    std::string condition;
    if (decisions)
    {
        condition += "EXISTS (SELECT 1 FROM decisions d WHERE d.run_id = r.run_id GROUP BY "
                     "d.task_id HAVING COUNT(*) > 1)";
    }
    if (bandwidth)
    {
        condition += std::string(decisions ? " OR " : "") +
                     "EXISTS (SELECT 1 FROM bandwidth b WHERE b.run_id = r.run_id)";
    }
    SqliteStatement s = db.Prepare("SELECT r.run_id FROM runs r WHERE r.ended_by = 'finished' "
                                   "AND (" +
                                   condition + ") ORDER BY r.run_id");
    while (s.Step())
    {
        runs.push_back(s.GetInt(0));
    }
    return runs;
}

/**
 * \brief The plots of runs whose decisions or bandwidth change during the run (ChangingRuns):
 * bandwidth-run<N>.png (true and estimated rates over time per node), task-splits-run<N>.png
 * (the split over time of each task with decisions, a gap while rejected), at most MAX_RUN_PLOTS
 * runs each, and deadline-hits-over-time.png (the hit ratio per bin of each such run). \param db
 * the database \param dir output folder \return PNGs made
 */
int
PlotChanges(SqliteDatabase& db, const std::string& dir)
{
    const std::vector<int64_t> runs = ChangingRuns(db);
    if (runs.empty())
    {
        return 0;
    }
    int made = 0;
    if (runs.size() > MAX_RUN_PLOTS)
    {
        std::cout << "\nbandwidth and task-split plots: the first " << MAX_RUN_PLOTS << " of "
                  << runs.size() << " runs whose decisions or bandwidth change\n";
    }
    const bool bandwidth = db.GetObjectType("bandwidth") == "table";
    const bool decisions = db.GetObjectType("task_splits") == "view";
    for (std::size_t i = 0; i < runs.size() && i < MAX_RUN_PLOTS; ++i)
    {
        const int64_t run = runs[i];
        const std::string suffix = "-run" + std::to_string(run);
        if (bandwidth)
        {
            Gnuplot plot("bandwidth" + suffix + ".png",
                         "Uplink rate per node, run " + std::to_string(run) +
                             ": true (LinkRateTrace) and estimated (edge server)");
            plot.SetLegend("time (s)", "Mbit/s");
            plot.AppendExtra("set key outside right\nset grid");
            std::map<std::pair<int64_t, std::string>, Gnuplot2dDataset> sets;
            double maxMbps = 0;
            SqliteStatement s =
                db.Prepare("SELECT node, source, time_s, rate_bps FROM bandwidth WHERE run_id = ?1 "
                           "ORDER BY node, source DESC, time_s, rowid");
            s.BindInt(1, run);
            while (s.Step())
            {
                const auto key = std::make_pair(s.GetInt(0), s.GetText(1));
                auto it = sets.find(key);
                if (it == sets.end())
                {
                    it = sets.emplace(key,
                                      Gnuplot2dDataset("node " + std::to_string(key.first) + " " +
                                                       key.second))
                             .first;
                    it->second.SetStyle(key.second == "true" ? Gnuplot2dDataset::STEPS
                                                             : Gnuplot2dDataset::LINES_POINTS);
                }
                it->second.Add(s.GetDouble(2), s.GetDouble(3) / 1e6);
                maxMbps = std::max(maxMbps, s.GetDouble(3) / 1e6);
            }
            // A true rate holds until the run's end.
            SqliteStatement end = db.Prepare(
                "SELECT b.node, b.rate_bps, r.sim_time_s FROM bandwidth b JOIN runs r USING "
                "(run_id) WHERE b.run_id = ?1 AND b.source = 'true' AND r.sim_time_s IS NOT NULL "
                "AND b.rowid = (SELECT MAX(c.rowid) FROM bandwidth c WHERE c.run_id = b.run_id "
                "AND c.node = b.node AND c.source = 'true')");
            end.BindInt(1, run);
            while (end.Step())
            {
                auto it = sets.find(std::make_pair(end.GetInt(0), std::string("true")));
                if (it != sets.end())
                {
                    it->second.Add(end.GetDouble(2), end.GetDouble(1) / 1e6);
                }
            }
            for (auto& [key, d] : sets)
            {
                plot.AddDataset(d);
            }
            // From 0, with room above the highest rate so that a line on it shows.
            std::ostringstream range;
            range << "set yrange [0:" << maxMbps * 1.1 + 1e-6 << "]";
            plot.AppendExtra(range.str());
            if (!sets.empty())
            {
                made += edgednnexample::RenderPlot(plot, dir, "bandwidth" + suffix);
            }
        }
        if (decisions)
        {
            Gnuplot plot("task-splits" + suffix + ".png",
                         "Split index per task over time, run " + std::to_string(run) +
                             " (a gap: rejected)");
            plot.SetLegend("time (s)", "split index");
            // One split index of room above and below, so that a line on the extremes shows.
            plot.AppendExtra("set key outside right\nset grid\nset offsets 0, 0, 1, 1");
            std::map<int64_t, Gnuplot2dDataset> sets;
            SqliteStatement s = db.Prepare(
                "SELECT task_id, start_s, end_s, split_index FROM task_splits WHERE run_id = ?1 "
                "ORDER BY task_id, start_s, seq");
            s.BindInt(1, run);
            while (s.Step())
            {
                const int64_t task = s.GetInt(0);
                auto it = sets.find(task);
                if (it == sets.end())
                {
                    it = sets.emplace(task, Gnuplot2dDataset("task " + std::to_string(task))).first;
                    it->second.SetStyle(Gnuplot2dDataset::LINES);
                }
                if (s.IsNull(3))
                {
                    it->second.AddEmptyLine();
                    continue;
                }
                const double start = s.GetDouble(1);
                const double end = s.IsNull(2) ? start : s.GetDouble(2);
                it->second.Add(start, s.GetDouble(3));
                it->second.Add(end, s.GetDouble(3));
            }
            for (auto& [task, d] : sets)
            {
                plot.AddDataset(d);
            }
            if (!sets.empty())
            {
                made += edgednnexample::RenderPlot(plot, dir, "task-splits" + suffix);
            }
        }
    }
    if (db.GetObjectType("deadline_hits_over_time") == "view")
    {
        const std::string bound = FinishedRunsBound(db);
        Gnuplot plot("deadline-hits-over-time.png",
                     "Deadline hit ratio over time (frames by creation time per BinWidth; "
                     "completed / all, in flight = missed)");
        plot.SetLegend("time (s)", "deadline hit ratio (" + bound + ")");
        plot.AppendExtra("set key outside right\nset grid\nset yrange [0:1.05]");
        std::map<int64_t, Gnuplot2dDataset> sets;
        SqliteStatement s = db.Prepare(
            "SELECT run_id, algorithm, t_start_s, t_end_s, hit_ratio FROM deadline_hits_over_time "
            "WHERE run_id = ?1 AND bin IS NOT NULL ORDER BY bin");
        for (const int64_t run : runs)
        {
            s.BindInt(1, run);
            while (s.Step())
            {
                auto it = sets.find(run);
                if (it == sets.end())
                {
                    it = sets.emplace(run,
                                      Gnuplot2dDataset("run " + std::to_string(run) + " (" +
                                                       Label(s.GetText(1)) + ")"))
                             .first;
                    it->second.SetStyle(Gnuplot2dDataset::LINES_POINTS);
                }
                it->second.Add((s.GetDouble(2) + s.GetDouble(3)) / 2, s.GetDouble(4));
            }
            s.Reset();
        }
        for (auto& [run, d] : sets)
        {
            plot.AddDataset(d);
        }
        if (!sets.empty())
        {
            made += edgednnexample::RenderPlot(plot, dir, "deadline-hits-over-time");
        }
    }
    return made;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string dbPath;
    std::string outputDir = "results";
    bool upgrade = false;
    CommandLine cmd(__FILE__);
    cmd.Usage("Summarises an edge-dnn recorder database per run and per algorithm and plots "
              "latency CDFs, deadline hit ratios and traffic to the cloud.");
    cmd.AddValue("db", "The SQLite database written by EdgeDnnRecorder", dbPath);
    cmd.AddValue("outputDir", "Folder for the plots", outputDir);
    cmd.AddValue("upgrade",
                 "Upgrade a database of an older edge-dnn schema version first (writes to it)",
                 upgrade);
    cmd.Parse(argc, argv);
    try
    {
        if (dbPath.empty())
        {
            throw EdgeDnnError("--db: expected the path of a database written by EdgeDnnRecorder");
        }
        if (upgrade)
        {
            // Opening for writing upgrades an older schema (and adds no run).
            Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
            recorder->Open(dbPath);
            recorder->Dispose();
        }
        SqliteDatabase db(dbPath, SqliteDatabase::READ_ONLY);
        const int64_t version = db.QueryInt("PRAGMA user_version");
        if (db.GetObjectType("runs") == "table" && version != 0 &&
            version < EdgeDnnRecorder::GetSchemaVersion())
        {
            throw EdgeDnnError("database '" + dbPath + "' has edge-dnn schema version " +
                               std::to_string(version) + ": expected version " +
                               std::to_string(EdgeDnnRecorder::GetSchemaVersion()) +
                               "; run again with --upgrade to upgrade it (this writes to it)");
        }
        for (const char* view : {"run_deadline_hits", "algorithm_latency_percentiles"})
        {
            if (db.GetObjectType(view) != "view")
            {
                throw EdgeDnnError("database '" + dbPath + "' has no view '" + view +
                                   "': expected a database written by EdgeDnnRecorder");
            }
        }
        PrintSummary(db);
        PrintStalls(db);
        PrintDecisions(db);
        PrintEstimateErrors(db);
        std::error_code ec;
        std::filesystem::create_directories(outputDir, ec);
        if (!std::filesystem::is_directory(outputDir))
        {
            throw EdgeDnnError("--outputDir=" + outputDir + ": cannot create the folder");
        }
        const int made = Plot(db, outputDir) + PlotChanges(db, outputDir);
        std::cout << "\n" << made << " plot(s) in " << outputDir << "/\n";
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-report: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
