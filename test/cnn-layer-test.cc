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
        "tensors must have one shape");
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
