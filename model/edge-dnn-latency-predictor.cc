/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-latency-predictor.h"

#include "edge-dnn-cost-model.h"
#include "edge-dnn-error.h"
#include "edge-dnn-fragment-header.h"
#include "edge-dnn-message-sender.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <queue>
#include <sstream>
#include <tuple>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("LatencyPredictor");

namespace
{

/**
 * \brief A percentile by nearest rank: the smallest value whose rank (from 1) is at least q n.
 * \param v values in increasing order
 * \param q quantile in (0, 1]
 * \return the value, 0 if none
 */
double
NearestRank(const std::vector<double>& v, double q)
{
    if (v.empty())
    {
        return 0;
    }
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::min(v.size(), std::max<std::size_t>(rank, 1)) - 1];
}

/**
 * \brief The message bytes the paced sender writes at once at a rate: a stream,
 * MessageSender::GetPaceChunk; UDP, one datagram.
 * \param path the uplink's path
 * \param rateBps the paced rate (bit/s)
 * \return bytes per write
 */
uint64_t
PaceChunkBytes(const TransportPath& path, double rateBps)
{
    if (path.protocol == TransportPath::UDP)
    {
        return path.segmentBytes - EdgeDnnFragmentHeader::GetStaticSize();
    }
    return MessageSender::GetPaceChunk(path, static_cast<uint64_t>(std::ceil(rateBps)));
}

/**
 * \param s a time (s)
 * \return it in whole nanoseconds, the resolution of the simulator's clock
 */
int64_t
Nanoseconds(double s)
{
    return std::llround(s * 1e9);
}

/// One task's features in its sender's queue.
struct Message
{
    PredictedFrame* frame{nullptr}; //!< its frame
    uint64_t totalBytes{0};         //!< message bytes
    uint64_t writtenBytes{0};       //!< of them handed to the socket
};

/// One task's paced sender at the edge (MessageSender).
struct Sender
{
    std::deque<Message> queue; //!< messages not yet written completely, oldest first
    uint64_t backlogBytes{0};  //!< message bytes not yet written
    bool paceRunning{false};   //!< waiting for its last piece to pass at its rate
    double rateBps{0};         //!< its pacing rate, 0 for none
};

} // namespace

double
PredictedFrame::LatencyS() const
{
    return resultS - createdS;
}

LatencyPredictor::LatencyPredictor(const SchedulingProblem& problem, const Assignment& assignment)
    : m_problem(problem),
      m_assignment(assignment),
      m_sharing(WORK_CONSERVING),
      m_headroom(1),
      m_firstS(problem.GetTaskCount(), 0.0),
      m_intervalS(problem.GetTaskCount(), 0.0),
      m_fromS(0),
      m_untilS(1),
      m_frames(problem.GetTaskCount()),
      m_predictions(problem.GetTaskCount())
{
    NS_LOG_FUNCTION(this);
    if (assignment.GetPlacements().size() != problem.GetTaskCount())
    {
        throw EdgeDnnError("LatencyPredictor: the assignment has " +
                           std::to_string(assignment.GetPlacements().size()) +
                           " placements for a problem of " +
                           std::to_string(problem.GetTaskCount()) + " tasks");
    }
    for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
    {
        m_intervalS[j] = 1.0 / problem.GetTasks()[j].frameRate;
    }
}

void
LatencyPredictor::SetUplinkSharing(UplinkSharing sharing)
{
    m_sharing = sharing;
}

void
LatencyPredictor::SetPacingHeadroom(double factor)
{
    if (!(std::isfinite(factor) && factor >= 1.0))
    {
        std::ostringstream os;
        os << "LatencyPredictor: pacing headroom must be a factor >= 1, got " << factor;
        throw EdgeDnnError(os.str());
    }
    m_headroom = factor;
}

