/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * What the integration examples (edge-dnn-wifi, edge-dnn-lte, edge-dnn-existing-topology) share:
 * their options and the checks of their values, the setup of the edge-dnn applications on a
 * network they built (InstallCameras, then InstallServersAndRun on the gateways), and what they
 * print, so the three print the same tables: the scheduling problem SchedulerHelper read off the
 * simulation (servers with c_i and b_i, tasks), the assignment it chose, and a summary per task of
 * the frames the FrameLedger followed. With --db, the run is recorded with RecorderHelper.
 * edge-dnn-quickstart prints its own table from the same per-task figures (TaskFrameStats).
 *
 * The task summary has one line per task, whitespace-separated, its columns as wide as their
 * content (TextTable, so a long model name keeps the columns in line):
 *
 *     task model server split frames ok late drop lost flight pred-ms xfer-ms e2e-ms p95-ms
 *
 * with "-" for the server, split and latencies of a rejected task, then "admitted N of M tasks
 * (algorithm)", then a line "task T stalled: ..." for each task whose last frames got no result
 * (FrameLedger::GetStalls). Times are in ms: predicted and measured mean edge-to-cloud transfer
 * (the paper's latency), mean and 95th percentile end-to-end latency.
 */

#ifndef EDGE_DNN_EXAMPLE_REPORT_H
#define EDGE_DNN_EXAMPLE_REPORT_H

#include "edge-dnn-example-table.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/command-line.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/iot-device-application.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace example
{

/**
 * \brief Parse a data rate given on the command line.
 * \param option the option's name (without "--")
 * \param value its value, e.g. "10Mbps"
 * \return the rate
 * \throws EdgeDnnError if it is not a data rate > 0 bit/s
 */
inline DataRate
ParseRate(const std::string& option, const std::string& value)
{
    DataRateValue rate;
    if (!rate.DeserializeFromString(value, MakeDataRateChecker()) || rate.Get().GetBitRate() == 0)
    {
        throw EdgeDnnError("--" + option + "=" + value +
                           ": expected a data rate > 0 with its unit, e.g. 10Mbps or 500kbps");
    }
    return rate.Get();
}

/**
 * \brief Check that a number given on the command line is > 0.
 * \param option the option's name (without "--")
 * \param value its value
 * \param unit its unit, for the message
 * \throws EdgeDnnError if not
 */
inline void
RequirePositive(const std::string& option, double value, const std::string& unit)
{
    if (!(value > 0))
    {
        std::ostringstream os;
        os << "--" << option << "=" << value << ": expected a value > 0 " << unit;
        throw EdgeDnnError(os.str());
    }
}

/**
 * \brief Check an algorithm name given on the command line.
 * \param algorithm the name
 * \throws EdgeDnnError if TaskScheduler does not know it
 */
inline void
RequireAlgorithm(const std::string& algorithm)
{
    const std::vector<std::string> names = TaskScheduler::GetNames();
    if (std::find(names.begin(), names.end(), algorithm) != names.end())
    {
        return;
    }
    std::string known;
    for (const std::string& name : names)
    {
        known += (known.empty() ? "" : ", ") + name;
    }
    throw EdgeDnnError("--algorithm=" + algorithm + ": expected one of " + known);
}

/**
 * \brief The name of a split point.
 * \param task a task of the problem
 * \param splitIndex a SplitPoint::index of its network
 * \return the layer after which the network is cut
 */
inline std::string
SplitName(const SchedulingTask& task, uint32_t splitIndex)
{
    for (const SplitPoint& p : task.profile->GetSplitPoints())
    {
        if (p.index == splitIndex)
        {
            return p.name;
        }
    }
    return "?";
}

/**
 * \brief Print the problem: each server's c_i and b_i, each task's network, frames and bound.
 * \param os the stream
 * \param problem the problem SchedulerHelper built
 */
inline void
PrintProblem(std::ostream& os, const SchedulingProblem& problem)
{
    os << "problem: " << problem.GetServerCount() << " edge server(s), " << problem.GetTaskCount()
       << " tasks, latency model "
       << (problem.GetLatencyModel() == LatencyModel::TRANSFER ? "transfer" : "end-to-end") << "\n";
    for (uint32_t i = 0; i < problem.GetServerCount(); ++i)
    {
        const EdgeServer& s = problem.GetServers()[i];
        os << "  server " << i << ": c_i = " << s.computeMacsPerS << " MAC/s, b_i = " << s.uplinkBps
           << " bit/s, V = " << s.usableShare << "\n";
    }
    for (const SchedulingTask& t : problem.GetTasks())
    {
        os << "  task " << t.id << ": " << t.model << ", " << t.inputBytes << " B at "
           << t.frameRate << " frames/s, Q = " << t.deadlineS * 1e3 << " ms, servers";
        for (uint32_t s : t.servers)
        {
            os << " " << s;
        }
        os << "\n";
    }
}

/**
 * \brief Print the assignment: each task's server and split with what it takes, then each
 * server's load against its capacity.
 * \param os the stream
 * \param problem the problem
 * \param assignment the scheduler's answer
 */
inline void
PrintAssignment(std::ostream& os, const SchedulingProblem& problem, const Assignment& assignment)
{
    os << "assignment (" << assignment.GetAlgorithm() << "): " << assignment.GetAdmittedCount()
       << " of " << problem.GetTaskCount() << " tasks admitted\n";
    for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
    {
        const SchedulingTask& t = problem.GetTasks()[j];
        const TaskPlacement& p = assignment.GetPlacements()[j];
        if (!p.admitted)
        {
            os << "  task " << t.id << " rejected\n";
            continue;
        }
        os << "  task " << t.id << " -> server " << p.server << " split " << p.splitIndex << " ("
           << SplitName(t, p.splitIndex) << ")";
        if (p.deviceSplitIndex != 0)
        {
            os << ", device split " << p.deviceSplitIndex << " ("
               << SplitName(t, p.deviceSplitIndex) << ")";
        }
        os << ": " << p.bandwidthBps / 1e6 << " Mbit/s, " << p.computeMacsPerS / 1e9
           << " GMAC/s, predicted " << p.latencyS * 1e3 << " ms\n";
    }
    const std::vector<ServerTotals> totals = assignment.GetServerTotals(problem.GetServerCount());
    for (uint32_t i = 0; i < problem.GetServerCount(); ++i)
    {
        const EdgeServer& s = problem.GetServers()[i];
        os << "  server " << i << ": " << totals[i].tasks << " tasks, "
           << totals[i].bandwidthBps / 1e6 << " of " << s.usableShare * s.uplinkBps / 1e6
           << " Mbit/s, " << totals[i].computeMacsPerS / 1e9 << " of " << s.computeMacsPerS / 1e9
           << " GMAC/s\n";
    }
}

/**
 * \brief A percentile of sorted values.
 * \param sorted values in increasing order
 * \param q the quantile (0..1)
 * \return the value, 0 if there is none
 */
inline double
Percentile(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
    {
        return 0;
    }
    return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * sorted.size()))];
}

