/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-error.h"

namespace ns3
{

EdgeDnnError::EdgeDnnError(const std::string& message)
    : std::runtime_error(message)
{
}

} // namespace ns3
