/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-energy: where should a camera cut its network to spend the least energy per frame for
 * the latency it gets? For each network and each (device cut, edge cut) pair of its single-tensor
 * cuts (device cut <= edge cut), one camera runs the layers before the device cut, sends that
 * cut's tensor over 802.11a (5 GHz) to its access point, the edge server, which runs the layers up
 * to the edge cut and sends the rest of the work to the cloud over a point-to-point uplink. Every
 * pair is a packet-level run of its own; the program measures the device's energy per frame (its
 * radio, from ns-3's WifiRadioEnergyModel through a RadioEnergyMeter, and its compute, from a
 * Raspberry Pi 4's published power) and the end-to-end latency (mean over the frames), finds the
 * Pareto front (least energy for a given latency) and marks what the scheduler `ours` chooses for
 * the camera under a latency bound Q_j (and an energy budget, if given).
 *
 *     edge-dnn-energy [--models=resnet18,mobilenet-v2,alexnet] [--wifiRate=6] [--deadline=500]
 *                     [--energyBudget=0] [--deviceCapacity=6.5e9] [--deviceActivePower=6.3]
 *                     [--edgeCapacity=1e11] [--uplinkRate=20Mbps] [--featureBytes=1]
 *                     [--frames=4] [--maxCuts=0] [--quick] [--outputDir=DIR] [--db=FILE]
 *
 * Prints, per network, the front (device cut, edge cut, latency, energy) and the scheduler's
 * choice; with --outputDir writes energy-pairs.csv (every pair measured, with the scheduler's
 * prediction) and energy-NETWORK.png; with --db records every run into that database.
 */

#include "edge-dnn-example-options.h"
#include "edge-dnn-example-plot.h"
#include "edge-dnn-example-report.h"
#include "edge-dnn-example-table.h"

#include "ns3/cloud-server-helper.h"
#include "ns3/cnn-model-zoo.h"
#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-cost-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-scheduling-problem.h"
#include "ns3/edge-dnn-split-profile.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/edge-dnn-tensor-encoding.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/enum.h"
#include "ns3/gnuplot.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/iot-device-application.h"
#include "ns3/iot-device-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/mobility-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/radio-energy-helper.h"
#include "ns3/simulator.h"
#include "ns3/ssid.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/yans-wifi-helper.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/// The 802.11a data rates (Mbit/s) --wifiRate takes: ns-3's OfdmRate<N>Mbps modes.
const std::vector<uint32_t> WIFI_RATES{6, 9, 12, 18, 24, 36, 48, 54};
/// WifiRadioEnergyModel's TX current (A), ns-3's default, set explicitly.
constexpr double TX_CURRENT_A = 0.38;
/// WifiRadioEnergyModel's RX current (A), ns-3's default.
constexpr double RX_CURRENT_A = 0.313;
/// WifiRadioEnergyModel's idle current (A), ns-3's default.
constexpr double IDLE_CURRENT_A = 0.273;
/// BasicEnergySource's supply voltage (V), ns-3's default.
constexpr double SUPPLY_VOLTAGE_V = 3.0;
/// The camera's battery (J): large enough that no run empties it.
constexpr double BATTERY_J = 1e5;
/// A Raspberry Pi 4's idle power (W), doc/edge-dnn.rst "Published figures" (node totals only).
constexpr double DEVICE_IDLE_POWER_W = 2.7;
/// Frames per second the scheduler plans with, and the most the camera creates.
constexpr double FRAME_RATE = 1;
/// When the camera starts (s): the station has associated with the access point by then.
constexpr double CAMERA_START_S = 1;
/// The camera's distance from the access point (m): every 802.11a rate is decoded there.
constexpr double DISTANCE_M = 5;
/// Propagation delay of the edge-to-cloud uplink.
const Time UPLINK_DELAY = MilliSeconds(10);
/// Each cloud worker's compute (MAC/s).
constexpr double CLOUD_CAPACITY = 1e12;
/// 802.11 framing per packet on the access link (B): MAC header 24, LLC/SNAP 8, FCS 4.
constexpr uint32_t WIFI_FRAMING_BYTES = 36;

/// The run's settings, from the command line.
struct Settings
{
    std::vector<std::string> models; //!< zoo networks
    uint32_t wifiRateMbps{6};        //!< 802.11a data rate (Mbit/s)
    double deviceCapacity{6.5e9};    //!< the camera's compute (MAC/s)
    double deviceActivePower{6.3};   //!< the camera's active power (W)
    double edgeCapacity{1e11};       //!< the edge server's worker (MAC/s)
    DataRate uplink{"20Mbps"};       //!< edge-to-cloud rate
    double featureBytes{1};          //!< bytes per feature element
    double deadlineS{0.5};           //!< Q_j (s), for the scheduler's choice
    double energyBudgetJ{0};         //!< the camera's energy budget per frame (J; 0: none)
    uint32_t frames{4};              //!< frames per pair
    uint32_t maxCuts{0};             //!< most cuts per network (0: all)
    std::string db;                  //!< record every run here ("": none)
    int argc{0};                     //!< the command line, for the recorder
    char** argv{nullptr};            //!< the command line, for the recorder

    /** \return the access link's rate (bit/s) */
    double WifiBps() const
    {
        return wifiRateMbps * 1e6;
    }

