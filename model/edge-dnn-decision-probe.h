/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_DECISION_PROBE_H
#define EDGE_DNN_DECISION_PROBE_H

#include "edge-dnn-recorder-probe.h"
#include "edge-dnn-sqlite-statement.h"
#include "edge-dnn-task-decision.h"

#include "ns3/address.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

class EdgeServerApplication;
class IotDeviceApplication;

/**
 * \ingroup edge-dnn
 * \brief The RecorderProbe of the decisions table: one row per decision applied to a device
 * during the run (IotDeviceApplication::ApplyDecision, announced on the device's TaskDecision
 * trace source), whatever took it: SchedulerHelper's schedule, an online arrival, a run-time
 * re-plan.
 *
 * A decision applied before the recorder connects (SchedulerHelper::Schedule() usually runs
 * before RecorderHelper::Install) is not traced to the probe: at Connect() the probe writes each
 * device's current decision (IotDeviceApplication::GetDecision), once, as the first decision of
 * its task; the decisions traced afterwards follow it. Nothing is read again later, so a decision
 * is written once whether the recorder connects before or after the scheduler decides.
 *
 * Each row has the decision's time (TaskDecision::decidedAt), its task, and seq, its number among
 * the task's decisions in the run (0, 1, ...); rows are written in the order (time_s, task_id,
 * seq) within each batch, and (run_id, task_id, seq) is the table's key, so the same seed and run
 * give the same table. edge_node is the node of the EdgeServerApplication that has the decision's
 * edge address (TaskDecision::edge) among its node's IPv4 addresses, else the node that has it,
 * else NULL.
 */
class DecisionProbe : public RecorderProbe
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    DecisionProbe();
    ~DecisionProbe() override;

    std::vector<std::string> GetTables() const override;
    std::vector<std::string> GetIndexes() const override;
    void Prepare(SqliteDatabase& db) override;

    /**
     * \brief Write the current decision of every IotDeviceApplication installed now that has one,
     * and follow their TaskDecision trace sources.
     * \param run the run
     */
    void Connect(const RunInfo& run) override;

    bool HasPendingRows() const override;
    uint64_t Write() override;
    void Committed() override;

    /**
     * \brief Release the applications.
     * \param now the time
     */
    void Finish(Time now) override;

  protected:
    void DoDispose() override;

  private:
    /// One row of decisions.
    struct Row
    {
        Time time;                    //!< decidedAt
        uint32_t taskId{0};           //!< task
        uint32_t seq{0};              //!< number among the task's decisions
        std::string algorithm;        //!< deciding algorithm
        bool admitted{false};         //!< admitted or rejected
        uint32_t server{0};           //!< server index (admitted only)
        int64_t edgeNode{-1};         //!< edge node (-1: unknown)
        uint32_t splitIndex{0};       //!< split index (admitted only)
        uint32_t deviceSplitIndex{0}; //!< device split index (admitted only)
        double allocatedBps{0};       //!< allocated rate (bit/s)
        double predictedS{-1};        //!< predicted latency (s; negative: unknown)
        std::string reason;           //!< why it was decided
    };

    /**
     * \brief Buffer a decision's row.
     * \param decision the decision
     */
    void Add(const TaskDecision& decision);

    /**
     * \brief TaskDecision of a device.
     * \param decision the decision
     */
    void OnDecision(const TaskDecision& decision);

    /**
     * \param edge a decision's edge address
     * \return the node id of the edge server (or node) that has it, or -1
     */
    int64_t FindEdgeNode(const Address& edge) const;

    std::vector<Ptr<EdgeServerApplication>> m_edges; //!< edge servers installed at Connect
    std::map<uint32_t, uint32_t> m_next;             //!< next seq by task id
    std::vector<Row> m_rows;                         //!< rows not written yet
    int64_t m_runId{0};                              //!< the run
    SqliteStatement m_insert;                        //!< INSERT INTO decisions
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_DECISION_PROBE_H */
