/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "iot-device-application.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"
#include "edge-dnn-fragment-header.h"
#include "edge-dnn-model-registry.h"
#include "edge-dnn-named-attribute-checker.h"
#include "edge-dnn-named-enum-checker.h"
#include "edge-dnn-number-converting-accessor.h"
#include "edge-dnn-radio-energy-meter.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <limits>
#include <sstream>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("IotDeviceApplication");

NS_OBJECT_ENSURE_REGISTERED(IotDeviceApplication);

namespace
{

/// Largest bytes per element of a tensor: float64, the widest type a CNN framework stores.
constexpr double MAX_BYTES_PER_ELEMENT = 8;
/// Largest feature compression factor: reported schemes stay within a few hundred.
constexpr double MAX_COMPRESSION = 1e4;
/// Smallest frame rate (1/s): one frame in about 11.6 days; 1/FrameRate must fit ns-3's Time.
constexpr double MIN_FRAME_RATE = 1e-6;
/// Largest frame rate (1/s): ten times a high-speed camera's 1000 frames/s.
constexpr double MAX_FRAME_RATE = 1e4;
/// Largest device compute capacity (MAC/s): 10^18, as a server worker's largest.
constexpr double MAX_DEVICE_CAPACITY = 1e18;
/// Largest power of the device's compute (W): 1 MW, as a server worker's largest.
constexpr double MAX_DEVICE_POWER = 1e6;
/// Largest energy per MAC (J): 1 mJ, as a server worker's largest.
constexpr double MAX_DEVICE_ENERGY_PER_MAC = 1e-3;
/// Largest energy budget per frame (J): 1 MJ, a car battery's energy for one frame.
constexpr double MAX_ENERGY_BUDGET = 1e6;

} // namespace

