/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SCHEDULING_PROBLEM_H
#define EDGE_DNN_SCHEDULING_PROBLEM_H

#include "edge-dnn-latency-model.h"
#include "edge-dnn-split-point.h"
#include "edge-dnn-split-profile.h"
#include "edge-dnn-transport-path.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief An edge server e_i: compute capacity c_i, edge-to-cloud bandwidth b_i and usable share V.
 */
struct EdgeServer
{
    std::string id;            //!< unique name
    double computeMacsPerS{0}; //!< c_i (MAC/s, > 0)
    double uplinkBps{0};       //!< b_i, edge-to-cloud bandwidth (bit/s, > 0)
    double usableShare{1.0};   //!< V in (0, 1]: the share of b_i tasks may use
    uint32_t workers{1};       //!< workers sharing c_i (a frame runs on one: c_i / workers)
    TransportPath uplink{};    //!< what carries features to the cloud (IDEAL: the paper's s)
    double queueBoundS{0.05};  //!< D_i: a frame's edge wait plus compute (s, END_TO_END)
};

/**
 * \ingroup edge-dnn
 * \brief A deep-learning task t_j: a network, its frames and its QoS bound.
 */
struct SchedulingTask
{
    std::string id;                              //!< unique name
    std::string model;                           //!< the network's name (zoo or profile)
    std::shared_ptr<const SplitProfile> profile; //!< the network's split points
    uint64_t inputBytes{0};                      //!< raw input per frame (B, > 0)
    double featureBytesPerElement{4};            //!< encoding of features (B), informative
    double frameRate{0};                         //!< frames per second (> 0)
    double deadlineS{0};                         //!< Q_j (s, > 0)
    std::vector<uint32_t> servers;               //!< indices of the servers it may use
    double uplinkS{0};                           //!< fixed device-to-edge seconds (end-to-end)
    double resultS{0};                           //!< fixed result-return seconds (end-to-end)
    /**
     * The device's compute capacity (MAC/s): it may run a prefix of the network (a device split
     * > 0) in this many MAC/s, one frame at a time. 0: it computes nothing (device split 0 only).
     */
    double deviceMacsPerS{0};
    /**
     * The device's access link rate (bit/s), to time the transfer of a device cut's tensor
     * under END_TO_END; 0: unknown (then uplinkS times the raw input only, and a device prefix
     * cannot be timed). Unused by TRANSFER.
     */
    double accessBps{0};
    TransportPath access{}; //!< what carries frames to the edge (with accessBps)
    /**
     * The device's energy budget per frame (J): an option whose device energy (TaskDemand::
     * deviceEnergyJ) is above it is infeasible. 0: no budget.
     */
    double energyBudgetJ{0};
    double deviceActivePowerW{0};  //!< the device compute's active power (W), for the budget
    double deviceEnergyPerMacJ{0}; //!< the device compute's energy per MAC (J), for the budget
    double accessEnergyPerBitJ{0}; //!< the device radio's energy per bit sent (J), for the budget
};

/**
 * \ingroup edge-dnn
 * \brief What one (task, server, split point) choice needs.
 */
struct TaskDemand
{
    bool feasible{false};         //!< the QoS bound can be met and it fits an empty server
    double bandwidthBps{0};       //!< bandwidth it takes from V * b_i (bit/s)
    double computeMacsPerS{0};    //!< compute load it puts on c_i (MAC/s)
    double latencyS{0};           //!< predicted latency under the problem's latency model (s)
    double transferS{0};          //!< predicted edge-to-cloud transfer at bandwidthBps (s)
    double edgeComputeS{0};       //!< predicted edge compute time on one worker (s)
    double cloudComputeS{0};      //!< predicted cloud compute time (s), 0 if no cloud is given
    uint32_t deviceSplitIndex{0}; //!< the device split point's index (0: nothing on the device)
    double deviceComputeS{0};     //!< the device's compute time for its prefix (s)
    /// The device's energy per frame (J): deviceActivePowerW x deviceComputeS +
    /// deviceEnergyPerMacJ x device MACs + accessEnergyPerBitJ x the bits it sends (the device
    /// cut's message on the access path).
    double deviceEnergyJ{0};
    double uplinkS{0}; //!< device-to-edge transfer it assumes (s, end-to-end)
};

