/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Layer arithmetic against hand calculation (the output-size formula of torch.nn.Conv2d/MaxPool2d's
// documentation, worked out by hand for each case).

#include "edge-dnn-test-util.h"

#include "ns3/cnn-layer.h"
#include "ns3/edge-dnn-error.h"

#include <gtest/gtest.h>
#include <limits>

using namespace ns3;
using namespace ns3::edgednn;
using ns3::edgednn::testutil::ErrorOf;

namespace
{

/**
 * \brief Infer a layer on one input.
 * \param layer the layer
 * \param in its input shape
 * \return the layer after inference
 */
CnnLayer
Infer(CnnLayer layer, const TensorShape& in)
{
    layer.Infer({in});
    return layer;
}

} // namespace

TEST(CnnLayer, ConvolutionShapeMacsAndParams)
{
    // AlexNet (Caffe) conv1: (227 - 11) / 4 + 1 = 55; MACs 96*55*55 * 3*11*11; params 96*3*121
    // + 96.
    const CnnLayer c = Infer(CnnLayer::Convolution("conv1", 96, 11, 4), TensorShape{3, 227, 227});
    EXPECT_EQ(c.GetOutputShape(), (TensorShape{96, 55, 55}));
    EXPECT_EQ(c.GetMacs(), 96ULL * 55 * 55 * 3 * 121);
    EXPECT_EQ(c.GetParams(), 96ULL * 3 * 121 + 96);
}

TEST(CnnLayer, GroupedDilatedAndRectangularConvolution)
{
    // groups 4: each output sees 8/4 = 2 input channels; params 16*2*9 (no bias).
    const CnnLayer g =
        Infer(CnnLayer::Convolution("g", 16, 3, 1, 1, 4, false), TensorShape{8, 10, 10});
    EXPECT_EQ(g.GetOutputShape(), (TensorShape{16, 10, 10}));
    EXPECT_EQ(g.GetParams(), 16ULL * 2 * 9);
    EXPECT_EQ(g.GetMacs(), 16ULL * 100 * 2 * 9);
    // dilation 2 spans 5 pixels: 10 - 5 + 1 = 6.
    const CnnLayer d =
        Infer(CnnLayer::Convolution("d", 4, 3, 1, 0, 1, true, 2), TensorShape{1, 10, 10});
    EXPECT_EQ(d.GetOutputShape(), (TensorShape{4, 6, 6}));
    // 1x7 kernel padded (0, 3) keeps 17x17.
    const CnnLayer r = Infer(CnnLayer::Convolution("r", 8, Extent2d(1, 7), 1, Extent2d(0, 3)),
                             TensorShape{8, 17, 17});
    EXPECT_EQ(r.GetOutputShape(), (TensorShape{8, 17, 17}));
    EXPECT_EQ(r.GetMacs(), 8ULL * 289 * 8 * 7);
}

TEST(CnnLayer, DepthwiseConvolution)
{
    const CnnLayer dw =
        Infer(CnnLayer::DepthwiseConvolution("dw", 3, 2, 1), TensorShape{32, 112, 112});
    EXPECT_TRUE(dw.IsDepthwise());
    EXPECT_EQ(dw.GetGroups(), 32u);
    EXPECT_EQ(dw.GetOutputShape(), (TensorShape{32, 56, 56}));
    EXPECT_EQ(dw.GetMacs(), 32ULL * 56 * 56 * 9);
    EXPECT_EQ(dw.GetParams(), 32ULL * 9);
}

TEST(CnnLayer, PoolingCeilMode)
{
    // floor((112 - 3) / 2) + 1 = 55; ceil mode: ceil(109 / 2) + 1 = 56.
    EXPECT_EQ(Infer(CnnLayer::MaxPool("p", 3, 2), TensorShape{64, 112, 112}).GetOutputShape(),
              (TensorShape{64, 55, 55}));
    EXPECT_EQ(
        Infer(CnnLayer::MaxPool("p", 3, 2, 0, true), TensorShape{64, 112, 112}).GetOutputShape(),
        (TensorShape{64, 56, 56}));
    // 5 wide, kernel 2, stride 2, pad 1, ceil: ceil(4 / 2) + 1 = 4 windows, but the 4th would start
    // at 6, in the right padding (>= 5 + 1): torch drops it, 3 remain.
    EXPECT_EQ(Infer(CnnLayer::AvgPool("p", 2, 2, 1, true), TensorShape{1, 5, 5}).GetOutputShape(),
              (TensorShape{1, 3, 3}));
    EXPECT_EQ(Infer(CnnLayer::MaxPool("p", 3, 2, 1), TensorShape{64, 112, 112}).GetOutputShape(),
              (TensorShape{64, 56, 56}));
}

TEST(CnnLayer, ShapePreservingAndReshapingLayers)
{
    const TensorShape in{256, 6, 6};
    EXPECT_EQ(Infer(CnnLayer::BatchNorm("bn"), in).GetParams(), 512u);
    EXPECT_EQ(Infer(CnnLayer::Lrn("lrn", 5), in).GetOutputShape(), in);
    EXPECT_EQ(Infer(CnnLayer::Flatten("f"), in).GetOutputShape(), (TensorShape{9216}));
    EXPECT_EQ(Infer(CnnLayer::GlobalAvgPool("g"), in).GetOutputShape(), (TensorShape{256, 1, 1}));
    EXPECT_EQ(Infer(CnnLayer::AdaptiveAvgPool("a", 2), in).GetOutputShape(),
              (TensorShape{256, 2, 2}));
    const CnnLayer fc = Infer(CnnLayer::FullyConnected("fc", 4096), in);
    EXPECT_EQ(fc.GetMacs(), 9216ULL * 4096);
    EXPECT_EQ(fc.GetParams(), 9216ULL * 4096 + 4096);
}

TEST(CnnLayer, ConcatAndAdd)
{
    CnnLayer cat = CnnLayer::Concat("cat");
    cat.Infer({TensorShape{64, 28, 28}, TensorShape{128, 28, 28}, TensorShape{32, 28, 28}});
    EXPECT_EQ(cat.GetOutputShape(), (TensorShape{224, 28, 28}));
    CnnLayer add = CnnLayer::Add("add");
    add.Infer({TensorShape{64, 28, 28}, TensorShape{64, 28, 28}});
    EXPECT_EQ(add.GetOutputShape(), (TensorShape{64, 28, 28}));
}

TEST(CnnLayer, BadInputsAreNamed)
{
    EXPECT_EQ(
        ErrorOf([] {
            CnnLayer cat = CnnLayer::Concat("mixed");
            cat.Infer({TensorShape{64, 28, 28}, TensorShape{64, 14, 14}});
        }),
        "layer 'mixed' (concat): shape mismatch: input 1 is 64x14x14 but input 0 is 64x28x28; all "
        "but the channels must agree");
    EXPECT_EQ(
        ErrorOf([] {
            CnnLayer add = CnnLayer::Add("sum");
            add.Infer({TensorShape{64, 28, 28}, TensorShape{32, 28, 28}});
        }),
        "layer 'sum' (add): shape mismatch: input 1 is 32x28x28 but input 0 is 64x28x28; added "
        "tensors must have one shape or broadcast (trailing axes aligned, each equal or 1)");
    EXPECT_EQ(
        ErrorOf([] {
            Infer(CnnLayer::Convolution("big", 8, 7), TensorShape{3, 5, 5});
        }),
        "layer 'big' (conv): the height of the padded input (5) is smaller than the kernel (7)");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Convolution("g", 8, 3, 1, 1, 3), TensorShape{4, 5, 5});
              }),
              "layer 'g' (conv): groups (3) must divide the input channels (4) and the output "
              "channels (8)");
    EXPECT_EQ(ErrorOf([] { Infer(CnnLayer::MaxPool("p", 3, 2), TensorShape{9216}); }),
              "layer 'p' (max_pool): expects a C x H x W input, got 9216");
    EXPECT_EQ(ErrorOf([] {
                  CnnLayer relu = CnnLayer::Activation("relu");
                  relu.Infer({TensorShape{1}, TensorShape{1}});
              }),
              "layer 'relu' (activation): takes exactly one input, got 2");
}