TypeId
IotDeviceApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IotDeviceApplication")
            .SetParent<Application>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<IotDeviceApplication>()
            .AddAttribute(
                "TaskId",
                "Identifier of the device's inference task (unique among the tasks an edge "
                "server serves)",
                UintegerValue(0),
                MakeConvertingUintegerAccessor(&IotDeviceApplication::m_taskId),
                MakeBoundedUintegerChecker<uint32_t>("ns3::IotDeviceApplication::TaskId",
                                                     0,
                                                     UINT32_MAX,
                                                     ""))
            .AddAttribute("Model",
                          "The task's CNN: a zoo name or a name registered with ModelRegistry",
                          StringValue("resnet18"),
                          MakeStringAccessor(&IotDeviceApplication::m_model),
                          MakeNamedChecker("ns3::IotDeviceApplication::Model",
                                           MakeStringChecker(),
                                           "a zoo name or a name registered with ModelRegistry"))
            .AddAttribute(
                "SplitIndex",
                "The task's split point: layers after the input run at the edge up to this index "
                "(0: all in the cloud); a scheduler's decision sets it",
                UintegerValue(0),
                MakeConvertingUintegerAccessor(&IotDeviceApplication::m_splitIndex),
                MakeBoundedUintegerChecker<uint32_t>("ns3::IotDeviceApplication::SplitIndex",
                                                     0,
                                                     UINT32_MAX,
                                                     ""))
            .AddAttribute(
                "DeviceSplitIndex",
                "The task's device split point: the device runs the layers up to this index and "
                "sends that cut's tensor, the edge runs those from it to SplitIndex (0: nothing on "
                "the device, the raw input is sent; <= SplitIndex; needs DeviceCapacity > 0); a "
                "scheduler's decision sets it",
                UintegerValue(0),
                MakeConvertingUintegerAccessor(&IotDeviceApplication::m_deviceSplitIndex),
                MakeBoundedUintegerChecker<uint32_t>("ns3::IotDeviceApplication::DeviceSplitIndex",
                                                     0,
                                                     UINT32_MAX,
                                                     ""))
            .AddAttribute("DeviceCapacity",
                          "The device's compute capacity (MAC/s, >= 0): it runs its layers "
                          "(DeviceSplitIndex) one frame at a time at this rate; 0: it computes "
                          "nothing, and schedulers keep its device split at 0",
                          DoubleValue(0.0),
                          MakeConvertingDoubleAccessor(&IotDeviceApplication::m_deviceCapacity),
                          MakeBoundedDoubleChecker("ns3::IotDeviceApplication::DeviceCapacity",
                                                   0,
                                                   false,
                                                   MAX_DEVICE_CAPACITY,
                                                   "MAC/s"))
            .AddAttribute("Deadline",
                          "The task's latency bound Q_j (> 0)",
                          TimeValue(MilliSeconds(200)),
                          MakeTimeAccessor(&IotDeviceApplication::m_deadline),
                          MakeBoundedTimeChecker("ns3::IotDeviceApplication::Deadline",
                                                 NanoSeconds(1),
                                                 Seconds(86400)))
            .AddAttribute(
                "LatencyModel",
                "Which latency the deadline bounds when a frame is judged in time or late: "
                "end-to-end (creation to result) or transfer (the paper's: the crossing data "
                "to the cloud)",
                EnumValue(LatencyModel::END_TO_END),
                MakeEnumAccessor(&IotDeviceApplication::m_latencyModel),
                MakeNamedEnumChecker(
                    "ns3::IotDeviceApplication::LatencyModel",
                    {{LatencyModel::END_TO_END, LatencyModelName(LatencyModel::END_TO_END)},
                     {LatencyModel::TRANSFER, LatencyModelName(LatencyModel::TRANSFER)}}))
            .AddAttribute(
                "InputBytes",
                "Bytes of one frame (B); 0: the model's input tensor at InputBytesPerElement",
                UintegerValue(0),
                MakeConvertingUintegerAccessor(&IotDeviceApplication::m_inputBytes),
                MakeBoundedUintegerChecker<uint32_t>("ns3::IotDeviceApplication::InputBytes",
                                                     0,
                                                     UINT32_MAX,
                                                     "B"))
            .AddAttribute(
                "InputBytesPerElement",
                "Bytes per element of the raw input (B, > 0): 1 for uint8 camera frames",
                DoubleValue(1.0),
                MakeConvertingDoubleAccessor(&IotDeviceApplication::m_inputBytesPerElement),
                MakeBoundedDoubleChecker("ns3::IotDeviceApplication::InputBytesPerElement",
                                         0,
                                         true,
                                         MAX_BYTES_PER_ELEMENT,
                                         "B"))
            .AddAttribute(
                "FeatureBytesPerElement",
                "Bytes per element of the features crossing the cut (B, > 0): 4 "
                "float32, 2 float16, 1 int8",
                DoubleValue(4.0),
                MakeConvertingDoubleAccessor(&IotDeviceApplication::m_featureBytesPerElement),
                MakeBoundedDoubleChecker("ns3::IotDeviceApplication::FeatureBytesPerElement",
                                         0,
                                         true,
                                         MAX_BYTES_PER_ELEMENT,
                                         "B"))
            .AddAttribute("FeatureCompression",
                          "Compression factor (>= 1) dividing the bytes of the features",
                          DoubleValue(1.0),
                          MakeConvertingDoubleAccessor(&IotDeviceApplication::m_featureCompression),
                          MakeBoundedDoubleChecker("ns3::IotDeviceApplication::FeatureCompression",
                                                   1,
                                                   false,
                                                   MAX_COMPRESSION,
                                                   ""))
            .AddAttribute("FrameRate",
                          "Frames per second (1/s, > 0), evenly spaced unless InterArrival is set",
                          DoubleValue(10.0),
                          MakeConvertingDoubleAccessor(&IotDeviceApplication::m_frameRate),
                          MakeBoundedDoubleChecker("ns3::IotDeviceApplication::FrameRate",
                                                   MIN_FRAME_RATE,
                                                   false,
                                                   MAX_FRAME_RATE,
                                                   "1/s"))
            .AddAttribute("InterArrival",
                          "Random time between frames (s), e.g. an ExponentialRandomVariable; "
                          "unset: 1/FrameRate",
                          PointerValue(),
                          MakePointerAccessor(&IotDeviceApplication::m_interArrival),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute(
                "MaxFrames",
                "Frames to create; 0 for no limit",
                UintegerValue(0),
                MakeConvertingUintegerAccessor(&IotDeviceApplication::m_maxFrames),
                MakeBoundedUintegerChecker<uint32_t>("ns3::IotDeviceApplication::MaxFrames",
                                                     0,
                                                     UINT32_MAX,
                                                     ""))
            .AddAttribute(
                "ResultSize",
                "Bytes of the result the cloud sends back (B)",
                UintegerValue(64),
                MakeConvertingUintegerAccessor(&IotDeviceApplication::m_resultSize),
                MakeBoundedUintegerChecker<uint32_t>("ns3::IotDeviceApplication::ResultSize",
                                                     0,
                                                     UINT32_MAX,
                                                     "B"))
            .AddAttribute("Remote",
                          "The edge server's address and port (an InetSocketAddress)",
                          AddressValue(),
                          MakeAddressAccessor(&IotDeviceApplication::m_remote),
                          MakeNamedChecker("ns3::IotDeviceApplication::Remote",
                                           MakeAddressChecker(),
                                           "the edge server\'s InetSocketAddress"))
            .AddAttribute("Protocol",
                          "The transport: ns3::TcpSocketFactory or ns3::UdpSocketFactory",
                          TypeIdValue(TcpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&IotDeviceApplication::m_protocol),
                          MakeNamedChecker("ns3::IotDeviceApplication::Protocol",
                                           MakeTypeIdChecker(),
                                           "ns3::TcpSocketFactory or ns3::UdpSocketFactory"))
            .AddAttribute(
                "MaxDatagramSize",
                "Largest UDP datagram payload (B); messages are fragmented to fit",
                UintegerValue(1400),
                MakeConvertingUintegerAccessor(&IotDeviceApplication::m_maxDatagramSize),
                MakeBoundedUintegerChecker<uint32_t>("ns3::IotDeviceApplication::MaxDatagramSize",
                                                     MessageSender::GetMinDatagramSize(),
                                                     65507,
                                                     "B"))
            .AddAttribute("ReassemblyTimeout",
                          "UDP: a result whose fragments are not all in after this is lost (> 0)",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&IotDeviceApplication::m_reassemblyTimeout),
                          MakeBoundedTimeChecker("ns3::IotDeviceApplication::ReassemblyTimeout",
                                                 NanoSeconds(1),
                                                 Seconds(86400)))
            .AddAttribute(
                "ResultTimeout",
                "A frame whose result has not come back after this is lost; 0 s: wait forever",
                TimeValue(Seconds(0)),
                MakeTimeAccessor(&IotDeviceApplication::m_resultTimeout),
                MakeBoundedTimeChecker("ns3::IotDeviceApplication::ResultTimeout",
                                       Seconds(0),
                                       Seconds(86400)))
            .AddAttribute("DeviceIdlePower",
                          "Power of the device's compute while it runs no layers (W, >= 0)",
                          DoubleValue(0.0),
                          MakeConvertingDoubleAccessor(&IotDeviceApplication::m_deviceIdlePower),
                          MakeBoundedDoubleChecker("ns3::IotDeviceApplication::DeviceIdlePower",
                                                   0,
                                                   false,
                                                   MAX_DEVICE_POWER,
                                                   "W"))
            .AddAttribute("DeviceActivePower",
                          "Power of the device's compute while it runs a frame's layers (W, >= 0)",
                          DoubleValue(0.0),
                          MakeConvertingDoubleAccessor(&IotDeviceApplication::m_deviceActivePower),
                          MakeBoundedDoubleChecker("ns3::IotDeviceApplication::DeviceActivePower",
                                                   0,
                                                   false,
                                                   MAX_DEVICE_POWER,
                                                   "W"))
            .AddAttribute(
                "DeviceEnergyPerMac",
                "Energy of one multiply-accumulate on the device on top of DeviceActivePower (J, "
                ">= 0)",
                DoubleValue(0.0),
                MakeConvertingDoubleAccessor(&IotDeviceApplication::m_deviceEnergyPerMac),
                MakeBoundedDoubleChecker("ns3::IotDeviceApplication::DeviceEnergyPerMac",
                                         0,
                                         false,
                                         MAX_DEVICE_ENERGY_PER_MAC,
                                         "J"))
            .AddAttribute("EnergyBudget",
                          "The device's energy budget per frame (J, >= 0) for the schedulers: "
                          "its layers and its radio sending the cut; 0: none",
                          DoubleValue(0.0),
                          MakeConvertingDoubleAccessor(&IotDeviceApplication::m_energyBudget),
                          MakeBoundedDoubleChecker("ns3::IotDeviceApplication::EnergyBudget",
                                                   0,
                                                   false,
                                                   MAX_ENERGY_BUDGET,
                                                   "J"))
            .AddTraceSource("FrameCreated",
                            "A frame was created: task id, frame sequence number, bytes",
                            MakeTraceSourceAccessor(&IotDeviceApplication::m_frameCreated),
                            "ns3::edgednn::IotDeviceApplication::FrameTracedCallback")
            .AddTraceSource("FrameSent",
                            "A frame's last byte was handed to the socket: task, frame, bytes",
                            MakeTraceSourceAccessor(&IotDeviceApplication::m_frameSent),
                            "ns3::edgednn::IotDeviceApplication::FrameTracedCallback")
            .AddTraceSource("ResultReceived",
                            "A frame's result came back, with the latency breakdown",
                            MakeTraceSourceAccessor(&IotDeviceApplication::m_resultReceived),
                            "ns3::edgednn::IotDeviceApplication::ResultTracedCallback")
            .AddTraceSource("TaskRejected",
                            "The task was not admitted (by a scheduler): it sends nothing; task id",
                            MakeTraceSourceAccessor(&IotDeviceApplication::m_taskRejected),
                            "ns3::edgednn::IotDeviceApplication::TaskTracedCallback")
            .AddTraceSource("TaskDecision",
                            "A scheduler decided about the task (placed or rejected): the decision",
                            MakeTraceSourceAccessor(&IotDeviceApplication::m_taskDecision),
                            "ns3::edgednn::IotDeviceApplication::DecisionTracedCallback")
            .AddTraceSource("Handover",
                            "The device associated with another edge server's access point and its "
                            "task was decided again there: the move and its outcome",
                            MakeTraceSourceAccessor(&IotDeviceApplication::m_handover),
                            "ns3::edgednn::IotDeviceApplication::HandoverTracedCallback")
            .AddTraceSource("DeviceComputeEnergy",
                            "The device finished a frame's layers: task, frame, energy (J), "
                            "DeviceActivePower x compute time + DeviceEnergyPerMac x MACs",
                            MakeTraceSourceAccessor(&IotDeviceApplication::m_deviceComputeEnergy),
                            "ns3::edgednn::IotDeviceApplication::EnergyTracedCallback")
            .AddTraceSource(
                "FrameDropped",
                "The device gave a frame up: the frame (task and sequence number) and "
                "the reason (battery-empty: its battery emptied before its result came)",
                MakeTraceSourceAccessor(&IotDeviceApplication::m_frameDropped),
                "ns3::edgednn::IotDeviceApplication::DropTracedCallback")
            .AddTraceSource("FrameLost",
                            "A frame was given up (result lost or timed out): task, frame",
                            MakeTraceSourceAccessor(&IotDeviceApplication::m_frameLost),
                            "ns3::edgednn::IotDeviceApplication::LostTracedCallback");
    return tid;
}

