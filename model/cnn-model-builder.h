/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CNN_MODEL_BUILDER_H
#define CNN_MODEL_BUILDER_H

#include "cnn-layer.h"
#include "cnn-model.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Builds a network layer by layer with the blocks torchvision's classifiers are made of,
 * naming layers as torchvision names its modules. CnnModelZoo builds its networks with it.
 */
class CnnModelBuilder
{
  public:
    /// A layer id in the model being built.
    using Id = CnnModel::LayerId;

    /**
     * \brief Start a network with its input layer.
     * \param name network name
     * \param input input shape
     */
    CnnModelBuilder(const std::string& name, const TensorShape& input);

    /** \return the input layer */
    Id Input() const;

    /**
     * \brief Add a layer.
     * \param layer the layer
     * \param inputs what it consumes
     * \return its id
     */
    Id Add(const CnnLayer& layer, const std::vector<Id>& inputs);

    /**
     * \brief Convolution without bias, batch norm and an activation, as torchvision's BasicConv2d
     * and Conv2dNormActivation.
     * \param conv name of the convolution
     * \param bn name of the batch norm
     * \param act name of the activation, empty for none
     * \param in input
     * \param out output channels
     * \param kernel kernel
     * \param stride stride
     * \param padding padding
     * \param function activation function
     * \param groups groups
     * \return the last layer
     */
    Id ConvBnAct(const std::string& conv,
                 const std::string& bn,
                 const std::string& act,
                 Id in,
                 uint64_t out,
                 Extent2d kernel,
                 Extent2d stride = Extent2d(1),
                 Extent2d padding = Extent2d(0),
                 const std::string& function = "relu",
                 uint64_t groups = 1);

    /**
     * \brief torchvision's BasicConv2d (GoogLeNet, Inception v3): conv, bn, relu under one prefix.
     * \param prefix module name
     * \param in input
     * \param out output channels
     * \param kernel kernel
     * \param stride stride
     * \param padding padding
     * \return the relu
     */
    Id Basic(const std::string& prefix,
             Id in,
             uint64_t out,
             Extent2d kernel,
             Extent2d stride = Extent2d(1),
             Extent2d padding = Extent2d(0));

    /**
     * \brief torchvision's Conv2dNormActivation named as torchvision names it: the convolution
     * "prefix.0" (no bias, padding (kernel - 1) / 2), its batch norm "prefix.1" and, unless the
     * function is empty, the activation "prefix.2".
     * \param prefix module name
     * \param in input
     * \param out output channels
     * \param kernel kernel (square)
     * \param stride stride
     * \param function activation function, empty for none
     * \param groups groups (the channels for a depthwise convolution)
     * \return the last layer
     */
    Id ConvNormAct(const std::string& prefix,
                   Id in,
                   uint64_t out,
                   uint64_t kernel,
                   uint64_t stride,
                   const std::string& function,
                   uint64_t groups = 1);

    /**
     * \brief torchvision's SqueezeExcitation: average pooling to 1x1, a 1x1 convolution to the
     * squeeze channels ("fc1", with bias), an activation, a 1x1 convolution back ("fc2"), a
     * scale activation, and the input multiplied by the result per channel.
     * \param prefix module name
     * \param in input
     * \param channels the input's channels
     * \param squeeze squeeze channels
     * \param function activation after fc1, e.g. "relu" or "silu"
     * \param scaleFunction scale activation, e.g. "sigmoid" or "hardsigmoid"
     * \return the product
     */
    Id SqueezeExcitation(const std::string& prefix,
                         Id in,
                         uint64_t channels,
                         uint64_t squeeze,
                         const std::string& function,
                         const std::string& scaleFunction);

    /**
     * \brief The classifier tail: adaptive average pooling, flatten, dropout and a fully connected
     * layer of 1000 classes.
     * \param in input
     * \param pool name of the pooling layer
     * \param dropout name of the dropout layer, empty for none
     * \param fc name of the fully connected layer
     * \param dropoutFirst put the dropout before the flatten (Inception v3's order)
     * \return the fully connected layer
     */
    Id PoolClassifier(Id in,
                      const std::string& pool,
                      const std::string& dropout,
                      const std::string& fc,
                      bool dropoutFirst = false);

    /** \return the finalised model */
    CnnModel Finish();

  private:
    CnnModel m_model; //!< the network
    Id m_input;       //!< its input layer
};

} // namespace edgednn
} // namespace ns3

#endif /* CNN_MODEL_BUILDER_H */
