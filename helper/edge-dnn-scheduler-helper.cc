/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-scheduler-helper.h"

#include "ns3/ap-wifi-mac.h"
#include "ns3/cloud-server-application.h"
#include "ns3/data-rate.h"
#include "ns3/edge-dnn-bounded-attribute-checker.h"
#include "ns3/edge-dnn-cost-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-message-sender.h"
#include "ns3/edge-dnn-radio-energy-meter.h"
#include "ns3/edge-dnn-scheduling-problem-format.h"
#include "ns3/edge-dnn-uplink-rate-estimator.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/sta-wifi-mac.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/wifi-net-device.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <tuple>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("SchedulerHelper");

SchedulerHelper::SchedulerHelper(const std::string& algorithm)
    : m_factory(algorithm),
      m_algorithm(m_factory.GetName())
{
}

SchedulerHelper::~SchedulerHelper()
{
    m_periodicReplan.Cancel();
    m_pendingCheck.Cancel();
    if (m_policy)
    {
        for (uint32_t i = 0; i < m_servers.size() && i < m_plannedUplinkBps.size(); ++i)
        {
            m_servers[i].app->TraceDisconnectWithoutContext(
                "UplinkEstimate",
                MakeCallback(&SchedulerHelper::OnUplinkEstimate, this).Bind(i));
        }
    }
}

void
SchedulerHelper::SetAlgorithm(const std::string& algorithm)
{
    SetScheduler(algorithm);
}

void
SchedulerHelper::SetScheduler(const std::string& type,
                              const std::string& n0,
                              const AttributeValue& v0,
                              const std::string& n1,
                              const AttributeValue& v1,
                              const std::string& n2,
                              const AttributeValue& v2,
                              const std::string& n3,
                              const AttributeValue& v3)
{
    TaskSchedulerFactory factory(type);
    const auto set = [&factory](const std::string& name, const AttributeValue& value) {
        if (!name.empty())
        {
            factory.Set(name, value);
        }
    };
    set(n0, v0);
    set(n1, v1);
    set(n2, v2);
    set(n3, v3);
    m_factory = factory;
    m_algorithm = m_factory.GetName();
}

void
SchedulerHelper::SetSchedulerAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
    m_algorithm = m_factory.GetName();
}

bool
SchedulerHelper::SetSchedulerAttributeFailSafe(const std::string& name, const AttributeValue& value)
{
    const bool set = m_factory.SetFailSafe(name, value);
    m_algorithm = m_factory.GetName();
    return set;
}

Ptr<TaskScheduler>
SchedulerHelper::CreateScheduler() const
{
    return m_factory.Create();
}

void
SchedulerHelper::SetLatencyModel(LatencyModel model)
{
    m_latencyModel = model;
}

void
SchedulerHelper::SetUsableShare(double share)
{
    if (!(share > 0 && share <= 1))
    {
        std::ostringstream os;
        os << "SchedulerHelper: usable share V must be in (0, 1], got " << share;
        throw EdgeDnnError(os.str());
    }
    m_usableShare = share;
}

void
SchedulerHelper::SetCloudCapacity(double macsPerS)
{
    if (!(std::isfinite(macsPerS) && macsPerS >= 0))
    {
        std::ostringstream os;
        os << "SchedulerHelper: cloud capacity must be a finite number >= 0 MAC/s, got "
           << macsPerS;
        throw EdgeDnnError(os.str());
    }
    m_cloudCapacity = macsPerS;
}

void
SchedulerHelper::SetQueueBound(Time bound)
{
    if (!bound.IsStrictlyPositive())
    {
        std::ostringstream os;
        os << "SchedulerHelper: the queue bound D_i must be > 0 s, got " << bound.GetSeconds()
           << " s";
        throw EdgeDnnError(os.str());
    }
    m_queueBoundS = bound.GetSeconds();
}

void
SchedulerHelper::SetDeviceTimes(Ptr<IotDeviceApplication> device, Time uplink, Time result)
{
    if (uplink.IsStrictlyNegative() || result.IsStrictlyNegative())
    {
        throw EdgeDnnError("SchedulerHelper::SetDeviceTimes: task " +
                           std::to_string(device->GetTaskId()) + ": times must be >= 0 s");
    }
    for (Device& d : m_devices)
    {
        if (d.app == device)
        {
            d.times = std::make_pair(uplink.GetSeconds(), result.GetSeconds());
            return;
        }
    }
    throw EdgeDnnError("SchedulerHelper::SetDeviceTimes: task " +
                       std::to_string(device->GetTaskId()) + " was not added with AddDevice");
}