IotDeviceApplication::IotDeviceApplication()
{
    NS_LOG_FUNCTION(this);
}

IotDeviceApplication::~IotDeviceApplication()
{
    NS_LOG_FUNCTION(this);
}

void
IotDeviceApplication::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_sender)
    {
        m_sender->Stop();
    }
    m_sender = nullptr;
    m_socket = nullptr;
    m_retired.clear();
    m_interArrival = nullptr;
    m_profile = nullptr;
    m_point = nullptr;
    m_devicePoint = nullptr;
    m_deviceQueue.reset();
    // m_deviceMeter is kept: the recorder reads the energy at the run's end, after the nodes
    // are disposed (it holds no pointer).
    m_admission = AdmissionCallback();
    m_datagrams.reset();
    Application::DoDispose();
}

std::string
IotDeviceApplication::Describe() const
{
    std::ostringstream os;
    os << "IotDeviceApplication";
    if (GetNode())
    {
        os << " on node " << GetNode()->GetId();
    }
    os << " (task " << m_taskId << ")";
    return os.str();
}

void
IotDeviceApplication::Validate() const
{
    const std::string who = Describe() + ": ";
    const SplitProfile* profile = nullptr;
    try
    {
        GetEncoding();
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(who +
                           "attributes InputBytesPerElement, FeatureBytesPerElement, "
                           "FeatureCompression: " +
                           e.what());
    }
    try
    {
        profile = &GetProfile();
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(who + "attribute Model: " + e.what());
    }
    const SplitPoint* point = profile->FindSplitPoint(m_splitIndex);
    if (point == nullptr)
    {
        throw EdgeDnnError(who + "attribute SplitIndex: " + std::to_string(m_splitIndex) +
                           " is not a split point of " + m_model + " (0.." +
                           std::to_string(profile->GetLastIndex()) + ")");
    }
    CheckDeviceSplit(*profile, *point);
    if (!m_interArrival && !(m_frameRate > 0))
    {
        throw EdgeDnnError(who + "attribute FrameRate: must be > 0 frames/s (or set InterArrival)");
    }
    if (!m_deadline.IsStrictlyPositive())
    {
        throw EdgeDnnError(who + "attribute Deadline: must be > 0 s");
    }
    if (!InetSocketAddress::IsMatchingType(m_remote))
    {
        throw EdgeDnnError(who + "attribute Remote: expected the edge server's InetSocketAddress");
    }
    MessageSender::ValidateTransport(who, m_protocol, m_maxDatagramSize);
}

