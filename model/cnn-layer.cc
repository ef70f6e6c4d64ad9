/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cnn-layer.h"

#include "edge-dnn-error.h"

#include <algorithm>
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
const std::array<std::pair<LayerType, const char*>, 25> g_layerTypeNames{{
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
    {LayerType::MUL, "mul"},
    {LayerType::MATMUL, "matmul"},
    {LayerType::MEAN, "mean"},
    {LayerType::RESHAPE, "reshape"},
    {LayerType::PERMUTE, "permute"},
    {LayerType::INDEX, "index"},
    {LayerType::CHANNEL_SHUFFLE, "channel_shuffle"},
    {LayerType::LAYER_NORM, "layer_norm"},
    {LayerType::GROUP_NORM, "group_norm"},
    {LayerType::STOCHASTIC_DEPTH, "stochastic_depth"},
}};

/**
 * \brief A list of axes as text, e.g. "[0, 2, 1]".
 * \param axes the axes
 * \return the text
 */
std::string
AxesToString(const std::vector<uint64_t>& axes)
{
    std::ostringstream os;
    os << '[';
    for (std::size_t i = 0; i < axes.size(); ++i)
    {
        os << (i ? ", " : "") << axes[i];
    }
    os << ']';
    return os.str();
}

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
CnnLayer::FullyConnected(const std::string& name, uint64_t outFeatures, bool bias, bool lastAxis)
{
    CnnLayer layer(name, LayerType::FULLY_CONNECTED);
    layer.m_outFeatures = outFeatures;
    layer.m_bias = bias;
    layer.m_lastAxis = lastAxis;
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
CnnLayer::Concat(const std::string& name, uint64_t axis, const TensorShape& parameter)
{
    CnnLayer layer(name, LayerType::CONCAT);
    layer.m_axis = axis;
    layer.m_parameterShape = parameter;
    return layer;
}

CnnLayer
CnnLayer::Add(const std::string& name, const TensorShape& parameter, uint64_t parameterCount)
{
    CnnLayer layer(name, LayerType::ADD);
    layer.m_parameterShape = parameter;
    layer.m_parameterCount = parameterCount;
    return layer;
}

CnnLayer
CnnLayer::Mul(const std::string& name, const TensorShape& parameter, uint64_t parameterCount)
{
    CnnLayer layer = Add(name, parameter, parameterCount);
    layer.m_type = LayerType::MUL;
    return layer;
}

CnnLayer
CnnLayer::Softmax(const std::string& name)
{
    return CnnLayer(name, LayerType::SOFTMAX);
}

CnnLayer
CnnLayer::Softmax(const std::string& name, uint64_t axis)
{
    CnnLayer layer(name, LayerType::SOFTMAX);
    layer.m_axis = axis;
    layer.m_hasAxis = true;
    return layer;
}

CnnLayer
CnnLayer::MatMul(const std::string& name)
{
    return CnnLayer(name, LayerType::MATMUL);
}

CnnLayer
CnnLayer::Mean(const std::string& name, const std::vector<uint64_t>& axes, bool keepDim)
{
    CnnLayer layer(name, LayerType::MEAN);
    layer.m_axes = axes;
    layer.m_keepDim = keepDim;
    return layer;
}

CnnLayer
CnnLayer::Reshape(const std::string& name, const TensorShape& shape)
{
    CnnLayer layer(name, LayerType::RESHAPE);
    layer.m_targetShape = shape;
    return layer;
}

CnnLayer
CnnLayer::Permute(const std::string& name, const std::vector<uint64_t>& axes)
{
    CnnLayer layer(name, LayerType::PERMUTE);
    layer.m_axes = axes;
    return layer;
}

CnnLayer
CnnLayer::Index(const std::string& name, const TensorShape& shape)
{
    CnnLayer layer(name, LayerType::INDEX);
    layer.m_targetShape = shape;
    return layer;
}

CnnLayer
CnnLayer::ChannelShuffle(const std::string& name, uint64_t groups)
{
    CnnLayer layer(name, LayerType::CHANNEL_SHUFFLE);
    layer.m_groups = groups;
    return layer;
}

CnnLayer
CnnLayer::LayerNorm(const std::string& name, uint64_t normalizedRank, bool affine)
{
    CnnLayer layer(name, LayerType::LAYER_NORM);
    layer.m_normalizedRank = normalizedRank;
    layer.m_affine = affine;
    return layer;
}

CnnLayer
CnnLayer::GroupNorm(const std::string& name, uint64_t groups, bool affine)
{
    CnnLayer layer(name, LayerType::GROUP_NORM);
    layer.m_groups = groups;
    layer.m_affine = affine;
    return layer;
}

CnnLayer
CnnLayer::StochasticDepth(const std::string& name)
{
    return CnnLayer(name, LayerType::STOCHASTIC_DEPTH);
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

TensorShape
CnnLayer::Broadcast(const TensorShape& a, const TensorShape& b, const std::string& what) const
{
    const std::size_t rank = std::max(a.GetRank(), b.GetRank());
    std::vector<uint64_t> dims(rank);
    for (std::size_t i = 0; i < rank; ++i)
    {
        // Trailing axes aligned: axis i from the end.
        const uint64_t da = i < a.GetRank() ? a.GetDim(a.GetRank() - 1 - i) : 1;
        const uint64_t db = i < b.GetRank() ? b.GetDim(b.GetRank() - 1 - i) : 1;
        if (da != db && da != 1 && db != 1)
        {
            Fail("shape mismatch: " + what + " (trailing axes aligned, each equal or 1)");
        }
        dims[rank - 1 - i] = da == 1 ? db : da;
    }
    return TensorShape(dims);
}

void
CnnLayer::InferElementwise(const std::vector<TensorShape>& inputs)
{
    const std::string tensors = m_type == LayerType::ADD ? "added" : "multiplied";
    TensorShape out = inputs.front();
    for (std::size_t i = 1; i < inputs.size(); ++i)
    {
        std::ostringstream what;
        what << "input " << i << " is " << inputs[i] << " but "
             << (i == 1 ? "input 0 is " : "the inputs before it broadcast to ") << out << "; "
             << tensors << " tensors must have one shape or broadcast";
        out = Broadcast(out, inputs[i], what.str());
    }
    if (m_parameterShape.GetRank() != 0)
    {
        for (uint64_t d : m_parameterShape.GetDims())
        {
            if (d == 0)
            {
                Fail("parameter shape " + m_parameterShape.ToString() + " has a zero dimension");
            }
        }
        std::ostringstream what;
        what << "the parameter is " << m_parameterShape << " but the inputs are " << out
             << "; they must broadcast";
        out = Broadcast(out, m_parameterShape, what.str());
        m_params = m_parameterCount != OPERAND_ELEMENTS
                       ? m_parameterCount
                       : Require(m_parameterShape.GetCheckedElementCount(), "the parameter count");
    }
    else if (m_parameterCount != OPERAND_ELEMENTS)
    {
        Fail("a parameter count needs a parameter shape");
    }
    m_outputShape = out;
}

void
CnnLayer::InferMatMul(const TensorShape& a, const TensorShape& b)
{
    if (a.GetRank() < 2 || b.GetRank() < 2)
    {
        std::ostringstream os;
        os << "multiplies matrices (rank 2 or more), got " << a << " and " << b;
        Fail(os.str());
    }
    const uint64_t n = a.GetDim(a.GetRank() - 2);
    const uint64_t k = a.GetDim(a.GetRank() - 1);
    const uint64_t k2 = b.GetDim(b.GetRank() - 2);
    const uint64_t m = b.GetDim(b.GetRank() - 1);
    if (k != k2)
    {
        std::ostringstream os;
        os << "shape mismatch: " << a << " x " << b << ": the inner sizes " << k << " and " << k2
           << " differ";
        Fail(os.str());
    }
    const std::vector<uint64_t> leadA(a.GetDims().begin(), a.GetDims().end() - 2);
    const std::vector<uint64_t> leadB(b.GetDims().begin(), b.GetDims().end() - 2);
    std::vector<uint64_t> dims;
    if (!leadA.empty() || !leadB.empty())
    {
        const TensorShape batchA = leadA.empty() ? TensorShape{1} : TensorShape(leadA);
        const TensorShape batchB = leadB.empty() ? TensorShape{1} : TensorShape(leadB);
        std::ostringstream what;
        what << "the leading axes " << batchA << " of input 0 and " << batchB
             << " of input 1 must broadcast";
        dims = Broadcast(batchA, batchB, what.str()).GetDims();
    }
    CheckedUint64 batch = 1;
    for (uint64_t d : dims)
    {
        batch *= d;
    }
    dims.push_back(n);
    dims.push_back(m);
    m_outputShape = TensorShape(dims);
    m_macs = Require(batch * n * k * m, "the MAC count");
}

void
CnnLayer::InferConcat(const std::vector<TensorShape>& inputs)
{
    std::vector<TensorShape> parts;
    if (m_parameterShape.GetRank() != 0)
    {
        parts.push_back(m_parameterShape);
    }
    parts.insert(parts.end(), inputs.begin(), inputs.end());
    const TensorShape& first = inputs.front();
    if (m_axis >= first.GetRank())
    {
        Fail("axis " + std::to_string(m_axis) + " is outside the input " + first.ToString());
    }
    CheckedUint64 joined = 0;
    for (std::size_t i = 0; i < parts.size(); ++i)
    {
        const TensorShape& s = parts[i];
        bool fits = s.GetRank() == first.GetRank();
        for (std::size_t d = 0; fits && d < s.GetRank(); ++d)
        {
            fits = d == m_axis || s.GetDim(d) == first.GetDim(d);
        }
        if (!fits)
        {
            const bool parameter = m_parameterShape.GetRank() != 0;
            const std::string which = parameter && i == 0
                                          ? std::string("the parameter")
                                          : "input " + std::to_string(parameter ? i - 1 : i);
            std::ostringstream os;
            os << "shape mismatch: " << which << " is " << s << " but input 0 is " << first
               << "; all but "
               << (m_axis == 0 ? std::string("the channels") : "axis " + std::to_string(m_axis))
               << " must agree";
            Fail(os.str());
        }
        joined += s.GetDim(m_axis);
    }
    std::vector<uint64_t> dims = first.GetDims();
    dims[m_axis] = Require(joined,
                           m_axis == 0 ? std::string("the output channel count")
                                       : "the size of axis " + std::to_string(m_axis));
    m_outputShape = TensorShape(dims);
    if (m_parameterShape.GetRank() != 0)
    {
        m_params = Require(m_parameterShape.GetCheckedElementCount(), "the parameter count");
    }
}

void
CnnLayer::InferMean(const TensorShape& in)
{
    if (m_axes.empty())
    {
        Fail("needs the axes it averages over, e.g. [1, 2]");
    }
    std::vector<bool> reduced(in.GetRank(), false);
    for (uint64_t a : m_axes)
    {
        if (a >= in.GetRank() || reduced[a])
        {
            Fail("axes " + AxesToString(m_axes) + " must be distinct axes of the input " +
                 in.ToString());
        }
        reduced[a] = true;
    }
    std::vector<uint64_t> dims;
    for (std::size_t d = 0; d < in.GetRank(); ++d)
    {
        if (!reduced[d])
        {
            dims.push_back(in.GetDim(d));
        }
        else if (m_keepDim)
        {
            dims.push_back(1);
        }
    }
    if (dims.empty())
    {
        Fail("averages every axis of " + in.ToString() +
             " without keepdim: a scalar per frame; keep the axes (\"keepdim\": true)");
    }
    m_outputShape = TensorShape(dims);
}

void
CnnLayer::InferPermute(const TensorShape& in)
{
    std::vector<bool> seen(in.GetRank(), false);
    bool valid = m_axes.size() == in.GetRank();
    for (std::size_t i = 0; valid && i < m_axes.size(); ++i)
    {
        valid = m_axes[i] < in.GetRank() && !seen[m_axes[i]];
        if (valid)
        {
            seen[m_axes[i]] = true;
        }
    }
    if (!valid)
    {
        Fail("axes " + AxesToString(m_axes) + " are not a permutation of the axes of the input " +
             in.ToString());
    }
    std::vector<uint64_t> dims;
    for (uint64_t a : m_axes)
    {
        dims.push_back(in.GetDim(a));
    }
    m_outputShape = TensorShape(dims);
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
    const bool elementwise = m_type == LayerType::ADD || m_type == LayerType::MUL;
    const bool multiInput = m_type == LayerType::CONCAT || elementwise;
    if (m_type == LayerType::MATMUL && inputs.size() != 2)
    {
        Fail("multiplies exactly two inputs, got " + std::to_string(inputs.size()));
    }
    if (!multiInput && m_type != LayerType::MATMUL && inputs.size() != 1)
    {
        Fail("takes exactly one input, got " + std::to_string(inputs.size()));
    }
    if (elementwise && inputs.size() < 2 && m_parameterShape.GetRank() == 0)
    {
        Fail("needs at least two inputs, or one and a learned 'parameter', got " +
             std::to_string(inputs.size()) + " input");
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
    case LayerType::FULLY_CONNECTED: {
        if (m_outFeatures == 0)
        {
            Fail("output features must be positive");
        }
        m_macs = Require(in.GetCheckedElementCount() * m_outFeatures, "the MAC count");
        uint64_t inFeatures = Require(in.GetCheckedElementCount(), "the input's element count");
        if (m_lastAxis)
        {
            std::vector<uint64_t> dims = in.GetDims();
            inFeatures = dims.back();
            dims.back() = m_outFeatures;
            m_outputShape = TensorShape(dims);
        }
        else
        {
            m_outputShape = TensorShape{m_outFeatures};
        }
        m_params = Require(CheckedUint64(inFeatures) * m_outFeatures + (m_bias ? m_outFeatures : 0),
                           "the parameter count");
        break;
    }
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
        if (m_function.empty())
        {
            Fail("needs a function, e.g. \"relu\"");
        }
        m_outputShape = in;
        break;
    case LayerType::DROPOUT:
    case LayerType::STOCHASTIC_DEPTH:
        m_outputShape = in;
        break;
    case LayerType::SOFTMAX:
        if (m_hasAxis && m_axis >= in.GetRank())
        {
            Fail("axis " + std::to_string(m_axis) + " is outside the input " + in.ToString());
        }
        m_outputShape = in;
        break;
    case LayerType::MUL:
        InferElementwise(inputs);
        break;
    case LayerType::MATMUL:
        InferMatMul(inputs[0], inputs[1]);
        break;
    case LayerType::MEAN:
        InferMean(in);
        break;
    case LayerType::PERMUTE:
        InferPermute(in);
        break;
    case LayerType::RESHAPE:
    case LayerType::INDEX: {
        if (m_targetShape.GetRank() == 0)
        {
            Fail("needs an output shape, e.g. [197, 768]");
        }
        for (uint64_t d : m_targetShape.GetDims())
        {
            if (d == 0)
            {
                Fail("output shape " + m_targetShape.ToString() + " has a zero dimension");
            }
        }
        const uint64_t outCount =
            Require(m_targetShape.GetCheckedElementCount(), "the output's element count");
        if (m_type == LayerType::RESHAPE && outCount != in.GetElementCount())
        {
            std::ostringstream os;
            os << "cannot reshape " << in << " (" << in.GetElementCount() << " elements) to "
               << m_targetShape << " (" << outCount << " elements)";
            Fail(os.str());
        }
        m_outputShape = m_targetShape;
        break;
    }
    case LayerType::CHANNEL_SHUFFLE:
    case LayerType::GROUP_NORM:
        if (m_groups == 0 || in.GetChannels() % m_groups != 0)
        {
            std::ostringstream os;
            os << "groups (" << m_groups << ") must be positive and divide the channels ("
               << in.GetChannels() << ") of " << in;
            Fail(os.str());
        }
        m_outputShape = in;
        if (m_type == LayerType::GROUP_NORM && m_affine)
        {
            m_params = Require(CheckedUint64(in.GetChannels()) * 2, "the parameter count");
        }
        break;
    case LayerType::LAYER_NORM: {
        if (m_normalizedRank == 0 || m_normalizedRank > in.GetRank())
        {
            Fail("normalises " + std::to_string(m_normalizedRank) +
                 " trailing axes, but its input " + in.ToString() + " has " +
                 std::to_string(in.GetRank()));
        }
        m_outputShape = in;
        if (m_affine)
        {
            CheckedUint64 normalized = 1;
            for (std::size_t d = in.GetRank() - m_normalizedRank; d < in.GetRank(); ++d)
            {
                normalized *= in.GetDim(d);
            }
            m_params = Require(normalized * 2, "the parameter count");
        }
        break;
    }
    case LayerType::FLATTEN:
        m_outputShape =
            TensorShape{Require(in.GetCheckedElementCount(), "the input's element count")};
        break;
    case LayerType::CONCAT:
        InferConcat(inputs);
        break;
    case LayerType::ADD:
        InferElementwise(inputs);
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

bool
CnnLayer::IsOverLastAxis() const
{
    return m_lastAxis;
}

uint64_t
CnnLayer::GetAxis() const
{
    return m_axis;
}

bool
CnnLayer::HasAxis() const
{
    return m_hasAxis;
}

const std::vector<uint64_t>&
CnnLayer::GetAxes() const
{
    return m_axes;
}

bool
CnnLayer::IsKeepDim() const
{
    return m_keepDim;
}

const TensorShape&
CnnLayer::GetTargetShape() const
{
    return m_targetShape;
}

const TensorShape&
CnnLayer::GetParameterShape() const
{
    return m_parameterShape;
}

uint64_t
CnnLayer::GetParameterCount() const
{
    return m_parameterCount;
}

uint64_t
CnnLayer::GetNormalizedRank() const
{
    return m_normalizedRank;
}

bool
CnnLayer::IsAffine() const
{
    return m_affine;
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
