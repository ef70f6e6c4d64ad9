/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Layers on the device (issue 13, item 1): a task's device runs a prefix of its network, sends the
// device cut's tensor to the edge, which runs the layers between the two cuts. The cost model by
// hand, the FRAME header, the bytes on the access link and the breakdown's device stage at packet
// level, and the schedulers' choice of a device prefix.
//
// Reference figures are worked out by hand from resnet18's architecture (torchvision's):
//  - conv1: 64 output channels of 112 x 112, 3 input channels, a 7 x 7 kernel:
//    64 x 112 x 112 x 3 x 49 = 118,013,952 MACs; "maxpool" gives 64 x 56 x 56 floats = 802,816 B;
//  - layer1: four 3 x 3 convolutions of 64 to 64 channels on 56 x 56: 4 x 64 x 56 x 56 x 64 x 9 =
//    4 x 115,605,504 = 462,422,016 MACs; its output is again 64 x 56 x 56 floats = 802,816 B.

#include "chain-scenario.h"
#include "edge-dnn-test-fixture.h"
#include "edge-dnn-test-util.h"

#include "ns3/double.h"
#include "ns3/edge-dnn-assignment-verifier.h"
#include "ns3/edge-dnn-cost-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-scheduling-problem.h"
#include "ns3/edge-dnn-split-profile-format.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <string>
#include <unistd.h>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

/// conv1's MACs, by hand (see the top of the file).
constexpr uint64_t CONV1_MACS = 118013952;
/// layer1's MACs, by hand.
constexpr uint64_t LAYER1_MACS = 462422016;
/// 64 x 56 x 56 float32 elements: the tensor after maxpool and after layer1 (B).
constexpr uint64_t MAXPOOL_BYTES = 802816;
/// resnet18's input, 3 x 224 x 224 uint8 (B).
constexpr uint64_t INPUT_BYTES = 150528;
/// The FRAME header (EdgeDnnHeader): 133 B, by hand in applications-test.cc.
constexpr uint64_t HEADER_BYTES = 133;
/// The name of resnet18's split point after layer1 (its last block's last activation).
const char* const LAYER1_END = "layer1.1.relu";

/**
 * \param name a split point's name in resnet18
 * \return the split point
 */
const SplitPoint&
Resnet18Point(const std::string& name)
{
    for (const SplitPoint& p : ModelRegistry::GetProfile("resnet18").GetSplitPoints())
    {
        if (p.name == name)
        {
            return p;
        }
    }
    throw EdgeDnnError("resnet18 has no split point '" + name + "'");
}

/**
 * \param m message bytes
 * \return the bytes a TCP transfer of them puts on a point-to-point link: segments of 1448 B,
 * each with 20 + 12 (timestamp option) TCP, 20 IPv4 and 2 PPP header bytes
 */
uint64_t
TcpOverPppBytes(uint64_t m)
{
    return m + (m + 1447) / 1448 * 54;
}

/** \return a TCP path over point-to-point: MSS 1448, 32 B TCP, 20 B IPv4, 2 B PPP, 2 ms */
TransportPath
TcpAccess()
{
    TransportPath p;
    p.protocol = TransportPath::TCP;
    p.segmentBytes = 1448;
    p.transportHeaderBytes = 32;
    p.networkHeaderBytes = 20;
    p.linkHeaderBytes = 2;
    p.mtuBytes = 1500;
    p.propagation = MilliSeconds(2);
    return p;
}

} // namespace

TEST(DevicePrefix, Resnet18FiguresMatchTheHandCount)
{
    // The profile's figures at the two cuts the tests use, against the architecture by hand.
    const SplitPoint& maxpool = Resnet18Point("maxpool");
    const SplitPoint& layer1 = Resnet18Point(LAYER1_END);
    EXPECT_EQ(maxpool.edgeMacs, CONV1_MACS);
    EXPECT_EQ(maxpool.bytes, MAXPOOL_BYTES);
    EXPECT_EQ(layer1.edgeMacs, CONV1_MACS + LAYER1_MACS);
    EXPECT_EQ(layer1.bytes, MAXPOOL_BYTES);
    EXPECT_LT(maxpool.index, layer1.index);
}