void
LatencyPredictor::SetFrameTimes(uint32_t task, double firstS, double intervalS)
{
    if (task >= m_firstS.size())
    {
        throw EdgeDnnError("LatencyPredictor: no task " + std::to_string(task));
    }
    if (!std::isfinite(firstS) || !(std::isfinite(intervalS) && intervalS > 0))
    {
        std::ostringstream os;
        os << "LatencyPredictor: task " << task << ": first frame " << firstS << " s, interval "
           << intervalS << " s: expected finite values, an interval > 0";
        throw EdgeDnnError(os.str());
    }
    m_firstS[task] = firstS;
    m_intervalS[task] = intervalS;
}

void
LatencyPredictor::SetWindow(double fromS, double untilS)
{
    if (!(std::isfinite(fromS) && std::isfinite(untilS) && untilS > fromS))
    {
        std::ostringstream os;
        os << "LatencyPredictor: window [" << fromS << ", " << untilS
           << ") s: expected finite bounds, the end after the start";
        throw EdgeDnnError(os.str());
    }
    m_fromS = fromS;
    m_untilS = untilS;
}

void
LatencyPredictor::Predict()
{
    NS_LOG_FUNCTION(this);
    for (auto& frames : m_frames)
    {
        frames.clear();
    }
    std::fill(m_predictions.begin(), m_predictions.end(), LatencyPrediction());
    for (uint32_t i = 0; i < m_problem.GetServerCount(); ++i)
    {
        PredictServer(i);
    }
    const std::vector<TaskPlacement>& placements = m_assignment.GetPlacements();
    for (uint32_t j = 0; j < placements.size(); ++j)
    {
        std::vector<double> latencies;
        std::vector<double> transfers;
        for (const PredictedFrame& f : m_frames[j])
        {
            if (f.counted)
            {
                latencies.push_back(f.LatencyS());
                transfers.push_back(f.uplinkDoneS - f.edgeDoneS);
            }
        }
        LatencyPrediction& p = m_predictions[j];
        p.frames = latencies.size();
        if (latencies.empty())
        {
            continue;
        }
        std::sort(latencies.begin(), latencies.end());
        std::sort(transfers.begin(), transfers.end());
        p.p50S = NearestRank(latencies, 0.5);
        p.p99S = NearestRank(latencies, 0.99);
        p.maxS = latencies.back();
        double sum = 0;
        for (double l : latencies)
        {
            sum += l;
        }
        p.meanS = sum / static_cast<double>(latencies.size());
        p.transferP99S = NearestRank(transfers, 0.99);
        NS_LOG_INFO("task " << j << ": " << p.frames << " frames, p99 " << p.p99S << " s, max "
                            << p.maxS << " s");
    }
}

