/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "chain-scenario.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-server-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgednn
{
namespace testutil
{

Chain
BuildChain(const ChainConfig& c)
{
    // Large TCP windows and buffers, so an idle link carries a whole frame in one burst (no slow
    // start).
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::InitialCwnd", UintegerValue(4000));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(16 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(16 << 20));

    Chain chain;
    chain.devices.Create(c.devices);
    chain.edge = CreateObject<Node>();
    chain.cloud = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(chain.devices);
    internet.Install(chain.edge);
    internet.Install(chain.cloud);

    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", StringValue(c.accessRate));
    access.SetChannelAttribute("Delay", TimeValue(c.accessDelay));
    PointToPointHelper uplink;
    uplink.SetDeviceAttribute("DataRate", StringValue(c.uplinkRate));
    uplink.SetChannelAttribute("Delay", TimeValue(c.uplinkDelay));

    // Plain FIFO queues large enough for a whole frame: ns-3's default FqCoDel would drop packets
    // of a long burst, which is queue management, not the applications under test.
    TrafficControlHelper fifo;
    fifo.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", QueueSizeValue(QueueSize("100000p")));

    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.0");
    chain.uplink = uplink.Install(chain.edge, chain.cloud);
    fifo.Install(chain.uplink);
    const Ipv4Address cloudAddress = addresses.Assign(chain.uplink).GetAddress(1);
    std::vector<Ipv4Address> edgeAddresses;
    for (uint32_t i = 0; i < c.devices; ++i)
    {
        addresses.NewNetwork();
        NetDeviceContainer link = access.Install(chain.devices.Get(i), chain.edge);
        fifo.Install(link);
        edgeAddresses.push_back(addresses.Assign(link).GetAddress(1));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    const TypeId protocol =
        c.udp ? UdpSocketFactory::GetTypeId() : TypeId::LookupByName("ns3::TcpSocketFactory");
    CloudServerHelper cloudHelper;
    cloudHelper.SetAttribute("Protocol", TypeIdValue(protocol));
    cloudHelper.SetAttribute("WorkerCapacity", DoubleValue(c.cloudCapacity));
    chain.cloudApp = DynamicCast<CloudServerApplication>(cloudHelper.Install(chain.cloud).Get(0));

    EdgeServerHelper edgeHelper;
    edgeHelper.SetAttribute("Protocol", TypeIdValue(protocol));
    edgeHelper.SetAttribute("WorkerCapacity", DoubleValue(c.edgeCapacity));
    edgeHelper.SetAttribute("Workers", UintegerValue(c.edgeWorkers));
    edgeHelper.SetAttribute("MaxQueueLength", UintegerValue(c.edgeQueue));
    chain.edgeApp = DynamicCast<EdgeServerApplication>(edgeHelper.Install(chain.edge).Get(0));

    for (uint32_t i = 0; i < c.devices; ++i)
    {
        IotDeviceHelper deviceHelper(InetSocketAddress(edgeAddresses[i], 9000));
        deviceHelper.SetAttribute("TaskId", UintegerValue(i));
        deviceHelper.SetAttribute("Protocol", TypeIdValue(protocol));
        deviceHelper.SetAttribute("Model", StringValue(c.model));
        const uint32_t split = c.splits[std::min<std::size_t>(i, c.splits.size() - 1)];
        deviceHelper.SetAttribute("SplitIndex", UintegerValue(split));
        deviceHelper.SetAttribute("FrameRate", DoubleValue(c.frameRate));
        deviceHelper.SetAttribute("MaxFrames", UintegerValue(c.maxFrames));
        deviceHelper.SetAttribute("Deadline", TimeValue(c.deadline));
        ApplicationContainer app = deviceHelper.Install(chain.devices.Get(i));
        app.Start(c.deviceStart);
        chain.apps.push_back(DynamicCast<IotDeviceApplication>(app.Get(0)));
        chain.edgeApp->PlaceTask(i,
                                 InetSocketAddress(cloudAddress, 9100),
                                 i < c.pacing.size() ? c.pacing[i] : DataRate(0),
                                 c.pacingPath);
    }
    return chain;
}

uint64_t
TcpWireBytes(uint64_t messageBytes)
{
    const uint64_t segments = (messageBytes + 1447) / 1448;
    return messageBytes + segments * (20 + 12 + 20 + 2);
}

uint64_t
UdpWireBytes(uint64_t messageBytes)
{
    const uint64_t perDatagram = 1400 - 13;
    const uint64_t datagrams = (messageBytes + perDatagram - 1) / perDatagram;
    return messageBytes + datagrams * (13 + 8 + 20 + 2);
}

ChainConfig
BusyChain()
{
    ChainConfig c;
    c.devices = 3;
    c.splits = {4, 0, 20};
    c.frameRate = 40;
    c.maxFrames = 40;
    c.edgeCapacity = 2e10;
    c.edgeQueue = 3;
    c.deadline = MilliSeconds(150);
    return c;
}

int64_t
RecordBusyChain(const std::string& path,
                const std::string& algorithm,
                FrameLedger* ledger,
                Time stop)
{
    const Chain chain = BuildChain(BusyChain());
    RecorderHelper helper;
    helper.SetAttribute("Algorithm", StringValue(algorithm));
    helper.SetAttribute("Scenario", StringValue("busy-chain"));
    helper.SetAttribute("BatchSize", UintegerValue(64));
    helper.AddArgument("stop", std::to_string(stop.GetSeconds()));
    helper.AddLink("edge-to-cloud", chain.uplink.Get(0), chain.uplink.Get(1), true);
    Ptr<EdgeDnnRecorder> recorder = helper.Install(path);
    if (ledger)
    {
        ledger->Connect();
    }
    Simulator::Stop(stop);
    Simulator::Run();
    recorder->Finish();
    const int64_t runId = recorder->GetRunId();
    if (ledger)
    {
        ledger->Disconnect();
    }
    Simulator::Destroy();
    return runId;
}

} // namespace testutil
} // namespace edgednn
} // namespace ns3
