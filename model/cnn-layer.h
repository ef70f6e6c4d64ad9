/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CNN_LAYER_H
#define CNN_LAYER_H

#include "edge-dnn-tensor-shape.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A height and a width: kernel size, stride, padding, dilation or output size of a 2-D
 * layer.
 */
struct Extent2d
{
    /** \brief Both 1. */
    Extent2d() = default;

    /**
     * \brief The same value for height and width (a square kernel, a uniform stride).
     * \param both height and width
     */
    Extent2d(uint64_t both);

    /**
     * \brief Different values for height and width.
     * \param h height
     * \param w width
     */
    Extent2d(uint64_t h, uint64_t w);

    uint64_t height{1}; //!< along the height (rows)
    uint64_t width{1};  //!< along the width (columns)
};

/**
 * \ingroup edge-dnn
 * \brief Kind of a CNN layer.
 */
enum class LayerType
{
    INPUT,             //!< the network's input tensor
    CONVOLUTION,       //!< 2-D convolution (groups, dilation, depthwise)
    MAX_POOL,          //!< 2-D max pooling
    AVG_POOL,          //!< 2-D average pooling
    ADAPTIVE_AVG_POOL, //!< adaptive average pooling to a fixed output size
    GLOBAL_AVG_POOL,   //!< average over the whole feature map, to C x 1 x 1
    FULLY_CONNECTED,   //!< fully connected (linear) layer over the flattened input
    BATCH_NORM,        //!< batch normalisation (scale and shift per channel)
    ACTIVATION,        //!< element-wise activation function (relu, relu6, sigmoid, ...)
    LRN,               //!< local response normalisation across channels
    DROPOUT,           //!< dropout (identity at inference)
    FLATTEN,           //!< reshape to a vector
    CONCAT,            //!< concatenation of several tensors along the channels
    ADD,               //!< element-wise sum with broadcasting (a residual connection, a bias)
    SOFTMAX,           //!< softmax
    MUL,               //!< element-wise product with broadcasting (squeeze-and-excitation, scale)
    MATMUL,            //!< matrix product of two tensors (attention), leading axes broadcast
    MEAN,              //!< mean over some axes
    RESHAPE,           //!< the same elements in another shape (view, reshape, flatten of some axes)
    PERMUTE,           //!< the axes reordered (permute, transpose)
    INDEX,            //!< data movement of a stated output shape (slice, select, pad, roll, expand)
    CHANNEL_SHUFFLE,  //!< channels interleaved across groups (ShuffleNet)
    LAYER_NORM,       //!< layer normalisation over the last axes
    GROUP_NORM,       //!< group normalisation over groups of channels
    STOCHASTIC_DEPTH, //!< stochastic depth (identity at inference)
};

/**
 * \ingroup edge-dnn
 * \brief One layer of a CNN: its kind and hyper-parameters, and, once its network is finalised, its
 * output shape, multiply-accumulates and parameters.
 *
 * Shapes leave out the batch: a torch tensor of shape (1, 64, 56, 56) is 64x56x56, a sequence of
 * 197 tokens of 768 features is 197x768. Axes count from 0 over these dimensions.
 *
 * MACs follow torchvision's convention: convolution and fully connected layers only, bias excluded
 * (a convolution costs output elements x input channels per group x kernel height x kernel width),
 * plus the multiply-accumulates of matrix products (attention's), which torchvision's figures for
 * its vision transformers count too. Element-wise operations, reductions, normalisations, softmax
 * and activations count no MACs. Parameters are the trainable ones, as torch counts them: weights
 * and biases, two per channel for batch norm, learned operands of add, mul and concat (a position
 * embedding, a layer scale, a class token). Build layers with the static factories, then add them
 * to a CnnModel.
 */
class CnnLayer
{
  public:
    /// A learned operand's parameter count that is its element count (see Add()).
    static constexpr uint64_t OPERAND_ELEMENTS = UINT64_MAX;

    /** \brief An input layer named "input" with an empty shape; use the factories instead. */
    CnnLayer();

    /**
     * \brief The network's input.
     * \param name layer name
     * \param shape the input tensor's shape, e.g. {3, 224, 224}
     * \return the layer
     */
    static CnnLayer Input(const std::string& name, const TensorShape& shape);

