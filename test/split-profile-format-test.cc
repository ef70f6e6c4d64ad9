/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Split profiles in CSV and JSON: round trips, measured seconds, and bad files with their messages.

#include "edge-dnn-test-util.h"

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-split-profile-format.h"
#include "ns3/edge-dnn-split-profile.h"
#include "ns3/edge-dnn-tensor-encoding.h"

#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <limits>

using namespace ns3;
using namespace ns3::edgednn;
using ns3::edgednn::testutil::ErrorOf;

namespace
{

/**
 * \brief The message of parsing a CSV profile ("" if it reads).
 * \param csv the text
 * \return the message
 */
std::string
CsvError(const std::string& csv)
{
    try
    {
        SplitProfileFormat::ParseCsv(csv, "p.csv");
    }
    catch (const EdgeDnnError& e)
    {
        return e.what();
    }
    return "";
}

/**
 * \brief The message of parsing a JSON profile ("" if it reads).
 * \param json the text
 * \return the message
 */
std::string
JsonError(const std::string& json)
{
    try
    {
        SplitProfileFormat::ParseJson(json, "p.json");
    }
    catch (const EdgeDnnError& e)
    {
        return e.what();
    }
    return "";
}

/**
 * \brief Expect two profiles to hold the same split points.
 * \param a one profile
 * \param b the other
 */
void
ExpectSame(const SplitProfile& a, const SplitProfile& b)
{
    EXPECT_EQ(a.GetModelName(), b.GetModelName());
    EXPECT_EQ(a.GetCostUnit(), b.GetCostUnit());
    ASSERT_EQ(a.GetSplitPointCount(), b.GetSplitPointCount());
    for (std::size_t i = 0; i < a.GetSplitPointCount(); ++i)
    {
        const SplitPoint& p = a.GetSplitPoints()[i];
        const SplitPoint& q = b.GetSplitPoints()[i];
        EXPECT_EQ(p.index, q.index);
        EXPECT_EQ(p.name, q.name);
        EXPECT_EQ(p.edgeMacs, q.edgeMacs);
        EXPECT_EQ(p.cloudMacs, q.cloudMacs);
        EXPECT_EQ(p.bytes, q.bytes);
        EXPECT_DOUBLE_EQ(p.dataRatio, q.dataRatio);
        if (a.GetCostUnit() == SplitCostUnit::SECONDS)
        {
            EXPECT_EQ(p.edgeSeconds, q.edgeSeconds);
            EXPECT_EQ(p.cloudSeconds, q.cloudSeconds);
        }
    }
}

/// A measured profile as a user would write it.
const char* g_measuredCsv = "# model: resnet18\n"
                            "# edge_device: jetson-nano\n"
                            "# cloud_device: xeon-6230\n"
                            "index,name,edge_s,cloud_s,bytes\n"
                            "0,input,0,0.0121,150528\n"
                            "4,maxpool,0.0068,0.0094,802816\n"
                            "69,fc,0.0502,0,4000\n";

} // namespace

TEST(SplitProfileFormat, ModelProfilesRoundTripInCsvAndJson)
{
    const SplitProfile p = SplitProfile::FromModel(CnnModelZoo::Create("resnet18"));
    ExpectSame(SplitProfileFormat::ParseCsv(SplitProfileFormat::WriteCsv(p), "p.csv"), p);
    ExpectSame(SplitProfileFormat::ParseJson(SplitProfileFormat::WriteJson(p), "p.json"), p);
}

TEST(SplitProfileFormat, MeasuredSecondsOnNamedDevices)
{
    const SplitProfile p = SplitProfileFormat::ParseCsv(g_measuredCsv, "p.csv");
    EXPECT_EQ(p.GetCostUnit(), SplitCostUnit::SECONDS);
    EXPECT_EQ(p.GetEdgeDevice(), "jetson-nano");
    EXPECT_EQ(p.GetCloudDevice(), "xeon-6230");
    ASSERT_EQ(p.GetSplitPointCount(), 3u);
    EXPECT_EQ(p.FindSplitPoint(4)->edgeSeconds, 0.0068);
    EXPECT_DOUBLE_EQ(p.FindSplitPoint(4)->dataRatio, 802816.0 / 150528.0);
    EXPECT_EQ(p.GetInputBytes(), 150528u);
    ExpectSame(SplitProfileFormat::ParseCsv(SplitProfileFormat::WriteCsv(p), "p.csv"), p);
    ExpectSame(SplitProfileFormat::ParseJson(SplitProfileFormat::WriteJson(p), "p.json"), p);

    const std::string path = ::testing::TempDir() + "edge-dnn-profile.json";
    SplitProfileFormat::WriteFile(p, path);
    ExpectSame(SplitProfileFormat::ReadFile(path), p);
    std::remove(path.c_str());
}

