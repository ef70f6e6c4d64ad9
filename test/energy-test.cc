/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Energy (issue 13, item 2): the compute energy of the device, the edge and the cloud from their
// power models, and the device's radio energy from ns-3's Wi-Fi energy model (or an energy per
// bit), per frame and per node.
//
// Reference figures are worked out by hand:
//  - resnet18's conv1 (the layers before "maxpool") is 64 x 112 x 112 x 3 x 49 = 118,013,952 MACs
//    and its layer1 4 x 64 x 56 x 56 x 64 x 9 = 462,422,016 MACs (as in device-prefix-test.cc);
//  - a frame's message is the 133 B FRAME header and its payload; over UDP it goes in datagrams of
//    at most 1400 B, each with a 13 B fragment header, so 1387 B of the message per datagram;
//  - 802.11a at 6 Mbit/s (IEEE 802.11-2016, 17.4.3): a PPDU lasts the 16 us preamble, the 4 us
//    SIGNAL and 4 us per OFDM symbol of 24 data bits, for the 16 SERVICE bits, 8 bits per PSDU byte
//    and 6 tail bits; a data MPDU of an ad hoc station without QoS is the 24 B MAC header, the
//    8 B LLC/SNAP header, the IPv4 (20 B) and UDP (8 B) headers, the datagram and the 4 B FCS.

#include "chain-scenario.h"
#include "edge-dnn-test-fixture.h"
#include "scheduler-test-util.h"

#include "ns3/boolean.h"
#include "ns3/cloud-server-helper.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-compute-energy-meter.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-scheduling-problem.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/edge-dnn-sqlite-statement.h"
#include "ns3/edge-server-helper.h"
#include "ns3/energy-source-container.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/mobility-helper.h"
#include "ns3/names.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/radio-energy-helper.h"
#include "ns3/simple-net-device-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-helper.h"
#include "ns3/wifi-radio-energy-model.h"
#include "ns3/yans-wifi-helper.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <map>
#include <string>
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
/// The FRAME header (EdgeDnnHeader), B.
constexpr uint64_t HEADER_BYTES = 133;
/// The message bytes one UDP datagram carries: 1400 B less the 13 B fragment header.
constexpr uint64_t PER_DATAGRAM = 1387;

/// A fixture that resets ns-3's global state after each test.
class Energy : public ::testing::Test
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
 * \param name a split point's name in resnet18
 * \return its index
 */
uint32_t
Resnet18Index(const std::string& name)
{
    for (const SplitPoint& p : ModelRegistry::GetProfile("resnet18").GetSplitPoints())
    {
        if (p.name == name)
        {
            return p.index;
        }
    }
    throw EdgeDnnError("resnet18 has no split point '" + name + "'");
}

/**
 * \brief Relative difference.
 * \param a a value
 * \param b the reference (not 0)
 * \return |a - b| / |b|
 */
double
Relative(double a, double b)
{
    return std::fabs(a - b) / std::fabs(b);
}

/// Energy per (task, frame), summed over a trace source's calls.
using FrameEnergies = std::map<std::pair<uint32_t, uint32_t>, double>;

/**
 * \brief Add a frame's energy.
 * \param energies where
 * \param taskId the task
 * \param frameSeq the frame
 * \param joules the energy
 */
void
AddFrameEnergy(FrameEnergies* energies, uint32_t taskId, uint32_t frameSeq, double joules)
{
    (*energies)[{taskId, frameSeq}] += joules;
}

/**
 * \brief Add a server job's energy.
 * \param energies where
 * \param header the frame
 * \param joules the energy
 */
void
AddJobEnergy(FrameEnergies* energies, const EdgeDnnHeader& header, double joules)
{
    (*energies)[{header.GetTaskId(), header.GetFrameSeq()}] += joules;
}

/**
 * \brief Keep a result.
 * \param results where
 * \param r the result
 */
void
KeepResult(std::vector<FrameResult>* results, const FrameResult& r)
{
    results->push_back(r);
}

TEST_F(Energy, ComputeMeterByHand)
{
    // Two workers from t = 0: idle 1 W, active 3 W, 1 nJ per MAC. Job A runs on one from 1 s to
    // 3 s with 10^6 MACs; job B from 2 s until the stop at 4 s (cut off).
    ComputeEnergyMeter meter(1.0, 3.0, 1e-9, 2, Seconds(0));
    meter.JobStarted(Seconds(1));
    meter.JobStarted(Seconds(2));
    // A: 3 W x 2 s + 10^-9 J x 10^6 = 6.001 J.
    EXPECT_NEAR(meter.JobFinished(Seconds(1), Seconds(3), 1000000), 6.001, 1e-12);
    meter.Stop(Seconds(4));
    const ComputeEnergy e = meter.GetEnergy(Seconds(6)); // nothing drawn after the stop
    EXPECT_NEAR(e.frames, 6.001, 1e-12);
    // Busy worker-seconds: A 2 s, B 2 s; up 2 workers x 4 s: idle 4 worker-s at 1 W.
    EXPECT_NEAR(e.idle, 4.0, 1e-12);
    // B's 2 s at 3 W, credited to no frame.
    EXPECT_NEAR(e.unfinished, 6.0, 1e-12);
    EXPECT_NEAR(e.Total(), 16.001, 1e-12);
    // Before the stop: at 2.5 s, A has run 1.5 s and B 0.5 s, none finished.
    ComputeEnergyMeter running(1.0, 3.0, 0, 2, Seconds(0));
    running.JobStarted(Seconds(1));
    running.JobStarted(Seconds(2));
    const ComputeEnergy r = running.GetEnergy(Seconds(2.5));
    EXPECT_NEAR(r.frames, 0.0, 1e-12);
    EXPECT_NEAR(r.unfinished, 3.0 * 2.0, 1e-12);
    EXPECT_NEAR(r.idle, 1.0 * (5.0 - 2.0), 1e-12);
    // One worker whose queue starts the next job before it reports the finished one, at 1 s:
    // busy 0.5 s to 2 s, idle 0 s to 0.5 s and 2 s to 3 s.
    ComputeEnergyMeter queued(2.0, 5.0, 0, 1, Seconds(0));
    queued.JobStarted(Seconds(0.5));
    queued.JobStarted(Seconds(1));
    EXPECT_NEAR(queued.JobFinished(Seconds(0.5), Seconds(1), 0), 2.5, 1e-12);
    EXPECT_NEAR(queued.JobFinished(Seconds(1), Seconds(2), 0), 5.0, 1e-12);
    const ComputeEnergy q = queued.GetEnergy(Seconds(3));
    EXPECT_NEAR(q.idle, 2.0 * 1.5, 1e-12);
    EXPECT_NEAR(q.unfinished, 0.0, 1e-12);
    EXPECT_NEAR(q.Total(), 7.5 + 3.0, 1e-12);
}