    /**
     * \brief A 2-D convolution.
     * \param name layer name
     * \param outChannels output channels
     * \param kernel kernel size
     * \param stride stride
     * \param padding zero padding on each side
     * \param groups number of groups (1: dense; input channels: depthwise)
     * \param bias whether the layer has a bias per output channel
     * \param dilation kernel dilation
     * \return the layer
     */
    static CnnLayer Convolution(const std::string& name,
                                uint64_t outChannels,
                                Extent2d kernel,
                                Extent2d stride = Extent2d(1),
                                Extent2d padding = Extent2d(0),
                                uint64_t groups = 1,
                                bool bias = true,
                                Extent2d dilation = Extent2d(1));

    /**
     * \brief A depthwise convolution: one group per input channel.
     * \param name layer name
     * \param kernel kernel size
     * \param stride stride
     * \param padding zero padding on each side
     * \param multiplier output channels per input channel
     * \param bias whether the layer has a bias per output channel
     * \return the layer
     */
    static CnnLayer DepthwiseConvolution(const std::string& name,
                                         Extent2d kernel,
                                         Extent2d stride = Extent2d(1),
                                         Extent2d padding = Extent2d(0),
                                         uint64_t multiplier = 1,
                                         bool bias = false);

    /**
     * \brief Max pooling.
     * \param name layer name
     * \param kernel window size
     * \param stride stride
     * \param padding implicit padding on each side
     * \param ceilMode round the output size up, as Caffe and torch's ceil_mode do
     * \return the layer
     */
    static CnnLayer MaxPool(const std::string& name,
                            Extent2d kernel,
                            Extent2d stride,
                            Extent2d padding = Extent2d(0),
                            bool ceilMode = false);

    /**
     * \brief Average pooling.
     * \param name layer name
     * \param kernel window size
     * \param stride stride
     * \param padding implicit padding on each side
     * \param ceilMode round the output size up
     * \return the layer
     */
    static CnnLayer AvgPool(const std::string& name,
                            Extent2d kernel,
                            Extent2d stride,
                            Extent2d padding = Extent2d(0),
                            bool ceilMode = false);

    /**
     * \brief Adaptive average pooling to a fixed output size.
     * \param name layer name
     * \param outputSize output height and width
     * \return the layer
     */
    static CnnLayer AdaptiveAvgPool(const std::string& name, Extent2d outputSize);

    /**
     * \brief Global average pooling, to C x 1 x 1.
     * \param name layer name
     * \return the layer
     */
    static CnnLayer GlobalAvgPool(const std::string& name);

    /**
     * \brief A fully connected layer: over the flattened input, or over the input's last axis as
     * torch's Linear does on a sequence of tokens.
     * \param name layer name
     * \param outFeatures output features
     * \param bias whether the layer has a bias per output
     * \param lastAxis apply to the last axis (the output keeps the other axes) instead of to the
     * flattened input
     * \return the layer
     */
    static CnnLayer FullyConnected(const std::string& name,
                                   uint64_t outFeatures,
                                   bool bias = true,
                                   bool lastAxis = false);

    /**
     * \brief Batch normalisation.
     * \param name layer name
     * \return the layer
     */
    static CnnLayer BatchNorm(const std::string& name);

    /**
     * \brief An element-wise activation.
     * \param name layer name
     * \param function the function's name, e.g. "relu", "relu6", "sigmoid"
     * \return the layer
     */
    static CnnLayer Activation(const std::string& name, const std::string& function = "relu");

    /**
     * \brief Local response normalisation across channels.
     * \param name layer name
     * \param size number of neighbouring channels
     * \return the layer
     */
    static CnnLayer Lrn(const std::string& name, uint64_t size);

    /**
     * \brief Dropout (the identity at inference).
     * \param name layer name
     * \return the layer
     */
    static CnnLayer Dropout(const std::string& name);

    /**
     * \brief Flatten to a vector.
     * \param name layer name
     * \return the layer
     */
    static CnnLayer Flatten(const std::string& name);

