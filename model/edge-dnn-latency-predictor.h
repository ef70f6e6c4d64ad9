/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LATENCY_PREDICTOR_H
#define EDGE_DNN_LATENCY_PREDICTOR_H

#include "edge-dnn-assignment.h"
#include "edge-dnn-scheduling-problem.h"
#include "edge-dnn-uplink-sharing.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The times one frame of a task passes through, as the predictor works them out (s).
 */
struct PredictedFrame
{
    double createdS{0};     //!< the device creates it
    double edgeArrivalS{0}; //!< its input is at the edge (created + the access transfer)
    double edgeStartS{0};   //!< a worker starts it
    double edgeDoneS{0};    //!< its edge compute ends: its features go to the uplink's sender
    double uplinkDoneS{0};  //!< its features' last bit is at the cloud (cloudRx)
    double cloudDoneS{0};   //!< the cloud's compute ends
    double resultS{0};      //!< its result is at the device
    bool counted{false};    //!< created within the counted window

    /** \return its end-to-end latency, resultS - createdS (s) */
    double LatencyS() const;
};

/**
 * \ingroup edge-dnn
 * \brief The predicted latency of one task's counted frames (s).
 */
struct LatencyPrediction
{
    uint64_t frames{0}; //!< counted frames
    double p50S{0};     //!< median by nearest rank
    double p99S{0};     //!< 99th percentile by nearest rank
    double maxS{0};     //!< largest
    double meanS{0};    //!< mean
    double transferP99S{
        0}; //!< 99th percentile of the edge-to-cloud transfer, uplinkDone - edgeDone
};

/**
 * \ingroup edge-dnn
 * \brief Predicts the latency each admitted task sees under a schedule, following the tasks'
 * phases: an event-driven model of every edge server.
 *
 * The scheduler's latency (TaskPlacement::latencyS) is a bound that holds whatever the phases
 * of the tasks. This class instead replays the periodic frames of every admitted task through
 * the same pipeline the applications run, per edge server i:
 *  - the device and the access transfer: a frame of task j is at the edge
 *    TaskDemand::deviceComputeS + TaskDemand::uplinkS after its creation (its device's prefix,
 *    none at device split 0, and the transfer of what the device sends; fixed per camera, since
 *    a device that keeps up never holds a frame behind the one before it);
 *  - the edge: a FIFO queue in front of EdgeServer::workers workers, each frame taking
 *    TaskDemand::edgeComputeS on one (split 0, no edge MACs, is forwarded without queueing, as
 *    InferenceServerApplication does);
 *  - the uplink: the cut's message (CostModel::MessageBytes) goes to the task's sender when the
 *    frame's compute ends. Each sender is paced at the rate ShareUplink gives its task, worked
 *    out again whenever a task's backlog starts or ends, as EdgeServerApplication does (the
 *    allocation of task j is ceil(bandwidth x headroom)): as MessageSender does, it writes a
 *    piece of about a millisecond of its rate in whole segments (a datagram over UDP), then
 *    waits for the piece's wire bytes (CostModel::WireBytesOfWrite) to pass at its rate. The
 *    link carries the pieces of all tasks first come, first served at b_i, and a message is at
 *    the cloud when its last piece has crossed and the path's propagation delay passed;
 *  - the cloud: one worker per task, no wait: TaskDemand::cloudComputeS;
 *  - the result: SchedulingTask::resultS back to the device.
 *
 * Frames are created at first + k x interval for k = 0, 1, ... while before the window's end;
 * times are compared at the simulator's nanosecond, and of frames that reach the edge at the same
 * nanosecond each is taken as the last of them, the one that waits (the simulator's order there
 * follows the access links' ACK clocking); every
 * frame is simulated (the earlier ones set the queues' state), and the frames created within
 * [from, until) are summarised. What it ignores: TCP's own dynamics (slow start, losses,
 * retransmissions, ACK clocking, window and buffer limits: after the warm-up the paced rates
 * stay below what the windows allow), contention on the access links and on the results' way
 * back (each camera has its own access link; results are 64 B), packets of different pieces
 * interleaving in the uplink's queue (pieces go whole), and the rounding of times to
 * nanoseconds. UNPACED (TCP's own sharing) is taken as every message written at once and the
 * link's queue first come, first served. doc/edge-dnn.rst derives it and measures it.
 */
class LatencyPredictor
{
  public:
    /**
     * \brief A predictor of a problem and a schedule (placement j is task j). Every admitted
     * task's frames start at 0, 1 / f_j apart (its problem's frame rate), until SetFrameTimes
     * says otherwise;
     * the window is [0, 1) s until SetWindow.
     * \param problem the problem (kept by reference: it must outlive the predictor)
     * \param assignment the schedule (kept by reference)
     */
    LatencyPredictor(const SchedulingProblem& problem, const Assignment& assignment);

    /** \param sharing how every edge shares its uplink (EdgeServerApplication::UplinkSharing) */
    void SetUplinkSharing(UplinkSharing sharing);

    /**
     * \param factor paced rate over allocated rate (SchedulerHelper::SetPacingHeadroom, >= 1)
     * \throws EdgeDnnError if below 1 or not finite
     */
    void SetPacingHeadroom(double factor);

    /**
     * \brief When a task's frames are created: first + k x interval. Give the interval the camera
     * uses: IotDeviceApplication waits Seconds(1 / f), which ns-3 rounds to the nanosecond, and
     * over a run that rounding decides which of two frames meeting at the edge goes first.
     * \param task a task index
     * \param firstS its first frame's creation (s)
     * \param intervalS the time between its frames (s, > 0), 1 / f_j
     * \throws EdgeDnnError for an unknown task or a value out of range
     */
    void SetFrameTimes(uint32_t task, double firstS, double intervalS);

    /**
     * \brief The counted window: frames created from fromS up to, not including, untilS are
     * summarised, and no frame is created from untilS on (the cameras stop).
     * \param fromS the window's start (s)
     * \param untilS its end (s, > fromS)
     * \throws EdgeDnnError if empty or not finite
     */
    void SetWindow(double fromS, double untilS);

    /** \brief Run the model of every server. */
    void Predict();

    /**
     * \param task a task index
     * \return its prediction (zero frames for a rejected task); Predict() first
     */
    const LatencyPrediction& GetPrediction(uint32_t task) const;

    /**
     * \param task a task index
     * \return every frame of the task that was simulated, in creation order; Predict() first
     */
    const std::vector<PredictedFrame>& GetFrames(uint32_t task) const;

  private:
    /**
     * \brief Run one server's model.
     * \param server its index
     */
    void PredictServer(uint32_t server);

    const SchedulingProblem& m_problem;                //!< the problem
    const Assignment& m_assignment;                    //!< the schedule
    UplinkSharing m_sharing;                           //!< uplink sharing
    double m_headroom;                                 //!< pacing headroom
    std::vector<double> m_firstS;                      //!< first frame per task (s)
    std::vector<double> m_intervalS;                   //!< time between frames per task (s)
    double m_fromS;                                    //!< counted window's start (s)
    double m_untilS;                                   //!< its end (s)
    std::vector<std::vector<PredictedFrame>> m_frames; //!< per task, its frames
    std::vector<LatencyPrediction> m_predictions;      //!< per task
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LATENCY_PREDICTOR_H */
