/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-uplink-sharing.h"

#include "edge-dnn-error.h"

#include <algorithm>

namespace ns3
{
namespace edgednn
{

std::string
UplinkSharingName(UplinkSharing sharing)
{
    switch (sharing)
    {
    case ALLOCATION:
        return "allocation";
    case SPARE_SHARED:
        return "spare-shared";
    case WORK_CONSERVING:
        return "work-conserving";
    case UNPACED:
        return "unpaced";
    }
    return "unknown";
}

UplinkSharing
ParseUplinkSharing(const std::string& name, const std::string& where)
{
    for (UplinkSharing s : {ALLOCATION, SPARE_SHARED, WORK_CONSERVING, UNPACED})
    {
        if (name == UplinkSharingName(s))
        {
            return s;
        }
    }
    throw EdgeDnnError(where + ": unknown uplink sharing '" + name +
                       "'; expected \"allocation\", \"spare-shared\", \"work-conserving\" or "
                       "\"unpaced\"");
}

std::vector<double>
ShareUplink(UplinkSharing sharing,
            double capacityBps,
            const std::vector<double>& allocatedBps,
            const std::vector<bool>& backlogged)
{
    std::vector<double> rates(allocatedBps);
    if (sharing == UNPACED)
    {
        std::fill(rates.begin(), rates.end(), 0.0);
        return rates;
    }
    if (sharing == ALLOCATION || !(capacityBps > 0))
    {
        return rates;
    }
    double sum = 0;
    for (std::size_t k = 0; k < allocatedBps.size(); ++k)
    {
        if (sharing == SPARE_SHARED || (k < backlogged.size() && backlogged[k]))
        {
            sum += allocatedBps[k];
        }
    }
    if (!(sum > 0) || sum >= capacityBps)
    {
        return rates; // nothing to share out, or an over-allocated uplink: allocations stand
    }
    const double scale = capacityBps / sum;
    for (std::size_t k = 0; k < rates.size(); ++k)
    {
        if (sharing == SPARE_SHARED || (k < backlogged.size() && backlogged[k]))
        {
            rates[k] *= scale;
        }
    }
    return rates;
}

} // namespace edgednn
} // namespace ns3
