/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The device, edge and cloud applications at packet level: single-frame timing against hand-derived
// analytic values, link sharing and pacing, FIFO queueing and drops, conservation of frames,
// reproducibility, and bad configurations.

#include "chain-scenario.h"
#include "edge-dnn-test-util.h"

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-message-datagram-reassembler.h"
#include "ns3/edge-dnn-message-stream-reassembler.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-server-helper.h"
#include "ns3/error-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4.h"
#include "ns3/names.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <array>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

/// Resets ns-3's process-wide state after each test.
class Applications : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }
};

/// Collects the results a device traces.
struct ResultCollector
{
    /**
     * \brief Keep a result.
     * \param r the result
     */
    void Add(const FrameResult& r)
    {
        results.push_back(r);
    }

    std::vector<FrameResult> results; //!< results in arrival order
};

/**
 * \brief Seconds to serialize bytes at a rate.
 * \param bytes bytes on the wire
 * \param rate the link rate
 * \return the time
 */
double
Serialization(uint64_t bytes, const std::string& rate)
{
    return bytes * 8.0 / DataRate(rate).GetBitRate();
}

/**
 * \brief Expect a measured time within 2% of an analytic one.
 * \param what the stage
 * \param measured measured time
 * \param analytic analytic time (s)
 */
void
ExpectWithin2Percent(const char* what, Time measured, double analytic)
{
    EXPECT_NEAR(measured.GetSeconds(), analytic, 0.02 * analytic)
        << what << ": measured " << measured.GetSeconds() << " s, analytic " << analytic << " s";
}

/**
 * \brief Run one frame through an idle chain and compare every stage with its analytic value.
 * \param udp UDP instead of TCP
 * \param split the split index
 */
void
CheckSingleFrame(bool udp, uint32_t split)
{
    ChainConfig c;
    c.udp = udp;
    c.splits = {split};
    Chain chain = BuildChain(c);
    ResultCollector collector;
    chain.apps[0]->TraceConnectWithoutContext("ResultReceived",
                                              MakeCallback(&ResultCollector::Add, &collector));
    const auto& results = collector.results;
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    ASSERT_EQ(results.size(), 1u);
    const FrameResult& r = results[0];

    const SplitProfile& profile = ModelRegistry::GetProfile("resnet18");
    const SplitPoint& cut = *profile.FindSplitPoint(split);
    const uint64_t header = EdgeDnnHeader::GetStaticSize();
    auto wire = [udp](uint64_t bytes) { return udp ? UdpWireBytes(bytes) : TcpWireBytes(bytes); };
    const uint64_t frameBytes = header + profile.GetInputBytes();
    const uint64_t crossing = header + (split == 0 ? profile.GetInputBytes() : cut.bytes);
    const uint64_t result = header + 64;

    ExpectWithin2Percent("device to edge",
                         r.deviceToEdge,
                         Serialization(wire(frameBytes), c.accessRate) +
                             c.accessDelay.GetSeconds());
    EXPECT_EQ(r.edgeQueueing, Seconds(0));
    EXPECT_EQ(r.edgeCompute, Seconds(cut.edgeMacs / c.edgeCapacity));
    ExpectWithin2Percent("edge to cloud",
                         r.edgeToCloud,
                         Serialization(wire(crossing), c.uplinkRate) + c.uplinkDelay.GetSeconds());
    EXPECT_EQ(r.cloudQueueing, Seconds(0));
    EXPECT_EQ(r.cloudCompute, Seconds(cut.cloudMacs / c.cloudCapacity));
    ExpectWithin2Percent("result return",
                         r.resultReturn,
                         Serialization(wire(result), c.uplinkRate) + c.uplinkDelay.GetSeconds() +
                             Serialization(wire(result), c.accessRate) +
                             c.accessDelay.GetSeconds());
    EXPECT_EQ(r.endToEnd, r.resultRx - r.created);
    EXPECT_TRUE(r.metEndToEndDeadline);
}

} // namespace