int64_t
IotDeviceApplication::AssignStreams(int64_t stream)
{
    if (m_interArrival)
    {
        m_interArrival->SetStream(stream);
        return 1;
    }
    return 0;
}

void
IotDeviceApplication::SetAdmitted(bool admitted)
{
    m_admitted = admitted;
}

bool
IotDeviceApplication::IsAdmitted() const
{
    return m_admitted;
}

void
IotDeviceApplication::ApplyDecision(const TaskDecision& decision)
{
    NS_LOG_FUNCTION(this << decision);
    if (decision.taskId != m_taskId)
    {
        throw EdgeDnnError(Describe() + ": a decision for task " + std::to_string(decision.taskId) +
                           " was applied to it");
    }
    const bool wasAdmitted = m_admitted;
    const Address previousRemote = m_remote;
    m_admitted = decision.admitted;
    if (decision.admitted)
    {
        m_remote = decision.edge;
        m_splitIndex = decision.splitIndex;
        m_deviceSplitIndex = decision.deviceSplitIndex;
    }
    m_decision = decision;
    if (m_running)
    {
        // A decision during the run: frames already created keep their split and their
        // connection; the next frames follow the decision.
        if (!m_admitted)
        {
            if (wasAdmitted)
            {
                NS_LOG_INFO(Describe() << " is shed: it creates no more frames");
                m_nextFrame.Cancel();
            }
        }
        else if (!m_sender)
        {
            StartSending(); // admitted for the first time during the run
        }
        else
        {
            UpdateSplitPoint();
            if (!(previousRemote == m_remote))
            {
                Reconnect();
            }
            if (!wasAdmitted && m_framesStarted)
            {
                ResumeFrames();
            }
        }
    }
    m_taskDecision(decision);
}

