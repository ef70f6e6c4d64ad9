/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-model-registry.h"

#include "cnn-model-zoo.h"
#include "edge-dnn-error.h"

#include <map>
#include <memory>
#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/// The registry's state.
struct Registry
{
    std::map<std::string, CnnModel> models;                        //!< registered networks
    std::map<std::string, SplitProfile> profiles;                  //!< registered profiles
    std::map<std::string, std::unique_ptr<SplitProfile>> computed; //!< cached profiles
};

/**
 * \return the process-wide registry
 */
Registry&
GetRegistry()
{
    static Registry registry;
    return registry;
}

} // namespace

void
ModelRegistry::Register(const std::string& name, const CnnModel& model)
{
    Registry& r = GetRegistry();
    r.profiles.erase(name);
    r.models.erase(name);
    r.models.emplace(name, model);
    for (auto it = r.computed.begin(); it != r.computed.end();)
    {
        it = it->first.rfind(name + "|", 0) == 0 ? r.computed.erase(it) : std::next(it);
    }
}

void
ModelRegistry::Register(const std::string& name, const SplitProfile& profile)
{
    Registry& r = GetRegistry();
    r.models.erase(name);
    r.profiles[name] = profile;
}

bool
ModelRegistry::Has(const std::string& name)
{
    const Registry& r = GetRegistry();
    return r.models.count(name) || r.profiles.count(name) || CnnModelZoo::Has(name);
}

const SplitProfile&
ModelRegistry::GetProfile(const std::string& name, const TensorEncoding& encoding)
{
    Registry& r = GetRegistry();
    if (auto it = r.profiles.find(name); it != r.profiles.end())
    {
        return it->second;
    }
    std::ostringstream key;
    key << name << "|" << encoding.GetInputBytesPerElement() << "|"
        << encoding.GetFeatureBytesPerElement() << "|" << encoding.GetFeatureCompression();
    auto it = r.computed.find(key.str());
    if (it == r.computed.end())
    {
        auto model = r.models.find(name);
        const CnnModel built = model != r.models.end() ? model->second : CnnModelZoo::Create(name);
        it = r.computed
                 .emplace(key.str(),
                          std::make_unique<SplitProfile>(SplitProfile::FromModel(built, encoding)))
                 .first;
    }
    return *it->second;
}

void
ModelRegistry::Clear()
{
    Registry& r = GetRegistry();
    r.models.clear();
    r.profiles.clear();
    r.computed.clear();
}

} // namespace edgednn
} // namespace ns3
