/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SCHEDULER_HELPER_H
#define EDGE_DNN_SCHEDULER_HELPER_H

#include "ns3/address.h"
#include "ns3/attribute.h"
#include "ns3/data-rate.h"
#include "ns3/edge-dnn-assignment.h"
#include "ns3/edge-dnn-runtime-policy.h"
#include "ns3/edge-dnn-scheduling-problem.h"
#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/edge-dnn-transport-path.h"
#include "ns3/edge-server-application.h"
#include "ns3/event-id.h"
#include "ns3/iot-device-application.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/object-factory.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

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
 *  - Schedule() runs the algorithm before the simulation: each admitted device is pointed at its
 * server with its split index, the server gets the task (paced at its allocated bandwidth b_ij
 * unless pacing is off), and each rejected device sends nothing;
 *  - ScheduleOnline() lets the algorithm decide at each device's start time, in the order tasks
 * arrive (for algorithms that can, such as paper-online); decisions are final.
 *
 * With EnableReplanning(), the schedule changes during the run: each edge server gets an
 * UplinkRateEstimator, and a RuntimePolicy decides again periodically or when an estimate moves
 * away from the uplink the assignment was planned for; the placements that change are applied
 * as they are decided (reason "periodic" or "estimate" in the TaskDecision). The helper must then
 * live until the simulation ends.
 * The assignment is kept, so recorded results can set predicted against measured latency.
 *
 * The algorithm is chosen the way LteHelper chooses its MAC scheduler: SetScheduler() with a
 * TypeId name or a short name and attribute values, SetSchedulerAttribute() for more; attributes
 * not set keep their defaults (Config::SetDefault, --ns3::Class::Attr=). See doc/scheduler.rst.
 */
class SchedulerHelper
{
  public:
    /**
     * \brief A helper; shorthand for SetScheduler(algorithm).
     * \param algorithm a short name (TaskScheduler::GetNames()) or a TypeId name
     * \throws EdgeDnnError for an unknown name, listing the known ones
     */
    explicit SchedulerHelper(const std::string& algorithm = "ours");
    ~SchedulerHelper();

    /**
     * \brief Shorthand for SetScheduler(algorithm).
     * \param algorithm a short name (TaskScheduler::GetNames()) or a TypeId name
     * \throws EdgeDnnError for an unknown name, listing the known ones
     */
    void SetAlgorithm(const std::string& algorithm);

    /**
     * \brief Select the scheduling algorithm and set some of its attributes, forgetting those set
     * before. A short name applies its presets first (e.g. "cloud-only":
     * ns3::FixedSplitScheduler with Mode=cloud-only).
     * \param type a short name (TaskScheduler::GetNames()) or a TypeId name, e.g.
     * "ns3::LocalSearchScheduler"
     * \param n0 the name of an attribute to set (empty: none)
     * \param v0 its value
     * \param n1 the name of an attribute to set
     * \param v1 its value
     * \param n2 the name of an attribute to set
     * \param v2 its value
     * \param n3 the name of an attribute to set
     * \param v3 its value
     * \throws EdgeDnnError for an unknown name (listing the known ones), an unknown attribute or a
     * value out of range
     */
    void SetScheduler(const std::string& type,
                      const std::string& n0 = "",
                      const AttributeValue& v0 = EmptyAttributeValue(),
                      const std::string& n1 = "",
                      const AttributeValue& v1 = EmptyAttributeValue(),
                      const std::string& n2 = "",
                      const AttributeValue& v2 = EmptyAttributeValue(),
                      const std::string& n3 = "",
                      const AttributeValue& v3 = EmptyAttributeValue());

    /**
     * \brief Set an attribute of the selected algorithm.
     * \param name the attribute's name
     * \param value its value
     * \throws EdgeDnnError if the algorithm has no such attribute or the value is out of range
     */
    void SetSchedulerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute if the selected algorithm has it: for settings only some algorithms
     * use (a seed, a fixed split index, a time limit) given whatever the algorithm.
     * \param name the attribute's name
     * \param value its value
     * \return false if the algorithm has no such attribute
     * \throws EdgeDnnError if it has it and the value is out of range
     */
    bool SetSchedulerAttributeFailSafe(const std::string& name, const AttributeValue& value);

    /** \return a new instance of the configured algorithm, as Schedule() uses */
    Ptr<TaskScheduler> CreateScheduler() const;

