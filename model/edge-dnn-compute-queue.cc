/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-compute-queue.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace edgednn
{

ComputeQueue::ComputeQueue(uint32_t workers,
                           uint32_t maxQueueLength,
                           JobCallback onStart,
                           JobCallback onFinish)
    : m_maxQueueLength(maxQueueLength),
      m_onStart(onStart),
      m_onFinish(onFinish),
      m_running(workers),
      m_done(workers)
{
    NS_ABORT_MSG_IF(workers == 0, "a compute queue needs a worker");
    for (uint32_t w = workers; w > 0; --w)
    {
        m_free.push_back(w - 1);
    }
}

ComputeQueue::~ComputeQueue()
{
    Clear();
}

bool
ComputeQueue::Submit(const EdgeDnnHeader& header, Time duration)
{
    if (!m_free.empty())
    {
        const uint32_t worker = m_free.back();
        m_free.pop_back();
        Start(worker, Job{header, duration});
        return true;
    }
    if (m_waiting.size() >= m_maxQueueLength)
    {
        return false;
    }
    m_waiting.push_back(Job{header, duration});
    return true;
}

void
ComputeQueue::Start(uint32_t worker, Job job)
{
    m_running[worker] = job;
    m_onStart(m_running[worker].header);
    m_done[worker] = Simulator::Schedule(job.duration, &ComputeQueue::Finish, this, worker);
}

void
ComputeQueue::Finish(uint32_t worker)
{
    EdgeDnnHeader header = m_running[worker].header;
    if (m_waiting.empty())
    {
        m_free.push_back(worker);
    }
    else
    {
        Job next = m_waiting.front();
        m_waiting.pop_front();
        Start(worker, next);
    }
    m_onFinish(header);
}

uint32_t
ComputeQueue::GetQueueLength() const
{
    return static_cast<uint32_t>(m_waiting.size());
}

uint32_t
ComputeQueue::GetBusyWorkers() const
{
    return static_cast<uint32_t>(m_running.size() - m_free.size());
}

void
ComputeQueue::Clear()
{
    m_waiting.clear();
    m_free.clear();
    for (uint32_t w = 0; w < m_done.size(); ++w)
    {
        m_done[w].Cancel();
        m_free.push_back(static_cast<uint32_t>(m_done.size()) - 1 - w);
    }
}

} // namespace edgednn
} // namespace ns3