    /** \return the scheduler's energy per bit sent: TX current x voltage / rate (J/bit) */
    double PlanningEnergyPerBit() const
    {
        return TX_CURRENT_A * SUPPLY_VOLTAGE_V / WifiBps();
    }
};

/// What one pair's run measured (means over the frames whose result came back).
struct Measurement
{
    uint32_t created{0};      //!< frames the camera created
    uint32_t answered{0};     //!< frames whose result came back
    double latencyS{0};       //!< mean end-to-end latency (s)
    double radioJ{0};         //!< mean radio energy credited to a frame (J)
    double computeJ{0};       //!< mean device compute energy of a frame (J)
    double deviceComputeS{0}; //!< mean device compute time (s)
    double nodeRadioJ{0};     //!< the camera's radio over the whole run (J)
    double nodeComputeJ{0};   //!< the camera's compute over the whole run (J)

    /** \return true if some frame was answered */
    bool Valid() const
    {
        return answered > 0;
    }
};

/// One (device cut, edge cut) pair of a network, measured and predicted.
struct CutPair
{
    const SplitPoint* device{nullptr}; //!< the device cut (index 0: nothing on the device)
    const SplitPoint* edge{nullptr};   //!< the edge cut
    Measurement measured;              //!< the run's figures
    TaskDemand predicted;              //!< SchedulingProblem::ComputeDemand's
    bool onFront{false};               //!< on the measured Pareto front
    bool chosen{false};                //!< the scheduler's choice
    double periodS{1};                 //!< the time between two of its frames (s)

    /** \return the measured energy per frame (J) */
    double EnergyJ() const
    {
        return measured.radioJ + measured.computeJ;
    }
};

/**
 * \brief The cuts of a network worth measuring: its single-tensor cuts, one of each run of
 * neighbours with the same MACs before the cut and the same bytes crossing it (a convolution,
 * its batch norm and its activation: the same pair for the cost model, kept as the last of them),
 * at most maxCuts of them (evenly spread, the first and the last kept).
 * \param full the network's profile (every cut)
 * \param maxCuts most cuts (0: all)
 * \return the cuts, in increasing index order
 */
std::vector<SplitPoint>
CutsToMeasure(const SplitProfile& full, uint32_t maxCuts)
{
    std::vector<SplitPoint> cuts;
    for (const SplitPoint& p : full.GetSplitPoints())
    {
        if (p.index != 0 && p.crossingTensors.size() != 1)
        {
            continue;
        }
        if (!cuts.empty() && p.index != 0 && cuts.back().index != 0 &&
            cuts.back().edgeMacs == p.edgeMacs && cuts.back().bytes == p.bytes)
        {
            cuts.back() = p;
            continue;
        }
        cuts.push_back(p);
    }
    if (maxCuts == 0 || cuts.size() <= maxCuts)
    {
        return cuts;
    }
    std::vector<SplitPoint> spread;
    for (uint32_t i = 0; i < maxCuts; ++i)
    {
        const auto k = static_cast<std::size_t>(
            std::llround(static_cast<double>(i) * (cuts.size() - 1) / (maxCuts - 1)));
        if (spread.empty() || spread.back().index != cuts[k].index)
        {
            spread.push_back(cuts[k]);
        }
    }
    return spread;
}

/**
 * \brief The scheduling problem of the camera alone: one edge server, one task whose network
 * offers the cuts measured, under the end-to-end latency model. The access link is taken at its
 * 802.11a data rate with 802.11 framing (no contention, acknowledgements or preambles: the
 * scheduler's view, optimistic on Wi-Fi), and the radio's energy per bit is TX current x voltage
 * / rate, the planning figure doc/edge-dnn.rst gives.
 * \param s the settings
 * \param model the network
 * \param profile its cuts to measure, as a profile
 * \return the problem
 */
SchedulingProblem
MakeProblem(const Settings& s,
            const std::string& model,
            std::shared_ptr<const SplitProfile> profile)
{
    const TypeId tcp = TcpSocketFactory::GetTypeId();
    SchedulingProblem problem;
    problem.SetLatencyModel(LatencyModel::END_TO_END);
    problem.SetCloudCapacity(CLOUD_CAPACITY);
    EdgeServer server;
    server.id = "0";
    server.computeMacsPerS = s.edgeCapacity;
    server.workers = 1;
    server.uplinkBps = static_cast<double>(s.uplink.GetBitRate());
    server.usableShare = 1;
    server.uplink = TransportPath::ForSocket(tcp, 1400, 2, 1500, UPLINK_DELAY); // PPP framing
    problem.AddServer(server);

    SchedulingTask task;
    task.id = "0";
    task.model = model;
    task.profile = profile;
    task.inputBytes = profile->GetInputBytes();
    task.featureBytesPerElement = s.featureBytes;
    task.frameRate = FRAME_RATE;
    task.deadlineS = s.deadlineS;
    task.servers = {0};
    task.deviceMacsPerS = s.deviceCapacity;
    task.access = TransportPath::ForSocket(tcp, 1400, WIFI_FRAMING_BYTES, 1500, Seconds(0));
    task.accessBps = s.WifiBps();
    const uint32_t resultBytes = 64; // IotDeviceApplication's ResultSize
    task.uplinkS =
        CostModel::TransferTime(task.access, task.inputBytes, task.accessBps).GetSeconds();
    task.resultS =
        CostModel::TransferTime(server.uplink, resultBytes, server.uplinkBps).GetSeconds() +
        CostModel::TransferTime(task.access, resultBytes, task.accessBps).GetSeconds();
    task.energyBudgetJ = s.energyBudgetJ;
    task.deviceActivePowerW = s.deviceActivePower;
    task.deviceEnergyPerMacJ = 0;
    task.accessEnergyPerBitJ = s.PlanningEnergyPerBit();
    problem.AddTask(task);
    return problem;
}

