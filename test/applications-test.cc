/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The device, edge and cloud applications at packet level: single-frame timing against hand-derived
// analytic values, link sharing and pacing, FIFO queueing and drops, conservation of frames,
// reproducibility, and bad configurations.

#include "chain-scenario.h"

#include "ns3/config.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/frame-ledger.h"
#include "ns3/model-registry.h"
#include "ns3/names.h"
#include "ns3/simulator.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::edgednntest;

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