TEST(CnnLayer, SizesThatOverflowAreNamed)
{
    constexpr uint64_t max = std::numeric_limits<uint64_t>::max();
    // (2^64 - 1) x 1 x 1 outputs fit; times 3 weights each do not.
    EXPECT_EQ(
        ErrorOf([] {
            Infer(CnnLayer::Convolution("wide", max, 1, 1, 0, 1, false), TensorShape{3, 1, 1});
        }),
        "layer 'wide' (conv): the MAC count overflows 64 bits");
    // 2^32 x 2^32 x 1 outputs of one weight each: 2^64 MACs.
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Convolution("c", uint64_t{1} << 32, 1, 1, 0, 1, false),
                        TensorShape{1, uint64_t{1} << 32, 1});
              }),
              "layer 'c' (conv): the MAC count overflows 64 bits");
    // 2^63 MACs fit; 2^63 weights and 2^63 biases do not.
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Convolution("p", uint64_t{1} << 63, 1, 1, 0, 1, true),
                        TensorShape{1, 1, 1});
              }),
              "layer 'p' (conv): the parameter count overflows 64 bits");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::DepthwiseConvolution("dw", 1, 1, 0, uint64_t{1} << 62),
                        TensorShape{4, 1, 1});
              }),
              "layer 'dw' (conv): the output channel count overflows 64 bits");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Convolution("pad", 8, 3, 1, max / 2), TensorShape{3, 5, 5});
              }),
              "layer 'pad' (conv): the padded input along the height overflows 64 bits");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Convolution("dil", 8, 3, 1, 0, 1, true, max / 2 + 1),
                        TensorShape{3, 5, 5});
              }),
              "layer 'dil' (conv): the dilated kernel along the height overflows 64 bits");
    EXPECT_EQ(ErrorOf([] { Infer(CnnLayer::BatchNorm("bn"), TensorShape{max / 2 + 1}); }),
              "layer 'bn' (batch_norm): the parameter count overflows 64 bits");
    EXPECT_EQ(ErrorOf([] { Infer(CnnLayer::FullyConnected("fc", max / 3, true), TensorShape{3}); }),
              "layer 'fc' (fc): the parameter count overflows 64 bits");
    EXPECT_EQ(ErrorOf([] {
                  CnnLayer cat = CnnLayer::Concat("cat");
                  cat.Infer({TensorShape{max / 2 + 1}, TensorShape{max / 2 + 1}});
              }),
              "layer 'cat' (concat): the output channel count overflows 64 bits");
    EXPECT_EQ(ErrorOf([] {
                  CnnLayer cat = CnnLayer::Concat("cat2");
                  cat.Infer({TensorShape{uint64_t{1} << 31, uint64_t{1} << 32},
                             TensorShape{uint64_t{1} << 31, uint64_t{1} << 32}});
              }),
              "layer 'cat2' (concat): the element count of the output 4294967296x4294967296 "
              "overflows 64 bits");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::AdaptiveAvgPool("ap", Extent2d(uint64_t{1} << 32)),
                        TensorShape{2, 1, 1});
              }),
              "layer 'ap' (adaptive_avg_pool): the element count of the output "
              "2x4294967296x4294967296 overflows 64 bits");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Flatten("flat"), TensorShape{1u << 31, 1u << 31, 4});
              }),
              "layer 'flat' (flatten): the input's element count overflows 64 bits");
    EXPECT_EQ(ErrorOf([] {
                  CnnLayer in = CnnLayer::Input("in", TensorShape{1u << 31, 1u << 31, 4});
                  in.Infer({});
              }),
              "layer 'in' (input): the element count of 2147483648x2147483648x4 overflows 64 "
              "bits");
}