TEST_F(Applications, SingleFrameMatchesAnalyticTimesTcp)
{
    CheckSingleFrame(false, 4);
}

TEST_F(Applications, SingleFrameMatchesAnalyticTimesTcpAllInCloud)
{
    CheckSingleFrame(false, 0);
}

TEST_F(Applications, SingleFrameMatchesAnalyticTimesUdp)
{
    CheckSingleFrame(true, 4);
}

TEST_F(Applications, SingleFrameMatchesAnalyticTimesUdpAllAtEdge)
{
    CheckSingleFrame(true, 69);
}

namespace
{

/// Counts message bytes (header and payload) a cloud server receives per task within a time window.
struct ThroughputMeter
{
    /**
     * \brief Count a message.
     * \param header its header
     */
    void Add(const EdgeDnnHeader& header)
    {
        const Time now = Simulator::Now();
        if (now >= from && now < to)
        {
            bytes[header.GetTaskId()] += EdgeDnnHeader::GetStaticSize() + header.GetPayloadSize();
        }
    }

    /**
     * \param task a task
     * \return its rate in the window (bit/s)
     */
    double Rate(uint32_t task) const
    {
        auto it = bytes.find(task);
        return it == bytes.end() ? 0 : it->second * 8.0 / (to - from).GetSeconds();
    }

    Time from;                          //!< window start
    Time to;                            //!< window end
    std::map<uint32_t, uint64_t> bytes; //!< bytes per task
};

/**
 * \brief Two saturating tasks on one 10 Mbit/s edge-to-cloud link.
 * \param pacing allocated rates (empty: TCP's own sharing)
 * \return the meter after the run
 */
ThroughputMeter
RunSharedUplink(const std::vector<DataRate>& pacing)
{
    ChainConfig c;
    c.devices = 2;
    c.uplinkRate = "10Mbps";
    c.uplinkDelay = MilliSeconds(5);
    c.splits = {42};  // layer3.0.relu: 256x14x14 float32 = 200,704 B per frame
    c.frameRate = 15; // 24 Mbit/s per task: more than the link
    c.maxFrames = 0;
    c.edgeCapacity = 1e13;
    c.edgeQueue = 1000;
    c.pacing = pacing;
    Chain chain = BuildChain(c);
    ThroughputMeter meter;
    meter.from = Seconds(3);
    meter.to = Seconds(13);
    chain.cloudApp->TraceConnectWithoutContext("FrameReceived",
                                               MakeCallback(&ThroughputMeter::Add, &meter));
    Simulator::Stop(Seconds(13));
    Simulator::Run();
    return meter;
}

} // namespace

TEST_F(Applications, TwoTasksShareTheUplinkAboutEvenly)
{
    const ThroughputMeter m = RunSharedUplink({});
    const double total = m.Rate(0) + m.Rate(1);
    EXPECT_GT(total, 0.9 * 10e6) << "the link is saturated";
    EXPECT_NEAR(m.Rate(0) / total, 0.5, 0.1) << m.Rate(0) << " vs " << m.Rate(1) << " bit/s";
}

TEST_F(Applications, PacingGivesEachTaskItsAllocatedRate)
{
    const ThroughputMeter m = RunSharedUplink({DataRate("3Mbps"), DataRate("6Mbps")});
    EXPECT_NEAR(m.Rate(0), 3e6, 0.05 * 3e6);
    EXPECT_NEAR(m.Rate(1), 6e6, 0.05 * 6e6);
}

namespace
{

/// Records the frames an edge server queued and dropped.
struct EdgeEvents
{
    /**
     * \brief JobQueued.
     * \param header the frame
     */
    void Queued(const EdgeDnnHeader& header)
    {
        queued.push_back(header.GetFrameSeq());
    }

