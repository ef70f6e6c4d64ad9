/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The partition of the evaluation scenario over the ranks of a distributed run, checked in one
// process (no MPI needed): the topology's system ids, the refusals, and that a rank's part records
// exactly its own tasks' frames, as the whole scenario records them. With MPI, the 2-rank run
// itself is test/mpi-scenario-test.sh.

#include "edge-dnn-test-fixture.h"
#include "edge-dnn-test-util.h"

#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-scenario-helper.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <gtest/gtest.h>
#include <set>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// A temporary directory per test.
class ScenarioPartition : public testutil::TempDirTest
{
  protected:
    ScenarioPartition()
        : TempDirTest("partition")
    {
    }

    /**
     * \brief Run the scenario's part of one rank in this process and record it.
     * \param ranks ranks
     * \param rank the rank
     * \param db the database
     * \return the scenario's tasks
     */
    std::vector<EdgeScenarioTask> RunPart(uint32_t ranks, uint32_t rank, const std::string& db)
    {
        EdgeScenarioSettings s;
        s.servers = 4;
        s.tasks = 12;
        s.uplinkBps = 400e6;
        s.capacityMacsPerS = 2000e9;
        s.seed = 7;
        s.ranks = ranks;
        s.rank = rank;
        EdgeScenarioHelper helper(s);
        Ptr<EdgeDnnRecorder> recorder = CreateObject<EdgeDnnRecorder>();
        recorder->Open(db);
        helper.Install(Seconds(2));
        helper.ConnectRecorder(recorder);
        Simulator::Stop(helper.GetEndTime());
        Simulator::Run();
        recorder->Finish();
        std::vector<EdgeScenarioTask> tasks = helper.GetTasks();
        Simulator::Destroy();
        return tasks;
    }

    /**
     * \param name a database in the test's directory
     * \param sql a query
     * \return its rows, columns joined by '|' after each
     */
    std::vector<std::string> Rows(const std::string& name, const std::string& sql) const
    {
        SqliteDatabase db(Path(name), SqliteDatabase::READ_ONLY);
        return testutil::Dump(db, sql);
    }
};

/// One row of one column.
std::vector<std::string>
One(const std::string& value)
{
    return {value + "|"};
}

} // namespace

TEST(EdgeTopologyHelper, PartitionPutsEachGatewayWithItsDevicesOnOneRank)
{
    EdgeTopologyHelper helper;
    helper.SetSize(5, 2);
    helper.SetPartition(2);
    const EdgeTopology t = helper.Install();
    EXPECT_EQ(t.cloud->GetSystemId(), 0u);
    for (uint32_t i = 0; i < 5; ++i)
    {
        EXPECT_EQ(t.edges.Get(i)->GetSystemId(), i % 2) << "gateway " << i;
        EXPECT_EQ(EdgeTopologyHelper::GetEdgeRank(i, 2), i % 2);
        for (uint32_t j = 0; j < 2; ++j)
        {
            EXPECT_EQ(t.devices[i].Get(j)->GetSystemId(), i % 2) << "gateway " << i;
        }
    }
    // Node ids as in one process: the cloud, the gateways, then the devices gateway by gateway.
    EXPECT_EQ(t.cloud->GetId(), 0u);
    EXPECT_EQ(t.edges.Get(4)->GetId(), 5u);
    EXPECT_EQ(t.devices[0].Get(0)->GetId(), 6u);
    Simulator::Destroy();
}

TEST(EdgeTopologyHelper, PartitionBeyondTheGatewaysIsRefused)
{
    auto errorOf = [](uint32_t ranks) {
        EdgeTopologyHelper helper;
        helper.SetSize(3, 1);
        helper.SetPartition(ranks);
        return testutil::ErrorOf([&] { helper.Install(); });
    };
    EXPECT_EQ(errorOf(4),
              "EdgeTopologyHelper: partitioned over 4 ranks: expected 1 to 3 (a rank holds whole "
              "gateways, and there are 3)");
    EXPECT_EQ(errorOf(0),
              "EdgeTopologyHelper: partitioned over 0 ranks: expected 1 to 3 (a rank holds whole "
              "gateways, and there are 3)");
}

