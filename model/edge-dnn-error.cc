/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-error.h"

namespace ns3
{
namespace edgednn
{

EdgeDnnError::EdgeDnnError(const std::string& message)
    : std::runtime_error(message)
{
}

} // namespace edgednn
} // namespace ns3
