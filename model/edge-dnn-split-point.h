/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SPLIT_POINT_H
#define EDGE_DNN_SPLIT_POINT_H

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief One place where a network can be cut between the edge and the cloud, with what it costs on
 * each side and what crosses the network.
 *
 * Split point k puts the first k layers after the input (in the model's topological order) on the
 * edge and the rest in the cloud: k = 0 sends the raw input to the cloud, the last k runs
 * everything at the edge and sends only the output. The data crossing the cut is every tensor
 * produced at or before position k and consumed after it (or an output of the network), so a cut
 * inside a residual or inception block carries several tensors.
 */
struct SplitPoint
{
    uint32_t index{0};     //!< k: layers after the input that run at the edge
    std::string name;      //!< the last layer at the edge ("input" for k = 0)
    uint64_t edgeMacs{0};  //!< multiply-accumulates at the edge
    uint64_t cloudMacs{0}; //!< multiply-accumulates in the cloud
    /// Measured edge seconds per frame, for profiles measured on hardware; NaN when costs are MACs.
    double edgeSeconds{std::numeric_limits<double>::quiet_NaN()};
    /// Measured cloud seconds per frame, for profiles measured on hardware; NaN when costs are
    /// MACs.
    double cloudSeconds{std::numeric_limits<double>::quiet_NaN()};
    uint64_t bytes{0};              //!< bytes crossing the cut per frame
    double dataRatio{0};            //!< bytes over the raw input's bytes (the paper's r_k)
    double edgeMacsPerInputByte{0}; //!< edge MACs per input byte (the paper's l_k)
    std::vector<std::string> crossingTensors; //!< the layers whose outputs cross the cut
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SPLIT_POINT_H */
