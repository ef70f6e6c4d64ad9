/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_ZOO_REFERENCE_H
#define EDGE_DNN_ZOO_REFERENCE_H

// Reference figures for the model zoo, from outside edge-dnn's code, shared by the GoogleTest suite
// and ns-3's native test suite.

#include "ns3/cnn-model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace testutil
{

/** \brief One conv or linear layer as torchvision ran it. */
struct ReferenceLayer
{
    std::string name;             //!< torchvision module name
    std::string type;             //!< Conv2d or Linear
    std::vector<uint64_t> output; //!< output shape without the batch dimension
    uint64_t macs{0};             //!< multiply-accumulates, bias excluded
    uint64_t params{0};           //!< parameters of the module
};

/** \brief One network as torchvision profiled it. */
struct ReferenceModel
{
    std::string model;              //!< edge-dnn zoo name
    std::vector<uint64_t> input;    //!< input shape
    uint64_t params{0};             //!< parameters of the network as run for inference
    uint64_t publishedNumParams{0}; //!< torchvision's num_params metadata of the default weights
    uint64_t macs{0};               //!< conv + linear MACs of one forward pass
    uint64_t matmulMacs{0};         //!< MACs of matrix products (attention), torch's profiler
    std::vector<ReferenceLayer> layers; //!< conv and linear layers in execution order
};

/** \brief A total published in a paper or a framework's model files. */
struct PublishedFigure
{
    std::string model;    //!< edge-dnn zoo name
    uint64_t params;      //!< published parameters
    uint64_t paramsSlack; //!< half the last published digit (0: exact)
    uint64_t macs;        //!< published MACs
    uint64_t macsSlack;   //!< half the last published digit (0: exact)
    std::string source;   //!< where the figures come from
};

/**
 * \return the path of test/data/torchvision-reference.json (written by
 * tools/profile-torchvision.py)
 */
std::string TorchvisionReferencePath();

/**
 * \brief Load the torchvision reference.
 * \param[out] source the framework version and method recorded in the file
 * \return one entry per network
 */
std::vector<ReferenceModel> LoadTorchvisionReference(std::string& source);

/**
 * \return published totals for networks torchvision does not have, from
 * shared/reference/cnn-published.md
 */
std::vector<PublishedFigure> GetPublishedFigures();

/**
 * \brief Compare a model with its reference: input, totals, and every conv and linear layer in
 * order. \param model the finalised model \param reference its reference \return the differences,
 * empty when all agree
 */
std::vector<std::string> CompareWithReference(const CnnModel& model,
                                              const ReferenceModel& reference);

/**
 * \brief A small residual block built by hand, for cut-size checks: input 8x16x16 -> conv a (3x3,
 * 8) -> relu b
 *        -> conv c (3x3, 8) -> add d (c + input) -> relu e.
 * \return the finalised model
 */
CnnModel BuildResidualBlock();

/**
 * \brief A small inception module built by hand: input 16x8x8 -> four branches (1x1 conv 4; 1x1
 * conv 4 -> 3x3 conv 8; 1x1 conv 2 -> 3x3 conv 4; 3x3 max pool -> 1x1 conv 4) -> concat. \return
 * the finalised model
 */
CnnModel BuildInceptionModule();

} // namespace testutil
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_ZOO_REFERENCE_H */