/// Sums a trace source's joules per frame.
struct FrameJoules
{
    std::map<uint32_t, double> joules; //!< frame sequence: joules

    /**
     * \brief A frame's energy.
     * \param taskId the task
     * \param frameSeq the frame
     * \param j the joules
     */
    void Add([[maybe_unused]] uint32_t taskId, uint32_t frameSeq, double j)
    {
        joules[frameSeq] += j;
    }
};

/// Stops the run once every frame's result is back.
struct ResultCounter
{
    uint32_t expected{0}; //!< frames the camera creates
    uint32_t received{0}; //!< results back

    /**
     * \brief A result came back.
     * \param r the frame's breakdown
     */
    void OnResult([[maybe_unused]] const FrameResult& r)
    {
        if (++received == expected)
        {
            Simulator::Stop();
        }
    }
};

/**
 * \brief The time between two frames of a pair, so that each frame is alone on the camera, the
 * links and the servers: a second (1 / FRAME_RATE), or twice the frame's time on the device, on
 * the air at the 802.11a data rate, at the edge and on the uplink when that is longer (a cut of
 * 1.2 MB takes 1.6 s at 6 Mbit/s; at a frame a second its frames would queue behind each other).
 * \param s the settings
 * \param device the device cut
 * \param edge the edge cut
 * \return the period (s)
 */
double
FramePeriod(const Settings& s, const SplitPoint& device, const SplitPoint& edge)
{
    const double alone = device.edgeMacs / s.deviceCapacity + 8.0 * device.bytes / s.WifiBps() +
                         (edge.edgeMacs - device.edgeMacs) / s.edgeCapacity +
                         8.0 * edge.bytes / static_cast<double>(s.uplink.GetBitRate());
    return std::max(1 / FRAME_RATE, 2 * alone);
}

/**
 * \brief Run one pair at packet level: the camera on 802.11a 5 m from its access point (the
 * gateway, whose edge server runs the layers between the cuts), the cloud behind a point-to-point
 * uplink; s.frames frames over TCP, one at a time (FramePeriod).
 * \param s the settings
 * \param model the network
 * \param deviceCut the device's split index
 * \param edgeCut the edge's split index
 * \param periodS the time between two frames (s)
 * \return what it measured
 * \throws EdgeDnnError if the database cannot be used
 */
