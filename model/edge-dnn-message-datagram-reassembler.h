/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_MESSAGE_DATAGRAM_REASSEMBLER_H
#define EDGE_DNN_MESSAGE_DATAGRAM_REASSEMBLER_H

#include "edge-dnn-fragment-header.h"
#include "edge-dnn-header.h"

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <map>
#include <tuple>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Puts edge-dnn messages sent as UDP fragments back together.
 *
 * Fragments may arrive in any order and more than once. A message whose fragments are not all in
 * within the timeout of its first arrival is given up and reported lost (its state freed): a lost
 * fragment makes the frame lost, never a hang or a leak.
 */
class MessageDatagramReassembler
{
  public:
    /** \brief Receives a complete message and the address it came from. */
    using MessageCallback = Callback<void, const EdgeDnnHeader&, const Address&>;
    /** \brief Receives the identity of a message given up (type, task and frame in a header) and
     * its sender. */
    using LostCallback = Callback<void, const EdgeDnnHeader&, const Address&>;

    /**
     * \brief A reassembler.
     * \param timeout how long a message may take from its first fragment to its last
     * \param onMessage called for each complete message
     * \param onLost called for each message given up
     */
    MessageDatagramReassembler(Time timeout, MessageCallback onMessage, LostCallback onLost);
    ~MessageDatagramReassembler();

    /**
     * \brief Take one datagram.
     * \param packet the datagram (fragment header first)
     * \param from its sender
     */
    void Receive(Ptr<Packet> packet, const Address& from);

    /** \return messages partly received */
    std::size_t GetPendingCount() const;

  private:
    /// Identity of a message: sender, kind, task, frame.
    using Key = std::tuple<Address, uint8_t, uint32_t, uint32_t>;

    /// A message partly received.
    struct Partial
    {
        std::vector<bool> got;  //!< fragments received
        uint16_t received{0};   //!< how many
        bool haveHeader{false}; //!< the first fragment, with the header, is in
        EdgeDnnHeader header;   //!< the message header
        EventId timeout;        //!< gives the message up
    };

    /**
     * \brief Give a message up.
     * \param key the message
     */
    void Expire(Key key);

    Time m_timeout;                   //!< reassembly timeout
    MessageCallback m_onMessage;      //!< complete messages
    LostCallback m_onLost;            //!< given-up messages
    std::map<Key, Partial> m_partial; //!< messages partly received
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_MESSAGE_DATAGRAM_REASSEMBLER_H */
