/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FRAGMENT_HEADER_H
#define EDGE_DNN_FRAGMENT_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Header of each UDP datagram of an edge-dnn message: which message (kind, task, frame) and
 * which of its fragments. The first fragment also carries the EdgeDnnHeader.
 */
class EdgeDnnFragmentHeader : public Header
{
  public:
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

    /** \return the bytes of a serialized header (fixed) */
    static uint32_t GetStaticSize();

    uint8_t messageType{0}; //!< EdgeDnnHeader::MessageType of the message
    uint32_t taskId{0};     //!< task of the message
    uint32_t frameSeq{0};   //!< frame of the message
    uint16_t index{0};      //!< this fragment's position, from 0
    uint16_t count{1};      //!< fragments of the message
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FRAGMENT_HEADER_H */