void
LatencyPredictor::PredictServer(uint32_t server)
{
    const EdgeServer& e = m_problem.GetServers()[server];
    const std::vector<TaskPlacement>& placements = m_assignment.GetPlacements();
    std::vector<uint32_t> tasks;
    for (uint32_t j = 0; j < placements.size(); ++j)
    {
        if (placements[j].admitted && placements[j].server == server)
        {
            tasks.push_back(j);
        }
    }
    if (tasks.empty())
    {
        return;
    }

    // The frames, and the edge's FIFO queue: every worker takes the oldest waiting frame.
    /// A frame at the edge.
    struct Arrival
    {
        int64_t timeNs;      //!< when its input is there (ns, as the simulator's clock)
        int64_t scheduledNs; //!< when its creation was scheduled: its previous frame's creation
        uint32_t task;       //!< its task's position on the server
        std::size_t frame;   //!< its position among the task's frames
    };

    std::vector<Arrival> arrivals;
    std::vector<double> computeS(tasks.size());
    std::vector<double> cloudS(tasks.size());
    std::vector<uint64_t> messageBytes(tasks.size());
    for (std::size_t k = 0; k < tasks.size(); ++k)
    {
        const uint32_t j = tasks[k];
        const SchedulingTask& t = m_problem.GetTasks()[j];
        const SplitPoint* point = t.profile->FindSplitPoint(placements[j].splitIndex);
        if (point == nullptr)
        {
            throw EdgeDnnError("LatencyPredictor: task " + t.id + ": no split point " +
                               std::to_string(placements[j].splitIndex));
        }
        const SplitPoint* device = t.profile->FindSplitPoint(placements[j].deviceSplitIndex);
        if (device == nullptr)
        {
            throw EdgeDnnError("LatencyPredictor: task " + t.id + ": no device split point " +
                               std::to_string(placements[j].deviceSplitIndex));
        }
        const TaskDemand d = m_problem.ComputeDemand(j, server, *point, *device);
        computeS[k] = d.edgeComputeS;
        cloudS[k] = d.cloudComputeS;
        const uint64_t cut = m_problem.GetCutBytes(j, *point);
        messageBytes[k] = CostModel::MessageBytes(cut);
        std::vector<PredictedFrame>& frames = m_frames[j];
        for (uint64_t n = 0;; ++n)
        {
            const double created = m_firstS[j] + static_cast<double>(n) * m_intervalS[j];
            if (!(created < m_untilS))
            {
                break;
            }
            PredictedFrame f;
            f.createdS = created;
            f.counted = created >= m_fromS;
            // The device's prefix (none at device split 0) and the transfer of its cut: a
            // device that keeps up never holds a periodic frame behind the one before it.
            f.edgeArrivalS = created + d.deviceComputeS + d.uplinkS;
            frames.push_back(f);
        }
        for (std::size_t n = 0; n < frames.size(); ++n)
        {
            arrivals.push_back({Nanoseconds(frames[n].edgeArrivalS),
                                Nanoseconds(frames[n].createdS - m_intervalS[j]),
                                static_cast<uint32_t>(k),
                                n});
        }
    }
    // In order of arrival at the simulator's nanosecond; at the same nanosecond, the frame whose
    // creation was scheduled first (the simulator's order most of the time), for the messages'
    // order on the uplink.
    std::sort(arrivals.begin(), arrivals.end(), [](const Arrival& a, const Arrival& b) {
        return std::tie(a.timeNs, a.scheduledNs, a.task, a.frame) <
               std::tie(b.timeNs, b.scheduledNs, b.task, b.frame);
    });
    using Workers = std::priority_queue<double, std::vector<double>, std::greater<>>;
    Workers workers;
    for (uint32_t w = 0; w < std::max<uint32_t>(e.workers, 1); ++w)
    {
        workers.push(-std::numeric_limits<double>::infinity());
    }
    const auto take = [&](Workers& w, const Arrival& a, PredictedFrame& f) {
        const double free = w.top();
        w.pop();
        f.edgeStartS = std::max(f.edgeArrivalS, free);
        f.edgeDoneS = f.edgeStartS + computeS[a.task];
        w.push(f.edgeDoneS);
    };
    for (std::size_t i = 0; i < arrivals.size();)
    {
        // Frames to compute that arrive at the same nanosecond: the simulator runs them in an
        // order the access links' ACK clocking decides, which this model does not follow, so each
        // is taken as the last of them (the workers' state after them is the same either way on
        // one worker).
        std::vector<std::size_t> group;
        std::size_t next = i;
        for (; next < arrivals.size() && arrivals[next].timeNs == arrivals[i].timeNs; ++next)
        {
            PredictedFrame& f = m_frames[tasks[arrivals[next].task]][arrivals[next].frame];
            if (!(computeS[arrivals[next].task] > 0))
            {
                f.edgeStartS = f.edgeDoneS = f.edgeArrivalS; // split 0: forwarded unqueued
                continue;
            }
            group.push_back(next);
        }
        const Workers before = workers;
        for (std::size_t g : group)
        {
            take(workers, arrivals[g], m_frames[tasks[arrivals[g].task]][arrivals[g].frame]);
        }
        if (group.size() > 1)
        {
            for (std::size_t last : group)
            {
                Workers w = before;
                PredictedFrame scratch;
                for (std::size_t g : group)
                {
                    if (g != last)
                    {
                        scratch.edgeArrivalS =
                            m_frames[tasks[arrivals[g].task]][arrivals[g].frame].edgeArrivalS;
                        take(w, arrivals[g], scratch);
                    }
                }
                take(w, arrivals[last], m_frames[tasks[arrivals[last].task]][arrivals[last].frame]);
            }
        }
        i = next;
    }

    // The uplink: each task's sender gets its messages as the edge finishes them and writes them
    // as MessageSender does, a piece at a time at the rate ShareUplink gives the task; the link
    // carries the pieces of every task first come, first served at b_i.
    const double linkBps = e.uplinkBps;
    const double propagationS = e.uplink.propagation.GetSeconds();
    std::vector<double> allocated(tasks.size());
    for (std::size_t k = 0; k < tasks.size(); ++k)
    {
        allocated[k] = std::ceil(placements[tasks[k]].bandwidthBps * m_headroom);
    }
    const double capacity = m_problem.GetBandwidthCapacity(server);
    std::vector<Sender> senders(tasks.size());
    std::vector<bool> backlogged(tasks.size(), false);
    const auto share = [&]() {
        const std::vector<double> rates = ShareUplink(m_sharing, capacity, allocated, backlogged);
        for (std::size_t k = 0; k < tasks.size(); ++k)
        {
            senders[k].rateBps = allocated[k] > 0 ? std::ceil(rates[k]) : 0.0;
        }
    };
    share();

    // Events at the same nanosecond in the order they were scheduled, as the simulator runs them:
    // messages in the order the edge took their frames, then pieces' waits as they come.
    using Event = std::tuple<int64_t, uint64_t, double, std::size_t, PredictedFrame*>;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    uint64_t order = 0;
    for (const Arrival& a : arrivals)
    {
        PredictedFrame* f = &m_frames[tasks[a.task]][a.frame];
        events.emplace(Nanoseconds(f->edgeDoneS), order++, f->edgeDoneS, a.task, f);
    }
    double linkFreeS = -std::numeric_limits<double>::infinity();
    while (!events.empty())
    {
        const auto [nowNs, seq, now, k, frame] = events.top();
        events.pop();
        Sender& sender = senders[k];
        if (frame != nullptr)
        {
            const bool wasIdle = sender.backlogBytes == 0;
            sender.queue.push_back({frame, messageBytes[k], 0});
            sender.backlogBytes += messageBytes[k];
            backlogged[k] = true;
            if (wasIdle && m_sharing == WORK_CONSERVING)
            {
                share();
            }
        }
        else
        {
            sender.paceRunning = false;
        }
        // Drain: one piece when paced, then wait for it to pass at the task's rate; everything at
        // once when not.
        while (!sender.paceRunning && !sender.queue.empty())
        {
            Message& m = sender.queue.front();
            const uint64_t chunk = sender.rateBps > 0 ? PaceChunkBytes(e.uplink, sender.rateBps)
                                                      : std::numeric_limits<uint64_t>::max();
            const uint64_t n = std::min(chunk, m.totalBytes - m.writtenBytes);
            const double bits = 8.0 * static_cast<double>(CostModel::WireBytesOfWrite(e.uplink, n));
            m.writtenBytes += n;
            sender.backlogBytes -= n;
            linkFreeS = std::max(linkFreeS, now) + bits / linkBps;
            if (m.writtenBytes == m.totalBytes)
            {
                PredictedFrame* f = m.frame;
                f->uplinkDoneS = linkFreeS + propagationS;
                f->cloudDoneS = f->uplinkDoneS + cloudS[k];
                f->resultS = f->cloudDoneS + m_problem.GetTasks()[tasks[k]].resultS;
                sender.queue.pop_front();
            }
            if (sender.backlogBytes == 0)
            {
                backlogged[k] = false;
                if (m_sharing == WORK_CONSERVING)
                {
                    share();
                }
            }
            if (sender.rateBps > 0)
            {
                sender.paceRunning = true;
                const double at = now + bits / sender.rateBps;
                events.emplace(Nanoseconds(at), order++, at, k, nullptr);
            }
        }
    }
}

const LatencyPrediction&
LatencyPredictor::GetPrediction(uint32_t task) const
{
    return m_predictions.at(task);
}

const std::vector<PredictedFrame>&
LatencyPredictor::GetFrames(uint32_t task) const
{
    return m_frames.at(task);
}

} // namespace edgednn
} // namespace ns3
