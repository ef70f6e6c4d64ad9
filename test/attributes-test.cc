/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The attributes' checkers: typed, bounded ranges; exact numeric conversions; messages naming the
// attribute, the value type, the unit and the range, on stderr before ns-3's fatal error for
// Object::SetAttribute and Config::SetDefault, in an EdgeDnnError for the helpers.

#include "edge-dnn-test-util.h"

#include "ns3/cloud-server-application.h"
#include "ns3/config.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/edge-dnn-bounded-attribute-checker.h"
#include "ns3/edge-dnn-named-attribute-checker.h"
#include "ns3/edge-dnn-named-enum-checker.h"
#include "ns3/edge-dnn-recorder-helper.h"
#include "ns3/edge-dnn-scheduler-helper.h"
#include "ns3/edge-dnn-task-scheduler.h"
#include "ns3/edge-server-application.h"
#include "ns3/edge-server-helper.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/integer.h"
#include "ns3/iot-device-application.h"
#include "ns3/iot-device-helper.h"
#include "ns3/names.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <map>
#include <regex>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace ns3::edgednn;
using ns3::edgednn::testutil::ErrorOf;

namespace
{

/// Resets what the tests change process-wide.
class Attributes : public ::testing::Test
{
  protected:
    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
    }
};

/// The death tests (named so that GoogleTest runs them first).
using AttributesDeathTest = Attributes;

/**
 * \param object an object
 * \param name a double attribute
 * \return its value
 */
double
DoubleOf(Ptr<Object> object, const std::string& name)
{
    DoubleValue v;
    object->GetAttribute(name, v);
    return v.Get();
}

/**
 * \param object an object
 * \param name an unsigned attribute
 * \return its value
 */
uint64_t
UintegerOf(Ptr<Object> object, const std::string& name)
{
    UintegerValue v;
    object->GetAttribute(name, v);
    return v.Get();
}

/**
 * \brief What SetAttributeFailSafe prints on stderr.
 * \param object the object
 * \param name the attribute
 * \param value the value
 * \param [out] set whether it was set
 * \return stderr's text
 */
std::string
StderrOfSet(Ptr<Object> object, const std::string& name, const AttributeValue& value, bool& set)
{
    ::testing::internal::CaptureStderr();
    set = object->SetAttributeFailSafe(name, value);
    return ::testing::internal::GetCapturedStderr();
}

const std::string FEATURE_BYTES = "ns3::IotDeviceApplication::FeatureBytesPerElement";

/// One row of an attribute table of doc/edge-dnn.rst.
struct DocRow
{
    std::string name;    //!< Attribute
    std::string type;    //!< Type, e.g. DoubleValue
    std::string unit;    //!< Unit, empty for "\-"
    std::string initial; //!< Default, as ns-3 reads it from a string, or "unset"
    std::string range;   //!< Range
};

/**
 * \brief The attribute tables of the doc's Attributes section, by class: a line "``ns3::Class``..."
 * followed by a simple table with columns Attribute, Type, Unit, Default, Range, Meaning.
 * \return the rows of each class's table
 */
std::map<std::string, std::vector<DocRow>>
ReadDocTables()
{
    std::ifstream in(std::string(EDGE_DNN_SOURCE_DIR) + "/doc/edge-dnn.rst");
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    const std::size_t begin = doc.find("\nAttributes\n==========\n");
    const std::size_t end = doc.find("\nTrace sources\n=============\n");
    std::istringstream section(doc.substr(begin, end - begin));
    static const std::regex classLine("^``(ns3::[A-Za-z]+)``.*");
    static const std::regex separator("^=+( +=+)+$");
    std::map<std::string, std::vector<DocRow>> tables;
    std::string line;
    std::string cls;
    std::vector<std::pair<std::size_t, std::size_t>> columns; // start, end (npos: to the end)
    int separators = 0;
    while (std::getline(section, line))
    {
        std::smatch m;
        if (std::regex_match(line, m, classLine))
        {
            cls = m[1];
            separators = 0;
            continue;
        }
        if (cls.empty())
        {
            continue;
        }
        if (std::regex_match(line, separator))
        {
            if (++separators == 1)
            {
                columns.clear();
                for (std::size_t at = line.find('='); at != std::string::npos;
                     at = line.find('=', line.find(' ', at)))
                {
                    columns.emplace_back(at, line.find(' ', at));
                }
            }
            if (separators == 3)
            {
                cls.clear();
            }
            continue;
        }
        if (separators != 2)
        {
            continue;
        }
        std::vector<std::string> cells;
        for (std::size_t k = 0; k < columns.size(); ++k)
        {
            const std::size_t from = columns[k].first;
            const std::size_t to = k + 1 < columns.size() ? columns[k + 1].first : line.size();
            std::string cell = from < line.size() ? line.substr(from, to - from) : "";
            cell = std::regex_replace(cell, std::regex("^ +| +$|``"), "");
            cells.push_back(cell == "\\-" ? "" : cell);
        }
        EXPECT_EQ(cells.size(), 6u) << line;
        if (cells.size() == 6)
        {
            tables[cls].push_back({cells[0], cells[1], cells[2], cells[3], cells[4]});
        }
    }
    return tables;
}

