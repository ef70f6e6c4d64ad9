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
        "dropout, flatten, concat, add, softmax, mul, matmul, mean, reshape, permute, index, "
        "channel_shuffle, layer_norm, group_norm, stochastic_depth");
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

TEST(LayerGraphFormat, TokenAndTensorLayersRoundTrip)
{
    // A small vision transformer with every layer type of the format's newer networks; read,
    // written and read again, every layer keeps its shape, MACs and parameters.
    const std::string json = WithLayers(
        R"({"name": "patch", "type": "conv", "inputs": ["input"], "out_channels": 16, "kernel": 4, "stride": 4},
           {"name": "flat", "type": "reshape", "inputs": ["patch"], "shape": [16, 4]},
           {"name": "tok", "type": "permute", "inputs": ["flat"], "axes": [1, 0]},
           {"name": "cls", "type": "concat", "inputs": ["tok"], "axis": 0, "parameter": [1, 16]},
           {"name": "pos", "type": "add", "inputs": ["cls"], "parameter": [5, 16]},
           {"name": "ln", "type": "layer_norm", "inputs": ["pos"], "normalized_rank": 1},
           {"name": "qkv", "type": "fc", "inputs": ["ln"], "out_features": 48, "last_axis": true},
           {"name": "q", "type": "index", "inputs": ["qkv"], "shape": [5, 16]},
           {"name": "k", "type": "index", "inputs": ["qkv"], "shape": [5, 16]},
           {"name": "kt", "type": "permute", "inputs": ["k"], "axes": [1, 0]},
           {"name": "att", "type": "matmul", "inputs": ["q", "kt"]},
           {"name": "bias", "type": "add", "inputs": ["att"], "parameter": [5, 5], "params": 9},
           {"name": "sm", "type": "softmax", "inputs": ["bias"], "axis": 1},
           {"name": "av", "type": "matmul", "inputs": ["sm", "q"]},
           {"name": "sd", "type": "stochastic_depth", "inputs": ["av"]},
           {"name": "res", "type": "add", "inputs": ["sd", "pos"]},
           {"name": "gate", "type": "mul", "inputs": ["res"], "parameter": [16]},
           {"name": "g", "type": "activation", "inputs": ["gate"], "function": "gelu"},
           {"name": "half", "type": "mul", "inputs": ["g"], "parameter": [1], "params": 0},
           {"name": "m", "type": "mean", "inputs": ["half"], "axes": [0], "keepdim": true},
           {"name": "img", "type": "reshape", "inputs": ["m"], "shape": [16, 1, 1]},
           {"name": "gn", "type": "group_norm", "inputs": ["img"], "groups": 4, "affine": false},
           {"name": "cs", "type": "channel_shuffle", "inputs": ["gn"], "groups": 2},
           {"name": "head", "type": "fc", "inputs": ["cs"], "out_features": 10})");
    const CnnModel first = LayerGraphFormat::Parse(json, "vit.json");
    const CnnModel second = LayerGraphFormat::Parse(LayerGraphFormat::Write(first), "again.json");
    ASSERT_EQ(first.GetLayerCount(), second.GetLayerCount());
    for (std::size_t pos = 0; pos < first.GetLayerCount(); ++pos)
    {
        const CnnLayer& a = first.GetLayer(first.GetOrder()[pos]);
        const CnnLayer& b = second.GetLayer(second.GetOrder()[pos]);
        EXPECT_EQ(a.GetName(), b.GetName());
        EXPECT_EQ(a.GetType(), b.GetType()) << a.GetName();
        EXPECT_EQ(a.GetOutputShape(), b.GetOutputShape()) << a.GetName();
        EXPECT_EQ(a.GetMacs(), b.GetMacs()) << a.GetName();
        EXPECT_EQ(a.GetParams(), b.GetParams()) << a.GetName();
    }
    // By hand: patch 16*4*(3*16) MACs, 16*48+16 params; qkv 5*16*48 MACs, 16*48+48 params;
    // att 5*16*5 and av 5*5*16 MACs; head 16*10 MACs, 170 params; cls 16, pos 80, bias 9 (the
    // stated table), gate 16, ln 32 params; half is a constant (x * 0.5): none.
    EXPECT_EQ(first.GetTotalMacs(), 16u * 4 * 48 + 5 * 16 * 48 + 5 * 16 * 5 + 5 * 5 * 16 + 160);
    EXPECT_EQ(first.GetTotalParams(),
              (16u * 48 + 16) + (16 * 48 + 48) + 170 + 16 + 80 + 9 + 16 + 32);
    CnnModel::LayerId id;
    ASSERT_TRUE(second.FindLayer("m", id));
    EXPECT_EQ(second.GetLayer(id).GetOutputShape(), (TensorShape{1, 16}));
}

TEST(LayerGraphFormat, BadTokenAndTensorFieldsAreNamed)
{
    EXPECT_EQ(ParseError(WithLayers(R"({"name": "r", "type": "reshape", "inputs": ["input"]})")),
              "net.json: /layers/1: missing field 'shape'");
    EXPECT_EQ(ParseError(WithLayers(
                  R"({"name": "r", "type": "reshape", "inputs": ["input"], "shape": [3, -64]})")),
              "net.json: /layers/1/shape/1: expected a positive integer, got -64");
    EXPECT_EQ(
        ParseError(WithLayers(R"({"name": "m", "type": "mean", "inputs": ["input"], "axes": []})")),
        "net.json: /layers/1/axes: expected 1 to 8 entries, e.g. [1, 2], got []");
    EXPECT_EQ(
        ParseError(WithLayers(R"({"name": "a", "type": "add", "inputs": ["input"], "params": 9})")),
        "net.json: /layers/1: 'params' counts the values behind a 'parameter'; give its "
        "shape too");
    EXPECT_EQ(ParseError(WithLayers(
                  R"({"name": "p", "type": "permute", "inputs": ["input"], "axes": [2, 1]})")),
              "net.json: layer 'p' (permute): axes [2, 1] are not a permutation of the axes of the "
              "input 3x8x8");
    EXPECT_EQ(
        ParseError(WithLayers(
            R"({"name": "f", "type": "fc", "inputs": ["input"], "out_features": 4, "lastaxis": true})")),
        "net.json: /layers/1: unknown field 'lastaxis' for a fc layer; expected only name, "
        "type, inputs, out_features, bias, last_axis");
}