    /**
     * \brief Check the latency model: the problem's is the devices' LatencyModel attribute (the
     * task is defined on its device), and BuildProblem fails naming the device if one differs.
     * \param model the latency model the devices are expected to have
     */
    void SetLatencyModel(LatencyModel model);
    /** \param share the usable share V of each uplink, in (0, 1] */
    void SetUsableShare(double share);
    /**
     * \param macsPerS the MAC/s one frame gets in the cloud (end-to-end model); 0 (default): the
     * WorkerCapacity of the CloudServerApplication found at each server's cloud address
     */
    void SetCloudCapacity(double macsPerS);
    /**
     * \brief The end-to-end model's bound D_i on a frame's wait and compute at every edge server
     * (SchedulingProblem explains it). Default 50 ms.
     * \param bound the bound (> 0)
     * \throws EdgeDnnError if not positive
     */
    void SetQueueBound(Time bound);
    /**
     * \brief Give a device's fixed times of the end-to-end model where the helper cannot work
     * them out from the device's first hop (it can for point-to-point and CSMA devices with a
     * DataRate; not for Wi-Fi or LTE). A device with DeviceCapacity > 0 needs a first hop the
     * helper knows all the same, to time what a device prefix sends (BuildProblem says so).
     * \param device a device added with AddDevice
     * \param uplink its frame's time to the edge server
     * \param result its result's time from the cloud to the device
     */
    void SetDeviceTimes(Ptr<IotDeviceApplication> device, Time uplink, Time result);
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
     * \param device a device
     * \return the EnergyPerBit of the first RadioEnergyMeter on its node's NetDevices (J), the
     * figure a task's energy budget counts its radio with; 0 without a meter
     */
    static double AccessEnergyPerBit(Ptr<IotDeviceApplication> device);

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

    /**
     * \brief Let the algorithm admit or reject each device's task at its start time, in arrival
     * order (TaskScheduler::DecideOnline()); the assignment carries the algorithm's name.
     * \throws EdgeDnnError if the algorithm cannot decide online, naming it and those that can
     */
    void ScheduleOnline();

    /**
     * \brief Decide again during the run as the edges' uplinks change. Call before BuildProblem,
     * ReadProblem and Schedule (the pacing of the edges' TCP connections to the cloud writes
     * UplinkRateEstimator::ProbeBurst segments at once, and the schedule counts it); works with
     * Schedule(), not ScheduleOnline(); every edge server must reach its cloud over TCP.
     * \param policy a RuntimePolicy short name ("static", "resplit", "replan") or TypeId name
     * \param period decide again every period from the schedule on; 0 s: only on estimates
     * \param changeThreshold decide again when an edge's estimate differs from the uplink its
     * tasks were planned for by more than this fraction of it (0: never on estimates)
     * \param minInterval the least time between two decisions on estimates
     * \throws EdgeDnnError for an unknown policy, a value out of range, or a call after the
     * problem was built
     */
    void EnableReplanning(const std::string& policy,
                          Time period = Seconds(0),
                          double changeThreshold = 0.2,
                          Time minInterval = Seconds(1));