/**
 * \param tid a TypeId of the module
 * \return its attributes and those of its ancestors in the module, in registration order
 */
std::vector<TypeId::AttributeInformation>
AttributesOf(TypeId tid)
{
    std::vector<TypeId::AttributeInformation> attributes;
    for (TypeId t = tid; t.GetGroupName() == "EdgeDnn" && t != t.GetParent(); t = t.GetParent())
    {
        std::vector<TypeId::AttributeInformation> own;
        for (std::size_t i = 0; i < t.GetAttributeN(); ++i)
        {
            own.push_back(t.GetAttribute(i));
        }
        attributes.insert(attributes.begin(), own.begin(), own.end());
    }
    return attributes;
}

} // namespace

TEST_F(Attributes, DoubleAttributeTakesAnExactIntegerOrAString)
{
    Ptr<IotDeviceApplication> app = CreateObject<IotDeviceApplication>();
    // Issue 11: UintegerValue for a double was ns-3's "Invalid value" and a bare terminate.
    app->SetAttribute("FeatureBytesPerElement", UintegerValue(2));
    EXPECT_EQ(DoubleOf(app, "FeatureBytesPerElement"), 2.0);
    app->SetAttribute("FeatureBytesPerElement", IntegerValue(1));
    EXPECT_EQ(DoubleOf(app, "FeatureBytesPerElement"), 1.0);
    app->SetAttribute("FeatureBytesPerElement", DoubleValue(0.5));
    EXPECT_EQ(DoubleOf(app, "FeatureBytesPerElement"), 0.5);
    app->SetAttribute("FrameRate", StringValue("25"));
    EXPECT_EQ(DoubleOf(app, "FrameRate"), 25.0);
    app->SetAttribute("FeatureCompression", UintegerValue(10000));
    EXPECT_EQ(DoubleOf(app, "FeatureCompression"), 1e4);
}

TEST_F(Attributes, UnsignedAttributeTakesAWholeNumber)
{
    Ptr<EdgeServerApplication> edge = CreateObject<EdgeServerApplication>();
    edge->SetAttribute("Workers", DoubleValue(4.0));
    EXPECT_EQ(UintegerOf(edge, "Workers"), 4u);
    edge->SetAttribute("Workers", IntegerValue(3));
    EXPECT_EQ(UintegerOf(edge, "Workers"), 3u);
    edge->SetAttribute("Port", StringValue("9001"));
    EXPECT_EQ(UintegerOf(edge, "Port"), 9001u);
    bool set = true;
    EXPECT_EQ(StderrOfSet(edge, "Workers", DoubleValue(2.5), set),
              "edge-dnn: ns3::EdgeServerApplication::Workers: invalid value '2.5' (a "
              "ns3::DoubleValue); expected a UintegerValue (uint32_t) in [1, 100000]\n");
    EXPECT_FALSE(set);
    EXPECT_EQ(StderrOfSet(edge, "Workers", IntegerValue(-1), set),
              "edge-dnn: ns3::EdgeServerApplication::Workers: invalid value '-1' (a "
              "ns3::IntegerValue); expected a UintegerValue (uint32_t) in [1, 100000]\n");
    EXPECT_FALSE(set);
    EXPECT_EQ(UintegerOf(edge, "Workers"), 3u);
}