    /**
     * \brief Concatenation of its inputs along an axis, in the order they were connected.
     * \param name layer name
     * \param axis the axis they are joined along (0: the channels, or the tokens of a sequence)
     * \param parameter the shape of a learned tensor put before the inputs (ViT's class token,
     * 1x768), or an empty shape for none
     * \return the layer
     */
    static CnnLayer Concat(const std::string& name,
                           uint64_t axis = 0,
                           const TensorShape& parameter = TensorShape());

    /**
     * \brief Element-wise sum of its inputs, broadcast as torch broadcasts (trailing axes
     * aligned; an axis of 1 stretches): a residual connection, or a learned operand such as a
     * position embedding.
     * \param name layer name
     * \param parameter the shape of a learned operand added too, or an empty shape for none
     * \param parameterCount the learned values behind that operand: OPERAND_ELEMENTS for its
     * element count, fewer when it is gathered from a smaller table (Swin's relative position
     * bias), 0 for a constant (x * 2.0)
     * \return the layer
     */
    static CnnLayer Add(const std::string& name,
                        const TensorShape& parameter = TensorShape(),
                        uint64_t parameterCount = OPERAND_ELEMENTS);

    /**
     * \brief Element-wise product of its inputs, broadcast as Add() (squeeze-and-excitation's
     * channel weights, ConvNeXt's layer scale).
     * \param name layer name
     * \param parameter the shape of a learned operand, or an empty shape for none
     * \param parameterCount as for Add()
     * \return the layer
     */
    static CnnLayer Mul(const std::string& name,
                        const TensorShape& parameter = TensorShape(),
                        uint64_t parameterCount = OPERAND_ELEMENTS);

    /**
     * \brief Softmax over any axis (the axis does not change its cost).
     * \param name layer name
     * \return the layer
     */
    static CnnLayer Softmax(const std::string& name);

    /**
     * \brief Softmax over a stated axis, checked against the input's rank.
     * \param name layer name
     * \param axis the axis
     * \return the layer
     */
    static CnnLayer Softmax(const std::string& name, uint64_t axis);

    /**
     * \brief Matrix product of its two inputs, as torch.matmul: [..., n, k] x [..., k, m] gives
     * [..., n, m], the leading axes broadcast. Costs leading elements x n x k x m MACs.
     * \param name layer name
     * \return the layer
     */
    static CnnLayer MatMul(const std::string& name);

    /**
     * \brief Mean over some axes.
     * \param name layer name
     * \param axes the axes reduced, distinct
     * \param keepDim keep them as axes of 1
     * \return the layer
     */
    static CnnLayer Mean(const std::string& name,
                         const std::vector<uint64_t>& axes,
                         bool keepDim = false);

    /**
     * \brief The same elements in another shape.
     * \param name layer name
     * \param shape the output shape; its element count must be the input's
     * \return the layer
     */
    static CnnLayer Reshape(const std::string& name, const TensorShape& shape);

    /**
     * \brief The input's axes reordered (output axis i is input axis axes[i]).
     * \param name layer name
     * \param axes a permutation of the input's axes
     * \return the layer
     */
    static CnnLayer Permute(const std::string& name, const std::vector<uint64_t>& axes);

    /**
     * \brief A data movement that computes nothing and whose output shape is stated: a slice, a
     * select, a chunk, padding, a roll, an expansion or a gather by constant indices.
     * \param name layer name
     * \param shape the output shape
     * \return the layer
     */
    static CnnLayer Index(const std::string& name, const TensorShape& shape);

    /**
     * \brief ShuffleNet's channel shuffle: the channels (axis 0) interleaved across groups.
     * \param name layer name
     * \param groups the groups; must divide the channels
     * \return the layer
     */
    static CnnLayer ChannelShuffle(const std::string& name, uint64_t groups);

    /**
     * \brief Layer normalisation over the last axes.
     * \param name layer name
     * \param normalizedRank how many trailing axes are normalised (torch's normalized_shape)
     * \param affine whether it learns a scale and a shift per normalised element
     * \return the layer
     */
    static CnnLayer LayerNorm(const std::string& name,
                              uint64_t normalizedRank = 1,
                              bool affine = true);

    /**
     * \brief Group normalisation over groups of channels (axis 0).
     * \param name layer name
     * \param groups the groups; must divide the channels
     * \param affine whether it learns a scale and a shift per channel
     * \return the layer
     */
    static CnnLayer GroupNorm(const std::string& name, uint64_t groups, bool affine = true);