Measurement
RunPair(const Settings& s,
        const std::string& model,
        uint32_t deviceCut,
        uint32_t edgeCut,
        double periodS)
{
    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> camera = nodes.Get(0);
    Ptr<Node> gateway = nodes.Get(1);
    Ptr<Node> cloud = nodes.Get(2);
    InternetStackHelper internet;
    internet.Install(nodes);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(s.uplink));
    p2p.SetChannelAttribute("Delay", TimeValue(UPLINK_DELAY));
    NetDeviceContainer uplink = p2p.Install(gateway, cloud);

    YansWifiChannelHelper channel = YansWifiChannelHelper::Default();
    YansWifiPhyHelper phy;
    phy.SetChannel(channel.Create());
    WifiHelper wifi;
    wifi.SetStandard(WIFI_STANDARD_80211a); // 5 GHz, OFDM
    wifi.SetRemoteStationManager("ns3::ConstantRateWifiManager",
                                 "DataMode",
                                 StringValue("OfdmRate" + std::to_string(s.wifiRateMbps) + "Mbps"),
                                 "ControlMode",
                                 StringValue("OfdmRate6Mbps"));
    WifiMacHelper mac;
    const Ssid ssid("edge-dnn-energy");
    mac.SetType("ns3::StaWifiMac", "Ssid", SsidValue(ssid));
    NetDeviceContainer air = wifi.Install(phy, mac, camera);
    mac.SetType("ns3::ApWifiMac", "Ssid", SsidValue(ssid));
    air.Add(wifi.Install(phy, mac, gateway));

    MobilityHelper mobility;
    Ptr<ListPositionAllocator> positions = CreateObject<ListPositionAllocator>();
    positions->Add(Vector(DISTANCE_M, 0, 0));
    positions->Add(Vector(0, 0, 0));
    mobility.SetPositionAllocator(positions);
    mobility.SetMobilityModel("ns3::ConstantPositionMobilityModel");
    mobility.Install(NodeContainer(camera, gateway));

    Ipv4AddressHelper addresses("10.1.0.0", "255.255.255.0");
    const Ipv4Address gatewayAddress = addresses.Assign(air).GetAddress(1);
    addresses.SetBase("10.3.0.0", "255.255.255.252");
    const Ipv4Address cloudAddress = addresses.Assign(uplink).GetAddress(1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    // The camera's radio: ns-3's energy source and Wi-Fi radio model, metered per frame.
    RadioEnergyHelper energy;
    energy.SetSourceAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(BATTERY_J));
    energy.SetSourceAttribute("BasicEnergySupplyVoltageV", DoubleValue(SUPPLY_VOLTAGE_V));
    energy.SetWifiRadioAttribute("TxCurrentA", DoubleValue(TX_CURRENT_A));
    energy.SetWifiRadioAttribute("RxCurrentA", DoubleValue(RX_CURRENT_A));
    energy.SetWifiRadioAttribute("IdleCurrentA", DoubleValue(IDLE_CURRENT_A));
    energy.SetMeterAttribute("EnergyPerBit", DoubleValue(s.PlanningEnergyPerBit()));
    Ptr<RadioEnergyMeter> meter = energy.Install(air.Get(0));

    CloudServerHelper cloudHelper(example::CLOUD_PORT);
    cloudHelper.SetAttribute("WorkerCapacity", DoubleValue(CLOUD_CAPACITY));
    cloudHelper.Install(cloud);
    EdgeServerHelper edgeHelper(example::EDGE_PORT);
    edgeHelper.SetAttribute("Workers", UintegerValue(1));
    edgeHelper.SetAttribute("WorkerCapacity", DoubleValue(s.edgeCapacity));
    Ptr<EdgeServerApplication> edge =
        DynamicCast<EdgeServerApplication>(edgeHelper.Install(gateway).Get(0));
    edge->PlaceTask(0, InetSocketAddress(cloudAddress, example::CLOUD_PORT));

    IotDeviceHelper cameraHelper(InetSocketAddress(gatewayAddress, example::EDGE_PORT));
    cameraHelper.SetAttribute("TaskId", UintegerValue(0));
    cameraHelper.SetAttribute("Model", StringValue(model));
    cameraHelper.SetAttribute("SplitIndex", UintegerValue(edgeCut));
    cameraHelper.SetAttribute("DeviceSplitIndex", UintegerValue(deviceCut));
    cameraHelper.SetAttribute("DeviceCapacity", DoubleValue(s.deviceCapacity));
    cameraHelper.SetAttribute("DeviceIdlePower", DoubleValue(DEVICE_IDLE_POWER_W));
    cameraHelper.SetAttribute("DeviceActivePower", DoubleValue(s.deviceActivePower));
    cameraHelper.SetAttribute("FeatureBytesPerElement", DoubleValue(s.featureBytes));
    cameraHelper.SetAttribute("FrameRate", DoubleValue(1 / periodS));
    cameraHelper.SetAttribute("MaxFrames", UintegerValue(s.frames));
    cameraHelper.SetAttribute("Deadline", TimeValue(Seconds(s.deadlineS)));
    cameraHelper.SetAttribute("LatencyModel", EnumValue(LatencyModel::END_TO_END));
    Ptr<IotDeviceApplication> device =
        DynamicCast<IotDeviceApplication>(cameraHelper.Install(camera).Get(0));
    device->SetStartTime(Seconds(CAMERA_START_S));

    if (!s.db.empty())
    {
        // After the meter, which the recorder finds when it connects.
        RecorderHelper recorder;
        recorder.SetAttribute("Scenario", StringValue("energy"));
        recorder.SetAttribute("Algorithm", StringValue("fixed-pair"));
        recorder.AddCommandLine(s.argc, s.argv);
        recorder.AddArgument("model", model);
        recorder.AddArgument("device_split", std::to_string(deviceCut));
        recorder.AddArgument("edge_split", std::to_string(edgeCut));
        recorder.AddLink("edge0-to-cloud", uplink.Get(0), uplink.Get(1), true);
        recorder.AddLink("cloud-to-edge0", uplink.Get(1), uplink.Get(0), false);
        recorder.Install(s.db);
    }

    FrameJoules radio;
    FrameJoules compute;
    ResultCounter counter;
    counter.expected = s.frames;
    meter->TraceConnectWithoutContext("FrameEnergy", MakeCallback(&FrameJoules::Add, &radio));
    device->TraceConnectWithoutContext("DeviceComputeEnergy",
                                       MakeCallback(&FrameJoules::Add, &compute));
    device->TraceConnectWithoutContext("ResultReceived",
                                       MakeCallback(&ResultCounter::OnResult, &counter));
    FrameLedger ledger;
    ledger.Connect();
    // A bound in case results stop coming back: the frames' time and 30 s more.
    Simulator::Stop(Seconds(CAMERA_START_S + s.frames * periodS + 30));
    Simulator::Run();

    Measurement m;
    for (const auto& [key, entry] : ledger.GetFrames())
    {
        ++m.created;
        if (!entry.result)
        {
            continue;
        }
        ++m.answered;
        m.latencyS += entry.result->endToEnd.GetSeconds();
        m.deviceComputeS += entry.result->deviceCompute.GetSeconds();
        const auto r = radio.joules.find(key.second);
        m.radioJ += r == radio.joules.end() ? 0.0 : r->second;
        const auto c = compute.joules.find(key.second);
        m.computeJ += c == compute.joules.end() ? 0.0 : c->second;
    }
    if (m.answered > 0)
    {
        m.latencyS /= m.answered;
        m.deviceComputeS /= m.answered;
        m.radioJ /= m.answered;
        m.computeJ /= m.answered;
    }
    m.nodeRadioJ = meter->GetTotalEnergy();
    m.nodeComputeJ = device->GetComputeEnergy().Total();
    ledger.Disconnect();
    Simulator::Destroy();
    return m;
}

/**
 * \brief Mark the Pareto front of the measured pairs: those no other pair beats on both the
 * latency and the energy (the least energy for each latency). Of pairs with equal figures the
 * first is kept. Pairs without an answered frame take no part.
 * \param pairs the pairs; onFront set
 */