TEST_F(Attributes, ConfigDefaultsAndFactoriesTakeAnExactInteger)
{
    Config::SetDefault(FEATURE_BYTES, UintegerValue(2));
    EXPECT_EQ(DoubleOf(CreateObject<IotDeviceApplication>(), "FeatureBytesPerElement"), 2.0);
    Config::SetDefault("ns3::CloudServerApplication::WorkerCapacity", UintegerValue(1000000));
    EXPECT_EQ(DoubleOf(CreateObject<CloudServerApplication>(), "WorkerCapacity"), 1e6);
    ObjectFactory factory("ns3::IotDeviceApplication");
    factory.Set("FeatureBytesPerElement", UintegerValue(8));
    factory.Set("MaxFrames", DoubleValue(3));
    Ptr<Object> app = factory.Create();
    EXPECT_EQ(DoubleOf(app, "FeatureBytesPerElement"), 8.0);
    EXPECT_EQ(UintegerOf(app, "MaxFrames"), 3u);
    EXPECT_FALSE(Config::SetDefaultFailSafe(FEATURE_BYTES, UintegerValue(9)));
}

TEST_F(Attributes, RefusedValuesAreReportedWithTypeUnitAndRange)
{
    Ptr<IotDeviceApplication> app = CreateObject<IotDeviceApplication>();
    const std::string expected = "; expected a DoubleValue in (0, 8] B\n";
    bool set = true;
    EXPECT_EQ(StderrOfSet(app, "FeatureBytesPerElement", UintegerValue(70), set),
              "edge-dnn: " + FEATURE_BYTES + ": invalid value '70' (a ns3::UintegerValue)" +
                  expected);
    EXPECT_FALSE(set);
    EXPECT_EQ(StderrOfSet(app, "FeatureBytesPerElement", DoubleValue(0), set),
              "edge-dnn: " + FEATURE_BYTES + ": invalid value '0'" + expected);
    EXPECT_EQ(StderrOfSet(app,
                          "FeatureBytesPerElement",
                          DoubleValue(std::numeric_limits<double>::quiet_NaN()),
                          set),
              "edge-dnn: " + FEATURE_BYTES + ": invalid value 'nan'" + expected);
    EXPECT_EQ(StderrOfSet(app, "FeatureBytesPerElement", StringValue("wide"), set),
              "edge-dnn: " + FEATURE_BYTES + ": invalid value 'wide'" + expected);
    EXPECT_EQ(StderrOfSet(app, "FeatureBytesPerElement", StringValue("16"), set),
              "edge-dnn: " + FEATURE_BYTES + ": invalid value '16'" + expected);
    EXPECT_NE(StderrOfSet(app, "FeatureBytesPerElement", TimeValue(Seconds(1)), set)
                  .find("invalid value '+1s' (a ns3::TimeValue); expected a DoubleValue"),
              std::string::npos);
    EXPECT_FALSE(set);
    EXPECT_EQ(DoubleOf(app, "FeatureBytesPerElement"), 4.0);

    EXPECT_EQ(StderrOfSet(app, "FrameRate", DoubleValue(2e4), set),
              "edge-dnn: ns3::IotDeviceApplication::FrameRate: invalid value '20000'; expected a "
              "DoubleValue in [1e-06, 10000] 1/s\n");
    EXPECT_EQ(StderrOfSet(app, "Deadline", TimeValue(Seconds(86401)), set),
              "edge-dnn: ns3::IotDeviceApplication::Deadline: invalid value '+86401s'; expected a "
              "TimeValue in [1ns, 86400s]\n");
    EXPECT_EQ(StderrOfSet(app, "Deadline", StringValue("1e300s"), set),
              "edge-dnn: ns3::IotDeviceApplication::Deadline: invalid value '1e300s'; expected a "
              "TimeValue in [1ns, 86400s]\n");
    EXPECT_EQ(StderrOfSet(app, "Deadline", DoubleValue(0.2), set),
              "edge-dnn: ns3::IotDeviceApplication::Deadline: invalid value '0.2' (a "
              "ns3::DoubleValue); expected a TimeValue in [1ns, 86400s]\n");
    EXPECT_TRUE(app->SetAttributeFailSafe("Deadline", StringValue("86400s")));

    Ptr<EdgeServerApplication> edge = CreateObject<EdgeServerApplication>();
    EXPECT_EQ(StderrOfSet(edge, "UplinkCapacity", DataRateValue(DataRate(20000000000000ULL)), set),
              "edge-dnn: ns3::EdgeServerApplication::UplinkCapacity: invalid value "
              "'20000000000000bps'; expected a DataRateValue in [0, 10000000000000] bit/s\n");
    EXPECT_FALSE(set);
    EXPECT_FALSE(edge->SetAttributeFailSafe("WorkerCapacity", DoubleValue(1e19)));
    EXPECT_TRUE(edge->SetAttributeFailSafe("WorkerCapacity", DoubleValue(1e18)));
}