TEST(EdgeScenarioHelper, RanksOutOfRangeAndOnlineSchedulingAreRefused)
{
    EdgeScenarioSettings s;
    s.servers = 2;
    s.ranks = 3;
    EXPECT_EQ(testutil::ErrorOf([&] { EdgeScenarioHelper h(s); }),
              "EdgeScenarioHelper: rank 0 of 3 ranks: expected 1 to 2 ranks (one gateway at least "
              "on each) and a rank below their number");
    s.ranks = 2;
    s.rank = 2;
    EXPECT_EQ(testutil::ErrorOf([&] { EdgeScenarioHelper h(s); }),
              "EdgeScenarioHelper: rank 2 of 2 ranks: expected 1 to 2 ranks (one gateway at least "
              "on each) and a rank below their number");
    s.rank = 1;
    s.online = true;
    EXPECT_EQ(testutil::ErrorOf([&] { EdgeScenarioHelper h(s); }),
              "EdgeScenarioHelper: online scheduling over 2 ranks: a rank sees only its own "
              "cameras arrive, so the ranks' schedules would differ; expected 1 rank, or an "
              "offline algorithm");
}

TEST_F(ScenarioPartition, RankZeroRecordsItsOwnTasksAsTheWholeScenarioDoes)
{
    // Rank 0 of 2 in one process: its gateways (0 and 2) and the cloud run; gateways 1 and 3 and
    // their cameras are built but never start. Without MPI its uplinks are ordinary channels, so
    // rank 0's tasks run exactly as in the whole scenario (their own uplinks, a cloud worker each).
    const std::vector<EdgeScenarioTask> tasks = RunPart(1, 0, Path("whole.db"));
    RunPart(2, 0, Path("rank0.db"));

    std::set<std::string> rank0;
    for (uint32_t j = 0; j < tasks.size(); ++j)
    {
        if (tasks[j].home % 2 == 0)
        {
            rank0.insert(std::to_string(j));
        }
    }
    ASSERT_FALSE(rank0.empty());
    ASSERT_LT(rank0.size(), tasks.size());
    std::string inRank0;
    for (const std::string& j : rank0)
    {
        inRank0 += (inRank0.empty() ? "" : ", ") + j;
    }

    const std::string frames = "SELECT task_id, frame_seq, status, created_s, edge_rx_s, "
                               "cloud_rx_s, result_rx_s FROM frames WHERE task_id IN (" +
                               inRank0 + ") ORDER BY task_id, frame_seq";
    const std::vector<std::string> whole = Rows("whole.db", frames);
    ASSERT_GT(whole.size(), 20u);
    EXPECT_EQ(Rows("rank0.db", frames), whole);

    // Nothing of the other rank's tasks, servers or uplinks' transmissions.
    const std::string others = "NOT IN (" + inRank0 + ")";
    EXPECT_EQ(Rows("rank0.db", "SELECT COUNT(*) FROM frames WHERE task_id " + others), One("0"));
    EXPECT_EQ(Rows("rank0.db", "SELECT COUNT(*) FROM tasks WHERE task_id " + others), One("0"));
    EXPECT_EQ(Rows("rank0.db", "SELECT COUNT(*) FROM tasks"), One(std::to_string(rank0.size())));
    EXPECT_EQ(Rows("rank0.db", "SELECT COUNT(*) FROM decisions WHERE task_id " + others), One("0"));
    EXPECT_EQ(Rows("rank0.db",
                   "SELECT SUM(tx_bytes) FROM link_traffic WHERE link IN "
                   "('uplink-1', 'uplink-3')"),
              One("0"));
    EXPECT_EQ(Rows("rank0.db", "SELECT SUM(tx_bytes) FROM link_traffic WHERE link = 'uplink-0'"),
              Rows("whole.db", "SELECT SUM(tx_bytes) FROM link_traffic WHERE link = 'uplink-0'"));
}
