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

int
main(int argc, char* argv[])
{
    EdgeScenarioSettings s;
    std::string db;
    std::string scenario = "edge-scenario";
    double uplinkMbps = s.uplinkBps / 1e6;
    double capacityGmacs = s.capacityMacsPerS / 1e9;
    double simTime = 10;

    CommandLine cmd(__FILE__);
    cmd.Usage("One run of the evaluation scenario: edge servers in gateways, cameras with tasks "
              "drawn from ten "
              "zoo networks, a scheduling algorithm, packet-level simulation; recorded into a "
              "SQLite database.");
    cmd.AddValue("db", "SQLite database to record into (created if missing; runs append)", db);
    cmd.AddValue("scenario", "Name of the scenario in the runs table", scenario);
    cmd.AddValue("algorithm", "Scheduling algorithm (edge-dnn-schedule --list)", s.algorithm);
    cmd.AddValue("online", "Schedule tasks as they arrive (paper-online's rule)", s.online);
    cmd.AddValue("servers", "Edge servers", s.servers);
    cmd.AddValue("tasks", "Cameras (tasks)", s.tasks);
    cmd.AddValue("uplink", "Edge-to-cloud bandwidth b_i (Mbit/s)", uplinkMbps);
    cmd.AddValue("capacity", "Edge service capability c_i (GMAC/s)", capacityGmacs);
    cmd.AddValue("usableShare", "Usable share V of each uplink, in (0, 1]", s.usableShare);
    cmd.AddValue("featureBytes",
                 "Bytes per feature element sent to the cloud (B)",
                 s.featureBytesPerElement);
    cmd.AddValue("pacingHeadroom", "Paced rate over allocated rate (>= 1)", s.pacingHeadroom);
    cmd.AddValue("simTime", "Simulated time (s)", simTime);
    cmd.Parse(argc, argv);

    try
    {
        if (db.empty())
        {
            throw EdgeDnnError("--db: expected the path of a SQLite database to record into");
        }
        if (!(simTime > 1))
        {
            throw EdgeDnnError("--simTime: expected a time > 1 s");
        }
        s.uplinkBps = uplinkMbps * 1e6;
        s.capacityMacsPerS = capacityGmacs * 1e9;
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
        Simulator::Stop(Seconds(simTime + 1));
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