TEST_F(Attributes, EnumStringAddressAndTypeIdAttributesNameWhatTheyTake)
{
    Ptr<IotDeviceApplication> app = CreateObject<IotDeviceApplication>();
    bool set = true;
    EXPECT_EQ(StderrOfSet(app, "LatencyModel", StringValue("sideways"), set),
              "edge-dnn: ns3::IotDeviceApplication::LatencyModel: invalid value 'sideways'; "
              "expected an EnumValue or one of end-to-end|transfer\n");
    EXPECT_FALSE(set);
    EXPECT_EQ(StderrOfSet(app, "LatencyModel", UintegerValue(1), set),
              "edge-dnn: ns3::IotDeviceApplication::LatencyModel: invalid value '1' (a "
              "ns3::UintegerValue); expected an EnumValue or one of end-to-end|transfer\n");
    EXPECT_FALSE(set);
    EXPECT_EQ(StderrOfSet(app, "LatencyModel", EnumValue(7), set),
              "edge-dnn: ns3::IotDeviceApplication::LatencyModel: invalid value '7'; expected an "
              "EnumValue or one of end-to-end|transfer\n");
    EXPECT_TRUE(app->SetAttributeFailSafe("LatencyModel", StringValue("transfer")));
    EnumValue model;
    app->GetAttribute("LatencyModel", model);
    EXPECT_EQ(model.Get(), static_cast<int>(LatencyModel::TRANSFER));

    EXPECT_EQ(StderrOfSet(app, "Model", UintegerValue(18), set),
              "edge-dnn: ns3::IotDeviceApplication::Model: invalid value '18' (a "
              "ns3::UintegerValue); expected a StringValue: a zoo name or a name registered with "
              "ModelRegistry\n");
    EXPECT_FALSE(set);
    EXPECT_NE(StderrOfSet(app, "Remote", DoubleValue(1), set)
                  .find("ns3::IotDeviceApplication::Remote: invalid value '1' (a "
                        "ns3::DoubleValue); expected an AddressValue: the edge server's "
                        "InetSocketAddress"),
              std::string::npos);
    EXPECT_FALSE(set);
    EXPECT_TRUE(app->SetAttributeFailSafe("Protocol", StringValue("ns3::UdpSocketFactory")));
}

TEST_F(AttributesDeathTest, SetAttributeEndsWithTypeUnitRangeAndTheAttributeNamed)
{
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    Ptr<IotDeviceApplication> app = CreateObject<IotDeviceApplication>();
    EXPECT_DEATH(app->SetAttribute("FeatureBytesPerElement", TimeValue(Seconds(1))),
                 "edge-dnn: ns3::IotDeviceApplication::FeatureBytesPerElement: invalid value "
                 "'\\+1s' \\(a ns3::TimeValue\\); expected a DoubleValue in \\(0, 8\\] B"
                 ".*FeatureBytesPerElement");
    EXPECT_DEATH(app->SetAttribute("FeatureBytesPerElement", DoubleValue(70)),
                 "FeatureBytesPerElement: invalid value '70'; expected a DoubleValue in "
                 "\\(0, 8\\] B.*FeatureBytesPerElement");
    EXPECT_DEATH(Config::SetDefault(FEATURE_BYTES, StringValue("-4")),
                 "invalid value '-4'; expected a DoubleValue in \\(0, 8\\] B.*Could not set "
                 "default value for ns3::IotDeviceApplication::FeatureBytesPerElement");
    EXPECT_DEATH(app->SetAttribute("LatencyModel", StringValue("sideways")),
                 "LatencyModel: invalid value 'sideways'; expected an EnumValue or one of "
                 "end-to-end\\|transfer.*LatencyModel");
    EXPECT_DEATH(
        {
            ObjectFactory factory("ns3::EdgeDnnRecorder");
            factory.Set("BatchSize", UintegerValue(0));
        },
        "ns3::EdgeDnnRecorder::BatchSize: invalid value '0'; expected a UintegerValue "
        "\\(uint32_t\\) in \\[1, 1000000\\].*BatchSize");
}

