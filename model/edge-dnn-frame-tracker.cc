/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-frame-tracker.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("FrameTracker");

// The record's times are indexed by EdgeDnnHeader::Stage and a FrameResult's times in this order.
static_assert(static_cast<int>(FrameTracker::RESULT_RX) ==
                      static_cast<int>(EdgeDnnHeader::STAGE_COUNT) &&
                  static_cast<int>(FrameTracker::TIME_COUNT) ==
                      static_cast<int>(EdgeDnnHeader::STAGE_COUNT) + 1,
              "FrameTracker::FrameTime must be EdgeDnnHeader::Stage followed by RESULT_RX");

FrameTracker::FrameRecord::FrameRecord()
{
    std::fill(std::begin(times), std::end(times), -1);
    std::fill(std::begin(energy), std::end(energy), -1.0);
}

void
FrameTracker::FrameWindow::emplace_back()
{
    if (m_size == m_slots.size())
    {
        std::vector<FrameRecord> slots(m_slots.empty() ? 64 : 2 * m_slots.size());
        for (std::size_t i = 0; i < m_size; ++i)
        {
            slots[i] = (*this)[i];
        }
        m_slots.swap(slots);
        m_head = 0;
    }
    (*this)[m_size++] = FrameRecord();
}

FrameTracker::FrameTracker()
    : m_reasons(KNOWN_REASONS)
{
    m_reasons[NO_REASON] = "";
    m_reasons[QUEUE_FULL] = "queue-full";
    m_reasons[REASON_LOST] = "lost";
    m_reasons[UNKNOWN_TASK] = "unknown-task";
    m_reasons[TIMEOUT] = "timeout";
    m_reasons[STALLED] = "stalled";
}

void
FrameTracker::SetSettledCallback(SettledCallback callback)
{
    m_settled = callback;
}

FrameStatus
FrameTracker::StatusOfDrop(const std::string& reason)
{
    return reason == "lost" ? FrameStatus::LOST : FrameStatus::DROPPED;
}

const std::string&
FrameTracker::GetReason(uint8_t index) const
{
    return index < m_reasons.size() ? m_reasons[index] : m_reasons[NO_REASON];
}

uint8_t
FrameTracker::ReasonIndex(const std::string& reason)
{
    for (std::size_t i = 1; i < m_reasons.size(); ++i)
    {
        if (m_reasons[i] == reason)
        {
            return static_cast<uint8_t>(i);
        }
    }
    if (m_reasons.size() >= 255)
    {
        NS_LOG_WARN("too many drop reasons; '" << reason << "' is recorded as none");
        return NO_REASON;
    }
    m_reasons.push_back(reason);
    return static_cast<uint8_t>(m_reasons.size() - 1);
}

FrameTracker::FrameRecord*
FrameTracker::Find(uint32_t task, uint32_t seq)
{
    auto it = m_frames.find(task);
    if (it == m_frames.end())
    {
        return nullptr;
    }
    TaskFrames& frames = it->second;
    if (seq < frames.base || seq - frames.base >= frames.window.size())
    {
        return nullptr;
    }
    FrameRecord& record = frames.window[seq - frames.base];
    return record.created && !record.settled ? &record : nullptr;
}

void
FrameTracker::Trim(TaskFrames& frames)
{
    while (!frames.window.empty() &&
           (frames.window.front().settled || !frames.window.front().created))
    {
        // A gap (a sequence number never created) is trimmed only when a later frame follows.
        if (!frames.window.front().created && frames.window.size() == 1)
        {
            break;
        }
        frames.window.pop_front();
        ++frames.base;
    }
}

void
FrameTracker::Settle(uint32_t task,
                     uint32_t seq,
                     FrameStatus status,
                     uint8_t reason,
                     const FrameResult* result)
{
    FrameRecord* record = Find(task, seq);
    if (record == nullptr)
    {
        return; // unknown, or settled before: the first final state counts
    }
    record->status = status;
    record->reason = reason;
    record->settled = true;
    if (!m_settled.IsNull())
    {
        m_settled(*record, result);
    }
    Trim(m_frames[task]);
}

