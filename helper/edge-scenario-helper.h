/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_SCENARIO_HELPER_H
#define EDGE_SCENARIO_HELPER_H

#include "edge-dnn-scheduler-helper.h"
#include "edge-topology-helper.h"

#include "ns3/application-container.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-dnn-scheduling-problem.h"
#include "ns3/edge-dnn-uplink-sharing.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The settings of the evaluation scenario in the spirit of the paper (see
 * EdgeScenarioHelper).
 */
struct EdgeScenarioSettings
{
    uint32_t servers{10};             //!< edge servers, one per gateway
    uint32_t tasks{100};              //!< cameras, spread evenly over the gateways
    double uplinkBps{20e6};           //!< edge-to-cloud bandwidth b_i (bit/s)
    double capacityMacsPerS{100e9};   //!< edge service capability c_i (MAC/s)
    double usableShare{0.8};          //!< V
    double featureBytesPerElement{1}; //!< features sent to the cloud (B per element; 1: int8)
    std::string algorithm{"ours"};    //!< scheduling algorithm
    bool online{false};               //!< schedule tasks as they arrive (paper-online's rule)
    double pacingHeadroom{1};         //!< paced rate over allocated rate
    LatencyModel latencyModel{LatencyModel::END_TO_END}; //!< what Q_j bounds, admitted under
    double queueBoundS{0.05};                            //!< D_i, end-to-end edge bound (s)
    UplinkSharing uplinkSharing{WORK_CONSERVING};        //!< how each edge shares its uplink
    double accessBps{100e6};                             //!< cameras' access links (bit/s)
    double uplinkDelayS{0.01};                           //!< edge-to-cloud propagation (s)
    double cloudMacsPerS{1e12};                          //!< MAC/s a frame gets in the cloud
    double drainS{2};             //!< after the cameras stop creating frames, time for results (s)
    double warmUpS{0.5};          //!< frames count from this long after the last camera's start (s)
    uint32_t fixedSplitIndex{10}; //!< split index of the fixed-split baseline
    double exactTimeLimit{2};     //!< time limit of exact (s)
    uint64_t seed{1};             //!< seed of the task draw and randomised algorithms
    uint32_t ranks{1}; //!< ranks of a distributed (MPI) run the gateways are partitioned over
    uint32_t rank{0};  //!< this process's rank: its nodes' applications run, the others' do not
    /// one cloud node ends every uplink, or one per uplink (same frames, a lighter stack)
    EdgeTopologyHelper::CloudNodes cloudNodes{EdgeTopologyHelper::SHARED_CLOUD};
    std::vector<std::string> models{"alexnet",
                                    "vgg16",
                                    "vgg19",
                                    "googlenet",
                                    "inception-v3",
                                    "resnet18",
                                    "resnet50",
                                    "resnet152",
                                    "squeezenet1.1",
                                    "mobilenet-v2"}; //!< networks tasks are drawn from
};

/**
 * \ingroup edge-dnn
 * \brief One camera's task in the evaluation scenario.
 */
struct EdgeScenarioTask
{
    std::string model; //!< network
    double frameRate;  //!< frames per second
    double deadlineS;  //!< QoS bound Q_j (s)
    uint32_t home;     //!< its gateway's server
};

/**
 * \ingroup edge-dnn
 * \brief Builds the evaluation scenario of edge-dnn-paper-eval: edge servers in gateways, cameras
 * whose tasks are drawn from zoo networks with frame rates of 1 to 10 frames/s and bounds Q_j of
 * 0.1 to 0.5 s, each camera on its gateway's access network; then schedules the tasks and
 * configures the applications.
 *
 * The same draw gives the analytic problem (MakeProblem) and the packet-level scenario (Install),
 * so the two can be set side by side. Install() builds the topology with EdgeTopologyHelper
 * (point-to-point access, uplinks of b_i and 10 ms), a cloud server, an edge server per gateway of
 * c_i on one worker, a camera per task (TCP, LatencyModel "transfer", starting 20 ms apart from
 * 0.5 s, closer when that would not fit the first quarter of the run: StartTime), and schedules
 * with SchedulerHelper.
 *
 * Distributed (MPI) runs: with settings.ranks > 1 the topology is partitioned over the ranks
 * (EdgeTopologyHelper::SetPartition: gateway i and its cameras on rank i mod ranks, a shared
 * cloud on rank 0, a cloud node per uplink on its gateway's rank). Every rank builds
 * the whole scenario and computes the same schedule; only the applications of its own nodes start,
 * and ConnectRecorder records only those. The databases of the ranks, merged with
 * tools/merge-databases.sh --one-run, hold the run's frames once each.
 */