TEST_F(Attributes, HelpersThrowNamingClassAttributeTypeUnitAndRange)
{
    NodeContainer nodes(2);
    IotDeviceHelper cameras(InetSocketAddress(Ipv4Address("10.0.0.1"), 9000));
    const std::string help =
        " (Bytes per element of the features crossing the cut (B, > 0): 4 float32, 2 float16, 1 "
        "int8)";
    EXPECT_EQ(ErrorOf([&] { cameras.SetAttribute("FeatureBytesPerElement", UintegerValue(70)); }),
              FEATURE_BYTES +
                  ": invalid value '70' (a ns3::UintegerValue); expected a "
                  "DoubleValue in (0, 8] B" +
                  help);
    EXPECT_EQ(
        ErrorOf([&] { cameras.SetAttribute("FeatureBytesPerElement", TimeValue(Seconds(1))); }),
        FEATURE_BYTES +
            ": invalid value '+1s' (a ns3::TimeValue); expected a DoubleValue in "
            "(0, 8] B" +
            help);
    // The exception carries the message: nothing on stderr.
    ::testing::internal::CaptureStderr();
    const std::string sideways =
        ErrorOf([&] { cameras.SetAttribute("LatencyModel", StringValue("sideways")); });
    ErrorOf([&] { cameras.SetAttribute("Model", UintegerValue(18)); });
    ErrorOf([&] { cameras.SetAttribute("FrameRate", DoubleValue(0)); });
    EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
    EXPECT_EQ(sideways.rfind("ns3::IotDeviceApplication::LatencyModel: invalid value 'sideways'; "
                             "expected end-to-end|transfer (",
                             0),
              0u);
    EXPECT_EQ(ErrorOf([&] { cameras.SetAttribute("FrameRat", DoubleValue(5)); })
                  .rfind("ns3::IotDeviceApplication has no attribute 'FrameRat'; its attributes: "
                         "TaskId, Model, ",
                         0),
              0u);
    // Nothing refused: the values are converted.
    EXPECT_EQ(ErrorOf([&] { cameras.SetAttribute("FeatureBytesPerElement", UintegerValue(4)); }),
              "");
    cameras.SetAttribute("TaskId", IntegerValue(5));
    ApplicationContainer apps = cameras.Install(nodes);
    EXPECT_EQ(DoubleOf(apps.Get(0), "FeatureBytesPerElement"), 4.0);
    EXPECT_EQ(UintegerOf(apps.Get(0), "TaskId"), 5u);
    EXPECT_EQ(UintegerOf(apps.Get(1), "TaskId"), 6u);

    EdgeServerHelper edges;
    EXPECT_EQ(ErrorOf([&] { edges.SetAttribute("Workers", UintegerValue(0)); })
                  .rfind("ns3::EdgeServerApplication::Workers: invalid value '0'; expected a "
                         "UintegerValue (uint32_t) in [1, 100000] (",
                         0),
              0u);
    RecorderHelper recorder;
    EXPECT_EQ(ErrorOf([&] { recorder.SetAttribute("StallTime", TimeValue(Seconds(0))); })
                  .rfind("ns3::EdgeDnnRecorder::StallTime: invalid value '+0s'; expected a "
                         "TimeValue in [1ns, 86400s] (",
                         0),
              0u);
    SchedulerHelper scheduler("local-search");
    scheduler.SetSchedulerAttribute("WorkBudget", DoubleValue(1e6));
    EXPECT_EQ(UintegerOf(scheduler.CreateScheduler(), "WorkBudget"), 1000000u);
    EXPECT_EQ(ErrorOf([&] {
                  scheduler.SetSchedulerAttribute("WorkBudget", UintegerValue(2000000000000));
              })
                  .rfind("ns3::LocalSearchScheduler::WorkBudget: invalid value '2000000000000'; "
                         "expected a UintegerValue (uint64_t) in [0, 1000000000000] (",
                         0),
              0u);
}

