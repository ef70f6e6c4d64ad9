/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-scenario-helper.h"

#include "cloud-server-helper.h"
#include "edge-server-helper.h"
#include "iot-device-helper.h"

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-cost-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <random>
#include <sstream>

namespace ns3
{
namespace edgednn
{

EdgeScenarioHelper::EdgeScenarioHelper(const EdgeScenarioSettings& settings)
    : m_settings(settings)
{
    std::ostringstream problem;
    if (settings.servers == 0 || settings.tasks == 0)
    {
        problem << "servers and tasks must be at least 1";
    }
    else if (!(settings.uplinkBps > 0) || !(settings.capacityMacsPerS > 0))
    {
        problem << "uplink bandwidth and edge capability must be > 0";
    }
    else if (!(settings.usableShare > 0 && settings.usableShare <= 1))
    {
        problem << "usable share V must be in (0, 1], got " << settings.usableShare;
    }
    else if (!(settings.featureBytesPerElement > 0))
    {
        problem << "feature bytes per element must be > 0";
    }
    else if (settings.ranks == 0 || settings.ranks > settings.servers ||
             settings.rank >= settings.ranks)
    {
        problem << "rank " << settings.rank << " of " << settings.ranks << " ranks: expected 1 to "
                << settings.servers
                << " ranks (one gateway at least on each) and a rank below their number";
    }
    else if (settings.online && settings.ranks > 1)
    {
        problem << "online scheduling over " << settings.ranks
                << " ranks: a rank sees only its own cameras arrive, so the ranks' schedules "
                   "would differ; expected 1 rank, or an offline algorithm";
    }
    else if (settings.models.empty())
    {
        problem << "no networks to draw tasks from";
    }
    else if (!(settings.queueBoundS > 0) || !(settings.accessBps > 0) ||
             !(settings.uplinkDelayS >= 0) || !(settings.cloudMacsPerS > 0) ||
             !(settings.drainS >= 0) || !(settings.warmUpS >= 0))
    {
        problem << "queue bound, access rate and cloud capacity must be > 0, the uplink delay, "
                   "drain and warm-up >= 0";
    }
    if (!problem.str().empty())
    {
        throw EdgeDnnError("EdgeScenarioHelper: " + problem.str());
    }
    m_tasks = DrawTasks(settings);
}

EdgeScenarioHelper::~EdgeScenarioHelper() = default;

std::vector<EdgeScenarioTask>
EdgeScenarioHelper::DrawTasks(const EdgeScenarioSettings& s)
{
    std::mt19937_64 rng(s.seed);
    std::uniform_int_distribution<std::size_t> model(0, s.models.size() - 1);
    std::uniform_real_distribution<double> rate(1, 10);
    std::uniform_real_distribution<double> deadline(0.1, 0.5);
    std::vector<EdgeScenarioTask> tasks;
    for (uint32_t j = 0; j < s.tasks; ++j)
    {
        const std::string m = s.models[model(rng)];
        const double f = std::round(rate(rng));
        const double q = std::round(deadline(rng) * 100) / 100;
        tasks.push_back({m, f, q, j % s.servers});
    }
    return tasks;
}

SchedulingProblem
EdgeScenarioHelper::MakeProblem(const EdgeScenarioSettings& s,
                                const std::vector<EdgeScenarioTask>& tasks)
{
    // The problem SchedulerHelper reads off the installed scenario (a test compares them): TCP
    // over point-to-point links (2 B of PPP), 1448 B segments.
    const Time uplinkDelay = Seconds(s.uplinkDelayS);
    const TransportPath uplink =
        TransportPath::ForSocket(TcpSocketFactory::GetTypeId(), 1400, 2, 1500, uplinkDelay);
    const TransportPath access =
        TransportPath::ForSocket(TcpSocketFactory::GetTypeId(), 1400, 2, 1500, AccessDelay());
    SchedulingProblem problem;
    problem.SetLatencyModel(s.latencyModel);
    if (s.latencyModel == LatencyModel::END_TO_END)
    {
        problem.SetCloudCapacity(s.cloudMacsPerS);
    }
    for (uint32_t i = 0; i < s.servers; ++i)
    {
        EdgeServer server{std::to_string(i), s.capacityMacsPerS, s.uplinkBps, s.usableShare};
        server.uplink = uplink;
        server.queueBoundS = s.queueBoundS;
        problem.AddServer(server);
    }
    for (uint32_t j = 0; j < tasks.size(); ++j)
    {
        SchedulingTask t;
        t.id = std::to_string(j);
        t.model = tasks[j].model;
        t.profile = std::make_shared<SplitProfile>(
            ModelRegistry::GetProfile(t.model, TensorEncoding(1, s.featureBytesPerElement)));
        t.inputBytes = t.profile->GetInputBytes();
        t.featureBytesPerElement = s.featureBytesPerElement;
        t.frameRate = tasks[j].frameRate;
        t.deadlineS = tasks[j].deadlineS;
        t.servers = {tasks[j].home};
        if (s.latencyModel == LatencyModel::END_TO_END)
        {
            t.uplinkS = CostModel::TransferTime(access, t.inputBytes, s.accessBps).GetSeconds();
            t.resultS = CostModel::TransferTime(uplink, ResultBytes(), s.uplinkBps).GetSeconds() +
                        CostModel::TransferTime(access, ResultBytes(), s.accessBps).GetSeconds();
        }
        problem.AddTask(t);
    }
    return problem;
}

Time
EdgeScenarioHelper::AccessDelay()
{
    return NanoSeconds(6560);
}

uint32_t
EdgeScenarioHelper::ResultBytes()
{
    return 64;
}

Time
EdgeScenarioHelper::StartTime(uint32_t index, uint32_t count, Time stop)
{
    const Time first = Seconds(0.5);
    if (stop <= first)
    {
        std::ostringstream os;
        os << "EdgeScenarioHelper: cameras start at " << first.GetSeconds()
           << " s, so they must stop later; got a stop time of " << stop.GetSeconds() << " s";
        throw EdgeDnnError(os.str());
    }
    const Time window = (stop - first) / 4;
    Time spacing = MilliSeconds(20);
    if (count > 0 && spacing * static_cast<int64_t>(count) > window)
    {
        spacing = window / static_cast<int64_t>(count);
    }
    return first + spacing * static_cast<int64_t>(index);
}

void
EdgeScenarioHelper::Install(Time stop)
{
    const EdgeScenarioSettings& s = m_settings;
    m_generationEnd = stop;
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    EdgeTopologyHelper topologyHelper;
    topologyHelper.SetSize(s.servers, (s.tasks + s.servers - 1) / s.servers);
    topologyHelper.SetUplink(DataRate(static_cast<uint64_t>(s.uplinkBps)), Seconds(s.uplinkDelayS));
    topologyHelper.SetAccess(DataRate(static_cast<uint64_t>(s.accessBps)), AccessDelay());
    topologyHelper.SetPartition(s.ranks);
    topologyHelper.SetCloudNodes(s.cloudNodes);
    m_topology = topologyHelper.Install();
    // In a distributed run every rank holds every node; the applications of another rank's
    // nodes are installed (the schedule reads them) but never start: their start and stop are
    // after the end of the run.
    auto onThisRank = [&s](Ptr<Application> app) {
        return app->GetNode()->GetSystemId() == s.rank;
    };
    auto neverStart = [](Ptr<Application> app) {
        app->SetStartTime(Time::Max());
        app->SetStopTime(Time::Max());
    };

    // The model assumes no wait in the cloud: a worker for every task, each at cloudMacsPerS.
    // With a cloud node per uplink each has as many: a job waits on one only where it would
    // have waited on the shared node, so the frames are the same.
    CloudServerHelper cloudHelper;
    cloudHelper.SetAttribute("WorkerCapacity", DoubleValue(s.cloudMacsPerS));
    cloudHelper.SetAttribute("Workers", UintegerValue(std::max<uint32_t>(s.tasks, 1)));
    ApplicationContainer clouds = cloudHelper.Install(m_topology.clouds);
    for (uint32_t i = 0; i < clouds.GetN(); ++i)
    {
        if (!onThisRank(clouds.Get(i)))
        {
            neverStart(clouds.Get(i));
        }
    }
    EdgeServerHelper edgeHelper;
    edgeHelper.SetAttribute("WorkerCapacity", DoubleValue(s.capacityMacsPerS));
    edgeHelper.SetAttribute("UplinkSharing", EnumValue(s.uplinkSharing));
    m_edges = edgeHelper.Install(m_topology.edges);
    for (uint32_t i = 0; i < m_edges.GetN(); ++i)
    {
        if (!onThisRank(m_edges.Get(i)))
        {
            neverStart(m_edges.Get(i));
        }
    }

    m_scheduler = std::make_unique<SchedulerHelper>(s.algorithm);
    m_scheduler->SetUsableShare(s.usableShare);
    // Settings of particular algorithms: each applies only if the algorithm has the attribute.
    m_scheduler->SetSchedulerAttributeFailSafe("TimeLimit", TimeValue(Seconds(s.exactTimeLimit)));
    m_scheduler->SetSchedulerAttributeFailSafe("SplitIndex", UintegerValue(s.fixedSplitIndex));
    m_scheduler->SetSchedulerAttributeFailSafe("Seed", UintegerValue(s.seed));
    m_scheduler->SetPacingHeadroom(s.pacingHeadroom);
    m_scheduler->SetPacing(s.uplinkSharing != UNPACED);
    m_scheduler->SetQueueBound(Seconds(s.queueBoundS));
    for (uint32_t i = 0; i < s.servers; ++i)
    {
        m_scheduler->AddEdgeServer(DynamicCast<EdgeServerApplication>(m_edges.Get(i)),
                                   m_topology.uplinks[i].Get(0),
                                   InetSocketAddress(m_topology.edgeAccessAddresses[i], 9000),
                                   InetSocketAddress(m_topology.cloudAddresses[i], 9100));
    }
    std::vector<uint32_t> used(s.servers, 0);
    for (uint32_t j = 0; j < m_tasks.size(); ++j)
    {
        const EdgeScenarioTask& task = m_tasks[j];
        IotDeviceHelper camera(InetSocketAddress(m_topology.edgeAccessAddresses[task.home], 9000));
        camera.SetAttribute("TaskId", UintegerValue(j));
        camera.SetAttribute("Model", StringValue(task.model));
        camera.SetAttribute("FeatureBytesPerElement", DoubleValue(s.featureBytesPerElement));
        camera.SetAttribute("FrameRate", DoubleValue(task.frameRate));
        camera.SetAttribute("Deadline", TimeValue(Seconds(task.deadlineS)));
        camera.SetAttribute("LatencyModel", EnumValue(s.latencyModel));
        camera.SetAttribute("ResultSize", UintegerValue(ResultBytes()));
        // Frames at start + k / f for every k with start + k / f < stop, then results drain.
        const Time start = StartTime(j, static_cast<uint32_t>(m_tasks.size()), stop);
        const double frames = std::ceil((stop - start).GetSeconds() * task.frameRate - 1e-9);
        camera.SetAttribute("MaxFrames", UintegerValue(static_cast<uint32_t>(frames)));
        m_lastStart = std::max(m_lastStart, start);
        ApplicationContainer app =
            camera.Install(m_topology.devices[task.home].Get(used[task.home]++));
        app.Start(start);
        app.Stop(stop + Seconds(s.drainS));
        if (!onThisRank(app.Get(0)))
        {
            neverStart(app.Get(0));
        }
        m_scheduler->AddDevice(DynamicCast<IotDeviceApplication>(app.Get(0)));
        m_cameras.Add(app);
    }
    if (s.online)
    {
        m_scheduler->ScheduleOnline();
    }
    else
    {
        m_scheduler->Schedule();
    }
}

void
EdgeScenarioHelper::ConnectRecorder(Ptr<EdgeDnnRecorder> recorder) const
{
    recorder->SetAttribute("SystemId", UintegerValue(m_settings.rank));
    for (uint32_t i = 0; i < m_topology.uplinks.size(); ++i)
    {
        recorder->AddLink("uplink-" + std::to_string(i),
                          m_topology.uplinks[i].Get(0),
                          m_topology.uplinks[i].Get(1),
                          true);
    }
    recorder->Connect();
}

Time
EdgeScenarioHelper::GetEndTime() const
{
    return m_generationEnd + Seconds(m_settings.drainS);
}

Time
EdgeScenarioHelper::GetWarmUpEnd() const
{
    return std::min(m_lastStart + Seconds(m_settings.warmUpS), m_generationEnd);
}

Time
EdgeScenarioHelper::GetFirstFrameTime(uint32_t task) const
{
    // The SYN and the SYN-ACK with their options, IPv4 and PPP: 116 B on the wire together with
    // ns-3 3.37's TCP defaults (the cameras' first frames in the main job's database).
    const Time handshake = Seconds(116 * 8 / m_settings.accessBps) + AccessDelay() * 2;
    return StartTime(task, static_cast<uint32_t>(m_tasks.size()), m_generationEnd) + handshake;
}

Time
EdgeScenarioHelper::GetFrameInterval(uint32_t task) const
{
    return Seconds(1.0 / m_tasks.at(task).frameRate); // IotDeviceApplication's gap
}

Time
EdgeScenarioHelper::GetGenerationEnd() const
{
    return m_generationEnd;
}

const std::vector<EdgeScenarioTask>&
EdgeScenarioHelper::GetTasks() const
{
    return m_tasks;
}

const EdgeTopology&
EdgeScenarioHelper::GetTopology() const
{
    return m_topology;
}

const SchedulerHelper&
EdgeScenarioHelper::GetScheduler() const
{
    NS_ABORT_MSG_IF(!m_scheduler, "EdgeScenarioHelper::GetScheduler before Install");
    return *m_scheduler;
}

const ApplicationContainer&
EdgeScenarioHelper::GetCameras() const
{
    return m_cameras;
}

const ApplicationContainer&
EdgeScenarioHelper::GetEdgeServers() const
{
    return m_edges;
}

} // namespace edgednn
} // namespace ns3
