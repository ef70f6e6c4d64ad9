/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The one cost model: its bytes on the wire against hand calculation, the paths it reads from
// ns-3's devices, the scheduler's predictions against one simulated frame of every zoo network,
// and pacing at an allocation that counts the headers.

#include "chain-scenario.h"
#include "edge-dnn-test-util.h"
#include "scheduler-test-util.h"

#include "ns3/boolean.h"
#include "ns3/cnn-model-zoo.h"
#include "ns3/config.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-assignment-verifier.h"
#include "ns3/edge-dnn-cost-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-scheduling-options.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/edge-dnn-uplink-sharing.h"
#include "ns3/enum.h"
#include "ns3/names.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

/// Resets ns-3's process-wide state after each test.
class CostModelTest : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }
};

/**
 * \brief Keep a frame's result.
 * \param results where
 * \param result the result
 */
void
KeepResult(std::vector<FrameResult>* results, const FrameResult& result)
{
    results->push_back(result);
}

/**
 * \return a TCP path as ns-3 sends over point-to-point with 1448 B segments and timestamps
 */
TransportPath
TcpOverPpp()
{
    TransportPath p;
    p.protocol = TransportPath::TCP;
    p.segmentBytes = 1448;
    p.transportHeaderBytes = 32;
    p.networkHeaderBytes = 20;
    p.linkHeaderBytes = 2;
    p.mtuBytes = 1500;
    p.propagation = MilliSeconds(10);
    return p;
}

/**
 * \param segment the datagram payload (B)
 * \return a UDP path over point-to-point
 */
TransportPath
UdpOverPpp(uint32_t segment)
{
    TransportPath p = TcpOverPpp();
    p.protocol = TransportPath::UDP;
    p.segmentBytes = segment;
    p.transportHeaderBytes = 8;
    return p;
}

} // namespace

TEST_F(CostModelTest, WireBytesByHand)
{
    // A message of 10,000 B payload is 133 + 10,000 = 10,133 B with its header.
    ASSERT_EQ(CostModel::MessageBytes(10000), 10133u);
    // TCP: 1448 * 6 = 8,688 < 10,133 <= 10,136 = 1448 * 7: 7 segments of 32 + 20 + 2 = 54 B.
    EXPECT_EQ(CostModel::WireBytes(TcpOverPpp(), 10000), 10133u + 7 * 54);
    // UDP, 1400 B datagrams of which 13 are the fragment header: 1387 B of message each, 7 full
    // (9,709 B) and one of 424 B; each adds 13 + 8 + 20 + 2 = 43 B.
    EXPECT_EQ(CostModel::WireBytes(UdpOverPpp(1400), 10000), 10133u + 8 * 43);
    // UDP datagrams of 4000 B over a 1500 B MTU: IPv4 cuts each into fragments of 1480 B of IP
    // payload. 4000 - 13 = 3987 B of message per datagram: 2 full (7,974) and one of 2,159 B.
    // A full one is 3987 + 13 + 8 = 4008 B of IP payload: 3 fragments (1480, 1480, 1048).
    // The last is 2159 + 21 = 2180 B: 2 fragments. Each fragment adds 20 + 2 B.
    EXPECT_EQ(CostModel::WireBytes(UdpOverPpp(4000), 10000),
              2 * (4008u + 3 * 22) + (2180u + 2 * 22));
    // The paper's abstraction: the cut's bytes alone.
    EXPECT_EQ(CostModel::WireBytes(TransportPath(), 10000), 10000u);
    // The transfer time: wire bits at the rate, and the propagation delay.
    EXPECT_EQ(CostModel::TransferTime(TcpOverPpp(), 10000, 8e6),
              Seconds((10133.0 + 7 * 54) / 1e6) + MilliSeconds(10));
    // A write of 3 segments' worth while pacing: each segment's headers.
    EXPECT_EQ(CostModel::WireBytesOfWrite(TcpOverPpp(), 3 * 1448), 3u * (1448 + 54));
}