namespace
{

/**
 * \brief A node's first hop toward an address, as the cost model counts it.
 * \param node the node
 * \param to the address
 * \param protocol the transport
 * \param maxDatagramSize largest UDP datagram payload
 * \return the hop's path and rate (bit/s), or nothing if it is not a point-to-point or CSMA
 * device with a DataRate
 */
std::optional<std::pair<TransportPath, double>>
FirstHop(Ptr<Node> node, const Address& to, TypeId protocol, uint32_t maxDatagramSize)
{
    Ptr<NetDevice> device = MessageSender::RouteDevice(node, to);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!device && ipv4 && ipv4->GetNInterfaces() == 2)
    {
        // No route, but one interface besides the loopback: everything the node sends leaves
        // through it. So it is in a distributed (MPI) run, where ns-3's global routing computes
        // the routes of the rank's own nodes only, and every rank must schedule every task alike.
        device = ipv4->GetNetDevice(1);
    }
    DataRateValue rate;
    if (!device || !device->GetAttributeFailSafe("DataRate", rate))
    {
        return std::nullopt;
    }
    try
    {
        return std::make_pair(TransportPath::ForDevice(device, protocol, maxDatagramSize),
                              static_cast<double>(rate.Get().GetBitRate()));
    }
    catch (const EdgeDnnError&)
    {
        return std::nullopt;
    }
}

} // namespace

std::pair<double, double>
SchedulerHelper::DeviceTimes(const Device& d) const
{
    if (d.times)
    {
        return *d.times;
    }
    const Ptr<IotDeviceApplication> device = d.app;
    const std::string who = "SchedulerHelper: task " + std::to_string(device->GetTaskId()) + ": ";
    const auto access = FirstHop(device->GetNode(),
                                 device->GetRemote(),
                                 device->GetProtocol(),
                                 device->GetMaxDatagramSize());
    if (!access)
    {
        throw EdgeDnnError(who +
                           "the end-to-end latency model needs its frames' time to the edge, and "
                           "its first hop is not a point-to-point or CSMA device with a DataRate; "
                           "give it with SchedulerHelper::SetDeviceTimes, or set the device's "
                           "LatencyModel to transfer");
    }
    const auto& [accessPath, accessBps] = *access;
    const double uplink =
        CostModel::TransferTime(accessPath, device->GetInputBytes(), accessBps).GetSeconds();
    double result = 0;
    for (uint32_t i : d.servers)
    {
        const Server& s = m_servers[i];
        // Back from the cloud over the server's uplink (the slowest of the servers)...
        const double up = CostModel::TransferTime(s.path,
                                                  device->GetResultSize(),
                                                  static_cast<double>(s.uplink.GetBitRate()))
                              .GetSeconds();
        result = std::max(result, up);
    }
    // ...then from the edge over the access link, taken as symmetric (point-to-point, CSMA).
    result += CostModel::TransferTime(accessPath, device->GetResultSize(), accessBps).GetSeconds();
    return {uplink, result};
}

void
SchedulerHelper::SetDeviceAccess(const Device& d, SchedulingTask& task) const
{
    const Ptr<IotDeviceApplication> device = d.app;
    const auto access = FirstHop(device->GetNode(),
                                 device->GetRemote(),
                                 device->GetProtocol(),
                                 device->GetMaxDatagramSize());
    if (!access)
    {
        throw EdgeDnnError("SchedulerHelper: task " + std::to_string(device->GetTaskId()) +
                           ": its DeviceCapacity lets it run layers on the device, and the "
                           "end-to-end latency model times what a device prefix sends over its "
                           "first hop, which is not a point-to-point or CSMA device with a "
                           "DataRate; set its DeviceCapacity to 0 or its LatencyModel to transfer");
    }
    std::tie(task.access, task.accessBps) = *access;
}

double
SchedulerHelper::AccessEnergyPerBit(Ptr<IotDeviceApplication> device)
{
    // The EnergyPerBit of a RadioEnergyMeter on the device's node (on Wi-Fi the planning figure
    // the user gives it); the first found, 0 without one.
    Ptr<Node> node = device->GetNode();
    for (uint32_t i = 0; node && i < node->GetNDevices(); ++i)
    {
        if (Ptr<RadioEnergyMeter> meter = node->GetDevice(i)->GetObject<RadioEnergyMeter>())
        {
            return meter->GetEnergyPerBit();
        }
    }
    return 0;
}

