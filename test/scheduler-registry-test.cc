/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Schedulers as ns-3 objects: selection by TypeId name or short name with attributes (the way
// LteHelper selects its MAC scheduler), attribute checking, Config::SetDefault and the command
// line, the online interface, and an algorithm defined here, outside the library, that registers
// its own short names: adding an algorithm needs nothing central.

#include "edge-dnn-test-util.h"
#include "scheduler-test-util.h"

#include "ns3/command-line.h"
#include "ns3/config.h"
#include "ns3/edge-dnn-assignment-verifier.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-fixed-split-scheduler.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-scheduling-options.h"
#include "ns3/edge-dnn-server-loads.h"
#include "ns3/edge-dnn-task-scheduler-factory.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/enum.h"
#include "ns3/nstime.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <limits>
#include <memory>

using namespace ns3;
using namespace ns3::edgednn;
using namespace ns3::edgednn::testutil;

namespace
{

/**
 * \brief A test-only algorithm: each task, in order, takes the first option that fits (server
 * list order, then least compute), until MaxTasks are admitted. Online-capable.
 */
class TestFirstFitScheduler : public TaskScheduler
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ns3::TestFirstFitScheduler")
                .SetParent<TaskScheduler>()
                .SetGroupName("EdgeDnn")
                .AddConstructor<TestFirstFitScheduler>()
                .AddAttribute("MaxTasks",
                              "The most tasks admitted, >= 1",
                              UintegerValue(std::numeric_limits<uint32_t>::max()),
                              MakeUintegerAccessor(&TestFirstFitScheduler::m_maxTasks),
                              MakeUintegerChecker<uint32_t>(1));
        return tid;
    }

    std::string GetAlgorithmName() const override
    {
        return "test-first-fit";
    }

    Assignment Schedule(const SchedulingProblem& problem) override
    {
        StartOnline(problem);
        Assignment assignment(GetName(), problem.GetTaskCount());
        for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
        {
            const TaskPlacement p = DecideOnline(j);
            if (p.admitted)
            {
                TaskDemand d;
                d.feasible = true;
                d.bandwidthBps = p.bandwidthBps;
                d.computeMacsPerS = p.computeMacsPerS;
                d.latencyS = p.latencyS;
                assignment.Place(j, p.server, p.splitIndex, d);
            }
        }
        return assignment;
    }

    bool SupportsOnline() const override
    {
        return true;
    }

    void StartOnline(const SchedulingProblem& problem) override
    {
        m_options = std::make_unique<SchedulingOptions>(problem);
        m_loads = std::make_unique<ServerLoads>(problem);
        m_admitted = 0;
    }

    TaskPlacement DecideOnline(uint32_t task) override
    {
        TaskPlacement p;
        for (uint32_t s = 0; s < m_options->GetSlotCount(task) && m_admitted < m_maxTasks; ++s)
        {
            const uint32_t i = m_options->GetServer(task, s);
            for (const SchedulingOption& o : m_options->Get(task, s))
            {
                if (m_loads->Fits(i, o.bandwidthBps, o.computeMacsPerS))
                {
                    m_loads->Add(i, o.bandwidthBps, o.computeMacsPerS);
                    ++m_admitted;
                    p.admitted = true;
                    p.server = i;
                    p.splitIndex = o.splitIndex;
                    p.bandwidthBps = o.bandwidthBps;
                    p.computeMacsPerS = o.computeMacsPerS;
                    p.latencyS = o.latencyS;
                    return p;
                }
            }
        }
        return p;
    }

  private:
    uint32_t m_maxTasks{0};                       //!< most tasks admitted
    uint32_t m_admitted{0};                       //!< admitted so far
    std::unique_ptr<SchedulingOptions> m_options; //!< options
    std::unique_ptr<ServerLoads> m_loads;         //!< loads
};

NS_OBJECT_ENSURE_REGISTERED(TestFirstFitScheduler);

EDGE_DNN_SCHEDULER_NAME(TestFirstFit, "test-first-fit", "ns3::TestFirstFitScheduler");
EDGE_DNN_SCHEDULER_NAME(TestFirstOne,
                        "test-first-one",
                        "ns3::TestFirstFitScheduler",
                        {{"MaxTasks", "1"}});