void
MarkFront(std::vector<CutPair>& pairs)
{
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < pairs.size(); ++k)
    {
        if (pairs[k].measured.Valid())
        {
            order.push_back(k);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&pairs](std::size_t a, std::size_t b) {
        const double la = pairs[a].measured.latencyS;
        const double lb = pairs[b].measured.latencyS;
        return la < lb || (la == lb && pairs[a].EnergyJ() < pairs[b].EnergyJ());
    });
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t k : order)
    {
        if (pairs[k].EnergyJ() < best)
        {
            pairs[k].onFront = true;
            best = pairs[k].EnergyJ();
        }
    }
}

/**
 * \brief A number with a fixed number of decimals.
 * \param value the number
 * \param decimals the decimals
 * \return its text
 */
std::string
Fixed(double value, int decimals)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(decimals) << value;
    return os.str();
}

/**
 * \brief Describe a pair: "device cut k (layer), edge cut k (layer)".
 * \param p the pair
 * \return the text
 */
std::string
Describe(const CutPair& p)
{
    return "device cut " + std::to_string(p.device->index) + " (" + p.device->name +
           "), edge cut " + std::to_string(p.edge->index) + " (" + p.edge->name + ")";
}

/// A network's pairs and the scheduler's answer.
struct NetworkResult
{
    std::string model;                           //!< the network
    std::shared_ptr<const SplitProfile> profile; //!< its cuts measured
    std::vector<CutPair> pairs;                  //!< every pair
    bool admitted{false};                        //!< the scheduler admitted the camera
    std::string algorithm;                       //!< the scheduler's name
};

/**
 * \brief Print a network's front and the scheduler's choice.
 * \param os the stream
 * \param n the network's result
 * \param s the settings
 */
void
PrintNetwork(std::ostream& os, const NetworkResult& n, const Settings& s)
{
    uint32_t valid = 0;
    for (const CutPair& p : n.pairs)
    {
        valid += p.measured.Valid() ? 1 : 0;
    }
    os << n.model << ": " << n.profile->GetSplitPointCount() << " cuts, " << n.pairs.size()
       << " pairs measured (" << valid << " with results); Pareto front:\n";
    example::TextTable table;
    table.AddColumn("device", example::TextTable::LEFT);
    table.AddColumn("edge", example::TextTable::LEFT);
    for (const char* heading : {"e2e-ms", "radio-mJ", "compute-mJ", "energy-mJ", "pred-mJ"})
    {
        table.AddColumn(heading, example::TextTable::RIGHT);
    }
    table.AddColumn("ours", example::TextTable::LEFT);
    auto row = [](const CutPair& p) {
        return std::vector<std::string>{std::to_string(p.device->index) + ":" + p.device->name,
                                        std::to_string(p.edge->index) + ":" + p.edge->name,
                                        Fixed(p.measured.latencyS * 1e3, 1),
                                        Fixed(p.measured.radioJ * 1e3, 1),
                                        Fixed(p.measured.computeJ * 1e3, 1),
                                        Fixed(p.EnergyJ() * 1e3, 1),
                                        Fixed(p.predicted.deviceEnergyJ * 1e3, 1),
                                        p.chosen ? "<-" : ""};
    };
    std::vector<const CutPair*> front;
    for (const CutPair& p : n.pairs)
    {
        if (p.onFront)
        {
            front.push_back(&p);
        }
    }
    std::sort(front.begin(), front.end(), [](const CutPair* a, const CutPair* b) {
        return a->measured.latencyS < b->measured.latencyS;
    });
    for (const CutPair* p : front)
    {
        table.AddRow(row(*p));
    }
    table.Print(os);
    for (const CutPair& p : n.pairs)
    {
        if (!p.measured.Valid())
        {
            os << "  no result came back at " << Describe(p) << "\n";
        }
    }
    std::ostringstream bound;
    bound << "Q_j = " << s.deadlineS * 1e3 << " ms";
    if (s.energyBudgetJ > 0)
    {
        bound << ", energy budget " << s.energyBudgetJ << " J";
    }
    if (!n.admitted)
    {
        os << n.algorithm << " (" << bound.str() << "): the camera is rejected\n";
        return;
    }
    for (const CutPair& p : n.pairs)
    {
        if (!p.chosen)
        {
            continue;
        }
        os << n.algorithm << " (" << bound.str() << ") chooses " << Describe(p)
           << ": predicted energy " << Fixed(p.predicted.deviceEnergyJ * 1e3, 1) << " mJ; measured "
           << Fixed(p.measured.latencyS * 1e3, 1) << " ms, " << Fixed(p.EnergyJ() * 1e3, 1)
           << " mJ, ";
        if (p.onFront)
        {
            os << "on the front\n";
            continue;
        }
        // The front pair with the least energy at no more latency, which dominates it.
        const CutPair* better = nullptr;
        for (const CutPair* f : front)
        {
            if (f->measured.latencyS <= p.measured.latencyS &&
                (!better || f->EnergyJ() < better->EnergyJ()))
            {
                better = f;
            }
        }
        if (better)
        {
            os << "off the front: " << Describe(*better) << " takes "
               << Fixed(better->measured.latencyS * 1e3, 1) << " ms and "
               << Fixed(better->EnergyJ() * 1e3, 1) << " mJ\n";
        }
        else
        {
            os << "off the front\n";
        }
    }
}

