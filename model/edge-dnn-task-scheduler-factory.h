/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TASK_SCHEDULER_FACTORY_H
#define EDGE_DNN_TASK_SCHEDULER_FACTORY_H

#include "edge-dnn-task-scheduler.h"

#include "ns3/attribute.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Creates scheduling algorithms: an ObjectFactory that also takes short names with their
 * attribute presets, and reports bad names and values as EdgeDnnError instead of aborting.
 *
 * \code
 *   TaskSchedulerFactory factory("ns3::LocalSearchScheduler");
 *   factory.Set("WorkBudget", UintegerValue(1000000));
 *   Ptr<TaskScheduler> scheduler = factory.Create();
 * \endcode
 * Attributes not set here keep their defaults, so Config::SetDefault and --ns3::Class::Attr= on
 * the command line apply.
 */
class TaskSchedulerFactory
{
  public:
    /**
     * \brief A factory.
     * \param type a short name (TaskScheduler::GetNames()) or a TypeId name
     * \throws EdgeDnnError for an unknown name, listing the known ones
     */
    explicit TaskSchedulerFactory(const std::string& type = "local-search");

    /**
     * \brief Select the algorithm, forgetting the attributes set before; a short name applies
     * its presets.
     * \param type a short name (TaskScheduler::GetNames()) or a TypeId name
     * \throws EdgeDnnError for an unknown name, listing the known ones
     */
    void SetType(const std::string& type);

    /**
     * \brief Set an attribute of the algorithm.
     * \param name the attribute's name
     * \param value its value (the attribute's type, or a StringValue)
     * \throws EdgeDnnError if the algorithm has no such attribute (listing its attributes) or the
     * value is out of range (naming the range)
     */
    void Set(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute if the algorithm has it: for settings that only some algorithms
     * use, such as a seed.
     * \param name the attribute's name
     * \param value its value
     * \return false if the algorithm has no such attribute
     * \throws EdgeDnnError if it has it but the value is out of range
     */
    bool SetFailSafe(const std::string& name, const AttributeValue& value);

    /** \return the name the algorithm reports: the short name selected, else its own */
    std::string GetName() const;

    /** \return the algorithm's TypeId */
    TypeId GetTypeId() const;

    /** \return a new algorithm */
    Ptr<TaskScheduler> Create() const;

  private:
    ObjectFactory m_factory; //!< type and attribute values
    std::string m_name;      //!< the short name selected; empty for a TypeId name
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TASK_SCHEDULER_FACTORY_H */
