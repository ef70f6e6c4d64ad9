/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-runtime-policy.h"

#include "edge-dnn-error.h"

#include "ns3/log.h"
#include "ns3/object-factory.h"

#include <map>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("RuntimePolicy");

NS_OBJECT_ENSURE_REGISTERED(RuntimePolicy);

namespace
{

/// The short names and their TypeIds, in the order GetNames() lists them.
const std::vector<std::pair<std::string, std::string>>&
Names()
{
    static const std::vector<std::pair<std::string, std::string>> names = {
        {"static", "ns3::StaticRuntimePolicy"},
        {"resplit", "ns3::ResplitRuntimePolicy"},
        {"replan", "ns3::ReplanRuntimePolicy"},
    };
    return names;
}

} // namespace

TypeId
RuntimePolicy::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RuntimePolicy").SetParent<Object>().SetGroupName("EdgeDnn");
    return tid;
}

RuntimePolicy::RuntimePolicy() = default;

RuntimePolicy::~RuntimePolicy() = default;

std::vector<std::string>
RuntimePolicy::GetNames()
{
    std::vector<std::string> names;
    for (const auto& [name, type] : Names())
    {
        names.push_back(name);
    }
    return names;
}

Ptr<RuntimePolicy>
RuntimePolicy::Create(const std::string& name)
{
    std::string typeName = name;
    for (const auto& [shortName, type] : Names())
    {
        if (shortName == name)
        {
            typeName = type;
        }
    }
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(typeName, &tid) || !tid.IsChildOf(GetTypeId()) ||
        !tid.HasConstructor())
    {
        std::string known;
        for (const auto& n : GetNames())
        {
            known += (known.empty() ? "" : ", ") + n;
        }
        throw EdgeDnnError("run-time policy '" + name + "': expected one of " + known +
                           " or the TypeId name of a RuntimePolicy");
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    return factory.Create<RuntimePolicy>();
}

bool
RuntimePolicy::AdoptsEstimates() const
{
    return true;
}

} // namespace edgednn
} // namespace ns3
