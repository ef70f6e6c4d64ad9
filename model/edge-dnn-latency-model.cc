/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-latency-model.h"

#include "edge-dnn-error.h"

namespace ns3
{
namespace edgednn
{

std::string
LatencyModelName(LatencyModel model)
{
    return model == LatencyModel::TRANSFER ? "transfer" : "end-to-end";
}

LatencyModel
ParseLatencyModel(const std::string& name, const std::string& where)
{
    if (name == "transfer")
    {
        return LatencyModel::TRANSFER;
    }
    if (name == "end-to-end")
    {
        return LatencyModel::END_TO_END;
    }
    throw EdgeDnnError(where + ": unknown latency model '" + name +
                       "'; expected \"transfer\" or \"end-to-end\"");
}

} // namespace edgednn
} // namespace ns3
