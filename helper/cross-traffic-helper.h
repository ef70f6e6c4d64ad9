/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CROSS_TRAFFIC_HELPER_H
#define CROSS_TRAFFIC_HELPER_H

#include "ns3/application-container.h"
#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Puts cross traffic made by ns-3's own applications on a path: an OnOffApplication
 * (constant rate while on, constant or exponential on and off times) or a BulkSendApplication,
 * from a source node to a PacketSink on a sink node's address, over TCP or UDP.
 *
 * It is only traffic, so it works over any IPv4 path (point-to-point, CSMA, Wi-Fi, LTE). The
 * routes must exist when Install is called (e.g. after
 * Ipv4GlobalRoutingHelper::PopulateRoutingTables()): Install asks the source's routing for a
 * route to the sink's address and refuses the flow without one.
 *
 * \code
 *   CrossTrafficHelper cross(CrossTrafficHelper::UDP, 5000);
 *   cross.SetConstantRate(DataRate("4Mbps"), 1000);      // OnOff, always on
 *   cross.SetStartStop(Seconds(1), Seconds(9));
 *   ApplicationContainer apps = cross.Install(gateway, cloud, cloudAddress); // source, sink
 * \endcode
 */
class CrossTrafficHelper
{
  public:
    /// The transport protocol.
    enum Transport
    {
        UDP, //!< ns3::UdpSocketFactory
        TCP, //!< ns3::TcpSocketFactory
    };

    /// The source application.
    enum Source
    {
        ON_OFF,    //!< ns3::OnOffApplication
        BULK_SEND, //!< ns3::BulkSendApplication (TCP only: it fills the socket's buffer)
    };

    /**
     * \brief A helper for flows to a port; by default a constant 1 Mbit/s OnOff source of 1000 B
     * packets from time 0 until the simulation ends.
     * \param transport UDP or TCP
     * \param port the sink's port (1..65535)
     * \throw EdgeDnnError for port 0
     */
    CrossTrafficHelper(Transport transport, uint16_t port);

    /**
     * \brief An OnOff source always on at a rate.
     * \param rate the sending rate (> 0)
     * \param packetSize the packet (UDP) or write (TCP) size, B (1..65507)
     * \throw EdgeDnnError for rate 0 or a bad size
     */
    void SetConstantRate(DataRate rate, uint32_t packetSize = 1000);

    /**
     * \brief An OnOff source alternating on periods at a rate and off periods.
     * \param rate the rate while on (> 0)
     * \param onTime the (mean) on time (> 0)
     * \param offTime the (mean) off time (>= 0)
     * \param exponential true: exponential on and off times with these means; false: constant
     * \param packetSize the packet (UDP) or write (TCP) size, B (1..65507)
     * \throw EdgeDnnError for rate 0, a bad size or time
     */
    void SetOnOff(DataRate rate,
                  Time onTime,
                  Time offTime,
                  bool exponential,
                  uint32_t packetSize = 1000);

    /**
     * \brief A BulkSend source: as fast as TCP lets it (TCP only; Install refuses UDP).
     * \param maxBytes bytes to send, 0: no limit
     * \param sendSize bytes per write (1..65507)
     * \throw EdgeDnnError for a bad size
     */
    void SetBulkSend(uint64_t maxBytes = 0, uint32_t sendSize = 1448);

    /**
     * \brief When the source sends. The sink starts with it and runs to the simulation's end.
     * \param start the source's start
     * \param stop the source's stop; zero: never stops
     * \throw EdgeDnnError if start < 0 or stop is not after start
     */
    void SetStartStop(Time start, Time stop);

    /**
     * \brief Install one flow.
     * \param source the node sending
     * \param sink the node receiving, which gets a PacketSink on the port
     * \param sinkAddress an IPv4 address of the sink node, routable from the source
     * \return the source application (index 0) and the PacketSink (index 1)
     * \throw EdgeDnnError if a node is null or has no IPv4 stack, the address is not the sink's,
     * the source has no route to it, the port is taken on the sink by an application installed
     * already, or BulkSend is asked over UDP
     */
    ApplicationContainer Install(Ptr<Node> source, Ptr<Node> sink, Ipv4Address sinkAddress) const;

  private:
    /**
     * \param size a packet or write size
     * \param what its name
     * \throw EdgeDnnError if it is not in 1..65507
     */
    static void CheckSize(uint32_t size, const std::string& what);

    Transport m_transport;       //!< UDP or TCP
    uint16_t m_port;             //!< the sink's port
    Source m_source{ON_OFF};     //!< the source application
    DataRate m_rate{1000000};    //!< OnOff: rate while on
    Time m_onTime;               //!< OnOff: (mean) on time; zero: always on
    Time m_offTime;              //!< OnOff: (mean) off time
    bool m_exponential{false};   //!< OnOff: exponential on and off times
    uint32_t m_packetSize{1000}; //!< packet or write size (B)
    uint64_t m_maxBytes{0};      //!< BulkSend: bytes to send, 0: no limit
    Time m_start;                //!< the source's start
    Time m_stop;                 //!< the source's stop; zero: never
};

} // namespace edgednn
} // namespace ns3

#endif /* CROSS_TRAFFIC_HELPER_H */
