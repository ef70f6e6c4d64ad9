/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_APPLICATION_HELPER_H
#define EDGE_DNN_APPLICATION_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief What the edge-dnn application helpers share: an ObjectFactory of one application type,
 * attributes set on it, and Install on nodes, as ns-3's BulkSendHelper does.
 */
class EdgeDnnApplicationHelper
{
  public:
    /**
     * \brief A helper for one application type.
     * \param typeId the application's TypeId name, e.g. "ns3::EdgeServerApplication"
     */
    explicit EdgeDnnApplicationHelper(const std::string& typeId);
    virtual ~EdgeDnnApplicationHelper() = default;

    /**
     * \brief Set an attribute of the applications to create.
     *
     * The value is checked now, not when the applications are created: a number of another
     * numeric type is taken when the conversion is exact (UintegerValue(4) for a double).
     * \param name the attribute
     * \param value its value
     * \throw EdgeDnnError naming the class, the attribute, the value given and what the attribute
     * takes (value type, unit, range), or that the class has no such attribute
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install an application on each node.
     * \param nodes the nodes
     * \return the applications
     */
    ApplicationContainer Install(NodeContainer nodes);

    /**
     * \brief Install an application on a node.
     * \param node the node
     * \return the application
     */
    ApplicationContainer Install(Ptr<Node> node);

    /**
     * \brief Install an application on a node named with the Names service.
     * \param nodeName the node's name
     * \return the application
     */
    ApplicationContainer Install(const std::string& nodeName);

  protected:
    /**
     * \brief Create an application and add it to a node.
     * \param node the node
     * \return the application
     */
    virtual Ptr<Application> InstallPriv(Ptr<Node> node);

    ObjectFactory m_factory; //!< creates the applications
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_APPLICATION_HELPER_H */
