/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TASK_PROBE_H
#define EDGE_DNN_TASK_PROBE_H

#include "edge-dnn-recorder-probe.h"
#include "edge-dnn-sqlite-statement.h"
#include "edge-dnn-task-decision.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

class IotDeviceApplication;
class EdgeServerApplication;

/**
 * \ingroup edge-dnn
 * \brief The RecorderProbe of the tasks table: follows the tasks of every IotDeviceApplication
 * installed when the recorder connects: what each device asks for
 * (model, frame size and rate, deadline), where it runs (edge node, split point with its layer,
 * bytes and MACs, the device's split point and MACs), and the scheduler's decision about it from
 * the device's TaskDecision trace source.
 *
 * A task with a decision is recorded as the decision says: a rejected task has admitted = 0 and no
 * split (split_index, split_layer, feature_bytes, edge_macs, cloud_macs, device_split_index and
 * device_macs NULL); an admitted one
 * has the decision's split, predicted latency and allocated rate. A decision arriving during the
 * run (an online scheduler decides at the device's start) rewrites the task's row. A task without
 * a decision is recorded as its device stands when the simulation starts (admitted unless the
 * device was rejected), with no predicted latency or allocated rate. Tasks are read when the
 * simulation starts (an event at time 0 scheduled by Connect()), or at Finish() if it never ran.
 */
class TaskProbe : public RecorderProbe
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TaskProbe();
    ~TaskProbe() override;

    std::vector<std::string> GetTables() const override;
    void Prepare(SqliteDatabase& db) override;

    /**
     * \brief Follow every IotDeviceApplication (and know every EdgeServerApplication) installed
     * now, and read their tasks when the simulation starts.
     * \param run the run
     */
    void Connect(const RunInfo& run) override;

    bool HasPendingRows() const override;

    /**
     * \brief Write the rows to be (re)written (INSERT OR REPLACE).
     * \return rows written
     */
    uint64_t Write() override;

    void Committed() override;

    /**
     * \brief Read the tasks if the simulation did not start, and release the applications.
     * \param now the time
     */
    void Finish(Time now) override;

    /**
     * \brief Follow a device: its task is read at ReadTasks(), its decisions as they come.
     * \param device the device
     */
    void AddDevice(Ptr<IotDeviceApplication> device);

    /**
     * \brief Know an edge server (to find a task's edge node and split profile).
     * \param edge the server
     */
    void AddEdge(Ptr<EdgeServerApplication> edge);

    /** \brief Read every device's task (call when the simulation starts). */
    void ReadTasks();

    /**
     * \param taskId a task
     * \return the last decision seen for it, if any
     */
    std::optional<TaskDecision> GetDecision(uint32_t taskId) const;

  protected:
    void DoDispose() override;

  private:
    /** \brief Release the applications. */
    void Clear();

    /// One row of tasks.
    struct TaskRow
    {
        uint32_t taskId{0};                   //!< task
        int64_t deviceNode{-1};               //!< device node, -1: unknown
        int64_t edgeNode{-1};                 //!< edge node, -1: unknown
        std::string model;                    //!< model name
        uint32_t splitIndex{0};               //!< split index
        std::string splitLayer;               //!< last layer at the edge
        uint64_t inputBytes{0};               //!< frame bytes
        std::optional<uint64_t> featureBytes; //!< bytes crossing the cut
        double frameRate{0};                  //!< frames per second
        double deadline{0};                   //!< deadline (s)
        std::optional<uint64_t> edgeMacs;     //!< MACs at the edge
        std::optional<uint64_t> cloudMacs;    //!< MACs in the cloud
        uint32_t deviceSplitIndex{0};         //!< device split index
        std::optional<uint64_t> deviceMacs;   //!< MACs on the device
        bool deviceAdmitted{true};            //!< the device's own view when read
        bool known{false};                    //!< read from a device application
        bool dirty{false};                    //!< to be (re)written
    };

    /**
     * \brief Read a device's task into its row.
     * \param device the device
     */
    void Read(Ptr<IotDeviceApplication> device);

    /**
     * \param device a device
     * \return the edge server that has its task, else the one at its Remote address, else null
     */
    Ptr<EdgeServerApplication> FindEdge(Ptr<IotDeviceApplication> device) const;

    /**
     * \brief TaskDecision of a device.
     * \param decision the decision
     */
    void OnDecision(const TaskDecision& decision);

    std::map<uint32_t, TaskRow> m_tasks;                     //!< rows by task id
    std::map<uint32_t, TaskDecision> m_decisions;            //!< last decision by task id
    std::map<uint32_t, Ptr<IotDeviceApplication>> m_devices; //!< devices by task id
    std::vector<Ptr<EdgeServerApplication>> m_edges;         //!< edge servers
    bool m_read{false};                                      //!< ReadTasks() ran
    int64_t m_runId{0};                                      //!< the run
    SqliteStatement m_insert;                                //!< INSERT OR REPLACE INTO tasks
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TASK_PROBE_H */