TEST_F(Attributes, DocTablesMatchTheTypeIds)
{
    const std::map<std::string, std::vector<DocRow>> tables = ReadDocTables();
    ASSERT_FALSE(tables.empty());
    std::size_t compared = 0;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        const TypeId tid = TypeId::GetRegistered(i);
        const std::vector<TypeId::AttributeInformation> attributes = AttributesOf(tid);
        // The tests' own TypeIds (ns3::Test...) are not the module's.
        if (tid.GetGroupName() != "EdgeDnn" || attributes.empty() ||
            tid.GetName().rfind("ns3::Test", 0) == 0)
        {
            continue;
        }
        const auto table = tables.find(tid.GetName());
        if (table == tables.end())
        {
            ADD_FAILURE() << tid.GetName() << " has attributes and no table in doc/edge-dnn.rst";
            continue;
        }
        std::vector<std::string> documented;
        for (const DocRow& row : table->second)
        {
            documented.push_back(row.name);
        }
        std::vector<std::string> registered;
        for (const auto& info : attributes)
        {
            registered.push_back(info.name);
        }
        EXPECT_EQ(documented, registered) << tid.GetName();
        for (const DocRow& row : table->second)
        {
            TypeId::AttributeInformation info;
            if (!tid.LookupAttributeByName(row.name, &info))
            {
                continue;
            }
            const std::string what = tid.GetName() + "::" + row.name;
            // ns-3's own checkers name their value type with or without "ns3::".
            std::string valueType = info.checker->GetValueTypeName();
            valueType = valueType.rfind("ns3::", 0) == 0 ? valueType : "ns3::" + valueType;
            EXPECT_EQ("ns3::" + row.type, valueType) << what;
            const auto* bounded =
                dynamic_cast<const BoundedAttributeChecker*>(PeekPointer(info.checker));
            if (valueType == "ns3::DoubleValue" || valueType == "ns3::UintegerValue" ||
                valueType == "ns3::TimeValue" || valueType == "ns3::DataRateValue")
            {
                EXPECT_NE(bounded, nullptr) << what << ": not a BoundedAttributeChecker";
            }
            if (bounded != nullptr)
            {
                EXPECT_EQ(bounded->GetName(), what);
                EXPECT_EQ(row.unit, bounded->GetUnit()) << what;
                EXPECT_EQ(row.range, bounded->GetRange()) << what;
            }
            if (valueType == "ns3::EnumValue")
            {
                EXPECT_EQ(row.range, info.checker->GetUnderlyingTypeInformation()) << what;
                const auto* named =
                    dynamic_cast<const NamedEnumChecker*>(PeekPointer(info.checker));
                ASSERT_NE(named, nullptr) << what << ": not a NamedEnumChecker";
                EXPECT_EQ(named->GetAttributeName(), what);
            }
            if (valueType == "ns3::StringValue" || valueType == "ns3::AddressValue" ||
                valueType == "ns3::TypeIdValue")
            {
                const auto* named =
                    dynamic_cast<const NamedAttributeChecker*>(PeekPointer(info.checker));
                ASSERT_NE(named, nullptr) << what << ": not a NamedAttributeChecker";
                EXPECT_EQ(named->GetName(), what);
            }
            const std::string initial = info.originalInitialValue->SerializeToString(info.checker);
            if (row.initial == "unset")
            {
                EXPECT_EQ(initial, info.checker->Create()->SerializeToString(info.checker)) << what;
            }
            else
            {
                Ptr<AttributeValue> value =
                    info.checker->CreateValidValue(StringValue(row.initial));
                ASSERT_TRUE(value)
                    << what << ": the doc's default '" << row.initial << "' is not a valid value";
                EXPECT_EQ(value->SerializeToString(info.checker), initial) << what;
            }
            ++compared;
        }
    }
    for (const auto& [name, rows] : tables)
    {
        TypeId tid;
        if (!TypeId::LookupByNameFailSafe(name, &tid))
        {
            EXPECT_TRUE(name == "ns3::LpScheduler" && !TaskScheduler::HaveLpSolver())
                << name << " has a table in doc/edge-dnn.rst and is not registered";
        }
    }
    EXPECT_GE(compared, 40u);
}