double
SchedulerHelper::CloudCapacity() const
{
    if (m_cloudCapacity > 0)
    {
        return m_cloudCapacity;
    }
    double capacity = std::numeric_limits<double>::infinity();
    for (const Server& s : m_servers)
    {
        const InetSocketAddress cloud = InetSocketAddress::ConvertFrom(s.cloud);
        Ptr<CloudServerApplication> found;
        for (auto node = NodeList::Begin(); node != NodeList::End() && !found; ++node)
        {
            Ptr<Ipv4> ipv4 = (*node)->GetObject<Ipv4>();
            if (!ipv4 || ipv4->GetInterfaceForAddress(cloud.GetIpv4()) < 0)
            {
                continue;
            }
            for (uint32_t a = 0; a < (*node)->GetNApplications(); ++a)
            {
                Ptr<CloudServerApplication> app =
                    DynamicCast<CloudServerApplication>((*node)->GetApplication(a));
                if (app && app->GetPort() == cloud.GetPort())
                {
                    found = app;
                    break;
                }
            }
        }
        if (!found)
        {
            std::ostringstream os;
            os << "SchedulerHelper: the end-to-end latency model needs the cloud's compute, and no "
                  "CloudServerApplication listens at "
               << cloud.GetIpv4() << ":" << cloud.GetPort()
               << "; install it first or give SetCloudCapacity";
            throw EdgeDnnError(os.str());
        }
        capacity = std::min(capacity, found->GetWorkerCapacity());
    }
    return capacity;
}

void
SchedulerHelper::SetPacing(bool pacing)
{
    m_pacing = pacing;
}

void
SchedulerHelper::SetPacingHeadroom(double factor)
{
    if (!(factor >= 1.0) || !std::isfinite(factor))
    {
        std::ostringstream os;
        os << "SchedulerHelper: pacing headroom must be a factor >= 1, got " << factor;
        throw EdgeDnnError(os.str());
    }
    m_pacingHeadroom = factor;
}

uint32_t
SchedulerHelper::AddEdgeServer(Ptr<EdgeServerApplication> edge,
                               DataRate uplink,
                               const Address& access,
                               const Address& cloud)
{
    // No device: TCP or UDP over IPv4 as the edge sends, framing and delay unknown (0).
    return AddEdgeServer(
        edge,
        uplink,
        TransportPath::ForSocket(edge->GetProtocol(), edge->GetMaxDatagramSize(), 0, 1500, Time(0)),
        access,
        cloud);
}

uint32_t
SchedulerHelper::AddEdgeServer(Ptr<EdgeServerApplication> edge,
                               DataRate uplink,
                               const TransportPath& path,
                               const Address& access,
                               const Address& cloud)
{
    if (!InetSocketAddress::IsMatchingType(access) || !InetSocketAddress::IsMatchingType(cloud))
    {
        throw EdgeDnnError("SchedulerHelper::AddEdgeServer: the access and cloud addresses must be "
                           "InetSocketAddresses (address and port)");
    }
    if (uplink.GetBitRate() == 0)
    {
        throw EdgeDnnError("SchedulerHelper::AddEdgeServer: the uplink rate b_i must be > 0 bit/s");
    }
    path.Validate("SchedulerHelper::AddEdgeServer");
    m_servers.push_back(Server{edge, uplink, path, access, cloud});
    return static_cast<uint32_t>(m_servers.size() - 1);
}

uint32_t
SchedulerHelper::AddEdgeServer(Ptr<EdgeServerApplication> edge,
                               Ptr<NetDevice> uplinkDevice,
                               const Address& access,
                               const Address& cloud)
{
    DataRateValue rate;
    if (!uplinkDevice->GetAttributeFailSafe("DataRate", rate))
    {
        throw EdgeDnnError("SchedulerHelper::AddEdgeServer: device " +
                           uplinkDevice->GetInstanceTypeId().GetName() +
                           " has no DataRate attribute; give the uplink rate b_i instead");
    }
    try
    {
        return AddEdgeServer(
            edge,
            rate.Get(),
            TransportPath::ForDevice(uplinkDevice, edge->GetProtocol(), edge->GetMaxDatagramSize()),
            access,
            cloud);
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(std::string("SchedulerHelper::AddEdgeServer: ") + e.what());
    }
}

void
SchedulerHelper::AddDevice(Ptr<IotDeviceApplication> device, const std::vector<uint32_t>& servers)
{
    Device d;
    d.app = device;
    d.servers = servers;
    if (d.servers.empty())
    {
        for (uint32_t i = 0; i < m_servers.size(); ++i)
        {
            if (m_servers[i].access == device->GetRemote())
            {
                d.servers.push_back(i);
            }
        }
    }
    for (uint32_t s : d.servers)
    {
        if (s >= m_servers.size())
        {
            throw EdgeDnnError("SchedulerHelper::AddDevice: task " +
                               std::to_string(device->GetTaskId()) + ": no edge server " +
                               std::to_string(s) + " (" + std::to_string(m_servers.size()) +
                               " registered)");
        }
    }
    if (d.servers.empty())
    {
        throw EdgeDnnError("SchedulerHelper::AddDevice: task " +
                           std::to_string(device->GetTaskId()) +
                           ": its Remote matches no registered edge server's access address; "
                           "register the server first or list the servers it may use");
    }
    m_devices.push_back(d);
}

