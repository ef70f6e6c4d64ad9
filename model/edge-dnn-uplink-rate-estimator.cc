/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-uplink-rate-estimator.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"
#include "edge-dnn-number-converting-accessor.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("UplinkRateEstimator");

NS_OBJECT_ENSURE_REGISTERED(UplinkRateEstimator);

namespace
{

/// Fewest RTT samples in an interval that can show a standing queue.
constexpr uint32_t MIN_RTT_SAMPLES = 8;

/// Fewest delivery-rate samples in Window that can show the bottleneck.
constexpr std::size_t MIN_RATE_SAMPLES = 8;

} // namespace

TypeId
UplinkRateEstimator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::UplinkRateEstimator")
            .SetParent<Object>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<UplinkRateEstimator>()
            .AddAttribute("SampleInterval",
                          "How often the estimate is updated, from what was acknowledged since",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&UplinkRateEstimator::m_sampleInterval),
                          MakeBoundedTimeChecker("ns3::UplinkRateEstimator::SampleInterval",
                                                 MilliSeconds(1),
                                                 Seconds(3600)))
            .AddAttribute("Window",
                          "How long a bottleneck sample (acknowledgement spacing) counts",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&UplinkRateEstimator::m_window),
                          MakeBoundedTimeChecker("ns3::UplinkRateEstimator::Window",
                                                 MilliSeconds(1),
                                                 Seconds(3600)))
            .AddAttribute("QueueDelayThreshold",
                          "An interval whose least RTT exceeds the least RTT seen by more than "
                          "this is saturated: its delivered rate is the estimate",
                          TimeValue(MilliSeconds(5)),
                          MakeTimeAccessor(&UplinkRateEstimator::m_queueDelayThreshold),
                          MakeBoundedTimeChecker("ns3::UplinkRateEstimator::QueueDelayThreshold",
                                                 MicroSeconds(1),
                                                 Seconds(60)))
            .AddAttribute("HoldTime",
                          "After a saturated interval, the estimate rises only to the delivered "
                          "rate for this long before the bottleneck samples count again",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&UplinkRateEstimator::m_holdTime),
                          MakeBoundedTimeChecker("ns3::UplinkRateEstimator::HoldTime",
                                                 Seconds(0),
                                                 Seconds(3600)))
            .AddAttribute(
                "ProbeBurst",
                "TCP segments a paced sender writes at once when it is estimated "
                "(TransportPath::paceBurstSegments), so acknowledgements measure the "
                "bottleneck",
                UintegerValue(4),
                MakeConvertingUintegerAccessor(&UplinkRateEstimator::m_probeBurst),
                MakeBoundedUintegerChecker<uint32_t>("ns3::UplinkRateEstimator::ProbeBurst",
                                                     1,
                                                     TransportPath::MAX_PACE_BURST_SEGMENTS,
                                                     "segments"))
            .AddTraceSource("Estimate",
                            "A new estimate of the usable uplink rate, on the wire",
                            MakeTraceSourceAccessor(&UplinkRateEstimator::m_estimateTrace),
                            "ns3::edgednn::UplinkRateEstimator::EstimateTracedCallback");
    return tid;
}

UplinkRateEstimator::UplinkRateEstimator()
    : m_sampleInterval(MilliSeconds(100)),
      m_window(Seconds(1)),
      m_queueDelayThreshold(MilliSeconds(5)),
      m_holdTime(Seconds(5)),
      m_probeBurst(4)
{
    NS_LOG_FUNCTION(this);
}

UplinkRateEstimator::~UplinkRateEstimator()
{
    NS_LOG_FUNCTION(this);
}

void
UplinkRateEstimator::DoDispose()
{
    m_sampleEvent.Cancel();
    m_flows.clear();
    Object::DoDispose();
}

void
UplinkRateEstimator::AddConnection(Ptr<Socket> socket, const TransportPath& path)
{
    if (!DynamicCast<TcpSocketBase>(socket))
    {
        throw EdgeDnnError("UplinkRateEstimator: it reads TCP's acknowledgements: expected a TCP "
                           "socket, got " +
                           (socket ? socket->GetInstanceTypeId().GetName() : "none"));
    }
    const auto index = static_cast<uint32_t>(m_flows.size());
    auto flow = std::make_unique<Flow>();
    flow->socket = socket;
    flow->path = path;
    m_flows.push_back(std::move(flow));
    socket->TraceConnectWithoutContext("Tx",
                                       MakeCallback(&UplinkRateEstimator::OnTx, this).Bind(index));
    socket->TraceConnectWithoutContext("HighestRxAck",
                                       MakeCallback(&UplinkRateEstimator::OnAck, this).Bind(index));
    socket->TraceConnectWithoutContext("RTT", MakeCallback(&UplinkRateEstimator::OnRtt, this));
}

void
UplinkRateEstimator::Start()
{
    NS_LOG_FUNCTION(this);
    m_sampleEvent.Cancel();
    m_deliveredWireBytes = 0;
    m_rttCount = 0;
    m_sampleEvent = Simulator::Schedule(m_sampleInterval, &UplinkRateEstimator::Sample, this);
}

void
UplinkRateEstimator::Stop()
{
    NS_LOG_FUNCTION(this);
    m_sampleEvent.Cancel();
}

DataRate
UplinkRateEstimator::GetEstimate() const
{
    return DataRate(static_cast<uint64_t>(m_estimateBps));
}

uint32_t
UplinkRateEstimator::GetProbeBurst() const
{
    return m_probeBurst;
}