TEST_F(Energy, FrameComputeEnergyExactlyFromThePowerModel)
{
    // One camera runs conv1 (to "maxpool") at 10^9 MAC/s, the edge layer1 at 10^11 MAC/s, the
    // cloud the rest; three frames 100 ms apart, so that each waits for the one before on the
    // device (118 ms each).
    ChainConfig c;
    c.splits = {Resnet18Index("layer1.1.relu")};
    c.maxFrames = 3;
    c.frameRate = 10;
    Chain chain = BuildChain(c);
    Ptr<IotDeviceApplication> device = chain.apps[0];
    device->SetAttribute("DeviceSplitIndex", UintegerValue(Resnet18Index("maxpool")));
    device->SetAttribute("DeviceCapacity", DoubleValue(1e9));
    device->SetAttribute("DeviceIdlePower", DoubleValue(1.5));
    device->SetAttribute("DeviceActivePower", DoubleValue(4.0));
    device->SetAttribute("DeviceEnergyPerMac", DoubleValue(2e-12));
    chain.edgeApp->SetAttribute("IdlePower", DoubleValue(10.0));
    chain.edgeApp->SetAttribute("ActivePower", DoubleValue(30.0));
    chain.edgeApp->SetAttribute("EnergyPerMac", DoubleValue(1e-12));
    chain.cloudApp->SetAttribute("IdlePower", DoubleValue(50.0));
    chain.cloudApp->SetAttribute("ActivePower", DoubleValue(300.0));

    FrameEnergies deviceEnergy;
    FrameEnergies edgeEnergy;
    FrameEnergies cloudEnergy;
    std::vector<FrameResult> results;
    device->TraceConnectWithoutContext("DeviceComputeEnergy",
                                       MakeCallback(&AddFrameEnergy).Bind(&deviceEnergy));
    chain.edgeApp->TraceConnectWithoutContext("JobEnergy",
                                              MakeCallback(&AddJobEnergy).Bind(&edgeEnergy));
    chain.cloudApp->TraceConnectWithoutContext("JobEnergy",
                                               MakeCallback(&AddJobEnergy).Bind(&cloudEnergy));
    device->TraceConnectWithoutContext("ResultReceived", MakeCallback(&KeepResult).Bind(&results));
    Simulator::Stop(Seconds(2));
    Simulator::Run();

    ASSERT_EQ(results.size(), 3u);
    // By hand: conv1 takes 118,013,952 / 10^9 s on the device, layer1 462,422,016 / 10^11 s
    // at the edge, each a whole number of nanoseconds of simulated time.
    const double deviceSeconds = Seconds(CONV1_MACS / 1e9).GetSeconds();
    const double edgeSeconds = Seconds(LAYER1_MACS / 1e11).GetSeconds();
    const double deviceFrame = 4.0 * deviceSeconds + 2e-12 * CONV1_MACS;
    const double edgeFrame = 30.0 * edgeSeconds + 1e-12 * LAYER1_MACS;
    double cloudBusy = 0;
    for (const FrameResult& r : results)
    {
        const std::pair<uint32_t, uint32_t> key{r.taskId, r.frameSeq};
        EXPECT_DOUBLE_EQ(r.deviceCompute.GetSeconds(), deviceSeconds);
        EXPECT_NEAR(deviceEnergy.at(key), deviceFrame, 1e-12 * deviceFrame) << r.frameSeq;
        EXPECT_NEAR(edgeEnergy.at(key), edgeFrame, 1e-12 * edgeFrame) << r.frameSeq;
        // The cloud's part: its active power over the compute time the breakdown shows.
        const double cloudFrame = 300.0 * r.cloudCompute.GetSeconds();
        EXPECT_GT(cloudFrame, 0);
        EXPECT_NEAR(cloudEnergy.at(key), cloudFrame, 1e-12 * cloudFrame) << r.frameSeq;
        cloudBusy += r.cloudCompute.GetSeconds();
    }

    // Per node, at 2 s: the frames' energy, and idle power over the rest of the time up (the
    // device from 0.1 s, the servers from 0 s).
    const ComputeEnergy d = device->GetComputeEnergy();
    EXPECT_NEAR(d.frames, 3 * deviceFrame, 1e-9);
    EXPECT_NEAR(d.idle, 1.5 * (1.9 - 3 * deviceSeconds), 1e-9);
    EXPECT_NEAR(d.unfinished, 0.0, 1e-12);
    const ComputeEnergy e = chain.edgeApp->GetComputeEnergy();
    EXPECT_NEAR(e.frames, 3 * edgeFrame, 1e-9);
    EXPECT_NEAR(e.idle, 10.0 * (2.0 - 3 * edgeSeconds), 1e-9);
    const ComputeEnergy k = chain.cloudApp->GetComputeEnergy();
    EXPECT_NEAR(k.frames, 300.0 * cloudBusy, 1e-9);
    // The cloud's 8 workers (its default), each idle when not busy.
    EXPECT_NEAR(k.idle, 50.0 * (8 * 2.0 - cloudBusy), 1e-9);
    EXPECT_NEAR(k.Total(), k.frames + k.idle, 1e-12);
}