const SchedulingProblem&
SchedulerHelper::BuildProblem()
{
    // The task is defined on its device: the problem's latency model is the devices'.
    std::optional<LatencyModel> model = m_latencyModel;
    for (const Device& d : m_devices)
    {
        if (model && d.app->GetLatencyModel() != *model)
        {
            throw EdgeDnnError("SchedulerHelper: task " + std::to_string(d.app->GetTaskId()) +
                               " has LatencyModel " + LatencyModelName(d.app->GetLatencyModel()) +
                               ", but " +
                               (m_latencyModel ? "SetLatencyModel expects " : "other tasks have ") +
                               LatencyModelName(*model) + "; one problem has one latency model");
        }
        model = d.app->GetLatencyModel();
    }
    m_problem = std::make_unique<SchedulingProblem>();
    m_problem->SetLatencyModel(model.value_or(LatencyModel::TRANSFER));
    const bool endToEnd = m_problem->GetLatencyModel() == LatencyModel::END_TO_END;
    m_problem->SetCloudCapacity(endToEnd ? CloudCapacity() : m_cloudCapacity);
    for (uint32_t i = 0; i < m_servers.size(); ++i)
    {
        m_servers[i].app->Validate();
        m_problem->AddServer(MakeServer(i));
    }
    for (const Device& d : m_devices)
    {
        d.app->Validate();
        SchedulingTask task;
        task.id = std::to_string(d.app->GetTaskId());
        task.model = d.app->GetModel();
        task.profile = std::make_shared<SplitProfile>(d.app->GetProfile());
        task.inputBytes = d.app->GetInputBytes();
        task.featureBytesPerElement = d.app->GetEncoding().GetFeatureBytesPerElement();
        task.frameRate = d.app->GetFrameRate();
        task.deadlineS = d.app->GetDeadline().GetSeconds();
        task.servers = d.servers;
        task.deviceMacsPerS = d.app->GetDeviceCapacity();
        task.energyBudgetJ = d.app->GetEnergyBudget();
        task.deviceActivePowerW = d.app->GetDeviceActivePower();
        task.deviceEnergyPerMacJ = d.app->GetDeviceEnergyPerMac();
        task.accessEnergyPerBitJ = AccessEnergyPerBit(d.app);
        if (endToEnd)
        {
            std::tie(task.uplinkS, task.resultS) = DeviceTimes(d);
            if (task.deviceMacsPerS > 0)
            {
                SetDeviceAccess(d, task);
            }
        }
        m_problem->AddTask(task);
    }
    m_assignment = Assignment(m_algorithm, m_problem->GetTaskCount());
    return *m_problem;
}

EdgeServer
SchedulerHelper::MakeServer(uint32_t index) const
{
    const Server& s = m_servers[index];
    EdgeServer server;
    server.id = std::to_string(index);
    server.computeMacsPerS = s.app->GetTotalCapacity();
    server.workers = s.app->GetWorkers();
    server.uplinkBps = static_cast<double>(s.uplink.GetBitRate());
    server.usableShare = m_usableShare;
    server.uplink = s.path;
    server.queueBoundS = m_queueBoundS;
    if (m_policy && server.uplink.protocol == TransportPath::TCP)
    {
        server.uplink.paceBurstSegments = ProbeBurst();
    }
    return server;
}

void
SchedulerHelper::ReadProblem(const std::string& path)
{
    auto problem = std::make_unique<SchedulingProblem>(SchedulingProblemFormat::ReadFile(path));
    if (problem->GetServerCount() != m_servers.size() ||
        problem->GetTaskCount() != m_devices.size())
    {
        std::ostringstream os;
        os << path << ": " << problem->GetServerCount() << " servers and "
           << problem->GetTaskCount() << " tasks, but " << m_servers.size() << " edge servers and "
           << m_devices.size() << " devices are registered";
        throw EdgeDnnError(os.str());
    }
    for (uint32_t i = 0; i < m_servers.size(); ++i)
    {
        if (problem->GetServers()[i].id != std::to_string(i))
        {
            throw EdgeDnnError(path + ": server " + std::to_string(i) + " has id '" +
                               problem->GetServers()[i].id + "'; expected \"" + std::to_string(i) +
                               "\" (servers in registration order)");
        }
    }
    for (uint32_t j = 0; j < m_devices.size(); ++j)
    {
        const std::string expected = std::to_string(m_devices[j].app->GetTaskId());
        if (problem->GetTasks()[j].id != expected)
        {
            throw EdgeDnnError(path + ": task " + std::to_string(j) + " has id '" +
                               problem->GetTasks()[j].id + "'; expected \"" + expected +
                               "\" (the devices' TaskId values, in registration order)");
        }
        m_devices[j].servers = problem->GetTasks()[j].servers;
    }
    // A file's server without a "transport" entry gets the path of its registered edge server:
    // the packets the simulation sends are what the schedule must count.
    auto filled = std::make_unique<SchedulingProblem>();
    filled->SetLatencyModel(problem->GetLatencyModel());
    filled->SetCloudCapacity(problem->GetCloudCapacity());
    for (uint32_t i = 0; i < m_servers.size(); ++i)
    {
        EdgeServer server = problem->GetServers()[i];
        if (server.uplink.protocol == TransportPath::IDEAL)
        {
            server.uplink = m_servers[i].path;
        }
        if (m_policy && server.uplink.protocol == TransportPath::TCP)
        {
            server.uplink.paceBurstSegments = ProbeBurst();
        }
        filled->AddServer(server);
    }
    for (const SchedulingTask& task : problem->GetTasks())
    {
        filled->AddTask(task);
    }
    m_problem = std::move(filled);
    m_assignment = Assignment(m_algorithm, m_problem->GetTaskCount());
}

