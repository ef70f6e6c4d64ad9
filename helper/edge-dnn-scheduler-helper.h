/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SCHEDULER_HELPER_H
#define EDGE_DNN_SCHEDULER_HELPER_H

#include "ns3/address.h"
#include "ns3/data-rate.h"
#include "ns3/edge-dnn-assignment.h"
#include "ns3/edge-dnn-scheduling-problem.h"
#include "ns3/edge-dnn-transport-path.h"
#include "ns3/edge-server-application.h"
#include "ns3/iot-device-application.h"
#include "ns3/net-device.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

class SchedulingOptions;
class ServerLoads;

/**
 * \ingroup edge-dnn
 * \brief Schedules the tasks of installed IoT devices onto installed edge servers, and configures
 * the applications with the result.
 *
 * Register the edge servers (each with its uplink rate b_i, the address devices reach it at, and
 * its cloud server) and the devices (each with the servers it may use: by default the one its
 * Remote points at). The helper builds the problem from the applications' attributes (capacity =
 * Workers x WorkerCapacity; model, input bytes, frame rate and deadline of each device; the edge's
 * feature encoding), or reads it from a problem file whose server and task ids match the registered
 * ones, then:
 *  - Schedule() runs an algorithm before the simulation: each admitted device is pointed at its
 * server with its split index, the server gets the task (paced at its allocated bandwidth b_ij
 * unless pacing is off), and each rejected device sends nothing;
 *  - ScheduleOnline() decides at each device's start time, in the order tasks arrive, with
 * paper-online's rule; decisions are final. The assignment is kept, so recorded results can set
 * predicted against measured latency.
 */
class SchedulerHelper
{
  public:
    /**
     * \brief A helper.
     * \param algorithm an algorithm name (TaskScheduler::GetNames())
     */
    explicit SchedulerHelper(const std::string& algorithm = "ours");
    ~SchedulerHelper();

    /** \param algorithm an algorithm name for Schedule() */
    void SetAlgorithm(const std::string& algorithm);
    /** \param model the latency model of the problem (default: the paper's transfer model) */
    void SetLatencyModel(LatencyModel model);
    /** \param share the usable share V of each uplink, in (0, 1] */
    void SetUsableShare(double share);
    /** \param seed seed of randomised algorithms */
    void SetSeed(uint64_t seed);
    /** \param index split index of fixed-split */
    void SetFixedSplitIndex(uint32_t index);
    /** \param seconds time limit of exact */
    void SetTimeLimit(double seconds);
    /** \param macsPerS the cloud's capacity (end-to-end model), 0 for none */
    void SetCloudCapacity(double macsPerS);
    /** \param pacing apply each admitted task's allocated bandwidth as its pacing rate (default
     * true) */
    void SetPacing(bool pacing);

    /**
     * \brief Pace each task this much faster than its allocated bandwidth b_ij. The paper's b_ij
     * carries exactly the crossing bytes within Q_j; TCP/IP headers (about 4 % with 1448 B
     * segments) and propagation then make paced frames arrive just after Q_j. A headroom such
     * as 1.1 with a usable share V of at most 0.9 keeps the sum of paced rates within the uplink.
     * \param factor the factor, >= 1 (default 1: the allocation as the paper defines it)
     * \throws EdgeDnnError for a factor below 1
     */
    void SetPacingHeadroom(double factor);

    /**
     * \brief Register an edge server, its path to the cloud taken as the edge's transport over
     * IPv4 with no link framing and no propagation delay (give the path, or the device, for exact
     * predictions).
     * \param edge the application
     * \param uplink its edge-to-cloud rate b_i
     * \param access the address and port devices reach it at (InetSocketAddress)
     * \param cloud its cloud server (InetSocketAddress)
     * \return its server index
     */
    uint32_t AddEdgeServer(Ptr<EdgeServerApplication> edge,
                           DataRate uplink,
                           const Address& access,
                           const Address& cloud);

    /**
     * \brief Register an edge server with its uplink rate and the path its features cross, for
     * access networks whose framing and delay edge-dnn does not read from a device.
     * \param edge the application
     * \param uplink its edge-to-cloud rate b_i
     * \param path what carries its features to the cloud (TransportPath::ForSocket)
     * \param access the address and port devices reach it at (InetSocketAddress)
     * \param cloud its cloud server (InetSocketAddress)
     * \return its server index
     * \throws EdgeDnnError for addresses that are not InetSocketAddresses, a zero rate or a bad
     * path
     */
    uint32_t AddEdgeServer(Ptr<EdgeServerApplication> edge,
                           DataRate uplink,
                           const TransportPath& path,
                           const Address& access,
                           const Address& cloud);

