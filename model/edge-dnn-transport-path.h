/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TRANSPORT_PATH_H
#define EDGE_DNN_TRANSPORT_PATH_H

#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/type-id.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief What carries an edge-dnn message over one link: the transport, the headers every packet
 * adds below the message, the packet sizes, and the link's propagation delay.
 *
 * CostModel turns a message's bytes into the bytes on the wire with it, so that the scheduler's
 * bandwidth demands, the edge's pacing and the predicted transfer times count what the link
 * carries. IDEAL is the paper's abstraction (the data crossing the cut and nothing else, no
 * delay); problem files without a "transport" entry use it.
 */
struct TransportPath
{
    /** \brief The transport. */
    enum Protocol
    {
        IDEAL, //!< the paper's: only the cut's bytes, no message header, no packet overhead
        TCP,   //!< an ns-3 TCP byte stream: segments of segmentBytes
        UDP,   //!< UDP datagrams of segmentBytes with an edge-dnn fragment header each
    };

    /// The largest paceBurstSegments.
    static constexpr uint32_t MAX_PACE_BURST_SEGMENTS = 64;

    Protocol protocol{IDEAL};         //!< the transport
    uint32_t segmentBytes{0};         //!< TCP: MSS (TcpSocket SegmentSize); UDP: datagram payload
    uint32_t transportHeaderBytes{0}; //!< TCP header with options (20 + 12 with timestamps), UDP 8
    uint32_t networkHeaderBytes{0};   //!< IPv4 header (20)
    uint32_t linkHeaderBytes{0};      //!< link framing per packet (PPP 2, Ethernet 18)
    uint32_t mtuBytes{0};             //!< the link's MTU (IP fragments larger datagrams)
    Time propagation{0};              //!< one-way propagation delay of the link
    /**
     * TCP: the least whole segments a paced sender writes at once (1: a millisecond of the
     * rate, at least one segment). More segments sent back to back let an UplinkRateEstimator
     * measure the bottleneck from their acknowledgements' spacing.
     */
    uint32_t paceBurstSegments{1};

    /**
     * \brief The path of a socket of ns-3's TCP or UDP over a link, with the TCP settings in force
     * now (Config defaults of ns3::TcpSocket::SegmentSize and ns3::TcpSocketBase::Timestamp).
     * \param protocol ns3::TcpSocketFactory or ns3::UdpSocketFactory
     * \param maxDatagramSize UDP: the applications' MaxDatagramSize (B)
     * \param linkHeaderBytes link framing per packet (B)
     * \param mtuBytes the link's MTU (B)
     * \param propagation the link's one-way delay
     * \return the path
     * \throws EdgeDnnError for another protocol
     */
    static TransportPath ForSocket(TypeId protocol,
                                   uint32_t maxDatagramSize,
                                   uint32_t linkHeaderBytes,
                                   uint32_t mtuBytes,
                                   Time propagation);

    /**
     * \brief The path over a device whose framing and delay ns-3 defines exactly:
     * PointToPointNetDevice (PPP, 2 B; its channel's Delay) and CsmaNetDevice (Ethernet header
     * and trailer, 18 B; its channel's Delay).
     * \param device the sending device
     * \param protocol ns3::TcpSocketFactory or ns3::UdpSocketFactory
     * \param maxDatagramSize UDP: the applications' MaxDatagramSize (B)
     * \return the path
     * \throws EdgeDnnError naming the device's type for any other device (give the path then)
     */
    static TransportPath ForDevice(Ptr<NetDevice> device,
                                   TypeId protocol,
                                   uint32_t maxDatagramSize);

    /**
     * \brief Check the fields.
     * \param where what the path belongs to, for the message
     * \throws EdgeDnnError naming where and the field at fault
     */
    void Validate(const std::string& where) const;

    /**
     * \param protocol a protocol
     * \return its name in problem files: "ideal", "tcp" or "udp"
     */
    static std::string ProtocolName(Protocol protocol);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TRANSPORT_PATH_H */