TEST_F(CostModelTest, CutBytesReplaceTheInputWhereItCrosses)
{
    const SplitProfile& profile = ModelRegistry::GetProfile("resnet18");
    const SplitPoint& input = profile.GetSplitPoints().front();
    const SplitPoint& cut = *profile.FindSplitPoint(23);
    EXPECT_EQ(CostModel::CutBytes(profile, input, 5000), 5000u);
    EXPECT_EQ(CostModel::CutBytes(profile, cut, 5000), cut.bytes);
    EXPECT_EQ(CostModel::ComputeSeconds(2000, std::nan(""), 1000), 2.0);
    EXPECT_EQ(CostModel::ComputeSeconds(2000, 0.25, 1000), 0.25);
    EXPECT_EQ(CostModel::ComputeTime(2000, Seconds(-1), 1000), Seconds(2));
}

TEST_F(CostModelTest, PathsFromNs3Devices)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1000));
    NodeContainer nodes(2);
    PointToPointHelper p2p;
    p2p.SetChannelAttribute("Delay", TimeValue(MicroSeconds(250)));
    NetDeviceContainer link = p2p.Install(nodes);
    const TransportPath tcp =
        TransportPath::ForDevice(link.Get(0), TcpSocketFactory::GetTypeId(), 1400);
    EXPECT_EQ(tcp.protocol, TransportPath::TCP);
    EXPECT_EQ(tcp.segmentBytes, 1000u);
    EXPECT_EQ(tcp.transportHeaderBytes, 32u);
    EXPECT_EQ(tcp.linkHeaderBytes, 2u);
    EXPECT_EQ(tcp.mtuBytes, 1500u);
    EXPECT_EQ(tcp.propagation, MicroSeconds(250));
    Config::SetDefault("ns3::TcpSocketBase::Timestamp", BooleanValue(false));
    EXPECT_EQ(TransportPath::ForDevice(link.Get(0), TcpSocketFactory::GetTypeId(), 1400)
                  .transportHeaderBytes,
              20u);

    CsmaHelper csma;
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(7)));
    NetDeviceContainer lan = csma.Install(NodeContainer(2));
    const TransportPath udp =
        TransportPath::ForDevice(lan.Get(0), UdpSocketFactory::GetTypeId(), 1200);
    EXPECT_EQ(udp.protocol, TransportPath::UDP);
    EXPECT_EQ(udp.segmentBytes, 1200u);
    EXPECT_EQ(udp.transportHeaderBytes, 8u);
    EXPECT_EQ(udp.linkHeaderBytes, 18u);
    EXPECT_EQ(udp.propagation, MicroSeconds(7));

    Ptr<SimpleNetDevice> other = CreateObject<SimpleNetDevice>();
    EXPECT_EQ(
        ErrorOf([&] { TransportPath::ForDevice(other, TcpSocketFactory::GetTypeId(), 1400); }),
        "transport path: the framing and delay of a ns3::SimpleNetDevice are not known to "
        "edge-dnn (point-to-point and CSMA are); give the path (TransportPath::ForSocket) "
        "for it instead");
}

/// One frame of every zoo network over TCP or UDP.
class OneFramePerZooModel : public CostModelTest, public ::testing::WithParamInterface<bool>
{
};