TEST(DevicePrefix, CostModelSplitsTheMacsBetweenDeviceAndEdge)
{
    const SplitProfile& profile = ModelRegistry::GetProfile("resnet18");
    const SplitPoint& input = profile.GetSplitPoints().front();
    const SplitPoint& maxpool = Resnet18Point("maxpool");
    const SplitPoint& layer1 = Resnet18Point(LAYER1_END);
    // Nothing on the device at split 0: the edge runs all before its cut, today's figures.
    EXPECT_EQ(CostModel::DeviceMacs(input), 0u);
    EXPECT_EQ(CostModel::EdgeMacs(input, layer1), CONV1_MACS + LAYER1_MACS);
    EXPECT_EQ(CostModel::DeviceComputeSeconds(input, 0.0), 0.0);
    // conv1 on the device, layer1 at the edge.
    EXPECT_EQ(CostModel::DeviceMacs(maxpool), CONV1_MACS);
    EXPECT_EQ(CostModel::EdgeMacs(maxpool, layer1), LAYER1_MACS);
    EXPECT_EQ(CostModel::DeviceComputeSeconds(maxpool, 1e10), 118013952.0 / 1e10);
    // Both cuts at maxpool: the edge runs nothing.
    EXPECT_EQ(CostModel::EdgeMacs(maxpool, maxpool), 0u);
    // What the access link carries: the device cut's tensor, or the raw input at split 0.
    EXPECT_EQ(CostModel::CutBytes(profile, maxpool, INPUT_BYTES), MAXPOOL_BYTES);
    EXPECT_EQ(CostModel::CutBytes(profile, input, INPUT_BYTES), INPUT_BYTES);

    EXPECT_NO_THROW(CostModel::CheckDeviceSplit(profile, maxpool, layer1));
    EXPECT_NO_THROW(CostModel::CheckDeviceSplit(profile, layer1, layer1));
    const std::string past =
        ErrorOf([&] { CostModel::CheckDeviceSplit(profile, layer1, maxpool); });
    EXPECT_NE(past.find("device split " + std::to_string(layer1.index) +
                        " is past the edge split " + std::to_string(maxpool.index)),
              std::string::npos)
        << past;
}

TEST(DevicePrefix, AProfileMeasuredInSecondsKeepsDeviceSplitZero)
{
    const std::string path = ::testing::TempDir() + "device-prefix-seconds.csv";
    {
        std::ofstream out(path);
        out << "# model: measured\n# edge_device: jetson-nano\n# cloud_device: xeon-6230\n"
               "index,name,edge_s,cloud_s,bytes\n0,input,0,0.0121,150528\n"
               "4,maxpool,0.0068,0.0094,802816\n69,fc,0.0502,0,4000\n";
    }
    const SplitProfile profile = SplitProfileFormat::ReadFile(path);
    std::remove(path.c_str());
    const std::string error = ErrorOf([&] {
        CostModel::CheckDeviceSplit(profile,
                                    *profile.FindSplitPoint(4),
                                    *profile.FindSplitPoint(69));
    });
    EXPECT_NE(error.find("measured in seconds"), std::string::npos) << error;
    EXPECT_NO_THROW(CostModel::CheckDeviceSplit(profile,
                                                *profile.FindSplitPoint(0),
                                                *profile.FindSplitPoint(69)));
}

namespace
{

/**
 * \brief One server (c = 1e11 MAC/s on one worker, 100 Mbit/s, the paper's ideal path, D = 50 ms)
 * and one resnet18 task at 2 frames/s within 1 s end to end, whose device computes 1e10 MAC/s
 * behind a 100 Mbit/s point-to-point TCP access link; no cloud compute given.
 * \param deviceMacsPerS the device's capacity
 * \param accessBps the access rate (0: unknown)
 * \return the problem
 */
SchedulingProblem
OneTask(double deviceMacsPerS, double accessBps)
{
    SchedulingProblem problem;
    problem.SetLatencyModel(LatencyModel::END_TO_END);
    EdgeServer e;
    e.id = "e";
    e.computeMacsPerS = 1e11;
    e.uplinkBps = 1e8;
    problem.AddServer(e);
    SchedulingTask t;
    t.id = "cam";
    t.model = "resnet18";
    t.profile = std::make_shared<SplitProfile>(ModelRegistry::GetProfile("resnet18"));
    t.inputBytes = INPUT_BYTES;
    t.frameRate = 2;
    t.deadlineS = 1;
    t.servers = {0};
    t.uplinkS = 0.05;
    t.resultS = 0.001;
    t.deviceMacsPerS = deviceMacsPerS;
    t.accessBps = accessBps;
    t.access = TcpAccess();
    problem.AddTask(t);
    return problem;
}

} // namespace