TEST_F(Energy, WithoutAPowerModelComputeCostsNothing)
{
    ChainConfig c;
    Chain chain = BuildChain(c);
    FrameEnergies edgeEnergy;
    chain.edgeApp->TraceConnectWithoutContext("JobEnergy",
                                              MakeCallback(&AddJobEnergy).Bind(&edgeEnergy));
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    ASSERT_EQ(edgeEnergy.size(), 1u); // the frame's job, at 0 W
    EXPECT_EQ(edgeEnergy.begin()->second, 0.0);
    EXPECT_EQ(chain.edgeApp->GetComputeEnergy().Total(), 0.0);
    EXPECT_EQ(chain.apps[0]->GetComputeEnergy().Total(), 0.0);
}

TEST_F(Energy, PowerAttributesAreBounded)
{
    IotDeviceHelper devices(InetSocketAddress(Ipv4Address("10.0.0.1"), 9000));
    try
    {
        devices.SetAttribute("DeviceActivePower", DoubleValue(-1.0));
        FAIL() << "a negative power was taken";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_NE(std::string(e.what()).find("DeviceActivePower"), std::string::npos) << e.what();
    }
    EdgeServerHelper edges;
    try
    {
        edges.SetAttribute("EnergyPerMac", DoubleValue(1.0));
        FAIL() << "1 J per MAC was taken";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_NE(std::string(e.what()).find("EnergyPerMac"), std::string::npos) << e.what();
    }
}

/**
 * \brief 802.11a's time on air at 6 Mbit/s, by hand (see the top of the file).
 * \param psduBytes the PSDU's bytes
 * \return the PPDU's duration (s)
 */
double
OfdmSixMbpsSeconds(uint64_t psduBytes)
{
    const uint64_t bits = 16 + 8 * psduBytes + 6;
    const uint64_t symbols = (bits + 23) / 24;
    return (20 + 4 * symbols) * 1e-6;
}

/**
 * \brief The UDP payloads of a message's datagrams, by hand.
 * \param messageBytes the message
 * \return each datagram's payload (B): its part of the message and the 13 B fragment header
 */
std::vector<uint64_t>
DatagramPayloads(uint64_t messageBytes)
{
    std::vector<uint64_t> payloads;
    for (uint64_t left = messageBytes; left > 0;)
    {
        const uint64_t part = std::min(left, PER_DATAGRAM);
        payloads.push_back(part + 13);
        left -= part;
    }
    return payloads;
}

/// A Wi-Fi cell: a camera and its edge, the cloud behind the edge.
struct WifiCell
{
    NodeContainer nodes;              //!< camera, edge, cloud
    NetDeviceContainer air;           //!< the camera's and the edge's Wi-Fi devices
    Ptr<RadioEnergyMeter> meter;      //!< the camera's radio
    Ptr<IotDeviceApplication> device; //!< the camera's application
    Ptr<EdgeServerApplication> edge;  //!< the edge's
};

/**
 * \brief A camera and its edge 5 m apart on 802.11a ad hoc at 6 Mbit/s, the cloud behind the edge
 * on a 100 Mbit/s point-to-point link; frames over UDP from 100 ms on.
 * \param batteryJ the camera's BasicEnergySource's initial energy (J), at 3 V, with the
 * WifiRadioEnergyModel's TX 0.38 A, RX 0.313 A and idle 0.273 A
 * \param inputBytes each frame's bytes
 * \param frameRate frames per second
 * \param maxFrames frames (0: no limit)
 * \return the cell
 */
