/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LINK_TRAFFIC_PROBE_H
#define EDGE_DNN_LINK_TRAFFIC_PROBE_H

#include "edge-dnn-sqlite-statement.h"

#include "ns3/callback.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace ns3
{

class Packet;

namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Counts the traffic of link directions in fixed time bins, for EdgeDnnRecorder's
 * link_traffic table: bytes a device transmits (PhyTxEnd, else MacTx), bytes the other end
 * receives (PhyRxEnd, else MacRx), packets dropped (MacTxDrop and PhyTxDrop at the sender,
 * PhyRxDrop at the receiver).
 *
 * A bin becomes a row when the first event of a later bin arrives, or at Finish(); bins without
 * traffic between two busy ones are rows of zeros.
 */
class LinkTrafficProbe
{
  public:
    /**
     * \brief A probe with bins of a width.
     * \param binWidth the bin width (> 0)
     * \param rowAdded called after every row the probe adds (may be null)
     */
    LinkTrafficProbe(Time binWidth, Callback<void> rowAdded);

    LinkTrafficProbe(const LinkTrafficProbe&) = delete;
    LinkTrafficProbe& operator=(const LinkTrafficProbe&) = delete;

    /**
     * \brief Count a link direction.
     * \param name the link's name in link_traffic.link
     * \param tx the transmitting device
     * \param rx the receiving device (may be null)
     * \param toCloud true if this direction carries traffic to the cloud
     * \throws EdgeDnnError naming the link if tx has neither PhyTxEnd nor MacTx
     */
    void AddLink(const std::string& name, Ptr<NetDevice> tx, Ptr<NetDevice> rx, bool toCloud);

    /**
     * \brief Close every link's bins up to the one holding a time (a pending partial bin too).
     * \param now the time
     */
    void Finish(Time now);

    /** \return rows added and not written yet */
    std::size_t GetPendingRows() const;

    /**
     * \brief Write the pending rows with RecorderSchema::INSERT_LINK_TRAFFIC (in the caller's
     * transaction; ClearRows() once it is committed).
     * \param insert the prepared statement
     * \param runId the run
     */
    void Write(SqliteStatement& insert, int64_t runId) const;

    /** \brief Forget the pending rows (they were written). */
    void ClearRows();

  private:
    /// Counters of one link direction.
    struct LinkState
    {
        std::string name;    //!< link name
        bool toCloud{false}; //!< carries traffic to the cloud
        int64_t bin{0};      //!< current bin index
        uint64_t tx{0};      //!< bytes transmitted in the bin
        uint64_t rx{0};      //!< bytes received in the bin
        uint64_t drops{0};   //!< packets dropped in the bin
    };

    /// One row of link_traffic.
    struct Row
    {
        const LinkState* link; //!< the link
        int64_t bin;           //!< bin index
        uint64_t tx;           //!< bytes transmitted
        uint64_t rx;           //!< bytes received
        uint64_t drops;        //!< packets dropped
    };

    /**
     * \brief Close a link's bins up to (excluding) bin.
     * \param link the link
     * \param bin the bin now current
     */
    void Advance(LinkState& link, int64_t bin);

    /**
     * \param link a link
     * \return it, its bins closed up to now
     */
    LinkState& Now(LinkState* link);

    /**
     * \brief Bytes transmitted.
     * \param link the link
     * \param packet the packet
     */
    void OnTx(LinkState* link, Ptr<const Packet> packet);
    /**
     * \brief Bytes received.
     * \param link the link
     * \param packet the packet
     */
    void OnRx(LinkState* link, Ptr<const Packet> packet);
    /**
     * \brief A packet dropped.
     * \param link the link
     * \param packet the packet
     */
    void OnDrop(LinkState* link, Ptr<const Packet> packet);

    int64_t m_width;               //!< bin width (time steps)
    Callback<void> m_rowAdded;     //!< told of every row
    std::deque<LinkState> m_links; //!< links (stable addresses)
    std::vector<Row> m_rows;       //!< rows not written yet
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LINK_TRAFFIC_PROBE_H */
