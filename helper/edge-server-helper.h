/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_SERVER_HELPER_H
#define EDGE_SERVER_HELPER_H

#include "edge-dnn-application-helper.h"
#include "edge-topology-helper.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Installs EdgeServerApplication instances listening on a port. Tasks are defined on their
 * devices; a server learns where each task's features go from SchedulerHelper (PlaceTask), or
 * sends them to its CloudAddress.
 */
class EdgeServerHelper : public EdgeDnnApplicationHelper
{
  public:
    /**
     * \brief A helper for edge servers.
     * \param port the port they listen on
     */
    explicit EdgeServerHelper(uint16_t port = 9000);

    using EdgeDnnApplicationHelper::Install;

    /**
     * \brief Install a server on each gateway of a topology, each with CloudAddress set to the
     * cloud's address on that gateway's own uplink.
     * \param topology the topology (EdgeTopologyHelper::Install)
     * \param cloudPort the port the cloud server listens on
     * \return the servers, gateway i at position i
     */
    ApplicationContainer Install(const EdgeTopology& topology, uint16_t cloudPort = 9100);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_SERVER_HELPER_H */