class EdgeScenarioHelper
{
  public:
    /**
     * \brief A scenario.
     * \param settings its settings
     * \throws EdgeDnnError for settings out of range
     */
    explicit EdgeScenarioHelper(const EdgeScenarioSettings& settings);
    ~EdgeScenarioHelper();

    /**
     * \brief Draw the tasks of a setting (deterministic in the settings' seed).
     * \param settings the settings
     * \return one task per camera
     */
    static std::vector<EdgeScenarioTask> DrawTasks(const EdgeScenarioSettings& settings);

    /**
     * \brief The analytic scheduling problem of the settings and tasks.
     * \param settings the settings
     * \param tasks the tasks
     * \return the problem
     */
    static SchedulingProblem MakeProblem(const EdgeScenarioSettings& settings,
                                         const std::vector<EdgeScenarioTask>& tasks);

    /**
     * \brief When a camera starts: 0.5 s, then 20 ms apart as cameras switched on together would
     * be, closer where that would not fit: every camera starts within the first quarter of its
     * generation time, whatever the number of cameras and the run's length.
     * \param index the camera's position
     * \param count the number of cameras
     * \param stop when the cameras stop
     * \return its start time
     * \throws EdgeDnnError if stop leaves no time to generate frames after 0.5 s
     */
    static Time StartTime(uint32_t index, uint32_t count, Time stop);

    /**
     * \brief The end of the run: the cameras create frames until the stop time given to Install,
     * then wait drainS for their results, so that frames settle (complete, late, lost or
     * dropped) rather than being cut off.
     * \return the time the applications stop; run the simulator until then
     */
    Time GetEndTime() const;

    /**
     * \brief The start of the counted window: warmUpS after the last camera's start, once every
     * connection is up. Frames created from then to the stop time given to Install are the ones
     * to count (edge-dnn-paper-eval does).
     * \return the time
     */
    Time GetWarmUpEnd() const;

    /** \return the stop time given to Install: the cameras create frames until then */
    Time GetGenerationEnd() const;

    /**
     * \brief When a camera creates its first frame: its StartTime, then the TCP handshake on its
     * access link (the SYN and its answer, 116 B on the wire together, and the link's delay each
     * way). LatencyPredictor takes its frame times from here.
     * \param task the task id (the camera's position)
     * \return the first frame's creation time (after Install)
     */
    Time GetFirstFrameTime(uint32_t task) const;

    /**
     * \param task the task id
     * \return the time between its camera's frames, 1 / f_j as the camera waits it (ns-3 rounds
     * it to the nanosecond)
     */
    Time GetFrameInterval(uint32_t task) const;

    /** \return the cameras' access link delay (a LAN) */
    static Time AccessDelay();

    /** \return the bytes of a frame's result */
    static uint32_t ResultBytes();

    /**
     * \brief Build nodes, links and applications, and schedule the tasks.
     * \param stop when the cameras stop
     * \throws EdgeDnnError if stop leaves no time to generate frames (StartTime)
     */
    void Install(Time stop);

    /**
     * \brief Count traffic on every uplink and connect a recorder (opened) to the applications of
     * this rank (its SystemId is set to settings.rank); call after Install and before the
     * simulation runs.
     * \param recorder the recorder
     */
    void ConnectRecorder(Ptr<EdgeDnnRecorder> recorder) const;

    /** \return the tasks */
    const std::vector<EdgeScenarioTask>& GetTasks() const;
    /** \return the topology (after Install) */
    const EdgeTopology& GetTopology() const;
    /** \return the scheduler and its assignment (after Install) */
    const SchedulerHelper& GetScheduler() const;
    /** \return the cameras, task id j at position j (after Install) */
    const ApplicationContainer& GetCameras() const;
    /** \return the edge servers (after Install) */
    const ApplicationContainer& GetEdgeServers() const;

  private:
    EdgeScenarioSettings m_settings;              //!< settings
    std::vector<EdgeScenarioTask> m_tasks;        //!< tasks
    Time m_generationEnd;                         //!< the cameras create frames until then
    Time m_lastStart;                             //!< the last camera's start
    EdgeTopology m_topology;                      //!< nodes and addresses
    std::unique_ptr<SchedulerHelper> m_scheduler; //!< the scheduler
    ApplicationContainer m_cameras;               //!< cameras
    ApplicationContainer m_edges;                 //!< edge servers
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_SCENARIO_HELPER_H */
