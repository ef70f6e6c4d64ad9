/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The JSON layer-graph format: a round trip of every zoo network, and bad files with their
// messages.

#include "ns3/cnn-model-zoo.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-layer-graph-format.h"
#include "ns3/edge-dnn-split-profile-format.h"
#include "ns3/edge-dnn-split-profile.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/**
 * \brief The message of reading a layer graph ("" if it reads).
 * \param json the document
 * \return the message
 */
std::string
ParseError(const std::string& json)
{
    try
    {
        LayerGraphFormat::Parse(json, "net.json");
    }
    catch (const EdgeDnnError& e)
    {
        return e.what();
    }
    return "";
}

/**
 * \brief A document with the given layers after an 8x8 RGB input named "input".
 * \param layers JSON objects, comma-separated
 * \return the document
 */
std::string
WithLayers(const std::string& layers)
{
    return R"({"name": "t", "layers": [{"name": "input", "type": "input", "shape": [3, 8, 8]})" +
           std::string(layers.empty() ? "" : ", ") + layers + "]}";
}

} // namespace

TEST(LayerGraphFormat, FileRoundTrip)
{
    const std::string path = ::testing::TempDir() + "edge-dnn-googlenet.json";
    LayerGraphFormat::WriteFile(CnnModelZoo::Create("googlenet"), path);
    EXPECT_EQ(LayerGraphFormat::ReadFile(path).GetTotalMacs(),
              CnnModelZoo::Create("googlenet").GetTotalMacs());
    std::remove(path.c_str());
}

TEST(LayerGraphFormat, ReadsTheDocumentedExample)
{
    const CnnModel m = LayerGraphFormat::Parse(
        WithLayers(R"({"name": "conv1", "type": "conv", "inputs": ["input"], "out_channels": 16,
                       "kernel": [3, 3], "padding": 1, "bias": false},
                      {"name": "dw", "type": "conv", "inputs": ["conv1"], "depthwise": true, "kernel": 3,
                       "stride": 2, "padding": 1},
                      {"name": "pool", "type": "max_pool", "inputs": ["dw"], "kernel": 2, "ceil_mode": true},
                      {"name": "cat", "type": "concat", "inputs": ["pool", "pool"]},
                      {"name": "fc", "type": "fc", "inputs": ["cat"], "out_features": 10})"),
        "net.json");
    CnnModel::LayerId id;
    ASSERT_TRUE(m.FindLayer("pool", id));
    EXPECT_EQ(m.GetLayer(id).GetOutputShape(),
              (TensorShape{16, 2, 2})); // stride defaults to the kernel
    // conv1 16*3*9 (no bias); dw 16*9 + 16 (bias defaults to true, as in torch); fc 128*10 + 10.
    EXPECT_EQ(m.GetTotalParams(), 16u * 27 + 16 * 9 + 16 + 128 * 10 + 10);
}

