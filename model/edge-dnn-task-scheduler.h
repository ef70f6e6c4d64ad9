/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TASK_SCHEDULER_H
#define EDGE_DNN_TASK_SCHEDULER_H

#include "edge-dnn-assignment.h"
#include "edge-dnn-scheduling-problem.h"

#include "ns3/object.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A short name of a scheduling algorithm: the TypeId it creates and the attribute values
 * it presets (e.g. "cloud-only": ns3::FixedSplitScheduler with Mode=cloud-only).
 */
struct SchedulerName
{
    std::string name;     //!< the short name, e.g. "cloud-only"
    std::string typeName; //!< the TypeId name, e.g. "ns3::FixedSplitScheduler"
    std::vector<std::pair<std::string, std::string>> presets; //!< attribute names and values (text)
    uint32_t listOrder{1000}; //!< where GetNames() lists it (then by name)
};

/**
 * \ingroup edge-dnn
 * \brief A scheduling algorithm: places tasks on edge servers with split points, or rejects
 * them, so that every constraint holds.
 *
 * Each algorithm is a subclass with its own TypeId and attributes, created through an
 * ObjectFactory (TaskSchedulerFactory, SchedulerHelper::SetScheduler) by TypeId name or by a
 * short name. Each algorithm's .cc registers its own short names with
 * EDGE_DNN_SCHEDULER_NAME, so adding one touches nothing central; see doc/scheduler.rst. Every
 * algorithm is deterministic: the same problem and attribute values give the same assignment.
 *
 * An algorithm that can decide tasks one at a time, on arrival, with final decisions overrides
 * SupportsOnline(), StartOnline() and DecideOnline(); SchedulerHelper::ScheduleOnline() uses them.
 */
class TaskScheduler : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \brief An algorithm reporting GetAlgorithmName() until SetName() is called. */
    TaskScheduler();
    /** \brief Destructor. */
    ~TaskScheduler() override;

    /**
     * \brief Create an algorithm with its default attribute values (and its short name's presets).
     * \param type a short name (GetNames()) or a TypeId name (e.g. "ns3::LocalSearchScheduler")
     * \return the algorithm
     * \throws EdgeDnnError for an unknown name, listing the known ones
     */
    static Ptr<TaskScheduler> Create(const std::string& type);

    /**
     * \return the registered short names by their list order, then by name (the LP-based ones
     * only if built with lp_solve)
     */
    static std::vector<std::string> GetNames();

    /** \return the short names whose algorithm can decide online (SupportsOnline()), sorted */
    static std::vector<std::string> GetOnlineNames();

    /**
     * \param name a short name
     * \return its entry, or nullptr if no algorithm registered it
     */
    static const SchedulerName* LookupName(const std::string& name);

    /**
     * \brief Register a short name; called by the algorithm's own .cc through
     * EDGE_DNN_SCHEDULER_NAME, at static initialisation.
     * \param name the short name
     * \param typeName the TypeId name of the algorithm
     * \param presets attribute names and values (as text) the name sets
     * \param listOrder where GetNames() lists the name (then by name): it keeps the order users
     * know (the paper's algorithms, ours, the baselines, the bounds); new ones go last by default
     * \return true
     */
    static bool RegisterName(const std::string& name,
                             const std::string& typeName,
                             const std::vector<std::pair<std::string, std::string>>& presets = {},
                             uint32_t listOrder = 1000);

    /** \return true if the LP-based algorithms (lp-bound, exact) are built in */
    static bool HaveLpSolver();

    /**
     * \return the algorithm's name in assignments: the short name it was selected by (SetName()),
     * else GetAlgorithmName()
     */
    std::string GetName() const;

    /**
     * \brief Set the name it reports (done by TaskSchedulerFactory for a short name).
     * \param name the name; empty: GetAlgorithmName()
     */
    void SetName(const std::string& name);

    /** \return the algorithm's own short name under its current attributes */
    virtual std::string GetAlgorithmName() const = 0;

    /**
     * \brief Solve a problem.
     * \param problem the problem
     * \return an assignment meeting every constraint
     */
    virtual Assignment Schedule(const SchedulingProblem& problem) = 0;

    /** \return true if it implements StartOnline() and DecideOnline() (default false) */
    virtual bool SupportsOnline() const;

    /**
     * \brief Start deciding online: empty servers, no task decided yet.
     * \param problem the problem (every task, in any order); must outlive the decisions
     * \throws EdgeDnnError if the algorithm cannot decide online
     */
    virtual void StartOnline(const SchedulingProblem& problem);

    /**
     * \brief Decide one arriving task, finally, and take its resources if placed.
     * \param task the task's index in the problem given to StartOnline()
     * \return its placement (admitted false if rejected)
     * \throws EdgeDnnError if the algorithm cannot decide online, or before StartOnline()
     */
    virtual TaskPlacement DecideOnline(uint32_t task);

    /**
     * \return true if it chooses device prefixes (a device split > 0) for tasks whose device
     * computes (default false: device split 0, the paper's problem)
     */
    virtual bool TakesDevicePrefixes() const;

    /**
     * \brief Decide one task again while the others stay as they are: its device moved to
     * another edge server's access point (SchedulerHelper::EnableHandover), and the problem's
     * task lists the servers it may use now.
     *
     * The default is the paper's online rule (PaperOnlineScheduler): among the task's options
     * on those servers (SchedulingProblem::ComputeDemand; with device prefixes if
     * TakesDevicePrefixes()) that meet its bound and fit beside the other admitted tasks' loads
     * in current, the one that uses the least of the servers' bandwidth and compute, each
     * relative to its capacity; rejected if none fits. An algorithm may override it.
     * \param problem the problem, with the task's servers as they are now
     * \param current the assignment in force (the task's own placement is not counted)
     * \param task the task's index
     * \return its placement (admitted false if rejected)
     * \throws EdgeDnnError for a task index or an assignment that does not match the problem
     */
    virtual TaskPlacement DecideHandover(const SchedulingProblem& problem,
                                         const Assignment& current,
                                         uint32_t task);

  private:
    std::string m_name; //!< the name it was selected by; empty: GetAlgorithmName()
};

} // namespace edgednn
} // namespace ns3

/**
 * \ingroup edge-dnn
 * \brief Register a short name of a scheduling algorithm from the algorithm's own .cc, the way
 * NS_OBJECT_ENSURE_REGISTERED registers its TypeId: EDGE_DNN_SCHEDULER_NAME(CloudOnly,
 * "cloud-only", "ns3::FixedSplitScheduler", {{"Mode", "cloud-only"}}, 40) (the list order is
 * optional).
 * \param id an identifier unique in the file
 * \param ... the arguments of TaskScheduler::RegisterName
 */
#define EDGE_DNN_SCHEDULER_NAME(id, ...)                                                           \
    [[maybe_unused]] static const bool g_edgeDnnSchedulerName##id =                                \
        ::ns3::edgednn::TaskScheduler::RegisterName(__VA_ARGS__)

#endif /* EDGE_DNN_TASK_SCHEDULER_H */