TEST(DevicePrefix, DemandOfADevicePrefixByHand)
{
    const SchedulingProblem problem = OneTask(1e10, 1e8);
    const SplitPoint& input = Resnet18Point("input");
    const SplitPoint& maxpool = Resnet18Point("maxpool");
    const SplitPoint& layer1 = Resnet18Point(LAYER1_END);
    const double f = 2;
    const double D = 0.05;
    const double bits = 8.0 * MAXPOOL_BYTES; // the edge's cut on the ideal path: its bytes alone

    // Device split 0: today's figures (uplink 0.05 s as given, the edge runs conv1 and layer1).
    {
        const TaskDemand d = problem.ComputeDemand(0, 0, layer1, input);
        const double e = (CONV1_MACS + LAYER1_MACS) / 1e11;
        const double fixed = 0.05 + D + 0.001;
        const double bandwidth = std::max(bits / (1 - fixed), f * bits);
        EXPECT_EQ(d.deviceSplitIndex, 0u);
        EXPECT_EQ(d.deviceComputeS, 0.0);
        EXPECT_EQ(d.uplinkS, 0.05);
        EXPECT_DOUBLE_EQ(d.edgeComputeS, e);
        EXPECT_DOUBLE_EQ(d.computeMacsPerS, std::max(f * (CONV1_MACS + LAYER1_MACS), e * 1e11 / D));
        EXPECT_DOUBLE_EQ(d.bandwidthBps, bandwidth);
        EXPECT_DOUBLE_EQ(d.latencyS, fixed + bits / bandwidth);
        EXPECT_TRUE(d.feasible);
        // The three-argument form is device split 0.
        const TaskDemand same = problem.ComputeDemand(0, 0, layer1);
        EXPECT_EQ(same.latencyS, d.latencyS);
        EXPECT_EQ(same.computeMacsPerS, d.computeMacsPerS);
        EXPECT_EQ(same.bandwidthBps, d.bandwidthBps);
    }
    // conv1 on the device: 0.0118013952 s; its cut's 802,816 B + the 133 B header over TCP
    // (555 segments of 54 B of headers) at 100 Mbit/s with 2 ms of delay; layer1 at the edge.
    {
        const TaskDemand d = problem.ComputeDemand(0, 0, layer1, maxpool);
        const double device = 118013952.0 / 1e10;
        const uint64_t wire = MAXPOOL_BYTES + HEADER_BYTES + 555 * 54;
        ASSERT_EQ(wire, TcpOverPppBytes(MAXPOOL_BYTES + HEADER_BYTES));
        const double uplink = 8.0 * wire / 1e8 + 0.002;
        const double e = LAYER1_MACS / 1e11;
        const double fixed = device + uplink + D + 0.001;
        const double bandwidth = std::max(bits / (1 - fixed), f * bits);
        EXPECT_EQ(d.deviceSplitIndex, maxpool.index);
        EXPECT_DOUBLE_EQ(d.deviceComputeS, device);
        EXPECT_NEAR(d.uplinkS, uplink, 1e-9); // ns-3's Time: whole nanoseconds
        EXPECT_DOUBLE_EQ(d.edgeComputeS, e);
        EXPECT_DOUBLE_EQ(d.computeMacsPerS, std::max(f * LAYER1_MACS, e * 1e11 / D));
        EXPECT_NEAR(d.bandwidthBps, bandwidth, 1e-6 * bandwidth);
        EXPECT_NEAR(d.latencyS, fixed + bits / bandwidth, 1e-9);
        EXPECT_TRUE(d.feasible);
    }
    // Both cuts at layer1's end: the edge computes nothing and so is not queued (no D).
    {
        const TaskDemand d = problem.ComputeDemand(0, 0, layer1, layer1);
        const double device = (CONV1_MACS + LAYER1_MACS) / 1e10;
        EXPECT_EQ(d.edgeComputeS, 0.0);
        EXPECT_EQ(d.computeMacsPerS, 0.0);
        EXPECT_NEAR(d.latencyS,
                    device + 8.0 * TcpOverPppBytes(MAXPOOL_BYTES + HEADER_BYTES) / 1e8 + 0.002 +
                        0.001 + bits / d.bandwidthBps,
                    1e-9);
    }
}

// Under the paper's TRANSFER model a device prefix is a choice even where the access link's rate
// is unknown (accessBps 0): its transfer is then left untimed (the task's own uplink seconds), not
// divided by zero (the sanitizers found an infinite time there); the cost model refuses a zero
// rate.
TEST(DevicePrefix, AnAccessLinkOfUnknownRateLeavesThePrefixsTransferUntimed)
{
    SchedulingProblem problem = OneTask(1e10, 0);
    problem.SetLatencyModel(LatencyModel::TRANSFER);
    const TaskDemand d =
        problem.ComputeDemand(0, 0, Resnet18Point(LAYER1_END), Resnet18Point("maxpool"));
    EXPECT_DOUBLE_EQ(d.uplinkS, 0.05);
    EXPECT_TRUE(std::isfinite(d.latencyS));
    for (double rate : {0.0, -1.0, std::nan(""), std::numeric_limits<double>::infinity()})
    {
        EXPECT_THROW(CostModel::TransferTime(TcpAccess(), 1000, rate), EdgeDnnError) << rate;
    }
    EXPECT_EQ(CostModel::TransferTime(TransportPath(), 1000, 8000), Seconds(1));
}

