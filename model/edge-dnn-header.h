/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_HEADER_H
#define EDGE_DNN_HEADER_H

#include "ns3/header.h"
#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Header of every edge-dnn message: what the message is, which task and frame it belongs to,
 * the work it asks of its receiver, how many payload bytes follow, and the timestamps of the
 * frame's journey.
 *
 * A FRAME carries everything the servers run for it, from the task its device defines: the split
 * index, the device split index (the layers the device ran before sending: 0 for none, the raw
 * input), the edge's work (MACs of the layers between the two cuts, or a measured time), the bytes
 * crossing the cut (the FEATURES payload) and the cloud's work. Payloads are virtual (zero-filled
 * sized packets): only their length travels in the header. Timestamps are filled in as the frame
 * moves (device, edge, cloud) so that the device can break the end-to-end latency down when the
 * result comes back; a stage not reached holds -1 ns.
 */
class EdgeDnnHeader : public Header
{
  public:
    /** \brief Kinds of message. */
    enum MessageType : uint8_t
    {
        FRAME = 1,    //!< device to edge: an input frame
        FEATURES = 2, //!< edge to cloud: the data crossing the cut (the raw input at split 0)
        RESULT = 3,   //!< cloud to edge to device: the inference result
    };

    EdgeDnnHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * \brief TracedCallback signature of the servers' trace sources that pass a message's header.
     * \param header the message's header
     */
    typedef void (*TracedCallback)(const EdgeDnnHeader& header);

    /** \return the bytes of a serialized header (fixed) */
    static uint32_t GetStaticSize();

    /** \return the kind of message */
    MessageType GetMessageType() const;
    /** \param type the kind of message */
    void SetMessageType(MessageType type);
    /** \return the task id */
    uint32_t GetTaskId() const;
    /** \param taskId the task id */
    void SetTaskId(uint32_t taskId);
    /** \return the frame's sequence number within its task, from 0 */
    uint32_t GetFrameSeq() const;
    /** \param seq the frame's sequence number */
    void SetFrameSeq(uint32_t seq);
    /** \return the split index the frame is processed with */
    uint32_t GetSplitIndex() const;
    /** \param index the split index */
    void SetSplitIndex(uint32_t index);
    /**
     * \return the device split index: the device ran the layers before this cut and the FRAME's
     * payload is its tensor (0: nothing on the device, the payload is the raw input)
     */
    uint32_t GetDeviceSplitIndex() const;
    /** \param index the device split index (<= the split index) */
    void SetDeviceSplitIndex(uint32_t index);
    /** \return payload bytes following this header */
    uint32_t GetPayloadSize() const;
    /** \param bytes payload bytes following this header */
    void SetPayloadSize(uint32_t bytes);
    /** \return bytes crossing the frame's cut: the payload of its FEATURES message */
    uint32_t GetFeatureBytes() const;
    /** \param bytes bytes crossing the frame's cut */
    void SetFeatureBytes(uint32_t bytes);
    /** \return MACs the edge runs for this frame */
    uint64_t GetEdgeMacs() const;
    /** \param macs MACs the edge runs for this frame */
    void SetEdgeMacs(uint64_t macs);
    /** \return measured edge compute time of a profile (negative: use MACs) */
    Time GetEdgeWork() const;
    /** \param work measured edge compute time (negative: use MACs) */
    void SetEdgeWork(Time work);
    /** \return MACs the cloud runs for this frame */
    uint64_t GetCloudMacs() const;
    /** \param macs MACs the cloud runs for this frame */
    void SetCloudMacs(uint64_t macs);
    /** \return measured cloud compute time of a profile in seconds (negative: use MACs) */
    Time GetCloudWork() const;
    /** \param work measured cloud compute time (negative: use MACs) */
    void SetCloudWork(Time work);
    /** \return bytes of the result the device expects */
    uint32_t GetResultSize() const;
    /** \param bytes bytes of the result */
    void SetResultSize(uint32_t bytes);

    /** \brief Points of a frame's journey. */
    enum Stage : uint8_t
    {
        CREATED = 0,      //!< the device created the frame
        EDGE_RX = 1,      //!< the edge received all of it
        EDGE_START = 2,   //!< an edge worker started on it
        EDGE_DONE = 3,    //!< the edge finished its layers
        CLOUD_RX = 4,     //!< the cloud received the crossing data
        CLOUD_START = 5,  //!< a cloud worker started on it
        CLOUD_DONE = 6,   //!< the cloud finished
        DEVICE_START = 7, //!< the device started its layers (device split > 0 only)
        DEVICE_DONE = 8,  //!< the device finished its layers (device split > 0 only)
        STAGE_COUNT = 9,  //!< number of stages
    };

    /**
     * \param stage a point of the journey
     * \return when the frame reached it, or a negative time if it did not
     */
    Time GetTime(Stage stage) const;

    /**
     * \param stage a point of the journey
     * \param t when the frame reached it
     */
    void SetTime(Stage stage, Time t);

  private:
    MessageType m_type{FRAME};      //!< kind of message
    uint32_t m_taskId{0};           //!< task
    uint32_t m_frameSeq{0};         //!< frame within the task
    uint32_t m_splitIndex{0};       //!< split index
    uint32_t m_deviceSplitIndex{0}; //!< device split index
    uint32_t m_payloadSize{0};      //!< payload bytes following
    uint32_t m_featureBytes{0};     //!< bytes crossing the cut
    uint64_t m_edgeMacs{0};         //!< edge work in MACs
    int64_t m_edgeWorkNs{-1};       //!< edge work in ns (measured profiles), -1 if none
    uint64_t m_cloudMacs{0};        //!< cloud work in MACs
    int64_t m_cloudWorkNs{-1};      //!< cloud work in ns (measured profiles), -1 if none
    uint32_t m_resultSize{0};       //!< result bytes
    int64_t m_times[STAGE_COUNT];   //!< timestamps in ns, -1 if not reached
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_HEADER_H */