/// The frames of one task as a FrameLedger followed them: counts by final state and latencies.
struct TaskFrameStats
{
    uint32_t frames{0};                       //!< frames the task created
    std::map<FrameStatus, uint32_t> byStatus; //!< frames by final state
    std::vector<double> endToEndMs; //!< end-to-end latency of each frame with a result (ms), sorted
    double meanEndToEndMs{0};       //!< mean of endToEndMs (ms), 0 if there is none
    double meanTransferMs{0}; //!< mean edge-to-cloud transfer of the frames with a result (ms)
    double transferMsSum{0};  //!< the sum of those transfers (ms), for the mean

    /**
     * \brief Collect a task's frames from a ledger.
     * \param ledger the ledger that followed them
     * \param taskId the task
     * \return its frames' counts and latencies
     */
    static TaskFrameStats Collect(const FrameLedger& ledger, uint32_t taskId)
    {
        TaskFrameStats stats;
        for (const auto& [key, entry] : ledger.GetFrames())
        {
            if (key.first == taskId)
            {
                stats.Add(entry);
            }
        }
        stats.Finish();
        return stats;
    }

    /**
     * \brief Count one frame; Finish() once all are counted.
     * \param entry its state and result, as the ledger has them
     */
    void Add(const FrameLedger::Entry& entry)
    {
        ++frames;
        ++byStatus[entry.status];
        if (entry.result)
        {
            endToEndMs.push_back(entry.result->endToEnd.GetSeconds() * 1e3);
            transferMsSum += entry.result->edgeToCloud.GetSeconds() * 1e3;
        }
    }

