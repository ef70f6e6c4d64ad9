/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FRAME_TAG_H
#define EDGE_DNN_FRAME_TAG_H

#include "ns3/tag.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A byte tag naming the frame whose message bytes a packet carries.
 *
 * A device's MessageSender tags every byte it writes with its frame (Packet::AddByteTag): TCP's
 * segments and Wi-Fi's aggregates keep the tags on the bytes they carry, so a transmission on the
 * device's NetDevice tells which frames' bytes it holds (RadioEnergyMeter).
 */
class EdgeDnnFrameTag : public Tag
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    EdgeDnnFrameTag() = default;

    /**
     * \brief A tag for one frame.
     * \param taskId the task
     * \param frameSeq the frame's sequence number
     */
    EdgeDnnFrameTag(uint32_t taskId, uint32_t frameSeq);

    /** \return the task */
    uint32_t GetTaskId() const;
    /** \return the frame's sequence number */
    uint32_t GetFrameSeq() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    uint32_t m_taskId{0};   //!< the task
    uint32_t m_frameSeq{0}; //!< the frame
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FRAME_TAG_H */