TEST_P(OneFramePerZooModel, SchedulerPredictsSimulatedTimesWithinOnePercentAtThreeSplits)
{
    const bool udp = GetParam();
    for (const std::string& model : CnnModelZoo::GetNames())
    {
        const SplitProfile& profile = ModelRegistry::GetProfile(model);
        // Its first split (the raw frame to the cloud), a middle one and its last (all at the
        // edge).
        for (uint32_t split : {0u, profile.GetLastIndex() / 2, profile.GetLastIndex()})
        {
            SCOPED_TRACE(model + " split " + std::to_string(split));
            ChainConfig c;
            c.udp = udp;
            c.model = model;
            c.splits = {split};
            c.deadline = Seconds(100);
            Chain chain = BuildChain(c);
            std::vector<FrameResult> results;
            chain.apps[0]->TraceConnectWithoutContext("ResultReceived",
                                                      MakeCallback(&KeepResult).Bind(&results));

            // The scheduler's view of the same task: its path read from the uplink device.
            SchedulerHelper scheduler;
            scheduler.SetCloudCapacity(c.cloudCapacity);
            scheduler.AddEdgeServer(chain.edgeApp,
                                    chain.uplink.Get(0),
                                    chain.apps[0]->GetRemote(),
                                    InetSocketAddress(Ipv4Address("10.0.0.2"), 9100));
            scheduler.AddDevice(chain.apps[0], {0});
            const SchedulingProblem& problem = scheduler.BuildProblem();
            const SplitPoint& point = *profile.FindSplitPoint(c.splits[0]);
            const TaskDemand demand = problem.ComputeDemand(0, 0, point);
            const TransportPath& uplink = problem.GetServers()[0].uplink;
            ASSERT_EQ(uplink.protocol, udp ? TransportPath::UDP : TransportPath::TCP);
            const double transfer =
                CostModel::TransferTime(uplink, problem.GetCutBytes(0, point), 20e6).GetSeconds();
            Ptr<NetDevice> access = chain.devices.Get(0)->GetDevice(1);
            const double uplinkTransfer =
                CostModel::TransferTime(
                    TransportPath::ForDevice(access, chain.apps[0]->GetProtocol(), 1400),
                    profile.GetInputBytes(),
                    100e6)
                    .GetSeconds();

            Simulator::Stop(Seconds(60));
            Simulator::Run();
            ASSERT_EQ(results.size(), 1u);
            const FrameResult& r = results[0];
            EXPECT_EQ(r.splitIndex, c.splits[0]);
            EXPECT_NEAR(r.edgeToCloud.GetSeconds(), transfer, 0.01 * transfer);
            EXPECT_NEAR(r.deviceToEdge.GetSeconds(), uplinkTransfer, 0.01 * uplinkTransfer);
            EXPECT_NEAR(r.edgeCompute.GetSeconds(),
                        demand.edgeComputeS,
                        0.01 * demand.edgeComputeS);
            EXPECT_NEAR(r.cloudCompute.GetSeconds(),
                        demand.cloudComputeS,
                        0.01 * demand.cloudComputeS);
            Simulator::Destroy();
            Config::Reset();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(CostModel,
                         OneFramePerZooModel,
                         ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                             return info.param ? "udp" : "tcp";
                         });

namespace
{

/**
 * \brief Frames of a resnet18 task cut at avgpool (512 B of int8 features, 5 frames/s) paced at
 * exactly its frame rate's worth of bits: with the headers counted (the path the scheduler reads
 * from the device) or not (the paper's s alone, as pacing was before).
 * \param countHeaders pace over the uplink's path, else over the IDEAL path
 * \return the edge-to-cloud transfer time of each frame (s)
 */
std::vector<double>
PacedTransfers(bool countHeaders)
{
    ChainConfig c;
    for (const SplitPoint& p : ModelRegistry::GetProfile("resnet18").GetSplitPoints())
    {
        if (p.name == "avgpool")
        {
            c.splits = {p.index};
        }
    }
    c.frameRate = 5;
    c.maxFrames = 75;
    c.deadline = Seconds(1);
    Chain chain = BuildChain(c);
    chain.apps[0]->SetAttribute("FeatureBytesPerElement", DoubleValue(1));
    const SplitProfile& profile = chain.apps[0]->GetProfile();
    const SplitPoint& cut = *profile.FindSplitPoint(c.splits[0]);
    EXPECT_EQ(cut.name, "avgpool");
    EXPECT_EQ(cut.bytes, 512u);
    const TransportPath path =
        countHeaders
            ? TransportPath::ForDevice(chain.uplink.Get(0), TcpSocketFactory::GetTypeId(), 1400)
            : TransportPath();
    // f s: what the task needs on average, on the path's terms.
    const double bits = 8.0 * static_cast<double>(CostModel::WireBytes(path, cut.bytes));
    chain.edgeApp->PlaceTask(0,
                             InetSocketAddress(Ipv4Address("10.0.0.2"), 9100),
                             DataRate(static_cast<uint64_t>(std::ceil(c.frameRate * bits))),
                             path);
    std::vector<FrameResult> results;
    chain.apps[0]->TraceConnectWithoutContext("ResultReceived",
                                              MakeCallback(&KeepResult).Bind(&results));
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    std::vector<double> transfers;
    for (const FrameResult& r : results)
    {
        transfers.push_back(r.edgeToCloud.GetSeconds());
    }
    Simulator::Destroy();
    return transfers;
}

} // namespace

TEST_F(CostModelTest, PacingAtAnAllocationThatCountsHeadersKeepsUp)
{
    // Before: paced at f * 512 * 8 = 20,480 bit/s of message bytes, the headers (133 B message
    // header, 54 B per segment) made every frame need more than its 0.2 s: transfers grew
    // without bound. Counting them, each frame takes the same time.
    const std::vector<double> ideal = PacedTransfers(false);
    ASSERT_EQ(ideal.size(), 75u);
    EXPECT_GT(ideal.back(), 5 * ideal.front());
    const std::vector<double> counted = PacedTransfers(true);
    ASSERT_EQ(counted.size(), 75u);
    EXPECT_LT(counted.back(), 1.05 * counted.front());
    EXPECT_LT(counted.back(), 0.2);
}

TEST(CostModelSchedulers, OptionsAndVerifierCountTheServersPath)
{
    // With TCP and UDP paths on the servers, every option's figures are the cost model's
    // (SchedulingProblem::ComputeDemand), and every algorithm's assignment passes the verifier.
    std::vector<std::string> names;
    for (const std::string& name : TaskScheduler::GetNames())
    {
        if (name != "exact" && name != "lp-bound")
        {
            names.push_back(name);
        }
    }
    uint64_t compared = 0;
    for (uint64_t seed = 1; seed <= 300; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 24, 8, true);
        const SchedulingOptions options(problem);
        for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
        {
            for (uint32_t slot = 0; slot < options.GetSlotCount(j); ++slot)
            {
                const uint32_t server = options.GetServer(j, slot);
                for (const SchedulingOption& o : options.Get(j, slot))
                {
                    const TaskDemand d = problem.ComputeDemand(
                        j,
                        server,
                        *problem.GetTasks()[j].profile->FindSplitPoint(o.splitIndex));
                    ASSERT_TRUE(d.feasible) << "seed " << seed;
                    ASSERT_EQ(o.bandwidthBps, d.bandwidthBps) << "seed " << seed;
                    ASSERT_EQ(o.latencyS, d.latencyS) << "seed " << seed;
                    ++compared;
                }
            }
        }
        for (const std::string& name : names)
        {
            const Assignment a = TaskScheduler::Create(name)->Schedule(problem);
            const auto errors = AssignmentVerifier::Check(problem, a);
            ASSERT_TRUE(errors.empty()) << name << " seed " << seed << ": " << errors.front();
        }
    }
    EXPECT_GT(compared, 1000u);
}

// ShareUplink by hand: allocations 1, 2 and 1 Mbit/s under a usable capacity of 8 Mbit/s.
TEST(UplinkSharing, RatesByHand)
{
    const std::vector<double> b{1e6, 2e6, 1e6};
    const std::vector<bool> busy{true, false, true};
    EXPECT_EQ(ShareUplink(ALLOCATION, 8e6, b, busy), b);
    // All of C in proportion: scale 8 / 4.
    EXPECT_EQ(ShareUplink(SPARE_SHARED, 8e6, b, busy), (std::vector<double>{2e6, 4e6, 2e6}));
    // Among the two with data (2 Mbit/s of allocations): scale 4; the idle one keeps its own.
    EXPECT_EQ(ShareUplink(WORK_CONSERVING, 8e6, b, busy), (std::vector<double>{4e6, 2e6, 4e6}));
    EXPECT_EQ(ShareUplink(UNPACED, 8e6, b, busy), (std::vector<double>{0, 0, 0}));
    // Over-allocated, or capacity unknown: every task keeps its allocation, never less.
    EXPECT_EQ(ShareUplink(WORK_CONSERVING, 1.5e6, b, busy), b);
    EXPECT_EQ(ShareUplink(SPARE_SHARED, 0, b, busy), b);
    for (UplinkSharing s : {ALLOCATION, SPARE_SHARED, WORK_CONSERVING, UNPACED})
    {
        EXPECT_EQ(ParseUplinkSharing(UplinkSharingName(s), "x"), s);
    }
    EXPECT_EQ(ErrorOf([] { ParseUplinkSharing("fair", "--uplink-sharing"); }),
              "--uplink-sharing: unknown uplink sharing 'fair'; expected \"allocation\", "
              "\"spare-shared\", \"work-conserving\" or \"unpaced\"");
}

namespace
{

/**
 * \brief Raw resnet18 frames (split 0, 150,528 B) of devices that start together, one per 2 s,
 * sent by an edge whose usable uplink is 8 Mbit/s, each task with its allocation.
 * \param sharing the edge's UplinkSharing
 * \param allocations each device's allocated rate (bit/s)
 * \param wireBits set to a frame's bits on the uplink's wire (CostModel)
 * \return the edge-to-cloud transfer of each device's third frame (s), over warm connections
 */
std::vector<double>
SharedTransfers(UplinkSharing sharing, const std::vector<double>& allocations, double& wireBits)
{
    ChainConfig c;
    c.devices = static_cast<uint32_t>(allocations.size());
    c.splits = {0};
    c.frameRate = 0.5; // a frame every 2 s: even capped at 1 Mbit/s, one is gone before the next
    c.maxFrames = 3;
    c.deadline = Seconds(2);
    Chain chain = BuildChain(c);
    const TransportPath path =
        TransportPath::ForDevice(chain.uplink.Get(0), TcpSocketFactory::GetTypeId(), 1400);
    wireBits =
        8.0 * static_cast<double>(CostModel::WireBytes(path, chain.apps[0]->GetInputBytes()));
    chain.edgeApp->SetAttribute("UplinkSharing", EnumValue(sharing));
    chain.edgeApp->SetAttribute("UplinkCapacity", DataRateValue(DataRate("8Mbps")));
    for (uint32_t i = 0; i < allocations.size(); ++i)
    {
        chain.edgeApp->PlaceTask(i,
                                 InetSocketAddress(Ipv4Address("10.0.0.2"), 9100),
                                 DataRate(static_cast<uint64_t>(allocations[i])),
                                 path);
    }
    std::vector<std::vector<FrameResult>> results(allocations.size());
    for (uint32_t i = 0; i < allocations.size(); ++i)
    {
        chain.apps[i]->TraceConnectWithoutContext("ResultReceived",
                                                  MakeCallback(&KeepResult).Bind(&results[i]));
    }
    Simulator::Stop(Seconds(10));
    Simulator::Run();
    std::vector<double> transfers;
    for (const auto& r : results)
    {
        EXPECT_EQ(r.size(), 3u);
        transfers.push_back(r.size() == 3 ? r[2].edgeToCloud.GetSeconds() : NAN);
    }
    Simulator::Destroy();
    return transfers;
}

} // namespace

// The allocation is a guarantee, not a cap: alone, a task paced at its 1 Mbit/s allocation takes
// W / 1 Mbit/s (W its frame's wire bits), but work-conserving it takes the usable 8 Mbit/s.
// Together, allocations 1 and 3 Mbit/s get 2 and 6 Mbit/s: the second finishes at W / 6 Mbit/s,
// then the first has the whole 8 Mbit/s for its remaining 2W / 3: it finishes at W / 4 Mbit/s,
// within its guarantee W / 1 Mbit/s. Propagation (10 ms) comes on top; 3 % for TCP's acks and
// the pacer's granularity.
TEST(UplinkSharing, WorkConservingGivesEveryTaskAtLeastItsAllocation)
{
    const double p = ChainConfig().uplinkDelay.GetSeconds();
    double wire = 0;
    const std::vector<double> capped = SharedTransfers(ALLOCATION, {1e6}, wire);
    EXPECT_GT(wire, 8.0 * 150528);
    EXPECT_NEAR(capped[0], wire / 1e6 + p, 0.03 * capped[0]);
    const std::vector<double> alone = SharedTransfers(WORK_CONSERVING, {1e6}, wire);
    EXPECT_NEAR(alone[0], wire / 8e6 + p, 0.03 * alone[0]);
    const std::vector<double> both = SharedTransfers(WORK_CONSERVING, {1e6, 3e6}, wire);
    EXPECT_NEAR(both[0], wire / 4e6 + p, 0.03 * both[0]);
    EXPECT_NEAR(both[1], wire / 6e6 + p, 0.03 * both[1]);
}