/// Resets the attribute defaults a test changed.
class SchedulerRegistryTest : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Config::Reset();
    }
};

/**
 * \param scheduler an algorithm
 * \param name an attribute
 * \return its value as text
 */
std::string
AttributeText(Ptr<TaskScheduler> scheduler, const std::string& name)
{
    StringValue value;
    scheduler->GetAttribute(name, value);
    return value.Get();
}

/**
 * \param problem a problem
 * \param factory an algorithm
 * \return its assignment as JSON
 */
std::string
Json(const SchedulingProblem& problem, const TaskSchedulerFactory& factory)
{
    return factory.Create()->Schedule(problem).ToJson(problem);
}

} // namespace

TEST_F(SchedulerRegistryTest, SetSchedulerTakesATypeIdNameAndAttributes)
{
    SchedulerHelper helper;
    helper.SetScheduler("ns3::FixedSplitScheduler",
                        "Mode",
                        StringValue("fixed-split"),
                        "SplitIndex",
                        UintegerValue(3));
    Ptr<TaskScheduler> s = helper.CreateScheduler();
    EXPECT_EQ(s->GetInstanceTypeId().GetName(), "ns3::FixedSplitScheduler");
    EXPECT_EQ(s->GetName(), "fixed-split");
    EXPECT_EQ(AttributeText(s, "SplitIndex"), "3");
    helper.SetSchedulerAttribute("Mode", EnumValue(FixedSplitScheduler::EDGE_ONLY));
    EXPECT_EQ(helper.CreateScheduler()->GetName(), "edge-only");
    // The same attribute values give the same assignment as the short name with that attribute.
    TaskSchedulerFactory fixed("fixed-split");
    fixed.Set("SplitIndex", UintegerValue(3));
    helper.SetScheduler("ns3::FixedSplitScheduler", "SplitIndex", UintegerValue(3));
    for (uint64_t seed = 1; seed <= 20; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 16, 8);
        EXPECT_EQ(helper.CreateScheduler()->Schedule(problem).ToJson(problem),
                  Json(problem, fixed));
    }
    // SetScheduler forgets the attributes set before.
    helper.SetScheduler("ns3::FixedSplitScheduler");
    EXPECT_EQ(AttributeText(helper.CreateScheduler(), "SplitIndex"), "0");
    // A TypeId name reports the algorithm's own name.
    helper.SetScheduler("ns3::LocalSearchScheduler");
    EXPECT_EQ(helper.CreateScheduler()->GetName(), "local-search");
}

TEST_F(SchedulerRegistryTest, ShortNamesApplyTheirPresets)
{
    const std::pair<const char*, const char*> modes[] = {{"cloud-only", "cloud-only"},
                                                         {"edge-only", "edge-only"},
                                                         {"fixed-split", "fixed-split"}};
    for (const auto& [name, mode] : modes)
    {
        Ptr<TaskScheduler> s = TaskScheduler::Create(name);
        EXPECT_EQ(s->GetInstanceTypeId().GetName(), "ns3::FixedSplitScheduler") << name;
        EXPECT_EQ(AttributeText(s, "Mode"), mode) << name;
        EXPECT_EQ(s->GetName(), name);
    }
    if (TaskScheduler::HaveLpSolver())
    {
        EXPECT_EQ(AttributeText(TaskScheduler::Create("lp-bound"), "Mode"), "lp-bound");
        EXPECT_EQ(AttributeText(TaskScheduler::Create("exact"), "Mode"), "exact");
    }
    // A short name plus attributes: the presets first, then the values given.
    SchedulerHelper helper;
    helper.SetScheduler("fixed-split", "SplitIndex", UintegerValue(2));
    EXPECT_EQ(AttributeText(helper.CreateScheduler(), "Mode"), "fixed-split");
    EXPECT_EQ(AttributeText(helper.CreateScheduler(), "SplitIndex"), "2");
    // "ours" is local-search under the name the evaluation reports.
    const SchedulerName* ours = TaskScheduler::LookupName("ours");
    ASSERT_NE(ours, nullptr);
    EXPECT_EQ(ours->typeName, "ns3::LocalSearchScheduler");
    EXPECT_EQ(TaskScheduler::Create("ours")->GetName(), "ours");
    EXPECT_EQ(TaskScheduler::Create("local-search")->GetName(), "local-search");
    for (uint64_t seed = 1; seed <= 20; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 24, 8);
        Assignment a = TaskScheduler::Create("ours")->Schedule(problem);
        EXPECT_EQ(a.GetAlgorithm(), "ours");
        a.SetAlgorithm("local-search");
        EXPECT_EQ(a.ToJson(problem),
                  TaskScheduler::Create("local-search")->Schedule(problem).ToJson(problem));
    }
    // The constructor and SetAlgorithm are shorthands for SetScheduler.
    SchedulerHelper byName("cloud-only");
    EXPECT_EQ(AttributeText(byName.CreateScheduler(), "Mode"), "cloud-only");
    byName.SetAlgorithm("latency-greedy");
    EXPECT_EQ(byName.CreateScheduler()->GetInstanceTypeId().GetName(),
              "ns3::LatencyGreedyScheduler");
}

