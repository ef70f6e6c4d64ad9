/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cloud-server-helper.h"

#include "ns3/uinteger.h"

namespace ns3
{
namespace edgednn
{

CloudServerHelper::CloudServerHelper(uint16_t port)
    : EdgeDnnApplicationHelper("ns3::CloudServerApplication")
{
    m_factory.Set("Port", UintegerValue(port));
}

} // namespace edgednn
} // namespace ns3