    /**
     * \brief FrameDropped.
     * \param header the frame
     * \param reason why
     */
    void Dropped(const EdgeDnnHeader& header, const std::string& reason)
    {
        dropped.push_back(header.GetFrameSeq());
        reasons.push_back(reason);
    }

    std::vector<uint32_t> queued;     //!< frames queued
    std::vector<uint32_t> dropped;    //!< frames dropped
    std::vector<std::string> reasons; //!< why
};

} // namespace

TEST_F(Applications, BurstOnOneWorkerWaitsInFifoOrderAndOverflowDrops)
{
    ChainConfig c;
    c.splits = {4};                   // edge part: 118,013,952 MACs
    c.edgeCapacity = 118013952 / 0.5; // 0.5 s per frame on the single worker
    c.edgeQueue = 2;
    c.frameRate =
        1000; // six frames 1 ms apart: they reach the edge 12 ms apart, all while frame 0 computes
    c.maxFrames = 6;
    c.deadline = Seconds(10);
    Chain chain = BuildChain(c);
    ResultCollector collector;
    chain.apps[0]->TraceConnectWithoutContext("ResultReceived",
                                              MakeCallback(&ResultCollector::Add, &collector));
    EdgeEvents events;
    chain.edgeApp->TraceConnectWithoutContext("JobQueued",
                                              MakeCallback(&EdgeEvents::Queued, &events));
    chain.edgeApp->TraceConnectWithoutContext("FrameDropped",
                                              MakeCallback(&EdgeEvents::Dropped, &events));
    Simulator::Stop(Seconds(5));
    Simulator::Run();

    EXPECT_EQ(events.queued, (std::vector<uint32_t>{1, 2}));
    EXPECT_EQ(events.dropped, (std::vector<uint32_t>{3, 4, 5}));
    EXPECT_EQ(events.reasons, (std::vector<std::string>(3, "queue-full")));
    const auto& r = collector.results;
    ASSERT_EQ(r.size(), 3u);
    const Time compute = Seconds(0.5);
    EXPECT_EQ(r[0].edgeQueueing, Seconds(0));
    for (std::size_t i = 0; i < 3; ++i)
    {
        EXPECT_EQ(r[i].frameSeq, i);
        EXPECT_EQ(r[i].edgeCompute, compute);
        // FIFO on one worker: each starts when the previous finishes.
        EXPECT_EQ(r[i].edgeStart, r[0].edgeStart + compute * static_cast<int64_t>(i));
        EXPECT_EQ(r[i].edgeQueueing, r[i].edgeStart - r[i].edgeRx);
    }
    EXPECT_GT(r[2].edgeQueueing, Seconds(0.9));
}

namespace
{

/// Counts trace events independently of the ledger.
struct EventCounter
{
    /**
     * \brief ResultReceived.
     * \param r the result
     */
    void Result(const FrameResult& r)
    {
        ++results;
        resultKeys.insert({r.taskId, r.frameSeq});
    }