TEST_F(SchedulerRegistryTest, AttributesOutOfRangeFailWhenSet)
{
    SchedulerHelper helper("fixed-split");
    EXPECT_EQ(
        ErrorOf([&] { helper.SetSchedulerAttribute("SplitIndex", UintegerValue(1ULL << 40)); }),
        "ns3::FixedSplitScheduler::SplitIndex: invalid value '1099511627776'; expected a "
        "UintegerValue (uint32_t) in [0, 4294967295] (The split index of Mode fixed-split: each "
        "task takes its "
        "largest split index <= this one)");
    EXPECT_NE(ErrorOf([&] {
                  helper.SetSchedulerAttribute("Mode", StringValue("sideways"));
              }).find("ns3::FixedSplitScheduler::Mode: invalid value 'sideways'"),
              std::string::npos);
    EXPECT_EQ(ErrorOf([&] { helper.SetSchedulerAttribute("Seed", UintegerValue(1)); }),
              "scheduling algorithm ns3::FixedSplitScheduler has no attribute 'Seed'; its "
              "attributes: Mode, SplitIndex");
    // A failed SetScheduler leaves the configuration as it was.
    EXPECT_EQ(ErrorOf([&] { helper.SetScheduler("random", "Seed", StringValue("-1")); }),
              "ns3::RandomScheduler::Seed: invalid value '-1'; expected a UintegerValue "
              "(uint64_t) in [0, 18446744073709551615] (The seed of the draws (std::mt19937_64): "
              "same seed, same "
              "assignment)");
    EXPECT_NE(ErrorOf([&] { helper.SetScheduler("random", "Seed", StringValue("many")); }), "");
    EXPECT_EQ(helper.CreateScheduler()->GetName(), "fixed-split");
    // FailSafe: false without the attribute, an error for a bad value of one it has.
    EXPECT_FALSE(helper.SetSchedulerAttributeFailSafe("Seed", UintegerValue(1)));
    EXPECT_TRUE(helper.SetSchedulerAttributeFailSafe("SplitIndex", UintegerValue(4)));
    EXPECT_EQ(AttributeText(helper.CreateScheduler(), "SplitIndex"), "4");
    if (TaskScheduler::HaveLpSolver())
    {
        helper.SetScheduler("exact");
        const std::string zero =
            ErrorOf([&] { helper.SetSchedulerAttribute("TimeLimit", TimeValue(Seconds(0))); });
        EXPECT_EQ(zero.rfind("ns3::LpScheduler::TimeLimit: invalid value '", 0), 0u) << zero;
        EXPECT_NE(zero.find("; expected a TimeValue in [1ns, 86400s] ("), std::string::npos)
            << zero;
        EXPECT_NE(zero.find("> 0 s"), std::string::npos) << zero;
        EXPECT_NE(
            ErrorOf([&] { helper.SetSchedulerAttribute("TimeLimit", TimeValue(Seconds(-2))); }),
            "");
        helper.SetSchedulerAttribute("TimeLimit", TimeValue(MilliSeconds(500)));
        TimeValue limit;
        helper.CreateScheduler()->GetAttribute("TimeLimit", limit);
        EXPECT_EQ(limit.Get(), MilliSeconds(500));
    }
}

