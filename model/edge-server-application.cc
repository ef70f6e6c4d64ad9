/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-server-application.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-error.h"
#include "edge-dnn-named-attribute-checker.h"
#include "edge-dnn-named-enum-checker.h"
#include "edge-dnn-number-converting-accessor.h"

#include "ns3/data-rate.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/trace-source-accessor.h"

#include <cmath>
#include <sstream>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("EdgeServerApplication");

NS_OBJECT_ENSURE_REGISTERED(EdgeServerApplication);

namespace
{

/// Largest uplink capacity (bit/s): 10 Tbit/s, 25 times a 400 Gbit/s Ethernet link.
constexpr uint64_t MAX_UPLINK_CAPACITY = 10000000000000ULL;

} // namespace

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
            .AddAttribute("CloudAddress",
                          "Cloud server (InetSocketAddress) of tasks without a placement "
                          "(PlaceTask, SchedulerHelper); unset: their frames are dropped",
                          AddressValue(),
                          MakeAddressAccessor(&EdgeServerApplication::m_cloudAddress),
                          MakeNamedChecker("ns3::EdgeServerApplication::CloudAddress",
                                           MakeAddressChecker(),
                                           "the cloud server\'s InetSocketAddress, or unset"))
            .AddAttribute("UplinkSharing",
                          "How the tasks placed here share the uplink to the cloud: "
                          "allocation (each paced at its allocated rate, a cap), spare-shared "
                          "(UplinkCapacity shared out in proportion to the allocations), "
                          "work-conserving (UplinkCapacity shared in proportion to the allocations "
                          "among the tasks with data to send) or unpaced (TCP's own sharing)",
                          EnumValue(WORK_CONSERVING),
                          MakeEnumAccessor(&EdgeServerApplication::m_uplinkSharing),
                          MakeNamedEnumChecker("ns3::EdgeServerApplication::UplinkSharing",
                                               {{ALLOCATION, "allocation"},
                                                {SPARE_SHARED, "spare-shared"},
                                                {WORK_CONSERVING, "work-conserving"},
                                                {UNPACED, "unpaced"}}))
            .AddAttribute("UplinkCapacity",
                          "What the tasks placed here may use of the uplink together, V b_i on "
                          "the wire (SchedulerHelper sets it); 0: each task is paced at its "
                          "allocation",
                          DataRateValue(DataRate(0)),
                          MakeDataRateAccessor(&EdgeServerApplication::m_uplinkCapacity),
                          MakeBoundedDataRateChecker("ns3::EdgeServerApplication::UplinkCapacity",
                                                     0,
                                                     MAX_UPLINK_CAPACITY))
            .AddAttribute("UplinkEstimator",
                          "Estimates the usable uplink rate from the transfers to the cloud "
                          "(TCP only; SchedulerHelper::EnableReplanning sets one); null: none",
                          PointerValue(),
                          MakePointerAccessor(&EdgeServerApplication::m_estimator),
                          MakePointerChecker<UplinkRateEstimator>())
            .AddTraceSource("UplinkEstimate",
                            "The UplinkEstimator has a new estimate of the usable uplink rate",
                            MakeTraceSourceAccessor(&EdgeServerApplication::m_uplinkEstimate),
                            "ns3::edgednn::UplinkRateEstimator::EstimateTracedCallback")
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
    : m_uplinkSharing(WORK_CONSERVING),
      m_uplinkCapacity(0)
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
    m_estimator = nullptr;
    InferenceServerApplication::DoDispose();
}

void
EdgeServerApplication::Validate() const
{
    InferenceServerApplication::Validate();
    if (!m_cloudAddress.IsInvalid() && !InetSocketAddress::IsMatchingType(m_cloudAddress))
    {
        throw EdgeDnnError(Describe() + ": attribute CloudAddress: expected the cloud server's "
                                        "InetSocketAddress");
    }
}

void
EdgeServerApplication::PlaceTask(uint32_t taskId,
                                 const Address& cloud,
                                 DataRate allocatedRate,
                                 const TransportPath& path)
{
    const std::string who = Describe() + ": task " + std::to_string(taskId) + ": ";
    if (!InetSocketAddress::IsMatchingType(cloud))
    {
        throw EdgeDnnError(who + "cloud: expected the cloud server's InetSocketAddress");
    }
    path.Validate(who + "pacing");
    auto [it, added] = m_tasks.try_emplace(taskId);
    Task& task = it->second;
    if (!added && task.sender && task.cloud == cloud && task.path.protocol == path.protocol &&
        !task.unreachable)
    {
        // A new allocation during the run: the connection and what is queued on it stay.
        task.pacing = allocatedRate;
        task.path = path;
        SharePacing();
        return;
    }
    if (!added && task.sender)
    {
        task.sender->Stop();
        task.sender = nullptr;
        task.socket = nullptr;
    }
    task.cloud = cloud;
    task.pacing = allocatedRate;
    task.path = path;
    task.backlogged = false;
    if (m_started)
    {
        Connect(taskId, task);
    }
    SharePacing();
}

DataRate
EdgeServerApplication::GetPacingRate(uint32_t taskId) const
{
    auto it = m_tasks.find(taskId);
    return it == m_tasks.end() ? DataRate(0) : it->second.rate;
}