const Assignment&
SchedulerHelper::Schedule()
{
    if (!m_problem)
    {
        BuildProblem();
    }
    m_assignment = m_factory.Create()->Schedule(*m_problem);
    for (uint32_t j = 0; j < m_devices.size(); ++j)
    {
        Apply(j, "schedule");
    }
    m_scheduled = true;
    if (m_policy)
    {
        StartReplanning();
    }
    if (m_handover)
    {
        StartHandover();
    }
    return m_assignment;
}

void
SchedulerHelper::Apply(uint32_t task, const std::string& reason)
{
    const TaskPlacement& p = m_assignment.GetPlacements().at(task);
    Ptr<IotDeviceApplication> device = m_devices[task].app;
    TaskDecision decision;
    decision.taskId = device->GetTaskId();
    decision.admitted = p.admitted;
    decision.algorithm = m_assignment.GetAlgorithm();
    decision.decidedAt = Simulator::Now();
    decision.reason = reason;
    if (p.admitted)
    {
        const Server& server = m_servers[p.server];
        decision.server = p.server;
        decision.edge = server.access;
        decision.cloud = server.cloud;
        decision.splitIndex = p.splitIndex;
        decision.deviceSplitIndex = p.deviceSplitIndex;
        decision.allocatedRate = DataRate(static_cast<uint64_t>(std::ceil(p.bandwidthBps)));
        decision.predictedLatency = Seconds(p.latencyS);
        // What the tasks may use of the uplink together, for the edge's UplinkSharing.
        server.app->SetAttribute("UplinkCapacity",
                                 DataRateValue(DataRate(static_cast<uint64_t>(
                                     m_problem->GetBandwidthCapacity(p.server)))));
        server.app->PlaceTask(
            device->GetTaskId(),
            server.cloud,
            m_pacing ? DataRate(static_cast<uint64_t>(std::ceil(p.bandwidthBps * m_pacingHeadroom)))
                     : DataRate(0),
            m_problem->GetServers()[p.server].uplink);
    }
    device->ApplyDecision(decision);
}

void
SchedulerHelper::ScheduleOnline()
{
    if (m_policy)
    {
        throw EdgeDnnError("SchedulerHelper::ScheduleOnline: EnableReplanning decides again during "
                           "the run from a schedule; use Schedule() with it");
    }
    if (m_handover)
    {
        throw EdgeDnnError("SchedulerHelper::ScheduleOnline: EnableHandover decides a task again "
                           "beside the others of a schedule; use Schedule() with it");
    }
    Ptr<TaskScheduler> scheduler = m_factory.Create();
    if (!scheduler->SupportsOnline())
    {
        std::string online;
        for (const auto& name : TaskScheduler::GetOnlineNames())
        {
            online += (online.empty() ? "" : ", ") + name;
        }
        throw EdgeDnnError("SchedulerHelper::ScheduleOnline: algorithm '" + scheduler->GetName() +
                           "' (" + scheduler->GetInstanceTypeId().GetName() +
                           ") cannot decide tasks online, one at a time on arrival; algorithms "
                           "that can: " +
                           online);
    }
    if (!m_problem)
    {
        BuildProblem();
    }
    scheduler->StartOnline(*m_problem);
    m_online = scheduler;
    m_assignment = Assignment(m_online->GetName(), m_problem->GetTaskCount());
    for (const Device& d : m_devices)
    {
        d.app->SetAdmissionControl(MakeCallback(&SchedulerHelper::Admit, this));
    }
}