TEST(LayerGraphFormat, BadFilesAreNamed)
{
    EXPECT_EQ(ParseError("{\"name\": \"t\",\n \"layers\": [\n  {\"name\": \"input\",, }]}"),
              "net.json:3:20: invalid JSON: syntax error while parsing object key - unexpected "
              "','; expected string literal");
    EXPECT_EQ(
        ParseError(WithLayers(R"({"name": "d", "type": "deconv", "inputs": ["input"]})")),
        "net.json: /layers/1/type: unknown layer type 'deconv'; expected one of input, conv, "
        "max_pool, avg_pool, adaptive_avg_pool, global_avg_pool, fc, batch_norm, activation, lrn, "
        "dropout, flatten, concat, add, softmax");
    EXPECT_EQ(ParseError(
                  WithLayers(R"({"name": "c", "type": "conv", "inputs": ["input"], "kernel": 3})")),
              "net.json: /layers/1: missing field 'out_channels'");
    EXPECT_EQ(
        ParseError(WithLayers(
            R"({"name": "c", "type": "conv", "inputs": ["input"], "out_channels": -8, "kernel": 3})")),
        "net.json: /layers/1/out_channels: expected a positive integer, got -8");
    EXPECT_EQ(
        ParseError(WithLayers(
            R"({"name": "c", "type": "conv", "inputs": ["input"], "out_channels": 8, "kernel": "3"})")),
        "net.json: /layers/1/kernel: expected a positive integer, got \"3\"");
    EXPECT_EQ(
        ParseError(WithLayers(R"({"name": "c", "type": "conv", "inputs": ["input"],
                                        "out_channels": 8, "kernel": 3, "stirde": 2})")),
        "net.json: /layers/1: unknown field 'stirde' for a conv layer; expected only name, type, "
        "inputs, out_channels, kernel, stride, padding, dilation, groups, depthwise, multiplier, "
        "bias");
    EXPECT_EQ(ParseError(WithLayers(R"({"name": "r", "type": "activation", "function": "relu"})")),
              "net.json: /layers/1: missing field 'inputs' (the names of the layers it consumes)");
    EXPECT_EQ(
        ParseError(WithLayers(R"({"name": "r", "type": "activation", "inputs": ["nope"],
                                        "function": "relu"})")),
        "net.json: /layers/1/inputs/0: unknown layer 'nope'; inputs name layers of this file");
    EXPECT_EQ(
        ParseError(
            WithLayers(R"({"name": "a", "type": "conv", "inputs": ["input"], "out_channels": 4,
                                        "kernel": 3, "padding": 1},
                                       {"name": "b", "type": "conv", "inputs": ["input"], "out_channels": 4,
                                        "kernel": 3},
                                       {"name": "cat", "type": "concat", "inputs": ["a", "b"]})")),
        "net.json: layer 'cat' (concat): shape mismatch: input 1 is 4x6x6 but input 0 is 4x8x8; "
        "all but the channels must agree");
    EXPECT_EQ(ParseError(WithLayers(R"({"name": "a", "type": "add", "inputs": ["input", "b"]},
                                       {"name": "b", "type": "activation", "inputs": ["a"], "function": "relu"})")),
              "net.json: model 't' has a cycle: these layers wait on each other: 'a', 'b'");
    EXPECT_EQ(
        ParseError(
            R"({"name": "t", "layers": [{"name": "input", "type": "input", "shape": [3, -1, 8]}]})"),
        "net.json: /layers/0/shape/1: expected a positive integer, got -1");
    EXPECT_EQ(ParseError(R"({"layers": []})"), "net.json: /: missing field 'name'");
    EXPECT_EQ(
        ParseError(
            R"({"name": "t", "layers": [{"name": "input", "type": "input", "shape": [3, 8, 8]},
                                                    {"name": "input", "type": "softmax", "inputs": ["input"]}]})"),
        "net.json: /layers/1/name: layer name 'input' is already used by /layers/0");
    EXPECT_EQ(ParseError(R"({"format": "onnx", "name": "t", "layers": []})"),
              "net.json: /format: expected \"edge-dnn-layer-graph\", got \"onnx\"");
    EXPECT_EQ(
        ParseError(WithLayers(
            R"({"name": "p", "type": "max_pool", "inputs": ["input"], "kernel": 3, "ceil_mode": 1})")),
        "net.json: /layers/1/ceil_mode: expected true or false, got 1");
}

// What the JSON reader accepts stayed what it was with Boost.JSON: whole numbers written as
// doubles are integers, a member given twice keeps its last value, nesting stops at 32 levels;
// messages name the first offending member in the order of the file.
TEST(LayerGraphFormat, JsonRulesAreKept)
{
    EXPECT_EQ(ParseError(WithLayers(
                  R"({"name": "c", "type": "conv", "inputs": ["input"], "out_channels": 8.0,
                      "kernel": 3e0})")),
              "");
    EXPECT_EQ(ParseError(WithLayers(
                  R"({"name": "c", "type": "conv", "inputs": ["input"], "out_channels": 8,
                      "kernel": 2.5})")),
              "net.json: /layers/1/kernel: expected a positive integer, got 2.5");
    // Boost.JSON read 1e400 as infinity, which a reader then refused (or ignored in a field it
    // does not read); nlohmann refuses it as it parses.
    EXPECT_EQ(ParseError(WithLayers(
                  R"({"name": "c", "type": "conv", "inputs": ["input"], "out_channels": 8,
                      "kernel": 1e400})")),
              "net.json:2:37: invalid JSON: number overflow parsing '1e400'");
    const CnnModel m = LayerGraphFormat::Parse(
        R"({"name": "first", "layers": [{"name": "input", "type": "input", "shape": [3, 8, 8]}],
            "name": "last"})",
        "net.json");
    EXPECT_EQ(m.GetName(), "last");
    EXPECT_EQ(ParseError(R"({"name": "t", "zeta": 1, "alpha": 2, "layers": []})"),
              "net.json: /: unknown field 'zeta' for a layer graph; expected only format, "
              "version, name, layers");
    EXPECT_EQ(ParseError(std::string(32, '[') + std::string(32, ']')).substr(0, 39),
              "net.json: /: expected an object, got [[");
    EXPECT_EQ(ParseError(std::string(33, '[') + std::string(33, ']')),
              "net.json:1:33: invalid JSON: arrays and objects nested more than 32 deep");
    // Syntax errors say what nlohmann's parser expected, where, with bytes outside ASCII as \xNN.
    EXPECT_EQ(ParseError("{\"name\": \"caf\xc3\x28\"}"),
              "net.json:1:15: invalid JSON: syntax error while parsing value - invalid string: "
              "ill-formed UTF-8 byte; last read: '\"caf\\xC3('");
    EXPECT_EQ(ParseError("{\"name\": \"t\",\n \"layers\": [tru]}"),
              "net.json:2:16: invalid JSON: syntax error while parsing value - invalid literal; "
              "last read: '\"layers\": [tru]'");
    EXPECT_EQ(ParseError("{\"name\": \"t\", "),
              "net.json:1:15: invalid JSON: syntax error while parsing object key - unexpected end "
              "of input; expected string literal");
    // A UTF-8 byte order mark at the start is skipped, as RFC 8259 allows (Boost.JSON refused it).
    EXPECT_EQ(ParseError("\xEF\xBB\xBF" + WithLayers("")), "");
    // nlohmann stops at a NUL byte as at the end of the input: it is refused before.
    EXPECT_EQ(ParseError(std::string("{\"name\": \"t\", \"layers\": []}\0garbage", 35)),
              "net.json:1:28: invalid JSON: a NUL byte, which JSON text cannot hold");
    // A long token is quoted by its end.
    EXPECT_EQ(ParseError("[\"" + std::string(100, 'a') + "\x01\"]"),
              "net.json:1:103: invalid JSON: syntax error while parsing value - invalid string: "
              "control character U+0001 (SOH) must be escaped to \\u0001; last read: '..." +
                  std::string(29, 'a') + "<U+0001>'");
}

