/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-inference-server-application.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"
#include "edge-dnn-fragment-header.h"
#include "edge-dnn-named-attribute-checker.h"
#include "edge-dnn-number-converting-accessor.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("InferenceServerApplication");

NS_OBJECT_ENSURE_REGISTERED(InferenceServerApplication);

namespace
{

/// Most workers of one server: 10^5 accelerators, more than one data centre of the studies holds.
constexpr uint64_t MAX_WORKERS = 100000;
/// Largest capacity of one worker (MAC/s): 10^18, about 1000 times today's largest accelerator.
constexpr double MAX_WORKER_CAPACITY = 1e18;
/// Largest power of one worker (W): 1 MW, more than a thousand of today's largest accelerators.
constexpr double MAX_WORKER_POWER = 1e6;
/// Largest energy per MAC (J): 1 mJ, about 10^9 times what published accelerators spend.
constexpr double MAX_ENERGY_PER_MAC = 1e-3;

} // namespace

TypeId
InferenceServerApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::InferenceServerApplication")
            .SetParent<Application>()
            .SetGroupName("EdgeDnn")
            .AddTraceSource("FrameReceived",
                            "A message arrived completely",
                            MakeTraceSourceAccessor(&InferenceServerApplication::m_frameReceived),
                            "ns3::edgednn::EdgeDnnHeader::TracedCallback")
            .AddTraceSource("JobQueued",
                            "A job found every worker busy and waits in the queue",
                            MakeTraceSourceAccessor(&InferenceServerApplication::m_jobQueued),
                            "ns3::edgednn::EdgeDnnHeader::TracedCallback")
            .AddTraceSource("JobStarted",
                            "A worker started a job",
                            MakeTraceSourceAccessor(&InferenceServerApplication::m_jobStarted),
                            "ns3::edgednn::EdgeDnnHeader::TracedCallback")
            .AddTraceSource("JobFinished",
                            "A worker finished a job",
                            MakeTraceSourceAccessor(&InferenceServerApplication::m_jobFinished),
                            "ns3::edgednn::EdgeDnnHeader::TracedCallback")
            .AddTraceSource("JobEnergy",
                            "A worker finished a job: its frame and its energy (J), ActivePower x "
                            "compute time + EnergyPerMac x MACs",
                            MakeTraceSourceAccessor(&InferenceServerApplication::m_jobEnergy),
                            "ns3::edgednn::InferenceServerApplication::EnergyTracedCallback")
            .AddTraceSource("FrameDropped",
                            "A frame was dropped: the frame and the reason (queue-full, lost, "
                            "unknown-task, server-stopped, cloud-unreachable)",
                            MakeTraceSourceAccessor(&InferenceServerApplication::m_frameDropped),
                            "ns3::edgednn::InferenceServerApplication::DropTracedCallback")
            .AddTraceSource("QueueLength",
                            "Jobs waiting for a worker",
                            MakeTraceSourceAccessor(&InferenceServerApplication::m_queueLength),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("BusyWorkers",
                            "Workers busy",
                            MakeTraceSourceAccessor(&InferenceServerApplication::m_busyWorkers),
                            "ns3::TracedValueCallback::Uint32");
    return tid;
}

