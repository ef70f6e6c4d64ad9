/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-server-application.h"

#include "edge-dnn-error.h"
#include "edge-dnn-model-registry.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("EdgeServerApplication");

NS_OBJECT_ENSURE_REGISTERED(EdgeServerApplication);

TypeId
EdgeServerApplication::GetTypeId()
{
    static TypeId tid =
        AddServerAttributes(TypeId("ns3::EdgeServerApplication")
                                .SetParent<InferenceServerApplication>()
                                .SetGroupName("EdgeDnn")
                                .AddConstructor<EdgeServerApplication>(),
                            9000,
                            1,
                            1e11,
                            64)
            .AddAttribute(
                "Model",
                "Network of tasks not configured with AddTask (zoo or ModelRegistry name); "
                "empty: such frames are dropped",
                StringValue(""),
                MakeStringAccessor(&EdgeServerApplication::m_model),
                MakeStringChecker())
            .AddAttribute("SplitIndex",
                          "Split index of tasks not configured with AddTask",
                          UintegerValue(0),
                          MakeUintegerAccessor(&EdgeServerApplication::m_splitIndex),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("CloudAddress",
                          "Cloud server (InetSocketAddress) of tasks not configured with AddTask",
                          AddressValue(),
                          MakeAddressAccessor(&EdgeServerApplication::m_cloudAddress),
                          MakeAddressChecker())
            .AddAttribute("InputBytesPerElement",
                          "Bytes per element of the raw input (B)",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&EdgeServerApplication::m_inputBytesPerElement),
                          MakeDoubleChecker<double>())
            .AddAttribute("FeatureBytesPerElement",
                          "Bytes per element of the features sent to the cloud (B): 4 float32, 2 "
                          "float16, 1 int8",
                          DoubleValue(4.0),
                          MakeDoubleAccessor(&EdgeServerApplication::m_featureBytesPerElement),
                          MakeDoubleChecker<double>())
            .AddAttribute("FeatureCompression",
                          "Compression factor (>= 1) dividing the feature bytes",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&EdgeServerApplication::m_featureCompression),
                          MakeDoubleChecker<double>())
            .AddTraceSource("FeaturesSent",
                            "The data crossing a frame's cut was handed to the socket to the cloud",
                            MakeTraceSourceAccessor(&EdgeServerApplication::m_featuresSent),
                            "ns3::edgednn::EdgeDnnHeader::TracedCallback")
            .AddTraceSource("ResultForwarded",
                            "A result from the cloud was relayed to its device",
                            MakeTraceSourceAccessor(&EdgeServerApplication::m_resultForwarded),
                            "ns3::edgednn::EdgeDnnHeader::TracedCallback");
    return tid;
}

EdgeServerApplication::EdgeServerApplication()
{
    NS_LOG_FUNCTION(this);
}

EdgeServerApplication::~EdgeServerApplication()
{
    NS_LOG_FUNCTION(this);
}

void
EdgeServerApplication::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [id, task] : m_tasks)
    {
        if (task.sender)
        {
            task.sender->Stop();
        }
        task.sender = nullptr;
        task.socket = nullptr;
        task.device = ReplyPath();
        task.datagrams.reset();
    }
    m_tasks.clear();
    InferenceServerApplication::DoDispose();
}

const SplitProfile&
EdgeServerApplication::GetProfile(const std::string& model) const
{
    return ModelRegistry::GetProfile(
        model,
        TensorEncoding(m_inputBytesPerElement, m_featureBytesPerElement, m_featureCompression));
}

void
EdgeServerApplication::Validate() const
{
    InferenceServerApplication::Validate();
    const std::string who = Describe() + ": ";
    try
    {
        TensorEncoding(m_inputBytesPerElement, m_featureBytesPerElement, m_featureCompression);
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(who +
                           "attributes InputBytesPerElement, FeatureBytesPerElement, "
                           "FeatureCompression: " +
                           e.what());
    }
    if (m_model.empty())
    {
        return;
    }
    const SplitProfile* profile = nullptr;
    try
    {
        profile = &GetProfile(m_model);
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(who + "attribute Model: " + e.what());
    }
    if (profile->FindSplitPoint(m_splitIndex) == nullptr)
    {
        throw EdgeDnnError(who + "attribute SplitIndex: " + std::to_string(m_splitIndex) +
                           " is not a split point of " + m_model + " (0.." +
                           std::to_string(profile->GetLastIndex()) + ")");
    }
    if (!InetSocketAddress::IsMatchingType(m_cloudAddress))
    {
        throw EdgeDnnError(who +
                           "attribute CloudAddress: expected the cloud server's "
                           "InetSocketAddress (Model is set, so frames of unconfigured tasks go "
                           "there)");
    }
}

