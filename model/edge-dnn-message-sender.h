/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_MESSAGE_SENDER_H
#define EDGE_DNN_MESSAGE_SENDER_H

#include "edge-dnn-header.h"
#include "edge-dnn-transport-path.h"

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"

#include <deque>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Sends edge-dnn messages (header and virtual payload) through one socket, in order.
 *
 * Over TCP (STREAM) a message is written as a byte stream as fast as the socket's send buffer takes
 * it; over UDP (DATAGRAM) it is cut into datagrams of at most the given size, each with an
 * EdgeDnnFragmentHeader. With a pacing rate, bytes are handed to the socket so that the link
 * carries them, with every packet's headers, no faster than that rate (the allocated bandwidth b_ij
 * of a task, counted by CostModel as the scheduler counts it).
 */
class MessageSender : public SimpleRefCount<MessageSender>
{
  public:
    /** \brief How messages go on the wire. */
    enum Mode
    {
        STREAM,   //!< a TCP byte stream
        DATAGRAM, //!< UDP datagrams with fragment headers
    };

    /** \brief Called when the last byte of a message was handed to the socket. */
    using SentCallback = Callback<void, const EdgeDnnHeader&>;

    /**
     * \brief A sender.
     * \param socket the socket (connected, or with a destination given to Send)
     * \param mode TCP stream or UDP datagrams
     * \param maxDatagramSize largest datagram payload in DATAGRAM mode (B)
     */
    MessageSender(Ptr<Socket> socket, Mode mode, uint32_t maxDatagramSize);
    ~MessageSender();

    /**
     * \brief Hand bytes to the socket so that the link carries them no faster than a rate: after
     * each write the sender waits for the write's bytes on the wire (CostModel::WireBytesOfWrite
     * over the path, headers of every packet included) at the rate.
     * \param rate the rate on the wire (an allocated bandwidth b_ij); 0 for no pacing
     * \param path what the socket's packets cross (IDEAL: pace the message bytes alone)
     */
    void SetPacing(DataRate rate, const TransportPath& path);

    /** \param cb called when a message has been handed to the socket completely */
    void SetSentCallback(SentCallback cb);

    /**
     * \brief Tag every byte written with its message's frame (EdgeDnnFrameTag, a byte tag), so
     * that the transmissions carrying it can be told (RadioEnergyMeter). Off by default.
     * \param tag true to tag
     */
    void SetTagFrames(bool tag);

    /** \brief Called with true when bytes wait to be written where none did, false when the last
     * waiting byte was written. */
    using BacklogCallback = Callback<void, bool>;

    /** \param cb called when the sender starts or stops having bytes to write */
    void SetBacklogCallback(BacklogCallback cb);

    /**
     * \brief Whether the socket can take data yet (a TCP connection is up). Sending starts when it
     * is. \param ready true once the socket can send
     */
    void SetReady(bool ready);

    /**
     * \brief Queue a message.
     * \param header its header (its payload size says how many virtual bytes follow)
     * \param to destination for an unconnected UDP socket; empty to use the connected peer
     */
    void Send(const EdgeDnnHeader& header, const Address& to = Address());

    /** \return bytes queued and not yet handed to the socket */
    uint64_t GetBacklog() const;

    /** \return the socket */
    Ptr<Socket> GetSocket() const;

    /** \brief Stop: cancel pacing, drop the queue, forget the socket's callbacks. */
    void Stop();

    /** \brief Write as much as the socket and the pacing allow (also called when the socket has
     * room). */
    void Drain();

    /**
     * \brief Whether a node's IPv4 routing knows a way to a destination (sockets do not all say so
     * on Connect: TCP would retry its SYN into the void). \param node the node \param to an
     * InetSocketAddress \return true if a route exists
     */
    static bool HasRoute(Ptr<Node> node, const Address& to);

    /**
     * \brief The device a node's IPv4 routing sends toward a destination through.
     * \param node the node
     * \param to an InetSocketAddress
     * \return the output device, or nullptr without a route
     */
    static Ptr<NetDevice> RouteDevice(Ptr<Node> node, const Address& to);

    /** \return the smallest MaxDatagramSize that carries a byte of payload: both edge-dnn headers
     * and one byte (B) */
    static uint32_t GetMinDatagramSize();

    /**
     * \brief How much a paced stream writes at once: about a millisecond of the rate, in whole
     * segments (so that TCP cuts it where the cost model does), at least one segment, and for
     * TCP at least the path's paceBurstSegments.
     * \param path the path paced over (its segment size; 1448 B unless it is TCP)
     * \param rateBps the paced rate (bit/s, > 0)
     * \return bytes per write
     */
    static uint32_t GetPaceChunk(const TransportPath& path, uint64_t rateBps);

    /**
     * \brief Check an application's transport attributes.
     * \param who the application, for the message (ends with ": ")
     * \param protocol its Protocol attribute
     * \param maxDatagramSize its MaxDatagramSize attribute
     * \throws EdgeDnnError naming the attribute at fault
     */
    static void ValidateTransport(const std::string& who,
                                  TypeId protocol,
                                  uint32_t maxDatagramSize);

  private:
    /// A message being sent.
    struct Pending
    {
        EdgeDnnHeader header; //!< its header
        Address to;           //!< destination, empty for the connected peer
        uint64_t total{0};    //!< header and payload bytes
        uint64_t written{0};  //!< bytes handed to the socket so far
    };

    /**
     * \brief Write one piece of the first pending message.
     * \param room bytes the socket can take now
     * \return bytes written (0 if nothing could be)
     */
    uint32_t WriteStreamPiece(uint32_t room);

    /**
     * \brief Write the next datagram of the first pending message.
     * \return bytes written (0 if the socket refused)
     */
    uint32_t WriteDatagram();

    /**
     * \brief Count bytes of the first pending message as written; finish it when all are.
     * \param n bytes handed to the socket
     */
    void Advance(uint32_t n);

    /**
     * \brief Socket callback: room in the send buffer.
     * \param socket the socket
     * \param available bytes available
     */
    void OnSendRoom(Ptr<Socket> socket, uint32_t available);

    Ptr<Socket> m_socket;             //!< the socket
    Mode m_mode;                      //!< stream or datagrams
    uint32_t m_maxDatagramSize;       //!< largest datagram (B)
    DataRate m_pacingRate{0};         //!< rate on the wire, 0: no pacing
    TransportPath m_pacingPath;       //!< what the paced bytes cross
    bool m_ready{false};              //!< the socket can send
    SentCallback m_sent;              //!< completion callback
    BacklogCallback m_backlogChanged; //!< backlog start and end
    std::deque<Pending> m_queue;      //!< messages in order
    uint64_t m_backlog{0};            //!< bytes queued and not written
    EventId m_paceEvent;              //!< next paced write
    bool m_tagFrames{false};          //!< tag written bytes with their frame
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_MESSAGE_SENDER_H */
