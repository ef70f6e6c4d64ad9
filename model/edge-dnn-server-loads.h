/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SERVER_LOADS_H
#define EDGE_DNN_SERVER_LOADS_H

#include "edge-dnn-assignment.h"
#include "edge-dnn-scheduling-problem.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Bandwidth and compute in use on each edge server while a scheduler places tasks.
 */
class ServerLoads
{
  public:
    /**
     * \brief Empty servers.
     * \param problem the problem (capacities V b_i and c_i)
     */
    explicit ServerLoads(const SchedulingProblem& problem);

    /**
     * \param server a server index
     * \param bandwidthBps bandwidth to add (bit/s)
     * \param computeMacsPerS compute load to add (MAC/s)
     * \return true if both stay within the server's capacities
     */
    bool Fits(uint32_t server, double bandwidthBps, double computeMacsPerS) const
    {
        return m_bandwidth[server] + bandwidthBps <= m_bandwidthCapacity[server] &&
               m_compute[server] + computeMacsPerS <= m_computeCapacity[server];
    }

    /**
     * \brief Take resources.
     * \param server a server index
     * \param bandwidthBps bandwidth (bit/s)
     * \param computeMacsPerS compute load (MAC/s)
     */
    void Add(uint32_t server, double bandwidthBps, double computeMacsPerS);

    /**
     * \brief Place a task on a server at a split point if the choice meets its bound and fits what
     * the server has left (SchedulingProblem::ComputeDemand): take its resources and record it.
     * \param problem the problem
     * \param task a task index
     * \param server a server index
     * \param point one of the task's split points
     * \param assignment where the placement is recorded
     * \return true if placed
     */
    bool TryPlace(const SchedulingProblem& problem,
                  uint32_t task,
                  uint32_t server,
                  const SplitPoint& point,
                  Assignment& assignment);

    /**
     * \brief Place a task with a device prefix if it is feasible and fits, and record it.
     * \param problem the problem
     * \param task a task index
     * \param server a server index
     * \param point the edge's split point
     * \param devicePoint the device's split point (at or before point)
     * \param assignment where the placement is recorded
     * \return true if placed
     */
    bool TryPlace(const SchedulingProblem& problem,
                  uint32_t task,
                  uint32_t server,
                  const SplitPoint& point,
                  const SplitPoint& devicePoint,
                  Assignment& assignment);

    /**
     * \brief Give resources back.
     * \param server a server index
     * \param bandwidthBps bandwidth (bit/s)
     * \param computeMacsPerS compute load (MAC/s)
     */
    void Remove(uint32_t server, double bandwidthBps, double computeMacsPerS);

    /**
     * \param server a server index
     * \return bandwidth in use (bit/s)
     */
    double GetBandwidth(uint32_t server) const
    {
        return m_bandwidth[server];
    }

    /**
     * \param server a server index
     * \return compute in use (MAC/s)
     */
    double GetCompute(uint32_t server) const
    {
        return m_compute[server];
    }

    /**
     * \param server a server index
     * \return V b_i (bit/s)
     */
    double GetBandwidthCapacity(uint32_t server) const
    {
        return m_bandwidthCapacity[server];
    }

    /**
     * \param server a server index
     * \return c_i (MAC/s)
     */
    double GetComputeCapacity(uint32_t server) const
    {
        return m_computeCapacity[server];
    }

    /**
     * \param server a server index
     * \return 1 / (V b_i)
     */
    double GetInverseBandwidthCapacity(uint32_t server) const
    {
        return m_inverseBandwidth[server];
    }

    /**
     * \param server a server index
     * \return 1 / c_i
     */
    double GetInverseComputeCapacity(uint32_t server) const
    {
        return m_inverseCompute[server];
    }

  private:
    std::vector<double> m_bandwidth;         //!< bandwidth in use
    std::vector<double> m_compute;           //!< compute in use
    std::vector<double> m_bandwidthCapacity; //!< V b_i
    std::vector<double> m_computeCapacity;   //!< c_i
    std::vector<double> m_inverseBandwidth;  //!< 1 / (V b_i)
    std::vector<double> m_inverseCompute;    //!< 1 / c_i
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SERVER_LOADS_H */