TEST(CnnLayer, LargestSizesThatFitAreExact)
{
    // 2^32 - 1 squared is 2^64 - 2^33 + 1: it fits, and so do MACs of one weight per output.
    const uint64_t big = (uint64_t{1} << 32) - 1;
    const CnnLayer conv =
        Infer(CnnLayer::Convolution("c", 1, 1, 1, 0, 1, false), TensorShape{1, big, big});
    EXPECT_EQ(conv.GetOutputShape().GetElementCount(), big * big);
    EXPECT_EQ(conv.GetMacs(), big * big);
    EXPECT_EQ(conv.GetParams(), 1u);
    // The probe's parameters, (2^32 - 1) x 2^32, fit exactly.
    const CnnLayer wide =
        Infer(CnnLayer::Convolution("w", big, 1, 1, 0, 1, true), TensorShape{big, 1, 1});
    EXPECT_EQ(wide.GetParams(), 18446744069414584320u);
    EXPECT_EQ(ErrorOf([] {
                  return TensorShape{1u << 31, 1u << 31, 4}.GetElementCount();
              }),
              "the element count of shape 2147483648x2147483648x4 overflows 64 bits");
}

TEST(CnnLayer, TypeNamesRoundTrip)
{
    for (const auto& name : CnnLayer::GetTypeNames())
    {
        LayerType type;
        ASSERT_TRUE(CnnLayer::TypeFromString(name, type)) << name;
        EXPECT_EQ(CnnLayer::TypeToString(type), name);
    }
    LayerType type;
    EXPECT_FALSE(CnnLayer::TypeFromString("deconv", type));
}