TEST(SplitProfileFormat, BadCsvIsNamed)
{
    EXPECT_EQ(
        CsvError("index,name,edge_macs,cloud_macs,bytes\n0,input,0,100,150528\n1,conv,50,50,abc\n"),
        "p.csv:3: column 'bytes': expected a non-negative integer, got 'abc'");
    EXPECT_EQ(
        CsvError("index,name,edge_macs,cloud_macs,bytes\n0,input,0,100,150528\n1,conv,-5,50,10\n"),
        "p.csv:3: column 'edge_macs': expected a non-negative integer, got '-5'");
    EXPECT_EQ(
        CsvError("name,edge_macs,bytes\ninput,0,10\n"),
        "p.csv:1: missing column 'cloud_macs'; a header needs name, bytes and either edge_macs, "
        "cloud_macs or edge_s, cloud_s");
    EXPECT_EQ(
        CsvError("name,edge_macs,cloud_macs,bytes,latency\n"),
        "p.csv:1: unknown column 'latency'; expected index, name, bytes, edge_macs, cloud_macs, "
        "edge_s, cloud_s (and the derived data_ratio, edge_macs_per_input_byte)");
    EXPECT_EQ(CsvError("name,edge_macs,cloud_macs,bytes\ninput,0,100\n"),
              "p.csv:2: expected 4 fields as in the header, got 3");
    EXPECT_EQ(CsvError("index,name,edge_macs,cloud_macs,bytes\n3,conv,10,90,100\n"),
              "p.csv: split profile of '': the first split point must be index 0 (all in the "
              "cloud) with no "
              "edge cost and the raw input's bytes (> 0)");
    EXPECT_EQ(
        CsvError("index,name,edge_macs,cloud_macs,bytes\n0,input,0,100,10\n0,conv,10,90,100\n"),
        "p.csv:3: index 0 must be greater than the previous row's 0");
    EXPECT_EQ(CsvError("index,name,edge_s,cloud_s,bytes\n0,input,0,0.1,10\n"),
              "p.csv: measured seconds need '# edge_device: NAME' and '# cloud_device: NAME' lines "
              "naming "
              "the hardware");
    EXPECT_EQ(
        CsvError("# device: x\nname,edge_macs,cloud_macs,bytes\n"),
        "p.csv:1: unknown metadata 'device'; expected '# model: ...', '# edge_device: ...' or '# "
        "cloud_device: ...'");
    EXPECT_EQ(CsvError(""), "p.csv: expected a header row and at least one split point");
    // Split indices are 32-bit: 2^32 used to wrap around to 0.
    EXPECT_EQ(CsvError("index,name,edge_macs,cloud_macs,bytes\n0,input,0,100,10\n"
                       "4294967296,conv,10,90,100\n"),
              "p.csv:3: column 'index': expected an integer up to 4294967295, got '4294967296'");
}