    uint64_t results{0};                                //!< results traced
    std::set<std::pair<uint32_t, uint32_t>> resultKeys; //!< distinct frames with a result
};

/// A disturbance of the conservation scenario.
enum class Disturbance
{
    NONE,      //!< clean links
    LOSSY,     //!< 1% packet errors on the edge-to-cloud link
    LINK_DOWN, //!< the edge's uplink interface goes down mid-run
};

/**
 * \brief Run three devices and check every frame ends in exactly one state.
 * \param udp UDP instead of TCP
 * \param disturbance what goes wrong
 * \return the ledger's counts: completed, late, dropped, lost, in flight
 */
std::array<uint64_t, 5>
CheckConservation(bool udp, Disturbance disturbance)
{
    ChainConfig c;
    c.udp = udp;
    c.devices = 3;
    c.splits = {0, 42, 69};
    c.frameRate = 20;
    c.maxFrames = 0;
    c.uplinkRate =
        "50Mbps"; // 20 frames/s of 150 KB and 200 KB: 56 Mbit/s offered, a little too much
    c.edgeCapacity =
        2e10; // 58 ms (split 42) and 91 ms (split 69) per frame: the edge is overloaded
    c.edgeQueue = 1;
    c.deadline = MilliSeconds(300);
    Config::SetDefault("ns3::IotDeviceApplication::ResultTimeout", TimeValue(Seconds(1)));
    Chain chain = BuildChain(c);
    if (disturbance == Disturbance::LOSSY)
    {
        Ptr<RateErrorModel> errors = CreateObject<RateErrorModel>();
        errors->SetAttribute("ErrorRate", DoubleValue(0.01));
        errors->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
        chain.uplink.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(errors));
    }
    if (disturbance == Disturbance::LINK_DOWN)
    {
        Ptr<Ipv4> ipv4 = chain.edge->GetObject<Ipv4>();
        const int32_t interface = ipv4->GetInterfaceForDevice(chain.uplink.Get(0));
        Simulator::Schedule(Seconds(1.5), &Ipv4::SetDown, ipv4, interface);
    }
    for (auto& app : chain.apps)
    {
        app->SetStopTime(Seconds(3));
    }
    FrameLedger ledger;
    ledger.Connect();
    EventCounter counter;
    Config::ConnectWithoutContext(
        "/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication/ResultReceived",
        MakeCallback(&EventCounter::Result, &counter));
    Simulator::Stop(Seconds(3.5));
    Simulator::Run();

    uint64_t created = 0;
    for (auto& app : chain.apps)
    {
        created += app->GetFramesCreated();
    }
    const std::array<uint64_t, 5> n{ledger.GetCount(FrameStatus::COMPLETED),
                                    ledger.GetCount(FrameStatus::LATE),
                                    ledger.GetCount(FrameStatus::DROPPED),
                                    ledger.GetCount(FrameStatus::LOST),
                                    ledger.GetCount(FrameStatus::IN_FLIGHT)};
    EXPECT_GT(created, 140u);
    EXPECT_EQ(ledger.GetCreated(), created);
    EXPECT_EQ(n[0] + n[1] + n[2] + n[3] + n[4], created);
    // Each result settles exactly one frame, and no frame gets two results.
    EXPECT_EQ(counter.results, counter.resultKeys.size());
    EXPECT_EQ(counter.results, n[0] + n[1]);
    uint64_t settledByResult = 0;
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        settledByResult += entry.result.has_value() ? 1 : 0;
        EXPECT_EQ(entry.result.has_value(),
                  entry.status == FrameStatus::COMPLETED || entry.status == FrameStatus::LATE);
    }
    EXPECT_EQ(settledByResult, n[0] + n[1]);
    ledger.Disconnect();
    return n;
}

} // namespace

TEST_F(Applications, ConservationTcpClean)
{
    const auto n = CheckConservation(false, Disturbance::NONE);
    EXPECT_GT(n[2], 0u) << "the short edge queue drops frames";
    EXPECT_GT(n[0] + n[1], 0u);
}

TEST_F(Applications, ConservationUdpClean)
{
    const auto n = CheckConservation(true, Disturbance::NONE);
    EXPECT_GT(n[2], 0u);
    EXPECT_GT(n[0] + n[1], 0u);
}

TEST_F(Applications, ConservationTcpLossy)
{
    const auto n = CheckConservation(false, Disturbance::LOSSY);
    EXPECT_GT(n[0] + n[1], 0u);
}

TEST_F(Applications, ConservationUdpLossy)
{
    const auto n = CheckConservation(true, Disturbance::LOSSY);
    EXPECT_GT(n[3], 0u) << "lost fragments make frames lost";
}

TEST_F(Applications, ConservationTcpLinkDown)
{
    const auto n = CheckConservation(false, Disturbance::LINK_DOWN);
    EXPECT_GT(n[3] + n[4], 0u) << "frames after the link went down never complete";
}

