/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-task-scheduler-factory.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-error.h"

#include "ns3/log.h"
#include "ns3/string.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("TaskSchedulerFactory");

namespace
{

/**
 * \param names names
 * \return them separated by ", "
 */
std::string
Join(const std::vector<std::string>& names)
{
    std::string text;
    for (const auto& n : names)
    {
        text += (text.empty() ? "" : ", ") + n;
    }
    return text;
}

} // namespace

TaskSchedulerFactory::TaskSchedulerFactory(const std::string& type)
{
    SetType(type);
}

void
TaskSchedulerFactory::SetType(const std::string& type)
{
    NS_LOG_FUNCTION(this << type);
    TypeId tid;
    if (TypeId::LookupByNameFailSafe(type, &tid))
    {
        if (!tid.IsChildOf(TaskScheduler::GetTypeId()) || !tid.HasConstructor())
        {
            throw EdgeDnnError("scheduling algorithm '" + type +
                               "': this TypeId is not a scheduling algorithm (a constructible "
                               "subclass of ns3::TaskScheduler)");
        }
        m_factory = ObjectFactory();
        m_factory.SetTypeId(tid);
        m_name.clear();
        return;
    }
    const SchedulerName* entry = TaskScheduler::LookupName(type);
    if (entry == nullptr)
    {
        std::string message = "unknown scheduling algorithm '" + type + "'; expected one of " +
                              Join(TaskScheduler::GetNames()) +
                              ", or a TypeId name such as ns3::LocalSearchScheduler";
        if (!TaskScheduler::HaveLpSolver())
        {
            message += " (the LP-based algorithms lp-bound and exact need lp_solve, which this "
                       "build of edge-dnn does not have; Debian: liblpsolve55-dev)";
        }
        throw EdgeDnnError(message);
    }
    if (!TypeId::LookupByNameFailSafe(entry->typeName, &tid))
    {
        throw EdgeDnnError("scheduling algorithm '" + type + "' names TypeId '" + entry->typeName +
                           "', which is not registered");
    }
    m_factory = ObjectFactory();
    m_factory.SetTypeId(tid);
    m_name = type;
    for (const auto& [attribute, value] : entry->presets)
    {
        Set(attribute, StringValue(value));
    }
}

void
TaskSchedulerFactory::Set(const std::string& name, const AttributeValue& value)
{
    if (!SetFailSafe(name, value))
    {
        const TypeId tid = m_factory.GetTypeId();
        std::string known;
        for (TypeId t = tid; t != TaskScheduler::GetTypeId(); t = t.GetParent())
        {
            for (std::size_t i = 0; i < t.GetAttributeN(); ++i)
            {
                known += (known.empty() ? "" : ", ") + t.GetAttribute(i).name;
            }
        }
        throw EdgeDnnError("scheduling algorithm " + tid.GetName() + " has no attribute '" + name +
                           "'; its attributes: " + (known.empty() ? "none" : known));
    }
}

bool
TaskSchedulerFactory::SetFailSafe(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    const TypeId tid = m_factory.GetTypeId();
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        return false;
    }
    // Throws EdgeDnnError naming the attribute, the value and what it takes.
    Ptr<AttributeValue> valid = CheckAttributeValue(tid, name, value);
    m_factory.Set(name, *valid);
    return true;
}

std::string
TaskSchedulerFactory::GetName() const
{
    return m_name.empty() ? Create()->GetName() : m_name;
}

TypeId
TaskSchedulerFactory::GetTypeId() const
{
    return m_factory.GetTypeId();
}

Ptr<TaskScheduler>
TaskSchedulerFactory::Create() const
{
    Ptr<TaskScheduler> scheduler = m_factory.Create<TaskScheduler>();
    scheduler->SetName(m_name);
    return scheduler;
}

} // namespace edgednn
} // namespace ns3
