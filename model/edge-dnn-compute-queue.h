/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_COMPUTE_QUEUE_H
#define EDGE_DNN_COMPUTE_QUEUE_H

#include "edge-dnn-header.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <deque>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The compute of a server: identical workers fed from one FIFO queue of bounded length.
 *
 * A job holds a frame's header and how long it takes on one worker. A job that finds a free worker
 * starts at once; otherwise it waits in the queue, unless the queue already holds its maximum, and
 * then it is refused.
 */
class ComputeQueue
{
  public:
    /** \brief Called with a job's header when it starts or finishes (the header may be updated). */
    using JobCallback = Callback<void, EdgeDnnHeader&>;

    /**
     * \brief A compute queue.
     * \param workers number of workers (> 0)
     * \param maxQueueLength jobs that may wait (not counting those in service)
     * \param onStart called when a job starts on a worker
     * \param onFinish called when a job finishes
     */
    ComputeQueue(uint32_t workers,
                 uint32_t maxQueueLength,
                 JobCallback onStart,
                 JobCallback onFinish);
    ~ComputeQueue();

    /**
     * \brief Submit a job.
     * \param header the frame
     * \param duration its compute time on one worker
     * \return false if the queue was full and the job refused
     */
    bool Submit(const EdgeDnnHeader& header, Time duration);

    /** \return jobs waiting */
    uint32_t GetQueueLength() const;

    /** \return workers busy */
    uint32_t GetBusyWorkers() const;

    /** \brief Cancel every job in service or waiting. */
    void Clear();

  private:
    /// A job.
    struct Job
    {
        EdgeDnnHeader header; //!< the frame
        Time duration;        //!< compute time
    };

    /**
     * \brief Start a job on a free worker.
     * \param worker the worker
     * \param job the job
     */
    void Start(uint32_t worker, Job job);

    /**
     * \brief A worker finished.
     * \param worker the worker
     */
    void Finish(uint32_t worker);

    uint32_t m_maxQueueLength;    //!< queue bound
    JobCallback m_onStart;        //!< job started
    JobCallback m_onFinish;       //!< job finished
    std::vector<Job> m_running;   //!< job on each worker
    std::vector<EventId> m_done;  //!< completion event of each worker
    std::vector<uint32_t> m_free; //!< free workers
    std::deque<Job> m_waiting;    //!< FIFO queue
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_COMPUTE_QUEUE_H */