TEST(DevicePrefix, ADeviceThatCannotKeepUpOrIsNotThereIsRefused)
{
    const SplitPoint& maxpool = Resnet18Point("maxpool");
    const SplitPoint& layer1 = Resnet18Point(LAYER1_END);
    // 1e8 MAC/s: conv1 takes 1.18 s, more than the 0.5 s between two frames.
    const TaskDemand slow = OneTask(1e8, 1e8).ComputeDemand(0, 0, layer1, maxpool);
    EXPECT_NEAR(slow.deviceComputeS, 1.18013952, 1e-12);
    EXPECT_FALSE(slow.feasible);
    // No device compute, or (end to end) no access rate to time the device cut's transfer.
    const std::string none = ErrorOf([&] { OneTask(0, 1e8).ComputeDemand(0, 0, layer1, maxpool); });
    EXPECT_NE(none.find("task 'cam': device split " + std::to_string(maxpool.index) +
                        ", but its device has no compute capacity"),
              std::string::npos)
        << none;
    const std::string access =
        ErrorOf([&] { OneTask(1e10, 0).ComputeDemand(0, 0, layer1, maxpool); });
    EXPECT_NE(access.find("needs its access link's rate"), std::string::npos) << access;
    const std::string past =
        ErrorOf([&] { OneTask(1e10, 1e8).ComputeDemand(0, 0, maxpool, layer1); });
    EXPECT_NE(past.find("is past the edge split"), std::string::npos) << past;
    // The schedulers are offered device split 0 alone in those cases.
    EXPECT_EQ(OneTask(0, 1e8).GetDeviceSplitPoints(0).size(), 1u);
    EXPECT_EQ(OneTask(1e10, 0).GetDeviceSplitPoints(0).size(), 1u);
    EXPECT_EQ(OneTask(1e10, 1e8).GetDeviceSplitPoints(0).size(),
              ModelRegistry::GetProfile("resnet18").GetSplitPoints().size());
}

namespace
{

/**
 * \brief A camera behind a 1 Mbit/s point-to-point TCP access link (its raw 150,528 B frame takes
 * 1.25 s there) with a 0.5 s bound end to end at 1 frame/s, one edge (1e11 MAC/s, 100 Mbit/s
 * ideal uplink) and a cloud of 1e12 MAC/s.
 * \param deviceMacsPerS the device's capacity
 * \return the problem
 */
SchedulingProblem
SlowAccess(double deviceMacsPerS)
{
    SchedulingProblem problem;
    problem.SetLatencyModel(LatencyModel::END_TO_END);
    problem.SetCloudCapacity(1e12);
    EdgeServer e;
    e.id = "e";
    e.computeMacsPerS = 1e11;
    e.uplinkBps = 1e8;
    problem.AddServer(e);
    SchedulingTask t;
    t.id = "cam";
    t.model = "resnet18";
    t.profile = std::make_shared<SplitProfile>(ModelRegistry::GetProfile("resnet18"));
    t.inputBytes = INPUT_BYTES;
    t.frameRate = 1;
    t.deadlineS = 0.5;
    t.servers = {0};
    // The raw frame: 150,528 + 133 B in 105 segments of 54 B of headers, at 1 Mbit/s, 2 ms.
    t.uplinkS = 8.0 * TcpOverPppBytes(INPUT_BYTES + HEADER_BYTES) / 1e6 + 0.002;
    t.resultS = 0.002;
    t.deviceMacsPerS = deviceMacsPerS;
    t.accessBps = 1e6;
    t.access = TcpAccess();
    problem.AddTask(t);
    return problem;
}

} // namespace