TEST(CnnLayer, TokenSequenceLayersOfAVisionTransformer)
{
    // ViT-B/16 at 224: 14 x 14 = 196 patches of 768 features, a class token, 12 heads of 64.
    // Figures worked out by hand from torchvision's VisionTransformer and nn.MultiheadAttention.
    const CnnLayer tokens =
        Infer(CnnLayer::Reshape("flat", TensorShape{768, 196}), TensorShape{768, 14, 14});
    EXPECT_EQ(tokens.GetOutputShape(), (TensorShape{768, 196}));
    const CnnLayer seq = Infer(CnnLayer::Permute("seq", {1, 0}), TensorShape{768, 196});
    EXPECT_EQ(seq.GetOutputShape(), (TensorShape{196, 768}));
    // The class token: one learned row of 768 put before the 196.
    const CnnLayer cls =
        Infer(CnnLayer::Concat("cls", 0, TensorShape{1, 768}), TensorShape{196, 768});
    EXPECT_EQ(cls.GetOutputShape(), (TensorShape{197, 768}));
    EXPECT_EQ(cls.GetParams(), 768u);
    // The position embedding: 197 x 768 learned values added.
    const CnnLayer pos = Infer(CnnLayer::Add("pos", TensorShape{197, 768}), TensorShape{197, 768});
    EXPECT_EQ(pos.GetParams(), 197u * 768);
    EXPECT_EQ(pos.GetMacs(), 0u);
    // LayerNorm(768): a weight and a bias per feature.
    const CnnLayer ln = Infer(CnnLayer::LayerNorm("ln"), TensorShape{197, 768});
    EXPECT_EQ(ln.GetParams(), 2u * 768);
    EXPECT_EQ(Infer(CnnLayer::LayerNorm("ln2", 2, false), TensorShape{197, 768}).GetParams(), 0u);
    // The in-projection over the last axis: 197 x 768 x 2304 MACs, 768 x 2304 + 2304 params.
    const CnnLayer qkv =
        Infer(CnnLayer::FullyConnected("qkv", 2304, true, true), TensorShape{197, 768});
    EXPECT_EQ(qkv.GetOutputShape(), (TensorShape{197, 2304}));
    EXPECT_EQ(qkv.GetMacs(), 197ULL * 768 * 2304);
    EXPECT_EQ(qkv.GetParams(), 768ULL * 2304 + 2304);
    // Over the flattened input instead, as before: 197 * 768 inputs to each output.
    EXPECT_EQ(Infer(CnnLayer::FullyConnected("flat-fc", 10), TensorShape{197, 768}).GetParams(),
              197ULL * 768 * 10 + 10);
    // q k^T per head: 12 x (197 x 64) x (64 x 197).
    CnnLayer scores = CnnLayer::MatMul("scores");
    scores.Infer({TensorShape{12, 197, 64}, TensorShape{12, 64, 197}});
    EXPECT_EQ(scores.GetOutputShape(), (TensorShape{12, 197, 197}));
    EXPECT_EQ(scores.GetMacs(), 12ULL * 197 * 64 * 197);
    // A leading axis broadcast: one 64 x 32 matrix applied to each of 12.
    CnnLayer shared = CnnLayer::MatMul("shared");
    shared.Infer({TensorShape{12, 197, 64}, TensorShape{64, 32}});
    EXPECT_EQ(shared.GetOutputShape(), (TensorShape{12, 197, 32}));
    EXPECT_EQ(shared.GetMacs(), 12ULL * 197 * 64 * 32);
    EXPECT_EQ(Infer(CnnLayer::Softmax("sm", 2), TensorShape{12, 197, 197}).GetOutputShape(),
              (TensorShape{12, 197, 197}));
    // The class token out of the sequence.
    EXPECT_EQ(
        Infer(CnnLayer::Index("cls0", TensorShape{768}), TensorShape{197, 768}).GetOutputShape(),
        (TensorShape{768}));
}

