/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-task-decision.h"

namespace ns3
{
namespace edgednn
{

std::ostream&
operator<<(std::ostream& os, const TaskDecision& decision)
{
    os << "task " << decision.taskId << (decision.admitted ? " admitted" : " rejected");
    if (!decision.algorithm.empty())
    {
        os << " by " << decision.algorithm;
    }
    if (decision.admitted)
    {
        os << " on server " << decision.server << " at split " << decision.splitIndex;
        if (decision.deviceSplitIndex != 0)
        {
            os << " (device split " << decision.deviceSplitIndex << ")";
        }
        if (decision.allocatedRate.GetBitRate() != 0)
        {
            os << ", " << decision.allocatedRate.GetBitRate() << " bit/s";
        }
    }
    if (!decision.reason.empty())
    {
        os << " (" << decision.reason << ")";
    }
    return os;
}

} // namespace edgednn
} // namespace ns3
