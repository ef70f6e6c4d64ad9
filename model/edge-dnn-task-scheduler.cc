/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-task-scheduler.h"

#include "edge-dnn-error.h"
#include "edge-dnn-paper-online-scheduler.h"
#include "edge-dnn-scheduling-options.h"
#include "edge-dnn-server-loads.h"
#include "edge-dnn-task-scheduler-factory.h"

#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <algorithm>
#include <map>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("TaskScheduler");

NS_OBJECT_ENSURE_REGISTERED(TaskScheduler);

namespace
{

/**
 * \brief The short names, filled at static initialisation by each algorithm's .cc.
 * \return the table, by name
 */
std::map<std::string, SchedulerName>&
NameTable()
{
    static std::map<std::string, SchedulerName> table;
    return table;
}

} // namespace

TypeId
TaskScheduler::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TaskScheduler").SetParent<Object>().SetGroupName("EdgeDnn");
    return tid;
}

TaskScheduler::TaskScheduler()
{
    NS_LOG_FUNCTION(this);
}

TaskScheduler::~TaskScheduler()
{
    NS_LOG_FUNCTION(this);
}

bool
TaskScheduler::HaveLpSolver()
{
#ifdef EDGE_DNN_HAVE_LPSOLVE
    return true;
#else
    return false;
#endif
}

bool
TaskScheduler::RegisterName(const std::string& name,
                            const std::string& typeName,
                            const std::vector<std::pair<std::string, std::string>>& presets,
                            uint32_t listOrder)
{
    auto [it, inserted] =
        NameTable().emplace(name, SchedulerName{name, typeName, presets, listOrder});
    if (!inserted)
    {
        NS_FATAL_ERROR("scheduling algorithm name '" << name << "' registered twice (by "
                                                     << it->second.typeName << " and " << typeName
                                                     << ")");
    }
    return true;
}

const SchedulerName*
TaskScheduler::LookupName(const std::string& name)
{
    const auto it = NameTable().find(name);
    return it == NameTable().end() ? nullptr : &it->second;
}

std::vector<std::string>
TaskScheduler::GetNames()
{
    std::vector<const SchedulerName*> entries;
    for (const auto& [name, entry] : NameTable())
    {
        entries.push_back(&entry);
    }
    std::stable_sort(entries.begin(),
                     entries.end(),
                     [](const SchedulerName* a, const SchedulerName* b) {
                         return a->listOrder < b->listOrder; // the table is sorted by name
                     });
    std::vector<std::string> names;
    for (const SchedulerName* entry : entries)
    {
        names.push_back(entry->name);
    }
    return names;
}

std::vector<std::string>
TaskScheduler::GetOnlineNames()
{
    std::vector<std::string> names;
    for (const auto& name : GetNames())
    {
        if (Create(name)->SupportsOnline())
        {
            names.push_back(name);
        }
    }
    return names;
}

Ptr<TaskScheduler>
TaskScheduler::Create(const std::string& type)
{
    return TaskSchedulerFactory(type).Create();
}

std::string
TaskScheduler::GetName() const
{
    return m_name.empty() ? GetAlgorithmName() : m_name;
}

void
TaskScheduler::SetName(const std::string& name)
{
    m_name = name;
}

bool
TaskScheduler::SupportsOnline() const
{
    return false;
}

void
TaskScheduler::StartOnline(const SchedulingProblem& /* problem */)
{
    throw EdgeDnnError("scheduling algorithm '" + GetName() + "' cannot decide online");
}

TaskPlacement
TaskScheduler::DecideOnline(uint32_t /* task */)
{
    throw EdgeDnnError("scheduling algorithm '" + GetName() + "' cannot decide online");
}

bool
TaskScheduler::TakesDevicePrefixes() const
{
    return false;
}

TaskPlacement
TaskScheduler::DecideHandover(const SchedulingProblem& problem,
                              const Assignment& current,
                              uint32_t task)
{
    const std::vector<TaskPlacement>& placements = current.GetPlacements();
    if (task >= problem.GetTaskCount())
    {
        throw EdgeDnnError("scheduling algorithm '" + GetName() + "': DecideHandover: no task " +
                           std::to_string(task) + " (" + std::to_string(problem.GetTaskCount()) +
                           " tasks)");
    }
    if (placements.size() != problem.GetTaskCount())
    {
        throw EdgeDnnError("scheduling algorithm '" + GetName() + "': DecideHandover: the " +
                           "assignment has " + std::to_string(placements.size()) +
                           " placements for " + std::to_string(problem.GetTaskCount()) + " tasks");
    }
    ServerLoads loads(problem);
    for (uint32_t j = 0; j < placements.size(); ++j)
    {
        const TaskPlacement& p = placements[j];
        if (j != task && p.admitted)
        {
            if (p.server >= problem.GetServerCount())
            {
                throw EdgeDnnError("scheduling algorithm '" + GetName() +
                                   "': DecideHandover: task " + std::to_string(j) +
                                   " is placed on server " + std::to_string(p.server) + " of " +
                                   std::to_string(problem.GetServerCount()));
            }
            loads.Add(p.server, p.bandwidthBps, p.computeMacsPerS);
        }
    }
    const SchedulingOptions options(problem, TakesDevicePrefixes());
    return options.ToPlacement(task, PaperOnlineScheduler::Decide(options, task, loads));
}

} // namespace edgednn
} // namespace ns3
