/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FRAME_TRACKER_H
#define EDGE_DNN_FRAME_TRACKER_H

#include "edge-dnn-frame-result.h"
#include "edge-dnn-header.h"

#include "ns3/callback.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Follows open frames to their final state with the module's single rule for it, shared
 * by FrameLedger and EdgeDnnRecorder: the first of these events settles a frame, later ones are
 * ignored:
 *
 * - its result comes back: COMPLETED or LATE, as the device's FrameResult says;
 * - a server drops it (FrameDropped): LOST for reason "lost" (a UDP fragment given up), DROPPED
 *   for any other reason ("queue-full", "unknown-task", ...);
 * - its device gives it up (FrameLost): LOST, reason "timeout"; its device's battery empties
 *   (the device's FrameDropped): DROPPED, reason "battery-empty".
 *
 * A frame is known from its creation (Created) until it settles; the journey's times are merged
 * from the headers servers trace. Each settled frame is handed once to the settled callback; frames
 * still open when SettleOpen() is called are handed over as IN_FLIGHT. Open frames of a task are
 * kept in a ring buffer of consecutive sequence numbers, so memory follows the frames in flight,
 * not the frames created, and no event allocates once the buffers have grown.
 */
class FrameTracker
{
  public:
    /// Journey times of a frame: EdgeDnnHeader's stages, then the result's reception.
    enum FrameTime : uint8_t
    {
        CREATED = EdgeDnnHeader::CREATED,           //!< created_s
        EDGE_RX = EdgeDnnHeader::EDGE_RX,           //!< edge_rx_s
        EDGE_START = EdgeDnnHeader::EDGE_START,     //!< edge_start_s
        EDGE_DONE = EdgeDnnHeader::EDGE_DONE,       //!< edge_done_s
        CLOUD_RX = EdgeDnnHeader::CLOUD_RX,         //!< cloud_rx_s
        CLOUD_START = EdgeDnnHeader::CLOUD_START,   //!< cloud_start_s
        CLOUD_DONE = EdgeDnnHeader::CLOUD_DONE,     //!< cloud_done_s
        DEVICE_START = EdgeDnnHeader::DEVICE_START, //!< device_start_s
        DEVICE_DONE = EdgeDnnHeader::DEVICE_DONE,   //!< device_done_s
        RESULT_RX = EdgeDnnHeader::STAGE_COUNT,     //!< result_rx_s
        TIME_COUNT = RESULT_RX + 1,                 //!< number of times
    };

    /// Where a frame's energy was spent: the frames table's energy columns.
    enum FrameEnergy : uint8_t
    {
        DEVICE_RADIO = 0,   //!< device_radio_j: RadioEnergyMeter's FrameEnergy
        DEVICE_COMPUTE = 1, //!< device_compute_j: IotDeviceApplication's DeviceComputeEnergy
        EDGE_COMPUTE = 2,   //!< edge_compute_j: EdgeServerApplication's JobEnergy
        CLOUD_COMPUTE = 3,  //!< cloud_compute_j: CloudServerApplication's JobEnergy
        ENERGY_COUNT = 4,   //!< number of parts
    };

    /// Drop reasons every tracker knows, by index (others are added as they are seen).
    enum KnownReason : uint8_t
    {
        NO_REASON = 0,    //!< "": not dropped
        QUEUE_FULL = 1,   //!< "queue-full": a compute queue refused it
        REASON_LOST = 2,  //!< "lost": a UDP fragment of it was given up
        UNKNOWN_TASK = 3, //!< "unknown-task": a server has no such task
        TIMEOUT = 4,      //!< "timeout": its device gave it up (FrameLost)
        STALLED = 5,      //!< "stalled": no progress for the stall time when the run ended
        KNOWN_REASONS = 6 //!< number of known reasons
    };

    /// What the tracker knows of a frame; one row of the frames table.
    struct FrameRecord
    {
        uint32_t taskId{0};                         //!< task
        uint32_t frameSeq{0};                       //!< frame within the task
        int64_t times[TIME_COUNT];                  //!< journey times in ns, negative: not reached
        double energy[ENERGY_COUNT];                //!< J by FrameEnergy, negative: none
        uint32_t bytes{0};                          //!< frame size (B)
        FrameStatus status{FrameStatus::IN_FLIGHT}; //!< final state
        uint8_t reason{NO_REASON};                  //!< index of the drop reason (GetReason)
        bool created{false};                        //!< the frame's creation was seen
        bool settled{false};                        //!< the frame reached its final state

        /** \brief A record with no time reached. */
        FrameRecord();
    };

    /**
     * \brief Called once per frame when it settles.
     * The record (valid during the call), and the result for COMPLETED and LATE frames (else null).
     */
    using SettledCallback = Callback<void, const FrameRecord&, const FrameResult*>;

    FrameTracker();

    /**
     * \brief Set who is told of settled frames.
     * \param callback the callback
     */
    void SetSettledCallback(SettledCallback callback);

    /**
     * \brief The final state a server's FrameDropped gives a frame.
     * \param reason the reason traced ("queue-full", "lost", "unknown-task", ...)
     * \return LOST for "lost", DROPPED otherwise
     */
    static FrameStatus StatusOfDrop(const std::string& reason);

    /**
     * \param index a drop reason's index in a FrameRecord
     * \return the reason ("" for NO_REASON)
     */
    const std::string& GetReason(uint8_t index) const;

    /**
     * \brief A frame was created now (IotDeviceApplication's FrameCreated).
     * \param task task id
     * \param seq frame sequence number
     * \param bytes frame size (B)
     */
    void Created(uint32_t task, uint32_t seq, uint32_t bytes);

    /**
     * \brief A server traced a frame's header: copy the times it carries.
     * \param stageNow a stage (EdgeDnnHeader::Stage) reached now, or -1
     * \param header the frame's header
     */
    void Stage(int stageNow, const EdgeDnnHeader& header);

    /**
     * \brief A frame's result came back (ResultReceived): settles it as the result says.
     * \param result the breakdown
     */
    void Result(const FrameResult& result);

    /**
     * \brief A server dropped a frame (FrameDropped): settles it with StatusOfDrop(reason).
     * \param header the frame's header
     * \param reason why
     */
    void Dropped(const EdgeDnnHeader& header, const std::string& reason);

    /**
     * \brief Energy spent on an open frame: added to its part (a settled frame's is not kept).
     * \param part a FrameEnergy
     * \param task task id
     * \param seq frame sequence number
     * \param joules the energy (J)
     */
    void Energy(int part, uint32_t task, uint32_t seq, double joules);

    /**
     * \brief A server's job energy (JobEnergy): Energy() of the header's frame.
     * \param part a FrameEnergy
     * \param header the frame's header
     * \param joules the energy (J)
     */
    void JobEnergy(int part, const EdgeDnnHeader& header, double joules);

    /**
     * \brief A device gave a frame up (FrameLost): settles it as LOST, reason "timeout".
     * \param task task id
     * \param seq frame sequence number
     */
    void Lost(uint32_t task, uint32_t seq);

    /**
     * \brief At the end of a run, hand every open frame to the settled callback, in (task, frame)
     * order, and forget all frames: a frame whose last progress (the latest journey time it
     * reached) is at least stallTime before now is LOST with reason "stalled" (a miss that says
     * why); any other is IN_FLIGHT.
     * \param now the end of the run
     * \param stallTime how long without progress makes a frame stalled
     */
    void SettleOpen(Time now, Time stallTime);

  private:
    /// A ring buffer of frame records: grows by doubling, then allocates nothing.
    class FrameWindow
    {
      public:
        /** \return the number of records */
        std::size_t size() const
        {
            return m_size;
        }

        /** \return true if there is none */
        bool empty() const
        {
            return m_size == 0;
        }

        /**
         * \param i position from the front
         * \return the record
         */
        FrameRecord& operator[](std::size_t i)
        {
            return m_slots[(m_head + i) & (m_slots.size() - 1)];
        }

        /** \return the first record */
        FrameRecord& front()
        {
            return m_slots[m_head];
        }

        /** \brief Remove the first record. */
        void pop_front()
        {
            m_head = (m_head + 1) & (m_slots.size() - 1);
            --m_size;
        }

        /** \brief Append a fresh record. */
        void emplace_back();

      private:
        std::vector<FrameRecord> m_slots; //!< storage, a power of two in size
        std::size_t m_head{0};            //!< index of the first record
        std::size_t m_size{0};            //!< records held
    };

    /// A task's open frames: a window of consecutive sequence numbers from base.
    struct TaskFrames
    {
        uint32_t base{0};   //!< sequence number of window.front()
        FrameWindow window; //!< frames from base on
    };

    /**
     * \param task a task
     * \param seq a frame
     * \return the frame's record if it was created and is still open, else nullptr
     */
    FrameRecord* Find(uint32_t task, uint32_t seq);

    /**
     * \brief Give an open frame its final state and hand it to the callback.
     * \param task a task
     * \param seq a frame
     * \param status the state
     * \param reason drop reason index
     * \param result the result, for COMPLETED and LATE
     */
    void Settle(uint32_t task,
                uint32_t seq,
                FrameStatus status,
                uint8_t reason,
                const FrameResult* result);

    /**
     * \brief Drop settled frames from the front of a task's window.
     * \param frames the task's frames
     */
    void Trim(TaskFrames& frames);

    /**
     * \param reason a drop reason
     * \return its index (NO_REASON if the table is full)
     */
    uint8_t ReasonIndex(const std::string& reason);

    std::unordered_map<uint32_t, TaskFrames> m_frames; //!< open frames by task
    std::vector<std::string> m_reasons;                //!< drop reasons by index
    SettledCallback m_settled;                         //!< told of settled frames
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FRAME_TRACKER_H */