    /** \brief Sort the latencies and work out the means. */
    void Finish()
    {
        std::sort(endToEndMs.begin(), endToEndMs.end());
        meanEndToEndMs = 0;
        for (double l : endToEndMs)
        {
            meanEndToEndMs += l / endToEndMs.size();
        }
        meanTransferMs = endToEndMs.empty() ? 0 : transferMsSum / endToEndMs.size();
    }

    /**
     * \param status a final state
     * \return how many of the task's frames ended in it
     */
    uint32_t Count(FrameStatus status) const
    {
        const auto it = byStatus.find(status);
        return it == byStatus.end() ? 0 : it->second;
    }

    /** \return the 95th percentile of endToEndMs (ms), 0 if there is none */
    double P95EndToEndMs() const
    {
        return Percentile(endToEndMs, 0.95);
    }
};

/**
 * \brief Describe a stalled task in words.
 * \param stall the task, as FrameLedger::GetStalls found it
 * \return e.g. "task 1 stalled: none of its 19 frames got a result (15 lost, 4 in flight)"
 */
inline std::string
DescribeStall(const FrameLedger::Stall& stall)
{
    std::ostringstream os;
    os << "task " << stall.taskId << " stalled: ";
    if (stall.everAnswered)
    {
        os << "the last " << stall.unanswered << " of its " << stall.frames
           << " frames, created from t=" << std::fixed << std::setprecision(3)
           << stall.since.GetSeconds() << std::defaultfloat << " s on, got no result";
    }
    else
    {
        os << "none of its " << stall.frames << " frames got a result";
    }
    os << " (" << stall.lost << " lost, " << stall.inFlight << " in flight)";
    return os.str();
}

/**
 * \brief Print a line per stalled task (FrameLedger::GetStalls at the current simulation time,
 * with a hint to the cause), nothing if none stalled.
 * \param os the stream
 * \param ledger the ledger that followed the frames
 */
inline void
PrintStalls(std::ostream& os, const FrameLedger& ledger)
{
    const std::vector<FrameLedger::Stall> stalls = ledger.GetStalls(Simulator::Now());
    for (const FrameLedger::Stall& stall : stalls)
    {
        os << DescribeStall(stall) << "\n";
    }
    if (!stalls.empty())
    {
        os << "stalled: a task's last frames got no result, from a connection that stopped "
              "carrying or a saturated network (doc/edge-dnn.rst, Troubleshooting)\n";
    }
}

/**
 * \brief Print one line per device: its placement, its frames by final state and its latencies,
 * then the admitted count and a line per stalled task (PrintStalls).
 * \param os the stream
 * \param scheduler the helper that scheduled the devices
 * \param devices the devices, in the order to print
 * \param ledger the ledger that followed their frames
 */