void
UplinkRateEstimator::OnTx(uint32_t index,
                          Ptr<const Packet> packet,
                          const TcpHeader& header,
                          Ptr<const TcpSocketBase> /* socket */)
{
    const uint32_t size = packet->GetSize();
    if (size == 0)
    {
        return; // SYN, FIN, pure acknowledgements
    }
    Flow& flow = *m_flows[index];
    const SequenceNumber32 end = header.GetSequenceNumber() + size;
    if (flow.anySent && end <= flow.highestSent)
    {
        // Sent again: acknowledgements until it is through say nothing of the bottleneck.
        flow.recovering = true;
        flow.recoveryEnd = std::max(flow.recoveryEnd, flow.highestSent);
        return;
    }
    if (!flow.anySent)
    {
        flow.anySent = true;
        flow.previousAck = header.GetSequenceNumber();
    }
    flow.highestSent = end;
    // One segment: its payload and one set of headers, however small it is.
    flow.sent.push_back(
        SentSegment{end, Simulator::Now(), CostModel::WireBytesOfWrite(flow.path, size)});
}

void
UplinkRateEstimator::OnAck(uint32_t index, SequenceNumber32 /* oldAck */, SequenceNumber32 newAck)
{
    Flow& flow = *m_flows[index];
    if (!flow.anySent || newAck <= flow.previousAck)
    {
        return; // the handshake, or nothing new
    }
    const Time now = Simulator::Now();
    // The segments this acknowledges in full, on the wire, and when the newest was sent.
    bool found = false;
    Time sentAt;
    uint64_t wireBytes = 0;
    while (!flow.sent.empty() && flow.sent.front().end <= newAck)
    {
        sentAt = flow.sent.front().sentAt;
        wireBytes += flow.sent.front().wireBytes;
        found = true;
        flow.sent.pop_front();
    }
    m_deliveredWireBytes += wireBytes;
    const bool recovering = flow.recovering;
    if (flow.recovering && newAck >= flow.recoveryEnd)
    {
        flow.recovering = false;
    }
    if (found && flow.havePrevious && !recovering)
    {
        const Time interval = std::max(now - flow.previousAckTime, sentAt - flow.previousSendTime);
        if (interval.IsStrictlyPositive())
        {
            const double bps = 8.0 * static_cast<double>(wireBytes) / interval.GetSeconds();
            m_samples.emplace_back(now, bps);
        }
    }
    if (found)
    {
        flow.havePrevious = true;
        flow.previousAckTime = now;
        flow.previousSendTime = sentAt;
    }
    flow.previousAck = newAck;
}

void
UplinkRateEstimator::OnRtt(Time /* oldRtt */, Time newRtt)
{
    if (!newRtt.IsStrictlyPositive())
    {
        return;
    }
    m_minRtt = std::min(m_minRtt, newRtt);
    m_intervalMinRtt = m_rttCount == 0 ? newRtt : std::min(m_intervalMinRtt, newRtt);
    ++m_rttCount;
}

void
UplinkRateEstimator::Sample()
{
    const Time now = Simulator::Now();
    while (!m_samples.empty() && m_samples.front().first < now - m_window)
    {
        m_samples.pop_front();
    }
    const double delivered =
        8.0 * static_cast<double>(m_deliveredWireBytes) / m_sampleInterval.GetSeconds();
    // A standing queue: even the least RTT of the interval is above the least seen (bursts and
    // delayed acknowledgements raise some samples, not all).
    // A few samples are no evidence: a connection's last acknowledgements (its FIN's) can echo
    // an old timestamp.
    const bool saturated =
        m_rttCount >= MIN_RTT_SAMPLES && m_intervalMinRtt > m_minRtt + m_queueDelayThreshold;
    double bottleneck = 0;
    if (m_samples.size() >= MIN_RATE_SAMPLES)
    {
        for (const auto& [at, bps] : m_samples)
        {
            bottleneck = std::max(bottleneck, bps);
        }
    }
    const double before = m_estimateBps;
    while (!m_saturatedRates.empty() && m_saturatedRates.front().first < now - m_window)
    {
        m_saturatedRates.pop_front();
    }
    if (saturated && delivered > 0)
    {
        // What the path delivered while saturated, at its best over Window: an interval with a
        // loss or a timeout delivers less than the path carries (BBR's max filter).
        // A cumulative acknowledgement after a loss acknowledges at once what arrived earlier:
        // never more than the bottleneck.
        m_saturatedRates.emplace_back(now, delivered);
        m_estimateBps = 0;
        for (const auto& [at, bps] : m_saturatedRates)
        {
            m_estimateBps = std::max(m_estimateBps, bps);
        }
        if (bottleneck > 0)
        {
            m_estimateBps = std::min(m_estimateBps, bottleneck);
        }
        m_lastSaturated = now;
        m_saturatedOnce = true;
    }
    else if ((!m_saturatedOnce || now - m_lastSaturated >= m_holdTime) && bottleneck > 0)
    {
        m_estimateBps = std::max(bottleneck, delivered);
    }
    else
    {
        m_estimateBps = std::max(m_estimateBps, delivered);
    }
    NS_LOG_DEBUG("delivered " << delivered << " bottleneck " << bottleneck << " saturated "
                              << saturated << " estimate " << before << " -> " << m_estimateBps);
    m_deliveredWireBytes = 0;
    m_rttCount = 0;
    if (m_estimateBps > 0)
    {
        m_estimateTrace(GetEstimate());
    }
    m_sampleEvent = Simulator::Schedule(m_sampleInterval, &UplinkRateEstimator::Sample, this);
}

} // namespace edgednn
} // namespace ns3
