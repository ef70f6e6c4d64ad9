/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The layer graph and its split points: encodings, single-tensor cuts, graph checks. The cut sizes
// of a residual block and an inception module worked out by hand are in ns-3's native suite
// (test/model-validation-test.cc).

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