inline void
PrintTaskSummary(std::ostream& os,
                 const SchedulerHelper& scheduler,
                 const std::vector<Ptr<IotDeviceApplication>>& devices,
                 const FrameLedger& ledger)
{
    TextTable table;
    table.AddColumn("task", TextTable::LEFT);
    table.AddColumn("model", TextTable::LEFT);
    for (const char* name : {"server",
                             "split",
                             "frames",
                             "ok",
                             "late",
                             "drop",
                             "lost",
                             "flight",
                             "pred-ms",
                             "xfer-ms",
                             "e2e-ms",
                             "p95-ms"})
    {
        table.AddColumn(name, TextTable::RIGHT);
    }
    auto ms = [](double value) {
        std::ostringstream text;
        text << std::fixed << std::setprecision(1) << value;
        return text.str();
    };
    uint32_t admitted = 0;
    for (const Ptr<IotDeviceApplication>& device : devices)
    {
        const uint32_t id = device->GetTaskId();
        const TaskPlacement& p = scheduler.GetPlacement(id);
        const TaskFrameStats stats = TaskFrameStats::Collect(ledger, id);
        admitted += p.admitted ? 1 : 0;
        std::vector<std::string> row{std::to_string(id), device->GetModel()};
        row.push_back(p.admitted ? std::to_string(p.server) : "-");
        row.push_back(p.admitted ? std::to_string(p.splitIndex) : "-");
        for (uint32_t count : {stats.frames,
                               stats.Count(FrameStatus::COMPLETED),
                               stats.Count(FrameStatus::LATE),
                               stats.Count(FrameStatus::DROPPED),
                               stats.Count(FrameStatus::LOST),
                               stats.Count(FrameStatus::IN_FLIGHT)})
        {
            row.push_back(std::to_string(count));
        }
        row.push_back(p.admitted ? ms(p.latencyS * 1e3) : "-");
        const bool any = !stats.endToEndMs.empty();
        row.push_back(any ? ms(stats.meanTransferMs) : "-");
        row.push_back(any ? ms(stats.meanEndToEndMs) : "-");
        row.push_back(any ? ms(stats.P95EndToEndMs()) : "-");
        table.AddRow(row);
    }
    table.Print(os);
    os << "admitted " << admitted << " of " << devices.size() << " tasks ("
       << scheduler.GetAssignment().GetAlgorithm() << ")\n";
    PrintStalls(os, ledger);
}

/// The options the integration examples share, with their checks.
struct CommonOptions
{
    double edgeCapacity;           //!< c_i of each edge server (MAC/s)
    double frameRate;              //!< frames per second of each camera
    double deadlineMs;             //!< Q_j of every task (ms)
    double deviceCapacity{0};      //!< each camera's compute capacity (MAC/s; 0: none)
    std::string algorithm{"ours"}; //!< scheduling algorithm
    bool pacing{false};            //!< pace tasks at their allocated b_ij
    double simTime{5};             //!< simulated time (s)
    std::string db{};              //!< SQLite database to record the run into ("": none)

    /**
     * \brief Declare the options.
     * \param cmd the command line
     * \param edgeServers "the edge server" or "each edge server", for the help text
     */
    void AddTo(CommandLine& cmd, const std::string& edgeServers)
    {
        cmd.AddValue("edgeCapacity",
                     "Compute capacity c_i of " + edgeServers + " (MAC/s)",
                     edgeCapacity);
        cmd.AddValue("frameRate", "Frames per second of each camera (1/s)", frameRate);
        cmd.AddValue("deadline", "Latency bound Q_j of every task (ms)", deadlineMs);
        cmd.AddValue("deviceCapacity",
                     "Compute capacity of each camera (MAC/s): the scheduler may run a prefix of "
                     "a task's network on its camera (0: cameras compute nothing)",
                     deviceCapacity);
        cmd.AddValue("algorithm",
                     "Scheduling algorithm (edge-dnn-schedule --list lists them)",
                     algorithm);
        cmd.AddValue("pacing",
                     "Pace each admitted task at the bandwidth b_ij allocated to it (s/Q_j or f s, "
                     "bit/s); off, the tasks share the uplink through TCP",
                     pacing);
        cmd.AddValue("simTime", "Simulated time (s)", simTime);
        cmd.AddValue("db", "Record the run into this SQLite database (appends a run)", db);
    }

    /**
     * \brief Check the options.
     * \throws EdgeDnnError naming the option at fault
     */
    void Validate() const
    {
        RequirePositive("edgeCapacity", edgeCapacity, "MAC/s");
        RequirePositive("frameRate", frameRate, "frames/s");
        RequirePositive("deadline", deadlineMs, "ms");
        RequirePositive("simTime", simTime, "s");
        RequireAlgorithm(algorithm);
    }
};

/// How the examples' cameras run their tasks.
struct CameraSettings
{
    std::vector<std::string> models; //!< networks, one per camera in turn
    double frameRate;                //!< frames per second
    double deadlineMs;        //!< bound Q_j (ms), judged on the transfer as the scheduler does
    Time resultTimeout;       //!< a frame without result after this is lost
    double deviceCapacity{0}; //!< the camera's compute capacity (MAC/s; 0: none)
};