    /**
     * \brief Stochastic depth (the identity at inference).
     * \param name layer name
     * \return the layer
     */
    static CnnLayer StochasticDepth(const std::string& name);

    /**
     * \brief Compute the output shape, MACs and parameters from the input shapes.
     * \param inputs the shapes of the layer's inputs, in order
     * \throws EdgeDnnError naming the layer when the inputs do not fit (count, rank, size,
     * channels), or naming the layer and the quantity when a size, element count, MAC or parameter
     * count does not fit 64 bits
     */
    void Infer(const std::vector<TensorShape>& inputs);

    /** \return the layer's name, unique in its network */
    const std::string& GetName() const;
    /** \return the layer's kind */
    LayerType GetType() const;
    /** \return the output shape (valid once inferred) */
    const TensorShape& GetOutputShape() const;
    /** \return multiply-accumulates of one forward pass (valid once inferred) */
    uint64_t GetMacs() const;
    /** \return trainable parameters (valid once inferred) */
    uint64_t GetParams() const;

    /** \return output channels of a convolution, or 0 for a depthwise convolution that keeps them
     */
    uint64_t GetOutChannels() const;
    /** \return output features of a fully connected layer */
    uint64_t GetOutFeatures() const;
    /** \return kernel (window) size of a convolution or pooling layer */
    Extent2d GetKernel() const;
    /** \return stride of a convolution or pooling layer */
    Extent2d GetStride() const;
    /** \return padding of a convolution or pooling layer */
    Extent2d GetPadding() const;
    /** \return dilation of a convolution */
    Extent2d GetDilation() const;
    /** \return groups of a convolution (the input channels once inferred, for a depthwise one) */
    uint64_t GetGroups() const;
    /** \return true for a depthwise convolution */
    bool IsDepthwise() const;
    /** \return output channels per input channel of a depthwise convolution */
    uint64_t GetDepthMultiplier() const;
    /** \return true if a convolution or fully connected layer has a bias */
    bool HasBias() const;
    /** \return true if a pooling layer rounds its output size up */
    bool IsCeilMode() const;
    /** \return output size of an adaptive pooling layer */
    Extent2d GetOutputSize() const;
    /** \return the function of an activation layer */
    const std::string& GetFunction() const;
    /** \return neighbouring channels of an LRN layer */
    uint64_t GetLrnSize() const;
    /** \return the declared shape of an input layer */
    const TensorShape& GetInputShape() const;
    /** \return true if a fully connected layer applies to its input's last axis */
    bool IsOverLastAxis() const;
    /** \return the axis of a concatenation or a softmax */
    uint64_t GetAxis() const;
    /** \return true if a softmax states its axis */
    bool HasAxis() const;
    /** \return the axes of a mean or a permutation */
    const std::vector<uint64_t>& GetAxes() const;
    /** \return true if a mean keeps its reduced axes */
    bool IsKeepDim() const;
    /** \return the stated output shape of a reshape or an index layer */
    const TensorShape& GetTargetShape() const;
    /** \return the shape of the learned operand of an add, mul or concat (empty for none) */
    const TensorShape& GetParameterShape() const;
    /** \return the stated count of learned values behind that operand, or OPERAND_ELEMENTS */
    uint64_t GetParameterCount() const;
    /** \return trailing axes a layer normalisation normalises */
    uint64_t GetNormalizedRank() const;
    /** \return true if a normalisation learns a scale and a shift */
    bool IsAffine() const;

    /**
     * \param type a layer kind
     * \return its name in the layer-graph format, e.g. "conv", "max_pool"
     */
    static std::string TypeToString(LayerType type);

    /**
     * \param text a name of the layer-graph format
     * \param[out] type the kind it names
     * \return false if text names no kind
     */
    static bool TypeFromString(const std::string& text, LayerType& type);

    /** \return the names of all kinds, as the layer-graph format spells them */
    static std::vector<std::string> GetTypeNames();

  private:
    /**
     * \brief A layer of a kind with default hyper-parameters.
     * \param name layer name
     * \param type its kind
     */
    CnnLayer(const std::string& name, LayerType type);

