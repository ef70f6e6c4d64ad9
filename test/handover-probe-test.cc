/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The recorder's handovers (HandoverProbe): hand-made Handover records announced on devices'
// Handover trace sources during a run, every column of every row and the view task_handovers
// against figures worked out by hand; a handover of another task refused by the device and not
// recorded; a version 4 database upgraded to the handovers table.

#include "chain-scenario.h"
#include "edge-dnn-test-fixture.h"
#include "edge-dnn-test-util.h"

#include "ns3/edge-dnn-handover.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/edge-dnn-sqlite-statement.h"
#include "ns3/iot-device-application.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

/// A fresh temporary directory per test (TempDirTest).
class HandoverRecording : public TempDirTest
{
  protected:
    HandoverRecording()
        : TempDirTest("handover")
    {
    }
};

/**
 * \param taskId the task
 * \param lostAt when the association was lost (negative: it was not)
 * \param associatedAt when the new one was made
 * \param fromAp the old access point
 * \param toAp the new access point
 * \param fromServer the old server (-1: none)
 * \param toServer the new server
 * \param admitted admitted on the new server
 * \param splitIndex its split there
 * \return the record
 */
Handover
MakeHandover(uint32_t taskId,
             Time lostAt,
             Time associatedAt,
             const char* fromAp,
             const char* toAp,
             int32_t fromServer,
             int32_t toServer,
             bool admitted,
             uint32_t splitIndex)
{
    Handover h;
    h.taskId = taskId;
    h.lostAt = lostAt;
    h.associatedAt = associatedAt;
    h.fromAccessPoint = Mac48Address(fromAp);
    h.toAccessPoint = Mac48Address(toAp);
    h.fromServer = fromServer;
    h.toServer = toServer;
    h.admitted = admitted;
    h.splitIndex = splitIndex;
    return h;
}

/**
 * \brief Announce a handover on a device at its associatedAt time (as SchedulerHelper does when
 * the station associated).
 * \param device the device
 * \param handover the record
 */
void
ScheduleHandover(Ptr<IotDeviceApplication> device, const Handover& handover)
{
    Simulator::Schedule(handover.associatedAt,
                        &IotDeviceApplication::NotifyHandover,
                        device,
                        handover);
}