void
FrameTracker::Created(uint32_t task, uint32_t seq, uint32_t bytes)
{
    TaskFrames& frames = m_frames[task];
    if (frames.window.empty())
    {
        frames.base = seq;
    }
    if (seq < frames.base)
    {
        return;
    }
    while (seq - frames.base >= frames.window.size())
    {
        frames.window.emplace_back();
    }
    FrameRecord& record = frames.window[seq - frames.base];
    if (record.created)
    {
        return;
    }
    record.taskId = task;
    record.frameSeq = seq;
    record.created = true;
    record.bytes = bytes;
    record.times[CREATED] = Simulator::Now().GetTimeStep();
}

void
FrameTracker::Stage(int stageNow, const EdgeDnnHeader& header)
{
    FrameRecord* record = Find(header.GetTaskId(), header.GetFrameSeq());
    if (record == nullptr)
    {
        return;
    }
    for (int s = 0; s < EdgeDnnHeader::STAGE_COUNT; ++s)
    {
        const int64_t t = header.GetTime(static_cast<EdgeDnnHeader::Stage>(s)).GetTimeStep();
        if (t >= 0 && record->times[s] < 0)
        {
            record->times[s] = t;
        }
    }
    if (stageNow >= 0 && record->times[stageNow] < 0)
    {
        record->times[stageNow] = Simulator::Now().GetTimeStep();
    }
}

void
FrameTracker::Result(const FrameResult& result)
{
    FrameRecord* record = Find(result.taskId, result.frameSeq);
    if (record == nullptr)
    {
        return;
    }
    const Time times[TIME_COUNT] = {result.created,
                                    result.edgeRx,
                                    result.edgeStart,
                                    result.edgeDone,
                                    result.cloudRx,
                                    result.cloudStart,
                                    result.cloudDone,
                                    result.deviceStart,
                                    result.deviceDone,
                                    result.resultRx};
    for (int s = 0; s < TIME_COUNT; ++s)
    {
        if (!times[s].IsNegative())
        {
            record->times[s] = times[s].GetTimeStep();
        }
    }
    Settle(result.taskId, result.frameSeq, result.status, NO_REASON, &result);
}

void
FrameTracker::Dropped(const EdgeDnnHeader& header, const std::string& reason)
{
    Stage(-1, header);
    Settle(header.GetTaskId(),
           header.GetFrameSeq(),
           StatusOfDrop(reason),
           ReasonIndex(reason),
           nullptr);
}

void
FrameTracker::Energy(int part, uint32_t task, uint32_t seq, double joules)
{
    FrameRecord* record = Find(task, seq);
    if (record == nullptr || part < 0 || part >= ENERGY_COUNT)
    {
        return;
    }
    record->energy[part] = std::max(record->energy[part], 0.0) + joules;
}

void
FrameTracker::JobEnergy(int part, const EdgeDnnHeader& header, double joules)
{
    Energy(part, header.GetTaskId(), header.GetFrameSeq(), joules);
}

void
FrameTracker::Lost(uint32_t task, uint32_t seq)
{
    Settle(task, seq, FrameStatus::LOST, TIMEOUT, nullptr);
}

void
FrameTracker::SettleOpen(Time now, Time stallTime)
{
    // In task order, so that reruns hand over the same frames in the same order.
    std::vector<uint32_t> tasks;
    for (const auto& [task, frames] : m_frames)
    {
        tasks.push_back(task);
    }
    std::sort(tasks.begin(), tasks.end());
    for (uint32_t task : tasks)
    {
        FrameWindow& window = m_frames[task].window;
        for (std::size_t i = 0; i < window.size(); ++i)
        {
            FrameRecord& record = window[i];
            if (record.created && !record.settled)
            {
                int64_t lastProgress = -1;
                for (int64_t t : record.times)
                {
                    lastProgress = std::max(lastProgress, t);
                }
                const bool stalled =
                    now.GetNanoSeconds() - lastProgress >= stallTime.GetNanoSeconds();
                record.status = stalled ? FrameStatus::LOST : FrameStatus::IN_FLIGHT;
                record.reason = stalled ? STALLED : NO_REASON;
                record.settled = true;
                if (!m_settled.IsNull())
                {
                    m_settled(record, nullptr);
                }
            }
        }
    }
    m_frames.clear();
}

} // namespace edgednn
} // namespace ns3