TEST(DevicePrefix, SchedulersChooseADevicePrefixWhereOnlyItMeetsTheBound)
{
    // Without a prefix the raw frame alone takes longer than the bound.
    ASSERT_GT(SlowAccess(0).GetTasks()[0].uplinkS, 1.25);
    for (const std::string name : {"ours", "latency-greedy", "random"})
    {
        SCOPED_TRACE(name);
        // The device computes 1e10 MAC/s: a prefix shrinks what crosses the access link.
        const SchedulingProblem problem = SlowAccess(1e10);
        const Assignment a = TaskScheduler::Create(name)->Schedule(problem);
        ASSERT_EQ(a.GetAdmittedCount(), 1u);
        const TaskPlacement& p = a.GetPlacements()[0];
        EXPECT_GT(p.deviceSplitIndex, 0u);
        EXPECT_LE(p.deviceSplitIndex, p.splitIndex);
        EXPECT_LE(p.latencyS, 0.5);
        EXPECT_TRUE(AssignmentVerifier::Check(problem, a).empty());
        // What the device sends fits the bound over 1 Mbit/s, by the cut's bytes.
        const SplitProfile& profile = *problem.GetTasks()[0].profile;
        const uint64_t sent =
            CostModel::CutBytes(profile, *profile.FindSplitPoint(p.deviceSplitIndex), INPUT_BYTES);
        EXPECT_LT(8.0 * TcpOverPppBytes(sent + HEADER_BYTES) / 1e6, 0.5);
        // A device that computes nothing: no prefix, so no choice meets the bound.
        EXPECT_EQ(TaskScheduler::Create(name)->Schedule(SlowAccess(0)).GetAdmittedCount(), 0u);
    }
    // The paper's algorithms keep the paper's behaviour: no device prefix, the task rejected.
    for (const std::string name : {"paper-offline", "paper-online"})
    {
        SCOPED_TRACE(name);
        EXPECT_EQ(TaskScheduler::Create(name)->Schedule(SlowAccess(1e10)).GetAdmittedCount(), 0u);
    }
}

TEST(DevicePrefix, TheLpSchedulersSayTheirProgramHasDeviceSplitZeroOnly)
{
    const std::vector<std::string> names = TaskScheduler::GetNames();
    if (std::find(names.begin(), names.end(), "exact") == names.end())
    {
        GTEST_SKIP() << "built without lp_solve";
    }
    for (const std::string name : {"lp-bound", "exact"})
    {
        SCOPED_TRACE(name);
        // Their program is over device split 0: the task is rejected, and with devices that
        // compute the status says the bound does not cover the prefixes.
        const Assignment with = TaskScheduler::Create(name)->Schedule(SlowAccess(1e10));
        EXPECT_EQ(with.GetAdmittedCount(), 0u);
        EXPECT_EQ(with.GetStatus(), "optimal (device split 0 only)");
        const Assignment without = TaskScheduler::Create(name)->Schedule(SlowAccess(0));
        EXPECT_EQ(without.GetStatus(), "optimal");
    }
}

TEST(DevicePrefix, AVerifierRefusesAPrefixTheDeviceCannotRun)
{
    const SchedulingProblem problem = SlowAccess(0);
    Assignment a("hand", 1);
    TaskDemand d;
    d.feasible = true;
    d.deviceSplitIndex = Resnet18Point("maxpool").index;
    a.Place(0, 0, Resnet18Point(LAYER1_END).index, d);
    const std::vector<std::string> errors = AssignmentVerifier::Check(problem, a);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].find("its device has no compute capacity"), std::string::npos) << errors[0];
}

namespace
{

/// Bytes a device sends on its access link, counted at the point-to-point device's PhyTxEnd.
struct AccessBytes
{
    uint64_t all{0};     //!< every packet, PPP header included
    uint64_t payload{0}; //!< TCP packets with payload (data, not handshake or bare ACKs)

    /**
     * \brief A packet left the device.
     * \param packet the packet, with its PPP header
     */
    void Tx(Ptr<const Packet> packet)
    {
        all += packet->GetSize();
        Ptr<Packet> copy = packet->Copy();
        PppHeader ppp;
        copy->RemoveHeader(ppp);
        Ipv4Header ip;
        copy->RemoveHeader(ip);
        if (ip.GetProtocol() == 6)
        {
            TcpHeader tcp;
            copy->RemoveHeader(tcp);
            if (copy->GetSize() > 0)
            {
                payload += packet->GetSize();
            }
        }
    }
};

/// Collects results.
void
KeepResult(std::vector<FrameResult>* results, const FrameResult& r)
{
    results->push_back(r);
}

/// A temporary directory per test.
class DevicePrefixRun : public TempDirTest, public ::testing::WithParamInterface<bool>
{
  protected:
    DevicePrefixRun()
        : TempDirTest("device-prefix")
    {
    }
};

} // namespace

