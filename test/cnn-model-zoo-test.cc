/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The zoo against figures from outside edge-dnn: torchvision 0.14 profiled with forward hooks
// (test/data/torchvision-reference.json, written by tools/profile-torchvision.py), torchvision's
// published num_params metadata, BVLC Caffe's AlexNet, the MobileNet paper, and the per-layer
// AlexNet and VGG-16 figures of shared/reference/cnn-published.md.

#include "zoo-reference.h"

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-split-profile.h"

#include <gtest/gtest.h>
#include <set>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

TEST(CnnModelZoo, HasTheIssuedNetworks)
{
    const std::set<std::string> expected{
        "alexnet",         "alexnet-caffe",      "vgg16",
        "vgg19",           "googlenet",          "inception-v3",
        "resnet18",        "resnet34",           "resnet50",
        "resnet101",       "resnet152",          "squeezenet1.0",
        "squeezenet1.1",   "mobilenet-v1",       "mobilenet-v2",
        "densenet121",     "mobilenet-v3-large", "mobilenet-v3-small",
        "efficientnet-b0", "shufflenet-v2-1.0",  "regnet-y-400mf",
        "vit-b-16"};
    const auto names = CnnModelZoo::GetNames();
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), expected);
}

TEST(CnnModelZoo, ParametersMatchTorchvisionPublishedMetadata)
{
    std::string source;
    for (const auto& ref : LoadTorchvisionReference(source))
    {
        const uint64_t params = CnnModelZoo::Create(ref.model).GetTotalParams();
        if (ref.model == "inception-v3")
        {
            // torchvision's num_params (27,161,264) counts the auxiliary classifier that ships with
            // the weights; the network run for inference is the rest, as torchvision itself counts
            // it.
            EXPECT_EQ(params, ref.params);
            EXPECT_EQ(ref.publishedNumParams, 27161264u);
            EXPECT_EQ(ref.publishedNumParams - params, 3326696u)
                << "the AuxLogits head's parameters";
            continue;
        }
        EXPECT_EQ(params, ref.publishedNumParams) << ref.model;
    }
}

TEST(CnnModelZoo, AlexNetPerLayerAsPublished)
{
    // shared/reference/cnn-published.md: AlexNet, torchvision variant, per layer (output, MACs,
    // params).
    struct Row
    {
        TensorShape output;
        uint64_t macs;
        uint64_t params;
    };

    const std::vector<Row> rows{{{64, 55, 55}, 70276800, 23296},
                                {{64, 27, 27}, 0, 0},
                                {{192, 27, 27}, 223948800, 307392},
                                {{192, 13, 13}, 0, 0},
                                {{384, 13, 13}, 112140288, 663936},
                                {{256, 13, 13}, 149520384, 884992},
                                {{256, 13, 13}, 99680256, 590080},
                                {{256, 6, 6}, 0, 0},
                                {{4096}, 37748736, 37752832},
                                {{4096}, 16777216, 16781312},
                                {{1000}, 4096000, 4097000}};
    const CnnModel m = CnnModelZoo::Create("alexnet");
    std::vector<const CnnLayer*> layers;
    for (auto id : m.GetOrder())
    {
        const LayerType t = m.GetLayer(id).GetType();
        if (t == LayerType::CONVOLUTION || t == LayerType::MAX_POOL ||
            t == LayerType::FULLY_CONNECTED)
        {
            layers.push_back(&m.GetLayer(id));
        }
    }
    ASSERT_EQ(layers.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        EXPECT_EQ(layers[i]->GetOutputShape(), rows[i].output) << layers[i]->GetName();
        EXPECT_EQ(layers[i]->GetMacs(), rows[i].macs) << layers[i]->GetName();
        EXPECT_EQ(layers[i]->GetParams(), rows[i].params) << layers[i]->GetName();
    }
    EXPECT_EQ(m.GetTotalParams(), 61100840u);
    EXPECT_EQ(m.GetTotalMacs(), 714188480u);
}

TEST(CnnModelZoo, Vgg16AsPublished)
{
    // shared/reference/cnn-published.md: conv1_2 alone is 1,849,688,064 MACs; pool5 outputs
    // 512x7x7; 138,357,544 parameters and 15,470,264,320 MACs in all.
    const CnnModel m = CnnModelZoo::Create("vgg16");
    CnnModel::LayerId id;
    ASSERT_TRUE(m.FindLayer("features.2", id));
    EXPECT_EQ(m.GetLayer(id).GetMacs(), 1849688064u);
    ASSERT_TRUE(m.FindLayer("features.30", id));
    EXPECT_EQ(m.GetLayer(id).GetOutputShape(), (TensorShape{512, 7, 7}));
    EXPECT_EQ(m.GetTotalParams(), 138357544u);
    EXPECT_EQ(m.GetTotalMacs(), 15470264320u);
}

TEST(CnnModelZoo, ResNetStridePlacementIsTorchvisions)
{
    // ResNet-50 v1.5 (stride on the 3x3) costs 4.089 G MACs, the paper's v1 3.858 G
    // (shared/reference/cnn-published.md): the 3x3 of the first block of stage 2 runs at 28x28.
    const CnnModel m = CnnModelZoo::Create("resnet50");
    CnnModel::LayerId id;
    ASSERT_TRUE(m.FindLayer("layer2.0.conv1", id));
    EXPECT_EQ(m.GetLayer(id).GetOutputShape(), (TensorShape{128, 56, 56}));
    ASSERT_TRUE(m.FindLayer("layer2.0.conv2", id));
    EXPECT_EQ(m.GetLayer(id).GetOutputShape(), (TensorShape{128, 28, 28}));
    EXPECT_NEAR(m.GetTotalMacs() / 1e9, 4.089, 0.0005);
}

TEST(CnnModelZoo, EveryNetworkHasConsistentSplitPoints)
{
    for (const auto& name : CnnModelZoo::GetNames())
    {
        SCOPED_TRACE(name);
        const CnnModel m = CnnModelZoo::Create(name);
        const SplitProfile p = SplitProfile::FromModel(m);
        ASSERT_EQ(p.GetSplitPointCount(), m.GetLayerCount());
        const SplitPoint& first = p.GetSplitPoints().front();
        const SplitPoint& last = p.GetSplitPoints().back();
        EXPECT_EQ(first.bytes, m.GetInputShape().GetElementCount()); // uint8 frames
        EXPECT_EQ(first.edgeMacs, 0u);
        EXPECT_EQ(last.cloudMacs, 0u);
        EXPECT_EQ(last.edgeMacs, m.GetTotalMacs());
        EXPECT_EQ(last.crossingTensors.size(), 1u);
        EXPECT_EQ(last.bytes, 4u * 1000); // float32 class scores
        for (std::size_t i = 1; i < p.GetSplitPointCount(); ++i)
        {
            EXPECT_GE(p.GetSplitPoints()[i].edgeMacs, p.GetSplitPoints()[i - 1].edgeMacs);
            EXPECT_EQ(p.GetSplitPoints()[i].edgeMacs + p.GetSplitPoints()[i].cloudMacs,
                      m.GetTotalMacs());
        }
    }
}

TEST(CnnModelZoo, UnknownNameListsTheZoo)
{
    try
    {
        CnnModelZoo::Create("resnet1000");
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_EQ(
            std::string(e.what()).rfind("unknown model 'resnet1000'; the zoo has alexnet, ", 0),
            0u)
            << e.what();
    }
}
