/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cnn-layer.h"

#include "edge-dnn-error.h"

#include <array>
#include <sstream>
#include <utility>

namespace ns3
{
namespace edgednn
{

namespace
{

/// Layer kinds and their names in the layer-graph format.
const std::array<std::pair<LayerType, const char*>, 15> g_layerTypeNames{{
    {LayerType::INPUT, "input"},
    {LayerType::CONVOLUTION, "conv"},
    {LayerType::MAX_POOL, "max_pool"},
    {LayerType::AVG_POOL, "avg_pool"},
    {LayerType::ADAPTIVE_AVG_POOL, "adaptive_avg_pool"},
    {LayerType::GLOBAL_AVG_POOL, "global_avg_pool"},
    {LayerType::FULLY_CONNECTED, "fc"},
    {LayerType::BATCH_NORM, "batch_norm"},
    {LayerType::ACTIVATION, "activation"},
    {LayerType::LRN, "lrn"},
    {LayerType::DROPOUT, "dropout"},
    {LayerType::FLATTEN, "flatten"},
    {LayerType::CONCAT, "concat"},
    {LayerType::ADD, "add"},
    {LayerType::SOFTMAX, "softmax"},
}};

} // namespace

Extent2d::Extent2d(uint64_t both)
    : height(both),
      width(both)
{
}

Extent2d::Extent2d(uint64_t h, uint64_t w)
    : height(h),
      width(w)
{
}

CnnLayer::CnnLayer()
    : CnnLayer("input", LayerType::INPUT)
{
}

CnnLayer::CnnLayer(const std::string& name, LayerType type)
    : m_name(name),
      m_type(type)
{
}

CnnLayer
CnnLayer::Input(const std::string& name, const TensorShape& shape)
{
    CnnLayer layer(name, LayerType::INPUT);
    layer.m_inputShape = shape;
    return layer;
}

CnnLayer
CnnLayer::Convolution(const std::string& name,
                      uint64_t outChannels,
                      Extent2d kernel,
                      Extent2d stride,
                      Extent2d padding,
                      uint64_t groups,
                      bool bias,
                      Extent2d dilation)
{
    CnnLayer layer(name, LayerType::CONVOLUTION);
    layer.m_outChannels = outChannels;
    layer.m_kernel = kernel;
    layer.m_stride = stride;
    layer.m_padding = padding;
    layer.m_groups = groups;
    layer.m_bias = bias;
    layer.m_dilation = dilation;
    return layer;
}

CnnLayer
CnnLayer::DepthwiseConvolution(const std::string& name,
                               Extent2d kernel,
                               Extent2d stride,
                               Extent2d padding,
                               uint64_t multiplier,
                               bool bias)
{
    CnnLayer layer = Convolution(name, 0, kernel, stride, padding, 0, bias);
    layer.m_depthwise = true;
    layer.m_multiplier = multiplier;
    return layer;
}

CnnLayer
CnnLayer::MaxPool(const std::string& name,
                  Extent2d kernel,
                  Extent2d stride,
                  Extent2d padding,
                  bool ceilMode)
{
    CnnLayer layer(name, LayerType::MAX_POOL);
    layer.m_kernel = kernel;
    layer.m_stride = stride;
    layer.m_padding = padding;
    layer.m_ceilMode = ceilMode;
    return layer;
}

CnnLayer
CnnLayer::AvgPool(const std::string& name,
                  Extent2d kernel,
                  Extent2d stride,
                  Extent2d padding,
                  bool ceilMode)
{
    CnnLayer layer = MaxPool(name, kernel, stride, padding, ceilMode);
    layer.m_type = LayerType::AVG_POOL;
    return layer;
}

CnnLayer
CnnLayer::AdaptiveAvgPool(const std::string& name, Extent2d outputSize)
{
    CnnLayer layer(name, LayerType::ADAPTIVE_AVG_POOL);
    layer.m_outputSize = outputSize;
    return layer;
}

CnnLayer
CnnLayer::GlobalAvgPool(const std::string& name)
{
    return CnnLayer(name, LayerType::GLOBAL_AVG_POOL);
}

CnnLayer
CnnLayer::FullyConnected(const std::string& name, uint64_t outFeatures, bool bias)
{
    CnnLayer layer(name, LayerType::FULLY_CONNECTED);
    layer.m_outFeatures = outFeatures;
    layer.m_bias = bias;
    return layer;
}

CnnLayer
CnnLayer::BatchNorm(const std::string& name)
{
    return CnnLayer(name, LayerType::BATCH_NORM);
}

CnnLayer
CnnLayer::Activation(const std::string& name, const std::string& function)
{
    CnnLayer layer(name, LayerType::ACTIVATION);
    layer.m_function = function;
    return layer;
}

CnnLayer
CnnLayer::Lrn(const std::string& name, uint64_t size)
{
    CnnLayer layer(name, LayerType::LRN);
    layer.m_lrnSize = size;
    return layer;
}

CnnLayer
CnnLayer::Dropout(const std::string& name)
{
    return CnnLayer(name, LayerType::DROPOUT);
}

CnnLayer
CnnLayer::Flatten(const std::string& name)
{
    return CnnLayer(name, LayerType::FLATTEN);
}

CnnLayer
CnnLayer::Concat(const std::string& name)
{
    return CnnLayer(name, LayerType::CONCAT);
}

CnnLayer
CnnLayer::Add(const std::string& name)
{
    return CnnLayer(name, LayerType::ADD);
}

CnnLayer
CnnLayer::Softmax(const std::string& name)
{
    return CnnLayer(name, LayerType::SOFTMAX);
}

void
CnnLayer::Fail(const std::string& what) const
{
    throw EdgeDnnError("layer '" + m_name + "' (" + TypeToString(m_type) + "): " + what);
}

uint64_t
CnnLayer::Require(CheckedUint64 value, const std::string& quantity) const
{
    if (!value.IsValid())
    {
        Fail(quantity + " overflows 64 bits");
    }
    return value.Get();
}

uint64_t
CnnLayer::WindowOutput(const char* axis,
                       uint64_t in,
                       uint64_t kernel,
                       uint64_t stride,
                       uint64_t padding,
                       uint64_t dilation,
                       bool ceilMode) const
{
    if (kernel == 0 || stride == 0 || dilation == 0)
    {
        Fail(std::string("kernel, stride and dilation must be positive along the ") + axis);
    }
    const std::string along = std::string(" along the ") + axis;
    const uint64_t span =
        Require(CheckedUint64(dilation) * (kernel - 1) + 1, "the dilated kernel" + along);
    const uint64_t padded = Require(CheckedUint64(padding) * 2 + in, "the padded input" + along);
    if (padded < span)
    {
        std::ostringstream os;
        os << "the " << axis << " of the padded input (" << padded
           << ") is smaller than the kernel (" << span << ")";
        Fail(os.str());
    }
    uint64_t out = Require(CheckedUint64(padded - span) + (ceilMode ? stride - 1 : 0),
                           "the window span" + along) /
                       stride +
                   1;
    // As torch and Caffe do: the last window must start inside the input or its left padding.
    if (ceilMode && (out - 1) * stride >= in + padding)
    {
        --out;
    }
    return out;
}

void
CnnLayer::Infer(const std::vector<TensorShape>& inputs)
{
    m_macs = 0;
    m_params = 0;
    if (m_type == LayerType::INPUT)
    {
        if (!inputs.empty())
        {
            Fail("an input layer takes no inputs");
        }
        if (m_inputShape.GetRank() == 0)
        {
            Fail("an input layer needs a shape, e.g. [3, 224, 224]");
        }
        for (uint64_t d : m_inputShape.GetDims())
        {
            if (d == 0)
            {
                Fail("input shape " + m_inputShape.ToString() + " has a zero dimension");
            }
        }
        m_outputShape = m_inputShape;
        Require(m_outputShape.GetCheckedElementCount(),
                "the element count of " + m_outputShape.ToString());
        return;
    }
    if (inputs.empty())
    {
        Fail("has no inputs");
    }
    const bool multiInput = m_type == LayerType::CONCAT || m_type == LayerType::ADD;
    if (!multiInput && inputs.size() != 1)
    {
        Fail("takes exactly one input, got " + std::to_string(inputs.size()));
    }
    if (m_type == LayerType::ADD && inputs.size() < 2)
    {
        Fail("adds at least two inputs, got " + std::to_string(inputs.size()));
    }
    const TensorShape& in = inputs.front();
    const bool spatial = m_type == LayerType::CONVOLUTION || m_type == LayerType::MAX_POOL ||
                         m_type == LayerType::AVG_POOL || m_type == LayerType::ADAPTIVE_AVG_POOL ||
                         m_type == LayerType::GLOBAL_AVG_POOL || m_type == LayerType::LRN;
    if (spatial && in.GetRank() != 3)
    {
        Fail("expects a C x H x W input, got " + in.ToString());
    }

    switch (m_type)
    {
    case LayerType::CONVOLUTION: {
        const uint64_t inChannels = in.GetChannels();
        if (m_depthwise)
        {
            m_groups = inChannels;
            m_outChannels =
                Require(CheckedUint64(inChannels) * m_multiplier, "the output channel count");
        }
        if (m_outChannels == 0 || m_groups == 0)
        {
            Fail("output channels and groups must be positive");
        }
        if (inChannels % m_groups != 0 || m_outChannels % m_groups != 0)
        {
            std::ostringstream os;
            os << "groups (" << m_groups << ") must divide the input channels (" << inChannels
               << ") and the output channels (" << m_outChannels << ")";
            Fail(os.str());
        }
        const uint64_t h = WindowOutput("height",
                                        in.GetHeight(),
                                        m_kernel.height,
                                        m_stride.height,
                                        m_padding.height,
                                        m_dilation.height,
                                        false);
        const uint64_t w = WindowOutput("width",
                                        in.GetWidth(),
                                        m_kernel.width,
                                        m_stride.width,
                                        m_padding.width,
                                        m_dilation.width,
                                        false);
        m_outputShape = TensorShape{m_outChannels, h, w};
        const CheckedUint64 weightsPerOutput =
            CheckedUint64(inChannels / m_groups) * m_kernel.height * m_kernel.width;
        m_macs =
            Require(m_outputShape.GetCheckedElementCount() * weightsPerOutput, "the MAC count");
        m_params = Require(weightsPerOutput * m_outChannels + (m_bias ? m_outChannels : 0),
                           "the parameter count");
        break;
    }
    case LayerType::MAX_POOL:
    case LayerType::AVG_POOL: {
        // 2 * padding > kernel, without overflow.
        if (m_padding.height > m_kernel.height / 2 || m_padding.width > m_kernel.width / 2)
        {
            Fail("padding must be at most half the window");
        }
        const uint64_t h = WindowOutput("height",
                                        in.GetHeight(),
                                        m_kernel.height,
                                        m_stride.height,
                                        m_padding.height,
                                        1,
                                        m_ceilMode);
        const uint64_t w = WindowOutput("width",
                                        in.GetWidth(),
                                        m_kernel.width,
                                        m_stride.width,
                                        m_padding.width,
                                        1,
                                        m_ceilMode);
        m_outputShape = TensorShape{in.GetChannels(), h, w};
        break;
    }
    case LayerType::ADAPTIVE_AVG_POOL:
        if (m_outputSize.height == 0 || m_outputSize.width == 0)
        {
            Fail("output size must be positive");
        }
        m_outputShape = TensorShape{in.GetChannels(), m_outputSize.height, m_outputSize.width};
        break;
    case LayerType::GLOBAL_AVG_POOL:
        m_outputShape = TensorShape{in.GetChannels(), 1, 1};
        break;
    case LayerType::FULLY_CONNECTED:
        if (m_outFeatures == 0)
        {
            Fail("output features must be positive");
        }
        m_outputShape = TensorShape{m_outFeatures};
        m_macs = Require(in.GetCheckedElementCount() * m_outFeatures, "the MAC count");
        m_params =
            Require(CheckedUint64(m_macs) + (m_bias ? m_outFeatures : 0), "the parameter count");
        break;
    case LayerType::BATCH_NORM:
        m_outputShape = in;
        m_params = Require(CheckedUint64(in.GetChannels()) * 2, "the parameter count");
        break;
    case LayerType::LRN:
        if (m_lrnSize == 0)
        {
            Fail("size must be positive");
        }
        m_outputShape = in;
        break;
    case LayerType::ACTIVATION:
    case LayerType::DROPOUT:
    case LayerType::SOFTMAX:
        m_outputShape = in;
        break;
    case LayerType::FLATTEN:
        m_outputShape =
            TensorShape{Require(in.GetCheckedElementCount(), "the input's element count")};
        break;
    case LayerType::CONCAT: {
        CheckedUint64 channels = 0;
        for (std::size_t i = 0; i < inputs.size(); ++i)
        {
            const TensorShape& s = inputs[i];
            bool fits = s.GetRank() == in.GetRank();
            for (std::size_t d = 1; fits && d < s.GetRank(); ++d)
            {
                fits = s.GetDim(d) == in.GetDim(d);
            }
            if (!fits)
            {
                std::ostringstream os;
                os << "shape mismatch: input " << i << " is " << s << " but input 0 is " << in
                   << "; all but the channels must agree";
                Fail(os.str());
            }
            channels += s.GetChannels();
        }
        std::vector<uint64_t> dims = in.GetDims();
        dims[0] = Require(channels, "the output channel count");
        m_outputShape = TensorShape(dims);
        break;
    }
    case LayerType::ADD:
        for (std::size_t i = 1; i < inputs.size(); ++i)
        {
            if (inputs[i] != in)
            {
                std::ostringstream os;
                os << "shape mismatch: input " << i << " is " << inputs[i] << " but input 0 is "
                   << in << "; added tensors must have one shape";
                Fail(os.str());
            }
        }
        m_outputShape = in;
        break;
    case LayerType::INPUT:
        break;
    }
    Require(m_outputShape.GetCheckedElementCount(),
            "the element count of the output " + m_outputShape.ToString());
}

const std::string&
CnnLayer::GetName() const
{
    return m_name;
}

LayerType
CnnLayer::GetType() const
{
    return m_type;
}

const TensorShape&
CnnLayer::GetOutputShape() const
{
    return m_outputShape;
}

uint64_t
CnnLayer::GetMacs() const
{
    return m_macs;
}

uint64_t
CnnLayer::GetParams() const
{
    return m_params;
}

uint64_t
CnnLayer::GetOutChannels() const
{
    return m_outChannels;
}

uint64_t
CnnLayer::GetOutFeatures() const
{
    return m_outFeatures;
}

Extent2d
CnnLayer::GetKernel() const
{
    return m_kernel;
}

Extent2d
CnnLayer::GetStride() const
{
    return m_stride;
}

Extent2d
CnnLayer::GetPadding() const
{
    return m_padding;
}

Extent2d
CnnLayer::GetDilation() const
{
    return m_dilation;
}

uint64_t
CnnLayer::GetGroups() const
{
    return m_groups;
}

bool
CnnLayer::IsDepthwise() const
{
    return m_depthwise;
}

uint64_t
CnnLayer::GetDepthMultiplier() const
{
    return m_multiplier;
}

bool
CnnLayer::HasBias() const
{
    return m_bias;
}

bool
CnnLayer::IsCeilMode() const
{
    return m_ceilMode;
}

Extent2d
CnnLayer::GetOutputSize() const
{
    return m_outputSize;
}

const std::string&
CnnLayer::GetFunction() const
{
    return m_function;
}

uint64_t
CnnLayer::GetLrnSize() const
{
    return m_lrnSize;
}

const TensorShape&
CnnLayer::GetInputShape() const
{
    return m_inputShape;
}

std::string
CnnLayer::TypeToString(LayerType type)
{
    for (const auto& [t, name] : g_layerTypeNames)
    {
        if (t == type)
        {
            return name;
        }
    }
    return "unknown";
}

bool
CnnLayer::TypeFromString(const std::string& text, LayerType& type)
{
    for (const auto& [t, name] : g_layerTypeNames)
    {
        if (text == name)
        {
            type = t;
            return true;
        }
    }
    return false;
}

std::vector<std::string>
CnnLayer::GetTypeNames()
{
    std::vector<std::string> names;
    for (const auto& entry : g_layerTypeNames)
    {
        names.emplace_back(entry.second);
    }
    return names;
}

} // namespace edgednn
} // namespace ns3