bool
SchedulerHelper::Admit(Ptr<IotDeviceApplication> device)
{
    const uint32_t task = IndexOf(device->GetTaskId());
    const TaskPlacement placement = m_online->DecideOnline(task);
    m_assignment.Set(task, placement);
    NS_LOG_INFO("task " << device->GetTaskId()
                        << (placement.admitted
                                ? " admitted on server " + std::to_string(placement.server) +
                                      " at split " + std::to_string(placement.splitIndex)
                                : std::string(" rejected"))
                        << " on arrival");
    Apply(task, "arrival");
    return m_assignment.GetPlacements()[task].admitted;
}

uint32_t
SchedulerHelper::IndexOf(uint32_t taskId) const
{
    for (uint32_t j = 0; j < m_devices.size(); ++j)
    {
        if (m_devices[j].app->GetTaskId() == taskId)
        {
            return j;
        }
    }
    throw EdgeDnnError("SchedulerHelper: no registered device has task id " +
                       std::to_string(taskId));
}

void
SchedulerHelper::EnableReplanning(const std::string& policy,
                                  Time period,
                                  double changeThreshold,
                                  Time minInterval)
{
    const std::string who = "SchedulerHelper::EnableReplanning: ";
    if (m_problem)
    {
        throw EdgeDnnError(who + "call it before BuildProblem, ReadProblem and Schedule");
    }
    if (period.IsStrictlyNegative())
    {
        throw EdgeDnnError(who + "period must be >= 0 s (0: only on estimates)");
    }
    if (!(changeThreshold >= 0.0 && changeThreshold <= 10.0))
    {
        throw EdgeDnnError(who + "changeThreshold must be a fraction from 0 to 10 (0: never on "
                                 "estimates)");
    }
    if (minInterval.IsStrictlyNegative())
    {
        throw EdgeDnnError(who + "minInterval must be >= 0 s");
    }
    if (period.IsZero() && changeThreshold == 0.0)
    {
        throw EdgeDnnError(who + "with period 0 s and changeThreshold 0 it would never decide "
                                 "again");
    }
    m_policy = RuntimePolicy::Create(policy);
    m_replanPeriod = period;
    m_changeThreshold = changeThreshold;
    m_minReplanInterval = minInterval;
    if (m_estimatorFactory.GetTypeId() != UplinkRateEstimator::GetTypeId())
    {
        m_estimatorFactory.SetTypeId(UplinkRateEstimator::GetTypeId());
    }
}

void
SchedulerHelper::SetEstimatorAttribute(const std::string& name, const AttributeValue& value)
{
    if (m_estimatorFactory.GetTypeId() != UplinkRateEstimator::GetTypeId())
    {
        m_estimatorFactory.SetTypeId(UplinkRateEstimator::GetTypeId());
    }
    m_estimatorFactory.Set(name,
                           *CheckAttributeValue(UplinkRateEstimator::GetTypeId(), name, value));
}

uint32_t
SchedulerHelper::ProbeBurst() const
{
    return m_estimatorFactory.Create<UplinkRateEstimator>()->GetProbeBurst();
}

Ptr<RuntimePolicy>
SchedulerHelper::GetRuntimePolicy() const
{
    return m_policy;
}

uint32_t
SchedulerHelper::GetReplanCount() const
{
    return m_replans;
}

void
SchedulerHelper::EnableHandover()
{
    if (m_scheduled)
    {
        throw EdgeDnnError("SchedulerHelper::EnableHandover: call it before Schedule()");
    }
    m_handover = true;
}

void
SchedulerHelper::AddAccessPoint(uint32_t server, Ptr<NetDevice> accessPoint)
{
    if (server >= m_servers.size())
    {
        throw EdgeDnnError("SchedulerHelper::AddAccessPoint: no server " + std::to_string(server) +
                           " (" + std::to_string(m_servers.size()) + " registered)");
    }
    if (!accessPoint)
    {
        throw EdgeDnnError("SchedulerHelper::AddAccessPoint: server " + std::to_string(server) +
                           ": a null access point device");
    }
    const Mac48Address address = Mac48Address::ConvertFrom(accessPoint->GetAddress());
    const auto [it, added] = m_accessPoints.emplace(address, server);
    if (!added && it->second != server)
    {
        std::ostringstream os;
        os << "SchedulerHelper::AddAccessPoint: access point " << address << " is already server "
           << it->second << "'s, not server " << server << "'s";
        throw EdgeDnnError(os.str());
    }
}

uint32_t
SchedulerHelper::GetHandoverCount() const
{
    return m_handovers;
}

