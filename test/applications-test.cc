/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The device, edge and cloud applications: bad configurations named, the edge running what the
// device defines, tiny TCP segments, the message reassemblers and the header. Their validations at
// packet level (analytic single-frame times, sharing and pacing, FIFO, conservation, determinism)
// are in ns-3's native suite: test/applications-validation-test.cc.

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
 * \brief The message of the EdgeDnnError a simulation run throws ("" if none).
 * \return the message
 */
std::string
RunError()
{
    return testutil::RunErrorOf(Seconds(2));
}

} // namespace

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
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(48)); // below the 133 B header
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

TEST(EdgeDnnHeader, IsOneHundredThirtyThreeBytesOnTheWireAndRoundTrips)
{
    // By hand: type 1 B; task, frame, split, device split, payload, feature bytes, result size
    // 4 B each (28); edge MACs, edge work, cloud MACs, cloud work 8 B each (32); 9 timestamps of
    // 8 B (72: created, the edge's three, the cloud's three, the device's two).
    EdgeDnnHeader h;
    h.SetMessageType(EdgeDnnHeader::FEATURES);
    h.SetTaskId(7);
    h.SetFrameSeq(9);
    h.SetSplitIndex(23);
    h.SetDeviceSplitIndex(11);
    h.SetTime(EdgeDnnHeader::DEVICE_START, MilliSeconds(3));
    h.SetTime(EdgeDnnHeader::DEVICE_DONE, MilliSeconds(8));
    h.SetPayloadSize(4096);
    h.SetFeatureBytes(4096);
    h.SetEdgeMacs(123456789012ULL);
    h.SetEdgeWork(MicroSeconds(250));
    h.SetCloudMacs(98765);
    h.SetResultSize(64);
    h.SetTime(EdgeDnnHeader::EDGE_DONE, MilliSeconds(12));
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(h);
    EXPECT_EQ(packet->GetSize(), 1u + 28 + 32 + 72);
    EXPECT_EQ(EdgeDnnHeader::GetStaticSize(), 133u);
    EdgeDnnHeader back;
    packet->RemoveHeader(back);
    EXPECT_EQ(back.GetMessageType(), EdgeDnnHeader::FEATURES);
    EXPECT_EQ(back.GetTaskId(), 7u);
    EXPECT_EQ(back.GetFrameSeq(), 9u);
    EXPECT_EQ(back.GetSplitIndex(), 23u);
    EXPECT_EQ(back.GetDeviceSplitIndex(), 11u);
    EXPECT_EQ(back.GetTime(EdgeDnnHeader::DEVICE_START), MilliSeconds(3));
    EXPECT_EQ(back.GetTime(EdgeDnnHeader::DEVICE_DONE), MilliSeconds(8));
    EXPECT_EQ(back.GetPayloadSize(), 4096u);
    EXPECT_EQ(back.GetFeatureBytes(), 4096u);
    EXPECT_EQ(back.GetEdgeMacs(), 123456789012ULL);
    EXPECT_EQ(back.GetEdgeWork(), MicroSeconds(250));
    EXPECT_TRUE(back.GetCloudWork().IsNegative());
    EXPECT_EQ(back.GetCloudMacs(), 98765u);
    EXPECT_EQ(back.GetTime(EdgeDnnHeader::EDGE_DONE), MilliSeconds(12));
    EXPECT_TRUE(back.GetTime(EdgeDnnHeader::CLOUD_RX).IsNegative());
}
