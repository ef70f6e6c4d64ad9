/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-recorder-probe.h"

#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/node.h"

#include <cstdlib>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("RecorderProbe");

NS_OBJECT_ENSURE_REGISTERED(RecorderProbe);

TypeId
RecorderProbe::GetTypeId()
{
    static TypeId tid = TypeId("ns3::RecorderProbe").SetParent<Object>().SetGroupName("EdgeDnn");
    return tid;
}

RecorderProbe::RecorderProbe()
{
    NS_LOG_FUNCTION(this);
}

RecorderProbe::~RecorderProbe()
{
    NS_LOG_FUNCTION(this);
}

std::vector<std::string>
RecorderProbe::GetIndexes() const
{
    return {};
}

int64_t
RecorderProbe::NodeOfPath(const std::string& path)
{
    const std::string prefix = "/NodeList/";
    if (path.rfind(prefix, 0) != 0)
    {
        return -1;
    }
    char* end = nullptr;
    const long id = std::strtol(path.c_str() + prefix.size(), &end, 10);
    return end != path.c_str() + prefix.size() && id >= 0 ? id : -1;
}

Config::MatchContainer
RecorderProbe::LookupOnSystem(const std::string& path, uint32_t systemId)
{
    const Config::MatchContainer all = Config::LookupMatches(path);
    std::vector<Ptr<Object>> objects;
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < all.GetN(); ++i)
    {
        const int64_t id = NodeOfPath(all.GetMatchedPath(i));
        if (id >= 0 && static_cast<uint64_t>(id) < NodeList::GetNNodes() &&
            NodeList::GetNode(static_cast<uint32_t>(id))->GetSystemId() == systemId)
        {
            objects.push_back(all.Get(i));
            paths.push_back(all.GetMatchedPath(i));
        }
    }
    return Config::MatchContainer(objects, paths, path);
}

void
RecorderProbe::Finish(Time /* now */)
{
}

void
RecorderProbe::SetRowBufferedCallback(Callback<void> rowBuffered)
{
    m_rowBuffered = rowBuffered;
}

void
RecorderProbe::DoDispose()
{
    m_rowBuffered = Callback<void>();
    Object::DoDispose();
}

} // namespace edgednn
} // namespace ns3