TEST(CnnLayer, BroadcastingMeanShuffleAndNormalisations)
{
    // Squeeze-and-excitation: 96 channel weights times a 96 x 28 x 28 map.
    CnnLayer se = CnnLayer::Mul("se");
    se.Infer({TensorShape{96, 28, 28}, TensorShape{96, 1, 1}});
    EXPECT_EQ(se.GetOutputShape(), (TensorShape{96, 28, 28}));
    EXPECT_EQ(se.GetMacs(), 0u);
    // ConvNeXt's layer scale: a learned 96 x 1 x 1.
    EXPECT_EQ(
        Infer(CnnLayer::Mul("scale", TensorShape{96, 1, 1}), TensorShape{96, 56, 56}).GetParams(),
        96u);
    // Swin's relative position bias: a 3 x 49 x 49 operand gathered from a 169 x 3 table.
    EXPECT_EQ(
        Infer(CnnLayer::Add("bias", TensorShape{3, 49, 49}, 169 * 3), TensorShape{64, 3, 49, 49})
            .GetParams(),
        169u * 3);
    // A lower-rank operand aligns with the trailing axes.
    CnnLayer bias = CnnLayer::Add("b");
    bias.Infer({TensorShape{8, 4, 5}, TensorShape{5}});
    EXPECT_EQ(bias.GetOutputShape(), (TensorShape{8, 4, 5}));
    // MnasNet's mean over height and width.
    EXPECT_EQ(Infer(CnnLayer::Mean("m", {1, 2}), TensorShape{1280, 7, 7}).GetOutputShape(),
              (TensorShape{1280}));
    EXPECT_EQ(Infer(CnnLayer::Mean("mk", {1, 2}, true), TensorShape{1280, 7, 7}).GetOutputShape(),
              (TensorShape{1280, 1, 1}));
    EXPECT_EQ(Infer(CnnLayer::ChannelShuffle("cs", 2), TensorShape{116, 28, 28}).GetOutputShape(),
              (TensorShape{116, 28, 28}));
    // GroupNorm(32 groups, 256 channels): a weight and a bias per channel.
    EXPECT_EQ(Infer(CnnLayer::GroupNorm("gn", 32), TensorShape{256, 14, 14}).GetParams(), 512u);
    EXPECT_EQ(Infer(CnnLayer::GroupNorm("gn0", 32, false), TensorShape{256, 14, 14}).GetParams(),
              0u);
    EXPECT_EQ(Infer(CnnLayer::StochasticDepth("sd"), TensorShape{40, 28, 28}).GetOutputShape(),
              (TensorShape{40, 28, 28}));
    // A concatenation of token features along the last axis (Swin's patch merging).
    CnnLayer merge = CnnLayer::Concat("merge", 2);
    merge.Infer({TensorShape{28, 28, 96},
                 TensorShape{28, 28, 96},
                 TensorShape{28, 28, 96},
                 TensorShape{28, 28, 96}});
    EXPECT_EQ(merge.GetOutputShape(), (TensorShape{28, 28, 384}));
}