WifiCell
BuildWifiCell(double batteryJ, uint32_t inputBytes, double frameRate, uint32_t maxFrames)
{
    WifiCell cell;
    NodeContainer& nodes = cell.nodes;
    nodes.Create(3);
    WifiHelper wifi;
    wifi.SetStandard(WIFI_STANDARD_80211a);
    wifi.SetRemoteStationManager("ns3::ConstantRateWifiManager",
                                 "DataMode",
                                 StringValue("OfdmRate6Mbps"),
                                 "ControlMode",
                                 StringValue("OfdmRate6Mbps"));
    YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
    YansWifiPhyHelper phy;
    phy.SetChannel(channel.Create());
    WifiMacHelper mac;
    mac.SetType("ns3::AdhocWifiMac");
    cell.air = wifi.Install(phy, mac, NodeContainer(nodes.Get(0), nodes.Get(1)));
    MobilityHelper mobility;
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    positions->Add(Vector(0, 0, 0));
    positions->Add(Vector(5, 0, 0));
    mobility.SetPositionAllocator(positions);
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(NodeContainer(nodes.Get(0), nodes.Get(1)));
    PointToPointHelper wired;
    wired.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    NetDeviceContainer uplink = wired.Install(nodes.Get(1), nodes.Get(2));
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    const Ipv4Address edgeAddress = addresses.Assign(cell.air).GetAddress(1);
    addresses.NewNetwork();
    const Ipv4Address cloudAddress = addresses.Assign(uplink).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    RadioEnergyHelper energy;
    energy.SetSourceAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(batteryJ));
    energy.SetSourceAttribute("BasicEnergySupplyVoltageV", DoubleValue(3.0));
    energy.SetWifiRadioAttribute("TxCurrentA", DoubleValue(0.38));
    energy.SetWifiRadioAttribute("RxCurrentA", DoubleValue(0.313));
    energy.SetWifiRadioAttribute("IdleCurrentA", DoubleValue(0.273));
    cell.meter = energy.Install(cell.air.Get(0));

    const TypeId udp = UdpSocketFactory::GetTypeId();
    CloudServerHelper cloudHelper;
    cloudHelper.SetAttribute("Protocol", TypeIdValue(udp));
    cloudHelper.Install(nodes.Get(2));
    EdgeServerHelper edgeHelper;
    edgeHelper.SetAttribute("Protocol", TypeIdValue(udp));
    cell.edge = DynamicCast<EdgeServerApplication>(edgeHelper.Install(nodes.Get(1)).Get(0));
    IotDeviceHelper deviceHelper(InetSocketAddress(edgeAddress, 9000));
    deviceHelper.SetAttribute("Protocol", TypeIdValue(udp));
    deviceHelper.SetAttribute("Model", StringValue("resnet18"));
    deviceHelper.SetAttribute("InputBytes", UintegerValue(inputBytes));
    deviceHelper.SetAttribute("FrameRate", DoubleValue(frameRate));
    deviceHelper.SetAttribute("MaxFrames", UintegerValue(maxFrames));
    ApplicationContainer apps = deviceHelper.Install(nodes.Get(0));
    apps.Start(MilliSeconds(100));
    cell.device = DynamicCast<IotDeviceApplication>(apps.Get(0));
    cell.edge->PlaceTask(0, InetSocketAddress(cloudAddress, 9100), DataRate(0), TransportPath());
    return cell;
}

TEST_F(Energy, WifiFrameRadioEnergyWithinTwoPercentOfTimeOnAirAtTheModelsCurrent)
{
    // One frame of 4000 B over UDP, a battery of 100 J.
    WifiCell cell = BuildWifiCell(100.0, 4000, 10, 1);
    NodeContainer& nodes = cell.nodes;
    Ptr<RadioEnergyMeter> meter = cell.meter;
    ASSERT_TRUE(meter->IsWifi());
    EXPECT_EQ(cell.air.Get(0)->GetObject<RadioEnergyMeter>(), meter);

    FrameEnergies radio;
    meter->TraceConnectWithoutContext("FrameEnergy", MakeCallback(&AddFrameEnergy).Bind(&radio));
    Simulator::Stop(Seconds(2));
    Simulator::Run();

    // By hand: the message's datagrams, each an MPDU of 64 B of headers more, on air at 6 Mbit/s
    // and the model's TX current (0.38 A) at the source's 3 V.
    double onAir = 0;
    for (uint64_t payload : DatagramPayloads(HEADER_BYTES + 4000))
    {
        onAir += OfdmSixMbpsSeconds(payload + 8 + 20 + 8 + 24 + 4);
    }
    EXPECT_NEAR(onAir, 0.005892, 1e-12); // 1976 + 1976 + 1940 us
    const double expected = onAir * 0.38 * 3.0;
    ASSERT_EQ(radio.size(), 1u);
    const double measured = radio.at({0, 0});
    EXPECT_LT(Relative(measured, expected), 0.02) << measured << " J against " << expected;
    EXPECT_NEAR(meter->GetFrameEnergy(), measured, 1e-15);

    // The node's total is the model's, and what the battery lost: the frame's share and the
    // rest (idle, receiving the acknowledgements, ARP), credited to no frame.
    Ptr<WifiRadioEnergyModel> model = meter->GetWifiModel();
    const double total = meter->GetTotalEnergy();
    EXPECT_NEAR(total, model->GetTotalEnergyConsumption(), 1e-12);
    Ptr<EnergySourceContainer> sources = nodes.Get(0)->GetObject<EnergySourceContainer>();
    ASSERT_TRUE(sources);
    EXPECT_NEAR(100.0 - sources->Get(0)->GetRemainingEnergy(), total, 1e-6 * total);
    RecordProperty("frame_radio_j", std::to_string(measured));
    RecordProperty("hand_j", std::to_string(expected));
    RecordProperty("node_radio_j", std::to_string(total));
    // 2 s of radio at no less than the idle current, at 3 V.
    EXPECT_GT(total, 2.0 * 0.273 * 3.0 - 1e-9);
    EXPECT_GT(total - measured, 0);
}

