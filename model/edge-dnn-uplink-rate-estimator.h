/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_UPLINK_RATE_ESTIMATOR_H
#define EDGE_DNN_UPLINK_RATE_ESTIMATOR_H

#include "edge-dnn-transport-path.h"

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/sequence-number.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <utility>
#include <vector>

namespace ns3
{

class Packet;
class Socket;
class TcpHeader;
class TcpSocketBase;

namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief An edge server's estimate of its usable uplink rate, from what its TCP transfers to the
 * cloud achieve: their acknowledgements, the times their segments were sent, and their RTT.
 *
 * Two measurements, taken every SampleInterval over all the connections it follows (AddConnection):
 *  - delivered: the segments acknowledged in full in the interval, each counted on the wire with
 *    its own headers (CostModel, however small the segment), over the interval. When the path is
 * saturated, this is the rate the edge gets;
 *  - bottleneck: per acknowledgement, the bytes it newly acknowledges over the longer of the gap
 *    to the previous acknowledgement and the gap between the sending of the segments the two
 *    acknowledge (the delivery-rate sample of Linux's TCP). Segments sent back to back reach the
 *    cloud spaced by the bottleneck, so their acknowledgements measure it; segments sent apart
 *    measure no more than their sending rate. The largest sample over Window is the bottleneck
 *    (if Window holds at least 8).
 *
 * The path counts as saturated in an interval when even the least RTT of the interval exceeds the
 * least RTT seen by more than QueueDelayThreshold: a standing queue, not a burst's (as CoDel tells
 * them apart); it needs at least 8 RTT samples in the interval. Then the estimate is the largest
 * delivered rate of the saturated intervals within Window (an interval with a loss delivers less
 * than the path carries, as BBR's max filter assumes), but no more than the bottleneck (a
 * cumulative acknowledgement after a loss acknowledges at once bytes that arrived before).
 * Otherwise it is the bottleneck, except for
 * HoldTime after a saturated interval, when it may only rise to the delivered rate: the bottleneck
 * does not see cross traffic, a standing queue does. Drops are seen within an interval or two;
 * rises once the hold has passed.
 *
 * Paced at low rates a sender writes single segments; TransportPath::paceBurstSegments (the
 * SchedulerHelper sets it to ProbeBurst when it re-plans at run time) makes it write several at
 * once, so that every paced write is a probe. TCP only.
 */
class UplinkRateEstimator : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    UplinkRateEstimator();
    ~UplinkRateEstimator() override;

    /**
     * \brief Follow a TCP connection to the cloud.
     * \param socket a TcpSocketBase (before or after it connects)
     * \param path what carries its bytes (to count them on the wire)
     * \throws EdgeDnnError if the socket is not TCP
     */
    void AddConnection(Ptr<Socket> socket, const TransportPath& path);

    /** \brief Start estimating (every SampleInterval from now). */
    void Start();

    /** \brief Stop estimating. */
    void Stop();

    /** \return the current estimate (0 bit/s before the first) */
    DataRate GetEstimate() const;

    /** \return ProbeBurst: segments a paced sender should write at once */
    uint32_t GetProbeBurst() const;

    /**
     * TracedCallback signature of a new estimate.
     * \param estimate the usable uplink rate, on the wire
     */
    typedef void (*EstimateTracedCallback)(DataRate estimate);

  protected:
    void DoDispose() override;

  private:
    /// A data segment sent and not yet acknowledged.
    struct SentSegment
    {
        SequenceNumber32 end; //!< the sequence number after its last byte
        Time sentAt;          //!< when it was first sent
        uint64_t wireBytes;   //!< its bytes on the wire, its own headers included (CostModel)
    };

    /// A followed connection.
    struct Flow
    {
        Ptr<Socket> socket;              //!< the socket
        TransportPath path;              //!< what carries it
        std::deque<SentSegment> sent;    //!< data segments not yet acknowledged
        SequenceNumber32 highestSent{0}; //!< end of the highest data sent
        bool anySent{false};             //!< data was sent
        bool recovering{false};          //!< a segment was sent again
        SequenceNumber32 recoveryEnd{0}; //!< recovery ends when this is acked
        bool havePrevious{false};        //!< an earlier ack is recorded
        SequenceNumber32 previousAck{0}; //!< the earlier ack
        Time previousAckTime;            //!< when it came
        Time previousSendTime;           //!< when the segment it acked was sent
    };

    /**
     * \brief A data segment was sent.
     * \param flow the flow's index
     * \param packet its payload
     * \param header its TCP header
     * \param socket the socket
     */
    void OnTx(uint32_t flow,
              Ptr<const Packet> packet,
              const TcpHeader& header,
              Ptr<const TcpSocketBase> socket);

    /**
     * \brief The highest acknowledgement rose.
     * \param flow the flow's index
     * \param oldAck the previous one
     * \param newAck the new one
     */
    void OnAck(uint32_t flow, SequenceNumber32 oldAck, SequenceNumber32 newAck);

    /**
     * \brief An RTT was measured.
     * \param oldRtt the previous one
     * \param newRtt the new one
     */
    void OnRtt(Time oldRtt, Time newRtt);

    /** \brief End an interval: update and announce the estimate. */
    void Sample();

    Time m_sampleInterval;      //!< SampleInterval
    Time m_window;              //!< Window
    Time m_queueDelayThreshold; //!< QueueDelayThreshold
    Time m_holdTime;            //!< HoldTime
    uint32_t m_probeBurst;      //!< ProbeBurst

    std::vector<std::unique_ptr<Flow>> m_flows;    //!< followed connections
    std::deque<std::pair<Time, double>> m_samples; //!< bottleneck samples (bit/s) in Window
    std::deque<std::pair<Time, double>>
        m_saturatedRates;                     //!< delivered rates of saturated intervals in Window
    uint64_t m_deliveredWireBytes{0};         //!< acknowledged in this interval
    Time m_minRtt{Time::Max()};               //!< least RTT seen
    Time m_intervalMinRtt;                    //!< least RTT of this interval
    uint32_t m_rttCount{0};                   //!< RTTs of this interval
    bool m_saturatedOnce{false};              //!< an interval was saturated
    Time m_lastSaturated;                     //!< end of the last saturated interval
    double m_estimateBps{0};                  //!< the estimate, 0: none yet
    EventId m_sampleEvent;                    //!< next Sample()
    TracedCallback<DataRate> m_estimateTrace; //!< Estimate
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_UPLINK_RATE_ESTIMATOR_H */