    /**
     * \brief Set an attribute of the UplinkRateEstimator each edge server gets with
     * EnableReplanning (unless it has one).
     * \param name the attribute's name
     * \param value its value
     * \throws EdgeDnnError naming the attribute and what it takes
     */
    void SetEstimatorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Follow the devices' 802.11 stations and decide a task again when its device moves:
     * when a device's station associates with an access point of another edge server than the
     * one it was with (or, at its first association, than the one its task is placed on), the
     * task may use that server alone and the algorithm decides it again there, the other tasks
     * staying as they are (TaskScheduler::DecideHandover): admitted at a split and rate that fit
     * beside the server's other tasks, or rejected (shed: the device creates no more frames until
     * a later decision admits it). The decision is applied as any other (reason "handover": the
     * device connects to the new edge, the frames already sent finish on the old connection) and
     * the move is announced on the device's Handover trace source.
     *
     * An edge server's access points are the WifiNetDevices with an ApWifiMac on its node, and
     * those given with AddAccessPoint. A device is followed through the WifiNetDevices with a
     * StaWifiMac on its node; a device with none is never handed over. Call before Schedule();
     * works with Schedule(), not ScheduleOnline(). The helper must live until the simulation ends.
     * \throws EdgeDnnError for a call after Schedule()
     */
    void EnableHandover();

    /**
     * \brief Name an access point of an edge server that is not on the server's node (an AP
     * bridged to the edge's gateway, say), for EnableHandover.
     * \param server a registered server's index
     * \param accessPoint the access point's device (its address is the BSSID stations report)
     * \throws EdgeDnnError for an unknown server, a null device or an address given to another
     * server
     */
    void AddAccessPoint(uint32_t server, Ptr<NetDevice> accessPoint);

    /** \return how many handovers were decided so far */
    uint32_t GetHandoverCount() const;

    /** \return the run-time policy (null without EnableReplanning) */
    Ptr<RuntimePolicy> GetRuntimePolicy() const;

    /** \return how many times the policy decided again so far */
    uint32_t GetReplanCount() const;

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
        Ptr<IotDeviceApplication> app;                  //!< the application
        std::vector<uint32_t> servers;                  //!< servers it may use
        std::optional<std::pair<double, double>> times; //!< SetDeviceTimes's uplink and result (s)
        int32_t accessServer{-1}; //!< the server of the access point it is with (-1: none yet)
        Mac48Address accessPoint; //!< that access point
        Time lostAt{-1};          //!< when its station lost its association (negative: it did not)
    };

    /**
     * \brief Configure one device and its server after a decision.
     * \param task the task's index in the problem
     * \param reason why it was decided (TaskDecision::reason)
     */
    void Apply(uint32_t task, const std::string& reason);

    /** \return the ProbeBurst of the estimators EnableReplanning gives the edge servers */
    uint32_t ProbeBurst() const;

    /** \brief Give each edge server an estimator and follow its estimates (after Schedule()). */
    void StartReplanning();

    /**
     * \brief An edge's estimate: decide again if it moved far enough.
     * \param server the server's index
     * \param estimate its estimate
     */
    void OnUplinkEstimate(uint32_t server, DataRate estimate);

    /** \brief Decide again if any estimate is off by more than the threshold. */
    void CheckEstimates();

    /** \brief Decide again on the period, and schedule the next. */
    void ReplanPeriodically();

    /**
     * \brief Decide again with the policy and apply what changed.
     * \param reason "periodic" or "estimate"
     */
    void Replan(const std::string& reason);

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

    /** \brief Map access points to servers and follow the devices' stations (from Schedule()). */
    void StartHandover();

    /**
     * \brief A device's station associated with an access point.
     * \param task the device's task index
     * \param accessPoint the access point's address (BSSID)
     */
    void OnAssociated(uint32_t task, Mac48Address accessPoint);

    /**
     * \brief A device's station lost its association.
     * \param task the device's task index
     * \param accessPoint the access point it was with
     */
    void OnDeassociated(uint32_t task, Mac48Address accessPoint);

    /**
     * \brief Decide a task again on the server of the access point its device moved to, apply the
     * decision and announce the handover.
     * \param task the task's index
     * \param handover the move (its toServer the new server), completed here with the outcome
     */
    void HandOver(uint32_t task, Handover handover);

    /**
     * \param taskId a task id
     * \return the task's index in the problem
     */
    uint32_t IndexOf(uint32_t taskId) const;

    TaskSchedulerFactory m_factory; //!< the algorithm and its attributes
    std::string m_algorithm;        //!< its name
    /**
     * \brief The end-to-end model's fixed times of a device's task: its frame to the edge, and its
     * result from the cloud (the slowest of its servers), from the first hops' rates and the cost
     * model, or as given by SetDeviceTimes.
     * \param d the device
     * \return uplink and result seconds
     * \throws EdgeDnnError if they cannot be worked out and were not given
     */
    std::pair<double, double> DeviceTimes(const Device& d) const;
    /**
     * \brief The end-to-end model's access link of a device whose device computes
     * (DeviceCapacity > 0), to time the transfer of a device cut's tensor: its first hop.
     * \param d the device
     * \param task its task, whose access path and accessBps are set
     * \throws EdgeDnnError if its first hop is not a point-to-point or CSMA device with a DataRate
     * (then its device prefixes could not be timed)
     */
    void SetDeviceAccess(const Device& d, SchedulingTask& task) const;
    /**
     * \return the MAC/s a frame gets in the cloud: SetCloudCapacity's, or the smallest
     * WorkerCapacity of the cloud servers at the servers' cloud addresses
     * \throws EdgeDnnError if none was given and a cloud server cannot be found
     */
    double CloudCapacity() const;

    std::optional<LatencyModel> m_latencyModel;      //!< expected latency model, if set
    double m_queueBoundS{0.05};                      //!< D_i (s)
    double m_usableShare{1.0};                       //!< V
    double m_cloudCapacity{0};                       //!< cloud MAC/s
    bool m_pacing{true};                             //!< pace at allocated rates
    double m_pacingHeadroom{1.0};                    //!< pacing rate over allocated rate
    std::vector<Server> m_servers;                   //!< servers by index
    std::vector<Device> m_devices;                   //!< devices in registration order
    std::unique_ptr<SchedulingProblem> m_problem;    //!< the problem
    Assignment m_assignment;                         //!< the decisions
    Ptr<TaskScheduler> m_online;                     //!< the algorithm deciding online
    Ptr<RuntimePolicy> m_policy;                     //!< decides during the run, or null
    Ptr<TaskScheduler> m_replanScheduler;            //!< the algorithm the policy may run
    ObjectFactory m_estimatorFactory;                //!< the edges' UplinkRateEstimator
    Time m_replanPeriod;                             //!< EnableReplanning's period
    double m_changeThreshold{0.2};                   //!< EnableReplanning's threshold
    Time m_minReplanInterval;                        //!< EnableReplanning's least interval
    std::vector<double> m_plannedUplinkBps;          //!< uplinks the assignment was planned for
    std::vector<double> m_estimateBps;               //!< the edges' latest estimates (0: none)
    Time m_lastReplan;                               //!< when the policy last decided
    EventId m_periodicReplan;                        //!< next periodic decision
    EventId m_pendingCheck;                          //!< a deferred CheckEstimates()
    uint32_t m_replans{0};                           //!< decisions by the policy
    bool m_scheduled{false};                         //!< Schedule() was called
    bool m_handover{false};                          //!< EnableHandover was called
    std::map<Mac48Address, uint32_t> m_accessPoints; //!< access point -> server (AddAccessPoint)
    uint32_t m_handovers{0};                         //!< handovers decided
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SCHEDULER_HELPER_H */
