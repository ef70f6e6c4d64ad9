/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The elastic CNN model in ns-3's native suite: the zoo against torchvision 0.14 layer by layer and
// against published totals (test/zoo-reference.h gives the sources), cut sizes of a residual block
// and an inception module worked out by hand, and the JSON layer-graph round trip of every zoo
// network.

#include "validation-test-cases.h"
#include "zoo-reference.h"

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-layer-graph-format.h"
#include "ns3/edge-dnn-split-profile-format.h"
#include "ns3/edge-dnn-split-profile.h"

namespace ns3
{
namespace edgednn
{
namespace testutil
{
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

/**
 * \ingroup edge-dnn-tests
 * \brief Every zoo network against torchvision's per-layer profile and the published totals.
 */
class ZooReferenceTestCase : public TestCase
{
  public:
    ZooReferenceTestCase()
        : TestCase("zoo matches torchvision 0.14 layer by layer and published figures")
    {
    }

  private:
    void DoRun() override
    {
        std::string source;
        const auto references = LoadTorchvisionReference(source);
        NS_TEST_ASSERT_MSG_EQ(references.size(), 20, "networks in " << source);
        for (const auto& ref : references)
        {
            for (const auto& diff : CompareWithReference(CnnModelZoo::Create(ref.model), ref))
            {
                NS_TEST_EXPECT_MSG_EQ(diff, "", ref.model << " against " << source);
            }
        }
        for (const auto& fig : GetPublishedFigures())
        {
            const CnnModel m = CnnModelZoo::Create(fig.model);
            NS_TEST_EXPECT_MSG_EQ_TOL(static_cast<double>(m.GetTotalParams()),
                                      static_cast<double>(fig.params),
                                      static_cast<double>(fig.paramsSlack),
                                      fig.model << " parameters against " << fig.source);
            NS_TEST_EXPECT_MSG_EQ_TOL(static_cast<double>(m.GetTotalMacs()),
                                      static_cast<double>(fig.macs),
                                      static_cast<double>(fig.macsSlack),
                                      fig.model << " MACs against " << fig.source);
        }
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief A residual block's cuts, by hand: input 8x16x16 uint8 = 2048 B; every feature map
 * 8x16x16 float32 = 8192 B. Order: input(0) a(1) b(2) c(3) d=add(c, input)(4) e(5). The input is
 * consumed by d, so the cuts k = 1..3 carry it beside the main path's tensor: 8192 + 2048 =
 * 10240 B, two tensors.
 */
class ResidualBlockCutsTestCase : public TestCase
{
  public:
    ResidualBlockCutsTestCase()
        : TestCase("cuts of a residual block worked out by hand")
    {
    }

  private:
    void DoRun() override
    {
        const SplitProfile p = SplitProfile::FromModel(BuildResidualBlock(), TensorEncoding(1, 4));
        NS_TEST_EXPECT_MSG_EQ(
            (Bytes(p) == std::vector<uint64_t>{2048, 10240, 10240, 10240, 8192, 8192}),
            true,
            "bytes crossing each cut");
        NS_TEST_EXPECT_MSG_EQ((p.GetSplitPoints()[2].crossingTensors.ToVector() ==
                               std::vector<std::string>{"input", "b"}),
                              true,
                              "tensors crossing cut 2");
        NS_TEST_EXPECT_MSG_EQ(
            (p.GetSplitPoints()[4].crossingTensors.ToVector() == std::vector<std::string>{"d"}),
            true,
            "tensors crossing cut 4");
        // conv: 2048 outputs x 8 input channels x 9 = 147456 MACs each.
        NS_TEST_EXPECT_MSG_EQ(p.GetSplitPoints()[1].edgeMacs, 147456, "edge MACs of cut 1");
        NS_TEST_EXPECT_MSG_EQ(p.GetSplitPoints()[3].edgeMacs, 294912, "edge MACs of cut 3");
        NS_TEST_EXPECT_MSG_EQ(p.GetSplitPoints()[1].cloudMacs, 147456, "cloud MACs of cut 1");
        NS_TEST_EXPECT_MSG_EQ(p.GetSplitPoints()[5].cloudMacs, 0, "cloud MACs of the last cut");
        NS_TEST_EXPECT_MSG_EQ(p.GetSplitPoints()[0].name, "input", "cut 0's name");
        NS_TEST_EXPECT_MSG_EQ(p.GetSplitPoints()[5].name, "e", "cut 5's name");
        NS_TEST_EXPECT_MSG_EQ_TOL(p.GetSplitPoints()[1].dataRatio,
                                  10240.0 / 2048.0,
                                  1e-12,
                                  "data ratio of cut 1");
        NS_TEST_EXPECT_MSG_EQ_TOL(p.GetSplitPoints()[3].edgeMacsPerInputByte,
                                  294912.0 / 2048.0,
                                  1e-9,
                                  "edge MACs per input byte of cut 3");

        const SplitProfile single =
            SplitProfile::FromModel(BuildResidualBlock(), TensorEncoding(1, 4), true);
        std::vector<uint32_t> kept;
        for (const auto& sp : single.GetSplitPoints())
        {
            kept.push_back(sp.index);
        }
        NS_TEST_EXPECT_MSG_EQ((kept == std::vector<uint32_t>{0, 4, 5}), true, "single-tensor cuts");
        NS_TEST_EXPECT_MSG_EQ(single.FindSplitPoint(4)->bytes, 8192, "single-tensor cut 4");
        NS_TEST_EXPECT_MSG_EQ((single.FindSplitPoint(2) == nullptr),
                              true,
                              "cut 2 carries two tensors");
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief An inception module's cuts, by hand: input 16x8x8 uint8 = 1024 B. Outputs (float32): b1
 * 4x8x8 = 1024 B, b2a 1024 B, b2b 8x8x8 = 2048 B, b3a 2x8x8 = 512 B, b3b 1024 B, b4a (pool) 16x8x8
 * = 4096 B, b4b 1024 B, cat 20x8x8 = 5120 B. The input is consumed up to b4a (position 6); each
 * branch output waits for cat (position 8):
 *
 *     k=0 input                      1024
 *     k=1 input b1                   2048
 *     k=2 input b1 b2a               3072
 *     k=3 input b1 b2b               4096
 *     k=4 input b1 b2b b3a           4608
 *     k=5 input b1 b2b b3b           5120
 *     k=6 b1 b2b b3b b4a             8192
 *     k=7 b1 b2b b3b b4b             5120
 *     k=8 cat                        5120
 */
class InceptionModuleCutsTestCase : public TestCase
{
  public:
    InceptionModuleCutsTestCase()
        : TestCase("cuts of an inception module worked out by hand")
    {
    }

  private:
    void DoRun() override
    {
        const SplitProfile p =
            SplitProfile::FromModel(BuildInceptionModule(), TensorEncoding(1, 4));
        NS_TEST_EXPECT_MSG_EQ(
            (Bytes(p) ==
             std::vector<uint64_t>{1024, 2048, 3072, 4096, 4608, 5120, 8192, 5120, 5120}),
            true,
            "bytes crossing each cut");
        NS_TEST_EXPECT_MSG_EQ((p.GetSplitPoints()[6].crossingTensors.ToVector() ==
                               std::vector<std::string>{"b1", "b2b", "b3b", "b4a"}),
                              true,
                              "tensors crossing cut 6");
        // MACs: b1 256*16, b2a 256*16, b2b 512*4*9, b3a 128*16, b3b 256*2*9, b4b 256*16 = 37376.
        NS_TEST_EXPECT_MSG_EQ(p.GetTotalMacs(), 37376, "total MACs");
        NS_TEST_EXPECT_MSG_EQ(p.GetSplitPoints()[3].edgeMacs,
                              4096 + 4096 + 18432,
                              "edge MACs of cut 3");
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief Every zoo network written as a JSON layer graph reads back with the same layers, shapes
 * and split-point figures, and the written text is a fixed point.
 */
class LayerGraphRoundTripTestCase : public TestCase
{
  public:
    LayerGraphRoundTripTestCase()
        : TestCase("JSON layer-graph round trip of every zoo network")
    {
    }

  private:
    void DoRun() override
    {
        for (const auto& name : CnnModelZoo::GetNames())
        {
            const CnnModel original = CnnModelZoo::Create(name);
            const std::string json = LayerGraphFormat::Write(original);
            const CnnModel copy = LayerGraphFormat::Parse(json, name + ".json");
            NS_TEST_EXPECT_MSG_EQ(copy.GetName(), original.GetName(), name);
            NS_TEST_EXPECT_MSG_EQ(copy.GetTotalMacs(), original.GetTotalMacs(), name << " MACs");
            NS_TEST_EXPECT_MSG_EQ(copy.GetTotalParams(),
                                  original.GetTotalParams(),
                                  name << " parameters");
            NS_TEST_ASSERT_MSG_EQ(copy.GetLayerCount(),
                                  original.GetLayerCount(),
                                  name << " layers");
            for (std::size_t pos = 0; pos < original.GetLayerCount(); ++pos)
            {
                const CnnLayer& a = original.GetLayer(original.GetOrder()[pos]);
                const CnnLayer& b = copy.GetLayer(copy.GetOrder()[pos]);
                NS_TEST_EXPECT_MSG_EQ(a.GetName(), b.GetName(), name << " layer " << pos);
                NS_TEST_EXPECT_MSG_EQ((a.GetOutputShape() == b.GetOutputShape()),
                                      true,
                                      name << " " << a.GetName() << "'s output shape");
            }
            // Identical split-point figures, and the written text is a fixed point.
            NS_TEST_EXPECT_MSG_EQ(SplitProfileFormat::WriteJson(SplitProfile::FromModel(copy)),
                                  SplitProfileFormat::WriteJson(SplitProfile::FromModel(original)),
                                  name << " split points");
            NS_TEST_EXPECT_MSG_EQ(LayerGraphFormat::Write(copy), json, name << " written again");
        }
    }
};

} // namespace

std::vector<TestCase*>
ModelValidationCases()
{
    return {new ZooReferenceTestCase,
            new ResidualBlockCutsTestCase,
            new InceptionModuleCutsTestCase,
            new LayerGraphRoundTripTestCase};
}

} // namespace testutil
} // namespace edgednn
} // namespace ns3