TEST_F(SchedulerRegistryTest, UnknownNamesListTheKnownOnes)
{
    const std::string message = ErrorOf([] { SchedulerHelper("best"); });
    EXPECT_EQ(message.rfind("unknown scheduling algorithm 'best'; expected one of ", 0), 0u)
        << message;
    for (const auto& name : TaskScheduler::GetNames())
    {
        EXPECT_NE(message.find(name), std::string::npos) << name;
    }
    EXPECT_NE(message.find("or a TypeId name such as ns3::LocalSearchScheduler"), std::string::npos)
        << message;
    SchedulerHelper helper;
    EXPECT_EQ(ErrorOf([&] { helper.SetAlgorithm("best"); }), message);
    EXPECT_EQ(ErrorOf([] { TaskScheduler::Create("best"); }), message);
    EXPECT_EQ(ErrorOf([&] { helper.SetScheduler("ns3::Object"); }),
              "scheduling algorithm 'ns3::Object': this TypeId is not a scheduling algorithm (a "
              "constructible subclass of ns3::TaskScheduler)");
    EXPECT_NE(ErrorOf([&] { helper.SetScheduler("ns3::TaskScheduler"); }), "");
}

TEST_F(SchedulerRegistryTest, ConfigSetDefaultAndTheCommandLineAreHonoured)
{
    // An instance on which seeds 1 and 2 of the random baseline differ.
    uint64_t seed = 1;
    TaskSchedulerFactory one("random");
    TaskSchedulerFactory two("random");
    one.Set("Seed", UintegerValue(1)); // set explicitly: defaults apply when an object is created
    two.Set("Seed", UintegerValue(2));
    while (Json(RandomInstance(seed, 30, 8), one) == Json(RandomInstance(seed, 30, 8), two))
    {
        ASSERT_LT(++seed, 50u);
    }
    const SchedulingProblem problem = RandomInstance(seed, 30, 8);
    Config::SetDefault("ns3::RandomScheduler::Seed", UintegerValue(2));
    SchedulerHelper helper("random");
    EXPECT_EQ(AttributeText(helper.CreateScheduler(), "Seed"), "2");
    EXPECT_EQ(helper.CreateScheduler()->Schedule(problem).ToJson(problem), Json(problem, two));
    // A value given to the helper beats the default.
    helper.SetSchedulerAttribute("Seed", UintegerValue(1));
    EXPECT_EQ(helper.CreateScheduler()->Schedule(problem).ToJson(problem), Json(problem, one));

    // A short name's presets beat the defaults; a TypeId name takes them.
    Config::SetDefault("ns3::FixedSplitScheduler::Mode", StringValue("edge-only"));
    EXPECT_EQ(TaskScheduler::Create("cloud-only")->GetName(), "cloud-only");
    EXPECT_EQ(TaskScheduler::Create("ns3::FixedSplitScheduler")->GetName(), "edge-only");

    // The command line reaches every algorithm's attributes.
    CommandLine cmd;
    const char* args[] = {"test", "--ns3::LocalSearchScheduler::WorkBudget=0"};
    cmd.Parse(2, const_cast<char**>(args));
    EXPECT_EQ(AttributeText(TaskScheduler::Create("ours"), "WorkBudget"), "0");
    // Without a work budget, the local search leaves paper-offline's answer as it is.
    bool differs = false;
    for (uint64_t s = 1; s <= 200; ++s)
    {
        const SchedulingProblem p = RandomInstance(s, 40, 10);
        const Assignment offline = TaskScheduler::Create("paper-offline")->Schedule(p);
        EXPECT_EQ(TaskScheduler::Create("ours")->Schedule(p).GetAdmittedCount(),
                  offline.GetAdmittedCount());
        TaskSchedulerFactory full("ours");
        full.Set("WorkBudget", UintegerValue(400000000));
        differs = differs || Json(p, full) != TaskScheduler::Create("ours")->Schedule(p).ToJson(p);
    }
    EXPECT_TRUE(differs) << "the budget must matter on some instance";
}