TEST(CnnLayer, BadTokenAndTensorLayersAreNamed)
{
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Reshape("r", TensorShape{10, 10}), TensorShape{3, 7});
              }),
              "layer 'r' (reshape): cannot reshape 3x7 (21 elements) to 10x10 (100 elements)");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Permute("p", {0, 0, 1}), TensorShape{2, 3, 4});
              }),
              "layer 'p' (permute): axes [0, 0, 1] are not a permutation of the axes of the input "
              "2x3x4");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Permute("p2", {1, 0}), TensorShape{2, 3, 4});
              }),
              "layer 'p2' (permute): axes [1, 0] are not a permutation of the axes of the input "
              "2x3x4");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Mean("m", {3}), TensorShape{2, 3, 4});
              }),
              "layer 'm' (mean): axes [3] must be distinct axes of the input 2x3x4");
    EXPECT_EQ(ErrorOf([] { Infer(CnnLayer::Mean("all", {0}), TensorShape{10}); }),
              "layer 'all' (mean): averages every axis of 10 without keepdim: a scalar per frame; "
              "keep the axes (\"keepdim\": true)");
    EXPECT_EQ(ErrorOf([] {
                  CnnLayer mm = CnnLayer::MatMul("mm");
                  mm.Infer({TensorShape{197, 64}, TensorShape{65, 197}});
              }),
              "layer 'mm' (matmul): shape mismatch: 197x64 x 65x197: the inner sizes 64 and 65 "
              "differ");
    EXPECT_EQ(ErrorOf([] {
                  CnnLayer mm = CnnLayer::MatMul("mm");
                  mm.Infer({TensorShape{64}, TensorShape{64, 2}});
              }),
              "layer 'mm' (matmul): multiplies matrices (rank 2 or more), got 64 and 64x2");
    EXPECT_EQ(ErrorOf([] {
                  CnnLayer mm = CnnLayer::MatMul("mm");
                  mm.Infer({TensorShape{3, 4, 5}, TensorShape{2, 5, 4}});
              }),
              "layer 'mm' (matmul): shape mismatch: the leading axes 3 of input 0 and 2 of "
              "input 1 must broadcast (trailing axes aligned, each equal or 1)");
    EXPECT_EQ(ErrorOf([] {
                  CnnLayer mm = CnnLayer::MatMul("mm3");
                  mm.Infer({TensorShape{3, 4}});
              }),
              "layer 'mm3' (matmul): multiplies exactly two inputs, got 1");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Mul("one"), TensorShape{3, 4});
              }),
              "layer 'one' (mul): needs at least two inputs, or one and a learned 'parameter', "
              "got 1 input");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Add("pe", TensorShape{196, 768}), TensorShape{197, 768});
              }),
              "layer 'pe' (add): shape mismatch: the parameter is 196x768 but the inputs are "
              "197x768; they must broadcast (trailing axes aligned, each equal or 1)");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::ChannelShuffle("cs", 3), TensorShape{116, 28, 28});
              }),
              "layer 'cs' (channel_shuffle): groups (3) must be positive and divide the channels "
              "(116) of 116x28x28");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::LayerNorm("ln", 3), TensorShape{197, 768});
              }),
              "layer 'ln' (layer_norm): normalises 3 trailing axes, but its input 197x768 has 2");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Softmax("sm", 2), TensorShape{197, 197});
              }),
              "layer 'sm' (softmax): axis 2 is outside the input 197x197");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Concat("cls", 0, TensorShape{1, 512}), TensorShape{196, 768});
              }),
              "layer 'cls' (concat): shape mismatch: the parameter is 1x512 but input 0 is "
              "196x768; all but the channels must agree");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Index("i", TensorShape{0, 4}), TensorShape{3, 4});
              }),
              "layer 'i' (index): output shape 0x4 has a zero dimension");
    EXPECT_EQ(ErrorOf([] {
                  Infer(CnnLayer::Activation("a", ""), TensorShape{3, 4});
              }),
              "layer 'a' (activation): needs a function, e.g. \"relu\"");
}