void
EdgeServerApplication::OnBacklogChanged(uint32_t taskId, bool backlogged)
{
    auto it = m_tasks.find(taskId);
    if (it == m_tasks.end() || it->second.backlogged == backlogged)
    {
        return;
    }
    it->second.backlogged = backlogged;
    if (m_uplinkSharing == WORK_CONSERVING)
    {
        SharePacing();
    }
}

void
EdgeServerApplication::SharePacing()
{
    std::vector<double> allocated;
    std::vector<bool> backlogged;
    for (const auto& [id, task] : m_tasks)
    {
        allocated.push_back(static_cast<double>(task.pacing.GetBitRate()));
        backlogged.push_back(task.backlogged);
    }
    const std::vector<double> rates =
        ShareUplink(m_uplinkSharing,
                    static_cast<double>(m_uplinkCapacity.GetBitRate()),
                    allocated,
                    backlogged);
    std::size_t k = 0;
    for (auto& [id, task] : m_tasks)
    {
        // A task without an allocation (CloudAddress) is not paced under any policy.
        task.rate = task.pacing.GetBitRate() == 0
                        ? DataRate(0)
                        : DataRate(static_cast<uint64_t>(std::ceil(rates[k])));
        if (task.sender)
        {
            task.sender->SetPacing(task.rate, task.path);
        }
        ++k;
    }
}

bool
EdgeServerApplication::HasTask(uint32_t taskId) const
{
    return m_tasks.count(taskId) != 0;
}

void
EdgeServerApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    Validate();
    if (m_estimator)
    {
        if (!IsTcp())
        {
            throw EdgeDnnError(Describe() +
                               ": attribute UplinkEstimator: it reads TCP's acknowledgements; "
                               "expected Protocol ns3::TcpSocketFactory");
        }
        m_estimator->TraceConnectWithoutContext(
            "Estimate",
            MakeCallback(&EdgeServerApplication::OnUplinkEstimate, this));
        m_estimator->Start();
    }
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
    if (m_estimator)
    {
        m_estimator->Stop();
        m_estimator->TraceDisconnectWithoutContext(
            "Estimate",
            MakeCallback(&EdgeServerApplication::OnUplinkEstimate, this));
    }
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
    task.unreachable = false;
    task.socket = Socket::CreateSocket(GetNode(), m_protocol);
    task.socket->Bind();
    task.sender = MakeSender(task.socket);
    task.sender->SetPacing(task.rate, task.path);
    task.sender->SetSentCallback(MakeCallback(&EdgeServerApplication::OnFeaturesSent, this));
    task.sender->SetBacklogCallback(
        MakeCallback(&EdgeServerApplication::OnBacklogChanged, this).Bind(taskId));
    task.socket->SetRecvCallback(MakeCallback(&EdgeServerApplication::OnCloudReceive, this));
    if (IsTcp() && m_estimator)
    {
        m_estimator->AddConnection(task.socket, task.path);
    }
    if (IsTcp())
    {
        task.socket->SetConnectCallback(
            MakeCallback(&EdgeServerApplication::OnCloudConnected, this),
            MakeCallback(&EdgeServerApplication::OnCloudConnectionFailed, this));
        task.socket->SetCloseCallbacks(MakeCallback(&EdgeServerApplication::OnCloudClosed, this),
                                       MakeCallback(&EdgeServerApplication::OnCloudClosed, this));
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
    if (m_cloudAddress.IsInvalid())
    {
        return nullptr;
    }
    PlaceTask(taskId, m_cloudAddress);
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
    SubmitJob(header,
              ComputeTime(header.GetEdgeMacs(), header.GetEdgeWork()),
              header.GetEdgeMacs());
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
    if (it->second.unreachable)
    {
        Drop(header, "cloud-unreachable");
        return;
    }
    header.SetMessageType(EdgeDnnHeader::FEATURES);
    header.SetPayloadSize(header.GetFeatureBytes());
    it->second.sender->Send(header);
}

Ptr<UplinkRateEstimator>
EdgeServerApplication::GetUplinkEstimator() const
{
    return m_estimator;
}

void
EdgeServerApplication::OnUplinkEstimate(DataRate estimate)
{
    m_uplinkEstimate(estimate);
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
    OnCloudLost(socket, "could not be established (no answer)");
}

void
EdgeServerApplication::OnCloudClosed(Ptr<Socket> socket)
{
    OnCloudLost(socket, "was closed or refused by the cloud's node");
}

void
EdgeServerApplication::OnCloudLost(Ptr<Socket> socket, const std::string& what)
{
    if (!m_started)
    {
        return; // the edge closed it (StopApplication)
    }
    for (auto& [id, task] : m_tasks)
    {
        if (task.socket == socket && !task.unreachable)
        {
            const InetSocketAddress cloud = InetSocketAddress::ConvertFrom(task.cloud);
            NS_LOG_WARN(Describe() << ": task " << id << ": the connection to the cloud server at "
                                   << cloud.GetIpv4() << ":" << cloud.GetPort() << " " << what
                                   << " (is a CloudServerApplication listening there?): its "
                                      "frames are dropped here (cloud-unreachable)");
            task.unreachable = true;
            task.sender->Stop();
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