void
IotDeviceApplication::NotifyHandover(const Handover& handover)
{
    NS_LOG_FUNCTION(this << handover);
    if (handover.taskId != m_taskId)
    {
        throw EdgeDnnError(Describe() + ": a handover of task " + std::to_string(handover.taskId) +
                           " was announced on it");
    }
    NS_LOG_INFO(Describe() << ": " << handover);
    m_handover(handover);
}

void
IotDeviceApplication::CheckDeviceSplit(const SplitProfile& profile, const SplitPoint& point) const
{
    const std::string who = Describe() + ": ";
    const SplitPoint* device = profile.FindSplitPoint(m_deviceSplitIndex);
    if (device == nullptr)
    {
        throw EdgeDnnError(who + "attribute DeviceSplitIndex: " +
                           std::to_string(m_deviceSplitIndex) + " is not a split point of " +
                           m_model + " (0.." + std::to_string(profile.GetLastIndex()) + ")");
    }
    try
    {
        CostModel::CheckDeviceSplit(profile, *device, point);
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(who + "attribute DeviceSplitIndex: " + e.what());
    }
    if (m_deviceSplitIndex != 0 && !(m_deviceCapacity > 0))
    {
        throw EdgeDnnError(who +
                           "attribute DeviceSplitIndex: " + std::to_string(m_deviceSplitIndex) +
                           " runs layers on the device, whose DeviceCapacity is 0 MAC/s: expected "
                           "a DeviceCapacity > 0 or DeviceSplitIndex 0");
    }
}

void
IotDeviceApplication::UpdateSplitPoint()
{
    m_point = m_profile->FindSplitPoint(m_splitIndex);
    if (m_point == nullptr)
    {
        throw EdgeDnnError(Describe() + ": split index " + std::to_string(m_splitIndex) +
                           " is not a split point of " + m_model + " (0.." +
                           std::to_string(m_profile->GetLastIndex()) + ")");
    }
    CheckDeviceSplit(*m_profile, *m_point);
    m_devicePoint = m_profile->FindSplitPoint(m_deviceSplitIndex);
    m_featureBytes = static_cast<uint32_t>(CostModel::CutBytes(*m_profile, *m_point, m_bytes));
    // What the access link carries: the device cut's tensor (the raw input at device split 0).
    m_sentBytes = static_cast<uint32_t>(CostModel::CutBytes(*m_profile, *m_devicePoint, m_bytes));
    m_deviceTime = Seconds(CostModel::DeviceComputeSeconds(*m_devicePoint, m_deviceCapacity));
}

std::optional<TaskDecision>
IotDeviceApplication::GetDecision() const
{
    return m_decision;
}

void
IotDeviceApplication::SetAdmissionControl(AdmissionCallback admission)
{
    m_admission = admission;
}

uint32_t
IotDeviceApplication::GetTaskId() const
{
    return m_taskId;
}

const std::string&
IotDeviceApplication::GetModel() const
{
    return m_model;
}

uint32_t
IotDeviceApplication::GetSplitIndex() const
{
    return m_splitIndex;
}

uint32_t
IotDeviceApplication::GetDeviceSplitIndex() const
{
    return m_deviceSplitIndex;
}

double
IotDeviceApplication::GetDeviceCapacity() const
{
    return m_deviceCapacity;
}

Time
IotDeviceApplication::GetDeadline() const
{
    return m_deadline;
}

double
IotDeviceApplication::GetFrameRate() const
{
    return m_frameRate;
}

uint32_t
IotDeviceApplication::GetInputBytes() const
{
    if (m_inputBytes != 0)
    {
        return m_inputBytes;
    }
    return static_cast<uint32_t>(GetProfile().GetInputBytes());
}

TensorEncoding
IotDeviceApplication::GetEncoding() const
{
    return TensorEncoding(m_inputBytesPerElement, m_featureBytesPerElement, m_featureCompression);
}

const SplitProfile&
IotDeviceApplication::GetProfile() const
{
    return ModelRegistry::GetProfile(m_model, GetEncoding());
}

LatencyModel
IotDeviceApplication::GetLatencyModel() const
{
    return m_latencyModel;
}

uint32_t
IotDeviceApplication::GetResultSize() const
{
    return m_resultSize;
}

