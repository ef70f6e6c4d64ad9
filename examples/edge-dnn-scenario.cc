/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-scenario: one run of the evaluation scenario (EdgeScenarioHelper) recorded into a SQLite
 * database; the unit of a parameter sweep (./edge-dnn sweep).
 *
 *     edge-dnn-scenario --db=run.db [--algorithm=ours] [--online] [--servers=10] [--tasks=100]
 * [--uplink=20]
 *                       [--capacity=100] [--usableShare=0.8] [--featureBytes=1]
 * [--pacingHeadroom=1]
 *                       [--simTime=10] [--scenario=NAME] [--RngRun=1]
 *
 * The task draw follows ns-3's seed and run number (--RngSeed, --RngRun), so replications are
 * --RngRun values.
 *
 * With --distributed, under mpirun (./edge-dnn run-mpi --ranks=N) and built against an ns-3 with
 * its mpi module (./edge-dnn build --ns3=optimized), the gateways are partitioned over the ranks
 * and ns-3's distributed simulator runs them, the uplinks' delay as lookahead; rank K records
 * into the database's name with -rankK before its extension (run.db: run-rank0.db, ...), which
 * tools/merge-databases.sh --one-run joins into one run.
 */

#include "edge-dnn-example-options.h"

#include "ns3/command-line.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-scenario-helper.h"
#include "ns3/global-value.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#ifdef EDGE_DNN_HAVE_MPI
#include "ns3/mpi-interface.h"

#include <mpi.h>
#endif

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sys/resource.h>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// Most edge servers: EdgeTopologyHelper numbers the uplinks 10.3.i.0/30, so it has 256 of them.
constexpr uint32_t MAX_SERVERS = 256;
/**
 * Most tasks. Each camera is a node of its own, about 64 kB of memory; 5000 cameras took 91 s to
 * simulate 2 s. 10,000 stay within a GB and within EdgeTopologyHelper's 16,384 access links
 * (10.2.x.y/30); -1 was read as 4,294,967,295 and grew to 1.9 GB before printing anything.
 */
constexpr uint32_t MAX_TASKS = 10000;
/// Smallest usable share V of an uplink: below 0.1 % of it no task fits.
constexpr double MIN_USABLE_SHARE = 0.001;

/**
 * \brief The database a rank records into.
 * \param db the database given with --db
 * \param rank the rank
 * \param ranks the number of ranks
 * \return db itself for one rank, else db with -rankK before its extension
 */
std::string
RankDatabase(const std::string& db, uint32_t rank, uint32_t ranks)
{
    if (ranks <= 1)
    {
        return db;
    }
    const std::size_t slash = db.find_last_of('/');
    const std::size_t dot = db.find_last_of('.');
    const bool hasExtension =
        dot != std::string::npos && (slash == std::string::npos || dot > slash);
    const std::string suffix = "-rank" + std::to_string(rank);
    return hasExtension ? db.substr(0, dot) + suffix + db.substr(dot) : db + suffix;
}

/**
 * \brief Leave the distributed run: MPI_Finalize on success; on an error that not every rank
 * may share, MPI_Abort, so that the other ranks do not wait for this one forever.
 * \param distributed whether MPI was enabled
 * \param failed whether this rank failed
 */
void
LeaveMpi(bool distributed, bool failed)
{
#ifdef EDGE_DNN_HAVE_MPI
    if (distributed && failed && ns3::MpiInterface::GetSize() > 1)
    {
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    if (distributed)
    {
        ns3::MpiInterface::Disable();
    }
#else
    (void)distributed;
    (void)failed;
#endif
}

} // namespace

