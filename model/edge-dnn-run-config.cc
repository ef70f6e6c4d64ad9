/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-run-config.h"

#include "edge-dnn-json-input.h"

#include "ns3/application.h"
#include "ns3/global-value.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/node.h"
#include "ns3/object-ptr-container.h"
#include "ns3/pointer.h"

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("RunConfig");

namespace
{

JsonValue AttributesOf(Ptr<Object> object, int depth);

/**
 * \brief An attribute value as JSON: its serialized string; an object pointer as its type and
 * attributes (so that no address enters the record); a container as its size.
 * \param value the value
 * \param checker its checker
 * \param depth nesting depth
 * \return the JSON value
 */
JsonValue
ValueToJson(const AttributeValue& value, Ptr<const AttributeChecker> checker, int depth)
{
    if (const auto* pointer = dynamic_cast<const PointerValue*>(&value))
    {
        Ptr<Object> object = pointer->GetObject();
        if (!object)
        {
            return nullptr;
        }
        JsonValue o = JsonValue::object();
        o["type"] = object->GetInstanceTypeId().GetName();
        if (depth < 2)
        {
            o["attributes"] = AttributesOf(object, depth + 1);
        }
        return o;
    }
    if (const auto* container = dynamic_cast<const ObjectPtrContainerValue*>(&value))
    {
        JsonValue o = JsonValue::object();
        o["count"] = container->GetN();
        return o;
    }
    return JsonValue(value.SerializeToString(checker));
}

/**
 * \brief Every readable attribute of an object, its own TypeId's first, then its parents'.
 * \param object the object
 * \param depth nesting depth
 * \return name: value
 */
JsonValue
AttributesOf(Ptr<Object> object, int depth)
{
    JsonValue attributes = JsonValue::object();
    TypeId tid = object->GetInstanceTypeId();
    while (true)
    {
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(i);
            if (!(info.flags & TypeId::ATTR_GET) || !info.accessor->HasGetter() ||
                info.supportLevel == TypeId::OBSOLETE || attributes.contains(info.name))
            {
                continue;
            }
            Ptr<AttributeValue> value = info.checker->Create();
            if (object->GetAttributeFailSafe(info.name, *value))
            {
                attributes[info.name] = ValueToJson(*value, info.checker, depth);
            }
        }
        if (!tid.HasParent() || tid.GetParent() == tid)
        {
            break;
        }
        tid = tid.GetParent();
    }
    return attributes;
}

} // namespace

std::string
RunConfig::MakeJson(const std::string& scenario,
                    const std::string& algorithm,
                    const std::vector<std::pair<std::string, std::string>>& arguments,
                    const std::vector<std::string>& argv,
                    Ptr<Object> recorder)
{
    JsonValue config = JsonValue::object();
    config["scenario"] = scenario;
    config["algorithm"] = algorithm;
    JsonValue args = JsonValue::object();
    for (const auto& [name, value] : arguments)
    {
        args[name] = value;
    }
    config["arguments"] = std::move(args);
    JsonValue commandLine = JsonValue::array();
    for (const std::string& arg : argv)
    {
        commandLine.push_back(arg);
    }
    config["argv"] = std::move(commandLine);

    JsonValue globals = JsonValue::object();
    for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
    {
        Ptr<AttributeValue> value = (*it)->GetChecker()->Create();
        (*it)->GetValue(*value);
        globals[(*it)->GetName()] = value->SerializeToString((*it)->GetChecker());
    }
    config["globals"] = std::move(globals);

    // Defaults changed by Config::SetDefault or --ns3::Type::Attribute=value.
    JsonValue defaults = JsonValue::object();
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        const TypeId tid = TypeId::GetRegistered(i);
        for (std::size_t j = 0; j < tid.GetAttributeN(); ++j)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(j);
            if (!info.initialValue || !info.originalInitialValue ||
                info.initialValue == info.originalInitialValue)
            {
                continue;
            }
            JsonValue now = ValueToJson(*info.initialValue, info.checker, 2);
            if (now != ValueToJson(*info.originalInitialValue, info.checker, 2))
            {
                defaults[tid.GetName() + "::" + info.name] = std::move(now);
            }
        }
    }
    config["changed_defaults"] = std::move(defaults);

    config["recorder"] = AttributesOf(recorder, 0);

    JsonValue applications = JsonValue::array();
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        for (uint32_t j = 0; j < (*node)->GetNApplications(); ++j)
        {
            Ptr<Application> app = (*node)->GetApplication(j);
            JsonValue entry = JsonValue::object();
            entry["node"] = (*node)->GetId();
            entry["application"] = j;
            entry["type"] = app->GetInstanceTypeId().GetName();
            entry["attributes"] = AttributesOf(app, 0);
            applications.push_back(std::move(entry));
        }
    }
    config["applications"] = std::move(applications);
    // Arguments and attribute values come from the command line and the environment: bytes that
    // are not UTF-8 are written as U+FFFD rather than making the record invalid JSON.
    return config.dump(-1, ' ', false, JsonValue::error_handler_t::replace);
}

} // namespace edgednn
} // namespace ns3
