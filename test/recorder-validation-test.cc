/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The SQLite recorder's accounting in ns-3's native suite: every frame written once with the
// FrameLedger's final state and the journey's times, the views' percentiles and hit ratios against
// the rows, and a stalled task counted as a miss, not a hit.

#include "chain-scenario.h"
#include "validation-test-cases.h"

#include "ns3/double.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/error-model.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/string.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

namespace ns3
{
namespace edgednn
{
namespace testutil
{
namespace
{

/// A frames row.
struct FrameRow
{
    std::string status;                       //!< status
    std::vector<std::optional<double>> times; //!< created_s .. result_rx_s
    std::string reason;                       //!< drop_reason
};

/**
 * \ingroup edge-dnn-tests
 * \brief A simulation test case that writes databases into the test runner's temporary directory
 * and removes them afterwards.
 */
class RecorderTestCase : public SimulationTestCase
{
  public:
    /**
     * \brief Constructor.
     * \param name the case's name
     */
    explicit RecorderTestCase(const std::string& name)
        : SimulationTestCase(name)
    {
    }

  protected:
    /**
     * \param name a file name
     * \return its path in the runner's temporary directory (removed after the case)
     */
    std::string Path(const std::string& name)
    {
        const std::string path = CreateTempDirFilename("edge-dnn-" + name);
        std::remove(path.c_str());
        m_files.push_back(path);
        return path;
    }

    void DoTeardown() override
    {
        SimulationTestCase::DoTeardown();
        for (const auto& path : m_files)
        {
            for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            {
                std::remove((path + suffix).c_str());
            }
        }
        m_files.clear();
    }

  private:
    std::vector<std::string> m_files; //!< databases written
};

/**
 * \ingroup edge-dnn-tests
 * \brief Every frame of a busy chain is written once, with the ledger's state and the journey's
 * times in order; a stage not reached has no later stage.
 */
class EveryFrameOnceTestCase : public RecorderTestCase
{
  public:
    EveryFrameOnceTestCase()
        : RecorderTestCase("every frame once with the ledger's state and times")
    {
    }

  private:
    void DoRun() override
    {
        FrameLedger ledger;
        const std::string path = Path("run.db");
        const int64_t runId = RecordBusyChain(path, "fixed", &ledger);
        SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
        std::map<std::pair<uint32_t, uint32_t>, FrameRow> rows;
        SqliteStatement s = db.Prepare(
            "SELECT task_id, frame_seq, status, created_s, edge_rx_s, edge_start_s, edge_done_s, "
            "cloud_rx_s, cloud_start_s, cloud_done_s, result_rx_s, drop_reason FROM frames "
            "WHERE run_id = ?1");
        s.BindInt(1, runId);
        while (s.Step())
        {
            FrameRow row;
            row.status = s.GetText(2);
            for (int c = 3; c <= 10; ++c)
            {
                row.times.push_back(s.IsNull(c) ? std::nullopt
                                                : std::optional<double>(s.GetDouble(c)));
            }
            row.reason = s.GetText(11);
            const auto key = std::make_pair(static_cast<uint32_t>(s.GetInt(0)),
                                            static_cast<uint32_t>(s.GetInt(1)));
            NS_TEST_EXPECT_MSG_EQ(rows.emplace(key, row).second,
                                  true,
                                  "task " << key.first << " frame " << key.second
                                          << " written twice");
        }
        NS_TEST_ASSERT_MSG_EQ(rows.size(), ledger.GetCreated(), "a row for every frame");
        std::map<std::string, int> seen;
        for (const auto& [key, entry] : ledger.GetFrames())
        {
            auto it = rows.find(key);
            NS_TEST_ASSERT_MSG_EQ((it != rows.end()),
                                  true,
                                  "task " << key.first << " frame " << key.second << " has a row");
            const FrameRow& row = it->second;
            NS_TEST_EXPECT_MSG_EQ(row.status, FrameStatusToString(entry.status), "status");
            ++seen[row.status];
            NS_TEST_ASSERT_MSG_EQ(row.times[0].has_value(), true, "created_s");
            NS_TEST_EXPECT_MSG_EQ(*row.times[0], entry.created.GetSeconds(), "created_s");
            if (entry.result)
            {
                const FrameResult& r = *entry.result;
                const Time expected[] = {r.created,
                                         r.edgeRx,
                                         r.edgeStart,
                                         r.edgeDone,
                                         r.cloudRx,
                                         r.cloudStart,
                                         r.cloudDone,
                                         r.resultRx};
                for (int stage = 0; stage < 8; ++stage)
                {
                    NS_TEST_ASSERT_MSG_EQ(row.times[stage].has_value(), true, "stage " << stage);
                    NS_TEST_EXPECT_MSG_EQ(*row.times[stage],
                                          expected[stage].GetSeconds(),
                                          "stage " << stage);
                }
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(row.times[7].has_value(),
                                      false,
                                      "a result time without a result");
            }
            // Times a frame reached are in journey order; a stage not reached has no later stage.
            std::optional<double> last;
            bool gap = false;
            for (int stage = 0; stage < 8; ++stage)
            {
                if (!row.times[stage])
                {
                    gap = true;
                    continue;
                }
                NS_TEST_EXPECT_MSG_EQ(gap,
                                      false,
                                      "stage " << stage << " reached after a stage that was not");
                if (last)
                {
                    NS_TEST_EXPECT_MSG_LT_OR_EQ(*last, *row.times[stage], "stage " << stage);
                }
                last = row.times[stage];
            }
            if (entry.status == FrameStatus::DROPPED)
            {
                NS_TEST_EXPECT_MSG_EQ(row.reason, entry.dropReason, "drop reason");
            }
        }
        // The scenario does what it is for: frames in all of these states.
        for (const char* status : {"completed", "late", "dropped", "in_flight"})
        {
            NS_TEST_EXPECT_MSG_GT(seen[status], 0, status);
        }
        NS_TEST_EXPECT_MSG_EQ(
            db.QueryInt("SELECT finished FROM runs WHERE run_id = " + std::to_string(runId)),
            1,
            "the run is marked finished");
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief The views' percentiles (nearest rank) and hit ratios (every frame, a frame in flight as a
 * miss; and the settled one beside it) equal what the rows give.
 */
class ViewsAgreeTestCase : public RecorderTestCase
{
  public:
    ViewsAgreeTestCase()
        : RecorderTestCase("the views agree with the rows")
    {
    }