/**
 * \brief Write every pair as CSV.
 * \param path the file
 * \param results the networks
 * \throws EdgeDnnError if it cannot be written
 */
void
WriteCsv(const std::string& path, const std::vector<NetworkResult>& results)
{
    std::ofstream out(path);
    out << "model,device_split,device_layer,edge_split,edge_layer,device_macs,edge_macs,"
           "cloud_macs,device_cut_bytes,edge_cut_bytes,frames,answered,latency_s,"
           "device_compute_s,radio_j,compute_j,energy_j,node_radio_j,node_compute_j,frame_period_s,"
           "predicted_energy_j,predicted_feasible,on_front,chosen\n";
    out << std::setprecision(12);
    for (const NetworkResult& n : results)
    {
        for (const CutPair& p : n.pairs)
        {
            const Measurement& m = p.measured;
            out << n.model << "," << p.device->index << "," << p.device->name << ","
                << p.edge->index << "," << p.edge->name << "," << p.device->edgeMacs << ","
                << p.edge->edgeMacs - p.device->edgeMacs << "," << p.edge->cloudMacs << ","
                << p.device->bytes << "," << p.edge->bytes << "," << m.created << "," << m.answered
                << "," << m.latencyS << "," << m.deviceComputeS << "," << m.radioJ << ","
                << m.computeJ << "," << p.EnergyJ() << "," << m.nodeRadioJ << "," << m.nodeComputeJ
                << "," << p.periodS << "," << p.predicted.deviceEnergyJ << ","
                << (p.predicted.feasible ? 1 : 0) << "," << (p.onFront ? 1 : 0) << ","
                << (p.chosen ? 1 : 0) << "\n";
        }
    }
    out.close();
    if (!out)
    {
        throw EdgeDnnError(path + ": cannot write");
    }
}

/**
 * \brief Plot a network's pairs: every pair a point (those with layers on the device apart),
 * the front as a line, the scheduler's choice circled.
 * \param dir the folder
 * \param n the network
 * \param s the settings
 * \return true if the PNG was made
 */
bool
PlotNetwork(const std::string& dir, const NetworkResult& n, const Settings& s)
{
    Gnuplot plot;
    std::ostringstream title;
    title << n.model << " on 802.11a at " << s.wifiRateMbps
          << " Mbit/s: device energy per frame against end-to-end latency";
    plot.SetTitle(title.str());
    plot.SetLegend("end-to-end latency (ms, mean over frames)",
                   "device energy per frame (mJ: radio + compute)");
    plot.AppendExtra("set logscale xy");
    plot.AppendExtra("set key top right");
    plot.AppendExtra("set grid");
    Gnuplot2dDataset offload("pairs, nothing on the device");
    offload.SetStyle(Gnuplot2dDataset::POINTS);
    offload.SetExtra("pt 2 ps 1.2");
    Gnuplot2dDataset prefix("pairs with layers on the device");
    prefix.SetStyle(Gnuplot2dDataset::POINTS);
    prefix.SetExtra("pt 1 ps 1.2");
    // The front as the least energy spent at each latency: a step down at each of its pairs.
    Gnuplot2dDataset front("Pareto front (least energy within a latency)");
    front.SetStyle(Gnuplot2dDataset::STEPS);
    front.SetExtra("lw 2 lc rgb '#0072b2'");
    Gnuplot2dDataset frontPairs("pairs on the front");
    frontPairs.SetStyle(Gnuplot2dDataset::POINTS);
    frontPairs.SetExtra("pt 7 ps 1.4 lc rgb '#0072b2'");
    std::ostringstream chosenTitle;
    chosenTitle << "ours, Q_j = " << s.deadlineS * 1e3 << " ms";
    if (s.energyBudgetJ > 0)
    {
        chosenTitle << ", budget " << s.energyBudgetJ * 1e3 << " mJ";
    }
    Gnuplot2dDataset chosen(chosenTitle.str());
    chosen.SetStyle(Gnuplot2dDataset::POINTS);
    chosen.SetExtra("pt 6 ps 4 lw 3");
    std::vector<const CutPair*> onFront;
    bool anyChosen = false;
    for (const CutPair& p : n.pairs)
    {
        if (!p.measured.Valid())
        {
            continue;
        }
        const double x = p.measured.latencyS * 1e3;
        const double y = p.EnergyJ() * 1e3;
        (p.device->index == 0 ? offload : prefix).Add(x, y);
        if (p.onFront)
        {
            onFront.push_back(&p);
        }
        if (p.chosen)
        {
            chosen.Add(x, y);
            anyChosen = true;
        }
    }
    std::sort(onFront.begin(), onFront.end(), [](const CutPair* a, const CutPair* b) {
        return a->measured.latencyS < b->measured.latencyS;
    });
    for (const CutPair* p : onFront)
    {
        front.Add(p->measured.latencyS * 1e3, p->EnergyJ() * 1e3);
        frontPairs.Add(p->measured.latencyS * 1e3, p->EnergyJ() * 1e3);
    }
    if (!onFront.empty())
    {
        // On to the slowest pair: no more latency buys less energy.
        double slowest = 0;
        for (const CutPair& p : n.pairs)
        {
            slowest = std::max(slowest, p.measured.latencyS * 1e3);
        }
        front.Add(slowest, onFront.back()->EnergyJ() * 1e3);
    }
    plot.AddDataset(offload);
    plot.AddDataset(prefix);
    plot.AddDataset(front);
    plot.AddDataset(frontPairs);
    if (anyChosen)
    {
        plot.AddDataset(chosen);
    }
    return edgednnexample::RenderPlot(plot, dir, "energy-" + n.model);
}