TEST_F(Applications, ConservationUdpLinkDown)
{
    const auto n = CheckConservation(true, Disturbance::LINK_DOWN);
    EXPECT_GT(n[3] + n[4], 0u);
}

namespace
{

/**
 * \brief Run a scenario with random inter-arrival times and a lossy UDP uplink.
 * \param run the RNG run number
 * \return per frame: task, frame, status and every timestamp, as text
 */
std::vector<std::string>
RunRandomScenario(uint32_t run)
{
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(run);
    ChainConfig c;
    c.udp = true;
    c.devices = 2;
    c.splits = {4, 42};
    c.maxFrames = 30;
    Config::SetDefault("ns3::IotDeviceApplication::InterArrival",
                       StringValue("ns3::ExponentialRandomVariable[Mean=0.05]"));
    Config::SetDefault("ns3::IotDeviceApplication::ResultTimeout", TimeValue(Seconds(1)));
    Chain chain = BuildChain(c);
    Ptr<RateErrorModel> errors = CreateObject<RateErrorModel>();
    errors->SetAttribute("ErrorRate", DoubleValue(0.002));
    errors->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    errors->AssignStreams(100);
    chain.uplink.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(errors));
    ApplicationContainer apps;
    for (auto& app : chain.apps)
    {
        apps.Add(app);
    }
    IotDeviceHelper::AssignStreams(apps, 10);
    FrameLedger ledger;
    ledger.Connect();
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    std::vector<std::string> rows;
    for (const auto& [key, e] : ledger.GetFrames())
    {
        std::ostringstream row;
        row << key.first << " " << key.second << " " << FrameStatusToString(e.status) << " "
            << e.created.GetNanoSeconds();
        if (e.result)
        {
            row << " " << e.result->edgeRx.GetNanoSeconds() << " "
                << e.result->cloudRx.GetNanoSeconds() << " " << e.result->resultRx.GetNanoSeconds();
        }
        rows.push_back(row.str());
    }
    ledger.Disconnect();
    Simulator::Destroy();
    Config::Reset();
    return rows;
}

/**
 * \brief The message of the EdgeDnnError a simulation run throws ("" if none).
 * \return the message
 */
std::string
RunError()
{
    return testutil::RunErrorOf(Seconds(2));
}

} // namespace

TEST_F(Applications, SameRunSameFramesOtherRunOtherFrames)
{
    const auto first = RunRandomScenario(1);
    const auto again = RunRandomScenario(1);
    const auto other = RunRandomScenario(2);
    EXPECT_EQ(first.size(), 60u);
    EXPECT_EQ(first, again);
    EXPECT_NE(first, other);
}

TEST_F(Applications, UnknownModelIsNamed)
{
    Chain chain = BuildChain(ChainConfig());
    chain.apps[0]->SetAttribute("Model", StringValue("resnet1000"));
    EXPECT_EQ(
        RunError().rfind("IotDeviceApplication on node 0 (task 0): attribute Model: unknown model "
                         "'resnet1000'; the zoo has alexnet",
                         0),
        0u);
}

TEST_F(Applications, SplitOutOfRangeIsNamed)
{
    Chain chain = BuildChain(ChainConfig());
    chain.apps[0]->SetAttribute("SplitIndex", UintegerValue(70));
    EXPECT_EQ(
        RunError(),
        "IotDeviceApplication on node 0 (task 0): attribute SplitIndex: 70 is not a split point of "
        "resnet18 (0..69)");
}

/**
 * \brief Keep a header.
 * \param out where
 * \param header the header
 */
void
CollectHeader(std::vector<EdgeDnnHeader>* out, const EdgeDnnHeader& header)
{
    out->push_back(header);
}