/**
 * \brief Install one camera.
 * \param node its node
 * \param edge the edge server it starts out pointed at
 * \param taskId its task id; its network is models[taskId % models.size()]
 * \param settings how cameras run
 * \return its application (start and stop times left to the caller)
 */
inline Ptr<IotDeviceApplication>
InstallCamera(Ptr<Node> node, const Address& edge, uint32_t taskId, const CameraSettings& settings)
{
    IotDeviceHelper camera(edge);
    camera.SetAttribute("TaskId", UintegerValue(taskId));
    camera.SetAttribute("Model", StringValue(settings.models[taskId % settings.models.size()]));
    camera.SetAttribute("FrameRate", DoubleValue(settings.frameRate));
    camera.SetAttribute("Deadline", TimeValue(MilliSeconds(settings.deadlineMs)));
    camera.SetAttribute("LatencyModel", EnumValue(LatencyModel::TRANSFER));
    camera.SetAttribute("ResultTimeout", TimeValue(settings.resultTimeout));
    camera.SetAttribute("DeviceCapacity", DoubleValue(settings.deviceCapacity));
    return DynamicCast<IotDeviceApplication>(camera.Install(node).Get(0));
}

/**
 * \brief Install a camera on each node, switched on one after another.
 * \param nodes the cameras' nodes
 * \param edge the edge server they start out pointed at
 * \param settings how cameras run
 * \param start when the first camera starts
 * \param spacing how much later each next camera starts (cameras switched on together would not
 * all broadcast their ARP requests in the same slot)
 * \param stop when every camera stops
 * \param firstTaskId the task id of the first camera; the next ones count on from it
 * \return the applications, in the order of the nodes
 */
inline std::vector<Ptr<IotDeviceApplication>>
InstallCameras(const NodeContainer& nodes,
               const Address& edge,
               const CameraSettings& settings,
               Time start,
               Time spacing,
               Time stop,
               uint32_t firstTaskId = 0)
{
    std::vector<Ptr<IotDeviceApplication>> cameras;
    for (uint32_t j = 0; j < nodes.GetN(); ++j)
    {
        Ptr<IotDeviceApplication> camera =
            InstallCamera(nodes.Get(j), edge, firstTaskId + j, settings);
        camera->SetStartTime(start + spacing * j);
        camera->SetStopTime(stop);
        cameras.push_back(camera);
    }
    return cameras;
}

/// Port the examples' edge servers listen on (EdgeServerHelper's default).
constexpr uint16_t EDGE_PORT = 9000;
/// Port the examples' cloud server listens on (CloudServerHelper's default).
constexpr uint16_t CLOUD_PORT = 9100;

/// A gateway of an example's network: the node its edge server runs on and its uplink to the cloud.
struct Gateway
{
    Ptr<Node> node;           //!< the node the edge server runs on
    Ipv4Address address;      //!< its address on the cameras' side
    Ptr<NetDevice> uplink;    //!< its device on the uplink to the cloud; b_i is its DataRate
    Ptr<NetDevice> cloudSide; //!< the cloud's device on that uplink
    Ipv4Address cloudAddress; //!< the cloud's address on that uplink

    /** \return where cameras reach the gateway's edge server */
    InetSocketAddress GetAccess() const
    {
        return InetSocketAddress(address, EDGE_PORT);
    }
};

/**
 * \brief Schedule the registered devices, print the heading, the problem and the assignment,
 * simulate, and print the per-task summary.
 * \param scheduler the helper, with servers and devices registered
 * \param devices the devices, in the order to print
 * \param simTime simulated time (s); the run goes on one second past it
 * \param heading a line describing the scenario (may be empty)
 */
inline void
ScheduleRunAndReport(SchedulerHelper& scheduler,
                     const std::vector<Ptr<IotDeviceApplication>>& devices,
                     double simTime,
                     const std::string& heading)
{
    const Assignment& assignment = scheduler.Schedule();
    if (!heading.empty())
    {
        std::cout << heading << "\n";
    }
    PrintProblem(std::cout, scheduler.GetProblem());
    PrintAssignment(std::cout, scheduler.GetProblem(), assignment);
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(Seconds(simTime + 1));
    Simulator::Run();
    std::cout << "\n";
    PrintTaskSummary(std::cout, scheduler, devices, ledger);
    ledger.Disconnect();
    Simulator::Destroy();
}

