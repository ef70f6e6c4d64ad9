/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The layer graph and its split points. Cut sizes on a residual block and an inception module are
// worked out by hand in the comments (uint8 input, float32 features).

#include "edge-dnn-test-util.h"
#include "zoo-reference.h"

#include "ns3/cnn-model-zoo.h"
#include "ns3/cnn-model.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-split-profile.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

/**
 * \param profile a profile
 * \return the bytes of each split point in order
 */
std::vector<uint64_t>
Bytes(const SplitProfile& profile)
{
    std::vector<uint64_t> bytes;
    for (const auto& p : profile.GetSplitPoints())
    {
        bytes.push_back(p.bytes);
    }
    return bytes;
}

} // namespace

TEST(CnnModel, ResidualBlockCutsByHand)
{
    // input 8x16x16 uint8 = 2048 B; every feature map 8x16x16 float32 = 8192 B.
    // Order: input(0) a(1) b(2) c(3) d=add(c, input)(4) e(5). The input is consumed by d, so the
    // cuts k = 1..3 carry it beside the main path's tensor: 8192 + 2048 = 10240 B, two tensors.
    const SplitProfile p = SplitProfile::FromModel(BuildResidualBlock(), TensorEncoding(1, 4));
    EXPECT_EQ(Bytes(p), (std::vector<uint64_t>{2048, 10240, 10240, 10240, 8192, 8192}));
    EXPECT_EQ(p.GetSplitPoints()[2].crossingTensors.ToVector(),
              (std::vector<std::string>{"input", "b"}));
    EXPECT_EQ(p.GetSplitPoints()[4].crossingTensors.ToVector(), (std::vector<std::string>{"d"}));
    // conv: 2048 outputs x 8 input channels x 9 = 147456 MACs each.
    EXPECT_EQ(p.GetSplitPoints()[1].edgeMacs, 147456u);
    EXPECT_EQ(p.GetSplitPoints()[3].edgeMacs, 294912u);
    EXPECT_EQ(p.GetSplitPoints()[1].cloudMacs, 147456u);
    EXPECT_EQ(p.GetSplitPoints()[5].cloudMacs, 0u);
    EXPECT_EQ(p.GetSplitPoints()[0].name, "input");
    EXPECT_EQ(p.GetSplitPoints()[5].name, "e");
    EXPECT_DOUBLE_EQ(p.GetSplitPoints()[1].dataRatio, 10240.0 / 2048.0);
    EXPECT_DOUBLE_EQ(p.GetSplitPoints()[3].edgeMacsPerInputByte, 294912.0 / 2048.0);

    const SplitProfile single =
        SplitProfile::FromModel(BuildResidualBlock(), TensorEncoding(1, 4), true);
    std::vector<uint32_t> kept;
    for (const auto& sp : single.GetSplitPoints())
    {
        kept.push_back(sp.index);
    }
    EXPECT_EQ(kept, (std::vector<uint32_t>{0, 4, 5}));
    EXPECT_EQ(single.FindSplitPoint(4)->bytes, 8192u);
    EXPECT_EQ(single.FindSplitPoint(2), nullptr);
}

TEST(CnnModel, InceptionModuleCutsByHand)
{
    // input 16x8x8 uint8 = 1024 B. Outputs (float32): b1 4x8x8 = 1024 B, b2a 1024 B, b2b 8x8x8 =
    // 2048 B, b3a 2x8x8 = 512 B, b3b 1024 B, b4a (pool) 16x8x8 = 4096 B, b4b 1024 B, cat 20x8x8 =
    // 5120 B. The input is consumed up to b4a (position 6); each branch output waits for cat
    // (position 8).
    //  k=0 input                      1024
    //  k=1 input b1                   2048
    //  k=2 input b1 b2a               3072
    //  k=3 input b1 b2b               4096
    //  k=4 input b1 b2b b3a           4608
    //  k=5 input b1 b2b b3b           5120
    //  k=6 b1 b2b b3b b4a             8192
    //  k=7 b1 b2b b3b b4b             5120
    //  k=8 cat                        5120
    const SplitProfile p = SplitProfile::FromModel(BuildInceptionModule(), TensorEncoding(1, 4));
    EXPECT_EQ(Bytes(p),
              (std::vector<uint64_t>{1024, 2048, 3072, 4096, 4608, 5120, 8192, 5120, 5120}));
    EXPECT_EQ(p.GetSplitPoints()[6].crossingTensors.ToVector(),
              (std::vector<std::string>{"b1", "b2b", "b3b", "b4a"}));
    // MACs: b1 256*16, b2a 256*16, b2b 512*4*9, b3a 128*16, b3b 256*2*9, b4b 256*16 = 37376.
    EXPECT_EQ(p.GetTotalMacs(), 37376u);
    EXPECT_EQ(p.GetSplitPoints()[3].edgeMacs, 4096u + 4096 + 18432);
}

TEST(CnnModel, EncodingsScaleBytes)
{
    // float16 features with a compression factor of 2: 8x16x16 features take 2048 * 2 / 2 = 2048 B.
    const SplitProfile p = SplitProfile::FromModel(BuildResidualBlock(), TensorEncoding(1, 2, 2));
    EXPECT_EQ(p.GetSplitPoints()[4].bytes, 2048u);
    EXPECT_EQ(p.GetSplitPoints()[0].bytes, 2048u);
    // float32 camera frames: the raw input takes 4 B per element.
    EXPECT_EQ(SplitProfile::FromModel(BuildResidualBlock(), TensorEncoding(4, 1)).GetInputBytes(),
              8192u);
    EXPECT_EQ(TensorEncoding::BytesPerElementOf("float16"), 2.0);
    EXPECT_EQ(
        ErrorOf([] { TensorEncoding::BytesPerElementOf("float8"); }),
        "unknown element type 'float8'; expected one of uint8, int8, int16, float16, bfloat16, "
        "int32, float32, float64");
    EXPECT_EQ(ErrorOf([] { TensorEncoding(1, 4, 0.5); }),
              "feature compression factor must be a number >= 1, got 0.5");
    EXPECT_EQ(ErrorOf([] { TensorEncoding(0, 4); }),
              "input bytes per element must be a number > 0, got 0");
}