/**
 * \brief Measure every pair of a network and ask the scheduler for its choice.
 * \param s the settings
 * \param model the network
 * \return the network's result
 */
NetworkResult
MeasureNetwork(const Settings& s, const std::string& model)
{
    NetworkResult n;
    n.model = model;
    const SplitProfile& full = ModelRegistry::GetProfile(model, TensorEncoding(1, s.featureBytes));
    n.profile =
        std::make_shared<SplitProfile>(model, SplitCostUnit::MACS, CutsToMeasure(full, s.maxCuts));
    const SchedulingProblem problem = MakeProblem(s, model, n.profile);
    const std::vector<SplitPoint>& cuts = n.profile->GetSplitPoints();
    for (std::size_t i = 0; i < cuts.size(); ++i)
    {
        for (std::size_t j = i; j < cuts.size(); ++j)
        {
            CutPair p;
            p.device = &cuts[i];
            p.edge = &cuts[j];
            p.predicted = problem.ComputeDemand(0, 0, cuts[j], cuts[i]);
            p.periodS = FramePeriod(s, cuts[i], cuts[j]);
            p.measured = RunPair(s, model, cuts[i].index, cuts[j].index, p.periodS);
            n.pairs.push_back(p);
        }
    }
    MarkFront(n.pairs);
    Ptr<TaskScheduler> scheduler = TaskScheduler::Create("ours");
    const Assignment assignment = scheduler->Schedule(problem);
    n.algorithm = "ours";
    const TaskPlacement& placement = assignment.GetPlacements()[0];
    n.admitted = placement.admitted;
    for (CutPair& p : n.pairs)
    {
        p.chosen = placement.admitted && p.device->index == placement.deviceSplitIndex &&
                   p.edge->index == placement.splitIndex;
    }
    return n;
}

/**
 * \brief Split a comma-separated list of zoo networks.
 * \param text the list
 * \return the names
 * \throws EdgeDnnError naming --models if one is not in the zoo or the list is empty
 */
