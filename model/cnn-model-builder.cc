/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cnn-model-builder.h"

namespace ns3
{
namespace edgednn
{

CnnModelBuilder::CnnModelBuilder(const std::string& name, const TensorShape& input)
    : m_model(name)
{
    m_input = m_model.AddLayer(CnnLayer::Input("input", input));
}

CnnModelBuilder::Id
CnnModelBuilder::Input() const
{
    return m_input;
}

CnnModelBuilder::Id
CnnModelBuilder::Add(const CnnLayer& layer, const std::vector<Id>& inputs)
{
    return m_model.AddLayer(layer, inputs);
}

CnnModelBuilder::Id
CnnModelBuilder::ConvBnAct(const std::string& conv,
                           const std::string& bn,
                           const std::string& act,
                           Id in,
                           uint64_t out,
                           Extent2d kernel,
                           Extent2d stride,
                           Extent2d padding,
                           const std::string& function,
                           uint64_t groups)
{
    Id x = Add(CnnLayer::Convolution(conv, out, kernel, stride, padding, groups, false), {in});
    x = Add(CnnLayer::BatchNorm(bn), {x});
    return act.empty() ? x : Add(CnnLayer::Activation(act, function), {x});
}

CnnModelBuilder::Id
CnnModelBuilder::Basic(const std::string& prefix,
                       Id in,
                       uint64_t out,
                       Extent2d kernel,
                       Extent2d stride,
                       Extent2d padding)
{
    return ConvBnAct(prefix + ".conv",
                     prefix + ".bn",
                     prefix + ".relu",
                     in,
                     out,
                     kernel,
                     stride,
                     padding);
}

CnnModelBuilder::Id
CnnModelBuilder::ConvNormAct(const std::string& prefix,
                             Id in,
                             uint64_t out,
                             uint64_t kernel,
                             uint64_t stride,
                             const std::string& function,
                             uint64_t groups)
{
    return ConvBnAct(prefix + ".0",
                     prefix + ".1",
                     function.empty() ? "" : prefix + ".2",
                     in,
                     out,
                     kernel,
                     stride,
                     (kernel - 1) / 2,
                     function,
                     groups);
}

CnnModelBuilder::Id
CnnModelBuilder::SqueezeExcitation(const std::string& prefix,
                                   Id in,
                                   uint64_t channels,
                                   uint64_t squeeze,
                                   const std::string& function,
                                   const std::string& scaleFunction)
{
    Id s = Add(CnnLayer::AdaptiveAvgPool(prefix + ".avgpool", 1), {in});
    s = Add(CnnLayer::Convolution(prefix + ".fc1", squeeze, 1), {s});
    s = Add(CnnLayer::Activation(prefix + ".activation", function), {s});
    s = Add(CnnLayer::Convolution(prefix + ".fc2", channels, 1), {s});
    s = Add(CnnLayer::Activation(prefix + ".scale_activation", scaleFunction), {s});
    return Add(CnnLayer::Mul(prefix + ".mul"), {s, in});
}

CnnModelBuilder::Id
CnnModelBuilder::PoolClassifier(Id in,
                                const std::string& pool,
                                const std::string& dropout,
                                const std::string& fc,
                                bool dropoutFirst)
{
    Id x = Add(CnnLayer::AdaptiveAvgPool(pool, Extent2d(1)), {in});
    if (dropoutFirst && !dropout.empty())
    {
        x = Add(CnnLayer::Dropout(dropout), {x});
    }
    x = Add(CnnLayer::Flatten("flatten"), {x});
    if (!dropoutFirst && !dropout.empty())
    {
        x = Add(CnnLayer::Dropout(dropout), {x});
    }
    return Add(CnnLayer::FullyConnected(fc, 1000), {x});
}

CnnModel
CnnModelBuilder::Finish()
{
    m_model.Finalize();
    return m_model;
}

} // namespace edgednn
} // namespace ns3
