/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FRAME_LEDGER_H
#define EDGE_DNN_FRAME_LEDGER_H

#include "edge-dnn-frame-result.h"
#include "edge-dnn-header.h"

#include "ns3/simple-ref-count.h"

#include <map>
#include <optional>
#include <string>
#include <utility>

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
 * applications first). A frame's first final state counts: completed or late when its result
 * arrives, dropped when a compute queue refuses it, lost when a UDP message of it is given up or
 * its device times it out; a frame with none of these when asked is in flight. Frames are
 * identified by (task id, frame sequence number): task ids must be unique.
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
     * \brief The final state a server's FrameDropped gives a frame (shared with EdgeDnnRecorder).
     * \param reason the reason traced ("queue-full", "lost", "unknown-task", ...)
     * \return LOST for "lost", DROPPED otherwise
     */
    static FrameStatus StatusOfDrop(const std::string& reason);

  private:
    /**
     * \brief FrameCreated.
     * \param task task id
     * \param frame frame sequence number
     * \param bytes frame size
     */
    void OnCreated(uint32_t task, uint32_t frame, uint32_t bytes);

    /**
     * \brief ResultReceived.
     * \param result the breakdown
     */
    void OnResult(const FrameResult& result);

    /**
     * \brief FrameDropped of a server.
     * \param header the frame
     * \param reason why
     */
    void OnDropped(const EdgeDnnHeader& header, const std::string& reason);

    /**
     * \brief FrameLost of a device.
     * \param task task id
     * \param frame frame sequence number
     */
    void OnLost(uint32_t task, uint32_t frame);

    /**
     * \brief Give a frame its final state unless it has one.
     * \param task task id
     * \param frame frame sequence number
     * \param status the state
     * \return the entry if the state was set, else nullptr
     */
    Entry* Settle(uint32_t task, uint32_t frame, FrameStatus status);

    std::map<std::pair<uint32_t, uint32_t>, Entry> m_frames; //!< every frame
    bool m_connected{false};                                 //!< hooked to the traces
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FRAME_LEDGER_H */