TEST_F(Energy, PerBitRadioEnergyOnPointToPoint)
{
    // Without a radio model, the frame's bits on the device's link at the meter's EnergyPerBit.
    ChainConfig c;
    c.udp = true;
    Chain chain = BuildChain(c);
    chain.apps[0]->SetAttribute("InputBytes", UintegerValue(4000));
    Ptr<NetDevice> access;
    for (uint32_t i = 0; i < chain.devices.Get(0)->GetNDevices(); ++i)
    {
        Ptr<NetDevice> d = chain.devices.Get(0)->GetDevice(i);
        if (d->GetInstanceTypeId().GetName() == "ns3::PointToPointNetDevice")
        {
            access = d;
        }
    }
    ASSERT_TRUE(access);
    RadioEnergyHelper energy;
    energy.SetMeterAttribute("EnergyPerBit", DoubleValue(5e-8));
    Ptr<RadioEnergyMeter> meter = energy.Install(access);
    EXPECT_FALSE(meter->IsWifi());
    FrameEnergies radio;
    meter->TraceConnectWithoutContext("FrameEnergy", MakeCallback(&AddFrameEnergy).Bind(&radio));
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    // By hand: every datagram with its UDP, IPv4 and PPP headers (UdpWireBytes), 8 bits a byte.
    const double expected = 8.0 * UdpWireBytes(HEADER_BYTES + 4000) * 5e-8;
    ASSERT_EQ(radio.size(), 1u);
    EXPECT_NEAR(radio.at({0, 0}), expected, 1e-12 * expected);
    // The rest is what carries no frame (ARP on point-to-point: nothing; the device sends only
    // the frame).
    EXPECT_NEAR(meter->GetTotalEnergy(), expected, 1e-12 * expected);
}

TEST_F(Energy, PerBitRadioEnergyOnADeviceWithoutTxTraceSources)
{
    // A SimpleNetDevice has neither PhyTxBegin nor MacTx (as LTE's LteUeNetDevice): the meter
    // counts the IPv4 packets its node sends on the device's interface. One frame of 4000 B over
    // UDP from the camera to its edge, the cloud behind the edge on point-to-point.
    NodeContainer nodes;
    nodes.Create(3);
    SimpleNetDeviceHelper simple;
    NetDeviceContainer access = simple.Install(NodeContainer(nodes.Get(0), nodes.Get(1)));
    PointToPointHelper wired;
    NetDeviceContainer uplink = wired.Install(nodes.Get(1), nodes.Get(2));
    InternetStackHelper internet;
    internet.Install(nodes);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    const Ipv4Address edgeAddress = addresses.Assign(access).GetAddress(1);
    addresses.NewNetwork();
    const Ipv4Address cloudAddress = addresses.Assign(uplink).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    RadioEnergyHelper energy;
    energy.SetMeterAttribute("EnergyPerBit", DoubleValue(2e-8));
    Ptr<RadioEnergyMeter> meter = energy.Install(access.Get(0));
    EXPECT_FALSE(meter->IsWifi());

    const TypeId udp = UdpSocketFactory::GetTypeId();
    CloudServerHelper cloudHelper;
    cloudHelper.SetAttribute("Protocol", TypeIdValue(udp));
    cloudHelper.Install(nodes.Get(2));
    EdgeServerHelper edgeHelper;
    edgeHelper.SetAttribute("Protocol", TypeIdValue(udp));
    Ptr<EdgeServerApplication> edge =
        DynamicCast<EdgeServerApplication>(edgeHelper.Install(nodes.Get(1)).Get(0));
    IotDeviceHelper deviceHelper(InetSocketAddress(edgeAddress, 9000));
    deviceHelper.SetAttribute("Protocol", TypeIdValue(udp));
    deviceHelper.SetAttribute("InputBytes", UintegerValue(4000));
    deviceHelper.SetAttribute("MaxFrames", UintegerValue(1));
    deviceHelper.Install(nodes.Get(0)).Start(MilliSeconds(100));
    edge->PlaceTask(0, InetSocketAddress(cloudAddress, 9100), DataRate(0), TransportPath());
    FrameEnergies radio;
    meter->TraceConnectWithoutContext("FrameEnergy", MakeCallback(&AddFrameEnergy).Bind(&radio));
    Simulator::Stop(Seconds(1));
    Simulator::Run();
    // By hand: each datagram with its UDP (8 B) and IPv4 (20 B) headers, 8 bits a byte.
    double bits = 0;
    for (uint64_t payload : DatagramPayloads(HEADER_BYTES + 4000))
    {
        bits += 8.0 * (payload + 8 + 20);
    }
    ASSERT_EQ(radio.size(), 1u);
    EXPECT_NEAR(radio.at({0, 0}), bits * 2e-8, 1e-12 * bits * 2e-8);
    EXPECT_NEAR(meter->GetTotalEnergy(), bits * 2e-8, 1e-12 * bits * 2e-8);
}

TEST_F(Energy, RadioEnergyBadInputIsNamed)
{
    RadioEnergyHelper energy;
    try
    {
        energy.SetMeterAttribute("EnergyPerBit", DoubleValue(-1e-9));
        FAIL() << "a negative energy per bit was taken";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_NE(std::string(e.what()).find("EnergyPerBit"), std::string::npos) << e.what();
    }
    try
    {
        energy.SetSourceAttribute("InitialEnergy", DoubleValue(1.0));
        FAIL() << "an attribute BasicEnergySource does not have was taken";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_NE(std::string(e.what()).find("InitialEnergy"), std::string::npos) << e.what();
    }
    ChainConfig c;
    Chain chain = BuildChain(c);
    Ptr<NetDevice> access = chain.uplink.Get(0);
    energy.Install(access);
    try
    {
        energy.Install(access);
        FAIL() << "a second meter on one device was taken";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_NE(std::string(e.what()).find("has a meter already"), std::string::npos) << e.what();
    }
    EXPECT_THROW(energy.Install(Ptr<NetDevice>()), EdgeDnnError);
}

/// Recording energy: a temporary directory per test.
class EnergyRecording : public TempDirTest
{
  protected:
    EnergyRecording()
        : TempDirTest("energy")
    {
    }
};