void
SchedulerHelper::StartHandover()
{
    for (uint32_t i = 0; i < m_servers.size(); ++i)
    {
        Ptr<Node> node = m_servers[i].app->GetNode();
        for (uint32_t k = 0; k < node->GetNDevices(); ++k)
        {
            Ptr<WifiNetDevice> wifi = DynamicCast<WifiNetDevice>(node->GetDevice(k));
            if (wifi && DynamicCast<ApWifiMac>(wifi->GetMac()))
            {
                m_accessPoints.emplace(Mac48Address::ConvertFrom(wifi->GetAddress()), i);
            }
        }
    }
    for (uint32_t j = 0; j < m_devices.size(); ++j)
    {
        Ptr<Node> node = m_devices[j].app->GetNode();
        bool followed = false;
        for (uint32_t k = 0; k < node->GetNDevices(); ++k)
        {
            Ptr<WifiNetDevice> wifi = DynamicCast<WifiNetDevice>(node->GetDevice(k));
            Ptr<StaWifiMac> station = wifi ? DynamicCast<StaWifiMac>(wifi->GetMac()) : nullptr;
            if (station)
            {
                station->TraceConnectWithoutContext(
                    "Assoc",
                    MakeCallback(&SchedulerHelper::OnAssociated, this).Bind(j));
                station->TraceConnectWithoutContext(
                    "DeAssoc",
                    MakeCallback(&SchedulerHelper::OnDeassociated, this).Bind(j));
                followed = true;
            }
        }
        if (!followed)
        {
            NS_LOG_INFO("task " << m_devices[j].app->GetTaskId()
                                << ": its node has no 802.11 station; it is never handed over");
        }
    }
}

void
SchedulerHelper::OnDeassociated(uint32_t task, Mac48Address accessPoint)
{
    Device& d = m_devices[task];
    NS_LOG_INFO("task " << d.app->GetTaskId() << " lost its association with " << accessPoint);
    if (d.lostAt.IsNegative())
    {
        d.lostAt = Simulator::Now();
    }
}

void
SchedulerHelper::OnAssociated(uint32_t task, Mac48Address accessPoint)
{
    Device& d = m_devices[task];
    const auto it = m_accessPoints.find(accessPoint);
    if (it == m_accessPoints.end())
    {
        NS_LOG_WARN("task " << d.app->GetTaskId() << " associated with access point " << accessPoint
                            << ", of no registered edge server: its task stays as it is");
        return;
    }
    const uint32_t server = it->second;
    const TaskPlacement& placement = m_assignment.GetPlacements().at(task);
    const bool moved = d.accessServer < 0 ? placement.admitted && placement.server != server
                                          : static_cast<uint32_t>(d.accessServer) != server;
    if (moved)
    {
        Handover handover;
        handover.taskId = d.app->GetTaskId();
        handover.lostAt = d.lostAt;
        handover.associatedAt = Simulator::Now();
        handover.fromAccessPoint = d.accessPoint;
        handover.toAccessPoint = accessPoint;
        handover.toServer = static_cast<int32_t>(server);
        // Decided after the association completes: the station's link-up flushes its ARP cache,
        // with any packet a decision made now would have queued there.
        Simulator::ScheduleNow(&SchedulerHelper::HandOver, this, task, handover);
    }
    d.accessServer = static_cast<int32_t>(server);
    d.accessPoint = accessPoint;
    d.lostAt = Time(-1);
}

void
SchedulerHelper::HandOver(uint32_t task, Handover handover)
{
    Device& d = m_devices[task];
    const TaskPlacement before = m_assignment.GetPlacements().at(task);
    handover.fromServer = before.admitted ? static_cast<int32_t>(before.server) : -1;
    const auto server = static_cast<uint32_t>(handover.toServer);
    d.servers = {server};
    m_problem->SetTaskServers(task, d.servers);
    const TaskPlacement placement =
        m_factory.Create()->DecideHandover(*m_problem, m_assignment, task);
    m_assignment.Set(task, placement);
    ++m_handovers;
    Apply(task, "handover");
    handover.admitted = placement.admitted;
    handover.splitIndex = placement.splitIndex;
    d.app->NotifyHandover(handover);
}

void
SchedulerHelper::StartReplanning()
{
    m_replanScheduler = m_factory.Create();
    m_plannedUplinkBps.clear();
    for (const EdgeServer& server : m_problem->GetServers())
    {
        m_plannedUplinkBps.push_back(server.uplinkBps);
    }
    m_estimateBps.assign(m_servers.size(), 0.0);
    m_lastReplan = Simulator::Now();
    for (uint32_t i = 0; i < m_servers.size(); ++i)
    {
        if (m_servers[i].app->GetProtocol() != TcpSocketFactory::GetTypeId())
        {
            throw EdgeDnnError("SchedulerHelper::EnableReplanning: edge server " +
                               std::to_string(i) +
                               " reaches its cloud over UDP; its uplink is estimated from TCP's "
                               "acknowledgements (Protocol ns3::TcpSocketFactory)");
        }
    }
    for (uint32_t i = 0; i < m_servers.size(); ++i)
    {
        Ptr<EdgeServerApplication> app = m_servers[i].app;
        if (!app->GetUplinkEstimator())
        {
            app->SetAttribute("UplinkEstimator",
                              PointerValue(m_estimatorFactory.Create<UplinkRateEstimator>()));
        }
        app->TraceConnectWithoutContext(
            "UplinkEstimate",
            MakeCallback(&SchedulerHelper::OnUplinkEstimate, this).Bind(i));
    }
    if (m_replanPeriod.IsStrictlyPositive())
    {
        m_periodicReplan =
            Simulator::Schedule(m_replanPeriod, &SchedulerHelper::ReplanPeriodically, this);
    }
}