TEST_P(DevicePrefixRun, TheAccessLinkCarriesTheDeviceCutAndTheBreakdownHasTheDeviceStage)
{
    const bool udp = GetParam();
    const SplitPoint& maxpool = Resnet18Point("maxpool");
    const SplitPoint& layer1 = Resnet18Point(LAYER1_END);
    ChainConfig c;
    c.udp = udp;
    c.splits = {layer1.index};
    c.maxFrames = 3;
    c.frameRate = 5;
    c.deadline = Seconds(10);
    Chain chain = BuildChain(c);
    Ptr<IotDeviceApplication> device = chain.apps[0];
    device->SetAttribute("DeviceSplitIndex", UintegerValue(maxpool.index));
    device->SetAttribute("DeviceCapacity", DoubleValue(1e10));
    std::vector<FrameResult> results;
    device->TraceConnectWithoutContext("ResultReceived", MakeCallback(&KeepResult).Bind(&results));
    AccessBytes bytes;
    chain.devices.Get(0)->GetDevice(1)->TraceConnectWithoutContext(
        "PhyTxEnd",
        MakeCallback(&AccessBytes::Tx, &bytes));
    RecorderHelper recorder;
    recorder.Install(Path("device.db"));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    Simulator::Destroy();

    // The access link carried the device cut's tensor, 802,816 B a frame, in FRAME messages.
    const uint64_t message = HEADER_BYTES + MAXPOOL_BYTES;
    if (udp)
    {
        // Nothing else goes from the device over UDP: every byte is the frames'.
        EXPECT_EQ(bytes.all, 3 * UdpWireBytes(message));
    }
    else
    {
        EXPECT_EQ(bytes.payload, 3 * TcpOverPppBytes(message));
    }

    ASSERT_EQ(results.size(), 3u);
    const Time device1 = Seconds(118013952.0 / 1e10);
    for (const FrameResult& r : results)
    {
        SCOPED_TRACE("frame " + std::to_string(r.frameSeq));
        EXPECT_EQ(r.deviceSplitIndex, maxpool.index);
        EXPECT_EQ(r.splitIndex, layer1.index);
        // conv1's MACs over the device's capacity, exactly; frames 200 ms apart never wait.
        EXPECT_EQ(r.deviceCompute, device1);
        EXPECT_EQ(r.deviceQueueing, Seconds(0));
        EXPECT_EQ(r.deviceStart, r.created);
        // The edge runs layer1 alone.
        EXPECT_EQ(r.edgeCompute, Seconds(462422016.0 / 1e11));
        // The stages add up to the whole.
        EXPECT_EQ(r.deviceQueueing + r.deviceCompute + r.deviceToEdge + r.edgeQueueing +
                      r.edgeCompute + r.edgeToCloud + r.cloudQueueing + r.cloudCompute +
                      r.resultReturn,
                  r.endToEnd);
        // The transfer to the edge starts when the device is done: 802,949 B at 100 Mbit/s.
        const double access =
            8.0 * (udp ? UdpWireBytes(message) : TcpOverPppBytes(message)) / 100e6 + 0.002;
        EXPECT_NEAR(r.deviceToEdge.GetSeconds(), access, 0.02 * access);
    }

    // The recorder's frames have the device stage, and frame_latency shows it.
    SqliteDatabase db(Path("device.db"), SqliteDatabase::READ_ONLY);
    EXPECT_EQ(Dump(db,
                   "SELECT COUNT(*) FROM frames WHERE ABS(device_done_s - device_start_s - "
                   "0.0118013952) < 1e-9 AND device_start_s = created_s"),
              (std::vector<std::string>{"3|"}));
    EXPECT_EQ(Dump(db,
                   "SELECT COUNT(*) FROM frame_latency WHERE ABS(device_compute_s - 0.0118013952) "
                   "< 1e-9"),
              (std::vector<std::string>{"3|"}));
    EXPECT_EQ(Dump(db, "SELECT device_split_index, device_macs, edge_macs FROM tasks"),
              (std::vector<std::string>{std::to_string(maxpool.index) + "|118013952|462422016|"}));
}

INSTANTIATE_TEST_SUITE_P(DevicePrefix,
                         DevicePrefixRun,
                         ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                             return info.param ? "udp" : "tcp";
                         });