TEST_F(HandoverRecording, EveryColumnOfEveryRowAndTheViewPerTask)
{
    const std::string path = Path("handovers.db");
    // A node before the chain's, so that no device's node id equals its task id.
    CreateObject<Node>();
    ChainConfig config;
    config.devices = 2;
    const Chain chain = BuildChain(config);
    ASSERT_NE(chain.devices.Get(0)->GetId(), 0u);
    Ptr<EdgeDnnRecorder> recorder = RecorderHelper().Install(path);
    // Task 1: lost its association at 0.2 s, associated with AP 2 at 0.35 s and was admitted on
    // server 1 at split 7; then moved to AP 3 at 0.6 s without losing it, and was rejected on
    // server 2 (the split index of a rejection is not recorded).
    ScheduleHandover(chain.apps[1],
                     MakeHandover(1,
                                  MilliSeconds(200),
                                  MilliSeconds(350),
                                  "00:00:00:00:00:01",
                                  "00:00:00:00:00:02",
                                  0,
                                  1,
                                  true,
                                  7));
    ScheduleHandover(chain.apps[1],
                     MakeHandover(1,
                                  Time(-1),
                                  MilliSeconds(600),
                                  "00:00:00:00:00:02",
                                  "00:00:00:00:00:03",
                                  1,
                                  2,
                                  false,
                                  9));
    // Task 0, placed on no server before (from_server NULL): lost at 0.4 s, admitted on server 2
    // at split 3 at 0.7 s; lost again at 0.8 s, rejected on server 0 at 0.85 s.
    ScheduleHandover(chain.apps[0],
                     MakeHandover(0,
                                  MilliSeconds(400),
                                  MilliSeconds(700),
                                  "0a:0b:0c:0d:0e:0f",
                                  "00:00:00:00:00:03",
                                  -1,
                                  2,
                                  true,
                                  3));
    ScheduleHandover(chain.apps[0],
                     MakeHandover(0,
                                  MilliSeconds(800),
                                  MilliSeconds(850),
                                  "00:00:00:00:00:03",
                                  "00:00:00:00:00:01",
                                  2,
                                  0,
                                  false,
                                  0));
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    recorder->Finish();
    const int64_t run = recorder->GetRunId();
    const std::string node0 = std::to_string(chain.devices.Get(0)->GetId());
    const std::string node1 = std::to_string(chain.devices.Get(1)->GetId());
    const std::string r = std::to_string(run) + "|";

    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("PRAGMA user_version"), 5);
    EXPECT_EQ(db.QueryInt("PRAGMA user_version"), EdgeDnnRecorder::GetSchemaVersion());
    // The table's columns, in order.
    EXPECT_EQ(Dump(db, "SELECT name, type FROM pragma_table_info('handovers') ORDER BY cid"),
              (std::vector<std::string>{"run_id|INTEGER|",
                                        "task_id|INTEGER|",
                                        "device_node|INTEGER|",
                                        "lost_s|REAL|",
                                        "associated_s|REAL|",
                                        "from_server|INTEGER|",
                                        "to_server|INTEGER|",
                                        "from_access_point|TEXT|",
                                        "to_access_point|TEXT|",
                                        "admitted|INTEGER|",
                                        "split_index|INTEGER|"}));
    // Every column of every row, in the order written (associated_s, task_id); times compared as
    // text at SQLite's 15 significant digits.
    EXPECT_EQ(
        Dump(db,
             "SELECT run_id, task_id, device_node, lost_s, associated_s, from_server, to_server, "
             "from_access_point, to_access_point, admitted, split_index, typeof(lost_s), "
             "typeof(split_index) FROM handovers ORDER BY rowid"),
        (std::vector<std::string>{
            r + "1|" + node1 +
                "|0.2|0.35|0|1|00:00:00:00:00:01|00:00:00:00:00:02|1|7|real|integer|",
            r + "1|" + node1 +
                "|NULL|0.6|1|2|00:00:00:00:00:02|00:00:00:00:00:03|0|NULL|null|null|",
            r + "0|" + node0 +
                "|0.4|0.7|NULL|2|0a:0b:0c:0d:0e:0f|00:00:00:00:00:03|1|3|real|integer|",
            r + "0|" + node0 +
                "|0.8|0.85|2|0|00:00:00:00:00:03|00:00:00:00:00:01|0|NULL|real|null|",
        }));
    // The times are the records' own, to the nanosecond.
    SqliteStatement times =
        db.Prepare("SELECT lost_s, associated_s FROM handovers WHERE task_id = 1 AND lost_s IS "
                   "NOT NULL");
    ASSERT_TRUE(times.Step());
    EXPECT_EQ(times.GetDouble(0), MilliSeconds(200).GetSeconds());
    EXPECT_EQ(times.GetDouble(1), MilliSeconds(350).GetSeconds());
    times.Reset();

    // The view, by hand. Task 0: 2 handovers, 1 admitted, 1 rejected, both after a lost
    // association, gaps 0.7 - 0.4 = 0.3 s and 0.85 - 0.8 = 0.05 s: mean 0.175 s, max 0.3 s.
    // Task 1: 2 handovers, 1 admitted, 1 rejected, 1 after a lost association (0.35 - 0.2 =
    // 0.15 s), the other without a gap (not in the mean).
    EXPECT_EQ(Dump(db, "SELECT name FROM pragma_table_info('task_handovers') ORDER BY cid"),
              (std::vector<std::string>{"run_id|",
                                        "algorithm|",
                                        "ended_by|",
                                        "task_id|",
                                        "handovers|",
                                        "admitted_handovers|",
                                        "rejected_handovers|",
                                        "association_losses|",
                                        "mean_association_gap_s|",
                                        "max_association_gap_s|"}));
    SqliteStatement view = db.Prepare(
        "SELECT run_id, ended_by, task_id, handovers, admitted_handovers, rejected_handovers, "
        "association_losses, mean_association_gap_s, max_association_gap_s FROM task_handovers "
        "ORDER BY task_id");

    struct Expected
    {
        int64_t task;
        int64_t handovers;
        int64_t admitted;
        int64_t rejected;
        int64_t losses;
        double meanGap;
        double maxGap;
    };

    const Expected expected[] = {
        {0, 2, 1, 1, 2, ((0.7 - 0.4) + (0.85 - 0.8)) / 2, 0.7 - 0.4},
        {1, 2, 1, 1, 1, 0.35 - 0.2, 0.35 - 0.2},
    };
    for (const Expected& e : expected)
    {
        ASSERT_TRUE(view.Step()) << "task " << e.task;
        EXPECT_EQ(view.GetInt(0), run);
        EXPECT_EQ(view.GetText(1), "finished");
        EXPECT_EQ(view.GetInt(2), e.task);
        EXPECT_EQ(view.GetInt(3), e.handovers);
        EXPECT_EQ(view.GetInt(4), e.admitted);
        EXPECT_EQ(view.GetInt(5), e.rejected);
        EXPECT_EQ(view.GetInt(6), e.losses);
        EXPECT_NEAR(view.GetDouble(7), e.meanGap, 1e-12) << "task " << e.task;
        EXPECT_NEAR(view.GetDouble(8), e.maxGap, 1e-12) << "task " << e.task;
    }
    EXPECT_FALSE(view.Step());
    view.Reset();
    // The decisions are not the probe's: it writes none (DecisionProbe records the handover
    // decisions, applied through TaskDecision, which these hand-made records did not go through).
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM decisions WHERE reason = 'handover'"), 0);
}

