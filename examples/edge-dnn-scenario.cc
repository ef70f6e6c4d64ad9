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
 */

#include "edge-dnn-example-options.h"

#include "ns3/command-line.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-scenario-helper.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <iostream>

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

    CommandLine cmd(__FILE__);
    cmd.Usage("One run of the evaluation scenario: edge servers in gateways, cameras with tasks "
              "drawn from ten "
              "zoo networks, a scheduling algorithm, packet-level simulation; recorded into a "
              "SQLite database.");
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
    cmd.Parse(argc, argv);

    try
    {
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
        s.seed = 1000 * RngSeedManager::GetRun() + RngSeedManager::GetSeed();
        EdgeScenarioHelper helper(s);

        Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
        recorder->HandleTerminationSignals();
        recorder->SetAttribute("Scenario", StringValue(scenario));
        recorder->SetAttribute("Algorithm", StringValue(s.online ? "paper-online" : s.algorithm));
        recorder->Open(db);
        recorder->AddCommandLine(argc, argv);
        helper.Install(Seconds(simTime));
        helper.ConnectRecorder(recorder);
        Simulator::Stop(helper.GetEndTime());
        Simulator::Run();
        recorder->Finish();
        std::cout << "run " << recorder->GetRunId() << " of " << db << ": "
                  << helper.GetScheduler().GetAssignment().GetAdmittedCount() << " of " << s.tasks
                  << " tasks admitted by " << (s.online ? "paper-online" : s.algorithm) << ", "
                  << recorder->GetRowsWritten() << " rows\n";
        Simulator::Destroy();
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-scenario: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
