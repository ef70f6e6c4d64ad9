/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LINK_TRAFFIC_PROBE_H
#define EDGE_DNN_LINK_TRAFFIC_PROBE_H

#include "edge-dnn-recorder-probe.h"
#include "edge-dnn-sqlite-statement.h"

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
 * \brief The RecorderProbe of the link_traffic table: counts the traffic of link directions in
 * fixed time bins of the recorder's BinWidth: bytes a device transmits (PhyTxEnd, else MacTx),
 * bytes the other end receives (PhyRxEnd, else MacRx), packets dropped (MacTxDrop and PhyTxDrop at
 * the sender, PhyRxDrop at the receiver).
 *
 * A bin becomes a row when the first event of a later bin arrives, or at Finish(); bins without
 * traffic between two busy ones are rows of zeros. EdgeDnnRecorder has one, filled by
 * EdgeDnnRecorder::AddLink; links are connected when the recorder connects.
 */
class LinkTrafficProbe : public RecorderProbe
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    LinkTrafficProbe();
    ~LinkTrafficProbe() override;

    /**
     * \brief Count a link direction (from Connect() on; at once if connected already).
     * \param name the link's name in link_traffic.link
     * \param tx the transmitting device
     * \param rx the receiving device (may be null)
     * \param toCloud true if this direction carries traffic to the cloud
     * \throws EdgeDnnError naming the link if tx is null or has neither PhyTxEnd nor MacTx
     */
    void AddLink(const std::string& name, Ptr<NetDevice> tx, Ptr<NetDevice> rx, bool toCloud);

    std::vector<std::string> GetTables() const override;
    std::vector<std::string> GetIndexes() const override;
    void Prepare(SqliteDatabase& db) override;
    void Connect(const RunInfo& run) override;
    bool HasPendingRows() const override;
    uint64_t Write() override;
    void Committed() override;

    /**
     * \brief Close every link's bins up to the one holding a time (a pending partial bin too).
     * \param now the time
     */
    void Finish(Time now) override;

  protected:
    void DoDispose() override;

  private:
    /// Counters of one link direction.
    struct LinkState
    {
        std::string name;        //!< link name
        Ptr<NetDevice> txDevice; //!< transmitting device
        Ptr<NetDevice> rxDevice; //!< receiving device (may be null)
        bool toCloud{false};     //!< carries traffic to the cloud
        bool countTx{true};      //!< the transmitting device is on the recorded system id
        bool countRx{true};      //!< the receiving device is on the recorded system id
        int64_t bin{0};          //!< current bin index
        uint64_t tx{0};          //!< bytes transmitted in the bin
        uint64_t rx{0};          //!< bytes received in the bin
        uint64_t drops{0};       //!< packets dropped in the bin
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
     * \brief Which of a link's devices are on the recorded system id (sets countTx, countRx).
     * \param link the link
     * \return true if either is
     */
    bool IsOnSystem(LinkState& link) const;

    /**
     * \brief Connect the trace sources of a link's devices on the recorded system id.
     * \param link the link
     */
    void ConnectLink(LinkState* link);

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

    int64_t m_width{0};            //!< bin width (time steps; 0 until Connect)
    int64_t m_runId{0};            //!< the run
    uint32_t m_systemId{0};        //!< the system id (rank) whose devices are counted
    bool m_connected{false};       //!< Connect() ran
    SqliteStatement m_insert;      //!< INSERT INTO link_traffic
    std::deque<LinkState> m_links; //!< links (stable addresses)
    std::vector<Row> m_rows;       //!< rows not written yet
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LINK_TRAFFIC_PROBE_H */