TypeId
IotDeviceApplication::GetProtocol() const
{
    return m_protocol;
}

double
IotDeviceApplication::GetDeviceActivePower() const
{
    return m_deviceActivePower;
}

double
IotDeviceApplication::GetDeviceEnergyPerMac() const
{
    return m_deviceEnergyPerMac;
}

double
IotDeviceApplication::GetEnergyBudget() const
{
    return m_energyBudget;
}

ComputeEnergy
IotDeviceApplication::GetComputeEnergy() const
{
    return m_deviceMeter ? m_deviceMeter->GetEnergy(Simulator::Now()) : ComputeEnergy();
}

uint32_t
IotDeviceApplication::GetFramesCreated() const
{
    return m_created;
}

uint32_t
IotDeviceApplication::GetMaxDatagramSize() const
{
    return m_maxDatagramSize;
}

Address
IotDeviceApplication::GetRemote() const
{
    return m_remote;
}

void
IotDeviceApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = true;
    // The device's compute idles from its start, admitted or not.
    m_deviceMeter = std::make_unique<ComputeEnergyMeter>(m_deviceIdlePower,
                                                         m_deviceActivePower,
                                                         m_deviceEnergyPerMac,
                                                         1,
                                                         Simulator::Now());
    if (m_admitted && !m_admission.IsNull())
    {
        m_admitted = m_admission(this);
    }
    if (!m_admitted)
    {
        NS_LOG_INFO(Describe() << " was not admitted: it sends nothing");
        m_taskRejected(m_taskId);
        return;
    }
    StartSending();
}

void
IotDeviceApplication::StartSending()
{
    Validate();
    m_profile = &GetProfile();
    m_bytes = GetInputBytes();
    UpdateSplitPoint();
    // The device's own layers: one frame at a time, the others waiting in order.
    m_deviceQueue =
        std::make_unique<ComputeQueue>(1,
                                       UINT32_MAX,
                                       MakeCallback(&IotDeviceApplication::OnDeviceStart, this),
                                       MakeCallback(&IotDeviceApplication::OnDeviceDone, this));
    OpenConnection();
    if (m_protocol != TcpSocketFactory::GetTypeId())
    {
        StartFrames();
    }
}

void
IotDeviceApplication::OpenConnection()
{
    const bool tcp = m_protocol == TcpSocketFactory::GetTypeId();
    m_socket = Socket::CreateSocket(GetNode(), m_protocol);
    if (m_socket->Bind() == -1)
    {
        throw EdgeDnnError(Describe() + ": cannot bind a socket");
    }
    m_sender = Create<MessageSender>(m_socket,
                                     tcp ? MessageSender::STREAM : MessageSender::DATAGRAM,
                                     m_maxDatagramSize);
    m_sender->SetSentCallback(MakeCallback(&IotDeviceApplication::OnFrameSent, this));
    // A RadioEnergyMeter tells the frames' transmissions by their tags; without one, no tags.
    m_sender->SetTagFrames(HasRadioEnergyMeter());
    m_socket->SetRecvCallback(MakeCallback(&IotDeviceApplication::OnReceive, this));
    m_stream = MessageStreamReassembler();
    m_datagrams.reset();
    if (tcp)
    {
        m_socket->SetConnectCallback(MakeCallback(&IotDeviceApplication::OnConnected, this),
                                     MakeCallback(&IotDeviceApplication::OnConnectionFailed, this));
    }
    else
    {
        m_datagrams = std::make_unique<MessageDatagramReassembler>(
            m_reassemblyTimeout,
            MakeCallback(&IotDeviceApplication::OnDatagramMessage, this),
            MakeCallback(&IotDeviceApplication::OnMessageLost, this));
    }
    const bool routed = MessageSender::HasRoute(GetNode(), m_remote);
    if (!routed || m_socket->Connect(m_remote) == -1)
    {
        std::ostringstream os;
        os << Describe() << ": cannot connect to the edge server at "
           << InetSocketAddress::ConvertFrom(m_remote).GetIpv4() << ":"
           << InetSocketAddress::ConvertFrom(m_remote).GetPort() << " (attribute Remote): "
           << (routed ? "socket error " + std::to_string(m_socket->GetErrno())
                      : "no route to host");
        throw EdgeDnnError(os.str());
    }
    if (!tcp)
    {
        m_sender->SetReady(true);
    }
}

void
IotDeviceApplication::Reconnect()
{
    NS_LOG_INFO(Describe() << " moves to the edge server at "
                           << InetSocketAddress::ConvertFrom(m_remote).GetIpv4());
    // The old connection stays open: it still carries the frames queued on it, and their
    // results come back over it.
    Connection old;
    old.socket = m_socket;
    old.sender = m_sender;
    old.stream = std::move(m_stream);
    old.datagrams = std::move(m_datagrams);
    m_retired.push_back(std::move(old));
    OpenConnection();
}