TEST_F(Applications, EdgeRunsWhatTheDeviceDefines)
{
    // The task is defined once, on the device: the edge is told nothing of its model or split,
    // yet runs the device's split point, and sends the bytes crossing that cut to the cloud.
    ChainConfig c;
    c.splits = {23};
    Chain chain = BuildChain(c);
    std::vector<EdgeDnnHeader> sent;
    chain.edgeApp->TraceConnectWithoutContext("FeaturesSent",
                                              MakeCallback(&CollectHeader).Bind(&sent));
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    ASSERT_EQ(sent.size(), 1u);
    const SplitProfile& profile = ModelRegistry::GetProfile("resnet18");
    const SplitPoint& point = *profile.FindSplitPoint(23);
    EXPECT_EQ(sent[0].GetSplitIndex(), 23u);
    EXPECT_EQ(sent[0].GetPayloadSize(), point.bytes);
    EXPECT_EQ(sent[0].GetTime(EdgeDnnHeader::EDGE_DONE) -
                  sent[0].GetTime(EdgeDnnHeader::EDGE_START),
              Seconds(static_cast<double>(point.edgeMacs) / c.edgeCapacity));
}

TEST_F(Applications, ZeroCapacityIsNamed)
{
    // The attribute's checker refuses it when set, as ns-3 refuses any value out of range.
    Chain chain = BuildChain(ChainConfig());
    EXPECT_FALSE(chain.edgeApp->SetAttributeFailSafe("WorkerCapacity", DoubleValue(0)));
    EXPECT_FALSE(chain.edgeApp->SetAttributeFailSafe("Workers", UintegerValue(0)));
    EXPECT_FALSE(chain.apps[0]->SetAttributeFailSafe("FrameRate", DoubleValue(0)));
    EXPECT_FALSE(chain.apps[0]->SetAttributeFailSafe("FeatureCompression", DoubleValue(0.5)));
    EXPECT_FALSE(chain.apps[0]->SetAttributeFailSafe("Deadline", TimeValue(Seconds(0))));
    EXPECT_FALSE(chain.apps[0]->SetAttributeFailSafe("MaxDatagramSize", UintegerValue(100)));
    EXPECT_TRUE(chain.edgeApp->SetAttributeFailSafe("WorkerCapacity", DoubleValue(1)));
}

TEST_F(Applications, NoRouteIsNamed)
{
    Chain chain = BuildChain(ChainConfig());
    // A node with an IPv4 stack and no link: its routing knows no way anywhere.
    Ptr<Node> isolated = CreateObject<Node>();
    InternetStackHelper().Install(isolated);
    IotDeviceHelper device(InetSocketAddress(Ipv4Address("10.0.1.2"), 9000));
    device.SetAttribute("TaskId", UintegerValue(9));
    device.Install(isolated);
    EXPECT_EQ(RunError(),
              "IotDeviceApplication on node 3 (task 9): cannot connect to the edge server at "
              "10.0.1.2:9000 (attribute Remote): no route to host");
}

TEST_F(Applications, UnreachableEdgeIsNamed)
{
    Config::SetDefault("ns3::TcpSocket::ConnCount", UintegerValue(1));
    Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(Seconds(0.5)));
    Chain chain = BuildChain(ChainConfig());
    // Routed through the gateway, but nobody listens there: the TCP connection fails.
    chain.apps[0]->SetAttribute("Remote",
                                AddressValue(InetSocketAddress(Ipv4Address("10.0.1.2"), 9999)));
    EXPECT_EQ(
        RunError(),
        "IotDeviceApplication on node 0 (task 0): the connection to the edge server at "
        "10.0.1.2:9999 failed (attribute Remote: is an EdgeServerApplication listening there?)");
}

TEST_F(Applications, PortInUseIsNamed)
{
    Chain chain = BuildChain(ChainConfig());
    EdgeServerHelper second(9000);
    second.Install(chain.edge);
    EXPECT_EQ(
        RunError(),
        "EdgeServerApplication on node 1: attribute Port: cannot listen on port 9000: the port is "
        "in use");
}

