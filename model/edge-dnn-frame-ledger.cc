/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-frame-ledger.h"

#include "iot-device-application.h"

#include "ns3/callback.h"
#include "ns3/config.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace edgednn
{

namespace
{

/// Config paths of the trace sources the ledger follows.
const char* g_created = "/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication/FrameCreated";
const char* g_result = "/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication/ResultReceived";
const char* g_lost = "/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication/FrameLost";
const char* g_deviceDrop = "/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication/FrameDropped";
const char* g_edgeDrop = "/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication/FrameDropped";
const char* g_cloudDrop = "/NodeList/*/ApplicationList/*/$ns3::CloudServerApplication/FrameDropped";
const char* g_decision = "/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication/TaskDecision";

} // namespace

FrameLedger::FrameLedger()
{
    m_tracker.SetSettledCallback(MakeCallback(&FrameLedger::OnSettled, this));
}

void
FrameLedger::Connect()
{
    if (m_connected)
    {
        return;
    }
    Config::ConnectWithoutContext(g_created, MakeCallback(&FrameLedger::OnCreated, this));
    FrameTracker* t = &m_tracker;
    Config::ConnectWithoutContext(g_result, MakeCallback(&FrameTracker::Result, t));
    Config::ConnectWithoutContext(g_lost, MakeCallback(&FrameTracker::Lost, t));
    Config::ConnectWithoutContext(g_deviceDrop, MakeCallback(&FrameTracker::Dropped, t));
    Config::ConnectWithoutContext(g_edgeDrop, MakeCallback(&FrameTracker::Dropped, t));
    Config::ConnectWithoutContext(g_cloudDrop, MakeCallback(&FrameTracker::Dropped, t));
    Config::ConnectWithoutContext(g_decision, MakeCallback(&FrameLedger::OnDecision, this));
    // Decisions made before the ledger connected: each device keeps its last one.
    const Config::MatchContainer devices =
        Config::LookupMatches("/NodeList/*/ApplicationList/*/$ns3::IotDeviceApplication");
    for (auto it = devices.Begin(); it != devices.End(); ++it)
    {
        if (auto decision = DynamicCast<IotDeviceApplication>(*it)->GetDecision();
            decision && !m_decisions.count(decision->taskId))
        {
            m_decisions[decision->taskId] = *decision;
        }
    }
    m_connected = true;
}

void
FrameLedger::Disconnect()
{
    if (!m_connected)
    {
        return;
    }
    Config::DisconnectWithoutContext(g_created, MakeCallback(&FrameLedger::OnCreated, this));
    FrameTracker* t = &m_tracker;
    Config::DisconnectWithoutContext(g_result, MakeCallback(&FrameTracker::Result, t));
    Config::DisconnectWithoutContext(g_lost, MakeCallback(&FrameTracker::Lost, t));
    Config::DisconnectWithoutContext(g_edgeDrop, MakeCallback(&FrameTracker::Dropped, t));
    Config::DisconnectWithoutContext(g_cloudDrop, MakeCallback(&FrameTracker::Dropped, t));
    Config::DisconnectWithoutContext(g_decision, MakeCallback(&FrameLedger::OnDecision, this));
    m_connected = false;
}

uint64_t
FrameLedger::GetCreated() const
{
    return m_frames.size();
}

uint64_t
FrameLedger::GetCount(FrameStatus status) const
{
    uint64_t n = 0;
    for (const auto& entry : m_frames)
    {
        n += entry.second.status == status ? 1 : 0;
    }
    return n;
}

const std::map<std::pair<uint32_t, uint32_t>, FrameLedger::Entry>&
FrameLedger::GetFrames() const
{
    return m_frames;
}

void
FrameLedger::OnCreated(uint32_t task, uint32_t frame, uint32_t bytes)
{
    Entry& e = m_frames[{task, frame}];
    e.created = Simulator::Now();
    e.bytes = bytes;
    m_tracker.Created(task, frame, bytes);
}

void
FrameLedger::OnSettled(const FrameTracker::FrameRecord& record, const FrameResult* result)
{
    Entry& e = m_frames[{record.taskId, record.frameSeq}];
    e.status = record.status;
    if (result)
    {
        e.result = *result;
    }
    e.dropReason = m_tracker.GetReason(record.reason);
}

FrameStatus
FrameLedger::StatusOfDrop(const std::string& reason)
{
    return FrameTracker::StatusOfDrop(reason);
}

void
FrameLedger::OnDecision(const TaskDecision& decision)
{
    m_decisions[decision.taskId] = decision;
}

std::optional<TaskDecision>
FrameLedger::GetDecision(uint32_t taskId) const
{
    auto it = m_decisions.find(taskId);
    return it != m_decisions.end() ? std::optional<TaskDecision>(it->second) : std::nullopt;
}

std::vector<FrameLedger::Stall>
FrameLedger::GetStalls(Time now, Time stallTime) const
{
    std::vector<Stall> stalls;
    auto it = m_frames.begin();
    while (it != m_frames.end())
    {
        // One task's frames, in sequence order (the map's order).
        const uint32_t task = it->first.first;
        Stall stall;
        stall.taskId = task;
        for (; it != m_frames.end() && it->first.first == task; ++it)
        {
            const Entry& e = it->second;
            ++stall.frames;
            if (e.status != FrameStatus::LOST && e.status != FrameStatus::IN_FLIGHT)
            {
                stall.unanswered = 0; // answered: the unanswered run starts again after it
                stall.lost = 0;
                stall.inFlight = 0;
                stall.everAnswered = true;
                continue;
            }
            if (stall.unanswered++ == 0)
            {
                stall.since = e.created;
            }
            ++(e.status == FrameStatus::LOST ? stall.lost : stall.inFlight);
        }
        if (stall.unanswered >= MIN_STALLED_FRAMES &&
            (stall.lost > 0 || now - stall.since >= stallTime))
        {
            stalls.push_back(stall);
        }
    }
    return stalls;
}

} // namespace edgednn
} // namespace ns3