TEST_F(HandoverRecording, AHandoverOfAnotherTaskIsRefusedAndNotRecorded)
{
    const std::string path = Path("other-task.db");
    const Chain chain = BuildChain(ChainConfig());
    Ptr<EdgeDnnRecorder> recorder = RecorderHelper().Install(path);
    const Handover other = MakeHandover(5,
                                        MilliSeconds(100),
                                        MilliSeconds(150),
                                        "00:00:00:00:00:01",
                                        "00:00:00:00:00:02",
                                        0,
                                        1,
                                        true,
                                        2);
    const std::string who = "IotDeviceApplication on node " +
                            std::to_string(chain.devices.Get(0)->GetId()) + " (task 0)";
    EXPECT_EQ(ErrorOf([&] { chain.apps[0]->NotifyHandover(other); }),
              who + ": a handover of task 5 was announced on it");
    EXPECT_THROW(chain.apps[0]->NotifyHandover(other), EdgeDnnError);
    Simulator::Stop(Seconds(0.3));
    Simulator::Run();
    recorder->Finish();
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM handovers"), 0);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM task_handovers"), 0);
}

TEST_F(HandoverRecording, AVersion4DatabaseGetsTheHandoversTable)
{
    const std::string path = Path("v4.db");
    RecordBusyChain(path, "old", nullptr, Seconds(0.3));
    {
        // As version 4 wrote it: no handovers table, no task_handovers view.
        SqliteDatabase db(path, SqliteDatabase::READ_WRITE_CREATE);
        db.Execute("DROP VIEW task_handovers; DROP TABLE handovers; PRAGMA user_version = 4");
    }
    // The recorder upgrades it (creates the table and the view) and appends its run.
    RecordBusyChain(path, "new", nullptr, Seconds(0.3));
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("PRAGMA user_version"), 5);
    EXPECT_EQ(db.GetObjectType("handovers"), "table");
    EXPECT_EQ(db.GetObjectType("task_handovers"), "view");
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM runs"), 2);
    EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM task_handovers"), 0);
}

} // namespace
