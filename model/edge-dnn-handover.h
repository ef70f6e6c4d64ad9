/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_HANDOVER_H
#define EDGE_DNN_HANDOVER_H

#include "ns3/mac48-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <ostream>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A device's move from one edge server's access point to another's, and what the
 * scheduler decided for its task there.
 *
 * SchedulerHelper (EnableHandover) follows each device's 802.11 station: when it associates
 * with an access point of another edge server than the one its task is placed on, the task is
 * decided again on that server alone (admitted at a split and rate that fit beside the server's
 * other tasks, or rejected), the decision is applied (TaskDecision, reason "handover") and the
 * move is announced on the device's Handover trace source, which EdgeDnnRecorder writes to its
 * handovers table.
 */
struct Handover
{
    uint32_t taskId{0};           //!< the task (the device's TaskId)
    Time lostAt{-1};              //!< when the station lost its association (negative: it did not)
    Time associatedAt;            //!< when it associated with the new access point
    Mac48Address fromAccessPoint; //!< the access point it was associated with before
    Mac48Address toAccessPoint;   //!< the access point it associated with
    int32_t fromServer{-1};       //!< the server the task was placed on (-1: none, rejected)
    int32_t toServer{-1};         //!< the server of the new access point
    bool admitted{false};         //!< whether the task was admitted on the new server
    uint32_t splitIndex{0};       //!< its split point there (admitted only)
};

/**
 * \ingroup edge-dnn
 * \brief Print a handover ("task 3 moved from server 0 to server 1 at 7.2 s (association lost
 * at 6.1 s): admitted at split 7").
 * \param os the stream
 * \param handover the handover
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const Handover& handover);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_HANDOVER_H */
