/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ns-3's native test suite for edge-dnn, for in-tree users (./test.py -s edge-dnn). It checks the
// zoo against torchvision and published figures, cut sizes worked out by hand, and the JSON round
// trip; the GoogleTest suite covers the same ground in more detail.

#include "chain-scenario.h"
#include "zoo-reference.h"

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-frame-result.h"
#include "ns3/edge-dnn-layer-graph-format.h"
#include "ns3/edge-dnn-model-registry.h"
#include "ns3/edge-dnn-split-profile.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

/**
 * \ingroup edge-dnn-tests
 * \brief Every zoo network against torchvision's profile and published totals.
 */
class ZooReferenceTestCase : public TestCase
{
  public:
    ZooReferenceTestCase()
        : TestCase("zoo matches torchvision 0.14 and published figures")
    {
    }

  private:
    void DoRun() override
    {
        std::string source;
        const auto references = LoadTorchvisionReference(source);
        NS_TEST_ASSERT_MSG_EQ(references.size(), 14, "networks in " << TorchvisionReferencePath());
        for (const auto& ref : references)
        {
            const auto diffs = CompareWithReference(CnnModelZoo::Create(ref.model), ref);
            NS_TEST_EXPECT_MSG_EQ(diffs.size(),
                                  0,
                                  ref.model << " differs from " << source << ": "
                                            << (diffs.empty() ? "" : diffs.front()));
        }
        for (const auto& fig : GetPublishedFigures())
        {
            const CnnModel m = CnnModelZoo::Create(fig.model);
            NS_TEST_EXPECT_MSG_EQ_TOL(static_cast<double>(m.GetTotalParams()),
                                      static_cast<double>(fig.params),
                                      static_cast<double>(fig.paramsSlack),
                                      fig.model << " parameters, " << fig.source);
            NS_TEST_EXPECT_MSG_EQ_TOL(static_cast<double>(m.GetTotalMacs()),
                                      static_cast<double>(fig.macs),
                                      static_cast<double>(fig.macsSlack),
                                      fig.model << " MACs, " << fig.source);
        }
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief Cut sizes of a residual block and an inception module, worked out by hand (see
 * cnn-model-test.cc).
 */
class CutBytesTestCase : public TestCase
{
  public:
    CutBytesTestCase()
        : TestCase("bytes crossing cuts inside a residual block and an inception module")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<uint64_t> residual{2048, 10240, 10240, 10240, 8192, 8192};
        const SplitProfile r = SplitProfile::FromModel(BuildResidualBlock(), TensorEncoding(1, 4));
        NS_TEST_ASSERT_MSG_EQ(r.GetSplitPointCount(), residual.size(), "residual split points");
        for (std::size_t k = 0; k < residual.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(r.GetSplitPoints()[k].bytes, residual[k], "residual cut " << k);
        }
        const std::vector<uint64_t> inception{1024, 2048, 3072, 4096, 4608, 5120, 8192, 5120, 5120};
        const SplitProfile i =
            SplitProfile::FromModel(BuildInceptionModule(), TensorEncoding(1, 4));
        NS_TEST_ASSERT_MSG_EQ(i.GetSplitPointCount(), inception.size(), "inception split points");
        for (std::size_t k = 0; k < inception.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(i.GetSplitPoints()[k].bytes, inception[k], "inception cut " << k);
        }
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief Export every zoo network as a JSON layer graph and read it back with identical figures.
 */
class LayerGraphRoundTripTestCase : public TestCase
{
  public:
    LayerGraphRoundTripTestCase()
        : TestCase("JSON layer-graph round trip of the zoo")
    {
    }

  private:
    void DoRun() override
    {
        for (const auto& name : CnnModelZoo::GetNames())
        {
            const CnnModel original = CnnModelZoo::Create(name);
            const CnnModel copy = LayerGraphFormat::Parse(LayerGraphFormat::Write(original), name);
            NS_TEST_EXPECT_MSG_EQ(copy.GetTotalMacs(), original.GetTotalMacs(), name << " MACs");
            NS_TEST_EXPECT_MSG_EQ(copy.GetTotalParams(),
                                  original.GetTotalParams(),
                                  name << " params");
            NS_TEST_EXPECT_MSG_EQ(copy.GetLayerCount(),
                                  original.GetLayerCount(),
                                  name << " layers");
        }
    }
};

/**
 * \ingroup edge-dnn-tests
 * \brief One frame over idle point-to-point links (UDP): each stage's time equals its analytic
 * value within 2% (see applications-test.cc for the derivation and the TCP cases).
 */
class SingleFrameTestCase : public TestCase
{
  public:
    SingleFrameTestCase()
        : TestCase("one frame's latency breakdown against analytic times")
    {
    }

  private:
    /**
     * \brief Keep the result.
     * \param r the result
     */
    void OnResult(const FrameResult& r)
    {
        m_results.push_back(r);
    }

    void DoRun() override
    {
        testutil::ChainConfig c;
        c.udp = true;
        c.splits = {4};
        testutil::Chain chain = testutil::BuildChain(c);
        chain.apps[0]->TraceConnectWithoutContext(
            "ResultReceived",
            MakeCallback(&SingleFrameTestCase::OnResult, this));
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(m_results.size(), 1, "one result");
        const FrameResult& r = m_results[0];
        const SplitProfile& profile = ModelRegistry::GetProfile("resnet18");
        const uint64_t header = EdgeDnnHeader::GetStaticSize();
        const double up =
            testutil::UdpWireBytes(header + profile.GetInputBytes()) * 8 / 100e6 + 0.002;
        const double cross =
            testutil::UdpWireBytes(header + profile.FindSplitPoint(4)->bytes) * 8 / 20e6 + 0.010;
        NS_TEST_EXPECT_MSG_EQ_TOL(r.deviceToEdge.GetSeconds(), up, 0.02 * up, "device to edge");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.edgeToCloud.GetSeconds(), cross, 0.02 * cross, "edge to cloud");
        NS_TEST_EXPECT_MSG_EQ(r.edgeCompute,
                              Seconds(profile.FindSplitPoint(4)->edgeMacs / c.edgeCapacity),
                              "edge compute");
    }

    std::vector<FrameResult> m_results; //!< results traced
};

/**
 * \ingroup edge-dnn-tests
 * \brief edge-dnn's native ns-3 test suite.
 */
class EdgeDnnTestSuite : public TestSuite
{
  public:
    EdgeDnnTestSuite()
        : TestSuite("edge-dnn", UNIT)
    {
        AddTestCase(new ZooReferenceTestCase, TestCase::QUICK);
        AddTestCase(new CutBytesTestCase, TestCase::QUICK);
        AddTestCase(new LayerGraphRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new SingleFrameTestCase, TestCase::QUICK);
    }
};

/// The suite's only instance, registered with ns-3's test runner.
static EdgeDnnTestSuite g_edgeDnnTestSuite;
