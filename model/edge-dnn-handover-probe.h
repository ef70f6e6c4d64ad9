/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_HANDOVER_PROBE_H
#define EDGE_DNN_HANDOVER_PROBE_H

#include "edge-dnn-handover.h"
#include "edge-dnn-recorder-probe.h"
#include "edge-dnn-sqlite-statement.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The RecorderProbe of the handovers table: one row per handover announced on the Handover
 * trace source of an IotDeviceApplication of the recorded system (IotDeviceApplication::
 * NotifyHandover, which SchedulerHelper::EnableHandover calls when a device moved to another edge
 * server's access point and its task was decided again there).
 *
 * Each row has the task, the device's node (device_node, as in tasks), when the station lost its
 * association (lost_s, NULL when it did not lose it: Handover::lostAt negative) and when it
 * associated with the new access point (associated_s), the servers (from_server NULL when the task
 * was placed on none; to_server NULL when the new access point's server is unknown, i.e. negative),
 * the access points as ns-3 prints a Mac48Address ("00:00:00:00:00:01"), the outcome (admitted 0
 * or 1) and the split index there (NULL when rejected). The decision itself is a row of decisions
 * (reason "handover", DecisionProbe). Rows are written in the order (associated_s, task_id) within
 * each batch. The probe follows the devices installed when the recorder connects, as the other
 * probes do; the view task_handovers (RecorderSchema) sums the table per run and task.
 */
class HandoverProbe : public RecorderProbe
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    HandoverProbe();
    ~HandoverProbe() override;

    std::vector<std::string> GetTables() const override;
    std::vector<std::string> GetIndexes() const override;
    void Prepare(SqliteDatabase& db) override;

    /**
     * \brief Follow the Handover trace source of every IotDeviceApplication installed now on the
     * nodes of the run's system id.
     * \param run the run
     */
    void Connect(const RunInfo& run) override;

    bool HasPendingRows() const override;
    uint64_t Write() override;
    void Committed() override;

  protected:
    void DoDispose() override;

  private:
    /// One row of handovers.
    struct Row
    {
        Handover handover;           //!< the record as traced
        uint32_t deviceNode{0};      //!< the node of the device that announced it
        std::string fromAccessPoint; //!< from_access_point, as text (bound without a copy)
        std::string toAccessPoint;   //!< to_access_point, as text (bound without a copy)
    };

    /**
     * \brief Handover of a device.
     * \param deviceNode the device's node id (bound at Connect)
     * \param handover the handover
     */
    void OnHandover(uint32_t deviceNode, const Handover& handover);

    std::vector<Row> m_rows;  //!< rows not written yet
    int64_t m_runId{0};       //!< the run
    SqliteStatement m_insert; //!< INSERT INTO handovers
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_HANDOVER_PROBE_H */
