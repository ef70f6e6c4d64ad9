/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-frame-ledger.h"

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
const char* g_edgeDrop = "/NodeList/*/ApplicationList/*/$ns3::EdgeServerApplication/FrameDropped";
const char* g_cloudDrop = "/NodeList/*/ApplicationList/*/$ns3::CloudServerApplication/FrameDropped";

} // namespace

void
FrameLedger::Connect()
{
    if (m_connected)
    {
        return;
    }
    Config::ConnectWithoutContext(g_created, MakeCallback(&FrameLedger::OnCreated, this));
    Config::ConnectWithoutContext(g_result, MakeCallback(&FrameLedger::OnResult, this));
    Config::ConnectWithoutContext(g_lost, MakeCallback(&FrameLedger::OnLost, this));
    Config::ConnectWithoutContext(g_edgeDrop, MakeCallback(&FrameLedger::OnDropped, this));
    Config::ConnectWithoutContext(g_cloudDrop, MakeCallback(&FrameLedger::OnDropped, this));
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
    Config::DisconnectWithoutContext(g_result, MakeCallback(&FrameLedger::OnResult, this));
    Config::DisconnectWithoutContext(g_lost, MakeCallback(&FrameLedger::OnLost, this));
    Config::DisconnectWithoutContext(g_edgeDrop, MakeCallback(&FrameLedger::OnDropped, this));
    Config::DisconnectWithoutContext(g_cloudDrop, MakeCallback(&FrameLedger::OnDropped, this));
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
}

FrameLedger::Entry*
FrameLedger::Settle(uint32_t task, uint32_t frame, FrameStatus status)
{
    auto it = m_frames.find({task, frame});
    if (it == m_frames.end() || it->second.status != FrameStatus::IN_FLIGHT)
    {
        return nullptr;
    }
    it->second.status = status;
    return &it->second;
}

void
FrameLedger::OnResult(const FrameResult& result)
{
    if (Entry* e = Settle(result.taskId, result.frameSeq, result.status))
    {
        e->result = result;
    }
}

FrameStatus
FrameLedger::StatusOfDrop(const std::string& reason)
{
    return reason == "lost" ? FrameStatus::LOST : FrameStatus::DROPPED;
}

void
FrameLedger::OnDropped(const EdgeDnnHeader& header, const std::string& reason)
{
    if (Entry* e = Settle(header.GetTaskId(), header.GetFrameSeq(), StatusOfDrop(reason)))
    {
        e->dropReason = reason;
    }
}

void
FrameLedger::OnLost(uint32_t task, uint32_t frame)
{
    if (Entry* e = Settle(task, frame, FrameStatus::LOST))
    {
        e->dropReason = "timeout";
    }
}

} // namespace edgednn
} // namespace ns3