/**
 * \ingroup edge-dnn
 * \brief The task-scheduling problem: edge servers, tasks and the latency model.
 *
 * Every figure comes from CostModel, the code the applications use too. Per (task j, server i,
 * split point k), with s the bits the data crossing the cut puts on server i's uplink path
 * (CostModel::WireBytes: the message header and per-packet overhead included, or the cut's bits
 * alone on an IDEAL path), p the path's propagation delay, f the frame rate, w the edge MACs of
 * a frame and e = w / (c_i / workers) its edge compute time on one worker:
 *  - TRANSFER (the paper's): bandwidth = max(s / (Q_j - p), f s), compute = f w,
 *    latency = p + s / bandwidth;
 *  - END_TO_END: the frame's creation to its result at the device. With D_i the server's queue
 *    bound, compute = max(f w, e c_i / D_i) (one worker) and fixed = uplink + D_i + cloud MACs / C
 * + result (C the MAC/s a frame gets in the cloud; no D_i for split 0, whose frames are forwarded
 *    without queueing), bandwidth = max(s / (Q_j - fixed - p), f s), infeasible if fixed + p >=
 *    Q_j; latency = fixed + p + s / bandwidth.
 *
 * Why D_i bounds the edge: with periodic frames, task k releases at most 1 + u f_k frames in any
 * window of u seconds, so the work arriving at the server's FIFO queue in a window is at most
 * sum_k (1 + u f_k) w_k, and while sum_k f_k w_k <= c_i (the compute constraint) the work waiting
 * when a frame arrives never exceeds sum_k w_k. A frame of task j therefore waits at most
 * sum_{k != j} w_k / c_i and finishes within sum_k w_k / c_i = sum_k e_k of its arrival on one
 * worker. Each choice's compute demand e c_i / D_i makes sum_k e_k <= D_i part of the compute
 * constraint, so the edge takes at most D_i whatever the other tasks' phases. With m > 1
 * workers at c_i / m each, all m are busy while a frame waits, but it may find m - 1 frames of
 * any size in service: the demand is (2m - 1) / m times e c_i / D_i, which keeps the bound. A
 * feature message leaves the edge's sender within s / bandwidth of the end of its frame's compute
 * while bandwidth >= f s and the uplink gives the task at least its bandwidth
 * (EdgeServerApplication::UplinkSharing).
 *
 * A task whose device has compute (SchedulingTask::deviceMacsPerS) may run a prefix of the
 * network there: see the four-argument ComputeDemand.
 *
 * For profiles measured in seconds the edge time e is the measured edge seconds, the compute
 * load max(f e c_i, e c_i / D_i) (the share of the server it occupies) and the cloud time the
 * measured cloud seconds. A choice is feasible if the bound can be met, bandwidth <= V b_i and
 * compute <= c_i.
 */
class SchedulingProblem
{
  public:
    /** \brief An empty problem with the TRANSFER latency model and no cloud capacity. */
    SchedulingProblem();

    /** \param model the latency model */
    void SetLatencyModel(LatencyModel model);
    /** \return the latency model */
    LatencyModel GetLatencyModel() const;

    /**
     * \param macsPerS the cloud's compute capacity (MAC/s); 0 for none given
     * \throws EdgeDnnError if negative or not finite
     */
    void SetCloudCapacity(double macsPerS);
    /** \return the cloud's compute capacity (MAC/s), 0 if none was given */
    double GetCloudCapacity() const;

    /**
     * \brief Add a server.
     * \param server the server
     * \return its index
     * \throws EdgeDnnError for a duplicate id or a value out of range
     */
    uint32_t AddServer(const EdgeServer& server);

    /**
     * \brief Replace a server's values (e.g. its uplink as estimated during the run).
     * \param index the server's index
     * \param server its new values, with the same id
     * \throws EdgeDnnError for an unknown index, another id or a value out of range
     */
    void SetServer(uint32_t index, const EdgeServer& server);

