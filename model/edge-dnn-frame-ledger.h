/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FRAME_LEDGER_H
#define EDGE_DNN_FRAME_LEDGER_H

#include "edge-dnn-frame-result.h"
#include "edge-dnn-frame-tracker.h"
#include "edge-dnn-header.h"
#include "edge-dnn-task-decision.h"

#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Follows every frame of every edge-dnn application to the state it ends in.
 *
 * Connect() hooks the ledger to the trace sources of all IotDeviceApplication,
 * EdgeServerApplication and CloudServerApplication instances (through Config paths, so install the
 * applications first). A frame's final state is FrameTracker's (the rule EdgeDnnRecorder uses
 * too): the first of completed or late when its result arrives, dropped when a compute queue
 * refuses it, lost when a UDP message of it is given up or its device times it out; a frame with
 * none of these when asked is in flight. Frames are identified by (task id, frame sequence
 * number): task ids must be unique.
 *
 * The ledger also keeps the last scheduler decision each device announced on its TaskDecision
 * trace source (GetDecision), offline ones made after Connect() and online ones at the device's
 * start.
 */
class FrameLedger : public SimpleRefCount<FrameLedger>
{
  public:
    /// What the ledger knows of one frame.
    struct Entry
    {
        FrameStatus status{FrameStatus::IN_FLIGHT}; //!< final state, IN_FLIGHT until one is known
        Time created;                               //!< creation time
        uint32_t bytes{0};                          //!< frame size
        std::optional<FrameResult> result; //!< the breakdown, for completed and late frames
        std::string dropReason;            //!< why it was dropped or lost
    };

    /**
     * \brief A task that stopped getting answers: its last frames (by sequence number) all ended
     * with no result, lost or still in flight, after its last answered frame (completed, late or
     * dropped), if any.
     */
    struct Stall
    {
        uint32_t taskId{0};       //!< the task
        uint32_t frames{0};       //!< frames the task created
        uint32_t unanswered{0};   //!< frames after its last answered one (all its frames if none)
        uint32_t lost{0};         //!< of those, lost (given up by the device or a UDP reassembler)
        uint32_t inFlight{0};     //!< of those, still in flight
        Time since;               //!< creation time of the first of them
        bool everAnswered{false}; //!< whether any frame of the task was answered before
    };

    /// Fewest unanswered frames at the end of a task that GetStalls reports.
    static constexpr uint32_t MIN_STALLED_FRAMES = 3;

    FrameLedger();

    /** \brief Hook to every edge-dnn application's trace sources. */
    void Connect();

    /** \brief Unhook. */
    void Disconnect();

    /** \return frames created */
    uint64_t GetCreated() const;

    /**
     * \param status a state
     * \return frames in that state
     */
    uint64_t GetCount(FrameStatus status) const;

    /** \return all frames by (task, frame) */
    const std::map<std::pair<uint32_t, uint32_t>, Entry>& GetFrames() const;

    /**
     * \brief The final state a server's FrameDropped gives a frame: FrameTracker::StatusOfDrop.
     * \param reason the reason traced ("queue-full", "lost", "unknown-task", ...)
     * \return LOST for "lost", DROPPED otherwise
     */
    static FrameStatus StatusOfDrop(const std::string& reason);

    /**
     * \brief The last decision a device announced for a task while the ledger was connected.
     * \param taskId the task
     * \return the decision, or nothing if none was seen (no scheduler, or it decided before
     * Connect())
     */
    std::optional<TaskDecision> GetDecision(uint32_t taskId) const;

    /**
     * \brief The tasks that stalled: a task whose last frames, at least MIN_STALLED_FRAMES, got no
     * answer, and either one of them is lost already or the first of them was created at least
     * stallTime before now. One frame still on its way at the end, or several of a task whose
     * latency exceeds its frame interval, is no stall; a task cut off from its edge server (a
     * broken connection, a Wi-Fi receiver holding its frames) is.
     * \param now the time to judge at (the end of the run)
     * \param stallTime how long a frame may wait for its answer before its task counts as stalled
     * when none of its unanswered frames is lost yet
     * \return the stalled tasks, by task id
     */
    std::vector<Stall> GetStalls(Time now, Time stallTime = Seconds(5)) const;

  private:
    /**
     * \brief FrameCreated.
     * \param task task id
     * \param frame frame sequence number
     * \param bytes frame size
     */
    void OnCreated(uint32_t task, uint32_t frame, uint32_t bytes);

    /**
     * \brief A frame settled (the tracker's callback).
     * \param record the frame
     * \param result its result, for completed and late frames
     */
    void OnSettled(const FrameTracker::FrameRecord& record, const FrameResult* result);

    /**
     * \brief TaskDecision of a device.
     * \param decision the decision
     */
    void OnDecision(const TaskDecision& decision);

    FrameTracker m_tracker;                                  //!< the final-state rule
    std::map<uint32_t, TaskDecision> m_decisions;            //!< last decision by task
    std::map<std::pair<uint32_t, uint32_t>, Entry> m_frames; //!< every frame
    bool m_connected{false};                                 //!< hooked to the traces
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FRAME_LEDGER_H */