void
EdgeServerApplication::AddTask(uint32_t taskId,
                               const std::string& model,
                               uint32_t splitIndex,
                               const Address& cloud,
                               DataRate pacing)
{
    const std::string who = Describe() + ": task " + std::to_string(taskId) + ": ";
    const SplitProfile* profile = nullptr;
    try
    {
        profile = &GetProfile(model);
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(who + "model: " + e.what());
    }
    const SplitPoint* split = profile->FindSplitPoint(splitIndex);
    if (split == nullptr)
    {
        throw EdgeDnnError(who + "split index " + std::to_string(splitIndex) +
                           " is not a split point of " + model + " (0.." +
                           std::to_string(profile->GetLastIndex()) + ")");
    }
    if (!InetSocketAddress::IsMatchingType(cloud))
    {
        throw EdgeDnnError(who + "cloud: expected the cloud server's InetSocketAddress");
    }
    auto [it, added] = m_tasks.try_emplace(taskId);
    Task& task = it->second;
    if (!added && task.sender)
    {
        task.sender->Stop();
        task.sender = nullptr;
        task.socket = nullptr;
    }
    task.model = model;
    task.splitIndex = splitIndex;
    task.cloud = cloud;
    task.pacing = pacing;
    task.split = split;
    task.unit = profile->GetCostUnit();
    if (m_started)
    {
        Connect(taskId, task);
    }
}

bool
EdgeServerApplication::HasTask(uint32_t taskId) const
{
    return m_tasks.count(taskId) != 0;
}

uint32_t
EdgeServerApplication::GetTaskSplitIndex(uint32_t taskId) const
{
    auto it = m_tasks.find(taskId);
    NS_ABORT_MSG_IF(it == m_tasks.end(), "task " << taskId << " is not configured");
    return it->second.splitIndex;
}

void
EdgeServerApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    Validate();
    InferenceServerApplication::StartApplication();
    m_started = true;
    for (auto& [id, task] : m_tasks)
    {
        Connect(id, task);
    }
}

void
EdgeServerApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_started = false;
    for (auto& [id, task] : m_tasks)
    {
        if (task.sender)
        {
            task.sender->Stop();
        }
        if (task.socket)
        {
            task.socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            task.socket->Close();
        }
    }
    InferenceServerApplication::StopApplication();
}

void
EdgeServerApplication::Connect(uint32_t taskId, Task& task)
{
    task.socket = Socket::CreateSocket(GetNode(), m_protocol);
    task.socket->Bind();
    task.sender = MakeSender(task.socket);
    task.sender->SetPacingRate(task.pacing);
    task.sender->SetSentCallback(MakeCallback(&EdgeServerApplication::OnFeaturesSent, this));
    task.socket->SetRecvCallback(MakeCallback(&EdgeServerApplication::OnCloudReceive, this));
    if (IsTcp())
    {
        task.socket->SetConnectCallback(
            MakeCallback(&EdgeServerApplication::OnCloudConnected, this),
            MakeCallback(&EdgeServerApplication::OnCloudConnectionFailed, this));
    }
    else
    {
        task.datagrams = std::make_unique<MessageDatagramReassembler>(
            m_reassemblyTimeout,
            MakeCallback(&EdgeServerApplication::OnCloudDatagram, this),
            MakeCallback(&EdgeServerApplication::OnCloudDatagramLost, this));
    }
    const bool routed = MessageSender::HasRoute(GetNode(), task.cloud);
    if (!routed || task.socket->Connect(task.cloud) == -1)
    {
        const InetSocketAddress cloud = InetSocketAddress::ConvertFrom(task.cloud);
        std::ostringstream os;
        os << Describe() << ": task " << taskId << ": cannot connect to the cloud server at "
           << cloud.GetIpv4() << ":" << cloud.GetPort() << ": "
           << (routed ? "socket error " + std::to_string(task.socket->GetErrno())
                      : "no route to host");
        throw EdgeDnnError(os.str());
    }
    if (!IsTcp())
    {
        task.sender->SetReady(true);
    }
}