    /**
     * \brief Add a task.
     * \param task the task; inputBytes 0 means the profile's input bytes
     * \return its index
     * \throws EdgeDnnError for a duplicate id, a missing profile, a value out of range or an
     * unknown server index
     */
    uint32_t AddTask(SchedulingTask task);

    /**
     * \brief Change the servers a task may use: its device moved to another edge server's
     * access point (SchedulerHelper::EnableHandover).
     * \param task a task index
     * \param servers server indices, each once
     * \throws EdgeDnnError for an unknown task, an unknown server or a server given twice
     */
    void SetTaskServers(uint32_t task, const std::vector<uint32_t>& servers);

    /**
     * \param id a server id
     * \return its index, or -1 if there is none
     */
    int64_t FindServer(const std::string& id) const;

    /** \return the servers */
    const std::vector<EdgeServer>& GetServers() const;
    /** \return the tasks */
    const std::vector<SchedulingTask>& GetTasks() const;
    /** \return the number of servers */
    uint32_t GetServerCount() const;
    /** \return the number of tasks */
    uint32_t GetTaskCount() const;

    /**
     * \param server a server index
     * \return V * b_i (bit/s)
     */
    double GetBandwidthCapacity(uint32_t server) const;

    /**
     * \brief Bytes crossing a cut for a task, with the task's input bytes in place of the
     * profile's wherever the raw input crosses.
     * \param task a task index
     * \param point one of its profile's split points
     * \return bytes per frame
     */
    uint64_t GetCutBytes(uint32_t task, const SplitPoint& point) const;

    /**
     * \brief What a (task, server, split point) choice needs, under the latency model.
     * \param task a task index
     * \param server a server index
     * \param point one of the task's profile's split points
     * \return the demand
     */
    TaskDemand ComputeDemand(uint32_t task, uint32_t server, const SplitPoint& point) const;

    /**
     * \brief What a (task, server, device split point, split point) choice needs: the device
     * runs the layers before devicePoint (DeviceMacs / deviceMacsPerS seconds, one frame at a
     * time), sends that cut's tensor over its access link, and the edge runs the layers between
     * the two cuts. Device split 0 is ComputeDemand(task, server, point) exactly.
     *
     * With a device split > 0: the edge's compute is the MACs between the cuts; under
     * END_TO_END the fixed part holds the device's compute and the transfer of the device cut's
     * message over the task's access path at accessBps (instead of uplinkS). The choice is
     * infeasible if the device cannot keep up with its frames (f * device seconds > 1), as
     * every other bound.
     * \param task a task index
     * \param server a server index
     * \param point one of the task's profile's split points (the edge's cut)
     * \param devicePoint one of them at or before point (the device's cut)
     * \return the demand
     * \throws EdgeDnnError if the device split is past the edge split, the task's device has no
     * compute capacity, its profile is measured in seconds, or (END_TO_END) its access link's
     * rate is unknown
     */
    TaskDemand ComputeDemand(uint32_t task,
                             uint32_t server,
                             const SplitPoint& point,
                             const SplitPoint& devicePoint) const;

    /**
     * \brief The device split points a scheduler may choose for a task: split 0 alone when its
     * device computes nothing (deviceMacsPerS 0), its profile is measured in seconds, or, under
     * END_TO_END, its access link's rate is unknown; else every split point.
     * \param task a task index
     * \return the split points (the profile's), split 0 first
     */
    std::vector<const SplitPoint*> GetDeviceSplitPoints(uint32_t task) const;

  private:
    /**
     * \brief Check a server's values.
     * \param server the server
     * \throws EdgeDnnError naming the server and the value out of range
     */
    static void CheckServer(const EdgeServer& server);

    LatencyModel m_latencyModel;                           //!< latency model
    double m_cloudMacsPerS;                                //!< cloud capacity, 0 if none
    std::vector<EdgeServer> m_servers;                     //!< servers
    std::vector<SchedulingTask> m_tasks;                   //!< tasks
    std::unordered_map<std::string, uint32_t> m_serverIds; //!< server index by id
    std::unordered_map<std::string, uint32_t> m_taskIds;   //!< task index by id
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SCHEDULING_PROBLEM_H */