void
IotDeviceApplication::StartFrames()
{
    if (!m_framesStarted)
    {
        m_framesStarted = true;
        CreateFrame(); // a camera starts producing frames once connected to its edge server
    }
}

bool
IotDeviceApplication::HasRadioEnergyMeter() const
{
    Ptr<Node> node = GetNode();
    for (uint32_t d = 0; d < node->GetNDevices(); ++d)
    {
        if (node->GetDevice(d)->GetObject<RadioEnergyMeter>())
        {
            return true;
        }
    }
    return false;
}

void
IotDeviceApplication::StopOnEmptyBattery()
{
    NS_LOG_FUNCTION(this);
    if (!m_running || m_batteryEmpty)
    {
        return;
    }
    m_batteryEmpty = true;
    NS_LOG_INFO(Describe() << ": the battery is empty: the device stops, its " << m_open.size()
                           << " open frames are dropped");
    // Every frame without a result ends here, dropped with the reason, rather than left open.
    std::map<uint32_t, EventId> open;
    open.swap(m_open);
    for (auto& [seq, timeout] : open)
    {
        timeout.Cancel();
        EdgeDnnHeader header;
        header.SetTaskId(m_taskId);
        header.SetFrameSeq(seq);
        m_frameDropped(header, "battery-empty");
    }
    StopApplication();
}

bool
IotDeviceApplication::IsBatteryEmpty() const
{
    return m_batteryEmpty;
}

void
IotDeviceApplication::ResumeFrames()
{
    if (m_admitted && !m_nextFrame.IsRunning() && (m_maxFrames == 0 || m_created < m_maxFrames))
    {
        NS_LOG_INFO(Describe() << " is re-admitted: it creates frames again");
        CreateFrame();
    }
}

void
IotDeviceApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_batteryEmpty && !m_running)
    {
        return; // stopped when the battery emptied
    }
    m_running = false;
    if (m_deviceMeter)
    {
        m_deviceMeter->Stop(Simulator::Now()); // a frame cut off is the meter's unfinished energy
    }
    if (!m_sender)
    {
        return; // never started (not admitted)
    }
    m_nextFrame.Cancel();
    if (m_deviceQueue)
    {
        m_deviceQueue->Clear(); // frames still on the device stay in flight
    }
    for (auto& [seq, timeout] : m_open)
    {
        timeout.Cancel();
    }
    m_retired.push_back(
        Connection{m_socket, m_sender, std::move(m_stream), std::move(m_datagrams)});
    for (Connection& connection : m_retired)
    {
        connection.sender->Stop();
        connection.socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        connection.socket->Close();
    }
    m_retired.clear();
}

void
IotDeviceApplication::CreateFrame()
{
    if (!m_admitted)
    {
        return; // shed
    }
    const uint32_t seq = m_created++;
    EdgeDnnHeader header;
    header.SetMessageType(EdgeDnnHeader::FRAME);
    header.SetTaskId(m_taskId);
    header.SetFrameSeq(seq);
    header.SetSplitIndex(m_splitIndex);
    header.SetDeviceSplitIndex(m_deviceSplitIndex);
    // The access link carries the device cut's tensor: the raw input without a device prefix.
    header.SetPayloadSize(m_sentBytes);
    // What the edge and the cloud run for this frame: the task's split points, from the cost
    // model (the edge runs the layers between the device's cut and its own).
    header.SetFeatureBytes(m_featureBytes);
    header.SetEdgeMacs(CostModel::EdgeMacs(*m_devicePoint, *m_point));
    header.SetEdgeWork(CostModel::MeasuredEdgeTime(*m_point));
    header.SetCloudMacs(m_point->cloudMacs);
    header.SetCloudWork(CostModel::MeasuredCloudTime(*m_point));
    header.SetResultSize(m_resultSize);
    header.SetTime(EdgeDnnHeader::CREATED, Simulator::Now());
    NS_LOG_INFO(Describe() << " frame " << seq << " of " << m_bytes << " B");
    m_frameCreated(m_taskId, seq, m_bytes);
    m_open[seq] = m_resultTimeout.IsStrictlyPositive()
                      ? Simulator::Schedule(m_resultTimeout,
                                            &IotDeviceApplication::OnResultTimeout,
                                            this,
                                            seq)
                      : EventId();
    if (m_deviceSplitIndex == 0)
    {
        m_sender->Send(header); // today's path: the raw frame leaves as it is created
    }
    else
    {
        m_deviceQueue->Submit(header, m_deviceTime); // unbounded: never refused
    }
    if (m_maxFrames == 0 || m_created < m_maxFrames)
    {
        const Time gap =
            m_interArrival ? Seconds(m_interArrival->GetValue()) : Seconds(1.0 / m_frameRate);
        m_nextFrame = Simulator::Schedule(gap, &IotDeviceApplication::CreateFrame, this);
    }
}