EdgeServerApplication::Task*
EdgeServerApplication::FindTask(uint32_t taskId)
{
    auto it = m_tasks.find(taskId);
    if (it != m_tasks.end())
    {
        return &it->second;
    }
    if (m_model.empty())
    {
        return nullptr;
    }
    AddTask(taskId, m_model, m_splitIndex, m_cloudAddress);
    return &m_tasks.at(taskId);
}

void
EdgeServerApplication::HandleMessage(const EdgeDnnHeader& received, const ReplyPath& reply)
{
    if (received.GetMessageType() != EdgeDnnHeader::FRAME)
    {
        NS_LOG_WARN(Describe() << " ignores a " << received << " from a device");
        return;
    }
    Task* task = FindTask(received.GetTaskId());
    if (task == nullptr)
    {
        Drop(received, "unknown-task");
        return;
    }
    task->device = reply;
    EdgeDnnHeader header = received;
    header.SetTime(EdgeDnnHeader::EDGE_RX, Simulator::Now());
    header.SetSplitIndex(task->splitIndex);
    const Time duration = task->unit == SplitCostUnit::SECONDS ? Seconds(task->split->edgeSeconds)
                                                               : ComputeTime(task->split->edgeMacs);
    SubmitJob(header, duration);
}

void
EdgeServerApplication::HandleJobStarted(EdgeDnnHeader& header)
{
    header.SetTime(EdgeDnnHeader::EDGE_START, Simulator::Now());
}

void
EdgeServerApplication::HandleJobFinished(EdgeDnnHeader& header)
{
    header.SetTime(EdgeDnnHeader::EDGE_DONE, Simulator::Now());
    auto it = m_tasks.find(header.GetTaskId());
    if (it == m_tasks.end() || !it->second.sender)
    {
        Drop(header, "unknown-task");
        return;
    }
    const Task& task = it->second;
    header.SetMessageType(EdgeDnnHeader::FEATURES);
    if (task.splitIndex != 0)
    {
        header.SetPayloadSize(static_cast<uint32_t>(task.split->bytes));
    }
    header.SetCloudMacs(task.split->cloudMacs);
    header.SetCloudWork(task.unit == SplitCostUnit::SECONDS ? Seconds(task.split->cloudSeconds)
                                                            : Seconds(-1));
    task.sender->Send(header);
}

void
EdgeServerApplication::OnFeaturesSent(const EdgeDnnHeader& header)
{
    m_featuresSent(header);
}

void
EdgeServerApplication::OnCloudConnected(Ptr<Socket> socket)
{
    for (auto& [id, task] : m_tasks)
    {
        if (task.socket == socket)
        {
            task.sender->SetReady(true);
        }
    }
}

void
EdgeServerApplication::OnCloudConnectionFailed(Ptr<Socket> socket)
{
    for (auto& [id, task] : m_tasks)
    {
        if (task.socket == socket)
        {
            const InetSocketAddress cloud = InetSocketAddress::ConvertFrom(task.cloud);
            std::ostringstream os;
            os << Describe() << ": task " << id << ": the connection to the cloud server at "
               << cloud.GetIpv4() << ":" << cloud.GetPort()
               << " failed (is a CloudServerApplication listening there?)";
            throw EdgeDnnError(os.str());
        }
    }
}

void
EdgeServerApplication::OnCloudReceive(Ptr<Socket> socket)
{
    Task* owner = nullptr;
    for (auto& [id, task] : m_tasks)
    {
        if (task.socket == socket)
        {
            owner = &task;
            break;
        }
    }
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (owner == nullptr)
        {
            continue;
        }
        if (owner->datagrams)
        {
            owner->datagrams->Receive(packet, from);
            continue;
        }
        for (const EdgeDnnHeader& header : owner->stream.Receive(packet))
        {
            OnResult(header);
        }
    }
}

void
EdgeServerApplication::OnCloudDatagram(const EdgeDnnHeader& header, const Address& /* from */)
{
    OnResult(header);
}

void
EdgeServerApplication::OnCloudDatagramLost(const EdgeDnnHeader& header, const Address& /* from */)
{
    Drop(header, "lost");
}

void
EdgeServerApplication::OnResult(const EdgeDnnHeader& header)
{
    auto it = m_tasks.find(header.GetTaskId());
    if (header.GetMessageType() != EdgeDnnHeader::RESULT || it == m_tasks.end() ||
        !it->second.device.sender)
    {
        NS_LOG_WARN(Describe() << " cannot relay " << header);
        return;
    }
    it->second.device.sender->Send(header, it->second.device.to);
    m_resultForwarded(header);
}

} // namespace edgednn
} // namespace ns3
