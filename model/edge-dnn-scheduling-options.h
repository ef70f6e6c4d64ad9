/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SCHEDULING_OPTIONS_H
#define EDGE_DNN_SCHEDULING_OPTIONS_H

#include "edge-dnn-assignment.h"
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
 * \brief One split point of a task on one server, with what it needs there.
 */
struct SchedulingOption
{
    uint32_t splitIndex{0};       //!< SplitPoint::index
    uint32_t deviceSplitIndex{0}; //!< the device's cut, SplitPoint::index (0: none)
    double bandwidthBps{0};       //!< bandwidth demand (bit/s)
    double computeMacsPerS{0};    //!< compute load (MAC/s)
    double latencyS{0};           //!< predicted latency (s)
};

/**
 * \ingroup edge-dnn
 * \brief A task's choice among its options: a slot (position in its server list) and an option
 * position in that slot, or rejected (slot -1).
 */
struct OptionChoice
{
    int32_t slot{-1};   //!< position in the task's server list; -1 if rejected
    uint32_t option{0}; //!< position among the slot's options
};

/**
 * \ingroup edge-dnn
 * \brief The options of one task on one server: a contiguous run of SchedulingOption.
 */
struct OptionSpan
{
    const SchedulingOption* data{nullptr}; //!< first option
    uint32_t size{0};                      //!< number of options

    /** \return the first option */
    const SchedulingOption* begin() const
    {
        return data;
    }

    /** \return one past the last option */
    const SchedulingOption* end() const
    {
        return data + size;
    }

    /**
     * \param k a position
     * \return the option there
     */
    const SchedulingOption& operator[](uint32_t k) const
    {
        return data[k];
    }
};

/**
 * \ingroup edge-dnn
 * \brief Every useful (server, split point) choice of every task, with dominated ones pruned.
 *
 * For task j on the s-th server of its list ("slot" s), the options are the split points that
 * meet the QoS bound and fit an empty server (bandwidth <= V b_i, compute <= c_i), with those
 * dominated by another (no less bandwidth and no less compute) removed; with device prefixes
 * (the constructor's devicePrefixes, for a task whose device computes) the choices are (device
 * split, split) pairs and the pruning is the same, the device's own compute being no server's
 * resource (an option of the device split 0 is kept over a device prefix of equal demands). They
 * are sorted by
 * increasing compute and strictly decreasing bandwidth. Under the transfer latency model with
 * MAC-based profiles, demands do not depend on the server: the Pareto front over (bytes, edge
 * MACs) is computed once per (profile, input bytes) and each slot is the sub-range that fits the
 * server, so building the options of 100,000 tasks costs little more than reading them.
 */
class SchedulingOptions
{
  public:
    /**
     * \brief Compute the options.
     * \param problem the problem; must outlive nothing (the options are copied)
     * \param devicePrefixes whether a task whose device computes may run a prefix of its network
     * there (each (device split, split) pair of SchedulingProblem::GetDeviceSplitPoints is an
     * option, pruned with the others); false, as the paper's algorithms and the LP schedulers
     * build them: device split 0 only
     */
    explicit SchedulingOptions(const SchedulingProblem& problem, bool devicePrefixes = false);

    /**
     * \param task a task index
     * \param slot a position in the task's server list
     * \return the options, sorted by increasing compute
     */
    OptionSpan Get(uint32_t task, uint32_t slot) const
    {
        const Slot& s = m_slots[m_firstSlot[task] + slot];
        return OptionSpan{m_options.data() + s.first, s.size};
    }

    /**
     * \param task a task index
     * \return the number of servers it may use
     */
    uint32_t GetSlotCount(uint32_t task) const
    {
        return static_cast<uint32_t>(m_firstSlot[task + 1] - m_firstSlot[task]);
    }

    /**
     * \param task a task index
     * \param slot a position in its server list
     * \return the server's index
     */
    uint32_t GetServer(uint32_t task, uint32_t slot) const
    {
        return m_slots[m_firstSlot[task] + slot].server;
    }

    /** \return the number of tasks */
    uint64_t GetTaskCount() const
    {
        return m_firstSlot.size() - 1;
    }

    /** \return the number of (task, server, split point) options kept */
    uint64_t GetOptionCount() const;

    /**
     * \param option an option
     * \return it as a demand (feasible)
     */
    static TaskDemand ToDemand(const SchedulingOption& option);

    /**
     * \param task a task index
     * \param choice one of its options, or slot -1 for none
     * \return the placement the choice makes (admitted false for none)
     */
    TaskPlacement ToPlacement(uint32_t task, const OptionChoice& choice) const;

    /**
     * \brief An assignment from choices.
     * \param algorithm the algorithm's name
     * \param choices one per task
     * \return the assignment
     */
    Assignment MakeAssignment(const std::string& algorithm,
                              const std::vector<OptionChoice>& choices) const;

  private:
    /// A task's options on one server.
    struct Slot
    {
        uint64_t first;  //!< index of the first option in m_options
        uint32_t size;   //!< number of options
        uint32_t server; //!< server index
    };

    std::vector<SchedulingOption> m_options; //!< all options
    std::vector<Slot> m_slots;               //!< per (task, slot)
    std::vector<uint64_t> m_firstSlot;       //!< first slot of each task, plus an end marker
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SCHEDULING_OPTIONS_H */
