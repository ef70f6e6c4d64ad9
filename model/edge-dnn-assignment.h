/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_ASSIGNMENT_H
#define EDGE_DNN_ASSIGNMENT_H

#include "edge-dnn-scheduling-problem.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Where one task runs: an edge server and a split point, or rejected.
 */
struct TaskPlacement
{
    bool admitted{false};         //!< placed on a server
    uint32_t server{0};           //!< server index (admitted only)
    uint32_t splitIndex{0};       //!< SplitPoint::index (admitted only)
    uint32_t deviceSplitIndex{0}; //!< the device's cut, SplitPoint::index (0: none; admitted only)
    double bandwidthBps{0};       //!< bandwidth it takes (bit/s)
    double computeMacsPerS{0};    //!< compute load it puts on the server (MAC/s)
    double latencyS{0};           //!< predicted latency (s)
};

/**
 * \ingroup edge-dnn
 * \brief Per-server totals of an assignment.
 */
struct ServerTotals
{
    uint32_t tasks{0};         //!< tasks placed on it
    double bandwidthBps{0};    //!< sum of their bandwidth (bit/s)
    double computeMacsPerS{0}; //!< sum of their compute load (MAC/s)
};

/**
 * \ingroup edge-dnn
 * \brief A scheduler's answer: per task a placement or a rejection, plus, for the LP-based
 * algorithms, an upper bound on the admitted count.
 */
class Assignment
{
  public:
    /** \brief An empty assignment (no tasks). */
    Assignment();

    /**
     * \brief Every task rejected.
     * \param algorithm the algorithm's name
     * \param taskCount the number of tasks
     */
    Assignment(const std::string& algorithm, uint32_t taskCount);

    /** \return the algorithm's name */
    const std::string& GetAlgorithm() const;
    /** \param algorithm the algorithm's name */
    void SetAlgorithm(const std::string& algorithm);

    /**
     * \brief Place a task.
     * \param task a task index
     * \param server a server index
     * \param splitIndex the split point's index
     * \param demand what it needs there (its deviceSplitIndex is the placement's)
     */
    void Place(uint32_t task, uint32_t server, uint32_t splitIndex, const TaskDemand& demand);

    /**
     * \brief Record a placement an algorithm decided: placed if admitted, else rejected.
     * \param task a task index
     * \param placement the placement
     */
    void Set(uint32_t task, const TaskPlacement& placement);

    /**
     * \brief Reject a task.
     * \param task a task index
     */
    void Reject(uint32_t task);

    /** \return the placements, one per task */
    const std::vector<TaskPlacement>& GetPlacements() const;

    /** \return the number of admitted tasks */
    uint32_t GetAdmittedCount() const;

    /**
     * \param serverCount the number of servers
     * \return totals per server, from the placements' numbers
     */
    std::vector<ServerTotals> GetServerTotals(uint32_t serverCount) const;

    /**
     * \brief Record an upper bound on the admitted count.
     * \param bound the bound (e.g. the LP relaxation's optimum)
     * \param status how the solver ended (e.g. "optimal", "time-limit")
     */
    void SetBound(double bound, const std::string& status);
    /** \return true if a bound was recorded */
    bool HasBound() const;
    /** \return the bound */
    double GetBound() const;
    /** \return the solver's status */
    const std::string& GetStatus() const;
    /** \return (bound - admitted) / bound, 0 if the bound is 0 */
    double GetGap() const;

    /**
     * \brief The assignment as JSON (schema in doc/scheduler.rst).
     * \param problem the problem it answers (for ids and capacities)
     * \return the JSON text
     */
    std::string ToJson(const SchedulingProblem& problem) const;

    /**
     * \brief Write ToJson to a file.
     * \param problem the problem it answers
     * \param path the file
     * \throws EdgeDnnError if it cannot be written
     */
    void WriteFile(const SchedulingProblem& problem, const std::string& path) const;

  private:
    std::string m_algorithm;                 //!< algorithm name
    std::vector<TaskPlacement> m_placements; //!< one per task
    bool m_hasBound{false};                  //!< a bound is recorded
    double m_bound{0};                       //!< upper bound on the admitted count
    std::string m_status;                    //!< solver status
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_ASSIGNMENT_H */
