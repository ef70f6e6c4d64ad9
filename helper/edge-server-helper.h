/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_SERVER_HELPER_H
#define EDGE_SERVER_HELPER_H

#include "edge-dnn-application-helper.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Installs EdgeServerApplication instances listening on a port. Configure their tasks
 * afterwards with EdgeServerApplication::AddTask, or with SchedulerHelper.
 */
class EdgeServerHelper : public EdgeDnnApplicationHelper
{
  public:
    /**
     * \brief A helper for edge servers.
     * \param port the port they listen on
     */
    explicit EdgeServerHelper(uint16_t port = 9000);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_SERVER_HELPER_H */