void
IotDeviceApplication::OnDeviceStart(EdgeDnnHeader& header)
{
    header.SetTime(EdgeDnnHeader::DEVICE_START, Simulator::Now());
    m_deviceMeter->JobStarted(Simulator::Now());
}

void
IotDeviceApplication::OnDeviceDone(EdgeDnnHeader& header)
{
    header.SetTime(EdgeDnnHeader::DEVICE_DONE, Simulator::Now());
    const SplitPoint* point = m_profile->FindSplitPoint(header.GetDeviceSplitIndex());
    const uint64_t macs = point ? CostModel::DeviceMacs(*point) : 0;
    m_deviceComputeEnergy(header.GetTaskId(),
                          header.GetFrameSeq(),
                          m_deviceMeter->JobFinished(header.GetTime(EdgeDnnHeader::DEVICE_START),
                                                     Simulator::Now(),
                                                     macs));
    NS_LOG_INFO(Describe() << " frame " << header.GetFrameSeq() << " computed to device split "
                           << header.GetDeviceSplitIndex() << ": " << header.GetPayloadSize()
                           << " B to send");
    m_sender->Send(header);
}

void
IotDeviceApplication::OnConnected(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (socket != m_socket)
    {
        for (Connection& connection : m_retired)
        {
            if (connection.socket == socket)
            {
                connection.sender->SetReady(true); // moved on before it was up
            }
        }
        return;
    }
    m_sender->SetReady(true);
    StartFrames();
}

void
IotDeviceApplication::OnConnectionFailed(Ptr<Socket> /* socket */)
{
    std::ostringstream os;
    os << Describe() << ": the connection to the edge server at "
       << InetSocketAddress::ConvertFrom(m_remote).GetIpv4() << ":"
       << InetSocketAddress::ConvertFrom(m_remote).GetPort()
       << " failed (attribute Remote: is an EdgeServerApplication listening there?)";
    throw EdgeDnnError(os.str());
}

void
IotDeviceApplication::OnReceive(Ptr<Socket> socket)
{
    MessageStreamReassembler* stream = &m_stream;
    MessageDatagramReassembler* datagrams = m_datagrams.get();
    if (socket != m_socket)
    {
        for (Connection& connection : m_retired)
        {
            if (connection.socket == socket)
            {
                stream = &connection.stream;
                datagrams = connection.datagrams.get();
            }
        }
    }
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (datagrams)
        {
            datagrams->Receive(packet, from);
            continue;
        }
        for (const EdgeDnnHeader& header : stream->Receive(packet))
        {
            OnMessage(header);
        }
    }
}

void
IotDeviceApplication::OnMessage(const EdgeDnnHeader& header)
{
    if (header.GetMessageType() != EdgeDnnHeader::RESULT || header.GetTaskId() != m_taskId)
    {
        NS_LOG_WARN(Describe() << " ignores an unexpected message " << header);
        return;
    }
    auto it = m_open.find(header.GetFrameSeq());
    if (it == m_open.end())
    {
        NS_LOG_INFO(Describe() << " result of frame " << header.GetFrameSeq()
                               << " came after the frame was given up");
        return;
    }
    it->second.Cancel();
    m_open.erase(it);
    FrameResult result(header, Simulator::Now(), m_deadline);
    const bool inTime = m_latencyModel == LatencyModel::TRANSFER ? result.metTransferDeadline
                                                                 : result.metEndToEndDeadline;
    result.status = inTime ? FrameStatus::COMPLETED : FrameStatus::LATE;
    NS_LOG_INFO(Describe() << " result of frame " << result.frameSeq << " after "
                           << result.endToEnd.As(Time::MS) << " ("
                           << FrameStatusToString(result.status) << ")");
    m_resultReceived(result);
}

void
IotDeviceApplication::OnDatagramMessage(const EdgeDnnHeader& header, const Address& /* from */)
{
    OnMessage(header);
}

void
IotDeviceApplication::OnMessageLost(const EdgeDnnHeader& header, const Address& /* from */)
{
    auto it = m_open.find(header.GetFrameSeq());
    if (it != m_open.end())
    {
        it->second.Cancel();
        m_open.erase(it);
        m_frameLost(m_taskId, header.GetFrameSeq());
    }
}

void
IotDeviceApplication::OnResultTimeout(uint32_t seq)
{
    if (m_open.erase(seq) != 0)
    {
        NS_LOG_INFO(Describe() << " frame " << seq << " timed out");
        m_frameLost(m_taskId, seq);
    }
}

void
IotDeviceApplication::OnFrameSent(const EdgeDnnHeader& header)
{
    m_frameSent(m_taskId, header.GetFrameSeq(), header.GetPayloadSize());
}

} // namespace edgednn
} // namespace ns3
