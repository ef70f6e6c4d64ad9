/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_UPLINK_SHARING_H
#define EDGE_DNN_UPLINK_SHARING_H

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief How an edge server shares its uplink among the tasks placed on it, each with an
 * allocated rate b_ij from the schedule. Unscoped so that ns-3's EnumValue carries it.
 *
 * The edge paces each task's features on the wire (MessageSender::SetPacing) at a rate this
 * policy sets; doc/edge-dnn.rst compares them at packet level.
 */
enum UplinkSharing
{
    ALLOCATION,      //!< each task at exactly its allocation: a cap, the rest of V b_i idles
    SPARE_SHARED,    //!< V b_i shared out in proportion to the allocations, fixed
    WORK_CONSERVING, //!< V b_i shared in proportion to allocations among tasks with data to send
    UNPACED,         //!< no pacing: the tasks' TCP connections share the link as TCP does
};

/**
 * \ingroup edge-dnn
 * \param sharing a policy
 * \return its name in attributes and on the command line: "allocation", "spare-shared",
 * "work-conserving" or "unpaced"
 */
std::string UplinkSharingName(UplinkSharing sharing);

/**
 * \ingroup edge-dnn
 * \brief Parse a policy's name.
 * \param name one of the names UplinkSharingName returns
 * \param where what the name came from, for the message
 * \return the policy
 * \throws EdgeDnnError naming where and the accepted names for anything else
 */
UplinkSharing ParseUplinkSharing(const std::string& name, const std::string& where);

/**
 * \ingroup edge-dnn
 * \brief The pacing rate of every task under a policy.
 *
 * With allocations b_k, usable capacity C = V b_i and the set A of tasks with data waiting:
 *  - ALLOCATION: r_k = b_k;
 *  - SPARE_SHARED: r_k = b_k C / sum over all k of b_k;
 *  - WORK_CONSERVING: r_k = b_k C / sum over k in A of b_k for k in A, b_k otherwise (an idle
 *    task's rate applies only once it has data, when the rates are worked out again);
 *  - UNPACED: r_k = 0 (no pacing).
 * A rate is never below its allocation (sum of b_k <= C is the schedule's constraint; where it
 * does not hold, r_k = b_k), so each admitted task keeps its guarantee, and under WORK_CONSERVING
 * the capacity idle tasks leave is shared by the others.
 *
 * \param sharing the policy
 * \param capacityBps C (bit/s); 0 if unknown, which makes every rate its allocation
 * \param allocatedBps b_k of every task (bit/s)
 * \param backlogged whether each task has data waiting (WORK_CONSERVING)
 * \return r_k of every task (bit/s), 0 for no pacing
 */
std::vector<double> ShareUplink(UplinkSharing sharing,
                                double capacityBps,
                                const std::vector<double>& allocatedBps,
                                const std::vector<bool>& backlogged);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_UPLINK_SHARING_H */