std::vector<std::string>
ParseModels(const std::string& text)
{
    std::vector<std::string> models;
    std::istringstream in(text);
    for (std::string name; std::getline(in, name, ',');)
    {
        if (!CnnModelZoo::Has(name) ||
            std::find(models.begin(), models.end(), name) != models.end())
        {
            example::RejectValue("models",
                                 "distinct zoo networks separated by commas (edge-dnn-model "
                                 "--list)",
                                 text);
        }
        models.push_back(name);
    }
    if (models.empty())
    {
        example::RejectValue("models",
                             "distinct zoo networks separated by commas (edge-dnn-model --list)",
                             text);
    }
    return models;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string models = "resnet18,mobilenet-v2,alexnet";
    std::string wifiRateText = "6";
    std::string deadlineText = "500";
    std::string budgetText = "0";
    std::string deviceCapacityText = "6.5e9";
    std::string activePowerText = "6.3";
    std::string edgeCapacityText = "1e11";
    std::string uplinkText = "20Mbps";
    std::string featureBytesText = "1";
    std::string framesText;
    std::string maxCutsText;
    std::string outputDir;
    std::string db;
    bool quick = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("The device's energy per frame and the end-to-end latency of one camera on 802.11a "
              "at every (device cut, edge cut) pair of each network's single-tensor cuts, "
              "measured at packet level; prints the Pareto front and what the scheduler `ours` "
              "chooses; writes a CSV and a plot per network with --outputDir.");
    cmd.AddValue("models", "Zoo networks, separated by commas", models);
    cmd.AddValue("wifiRate",
                 "802.11a data rate of the camera's link (Mbit/s): 6, 9, 12, 18, 24, 36, 48 or 54",
                 wifiRateText);
    cmd.AddValue("deadline",
                 "Latency bound Q_j the scheduler's choice must meet, end to end, " +
                     example::RangeText(example::MIN_DEADLINE_MS, example::MAX_DEADLINE_MS, "ms"),
                 deadlineText);
    cmd.AddValue("energyBudget",
                 "The camera's energy budget per frame for the scheduler's choice, 0 to 1000 J "
                 "(0: none)",
                 budgetText);
    cmd.AddValue(
        "deviceCapacity",
        "The camera's compute, " +
            example::RangeText(example::MIN_CAPACITY_MACS, example::MAX_CAPACITY_MACS, "MAC/s") +
            " (default: a Raspberry Pi 4's CPU, doc/edge-dnn.rst)",
        deviceCapacityText);
    cmd.AddValue("deviceActivePower",
                 "The camera's power while it computes, 0 to 1000 W (default: a Raspberry Pi 4 "
                 "under load)",
                 activePowerText);
    cmd.AddValue("edgeCapacity",
                 "The edge server's compute, " + example::RangeText(example::MIN_CAPACITY_MACS,
                                                                    example::MAX_CAPACITY_MACS,
                                                                    "MAC/s"),
                 edgeCapacityText);
    cmd.AddValue("uplinkRate",
                 std::string("Edge-to-cloud uplink rate, ") + example::RATE_RANGE_TEXT,
                 uplinkText);
    cmd.AddValue("featureBytes",
                 "Bytes per element of the features crossing a cut, " +
                     example::RangeText(example::MIN_BYTES_PER_ELEMENT,
                                        example::MAX_BYTES_PER_ELEMENT,
                                        "B") +
                     " (1: int8)",
                 featureBytesText);
    cmd.AddValue("frames", "Frames per pair, 1 to 1000; default 4, 2 with --quick", framesText);
    cmd.AddValue("maxCuts",
                 "Most cuts per network, evenly spread (first and last kept), 2 to 10000, or 0 "
                 "for all; default 0, 4 with --quick",
                 maxCutsText);
    cmd.AddValue("quick", "A run under a minute: 4 cuts per network, 2 frames per pair", quick);
    cmd.AddValue("outputDir", "Write energy-pairs.csv and the plots here (empty: none)", outputDir);
    cmd.AddValue("db", "Record every run into this SQLite database (appends a run per pair)", db);
    cmd.Parse(argc, argv);

    try
    {
        Settings s;
        s.models = ParseModels(models);
        s.wifiRateMbps = example::ParseInteger("wifiRate", wifiRateText, 1, 54);
        if (std::find(WIFI_RATES.begin(), WIFI_RATES.end(), s.wifiRateMbps) == WIFI_RATES.end())
        {
            example::RejectValue("wifiRate",
                                 "6, 9, 12, 18, 24, 36, 48 or 54 (802.11a, Mbit/s)",
                                 wifiRateText);
        }
        s.deadlineS = example::ParseNumber("deadline",
                                           deadlineText,
                                           example::MIN_DEADLINE_MS,
                                           example::MAX_DEADLINE_MS,
                                           "ms") /
                      1e3;
        s.energyBudgetJ = example::ParseNumber("energyBudget", budgetText, 0, 1000, "J");
        s.deviceCapacity = example::ParseNumber("deviceCapacity",
                                                deviceCapacityText,
                                                example::MIN_CAPACITY_MACS,
                                                example::MAX_CAPACITY_MACS,
                                                "MAC/s");
        s.deviceActivePower =
            example::ParseNumber("deviceActivePower", activePowerText, 0, 1000, "W");
        s.edgeCapacity = example::ParseNumber("edgeCapacity",
                                              edgeCapacityText,
                                              example::MIN_CAPACITY_MACS,
                                              example::MAX_CAPACITY_MACS,
                                              "MAC/s");
        s.uplink = example::ParseRate("uplinkRate", uplinkText);
        example::CheckRate("uplinkRate", uplinkText, s.uplink.GetBitRate());
        s.featureBytes = example::ParseNumber("featureBytes",
                                              featureBytesText,
                                              example::MIN_BYTES_PER_ELEMENT,
                                              example::MAX_BYTES_PER_ELEMENT,
                                              "B");
        s.frames = framesText.empty() ? (quick ? 2 : 4)
                                      : example::ParseInteger("frames", framesText, 1, 1000);
        s.maxCuts = maxCutsText.empty() ? (quick ? 4 : 0)
                                        : example::ParseInteger("maxCuts", maxCutsText, 0, 10000);
        if (s.maxCuts == 1)
        {
            example::RejectValue("maxCuts", "0 (all) or an integer from 2 to 10000", maxCutsText);
        }
        s.db = db;
        s.argc = argc;
        s.argv = argv;
        if (!outputDir.empty())
        {
            ::mkdir(outputDir.c_str(), 0755);
            std::ofstream probe(outputDir + "/energy-pairs.csv");
            if (!probe)
            {
                throw EdgeDnnError("--outputDir=" + outputDir + ": cannot create " + outputDir +
                                   "/energy-pairs.csv");
            }
        }

        // ns-3's default TCP segment is 536 B; Ethernet-sized segments are what cameras use.
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
        std::cout << "One camera on 802.11a at " << s.wifiRateMbps << " Mbit/s, " << DISTANCE_M
                  << " m from its access point (the edge server, " << s.edgeCapacity
                  << " MAC/s), uplink " << s.uplink.GetBitRate() << " bit/s to the cloud ("
                  << CLOUD_CAPACITY << " MAC/s); camera " << s.deviceCapacity << " MAC/s at "
                  << s.deviceActivePower << " W; features " << s.featureBytes << " B per element; "
                  << s.frames << " frames per pair, one at a time (every " << 1 / FRAME_RATE
                  << " s, or twice a frame's time alone when longer). Energy per frame: the "
                     "camera's radio (WifiRadioEnergyModel, TX "
                  << TX_CURRENT_A << " A at " << SUPPLY_VOLTAGE_V
                  << " V) and compute; latency: end to end.\n\n";
        std::vector<NetworkResult> results;
        for (const std::string& model : s.models)
        {
            results.push_back(MeasureNetwork(s, model));
            PrintNetwork(std::cout, results.back(), s);
            std::cout << "\n";
        }
        if (!outputDir.empty())
        {
            const std::string csv = outputDir + "/energy-pairs.csv";
            WriteCsv(csv, results);
            std::cout << "wrote " << csv << "\n";
            for (const NetworkResult& n : results)
            {
                if (PlotNetwork(outputDir, n, s))
                {
                    std::cout << "wrote " << outputDir << "/energy-" << n.model << ".png\n";
                }
            }
        }
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-energy: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