TEST_F(EnergyRecording, FramesAndNodesHaveTheirEnergyWithViews)
{
    // The chain of FrameComputeEnergyExactlyFromThePowerModel over UDP, two frames, the camera's
    // link metered at 5 x 10^-8 J/bit.
    ChainConfig c;
    c.udp = true;
    c.splits = {Resnet18Index("layer1.1.relu")};
    c.maxFrames = 2;
    c.frameRate = 5;
    c.deadline = Seconds(5); // the layer1 features take 0.32 s on the 20 Mbit/s uplink
    Chain chain = BuildChain(c);
    Ptr<IotDeviceApplication> device = chain.apps[0];
    device->SetAttribute("DeviceSplitIndex", UintegerValue(Resnet18Index("maxpool")));
    device->SetAttribute("DeviceCapacity", DoubleValue(1e9));
    device->SetAttribute("DeviceIdlePower", DoubleValue(1.5));
    device->SetAttribute("DeviceActivePower", DoubleValue(4.0));
    chain.edgeApp->SetAttribute("IdlePower", DoubleValue(10.0));
    chain.edgeApp->SetAttribute("ActivePower", DoubleValue(30.0));
    chain.cloudApp->SetAttribute("ActivePower", DoubleValue(300.0));
    Ptr<NetDevice> access;
    for (uint32_t i = 0; i < chain.devices.Get(0)->GetNDevices(); ++i)
    {
        Ptr<NetDevice> d = chain.devices.Get(0)->GetDevice(i);
        if (d->GetInstanceTypeId().GetName() == "ns3::PointToPointNetDevice")
        {
            access = d;
        }
    }
    ASSERT_TRUE(access);
    RadioEnergyHelper energy;
    energy.SetMeterAttribute("EnergyPerBit", DoubleValue(5e-8));
    Ptr<RadioEnergyMeter> meter = energy.Install(access);

    FrameEnergies deviceEnergy;
    FrameEnergies edgeEnergy;
    FrameEnergies cloudEnergy;
    device->TraceConnectWithoutContext("DeviceComputeEnergy",
                                       MakeCallback(&AddFrameEnergy).Bind(&deviceEnergy));
    chain.edgeApp->TraceConnectWithoutContext("JobEnergy",
                                              MakeCallback(&AddJobEnergy).Bind(&edgeEnergy));
    chain.cloudApp->TraceConnectWithoutContext("JobEnergy",
                                               MakeCallback(&AddJobEnergy).Bind(&cloudEnergy));
    const std::string path = Path("energy.db");
    RecorderHelper recorder;
    recorder.Install(path);
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    const ComputeEnergy d = device->GetComputeEnergy();
    const ComputeEnergy e = chain.edgeApp->GetComputeEnergy();
    const ComputeEnergy k = chain.cloudApp->GetComputeEnergy();
    const double radioTotal = meter->GetTotalEnergy();
    Simulator::Destroy(); // writes the run

    // By hand: the device cut's tensor (64 x 56 x 56 floats) in its datagrams, 8 bits a byte.
    const double radioFrame = 8.0 * UdpWireBytes(HEADER_BYTES + 802816) * 5e-8;
    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement frames =
        db.Prepare("SELECT task_id, frame_seq, device_radio_j, device_compute_j, edge_compute_j, "
                   "cloud_compute_j, status FROM frames ORDER BY frame_seq");
    int rows = 0;
    while (frames.Step())
    {
        ++rows;
        const std::pair<uint32_t, uint32_t> key{static_cast<uint32_t>(frames.GetInt(0)),
                                                static_cast<uint32_t>(frames.GetInt(1))};
        EXPECT_EQ(frames.GetText(6), "completed");
        EXPECT_NEAR(frames.GetDouble(2), radioFrame, 1e-12 * radioFrame);
        EXPECT_DOUBLE_EQ(frames.GetDouble(3), deviceEnergy.at(key));
        EXPECT_DOUBLE_EQ(frames.GetDouble(4), edgeEnergy.at(key));
        EXPECT_DOUBLE_EQ(frames.GetDouble(5), cloudEnergy.at(key));
    }
    frames = SqliteStatement();
    EXPECT_EQ(rows, 2);

    // One row per application; the device's with its radio.
    SqliteStatement nodes =
        db.Prepare("SELECT role, compute_frames_j, compute_idle_j, compute_unfinished_j, radio_j, "
                   "radio_frames_j, depleted_s FROM node_energy ORDER BY role");
    const std::vector<std::pair<std::string, ComputeEnergy>> expected = {{"cloud", k},
                                                                         {"device", d},
                                                                         {"edge", e}};
    for (const auto& [role, compute] : expected)
    {
        ASSERT_TRUE(nodes.Step()) << role;
        EXPECT_EQ(nodes.GetText(0), role);
        EXPECT_DOUBLE_EQ(nodes.GetDouble(1), compute.frames) << role;
        EXPECT_DOUBLE_EQ(nodes.GetDouble(2), compute.idle) << role;
        EXPECT_DOUBLE_EQ(nodes.GetDouble(3), compute.unfinished) << role;
        EXPECT_EQ(nodes.IsNull(4), role != "device") << role;
        if (role == "device")
        {
            EXPECT_NEAR(nodes.GetDouble(4), radioTotal, 1e-12);
            EXPECT_NEAR(nodes.GetDouble(4), 2 * radioFrame, 1e-12 * radioFrame);
            EXPECT_NEAR(nodes.GetDouble(5), 2 * radioFrame, 1e-12 * radioFrame);
        }
        EXPECT_TRUE(nodes.IsNull(6)) << role;
    }
    EXPECT_FALSE(nodes.Step());
    nodes = SqliteStatement();

    // The views: each frame's total, the task's mean, the run's sums per role.
    const double frameTotal =
        radioFrame + deviceEnergy.at({0, 0}) + edgeEnergy.at({0, 0}) + cloudEnergy.at({0, 0});
    SqliteStatement view = db.Prepare("SELECT total_j FROM frame_energy WHERE frame_seq = 0");
    ASSERT_TRUE(view.Step());
    EXPECT_NEAR(view.GetDouble(0), frameTotal, 1e-12 * frameTotal);
    view = db.Prepare("SELECT frames, device_radio_j FROM task_energy WHERE task_id = 0");
    ASSERT_TRUE(view.Step());
    EXPECT_EQ(view.GetInt(0), 2);
    EXPECT_NEAR(view.GetDouble(1), radioFrame, 1e-12 * radioFrame);
    view = db.Prepare("SELECT role, nodes, compute_j, radio_j FROM run_energy ORDER BY role");
    ASSERT_TRUE(view.Step());
    EXPECT_EQ(view.GetText(0), "cloud");
    EXPECT_NEAR(view.GetDouble(2), k.Total(), 1e-9);
    ASSERT_TRUE(view.Step());
    EXPECT_EQ(view.GetText(0), "device");
    EXPECT_NEAR(view.GetDouble(2), d.Total(), 1e-9);
    EXPECT_NEAR(view.GetDouble(3), radioTotal, 1e-12);
}