int
main(int argc, char* argv[])
{
    using example::FormatNumber;
    using example::RangeText;

    EdgeScenarioSettings s;
    std::string db;
    std::string scenario = "edge-scenario";
    // Numbers as text, checked once parsed (edge-dnn-example-options.h): CommandLine would read
    // -1 into a uint32_t as 4294967295 and accepts any double.
    std::string servers = std::to_string(s.servers);
    std::string tasks = std::to_string(s.tasks);
    std::string uplinkMbps = FormatNumber(s.uplinkBps / 1e6);
    std::string capacityGmacs = FormatNumber(s.capacityMacsPerS / 1e9);
    std::string usableShare = FormatNumber(s.usableShare);
    std::string featureBytes = FormatNumber(s.featureBytesPerElement);
    std::string pacingHeadroom = FormatNumber(s.pacingHeadroom);
    std::string simTimeText = "10";
    double simTime = 0;
    bool distributed = false;
    std::string cloudNodes = "shared";

    // ns-3's binary heap instead of its default std::map for the event queue: the same events in
    // the same order (every ns-3 scheduler orders by time, then by insertion), so the same frames,
    // but 1.25x faster at 300 cameras and 1.41x at 1,000 (5 s simulated): TCP cancels and
    // schedules its retransmission timer again on every acknowledgement, and a cancelled event
    // stays queued until its time, so the queue grows with the connections. --SchedulerType
    // chooses another.
    GlobalValue::Bind("SchedulerType", StringValue("ns3::HeapScheduler"));

    CommandLine cmd(__FILE__);
    cmd.Usage("One run of the evaluation scenario: edge servers in gateways, cameras with tasks "
              "drawn from ten "
              "zoo networks, a scheduling algorithm, packet-level simulation; recorded into a "
              "SQLite database. Runs with ns-3's HeapScheduler (the same events as its default "
              "MapScheduler, faster at scale; --SchedulerType=ns3::MapScheduler for that one).");
    cmd.AddValue("db", "SQLite database to record into (created if missing; runs append)", db);
    cmd.AddValue("scenario", "Name of the scenario in the runs table", scenario);
    cmd.AddValue("algorithm", "Scheduling algorithm (edge-dnn-schedule --list)", s.algorithm);
    cmd.AddValue("online", "Schedule tasks as they arrive (paper-online's rule)", s.online);
    cmd.AddValue("servers", "Edge servers, " + RangeText(1, MAX_SERVERS), servers);
    cmd.AddValue("tasks", "Cameras (tasks), " + RangeText(1, MAX_TASKS), tasks);
    cmd.AddValue("uplink",
                 "Edge-to-cloud bandwidth b_i, " +
                     RangeText(example::MIN_RATE_BPS / 1e6, example::MAX_RATE_BPS / 1e6, "Mbit/s"),
                 uplinkMbps);
    cmd.AddValue("capacity",
                 "Edge service capability c_i, " + RangeText(example::MIN_CAPACITY_MACS / 1e9,
                                                             example::MAX_CAPACITY_MACS / 1e9,
                                                             "GMAC/s"),
                 capacityGmacs);
    cmd.AddValue("usableShare",
                 "Usable share V of each uplink, " + RangeText(MIN_USABLE_SHARE, 1),
                 usableShare);
    cmd.AddValue("featureBytes",
                 "Bytes per feature element sent to the cloud, " +
                     RangeText(example::MIN_BYTES_PER_ELEMENT, example::MAX_BYTES_PER_ELEMENT, "B"),
                 featureBytes);
    cmd.AddValue("pacingHeadroom",
                 "Paced rate over allocated rate, " + RangeText(1, example::MAX_PACING_HEADROOM),
                 pacingHeadroom);
    cmd.AddValue("simTime",
                 "Simulated time, " +
                     RangeText(example::MIN_SIM_TIME_S, example::MAX_SIM_TIME_S, "s"),
                 simTimeText);
    cmd.AddValue("distributed",
                 "Run under ns-3's distributed simulator, one process per rank (launch with "
                 "mpirun; ./edge-dnn run-mpi --ranks=N does): gateway i on rank i mod N, a "
                 "shared cloud on rank 0, a cloud node per uplink with its gateway; rank K "
                 "records into --db with -rankK before its extension",
                 distributed);
    cmd.AddValue("cloudNodes",
                 "The cloud's nodes: shared (one node ends every uplink) or per-uplink (one node "
                 "per uplink: the same frames, and a run with a thousand cameras several times "
                 "faster, since a node's TCP demultiplexer scans all its connections per segment)",
                 cloudNodes);
    cmd.Parse(argc, argv);

    uint32_t rank = 0;
    uint32_t ranks = 1;
    try
    {
        if (distributed)
        {
#ifdef EDGE_DNN_HAVE_MPI
            GlobalValue::Bind("SimulatorImplementationType",
                              StringValue("ns3::DistributedSimulatorImpl"));
            MpiInterface::Enable(&argc, &argv);
            rank = MpiInterface::GetSystemId();
            ranks = MpiInterface::GetSize();
#else
            throw EdgeDnnError(
                "--distributed: this edge-dnn-scenario was built against an ns-3 without its mpi "
                "module (Debian's ns-3 3.37 has none); build with ./edge-dnn build "
                "--ns3=optimized and launch with ./edge-dnn run-mpi --ranks=N");
#endif
        }
        if (db.empty())
        {
            throw EdgeDnnError("--db: expected the path of a SQLite database to record into");
        }
        s.servers = example::ParseInteger("servers", servers, 1, MAX_SERVERS);
        s.tasks = example::ParseInteger("tasks", tasks, 1, MAX_TASKS);
        s.uplinkBps = example::ParseNumber("uplink",
                                           uplinkMbps,
                                           example::MIN_RATE_BPS / 1e6,
                                           example::MAX_RATE_BPS / 1e6,
                                           "Mbit/s") *
                      1e6;
        s.capacityMacsPerS = example::ParseNumber("capacity",
                                                  capacityGmacs,
                                                  example::MIN_CAPACITY_MACS / 1e9,
                                                  example::MAX_CAPACITY_MACS / 1e9,
                                                  "GMAC/s") *
                             1e9;
        s.usableShare = example::ParseNumber("usableShare", usableShare, MIN_USABLE_SHARE, 1, "");
        s.featureBytesPerElement = example::ParseNumber("featureBytes",
                                                        featureBytes,
                                                        example::MIN_BYTES_PER_ELEMENT,
                                                        example::MAX_BYTES_PER_ELEMENT,
                                                        "B");
        s.pacingHeadroom = example::ParseNumber("pacingHeadroom",
                                                pacingHeadroom,
                                                1,
                                                example::MAX_PACING_HEADROOM,
                                                "");
        simTime = example::ParseNumber("simTime",
                                       simTimeText,
                                       example::MIN_SIM_TIME_S,
                                       example::MAX_SIM_TIME_S,
                                       "s");
        try
        {
            s.cloudNodes = EdgeTopologyHelper::CloudNodesFromString(cloudNodes);
        }
        catch (const EdgeDnnError& e)
        {
            throw EdgeDnnError(std::string("--cloudNodes: ") + e.what());
        }
        s.seed = 1000 * RngSeedManager::GetRun() + RngSeedManager::GetSeed();
        s.ranks = ranks;
        s.rank = rank;
        EdgeScenarioHelper helper(s);
        const auto wallStart = std::chrono::steady_clock::now();

        Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
        recorder->HandleTerminationSignals();
        recorder->SetAttribute("Scenario", StringValue(scenario));
        recorder->SetAttribute("Algorithm", StringValue(s.online ? "paper-online" : s.algorithm));
        const std::string rankDb = RankDatabase(db, rank, ranks);
        recorder->Open(rankDb);
        recorder->AddCommandLine(argc, argv);
        helper.Install(Seconds(simTime));
        helper.ConnectRecorder(recorder);
        Simulator::Stop(helper.GetEndTime());
        Simulator::Run();
        recorder->Finish();
        std::cout << "run " << recorder->GetRunId() << " of " << rankDb << ": "
                  << helper.GetScheduler().GetAssignment().GetAdmittedCount() << " of " << s.tasks
                  << " tasks admitted by " << (s.online ? "paper-online" : s.algorithm) << ", "
                  << recorder->GetRowsWritten() << " rows\n";
        // What a scale benchmark reads (tools/scale-benchmark.sh): this process's wall time,
        // events and peak memory.
        const double wall =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();

        struct rusage usage
        {
        };

        getrusage(RUSAGE_SELF, &usage);
        StringValue schedulerType;
        GlobalValue::GetValueByName("SchedulerType", schedulerType);
        std::cout << "rank " << rank << " of " << ranks << ": " << std::fixed
                  << std::setprecision(1) << wall << " s wall, " << Simulator::GetEventCount()
                  << " events, " << usage.ru_maxrss / 1024 << " MB peak, event queue "
                  << schedulerType.Get() << "\n";
        Simulator::Destroy();
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-scenario: "
                  << (ranks > 1 ? "rank " + std::to_string(rank) + ": " : "") << e.what()
                  << std::endl;
        LeaveMpi(distributed, true);
        return 1;
    }
    LeaveMpi(distributed, false);
    return 0;
}