// The three probes of the hardening issue, with their exact inputs: each printed a wrapped-around
// figure (12,884,901,887 B, 0 MACs) or was accepted before sizes were overflow-checked.
TEST(LayerGraphFormat, ElementCountThatOverflowsIsNamed)
{
    EXPECT_EQ(ParseError(R"({"name": "t", "layers": [
        {"name": "input", "type": "input", "shape": [4294967295, 4294967295, 4294967295]},
        {"name": "conv", "type": "conv", "inputs": ["input"], "out_channels": 4294967295,
         "kernel": 1}]})"),
              "net.json: layer 'input' (input): the element count of "
              "4294967295x4294967295x4294967295 overflows 64 bits");
}

TEST(LayerGraphFormat, MacCountThatOverflowsIsNamed)
{
    EXPECT_EQ(ParseError(R"({"name": "t", "layers": [
        {"name": "input", "type": "input", "shape": [65536, 65536, 65536]},
        {"name": "conv", "type": "conv", "inputs": ["input"], "out_channels": 65536,
         "kernel": 1}]})"),
              "net.json: layer 'conv' (conv): the MAC count overflows 64 bits");
}

TEST(LayerGraphFormat, SizesBeyondTwoToThe53AreRejectedWithTheirPath)
{
    EXPECT_EQ(ParseError(WithLayers(R"({"name": "c", "type": "conv", "inputs": ["input"],
                                        "out_channels": 18446744073709551615, "kernel": 3})")),
              "net.json: /layers/1/out_channels: expected a positive integer up to 2^53, got "
              "18446744073709551615");
    // 2^53 itself is a size; 2^53 + 1 is not, in every field that holds one.
    EXPECT_EQ(ParseError(R"({"name": "t", "layers": [
        {"name": "input", "type": "input", "shape": [9007199254740992]}]})"),
              "");
    EXPECT_EQ(ParseError(R"({"name": "t", "layers": [
        {"name": "input", "type": "input", "shape": [3, 9007199254740993, 8]}]})"),
              "net.json: /layers/0/shape/1: expected a positive integer up to 2^53, got "
              "9007199254740993");
    EXPECT_EQ(ParseError(WithLayers(R"({"name": "c", "type": "conv", "inputs": ["input"],
                                        "out_channels": 8, "kernel": [3, 9007199254740993]})")),
              "net.json: /layers/1/kernel/1: expected a positive integer up to 2^53, got "
              "9007199254740993");
    EXPECT_EQ(ParseError(WithLayers(R"({"name": "p", "type": "max_pool", "inputs": ["input"],
                                        "kernel": 3, "padding": 9007199254740993})")),
              "net.json: /layers/1/padding: expected a non-negative integer up to 2^53, got "
              "9007199254740993");
    EXPECT_EQ(ParseError(WithLayers(R"({"name": "f", "type": "fc", "inputs": ["input"],
                                        "out_features": 9007199254740993})")),
              "net.json: /layers/1/out_features: expected a positive integer up to 2^53, got "
              "9007199254740993");
    // Within the bound, what the layers compute from the sizes is checked: 2^36 inputs times 2^27
    // outputs fit, times 2^28 they do not.
    const std::string fc = R"({"name": "t", "layers": [
        {"name": "input", "type": "input", "shape": [4096, 4096, 4096]},
        {"name": "f", "type": "fc", "inputs": ["input"], "bias": false, "out_features": )";
    EXPECT_EQ(ParseError(fc + "134217728}]}"), "");
    EXPECT_EQ(ParseError(fc + "268435456}]}"),
              "net.json: layer 'f' (fc): the MAC count overflows 64 bits");
}

TEST(LayerGraphFormat, MissingFileIsNamed)
{
    try
    {
        LayerGraphFormat::ReadFile("/nonexistent/net.json");
        FAIL() << "no error";
    }
    catch (const EdgeDnnError& e)
    {
        EXPECT_STREQ(e.what(), "/nonexistent/net.json: cannot open file for reading");
    }
}