TEST(SplitProfileFormat, BadJsonIsNamed)
{
    EXPECT_EQ(JsonError(R"({"model": "m", "cost_unit": "macs", "split_points": [
                            {"index": 0, "name": "input", "edge_macs": 0, "cloud_macs": 5, "bytes": 10},
                            {"index": 1, "name": "conv", "edge_macs": 5, "cloud_macs": 0}]})"),
              "p.json: /split_points/1: missing field 'bytes'");
    EXPECT_EQ(JsonError(R"({"model": "m", "cost_unit": "flops", "split_points": []})"),
              "p.json: /cost_unit: expected \"macs\" or \"seconds\", got \"flops\"");
    EXPECT_EQ(
        JsonError(R"({"model": "m", "cost_unit": "seconds", "edge_device": "a", "cloud_device": "b",
                           "split_points": [{"index": 0, "name": "input", "edge_s": 0, "cloud_s": "fast",
                                             "bytes": 10}]})"),
        "p.json: /split_points/0/cloud_s: expected a number >= 0, got \"fast\"");
    EXPECT_EQ(JsonError(R"({"model": "m", "cost_unit": "seconds", "split_points": []})"),
              "p.json: /: missing field 'edge_device'");
    EXPECT_EQ(JsonError(R"({"model": "m", "cost_unit": "macs", "split_points": []})"),
              "p.json: split profile of 'm': has no split points");
    EXPECT_EQ(
        JsonError(R"({"model": "m", "cost_unit": "macs", "split_points": [
                            {"index": 0, "name": "input", "edge_macs": 0, "cloud_macs": 5, "bytes": 10},
                            {"index": 4294967296, "name": "conv", "edge_macs": 5, "cloud_macs": 0,
                             "bytes": 1}]})"),
        "p.json: /split_points/1/index: expected a non-negative integer up to 4294967295, got "
        "4294967296");
}

// Found by fuzzing (test/fuzz): what one format reads, the other writes and reads back the same,
// or the writer refuses it by name.
TEST(SplitProfileFormat, WhatOneFormatReadsTheOtherWritesOrRefuses)
{
    // A CSV name that is not UTF-8 used to be written into JSON that did not parse.
    EXPECT_EQ(CsvError("index,name,edge_macs,cloud_macs,bytes\n0,input,0,100,10\n1,sque\x8d"
                       "eze,10,90,100\n"),
              "p.csv:3: column 'name': expected UTF-8 text");
    EXPECT_EQ(CsvError("# model: r\xc3\x28\nindex,name,edge_macs,cloud_macs,bytes\n"),
              "p.csv:1: '# model:': expected UTF-8 text");
    const SplitProfile utf8 = SplitProfileFormat::ParseCsv(
        "# model: caf\xc3\xa9\nindex,name,edge_macs,cloud_macs,bytes\n0,\xe2\x82\xac,0,1,10\n",
        "p.csv");
    ExpectSame(SplitProfileFormat::ParseJson(SplitProfileFormat::WriteJson(utf8), "p.json"), utf8);

    // Names with white space at an end came back trimmed from CSV; CSV now refuses them.
    const std::string padded = R"({"model": "m", "cost_unit": "macs", "split_points": [
        {"index": 0, "name": "input", "edge_macs": 0, "cloud_macs": 5, "bytes": 10},
        {"index": 2, "name": " conv", "edge_macs": 5, "cloud_macs": 0, "bytes": 4}]})";
    EXPECT_EQ(ErrorOf([&] {
                  SplitProfileFormat::WriteCsv(SplitProfileFormat::ParseJson(padded, "p.json"));
              }),
              "split point name ' conv' starts or ends with white space, which CSV does not "
              "keep; write the profile as JSON");
    const std::string model = R"({"model": "a\nb", "cost_unit": "macs", "split_points": [
        {"index": 0, "name": "input", "edge_macs": 0, "cloud_macs": 5, "bytes": 10}]})";
    EXPECT_EQ(ErrorOf([&] {
                  SplitProfileFormat::WriteCsv(SplitProfileFormat::ParseJson(model, "p.json"));
              }),
              "model name 'a\nb' holds a newline and cannot be written as CSV");

    // Empty names, which CSV cannot hold, are refused by JSON as by CSV.
    EXPECT_EQ(JsonError(R"({"model": "m", "cost_unit": "macs", "split_points": [
                            {"index": 0, "name": "", "edge_macs": 0, "cloud_macs": 5, "bytes": 10}]})"),
              "p.json: /split_points/0/name: expected the name of the last layer at the edge, "
              "got \"\"");
    EXPECT_EQ(JsonError(R"({"model": "m", "cost_unit": "seconds", "edge_device": "",
                            "cloud_device": "b", "split_points": []})"),
              "p.json: /edge_device: expected the edge device's name, got \"\"");

    // Devices belong to measured seconds: CSV kept them on a MAC profile, which neither writer
    // writes.
    const SplitProfile macs = SplitProfileFormat::ParseCsv(
        "# edge_device: jetson\nindex,name,edge_macs,cloud_macs,bytes\n0,input,0,1,10\n",
        "p.csv");
    EXPECT_EQ(macs.GetEdgeDevice(), "");

    // Subnormal seconds read from JSON are written to CSV and read back (stod refused them).
    const std::string tiny = R"({"model": "m", "cost_unit": "seconds", "edge_device": "a",
        "cloud_device": "b", "split_points": [
        {"index": 0, "name": "input", "edge_s": 0, "cloud_s": 5e-324, "bytes": 10}]})";
    const SplitProfile subnormal = SplitProfileFormat::ParseJson(tiny, "p.json");
    const SplitProfile back =
        SplitProfileFormat::ParseCsv(SplitProfileFormat::WriteCsv(subnormal), "p.csv");
    EXPECT_EQ(back.GetSplitPoints()[0].cloudSeconds, subnormal.GetSplitPoints()[0].cloudSeconds);
    EXPECT_GT(back.GetSplitPoints()[0].cloudSeconds, 0.0);
}