TEST_F(Applications, TinyTcpSegmentsSplitHeadersAndStillDeliver)
{
    ChainConfig c;
    c.splits = {42}; // 200,704 B to the cloud: 4,182 segments of 48 B
    c.maxFrames = 2;
    c.frameRate = 100;
    c.deadline = Seconds(30);
    Chain chain = BuildChain(c);
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(48)); // below the 113 B header
    ResultCollector collector;
    chain.apps[0]->TraceConnectWithoutContext("ResultReceived",
                                              MakeCallback(&ResultCollector::Add, &collector));
    // Sockets are created at start: the small segment size applies to every connection.
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    ASSERT_EQ(collector.results.size(), 2u);
    EXPECT_EQ(collector.results[1].frameSeq, 1u);
}

TEST(MessageStreamReassembler, AnySegmentationOfMegabyteMessages)
{
    // A stream of messages of 0 B, 5 MB and 37 B payload, serialized and cut at random places:
    // headers split across pieces, several messages in one piece.
    std::vector<EdgeDnnHeader> sent(3);
    const uint32_t payloads[] = {0, 5u << 20, 37};
    uint64_t total = 0;
    for (uint32_t i = 0; i < 3; ++i)
    {
        sent[i].SetTaskId(7);
        sent[i].SetFrameSeq(i);
        sent[i].SetPayloadSize(payloads[i]);
        total += EdgeDnnHeader::GetStaticSize() + payloads[i];
    }
    Ptr<Packet> stream = Create<Packet>();
    for (uint32_t i = 0; i < 3; ++i)
    {
        Ptr<Packet> message = Create<Packet>(payloads[i]);
        message->AddHeader(sent[i]);
        stream->AddAtEnd(message);
    }
    ASSERT_EQ(stream->GetSize(), total);
    for (uint32_t maxPiece : {1u, 7u, 150u, 70000u})
    {
        MessageStreamReassembler reassembler;
        std::vector<EdgeDnnHeader> received;
        Ptr<UniformRandomVariable> size = CreateObject<UniformRandomVariable>();
        size->SetStream(maxPiece);
        uint32_t offset = 0;
        // Tiny pieces through the headers and the small messages, larger ones through the 5 MB
        // payload.
        while (offset < total)
        {
            const bool inLargePayload = offset > 300 && offset + 300 < total;
            const uint32_t piece = inLargePayload ? 65536 : size->GetInteger(1, maxPiece);
            const uint32_t n = std::min<uint32_t>(piece, total - offset);
            for (const auto& h : reassembler.Receive(stream->CreateFragment(offset, n)))
            {
                received.push_back(h);
            }
            offset += n;
        }
        ASSERT_EQ(received.size(), 3u) << "pieces up to " << maxPiece;
        for (uint32_t i = 0; i < 3; ++i)
        {
            EXPECT_EQ(received[i].GetFrameSeq(), i);
            EXPECT_EQ(received[i].GetPayloadSize(), payloads[i]);
            EXPECT_EQ(received[i].GetTaskId(), 7u);
        }
        EXPECT_EQ(reassembler.GetPendingBytes(), 0u);
    }
}

