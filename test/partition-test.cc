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
#include <sstream>

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
     * \param clouds the cloud's nodes
     * \return the scenario's tasks
     */
    std::vector<EdgeScenarioTask> RunPart(
        uint32_t ranks,
        uint32_t rank,
        const std::string& db,
        EdgeTopologyHelper::CloudNodes clouds = EdgeTopologyHelper::SHARED_CLOUD)
    {
        EdgeScenarioSettings s;
        s.servers = 4;
        s.tasks = 12;
        s.uplinkBps = 400e6;
        s.capacityMacsPerS = 2000e9;
        s.seed = 7;
        s.ranks = ranks;
        s.rank = rank;
        s.cloudNodes = clouds;
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

TEST(EdgeTopologyHelper, CloudNodePerUplinkEndsEachUplinkOnItsGatewaysRank)
{
    EdgeTopologyHelper helper;
    helper.SetSize(5, 2);
    helper.SetPartition(2);
    helper.SetCloudNodes(EdgeTopologyHelper::CLOUD_PER_UPLINK);
    const EdgeTopology t = helper.Install();
    ASSERT_EQ(t.clouds.GetN(), 5u);
    EXPECT_EQ(t.cloud, t.clouds.Get(0));
    for (uint32_t i = 0; i < 5; ++i)
    {
        Ptr<Node> cloud = t.GetCloud(i);
        EXPECT_EQ(cloud, t.clouds.Get(i));
        // The uplink's far end, and nothing else but the loopback.
        EXPECT_EQ(t.uplinks[i].Get(1)->GetNode(), cloud) << "uplink " << i;
        EXPECT_EQ(cloud->GetNDevices(), 2u) << "uplink " << i;
        std::ostringstream address;
        address << "10.3." << i << ".2";
        EXPECT_EQ(t.cloudAddresses[i], Ipv4Address(address.str().c_str()));
        // With its gateway, on rank i mod 2: no link crosses the ranks.
        EXPECT_EQ(cloud->GetSystemId(), i % 2) << "uplink " << i;
        EXPECT_EQ(EdgeTopologyHelper::GetCloudRank(i, 2, EdgeTopologyHelper::CLOUD_PER_UPLINK),
                  i % 2);
        EXPECT_EQ(t.edges.Get(i)->GetSystemId(), i % 2) << "gateway " << i;
    }
    // Gateways and devices keep the ids of a shared cloud; the further cloud nodes come last.
    EXPECT_EQ(t.cloud->GetId(), 0u);
    EXPECT_EQ(t.edges.Get(4)->GetId(), 5u);
    EXPECT_EQ(t.devices[0].Get(0)->GetId(), 6u);
    EXPECT_EQ(t.clouds.Get(1)->GetId(), 16u);
    EXPECT_EQ(testutil::ErrorOf([&] { t.GetCloud(5); }),
              "EdgeTopology::GetCloud: uplink 5, but there are 5 (0 to 4)");
    Simulator::Destroy();

    EdgeTopologyHelper shared;
    shared.SetSize(3, 1);
    const EdgeTopology one = shared.Install();
    EXPECT_EQ(one.clouds.GetN(), 1u);
    EXPECT_EQ(one.GetCloud(2), one.cloud);
    EXPECT_EQ(one.cloud->GetNDevices(), 4u); // the loopback and three uplinks
    EXPECT_EQ(EdgeTopologyHelper::GetCloudRank(2, 2, EdgeTopologyHelper::SHARED_CLOUD), 0u);
    Simulator::Destroy();

    EXPECT_EQ(EdgeTopologyHelper::CloudNodesFromString("per-uplink"),
              EdgeTopologyHelper::CLOUD_PER_UPLINK);
    EXPECT_EQ(testutil::ErrorOf([] { EdgeTopologyHelper::CloudNodesFromString("many"); }),
              "cloud nodes 'many': expected shared or per-uplink");
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

TEST_F(ScenarioPartition, CloudNodePerUplinkGivesTheSameFramesAsOneSharedCloud)
{
    // The cloud's compute is a worker per task on either layout and no job waits, so splitting
    // the cloud node changes which node's stack carries a segment, not when it arrives: every
    // frame's journey is the same to the nanosecond, and so are the bytes on each uplink.
    RunPart(1, 0, Path("shared.db"));
    RunPart(1, 0, Path("per-uplink.db"), EdgeTopologyHelper::CLOUD_PER_UPLINK);
    const std::string frames =
        "SELECT task_id, frame_seq, status, created_s, edge_rx_s, edge_start_s, edge_done_s, "
        "cloud_rx_s, cloud_start_s, cloud_done_s, result_rx_s FROM frames "
        "ORDER BY task_id, frame_seq";
    const std::vector<std::string> shared = Rows("shared.db", frames);
    ASSERT_GT(shared.size(), 50u);
    EXPECT_EQ(Rows("per-uplink.db", frames), shared);
    // Frames that went through the cloud, so that the comparison covers its part.
    EXPECT_NE(Rows("shared.db", "SELECT COUNT(*) FROM frames WHERE cloud_done_s IS NOT NULL"),
              One("0"));
    const std::string uplinks =
        "SELECT link, SUM(tx_bytes), SUM(rx_bytes) FROM link_traffic GROUP BY link ORDER BY link";
    EXPECT_EQ(Rows("per-uplink.db", uplinks), Rows("shared.db", uplinks));
    // One cloud server per uplink recorded, where the shared layout has one.
    const std::string clouds = "SELECT COUNT(DISTINCT node) FROM server_load WHERE role = 'cloud'";
    EXPECT_EQ(Rows("shared.db", clouds), One("1"));
    EXPECT_EQ(Rows("per-uplink.db", clouds), One("4"));
}
