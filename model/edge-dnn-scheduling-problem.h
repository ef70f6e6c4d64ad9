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
};

/**
 * \ingroup edge-dnn
 * \brief What one (task, server, split point) choice needs.
 */
struct TaskDemand
{
    bool feasible{false};      //!< the QoS bound can be met and it fits an empty server
    double bandwidthBps{0};    //!< bandwidth it takes from V * b_i (bit/s)
    double computeMacsPerS{0}; //!< compute load it puts on c_i (MAC/s)
    double latencyS{0};        //!< predicted latency under the problem's latency model (s)
    double transferS{0};       //!< predicted edge-to-cloud transfer at bandwidthBps (s)
    double edgeComputeS{0};    //!< predicted edge compute time on one worker (s)
    double cloudComputeS{0};   //!< predicted cloud compute time (s), 0 if no cloud is given
};

/**
 * \ingroup edge-dnn
 * \brief The task-scheduling problem: edge servers, tasks and the latency model.
 *
 * Every figure comes from CostModel, the code the applications use too. Per (task j, server i,
 * split point k), with s the bits the data crossing the cut puts on server i's uplink path
 * (CostModel::WireBytes: the message header and per-packet overhead included, or the cut's bits
 * alone on an IDEAL path), p the path's propagation delay and f the frame rate:
 *  - TRANSFER (the paper's): bandwidth = max(s / (Q_j - p), f s), compute = f * edge MACs,
 *    latency = p + s / bandwidth;
 *  - END_TO_END: fixed = uplink + edge MACs / (c_i / workers) + cloud MACs / C + result (C the
 *    cloud's MAC/s, cloud time 0 when no cloud is given), bandwidth = max(s / (Q_j - fixed - p),
 *    f s), infeasible if fixed + p >= Q_j; latency = fixed + p + s / bandwidth.
 * For profiles measured in seconds the edge time is the measured edge seconds, the compute load
 * is f * edge seconds * c_i (the share of the server it occupies) and the cloud time the measured
 * cloud seconds. A choice is feasible if the bound can be met, bandwidth <= V b_i and compute <=
 * c_i.
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
     * \brief Add a task.
     * \param task the task; inputBytes 0 means the profile's input bytes
     * \return its index
     * \throws EdgeDnnError for a duplicate id, a missing profile, a value out of range or an
     * unknown server index
     */
    uint32_t AddTask(SchedulingTask task);

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

  private:
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
