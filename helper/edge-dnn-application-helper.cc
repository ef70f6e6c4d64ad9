/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-application-helper.h"

#include "ns3/application.h"
#include "ns3/edge-dnn-bounded-attribute-checker.h"
#include "ns3/names.h"
#include "ns3/node.h"

namespace ns3
{
namespace edgednn
{

EdgeDnnApplicationHelper::EdgeDnnApplicationHelper(const std::string& typeId)
{
    m_factory.SetTypeId(typeId);
}

void
EdgeDnnApplicationHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, *CheckAttributeValue(m_factory.GetTypeId(), name, value));
}

ApplicationContainer
EdgeDnnApplicationHelper::Install(NodeContainer nodes)
{
    ApplicationContainer apps;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        apps.Add(InstallPriv(*i));
    }
    return apps;
}

ApplicationContainer
EdgeDnnApplicationHelper::Install(Ptr<Node> node)
{
    return ApplicationContainer(InstallPriv(node));
}

ApplicationContainer
EdgeDnnApplicationHelper::Install(const std::string& nodeName)
{
    return ApplicationContainer(InstallPriv(Names::Find<Node>(nodeName)));
}

Ptr<Application>
EdgeDnnApplicationHelper::InstallPriv(Ptr<Node> node)
{
    Ptr<Application> app = m_factory.Create<Application>();
    node->AddApplication(app);
    return app;
}

} // namespace edgednn
} // namespace ns3
