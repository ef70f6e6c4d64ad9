/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LATENCY_MODEL_H
#define EDGE_DNN_LATENCY_MODEL_H

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Which latency a task's bound Q_j constrains: in the scheduler's problem (what it admits
 * under) and on the device (whether a frame counts as in time). One enum for both; unscoped so
 * that ns-3's EnumValue carries it as an attribute (write LatencyModel::TRANSFER all the same).
 */
enum LatencyModel
{
    TRANSFER,   //!< the paper's: the data crossing the cut reaches the cloud within Q_j
    END_TO_END, //!< from the frame's creation to its result's arrival at the device, within Q_j
};

/**
 * \ingroup edge-dnn
 * \param model a latency model
 * \return its name in files, attributes and on the command line: "transfer" or "end-to-end"
 */
std::string LatencyModelName(LatencyModel model);

/**
 * \ingroup edge-dnn
 * \brief Parse a latency model's name.
 * \param name "transfer" or "end-to-end"
 * \param where what the name came from, for the message
 * \return the model
 * \throws EdgeDnnError naming where and the accepted names for anything else
 */
LatencyModel ParseLatencyModel(const std::string& name, const std::string& where);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LATENCY_MODEL_H */