TEST(DevicePrefix, WithoutAPrefixTheRawFrameIsSentAsBefore)
{
    // Device split 0 with a device that could compute: no device stage, the raw frame sent at
    // its creation.
    ChainConfig c;
    c.udp = true;
    c.splits = {Resnet18Point(LAYER1_END).index};
    Chain chain = BuildChain(c);
    chain.apps[0]->SetAttribute("DeviceCapacity", DoubleValue(1e10));
    std::vector<FrameResult> results;
    chain.apps[0]->TraceConnectWithoutContext("ResultReceived",
                                              MakeCallback(&KeepResult).Bind(&results));
    AccessBytes bytes;
    chain.devices.Get(0)->GetDevice(1)->TraceConnectWithoutContext(
        "PhyTxEnd",
        MakeCallback(&AccessBytes::Tx, &bytes));
    Simulator::Stop(Seconds(5));
    Simulator::Run();
    Simulator::Destroy();
    Config::Reset();
    EXPECT_EQ(bytes.all, UdpWireBytes(HEADER_BYTES + INPUT_BYTES));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].deviceSplitIndex, 0u);
    EXPECT_TRUE(results[0].deviceStart.IsNegative());
    EXPECT_EQ(results[0].deviceCompute, Seconds(0));
    EXPECT_EQ(results[0].edgeCompute, Seconds((118013952.0 + 462422016.0) / 1e11));
}

TEST(DevicePrefix, BadDeviceSplitsAreRefusedWithTheAttributeNamed)
{
    ChainConfig c;
    c.splits = {Resnet18Point("maxpool").index};
    Chain chain = BuildChain(c);
    Ptr<IotDeviceApplication> device = chain.apps[0];
    device->SetAttribute("DeviceSplitIndex", UintegerValue(Resnet18Point(LAYER1_END).index));
    device->SetAttribute("DeviceCapacity", DoubleValue(1e10));
    std::string error = ErrorOf([&] { device->Validate(); });
    EXPECT_NE(error.find("attribute DeviceSplitIndex: resnet18: device split " +
                         std::to_string(Resnet18Point(LAYER1_END).index) +
                         " is past the edge split"),
              std::string::npos)
        << error;
    device->SetAttribute("DeviceSplitIndex", UintegerValue(Resnet18Point("maxpool").index));
    device->SetAttribute("DeviceCapacity", DoubleValue(0));
    error = ErrorOf([&] { device->Validate(); });
    EXPECT_NE(error.find("whose DeviceCapacity is 0 MAC/s"), std::string::npos) << error;
    device->SetAttribute("DeviceSplitIndex", UintegerValue(3000));
    error = ErrorOf([&] { device->Validate(); });
    EXPECT_NE(error.find("attribute DeviceSplitIndex: 3000 is not a split point of resnet18"),
              std::string::npos)
        << error;
    Simulator::Destroy();
    Config::Reset();
}

TEST(DevicePrefix, SchedulerHelperAppliesTheDevicePrefixAndFramesMeetTheBound)
{
    // The camera's access link is 1 Mbit/s: its raw frame takes 1.25 s, beyond the 0.5 s bound;
    // its device computes 1e10 MAC/s, and ours runs a prefix there.
    ChainConfig c;
    c.accessRate = "1Mbps";
    c.splits = {0};
    c.frameRate = 1;
    c.maxFrames = 4;
    c.deadline = MilliSeconds(500);
    Chain chain = BuildChain(c);
    Ptr<IotDeviceApplication> device = chain.apps[0];
    device->SetAttribute("DeviceCapacity", DoubleValue(1e10));
    std::vector<FrameResult> results;
    device->TraceConnectWithoutContext("ResultReceived", MakeCallback(&KeepResult).Bind(&results));
    const std::string db =
        ::testing::TempDir() + "device-prefix-scheduler-" + std::to_string(getpid()) + ".db";
    std::remove(db.c_str());
    RecorderHelper().Install(db);
    SchedulerHelper scheduler("ours");
    scheduler.AddEdgeServer(chain.edgeApp,
                            chain.uplink.Get(0),
                            device->GetRemote(),
                            InetSocketAddress(Ipv4Address("10.0.0.2"), 9100));
    scheduler.AddDevice(device, {0});
    scheduler.Schedule();
    const TaskPlacement& p = scheduler.GetAssignment().GetPlacements()[0];
    ASSERT_TRUE(p.admitted);
    EXPECT_GT(p.deviceSplitIndex, 0u);
    EXPECT_EQ(device->GetDeviceSplitIndex(), p.deviceSplitIndex);
    EXPECT_EQ(device->GetSplitIndex(), p.splitIndex);
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    ASSERT_EQ(results.size(), 4u);
    for (const FrameResult& r : results)
    {
        EXPECT_EQ(r.deviceSplitIndex, p.deviceSplitIndex);
        EXPECT_EQ(r.status, FrameStatus::COMPLETED)
            << "frame " << r.frameSeq << ": " << r.endToEnd.GetSeconds() << " s";
        EXPECT_LE(r.endToEnd.GetSeconds(), p.latencyS) << "frame " << r.frameSeq;
    }
    Simulator::Destroy();
    Config::Reset();
    {
        // The decision and the task as recorded: the device's split beside the edge's.
        SqliteDatabase sql(db, SqliteDatabase::READ_ONLY);
        const std::string device = std::to_string(p.deviceSplitIndex);
        EXPECT_EQ(Dump(sql, "SELECT split_index, device_split_index FROM decisions"),
                  (std::vector<std::string>{std::to_string(p.splitIndex) + "|" + device + "|"}));
        EXPECT_EQ(Dump(sql, "SELECT device_split_index FROM task_splits"),
                  (std::vector<std::string>{device + "|"}));
        EXPECT_EQ(Dump(sql, "SELECT device_split_index FROM tasks"),
                  (std::vector<std::string>{device + "|"}));
        EXPECT_EQ(Dump(sql,
                       "SELECT COUNT(*) FROM frames WHERE device_done_s > device_start_s AND "
                       "status = 'completed'"),
                  (std::vector<std::string>{"4|"}));
    }
    for (const std::string suffix : {"", "-wal", "-shm"})
    {
        std::remove((db + suffix).c_str());
    }

    // The same camera without device compute is rejected.
    Chain again = BuildChain(c);
    SchedulerHelper none("ours");
    none.AddEdgeServer(again.edgeApp,
                       again.uplink.Get(0),
                       again.apps[0]->GetRemote(),
                       InetSocketAddress(Ipv4Address("10.0.0.2"), 9100));
    none.AddDevice(again.apps[0], {0});
    none.Schedule();
    EXPECT_EQ(none.GetAssignment().GetAdmittedCount(), 0u);
    Simulator::Destroy();
    Config::Reset();
}