TEST(CnnModel, TopologicalOrderKeepsInsertionOrder)
{
    const CnnModel m = BuildInceptionModule();
    for (std::size_t i = 0; i < m.GetLayerCount(); ++i)
    {
        EXPECT_EQ(m.GetOrder()[i], i);
    }
    EXPECT_EQ(m.GetOutputLayers().size(), 1u);
    EXPECT_EQ(m.GetInputs(8).size(), 4u);
}

TEST(CnnModel, OrderFollowsDependenciesWhenAddedOutOfOrder)
{
    CnnModel m("reversed");
    const auto relu = m.AddLayer(CnnLayer::Activation("relu"));
    const auto conv = m.AddLayer(CnnLayer::Convolution("conv", 4, 3));
    const auto in = m.AddLayer(CnnLayer::Input("input", TensorShape{1, 8, 8}));
    m.Connect(in, conv);
    m.Connect(conv, relu);
    m.Finalize();
    EXPECT_EQ(m.GetOrder(), (std::vector<CnnModel::LayerId>{in, conv, relu}));
    EXPECT_EQ(m.GetLayer(relu).GetOutputShape(), (TensorShape{4, 6, 6}));
}

TEST(CnnModel, GraphErrorsAreNamed)
{
    EXPECT_EQ(ErrorOf([] {
                  CnnModel m("cyclic");
                  const auto in = m.AddLayer(CnnLayer::Input("input", TensorShape{1, 4, 4}));
                  const auto a = m.AddLayer(CnnLayer::Add("a"), {in});
                  const auto b = m.AddLayer(CnnLayer::Activation("b"), {a});
                  m.Connect(b, a);
                  m.Finalize();
              }),
              "model 'cyclic' has a cycle: these layers wait on each other: 'a', 'b'");
    EXPECT_EQ(ErrorOf([] {
                  CnnModel m("two-inputs");
                  m.AddLayer(CnnLayer::Input("x", TensorShape{1, 4, 4}));
                  m.AddLayer(CnnLayer::Input("y", TensorShape{1, 4, 4}));
                  m.Finalize();
              }),
              "model 'two-inputs' must have exactly one input layer, found 2: 'x', 'y'");
    EXPECT_EQ(ErrorOf([] {
                  CnnModel m("dangling");
                  m.AddLayer(CnnLayer::Input("x", TensorShape{1, 4, 4}));
                  m.AddLayer(CnnLayer::Activation("orphan"));
                  m.Finalize();
              }),
              "layer 'orphan' has no inputs");
    EXPECT_EQ(ErrorOf([] {
                  CnnModel m("dup");
                  m.AddLayer(CnnLayer::Input("x", TensorShape{1, 4, 4}));
                  m.AddLayer(CnnLayer::Input("x", TensorShape{1, 4, 4}));
              }),
              "layer name 'x' is used twice; names must be unique");
}

TEST(CnnModel, SharedCrossingTablesMatchTheDefinitionAtEveryCut)
{
    // By the definition, quadratically: the outputs of positions p <= k consumed after k (or
    // network outputs), in the order their layers run, and their bytes.
    for (const auto& name : CnnModelZoo::GetNames())
    {
        SCOPED_TRACE(name);
        const CnnModel m = CnnModelZoo::Create(name);
        const TensorEncoding encoding(1, 4);
        const SplitProfile profile = SplitProfile::FromModel(m, encoding);
        const auto& order = m.GetOrder();
        ASSERT_EQ(profile.GetSplitPointCount(), order.size());
        for (std::size_t k = 0; k < order.size(); ++k)
        {
            std::vector<std::string> names;
            uint64_t bytes = 0;
            for (std::size_t p = 0; p <= k; ++p)
            {
                const auto consumers = m.GetConsumers(order[p]);
                bool crosses = consumers.empty();
                for (auto c : consumers)
                {
                    crosses = crosses || m.GetPosition(c) > k;
                }
                if (crosses)
                {
                    const CnnLayer& layer = m.GetLayer(order[p]);
                    names.push_back(layer.GetName());
                    const uint64_t elements = layer.GetOutputShape().GetElementCount();
                    bytes += p == 0 ? encoding.GetInputBytes(elements)
                                    : encoding.GetFeatureBytes(elements);
                }
            }
            const SplitPoint& point = profile.GetSplitPoints()[k];
            ASSERT_EQ(point.crossingTensors.ToVector(), names) << "cut " << k;
            ASSERT_EQ(point.crossingTensors.size(), names.size()) << "cut " << k;
            ASSERT_EQ(point.bytes, bytes) << "cut " << k;
        }
    }
}

TEST(CnnModel, CrossingTensorsAsAnExplicitList)
{
    const CrossingTensors none;
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(none.begin(), none.end());
    const CrossingTensors two{"input", "b"};
    EXPECT_EQ(two.size(), 2u);
    EXPECT_EQ(two.ToVector(), (std::vector<std::string>{"input", "b"}));
    EXPECT_NE(std::find(two.begin(), two.end(), "b"), two.end());
    EXPECT_EQ(std::find(two.begin(), two.end(), "c"), two.end());
}