TEST_F(SchedulerRegistryTest, OnlineIsAnInterfaceOfTheAlgorithm)
{
    const std::vector<std::string> online = TaskScheduler::GetOnlineNames();
    EXPECT_NE(std::find(online.begin(), online.end(), "paper-online"), online.end());
    EXPECT_NE(std::find(online.begin(), online.end(), "test-first-fit"), online.end());
    EXPECT_EQ(std::find(online.begin(), online.end(), "ours"), online.end());
    EXPECT_EQ(std::find(online.begin(), online.end(), "paper-offline"), online.end());

    SchedulerHelper helper("ours");
    const std::string message = ErrorOf([&] { helper.ScheduleOnline(); });
    EXPECT_EQ(message.rfind("SchedulerHelper::ScheduleOnline: algorithm 'ours' "
                            "(ns3::LocalSearchScheduler) cannot decide tasks online, one at a time "
                            "on arrival; algorithms that can: ",
                            0),
              0u)
        << message;
    EXPECT_NE(message.find("paper-online"), std::string::npos) << message;
    EXPECT_EQ(ErrorOf([] { TaskScheduler::Create("exact")->DecideOnline(0); }),
              "scheduling algorithm 'exact' cannot decide online");
    EXPECT_EQ(ErrorOf([] { TaskScheduler::Create("paper-online")->DecideOnline(0); }),
              "PaperOnlineScheduler::DecideOnline before StartOnline");

    // paper-online's decisions one by one, in input order, are its offline schedule.
    for (uint64_t seed = 1; seed <= 100; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 30, 8);
        const Assignment whole = TaskScheduler::Create("paper-online")->Schedule(problem);
        Ptr<TaskScheduler> s = TaskScheduler::Create("paper-online");
        s->StartOnline(problem);
        for (uint32_t j = 0; j < problem.GetTaskCount(); ++j)
        {
            const TaskPlacement p = s->DecideOnline(j);
            const TaskPlacement& q = whole.GetPlacements()[j];
            ASSERT_EQ(p.admitted, q.admitted) << seed << " " << j;
            ASSERT_EQ(p.server, q.server) << seed << " " << j;
            ASSERT_EQ(p.splitIndex, q.splitIndex) << seed << " " << j;
            ASSERT_EQ(p.bandwidthBps, q.bandwidthBps) << seed << " " << j;
            ASSERT_EQ(p.computeMacsPerS, q.computeMacsPerS) << seed << " " << j;
        }
    }
}

TEST_F(SchedulerRegistryTest, AnAlgorithmOutsideTheLibraryRegistersItself)
{
    // Listed after the library's, in the order their registrations give, then by name.
    std::vector<std::string> expected{"paper-offline",
                                      "paper-online",
                                      "ours",
                                      "local-search",
                                      "cloud-only",
                                      "edge-only",
                                      "fixed-split",
                                      "random",
                                      "latency-greedy"};
    if (TaskScheduler::HaveLpSolver())
    {
        expected.push_back("lp-bound");
        expected.push_back("exact");
    }
    expected.push_back("test-first-fit");
    expected.push_back("test-first-one");
    EXPECT_EQ(TaskScheduler::GetNames(), expected);
    SchedulerHelper helper;
    helper.SetScheduler("test-first-one");
    Ptr<TaskScheduler> s = helper.CreateScheduler();
    EXPECT_EQ(s->GetInstanceTypeId().GetName(), "ns3::TestFirstFitScheduler");
    EXPECT_EQ(AttributeText(s, "MaxTasks"), "1");
    uint32_t admitted = 0;
    for (uint64_t seed = 1; seed <= 200; ++seed)
    {
        const SchedulingProblem problem = RandomInstance(seed, 24, 8);
        const Assignment all = TaskScheduler::Create("test-first-fit")->Schedule(problem);
        const Assignment one = helper.CreateScheduler()->Schedule(problem);
        EXPECT_TRUE(AssignmentVerifier::Check(problem, all).empty()) << seed;
        EXPECT_EQ(all.GetAlgorithm(), "test-first-fit");
        EXPECT_EQ(one.GetAlgorithm(), "test-first-one");
        EXPECT_EQ(one.GetAdmittedCount(), std::min<uint32_t>(all.GetAdmittedCount(), 1)) << seed;
        admitted += all.GetAdmittedCount();
    }
    EXPECT_GT(admitted, 200u);
    // Its own attributes and their checks, through the same helper.
    EXPECT_NE(ErrorOf([&] { helper.SetSchedulerAttribute("MaxTasks", UintegerValue(0)); }), "");
    helper.SetScheduler("ns3::TestFirstFitScheduler", "MaxTasks", UintegerValue(5));
    EXPECT_EQ(helper.CreateScheduler()->GetName(), "test-first-fit");
}