namespace
{

/// A temporary directory per test.
class DevicePrefixSchema : public TempDirTest
{
  protected:
    DevicePrefixSchema()
        : TempDirTest("device-prefix-schema")
    {
    }
};

} // namespace

TEST_F(DevicePrefixSchema, AVersion2DatabaseGetsTheDeviceColumns)
{
    // A database as version 2 wrote it: no device columns in frames, tasks and decisions.
    const std::string path = Path("v2.db");
    RecordBusyChain(path, "old", nullptr, Seconds(0.5));
    {
        SqliteDatabase db(path, SqliteDatabase::READ_WRITE_CREATE);
        std::vector<std::string> views;
        SqliteStatement s = db.Prepare("SELECT name FROM sqlite_master WHERE type = 'view'");
        while (s.Step())
        {
            views.push_back(s.GetText(0));
        }
        s = SqliteStatement();
        for (const std::string& view : views)
        {
            db.Execute("DROP VIEW " + view);
        }
        db.Execute("ALTER TABLE frames DROP COLUMN device_start_s; ALTER TABLE frames DROP COLUMN "
                   "device_done_s; ALTER TABLE tasks DROP COLUMN device_split_index; ALTER TABLE "
                   "tasks DROP COLUMN device_macs; ALTER TABLE decisions DROP COLUMN "
                   "device_split_index; ALTER TABLE frames DROP COLUMN device_radio_j; ALTER "
                   "TABLE frames DROP COLUMN device_compute_j; ALTER TABLE frames DROP COLUMN "
                   "edge_compute_j; ALTER TABLE frames DROP COLUMN cloud_compute_j; PRAGMA "
                   "user_version = 2");
    }
    RecordBusyChain(path, "new", nullptr, Seconds(0.5));
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    EXPECT_EQ(db.QueryInt("PRAGMA user_version"), 5);
    for (const auto& [table, column] : {std::make_pair("frames", "device_start_s"),
                                        std::make_pair("frames", "device_done_s"),
                                        std::make_pair("tasks", "device_split_index"),
                                        std::make_pair("tasks", "device_macs"),
                                        std::make_pair("decisions", "device_split_index")})
    {
        const auto columns = db.GetColumns(table);
        EXPECT_NE(std::find(columns.begin(), columns.end(), column), columns.end())
            << table << "." << column;
    }
    // The new run's tasks have device split 0 and no device MACs; the old run's frames NULL.
    EXPECT_EQ(
        Dump(db, "SELECT DISTINCT device_split_index, device_macs FROM tasks WHERE run_id = 2"),
        (std::vector<std::string>{"0|0|"}));
    EXPECT_EQ(Dump(db, "SELECT COUNT(*) FROM frames WHERE device_start_s IS NOT NULL"),
              (std::vector<std::string>{"0|"}));
    EXPECT_EQ(Dump(db, "SELECT COUNT(*) FROM frame_latency WHERE device_compute_s <> 0"),
              (std::vector<std::string>{"0|"}));
}