    /**
     * \brief Output length of a sliding window along one axis.
     * \param axis "height" or "width", for messages
     * \param in input length
     * \param kernel window length
     * \param stride stride
     * \param padding padding on each side
     * \param dilation dilation
     * \param ceilMode round up instead of down
     * \return the output length
     */
    uint64_t WindowOutput(const char* axis,
                          uint64_t in,
                          uint64_t kernel,
                          uint64_t stride,
                          uint64_t padding,
                          uint64_t dilation,
                          bool ceilMode) const;

    /**
     * \brief Infer an element-wise add or mul: the broadcast shape of the inputs and the learned
     * operand, and the operand's parameters.
     * \param inputs the input shapes
     */
    void InferElementwise(const std::vector<TensorShape>& inputs);

    /**
     * \brief Infer a matrix product.
     * \param a the left operand's shape
     * \param b the right operand's shape
     */
    void InferMatMul(const TensorShape& a, const TensorShape& b);

    /**
     * \brief Infer a concatenation along m_axis.
     * \param inputs the input shapes
     */
    void InferConcat(const std::vector<TensorShape>& inputs);

    /**
     * \brief Infer a mean over m_axes.
     * \param in the input shape
     */
    void InferMean(const TensorShape& in);

    /**
     * \brief Infer a permutation by m_axes.
     * \param in the input shape
     */
    void InferPermute(const TensorShape& in);

    /**
     * \brief The broadcast of two shapes, as torch broadcasts them.
     * \param a one shape
     * \param b the other
     * \param what how to name them in a message, e.g. "input 1 and input 0"
     * \return the broadcast shape
     */
    TensorShape Broadcast(const TensorShape& a,
                          const TensorShape& b,
                          const std::string& what) const;

    /**
     * \brief Throw an EdgeDnnError about this layer.
     * \param what what is wrong
     */
    [[noreturn]] void Fail(const std::string& what) const;

    /**
     * \brief The value of an overflow-checked computation, or an EdgeDnnError about this layer.
     * \param value the result
     * \param quantity what it counts, for the message, e.g. "the MAC count"
     * \return the value, if it fits 64 bits
     */
    uint64_t Require(CheckedUint64 value, const std::string& quantity) const;

    std::string m_name;                          //!< unique name
    LayerType m_type;                            //!< kind
    TensorShape m_inputShape;                    //!< declared shape of an input layer
    uint64_t m_outChannels{0};                   //!< convolution output channels
    uint64_t m_outFeatures{0};                   //!< fully connected output features
    Extent2d m_kernel;                           //!< kernel or window size
    Extent2d m_stride;                           //!< stride
    Extent2d m_padding{0};                       //!< padding on each side
    Extent2d m_dilation;                         //!< dilation
    uint64_t m_groups{1};                        //!< convolution groups
    bool m_depthwise{false};                     //!< one group per input channel
    uint64_t m_multiplier{1};                    //!< depthwise output channels per input channel
    bool m_bias{true};                           //!< has a bias
    bool m_ceilMode{false};                      //!< pooling rounds up
    Extent2d m_outputSize;                       //!< adaptive pooling output
    std::string m_function;                      //!< activation function
    uint64_t m_lrnSize{0};                       //!< LRN neighbourhood
    bool m_lastAxis{false};                      //!< fully connected over the last axis
    uint64_t m_axis{0};                          //!< concatenation or softmax axis
    bool m_hasAxis{false};                       //!< a softmax states its axis
    std::vector<uint64_t> m_axes;                //!< mean or permutation axes
    bool m_keepDim{false};                       //!< a mean keeps its reduced axes
    TensorShape m_targetShape;                   //!< reshape or index output shape
    TensorShape m_parameterShape;                //!< learned operand of add, mul or concat
    uint64_t m_parameterCount{OPERAND_ELEMENTS}; //!< learned values behind it
    uint64_t m_normalizedRank{1};                //!< layer normalisation's trailing axes
    bool m_affine{true};                         //!< a normalisation learns scale and shift
    TensorShape m_outputShape;                   //!< inferred output shape
    uint64_t m_macs{0};                          //!< inferred multiply-accumulates
    uint64_t m_params{0};                        //!< inferred parameters
};

} // namespace edgednn
} // namespace ns3

#endif /* CNN_LAYER_H */