TypeId
InferenceServerApplication::AddServerAttributes(TypeId tid,
                                                uint16_t port,
                                                uint32_t workers,
                                                double workerCapacity,
                                                uint32_t maxQueueLength)
{
    return tid
        .AddAttribute(
            "Port",
            "Port to listen on",
            UintegerValue(port),
            MakeConvertingUintegerAccessor(&InferenceServerApplication::m_port),
            MakeBoundedUintegerChecker<uint16_t>(tid.GetName() + "::Port", 0, UINT16_MAX, ""))
        .AddAttribute("Protocol",
                      "The transport: ns3::TcpSocketFactory or ns3::UdpSocketFactory",
                      TypeIdValue(TcpSocketFactory::GetTypeId()),
                      MakeTypeIdAccessor(&InferenceServerApplication::m_protocol),
                      MakeNamedChecker(tid.GetName() + "::Protocol",
                                       MakeTypeIdChecker(),
                                       "ns3::TcpSocketFactory or ns3::UdpSocketFactory"))
        .AddAttribute(
            "Workers",
            "Compute workers running jobs in parallel (>= 1)",
            UintegerValue(workers),
            MakeConvertingUintegerAccessor(&InferenceServerApplication::m_workers),
            MakeBoundedUintegerChecker<uint32_t>(tid.GetName() + "::Workers", 1, MAX_WORKERS, ""))
        .AddAttribute("WorkerCapacity",
                      "Compute capacity of one worker (MAC/s, > 0); a job takes its MACs over this",
                      DoubleValue(workerCapacity),
                      MakeConvertingDoubleAccessor(&InferenceServerApplication::m_workerCapacity),
                      MakeBoundedDoubleChecker(tid.GetName() + "::WorkerCapacity",
                                               0,
                                               true,
                                               MAX_WORKER_CAPACITY,
                                               "MAC/s"))
        .AddAttribute("MaxQueueLength",
                      "Jobs that may wait for a worker; a job arriving at a full queue is dropped",
                      UintegerValue(maxQueueLength),
                      MakeConvertingUintegerAccessor(&InferenceServerApplication::m_maxQueueLength),
                      MakeBoundedUintegerChecker<uint32_t>(tid.GetName() + "::MaxQueueLength",
                                                           0,
                                                           UINT32_MAX,
                                                           ""))
        .AddAttribute(
            "MaxDatagramSize",
            "Largest UDP datagram payload (B); messages are fragmented to fit",
            UintegerValue(1400),
            MakeConvertingUintegerAccessor(&InferenceServerApplication::m_maxDatagramSize),
            MakeBoundedUintegerChecker<uint32_t>(tid.GetName() + "::MaxDatagramSize",
                                                 MessageSender::GetMinDatagramSize(),
                                                 65507,
                                                 "B"))
        .AddAttribute("ReassemblyTimeout",
                      "UDP: a message whose fragments are not all in after this is lost (> 0)",
                      TimeValue(Seconds(1)),
                      MakeTimeAccessor(&InferenceServerApplication::m_reassemblyTimeout),
                      MakeBoundedTimeChecker(tid.GetName() + "::ReassemblyTimeout",
                                             NanoSeconds(1),
                                             Seconds(86400)))
        .AddAttribute("IdlePower",
                      "Power of one idle worker (W, >= 0): drawn while it runs no job",
                      DoubleValue(0.0),
                      MakeConvertingDoubleAccessor(&InferenceServerApplication::m_idlePower),
                      MakeBoundedDoubleChecker(tid.GetName() + "::IdlePower",
                                               0,
                                               false,
                                               MAX_WORKER_POWER,
                                               "W"))
        .AddAttribute("ActivePower",
                      "Power of one busy worker (W, >= 0): a job costs this over its compute time",
                      DoubleValue(0.0),
                      MakeConvertingDoubleAccessor(&InferenceServerApplication::m_activePower),
                      MakeBoundedDoubleChecker(tid.GetName() + "::ActivePower",
                                               0,
                                               false,
                                               MAX_WORKER_POWER,
                                               "W"))
        .AddAttribute("EnergyPerMac",
                      "Energy of one multiply-accumulate on top of ActivePower (J, >= 0)",
                      DoubleValue(0.0),
                      MakeConvertingDoubleAccessor(&InferenceServerApplication::m_energyPerMac),
                      MakeBoundedDoubleChecker(tid.GetName() + "::EnergyPerMac",
                                               0,
                                               false,
                                               MAX_ENERGY_PER_MAC,
                                               "J"));
}

InferenceServerApplication::InferenceServerApplication()
{
    NS_LOG_FUNCTION(this);
}

InferenceServerApplication::~InferenceServerApplication()
{
    NS_LOG_FUNCTION(this);
}

void
InferenceServerApplication::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_compute.reset();
    // m_meter is kept: the recorder reads the energy at the run's end, after the nodes are
    // disposed (it holds no pointer).
    m_jobs.clear();
    m_datagrams.reset();
    for (auto& [socket, peer] : m_peers)
    {
        peer.sender->Stop();
    }
    m_peers.clear();
    m_peerIndex.clear();
    if (m_datagramSender)
    {
        m_datagramSender->Stop();
    }
    m_datagramSender = nullptr;
    m_listener = nullptr;
    Application::DoDispose();
}

std::string
InferenceServerApplication::Describe() const
{
    std::ostringstream os;
    os << GetInstanceTypeId().GetName().substr(5); // without "ns3::"
    if (GetNode())
    {
        os << " on node " << GetNode()->GetId();
    }
    return os.str();
}

double
InferenceServerApplication::GetTotalCapacity() const
{
    return m_workers * m_workerCapacity;
}

ComputeEnergy
InferenceServerApplication::GetComputeEnergy() const
{
    return m_meter ? m_meter->GetEnergy(Simulator::Now()) : ComputeEnergy();
}

