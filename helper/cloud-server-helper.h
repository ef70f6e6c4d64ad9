/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CLOUD_SERVER_HELPER_H
#define CLOUD_SERVER_HELPER_H

#include "edge-dnn-application-helper.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Installs CloudServerApplication instances listening on a port.
 */
class CloudServerHelper : public EdgeDnnApplicationHelper
{
  public:
    /**
     * \brief A helper for cloud servers.
     * \param port the port they listen on
     */
    explicit CloudServerHelper(uint16_t port = 9100);
};

} // namespace edgednn
} // namespace ns3

#endif /* CLOUD_SERVER_HELPER_H */