TEST_F(EnergyRecording, AnEmptyBatteryStopsTheDeviceAndIsRecorded)
{
    // A 1 J battery; frames of 60,000 B (about 87 ms on air) at 20 per second, without end.
    // BasicEnergySource calls the battery empty at its low threshold, 10 % of the initial energy
    // (its default): after 0.9 J.
    WifiCell cell = BuildWifiCell(1.0, 60000, 20, 0);
    const std::string path = Path("battery.db");
    RecorderHelper recorder;
    recorder.Install(path);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    const Time depleted = cell.meter->GetDepletedAt();
    const uint32_t created = cell.device->GetFramesCreated();
    EXPECT_TRUE(cell.device->IsBatteryEmpty());
    // By hand: 0.9 J at 3 V and between the idle (0.273 A) and the TX (0.38 A) current.
    EXPECT_GE(depleted.GetSeconds(), 0.9 / (0.38 * 3.0) - 1e-6);
    EXPECT_LE(depleted.GetSeconds(), 0.9 / (0.273 * 3.0) + 1e-6);
    Simulator::Destroy();

    SqliteDatabase db(path, SqliteDatabase::READ_ONLY);
    SqliteStatement node =
        db.Prepare("SELECT depleted_s, radio_j FROM node_energy WHERE role = 'device'");
    ASSERT_TRUE(node.Step());
    EXPECT_DOUBLE_EQ(node.GetDouble(0), depleted.GetSeconds());
    EXPECT_GE(node.GetDouble(1), 0.9 - 1e-6); // the radio drew what the battery gave, then was off
    EXPECT_LE(node.GetDouble(1), 0.9 + 0.01);
    node = SqliteStatement();
    // Every frame created is in the table with a final state: none in flight, the ones open when
    // the battery emptied dropped with its reason, and none created after.
    EXPECT_EQ(Dump(db, "SELECT COUNT(*) FROM frames"),
              (std::vector<std::string>{std::to_string(created) + "|"}));
    EXPECT_EQ(Dump(db, "SELECT COUNT(*) FROM frames WHERE status = 'in_flight'"),
              (std::vector<std::string>{"0|"}));
    SqliteStatement dropped = db.Prepare("SELECT COUNT(*), MAX(created_s) FROM frames WHERE "
                                         "status = 'dropped' AND drop_reason = 'battery-empty'");
    ASSERT_TRUE(dropped.Step());
    EXPECT_GE(dropped.GetInt(0), 1);
    EXPECT_LE(dropped.GetDouble(1), depleted.GetSeconds());
    RecordProperty("depleted_s", std::to_string(depleted.GetSeconds()));
    RecordProperty("frames_created", std::to_string(created));
    RecordProperty("battery_empty_frames", std::to_string(dropped.GetInt(0)));
    dropped = SqliteStatement();
    EXPECT_EQ(Dump(db,
                   "SELECT COUNT(*) FROM frames WHERE created_s > (SELECT depleted_s FROM "
                   "node_energy WHERE role = 'device')"),
              (std::vector<std::string>{"0|"}));
    EXPECT_EQ(Dump(db, "SELECT depleted FROM run_energy WHERE role = 'device'"),
              (std::vector<std::string>{"1|"}));
}

/**
 * \brief One server (10^11 MAC/s, 100 Mbit/s, ideal path, D = 50 ms) and one resnet18 camera at
 * 2 frames/s within 1 s end to end, whose device computes 10^9 MAC/s at 4 W and sends at 10^-7
 * J/bit over a 100 Mbit/s access link on the ideal path (the bytes alone).
 * \param budgetJ the task's energy budget per frame (0: none)
 * \return the problem
 */
SchedulingProblem
BudgetProblem(double budgetJ)
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
    t.inputBytes = 150528;
    t.frameRate = 2;
    t.deadlineS = 1;
    t.servers = {0};
    t.uplinkS = 0.05;
    t.resultS = 0.001;
    t.deviceMacsPerS = 1e9;
    t.accessBps = 1e8;
    t.deviceActivePowerW = 4;
    t.accessEnergyPerBitJ = 1e-7;
    t.energyBudgetJ = budgetJ;
    problem.AddTask(t);
    return problem;
}