    /**
     * \brief Register an edge server whose uplink is a device: its rate is the device's DataRate,
     * its path the device's framing and its channel's Delay with the edge's transport
     * (TransportPath::ForDevice: point-to-point and CSMA).
     * \param edge the application
     * \param uplinkDevice the edge node's device toward the cloud
     * \param access the address and port devices reach it at (InetSocketAddress)
     * \param cloud its cloud server (InetSocketAddress)
     * \return its server index
     * \throws EdgeDnnError if the device has no DataRate attribute or is of another kind
     */
    uint32_t AddEdgeServer(Ptr<EdgeServerApplication> edge,
                           Ptr<NetDevice> uplinkDevice,
                           const Address& access,
                           const Address& cloud);

    /**
     * \brief Register a device.
     * \param device the application
     * \param servers indices of the servers it may use; empty: the server its Remote points at
     * \throws EdgeDnnError if no server matches
     */
    void AddDevice(Ptr<IotDeviceApplication> device, const std::vector<uint32_t>& servers = {});

    /**
     * \brief Build the problem from the registered applications (done by Schedule() if not before).
     * \return the problem
     */
    const SchedulingProblem& BuildProblem();

    /**
     * \brief Read the problem from a file instead: its server ids are "0", "1", ... in registration
     * order and its task ids the devices' TaskId values (as text). \param path the problem JSON
     * \throws EdgeDnnError for a bad file or ids that match no registered application
     */
    void ReadProblem(const std::string& path);

    /**
     * \brief Run the algorithm now and configure the applications.
     * \return the assignment
     */
    const Assignment& Schedule();

    /** \brief Let each device's task be admitted or rejected at its start time, in arrival order.
     */
    void ScheduleOnline();

    /** \return the problem (after BuildProblem, ReadProblem or Schedule) */
    const SchedulingProblem& GetProblem() const;

    /** \return the assignment (for online scheduling: the decisions made so far) */
    const Assignment& GetAssignment() const;

    /**
     * \param taskId a registered device's task id
     * \return its placement (admitted, server, split, bandwidth, compute, predicted latency)
     * \throws EdgeDnnError for an unknown task
     */
    const TaskPlacement& GetPlacement(uint32_t taskId) const;

  private:
    /// A registered edge server.
    struct Server
    {
        Ptr<EdgeServerApplication> app; //!< the application
        DataRate uplink;                //!< b_i
        TransportPath path;             //!< what carries its features to the cloud
        Address access;                 //!< where devices reach it
        Address cloud;                  //!< its cloud server
    };

    /// A registered device.
    struct Device
    {
        Ptr<IotDeviceApplication> app; //!< the application
        std::vector<uint32_t> servers; //!< servers it may use
    };

    /**
     * \brief Configure one device and its server after a decision.
     * \param task the task's index in the problem
     */
    void Apply(uint32_t task);

    /**
     * \param index a registered server's index
     * \return it as a server of the problem
     */
    EdgeServer MakeServer(uint32_t index) const;

    /**
     * \brief Online decision for a device at its start.
     * \param device the device
     * \return true if admitted
     */
    bool Admit(Ptr<IotDeviceApplication> device);

    /**
     * \param taskId a task id
     * \return the task's index in the problem
     */
    uint32_t IndexOf(uint32_t taskId) const;

    std::string m_algorithm;                             //!< offline algorithm
    LatencyModel m_latencyModel{LatencyModel::TRANSFER}; //!< latency model
    double m_usableShare{1.0};                           //!< V
    uint64_t m_seed{1};                                  //!< seed
    uint32_t m_fixedSplitIndex{0};                       //!< fixed-split's index
    double m_timeLimit{60};                              //!< exact's time limit
    double m_cloudCapacity{0};                           //!< cloud MAC/s
    bool m_pacing{true};                                 //!< pace at allocated rates
    double m_pacingHeadroom{1.0};                        //!< pacing rate over allocated rate
    std::vector<Server> m_servers;                       //!< servers by index
    std::vector<Device> m_devices;                       //!< devices in registration order
    std::unique_ptr<SchedulingProblem> m_problem;        //!< the problem
    Assignment m_assignment;                             //!< the decisions
    std::unique_ptr<SchedulingOptions> m_options;        //!< options (online)
    std::unique_ptr<ServerLoads> m_loads;                //!< loads (online)
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SCHEDULER_HELPER_H */