void
SchedulerHelper::OnUplinkEstimate(uint32_t server, DataRate estimate)
{
    m_estimateBps.at(server) = static_cast<double>(estimate.GetBitRate());
    CheckEstimates();
}

void
SchedulerHelper::CheckEstimates()
{
    if (m_changeThreshold <= 0.0)
    {
        return;
    }
    bool moved = false;
    for (uint32_t i = 0; i < m_estimateBps.size(); ++i)
    {
        const double planned = m_plannedUplinkBps[i];
        if (m_estimateBps[i] > 0 &&
            std::abs(m_estimateBps[i] - planned) > m_changeThreshold * planned)
        {
            moved = true;
        }
    }
    if (!moved)
    {
        return;
    }
    const Time next = m_lastReplan + m_minReplanInterval;
    if (Simulator::Now() >= next)
    {
        Replan("estimate");
    }
    else if (!m_pendingCheck.IsRunning())
    {
        m_pendingCheck =
            Simulator::Schedule(next - Simulator::Now(), &SchedulerHelper::CheckEstimates, this);
    }
}

void
SchedulerHelper::ReplanPeriodically()
{
    Replan("periodic");
    m_periodicReplan =
        Simulator::Schedule(m_replanPeriod, &SchedulerHelper::ReplanPeriodically, this);
}

void
SchedulerHelper::Replan(const std::string& reason)
{
    m_lastReplan = Simulator::Now();
    ++m_replans;
    SchedulingProblem problem = *m_problem;
    std::vector<double> uplinks = m_plannedUplinkBps;
    for (uint32_t i = 0; i < problem.GetServerCount(); ++i)
    {
        if (m_estimateBps[i] > 0)
        {
            uplinks[i] = m_estimateBps[i];
            EdgeServer server = problem.GetServers()[i];
            server.uplinkBps = uplinks[i];
            problem.SetServer(i, server);
        }
    }
    Assignment next =
        m_policy->Replan(problem, m_assignment, m_plannedUplinkBps, m_replanScheduler);
    if (next.GetPlacements().size() != m_assignment.GetPlacements().size())
    {
        throw EdgeDnnError("run-time policy '" + m_policy->GetPolicyName() + "' returned " +
                           std::to_string(next.GetPlacements().size()) + " placements for " +
                           std::to_string(m_assignment.GetPlacements().size()) + " tasks");
    }
    NS_LOG_INFO("re-plan (" << reason << ") by " << m_policy->GetPolicyName() << ": "
                            << next.GetAdmittedCount() << " of " << next.GetPlacements().size()
                            << " tasks admitted");
    if (m_policy->AdoptsEstimates())
    {
        *m_problem = problem;
        m_plannedUplinkBps = uplinks;
        for (uint32_t i = 0; i < m_servers.size(); ++i)
        {
            m_servers[i].app->SetAttribute(
                "UplinkCapacity",
                DataRateValue(DataRate(static_cast<uint64_t>(m_problem->GetBandwidthCapacity(i)))));
        }
    }
    const Assignment previous = m_assignment;
    m_assignment = next;
    for (uint32_t j = 0; j < m_devices.size(); ++j)
    {
        const TaskPlacement& a = previous.GetPlacements()[j];
        const TaskPlacement& b = next.GetPlacements()[j];
        const bool changed = a.admitted != b.admitted ||
                             (b.admitted && (a.server != b.server || a.splitIndex != b.splitIndex ||
                                             std::abs(a.bandwidthBps - b.bandwidthBps) >= 1.0));
        if (changed)
        {
            Apply(j, reason);
        }
    }
}

const SchedulingProblem&
SchedulerHelper::GetProblem() const
{
    NS_ABORT_MSG_IF(!m_problem, "SchedulerHelper::GetProblem before the problem was built");
    return *m_problem;
}

const Assignment&
SchedulerHelper::GetAssignment() const
{
    return m_assignment;
}

const TaskPlacement&
SchedulerHelper::GetPlacement(uint32_t taskId) const
{
    return m_assignment.GetPlacements().at(IndexOf(taskId));
}

} // namespace edgednn
} // namespace ns3