/**
 * \param name a split point's name in resnet18
 * \return the split point
 */
const SplitPoint&
Resnet18Point(const std::string& name)
{
    const SplitProfile& profile = ModelRegistry::GetProfile("resnet18");
    return *profile.FindSplitPoint(Resnet18Index(name));
}

TEST_F(Energy, BudgetMakesOptionsOverItInfeasible)
{
    const SplitPoint& input = Resnet18Point("input");
    const SplitPoint& maxpool = Resnet18Point("maxpool");
    const SplitPoint& layer1 = Resnet18Point("layer1.1.relu");
    // By hand: at device split 0 the radio sends the raw input, 150,528 B; at "maxpool" the device
    // runs conv1 (118,013,952 MACs in 0.118013952 s at 4 W) and sends 802,816 B.
    const double rawJ = 1e-7 * 8 * 150528;                      // 0.1204224 J
    const double prefixJ = 4 * 0.118013952 + 1e-7 * 8 * 802816; // 1.114308608 J
    const SchedulingProblem none = BudgetProblem(0);
    const TaskDemand raw = none.ComputeDemand(0, 0, layer1, input);
    const TaskDemand prefix = none.ComputeDemand(0, 0, layer1, maxpool);
    EXPECT_NEAR(raw.deviceEnergyJ, rawJ, 1e-12);
    EXPECT_NEAR(prefix.deviceEnergyJ, prefixJ, 1e-12);
    ASSERT_TRUE(raw.feasible);
    ASSERT_TRUE(prefix.feasible);

    // A budget between the two keeps the raw frame only; below both, nothing.
    const SchedulingProblem half = BudgetProblem(0.5);
    EXPECT_TRUE(half.ComputeDemand(0, 0, layer1, input).feasible);
    EXPECT_FALSE(half.ComputeDemand(0, 0, layer1, maxpool).feasible);
    const SchedulingProblem tight = BudgetProblem(0.1);
    EXPECT_FALSE(tight.ComputeDemand(0, 0, layer1, input).feasible);
    // The other figures stay as without a budget.
    EXPECT_DOUBLE_EQ(tight.ComputeDemand(0, 0, layer1, input).latencyS, raw.latencyS);

    // Every algorithm takes its options' feasibility from the problem: the task is admitted
    // without a budget and within 0.5 J (at device split 0), rejected within 0.1 J.
    for (const std::string& name : {std::string("ours"),
                                    std::string("paper-offline"),
                                    std::string("latency-greedy"),
                                    std::string("edge-only")})
    {
        EXPECT_EQ(Solve(none, name).GetAdmittedCount(), 1u) << name;
        const Assignment withinHalf = Solve(half, name);
        EXPECT_EQ(withinHalf.GetAdmittedCount(), 1u) << name;
        EXPECT_EQ(Solve(tight, name).GetAdmittedCount(), 0u) << name;
    }
}

TEST_F(Energy, BudgetInputIsChecked)
{
    SchedulingProblem problem = BudgetProblem(0);
    SchedulingTask t = problem.GetTasks()[0];
    t.id = "bad";
    t.energyBudgetJ = -1;
    try
    {
        problem.AddTask(t);
        FAIL() << "a negative budget was taken";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_NE(std::string(e.what()).find("energy budget"), std::string::npos) << e.what();
    }
    IotDeviceHelper devices(InetSocketAddress(Ipv4Address("10.0.0.1"), 9000));
    EXPECT_THROW(devices.SetAttribute("EnergyBudget", DoubleValue(-0.5)), EdgeDnnError);
}

TEST_F(Energy, SchedulerHelperReadsTheBudgetOffTheDevice)
{
    // The camera of the chain sends resnet18's raw input (150,528 B, more on the wire) at 10^-7
    // J/bit: at least 0.12 J a frame, by hand. A budget of 0.01 J rejects the task, 1 J admits it.
    for (const double budget : {0.01, 1.0})
    {
        ChainConfig c;
        Chain chain = BuildChain(c);
        Ptr<IotDeviceApplication> device = chain.apps[0];
        device->SetAttribute("EnergyBudget", DoubleValue(budget));
        Ptr<NetDevice> access;
        for (uint32_t i = 0; i < chain.devices.Get(0)->GetNDevices(); ++i)
        {
            Ptr<NetDevice> d = chain.devices.Get(0)->GetDevice(i);
            if (d->GetInstanceTypeId().GetName() == "ns3::PointToPointNetDevice")
            {
                access = d;
            }
        }
        ASSERT_TRUE(access);
        RadioEnergyHelper energy;
        energy.SetMeterAttribute("EnergyPerBit", DoubleValue(1e-7));
        energy.Install(access);
        EXPECT_DOUBLE_EQ(SchedulerHelper::AccessEnergyPerBit(device), 1e-7);
        const Ipv4Address cloud = chain.cloud->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
        SchedulerHelper scheduler("ours");
        scheduler.AddEdgeServer(chain.edgeApp,
                                chain.uplink.Get(0),
                                device->GetRemote(),
                                InetSocketAddress(cloud, 9100));
        scheduler.AddDevice(device);
        const Assignment& assignment = scheduler.Schedule();
        EXPECT_EQ(assignment.GetAdmittedCount(), budget > 0.5 ? 1u : 0u) << budget << " J";
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }
}

} // namespace
