/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-server-helper.h"

#include "ns3/uinteger.h"

namespace ns3
{
namespace edgednn
{

EdgeServerHelper::EdgeServerHelper(uint16_t port)
    : EdgeDnnApplicationHelper("ns3::EdgeServerApplication")
{
    m_factory.Set("Port", UintegerValue(port));
}

} // namespace edgednn
} // namespace ns3