/// What a run of an example is called and how it was started: on screen and in its record.
struct RunDescription
{
    std::string scenario; //!< name of the scenario (runs.scenario when recorded), e.g. "wifi"
    std::string heading;  //!< a line describing the scenario, printed first (may be empty)
    int argc;             //!< the program's argument count
    char** argv;          //!< the program's arguments (runs.config_json when recorded)
};

/**
 * \brief Record the run into a database (RecorderHelper): the scenario, the algorithm, the command
 * line, each gateway's uplink in both directions ("edge<i>-to-cloud", "cloud-to-edge<i>") and every
 * edge-dnn application installed so far. Simulator::Destroy() finishes the run.
 * \param db the database file
 * \param gateways the gateways, in the order of their server indices
 * \param algorithm the scheduling algorithm
 * \param run the run's name and command line
 * \throws EdgeDnnError if the database cannot be used
 */
inline void
RecordRun(const std::string& db,
          const std::vector<Gateway>& gateways,
          const std::string& algorithm,
          const RunDescription& run)
{
    RecorderHelper recorder;
    recorder.SetAttribute("Scenario", StringValue(run.scenario));
    recorder.SetAttribute("Algorithm", StringValue(algorithm));
    recorder.AddCommandLine(run.argc, run.argv);
    for (std::size_t i = 0; i < gateways.size(); ++i)
    {
        const std::string edge = "edge" + std::to_string(i);
        recorder.AddLink(edge + "-to-cloud", gateways[i].uplink, gateways[i].cloudSide, true);
        recorder.AddLink("cloud-to-" + edge, gateways[i].cloudSide, gateways[i].uplink, false);
    }
    recorder.Install(db);
}

/**
 * \brief Install the cloud server and an edge server of capacity c_i on each gateway, let
 * SchedulerHelper admit the cameras and cut their networks (each camera may use every gateway's
 * edge server; b_i is the DataRate of the gateway's uplink device), then simulate and print the
 * problem, the assignment and the per-task summary (ScheduleRunAndReport). With options.db,
 * the run is recorded there (RecordRun).
 * \param cloud the cloud's node
 * \param gateways the gateways, in the order of their server indices
 * \param cameras the cameras, installed already (InstallCameras), in the order to print
 * \param options the command-line options: capacity, algorithm, pacing, simulated time, database
 * \param run the run's name, heading and command line
 * \throws EdgeDnnError if the database cannot be used
 */
inline void
InstallServersAndRun(Ptr<Node> cloud,
                     const std::vector<Gateway>& gateways,
                     const std::vector<Ptr<IotDeviceApplication>>& cameras,
                     const CommonOptions& options,
                     const RunDescription& run)
{
    CloudServerHelper(CLOUD_PORT).Install(cloud);
    EdgeServerHelper edgeHelper(EDGE_PORT);
    edgeHelper.SetAttribute("WorkerCapacity", DoubleValue(options.edgeCapacity));
    SchedulerHelper scheduler(options.algorithm);
    scheduler.SetPacing(options.pacing);
    std::vector<uint32_t> servers;
    for (const Gateway& gateway : gateways)
    {
        Ptr<EdgeServerApplication> edge =
            DynamicCast<EdgeServerApplication>(edgeHelper.Install(gateway.node).Get(0));
        servers.push_back(
            scheduler.AddEdgeServer(edge,
                                    gateway.uplink,
                                    gateway.GetAccess(),
                                    InetSocketAddress(gateway.cloudAddress, CLOUD_PORT)));
    }
    for (const Ptr<IotDeviceApplication>& camera : cameras)
    {
        scheduler.AddDevice(camera, servers);
    }
    if (!options.db.empty())
    {
        RecordRun(options.db, gateways, options.algorithm, run);
    }
    ScheduleRunAndReport(scheduler, cameras, options.simTime, run.heading);
}

} // namespace example
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_EXAMPLE_REPORT_H */