TEST(SplitProfileFormat, UnknownExtensionIsNamed)
{
    const SplitProfile p = SplitProfileFormat::ParseCsv(g_measuredCsv, "p.csv");
    try
    {
        SplitProfileFormat::WriteFile(p, "/tmp/profile.xlsx");
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_STREQ(
            e.what(),
            "/tmp/profile.xlsx: unknown split-profile format; expected a .csv or .json file");
    }
}

TEST(SplitProfile, ByteCountsBeyondTwoToThe53AreNamed)
{
    const uint64_t exact = uint64_t{1} << 53;
    EXPECT_EQ(TensorEncoding().GetInputBytes(exact), exact);
    EXPECT_EQ(TensorEncoding().GetFeatureBytes(exact / 4), exact);
    EXPECT_EQ(ErrorOf([&] { TensorEncoding().GetInputBytes(exact + 1); }),
              "the byte count of 9007199254740993 input elements at 1 B each exceeds 2^53 B, the "
              "largest whole number a double holds exactly");
    EXPECT_EQ(ErrorOf([&] { TensorEncoding().GetFeatureBytes(exact / 4 + 1); }),
              "the byte count of 2251799813685249 feature elements at 4 B each exceeds 2^53 B, the "
              "largest whole number a double holds exactly");
    EXPECT_EQ(TensorEncoding(1, 4, 2).GetFeatureBytes(exact / 2), exact);
    EXPECT_EQ(ErrorOf([&] { TensorEncoding(1, 4, 2).GetFeatureBytes(exact / 2 + 1); }),
              "the byte count of 4503599627370497 feature elements at 4 B each (compressed) "
              "exceeds 2^53 B, the largest whole number a double holds exactly");

    // A model whose sizes fit 64 bits but whose bytes do not fit a double exactly.
    CnnModel m("big");
    const auto in = m.AddLayer(CnnLayer::Input("input", TensorShape{uint64_t{1} << 27, 1u << 27}));
    const auto relu = m.AddLayer(CnnLayer::Activation("relu"));
    m.Connect(in, relu);
    m.Finalize();
    EXPECT_EQ(ErrorOf([&] { SplitProfile::FromModel(m); }),
              "split profile of 'big': layer 'input': the byte count of 18014398509481984 input "
              "elements at 1 B each exceeds 2^53 B, the largest whole number a double holds "
              "exactly");
}

TEST(SplitProfile, TotalMacsThatOverflowAreNamed)
{
    // Measured profiles may carry MACs next to their seconds; their sum must fit 64 bits.
    SplitPoint first;
    first.name = "input";
    first.bytes = 1;
    first.edgeSeconds = 0;
    first.cloudSeconds = 1;
    first.edgeMacs = std::numeric_limits<uint64_t>::max() - 1;
    first.cloudMacs = 1;
    EXPECT_EQ(ErrorOf([&] { SplitProfile("m", SplitCostUnit::SECONDS, {first}); }), "");
    first.cloudMacs = 2;
    EXPECT_EQ(ErrorOf([&] { SplitProfile("m", SplitCostUnit::SECONDS, {first}); }),
              "split profile of 'm': the total MAC count (edge + cloud MACs of split point 0) "
              "overflows 64 bits");
}