double
InferenceServerApplication::GetIdlePower() const
{
    return m_idlePower;
}

double
InferenceServerApplication::GetActivePower() const
{
    return m_activePower;
}

double
InferenceServerApplication::GetEnergyPerMac() const
{
    return m_energyPerMac;
}

uint32_t
InferenceServerApplication::GetWorkers() const
{
    return m_workers;
}

double
InferenceServerApplication::GetWorkerCapacity() const
{
    return m_workerCapacity;
}

uint16_t
InferenceServerApplication::GetPort() const
{
    return m_port;
}

TypeId
InferenceServerApplication::GetProtocol() const
{
    return m_protocol;
}

uint32_t
InferenceServerApplication::GetMaxDatagramSize() const
{
    return m_maxDatagramSize;
}

bool
InferenceServerApplication::IsTcp() const
{
    return m_protocol == TcpSocketFactory::GetTypeId();
}

void
InferenceServerApplication::Validate() const
{
    const std::string who = Describe() + ": ";
    if (m_workers == 0)
    {
        throw EdgeDnnError(who + "attribute Workers: must be at least 1");
    }
    if (!(m_workerCapacity > 0) || !std::isfinite(m_workerCapacity))
    {
        std::ostringstream os;
        os << who << "attribute WorkerCapacity: must be > 0 MAC/s, got " << m_workerCapacity;
        throw EdgeDnnError(os.str());
    }
    MessageSender::ValidateTransport(who, m_protocol, m_maxDatagramSize);
}

Ptr<MessageSender>
InferenceServerApplication::MakeSender(Ptr<Socket> socket) const
{
    return Create<MessageSender>(socket,
                                 IsTcp() ? MessageSender::STREAM : MessageSender::DATAGRAM,
                                 m_maxDatagramSize);
}

void
InferenceServerApplication::StartApplication()
{
    NS_LOG_FUNCTION(this);
    Validate();
    m_compute = std::make_unique<ComputeQueue>(
        m_workers,
        m_maxQueueLength,
        MakeCallback(&InferenceServerApplication::OnJobStarted, this),
        MakeCallback(&InferenceServerApplication::OnJobFinished, this));
    m_meter = std::make_unique<ComputeEnergyMeter>(m_idlePower,
                                                   m_activePower,
                                                   m_energyPerMac,
                                                   m_workers,
                                                   Simulator::Now());
    m_listener = Socket::CreateSocket(GetNode(), m_protocol);
    if (m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) == -1)
    {
        std::ostringstream os;
        os << Describe() << ": attribute Port: cannot listen on port " << m_port
           << (m_listener->GetErrno() == Socket::ERROR_ADDRINUSE ? ": the port is in use"
                                                                 : ": bind failed");
        throw EdgeDnnError(os.str());
    }
    m_listener->SetRecvCallback(MakeCallback(&InferenceServerApplication::OnReceive, this));
    if (IsTcp())
    {
        m_listener->Listen();
        m_listener->SetAcceptCallback(
            MakeCallback(&InferenceServerApplication::OnConnectionRequest, this),
            MakeCallback(&InferenceServerApplication::OnAccept, this));
    }
    else
    {
        m_datagramSender = MakeSender(m_listener);
        m_datagramSender->SetReady(true);
        m_datagrams = std::make_unique<MessageDatagramReassembler>(
            m_reassemblyTimeout,
            MakeCallback(&InferenceServerApplication::OnDatagramMessage, this),
            MakeCallback(&InferenceServerApplication::OnDatagramLost, this));
    }
}

void
InferenceServerApplication::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_compute)
    {
        m_compute->Clear();
        UpdateLoad();
    }
    if (m_meter)
    {
        m_meter->Stop(Simulator::Now()); // the jobs cut off are the meter's unfinished energy
    }
    // The frames whose jobs were running or waiting end here, dropped with the reason, rather
    // than left without a final state.
    std::map<std::pair<uint32_t, uint32_t>, HeldJob> held;
    held.swap(m_jobs);
    for (const auto& [key, job] : held)
    {
        Drop(job.header, "server-stopped");
    }
    for (auto& [socket, peer] : m_peers)
    {
        peer.sender->Stop();
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }
    m_peers.clear();
    m_peerIndex.clear();
    if (m_listener)
    {
        m_listener->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_listener->Close();
    }
}

bool
InferenceServerApplication::OnConnectionRequest(Ptr<Socket> /* socket */, const Address& /* from */)
{
    return true;
}

