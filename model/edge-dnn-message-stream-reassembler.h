/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_MESSAGE_STREAM_REASSEMBLER_H
#define EDGE_DNN_MESSAGE_STREAM_REASSEMBLER_H

#include "edge-dnn-header.h"

#include "ns3/packet.h"

#include <array>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Cuts a TCP byte stream back into edge-dnn messages, whatever the segmentation: a header
 * split across segments, several messages in one segment, payloads of many megabytes.
 *
 * Only the header bytes are copied; payload bytes are counted, not stored, so memory stays
 * constant.
 */
class MessageStreamReassembler
{
  public:
    /**
     * \brief Take the next bytes of the stream.
     * \param packet the bytes, in stream order
     * \return the messages they complete, in order
     */
    std::vector<EdgeDnnHeader> Receive(Ptr<const Packet> packet);

    /** \return bytes of an unfinished message received so far */
    uint64_t GetPendingBytes() const;

  private:
    std::vector<uint8_t> m_headerBytes; //!< bytes of the current header received so far
    EdgeDnnHeader m_current;            //!< the current message's header, once complete
    uint64_t m_payloadLeft{0};          //!< payload bytes of the current message still to come
    bool m_inPayload{false};            //!< the current header is complete
    uint64_t m_pending{0};              //!< bytes of the current message received
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_MESSAGE_STREAM_REASSEMBLER_H */