TEST(MessageDatagramReassembler, LostFragmentLosesTheMessageWithoutLeak)
{
    std::vector<uint32_t> complete;
    std::vector<uint32_t> lost;

    struct Sink
    {
        std::vector<uint32_t>* complete;
        std::vector<uint32_t>* lost;

        void Message(const EdgeDnnHeader& h, const Address&)
        {
            complete->push_back(h.GetFrameSeq());
        }

        void Lost(const EdgeDnnHeader& h, const Address&)
        {
            lost->push_back(h.GetFrameSeq());
        }
    } sink{&complete, &lost};

    MessageDatagramReassembler reassembler(Seconds(1),
                                           MakeCallback(&Sink::Message, &sink),
                                           MakeCallback(&Sink::Lost, &sink));
    const Address from = InetSocketAddress(Ipv4Address("10.1.1.1"), 5000);
    auto fragment = [&](uint32_t frame, uint16_t index, uint16_t count) {
        Ptr<Packet> p = Create<Packet>(100);
        if (index == 0)
        {
            EdgeDnnHeader h;
            h.SetFrameSeq(frame);
            p->AddHeader(h);
        }
        EdgeDnnFragmentHeader f;
        f.messageType = EdgeDnnHeader::FRAME;
        f.frameSeq = frame;
        f.index = index;
        f.count = count;
        p->AddHeader(f);
        return p;
    };
    // Frame 0: three fragments out of order and one duplicate; frame 1: its middle fragment never
    // comes.
    Simulator::Schedule(Seconds(0.1), [&] { reassembler.Receive(fragment(0, 2, 3), from); });
    Simulator::Schedule(Seconds(0.2), [&] { reassembler.Receive(fragment(1, 0, 3), from); });
    Simulator::Schedule(Seconds(0.3), [&] { reassembler.Receive(fragment(0, 0, 3), from); });
    Simulator::Schedule(Seconds(0.4), [&] { reassembler.Receive(fragment(0, 2, 3), from); });
    Simulator::Schedule(Seconds(0.5), [&] { reassembler.Receive(fragment(1, 2, 3), from); });
    Simulator::Schedule(Seconds(0.6), [&] { reassembler.Receive(fragment(0, 1, 3), from); });
    Simulator::Schedule(Seconds(0.7), [&] { EXPECT_EQ(reassembler.GetPendingCount(), 1u); });
    Simulator::Run();
    EXPECT_EQ(complete, (std::vector<uint32_t>{0}));
    EXPECT_EQ(lost, (std::vector<uint32_t>{1}));
    EXPECT_EQ(reassembler.GetPendingCount(), 0u);
    Simulator::Destroy();
}

TEST(EdgeDnnHeader, IsOneHundredThirteenBytesOnTheWireAndRoundTrips)
{
    // By hand: type 1 B; task, frame, split, payload, feature bytes, result size 4 B each (24);
    // edge MACs, edge work, cloud MACs, cloud work 8 B each (32); 7 timestamps of 8 B (56).
    EdgeDnnHeader h;
    h.SetMessageType(EdgeDnnHeader::FEATURES);
    h.SetTaskId(7);
    h.SetFrameSeq(9);
    h.SetSplitIndex(23);
    h.SetPayloadSize(4096);
    h.SetFeatureBytes(4096);
    h.SetEdgeMacs(123456789012ULL);
    h.SetEdgeWork(MicroSeconds(250));
    h.SetCloudMacs(98765);
    h.SetResultSize(64);
    h.SetTime(EdgeDnnHeader::EDGE_DONE, MilliSeconds(12));
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(h);
    EXPECT_EQ(packet->GetSize(), 1u + 24 + 32 + 56);
    EXPECT_EQ(EdgeDnnHeader::GetStaticSize(), 113u);
    EdgeDnnHeader back;
    packet->RemoveHeader(back);
    EXPECT_EQ(back.GetMessageType(), EdgeDnnHeader::FEATURES);
    EXPECT_EQ(back.GetTaskId(), 7u);
    EXPECT_EQ(back.GetFrameSeq(), 9u);
    EXPECT_EQ(back.GetSplitIndex(), 23u);
    EXPECT_EQ(back.GetFeatureBytes(), 4096u);
    EXPECT_EQ(back.GetEdgeMacs(), 123456789012ULL);
    EXPECT_EQ(back.GetEdgeWork(), MicroSeconds(250));
    EXPECT_TRUE(back.GetCloudWork().IsNegative());
    EXPECT_EQ(back.GetCloudMacs(), 98765u);
    EXPECT_EQ(back.GetTime(EdgeDnnHeader::EDGE_DONE), MilliSeconds(12));
    EXPECT_TRUE(back.GetTime(EdgeDnnHeader::CLOUD_RX).IsNegative());
}
