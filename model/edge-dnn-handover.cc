/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-handover.h"

namespace ns3
{
namespace edgednn
{

std::ostream&
operator<<(std::ostream& os, const Handover& handover)
{
    os << "task " << handover.taskId << " moved from ";
    if (handover.fromServer < 0)
    {
        os << "no server";
    }
    else
    {
        os << "server " << handover.fromServer;
    }
    os << " to server " << handover.toServer << " at " << handover.associatedAt.As(Time::S);
    if (!handover.lostAt.IsNegative())
    {
        os << " (association lost at " << handover.lostAt.As(Time::S) << ")";
    }
    os << ": ";
    if (handover.admitted)
    {
        os << "admitted at split " << handover.splitIndex;
    }
    else
    {
        os << "rejected";
    }
    return os;
}

} // namespace edgednn
} // namespace ns3