  private:
    void DoRun() override
    {
        const std::string path = Path("views.db");
        RecordBusyChain(path, "a", nullptr);
        RngSeedManager::SetRun(2);
        RecordBusyChain(path, "b", nullptr, Seconds(2));
        RngSeedManager::SetRun(1);
        SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
        for (const char* algorithm : {"a", "b"})
        {
            std::vector<double> latencies;
            uint64_t completed = 0;
            uint64_t settled = 0;
            uint64_t all = 0;
            SqliteStatement s =
                db.Prepare("SELECT f.status, f.created_s, f.result_rx_s FROM frames f JOIN runs r "
                           "USING (run_id) WHERE r.algorithm = ?1");
            s.BindText(1, algorithm);
            while (s.Step())
            {
                const std::string status = s.GetText(0);
                completed += status == "completed";
                settled += status != "in_flight";
                ++all;
                if (!s.IsNull(2))
                {
                    latencies.push_back(s.GetDouble(2) - s.GetDouble(1));
                }
            }
            NS_TEST_ASSERT_MSG_EQ(latencies.empty(), false, algorithm << ": frames with results");
            std::sort(latencies.begin(), latencies.end());
            SqliteStatement v = db.Prepare("SELECT frames, p50_s, p95_s, p99_s, max_s FROM "
                                           "algorithm_latency_percentiles WHERE algorithm = ?1");
            v.BindText(1, algorithm);
            NS_TEST_ASSERT_MSG_EQ(v.Step(), true, algorithm << ": a percentiles row");
            const std::size_t n = latencies.size();
            NS_TEST_EXPECT_MSG_EQ(static_cast<std::size_t>(v.GetInt(0)), n, "frames");
            int column = 1;
            for (double q : {0.50, 0.95, 0.99})
            {
                // Nearest rank: the ceil(q n)-th smallest.
                const auto rank = static_cast<std::size_t>(std::ceil(q * n - 1e-9));
                NS_TEST_EXPECT_MSG_EQ(v.GetDouble(column++),
                                      latencies[rank - 1],
                                      algorithm << " percentile " << q);
            }
            NS_TEST_EXPECT_MSG_EQ(v.GetDouble(4), latencies.back(), algorithm << " max");
            SqliteStatement h = db.Prepare("SELECT hit_ratio, settled_hit_ratio FROM "
                                           "algorithm_deadline_hits WHERE algorithm = ?1");
            h.BindText(1, algorithm);
            NS_TEST_ASSERT_MSG_EQ(h.Step(), true, algorithm << ": a hits row");
            NS_TEST_EXPECT_MSG_EQ_TOL(h.GetDouble(0),
                                      static_cast<double>(completed) / all,
                                      1e-12,
                                      algorithm << " hit ratio over every frame");
            NS_TEST_EXPECT_MSG_EQ_TOL(h.GetDouble(1),
                                      static_cast<double>(completed) / settled,
                                      1e-12,
                                      algorithm << " hit ratio over settled frames");
        }
        // Per task: the per-task view sums to the per-run view.
        NS_TEST_EXPECT_MSG_EQ(db.QueryInt("SELECT SUM(completed) FROM task_deadline_hits"),
                              db.QueryInt("SELECT SUM(completed) FROM run_deadline_hits"),
                              "task view against run view");
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief Two cameras; at 1 s the first one's link starts losing every packet it receives: its
 * frames still reach the edge and the cloud, but no result comes back, ever. They are recorded as
 * lost ("stalled") after StallTime without progress, and its hit ratio falls; the other camera
 * keeps its hits.
 */
class StalledTaskTestCase : public RecorderTestCase
{
  public:
    StalledTaskTestCase()
        : RecorderTestCase("a stalled task is a miss, not a hit")
    {
    }

  private:
    /**
     * \brief From now on a device loses every packet it receives.
     * \param device the device
     */
    static void LoseEveryPacket(Ptr<NetDevice> device)
    {
        Ptr<RateErrorModel> errors = CreateObject<RateErrorModel>();
        errors->SetAttribute("ErrorRate", DoubleValue(1.0));
        errors->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        device->SetAttribute("ReceiveErrorModel", PointerValue(errors));
    }

    void DoRun() override
    {
        ChainConfig c;
        c.devices = 2;
        c.splits = {ModelRegistry::GetProfile("resnet18").GetLastIndex()}; // 4 kB to the cloud
        c.frameRate = 10;
        c.maxFrames = 0;
        c.deadline = Seconds(1);
        const Chain chain = BuildChain(c);
        // A function, not a lambda: waf-era ns-3 (3.35) schedules functions only.
        Simulator::Schedule(Seconds(1), &LoseEveryPacket, chain.devices.Get(0)->GetDevice(1));
        RecorderHelper helper;
        helper.SetAttribute("StallTime", TimeValue(Seconds(2)));
        const std::string path = Path("stalled.db");
        Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        recorder->Finish();
        Simulator::Destroy();

        SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
        // Created at 1.1 .. 6.0 s, last seen in the cloud soon after: stalled at 8 s (2 s without
        // progress); those created later are still in flight. None of them counts as a hit.
        const int64_t stalled = db.QueryInt("SELECT COUNT(*) FROM frames WHERE task_id = 0 AND "
                                            "status = 'lost' AND drop_reason = 'stalled'");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(stalled, 45, "frames of task 0 recorded as stalled");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(stalled, 60, "frames of task 0 recorded as stalled");
        NS_TEST_EXPECT_MSG_EQ(db.QueryInt("SELECT COUNT(*) FROM frames WHERE task_id = 1 AND "
                                          "drop_reason = 'stalled'"),
                              0,
                              "the other camera does not stall");
        SqliteStatement h = db.Prepare("SELECT frames, completed, hit_ratio, settled_hit_ratio "
                                       "FROM task_deadline_hits WHERE task_id = ?1");
        h.BindInt(1, 0);
        NS_TEST_ASSERT_MSG_EQ(h.Step(), true, "task 0's hits row");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(h.GetDouble(0), 79, "task 0's frames");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(h.GetInt(1), 11, "the frames of its first second");
        NS_TEST_EXPECT_MSG_LT(h.GetDouble(2), 0.15, "task 0's hit ratio");
        NS_TEST_EXPECT_MSG_LT(h.GetDouble(3), 0.2, "task 0's settled hit ratio");
        h.Reset();
        h.BindInt(1, 1);
        NS_TEST_ASSERT_MSG_EQ(h.Step(), true, "task 1's hits row");
        NS_TEST_EXPECT_MSG_GT(h.GetDouble(2), 0.95, "the other camera keeps its hits");
    }
};

} // namespace

std::vector<TestCase*>
RecorderValidationCases()
{
    return {new EveryFrameOnceTestCase, new ViewsAgreeTestCase, new StalledTaskTestCase};
}

} // namespace testutil
} // namespace edgednn
} // namespace ns3