void
InferenceServerApplication::OnAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    Peer peer;
    peer.sender = MakeSender(socket);
    peer.sender->SetReady(true);
    Peer& entry = m_peers[socket];
    entry = peer;
    m_peerIndex[PeekPointer(socket)] = &entry;
    socket->SetRecvCallback(MakeCallback(&InferenceServerApplication::OnReceive, this));
    socket->SetCloseCallbacks(MakeCallback(&InferenceServerApplication::OnPeerClose, this),
                              MakeCallback(&InferenceServerApplication::OnPeerClose, this));
}

void
InferenceServerApplication::OnPeerClose(Ptr<Socket> socket)
{
    auto it = m_peers.find(socket);
    if (it != m_peers.end())
    {
        it->second.sender->Stop();
        m_peerIndex.erase(PeekPointer(socket));
        m_peers.erase(it);
    }
}

void
InferenceServerApplication::OnReceive(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (m_datagrams)
        {
            m_datagrams->Receive(packet, from);
            continue;
        }
        auto it = m_peerIndex.find(PeekPointer(socket));
        if (it == m_peerIndex.end())
        {
            return;
        }
        Peer& peer = *it->second;
        const ReplyPath reply{peer.sender, Address()};
        for (const EdgeDnnHeader& header : peer.stream.Receive(packet))
        {
            m_frameReceived(header);
            HandleMessage(header, reply);
        }
    }
}

void
InferenceServerApplication::OnDatagramMessage(const EdgeDnnHeader& header, const Address& from)
{
    m_frameReceived(header);
    HandleMessage(header, ReplyPath{m_datagramSender, from});
}

void
InferenceServerApplication::OnDatagramLost(const EdgeDnnHeader& header, const Address& /* from */)
{
    Drop(header, "lost");
}

void
InferenceServerApplication::Drop(const EdgeDnnHeader& header, const std::string& reason)
{
    NS_LOG_INFO(Describe() << " drops " << header << ": " << reason);
    m_frameDropped(header, reason);
}

Time
InferenceServerApplication::ComputeTime(uint64_t macs, Time measured) const
{
    return CostModel::ComputeTime(macs, measured, m_workerCapacity);
}

bool
InferenceServerApplication::SubmitJob(const EdgeDnnHeader& header, Time duration, uint64_t macs)
{
    if (duration.IsZero())
    {
        EdgeDnnHeader copy = header;
        HandleJobStarted(copy);
        m_meter->JobStarted(Simulator::Now());
        m_jobEnergy(copy, m_meter->JobFinished(Simulator::Now(), Simulator::Now(), macs));
        HandleJobFinished(copy);
        return true;
    }
    const bool waits = m_compute->GetBusyWorkers() == m_workers;
    // Held before it is submitted: a free worker starts it (OnJobStarted) inside Submit.
    const std::pair<uint32_t, uint32_t> key{header.GetTaskId(), header.GetFrameSeq()};
    HeldJob& job = m_jobs[key];
    job.header = header;
    job.macs = macs;
    if (!m_compute->Submit(header, duration))
    {
        m_jobs.erase(key);
        Drop(header, "queue-full");
        return false;
    }
    if (waits)
    {
        m_jobQueued(header);
    }
    UpdateLoad();
    return true;
}

void
InferenceServerApplication::OnJobStarted(EdgeDnnHeader& header)
{
    auto it = m_jobs.find({header.GetTaskId(), header.GetFrameSeq()});
    if (it != m_jobs.end())
    {
        it->second.started = Simulator::Now();
    }
    m_meter->JobStarted(Simulator::Now());
    HandleJobStarted(header);
    m_jobStarted(header);
}

void
InferenceServerApplication::OnJobFinished(EdgeDnnHeader& header)
{
    auto it = m_jobs.find({header.GetTaskId(), header.GetFrameSeq()});
    Time started = Simulator::Now();
    uint64_t macs = 0;
    if (it != m_jobs.end())
    {
        started = it->second.started;
        macs = it->second.macs;
        m_jobs.erase(it);
    }
    const double energy = m_meter->JobFinished(started, Simulator::Now(), macs);
    UpdateLoad();
    m_jobFinished(header);
    m_jobEnergy(header, energy);
    HandleJobFinished(header);
}

void
InferenceServerApplication::UpdateLoad()
{
    m_queueLength = m_compute->GetQueueLength();
    m_busyWorkers = m_compute->GetBusyWorkers();
}

} // namespace edgednn
} // namespace ns3
