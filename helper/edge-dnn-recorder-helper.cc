/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-recorder-helper.h"

#include "ns3/edge-dnn-bounded-attribute-checker.h"

namespace ns3
{
namespace edgednn
{

RecorderHelper::RecorderHelper()
{
    m_factory.SetTypeId(EdgeDnnRecorder::GetTypeId());
}

void
RecorderHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, *CheckAttributeValue(m_factory.GetTypeId(), name, value));
}

void
RecorderHelper::AddArgument(const std::string& name, const std::string& value)
{
    m_arguments.emplace_back(name, value);
}

void
RecorderHelper::AddCommandLine(int argc, char** argv)
{
    for (int i = 0; i < argc; ++i)
    {
        m_argv.emplace_back(argv[i]);
    }
}

void
RecorderHelper::AddLink(const std::string& name, Ptr<NetDevice> tx, Ptr<NetDevice> rx, bool toCloud)
{
    m_links.push_back(Link{name, tx, rx, toCloud});
}

void
RecorderHelper::AddTopologyLinks(const EdgeTopology& topology)
{
    for (std::size_t i = 0; i < topology.uplinks.size(); ++i)
    {
        const NetDeviceContainer& uplink = topology.uplinks[i];
        const std::string edge = "edge" + std::to_string(i);
        AddLink(edge + "-to-cloud", uplink.Get(0), uplink.Get(1), true);
        AddLink("cloud-to-" + edge, uplink.Get(1), uplink.Get(0), false);
    }
}

void
RecorderHelper::AddProbe(Ptr<RecorderProbe> probe)
{
    m_probes.push_back(probe);
}

Ptr<EdgeDnnRecorder>
RecorderHelper::Install(const std::string& path) const
{
    Ptr<EdgeDnnRecorder> recorder = m_factory.Create<EdgeDnnRecorder>();
    for (Ptr<RecorderProbe> probe : m_probes)
    {
        recorder->AddProbe(probe); // before Open: their tables are checked with the others
    }
    recorder->Open(path);
    for (const auto& [name, value] : m_arguments)
    {
        recorder->AddArgument(name, value);
    }
    std::vector<char*> argv;
    for (const std::string& arg : m_argv)
    {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    recorder->AddCommandLine(static_cast<int>(argv.size()), argv.data());
    for (const Link& link : m_links)
    {
        recorder->AddLink(link.name, link.tx, link.rx, link.toCloud);
    }
    recorder->Connect();
    return recorder;
}

} // namespace edgednn
} // namespace ns3
