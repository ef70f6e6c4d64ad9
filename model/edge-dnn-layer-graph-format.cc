/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-layer-graph-format.h"

#include "edge-dnn-checked-arithmetic.h"
#include "edge-dnn-error.h"
#include "edge-dnn-json-input.h"

#include <fstream>
#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/// Most axes a shape or a list of axes of the format may have.
constexpr std::size_t MAX_RANK = 8;

/**
 * \brief Read a size (a dimension, channel count, kernel, stride, padding...).
 *
 * Sizes are bounded by 2^53, the largest whole number every JSON reader (and a double) holds
 * exactly; what the layers compute from them is checked for 64-bit overflow when the model is
 * finalised.
 * \param in the document
 * \param v the value
 * \param path its JSON path
 * \param min least value allowed (0 or 1)
 * \return the size
 */
uint64_t
ReadSize(const JsonInput& in, const JsonValue& v, const std::string& path, uint64_t min)
{
    const uint64_t size = in.Integer(v, path, min);
    if (size > MAX_EXACT_DOUBLE_INTEGER)
    {
        in.Expected(v,
                    path,
                    std::string(min == 0 ? "a non-negative" : "a positive") +
                        " integer up to 2^53");
    }
    return size;
}

/**
 * \brief Read a size that is a whole number or [height, width].
 * \param in the document
 * \param layer the layer object
 * \param key the field
 * \param path the layer's JSON path
 * \param min least value allowed
 * \param fallback the value when the field is absent
 * \return the size
 */
Extent2d
ReadExtent(const JsonInput& in,
           const JsonValue& layer,
           const char* key,
           const std::string& path,
           uint64_t min,
           Extent2d fallback)
{
    auto it = layer.find(key);
    if (it == layer.end())
    {
        return fallback;
    }
    const std::string at = path + "/" + key;
    const JsonValue& v = it.value();
    if (v.is_array())
    {
        const auto& a = v;
        if (a.size() != 2)
        {
            in.Expected(v, at, "a whole number or [height, width]");
        }
        return Extent2d(ReadSize(in, a[0], at + "/0", min), ReadSize(in, a[1], at + "/1", min));
    }
    return Extent2d(ReadSize(in, v, at, min));
}

/**
 * \brief Read an optional whole number.
 * \param in the document
 * \param layer the layer object
 * \param key the field
 * \param path the layer's JSON path
 * \param min least value allowed
 * \param fallback the value when the field is absent
 * \return the number
 */
uint64_t
ReadOptionalInteger(const JsonInput& in,
                    const JsonValue& layer,
                    const char* key,
                    const std::string& path,
                    uint64_t min,
                    uint64_t fallback)
{
    auto it = layer.find(key);
    return it == layer.end() ? fallback : ReadSize(in, it.value(), path + "/" + key, min);
}

/**
 * \brief Read an optional boolean.
 * \param in the document
 * \param layer the layer object
 * \param key the field
 * \param path the layer's JSON path
 * \param fallback the value when the field is absent
 * \return the boolean
 */
bool
ReadOptionalBool(const JsonInput& in,
                 const JsonValue& layer,
                 const char* key,
                 const std::string& path,
                 bool fallback)
{
    auto it = layer.find(key);
    return it == layer.end() ? fallback : in.Bool(it.value(), path + "/" + key);
}

/**
 * \brief Read a list of sizes: a shape or a list of axes.
 * \param in the document
 * \param v the array
 * \param at its JSON path
 * \param min least value of each entry (1 for a shape, 0 for axes)
 * \param example an example for the message, e.g. "[197, 768]"
 * \return the list
 */
std::vector<uint64_t>
ReadSizeList(const JsonInput& in,
             const JsonValue& v,
             const std::string& at,
             uint64_t min,
             const std::string& example)
{
    const auto& a = in.Array(v, at);
    if (a.empty() || a.size() > MAX_RANK)
    {
        in.Expected(v, at, "1 to " + std::to_string(MAX_RANK) + " entries, e.g. " + example);
    }
    std::vector<uint64_t> list;
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        list.push_back(ReadSize(in, a[i], at + "/" + std::to_string(i), min));
    }
    return list;
}

/**
 * \brief Read an optional shape.
 * \param in the document
 * \param layer the layer object
 * \param key the field
 * \param path the layer's JSON path
 * \return the shape, empty when the field is absent
 */
TensorShape
ReadOptionalShape(const JsonInput& in,
                  const JsonValue& layer,
                  const char* key,
                  const std::string& path)
{
    auto it = layer.find(key);
    return it == layer.end()
               ? TensorShape()
               : TensorShape(ReadSizeList(in, it.value(), path + "/" + key, 1, "[1, 768]"));
}

/**
 * \brief Build a layer from its JSON object (all but its inputs).
 * \param in the document
 * \param o the layer object
 * \param path its JSON path
 * \return the layer
 */
CnnLayer
ReadLayer(const JsonInput& in, const JsonValue& o, const std::string& path)
{
    const std::string name = in.String(in.Field(o, "name", path), path + "/name");
    const std::string typeName = in.String(in.Field(o, "type", path), path + "/type");
    LayerType type;
    if (!CnnLayer::TypeFromString(typeName, type))
    {
        std::string known;
        for (const auto& n : CnnLayer::GetTypeNames())
        {
            known += (known.empty() ? "" : ", ") + n;
        }
        in.Fail(path + "/type", "unknown layer type '" + typeName + "'; expected one of " + known);
    }
    const std::string what = "a " + typeName + " layer";
    switch (type)
    {
    case LayerType::INPUT: {
        in.OnlyFields(o, path, {"name", "type", "shape"}, what);
        const std::string at = path + "/shape";
        const auto& dims = in.Array(in.Field(o, "shape", path), at);
        if (dims.empty() || dims.size() > 4)
        {
            in.Expected(in.Field(o, "shape", path), at, "1 to 4 dimensions, e.g. [3, 224, 224]");
        }
        return CnnLayer::Input(
            name,
            TensorShape(ReadSizeList(in, in.Field(o, "shape", path), at, 1, "[3, 224, 224]")));
    }
    case LayerType::CONVOLUTION: {
        in.OnlyFields(o,
                      path,
                      {"name",
                       "type",
                       "inputs",
                       "out_channels",
                       "kernel",
                       "stride",
                       "padding",
                       "dilation",
                       "groups",
                       "depthwise",
                       "multiplier",
                       "bias"},
                      what);
        const Extent2d kernel = ReadExtent(in, o, "kernel", path, 1, Extent2d(0));
        if (kernel.height == 0)
        {
            in.Fail(path, "missing field 'kernel'");
        }
        const Extent2d stride = ReadExtent(in, o, "stride", path, 1, Extent2d(1));
        const Extent2d padding = ReadExtent(in, o, "padding", path, 0, Extent2d(0));
        const Extent2d dilation = ReadExtent(in, o, "dilation", path, 1, Extent2d(1));
        const bool bias = ReadOptionalBool(in, o, "bias", path, true);
        if (ReadOptionalBool(in, o, "depthwise", path, false))
        {
            if (o.contains("out_channels") || o.contains("groups"))
            {
                in.Fail(path,
                        "a depthwise conv takes 'multiplier', not 'out_channels' or 'groups'");
            }
            return CnnLayer::DepthwiseConvolution(
                name,
                kernel,
                stride,
                padding,
                ReadOptionalInteger(in, o, "multiplier", path, 1, 1),
                bias);
        }
        if (o.contains("multiplier"))
        {
            in.Fail(path, "'multiplier' needs \"depthwise\": true");
        }
        const uint64_t out =
            ReadSize(in, in.Field(o, "out_channels", path), path + "/out_channels", 1);
        return CnnLayer::Convolution(name,
                                     out,
                                     kernel,
                                     stride,
                                     padding,
                                     ReadOptionalInteger(in, o, "groups", path, 1, 1),
                                     bias,
                                     dilation);
    }
    case LayerType::MAX_POOL:
    case LayerType::AVG_POOL: {
        in.OnlyFields(o,
                      path,
                      {"name", "type", "inputs", "kernel", "stride", "padding", "ceil_mode"},
                      what);
        const Extent2d kernel = ReadExtent(in, o, "kernel", path, 1, Extent2d(0));
        if (kernel.height == 0)
        {
            in.Fail(path, "missing field 'kernel'");
        }
        const Extent2d stride = ReadExtent(in, o, "stride", path, 1, kernel);
        const Extent2d padding = ReadExtent(in, o, "padding", path, 0, Extent2d(0));
        const bool ceil = ReadOptionalBool(in, o, "ceil_mode", path, false);
        return type == LayerType::MAX_POOL ? CnnLayer::MaxPool(name, kernel, stride, padding, ceil)
                                           : CnnLayer::AvgPool(name, kernel, stride, padding, ceil);
    }
    case LayerType::ADAPTIVE_AVG_POOL: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "output_size"}, what);
        in.Field(o, "output_size", path);
        return CnnLayer::AdaptiveAvgPool(name,
                                         ReadExtent(in, o, "output_size", path, 1, Extent2d(1)));
    }
    case LayerType::FULLY_CONNECTED: {
        in.OnlyFields(o,
                      path,
                      {"name", "type", "inputs", "out_features", "bias", "last_axis"},
                      what);
        return CnnLayer::FullyConnected(
            name,
            ReadSize(in, in.Field(o, "out_features", path), path + "/out_features", 1),
            ReadOptionalBool(in, o, "bias", path, true),
            ReadOptionalBool(in, o, "last_axis", path, false));
    }
    case LayerType::ADD:
    case LayerType::MUL: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "parameter", "params"}, what);
        const TensorShape parameter = ReadOptionalShape(in, o, "parameter", path);
        if (o.contains("params") && parameter.GetRank() == 0)
        {
            in.Fail(path, "'params' counts the values behind a 'parameter'; give its shape too");
        }
        const uint64_t count =
            ReadOptionalInteger(in, o, "params", path, 0, CnnLayer::OPERAND_ELEMENTS);
        return type == LayerType::ADD ? CnnLayer::Add(name, parameter, count)
                                      : CnnLayer::Mul(name, parameter, count);
    }
    case LayerType::CONCAT: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "axis", "parameter"}, what);
        return CnnLayer::Concat(name,
                                ReadOptionalInteger(in, o, "axis", path, 0, 0),
                                ReadOptionalShape(in, o, "parameter", path));
    }
    case LayerType::SOFTMAX: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "axis"}, what);
        if (o.contains("axis"))
        {
            return CnnLayer::Softmax(name, ReadOptionalInteger(in, o, "axis", path, 0, 0));
        }
        return CnnLayer::Softmax(name);
    }
    case LayerType::MEAN: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "axes", "keepdim"}, what);
        return CnnLayer::Mean(
            name,
            ReadSizeList(in, in.Field(o, "axes", path), path + "/axes", 0, "[1, 2]"),
            ReadOptionalBool(in, o, "keepdim", path, false));
    }
    case LayerType::PERMUTE: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "axes"}, what);
        return CnnLayer::Permute(
            name,
            ReadSizeList(in, in.Field(o, "axes", path), path + "/axes", 0, "[1, 0]"));
    }
    case LayerType::RESHAPE:
    case LayerType::INDEX: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "shape"}, what);
        const TensorShape shape(
            ReadSizeList(in, in.Field(o, "shape", path), path + "/shape", 1, "[197, 768]"));
        return type == LayerType::RESHAPE ? CnnLayer::Reshape(name, shape)
                                          : CnnLayer::Index(name, shape);
    }
    case LayerType::CHANNEL_SHUFFLE: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "groups"}, what);
        return CnnLayer::ChannelShuffle(
            name,
            ReadSize(in, in.Field(o, "groups", path), path + "/groups", 1));
    }
    case LayerType::GROUP_NORM: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "groups", "affine"}, what);
        return CnnLayer::GroupNorm(name,
                                   ReadSize(in, in.Field(o, "groups", path), path + "/groups", 1),
                                   ReadOptionalBool(in, o, "affine", path, true));
    }
    case LayerType::LAYER_NORM: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "normalized_rank", "affine"}, what);
        return CnnLayer::LayerNorm(name,
                                   ReadOptionalInteger(in, o, "normalized_rank", path, 1, 1),
                                   ReadOptionalBool(in, o, "affine", path, true));
    }
    case LayerType::ACTIVATION: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "function"}, what);
        return CnnLayer::Activation(name,
                                    in.String(in.Field(o, "function", path), path + "/function"));
    }
    case LayerType::LRN: {
        in.OnlyFields(o, path, {"name", "type", "inputs", "size"}, what);
        return CnnLayer::Lrn(name, ReadSize(in, in.Field(o, "size", path), path + "/size", 1));
    }
    case LayerType::GLOBAL_AVG_POOL:
    case LayerType::BATCH_NORM:
    case LayerType::DROPOUT:
    case LayerType::FLATTEN:
    case LayerType::MATMUL:
    case LayerType::STOCHASTIC_DEPTH:
        break;
    }
    in.OnlyFields(o, path, {"name", "type", "inputs"}, what);
    switch (type)
    {
    case LayerType::GLOBAL_AVG_POOL:
        return CnnLayer::GlobalAvgPool(name);
    case LayerType::BATCH_NORM:
        return CnnLayer::BatchNorm(name);
    case LayerType::DROPOUT:
        return CnnLayer::Dropout(name);
    case LayerType::MATMUL:
        return CnnLayer::MatMul(name);
    case LayerType::STOCHASTIC_DEPTH:
        return CnnLayer::StochasticDepth(name);
    default:
        return CnnLayer::Flatten(name);
    }
}

/**
 * \brief A size as JSON: a number when height equals width, else [height, width].
 * \param e the size
 * \return the JSON value
 */
JsonValue
ExtentToJson(Extent2d e)
{
    if (e.height == e.width)
    {
        return e.height;
    }
    return JsonValue::array({e.height, e.width});
}

/**
 * \brief A list of sizes as a JSON array.
 * \param list the sizes
 * \return the JSON value
 */
JsonValue
ListToJson(const std::vector<uint64_t>& list)
{
    JsonValue a = JsonValue::array();
    for (uint64_t v : list)
    {
        a.push_back(v);
    }
    return a;
}

/**
 * \brief Write the learned operand of an add, mul or concat, if it has one.
 * \param layer the layer
 * \param o its JSON object
 */
void
WriteParameter(const CnnLayer& layer, JsonValue& o)
{
    if (layer.GetParameterShape().GetRank() != 0)
    {
        o["parameter"] = ListToJson(layer.GetParameterShape().GetDims());
        if (layer.GetParameterCount() != CnnLayer::OPERAND_ELEMENTS &&
            layer.GetType() != LayerType::CONCAT)
        {
            o["params"] = layer.GetParameterCount();
        }
    }
}

} // namespace

const char*
LayerGraphFormat::GetFormatName()
{
    return "edge-dnn-layer-graph";
}

CnnModel
LayerGraphFormat::ReadFile(const std::string& path)
{
    return Parse(JsonInput::ReadFile(path), path);
}

CnnModel
LayerGraphFormat::Parse(const std::string& text, const std::string& source)
{
    const JsonInput in(text, source);
    const auto& root = in.Object(in.GetRoot(), "");
    in.OnlyFields(root, "", {"format", "version", "name", "layers"}, "a layer graph");
    if (auto it = root.find("format");
        it != root.end() && in.String(it.value(), "/format") != GetFormatName())
    {
        in.Expected(it.value(), "/format", std::string("\"") + GetFormatName() + "\"");
    }
    if (auto it = root.find("version");
        it != root.end() && in.Integer(it.value(), "/version", 1) != 1)
    {
        in.Expected(it.value(), "/version", "1");
    }
    CnnModel model(in.String(in.Field(root, "name", ""), "/name"));
    const auto& layers = in.Array(in.Field(root, "layers", ""), "/layers");
    if (layers.empty())
    {
        in.Fail("/layers", "expected at least an input layer");
    }
    std::vector<CnnModel::LayerId> ids;
    for (std::size_t i = 0; i < layers.size(); ++i)
    {
        const std::string path = "/layers/" + std::to_string(i);
        CnnModel::LayerId existing;
        const CnnLayer layer = ReadLayer(in, in.Object(layers[i], path), path);
        if (model.FindLayer(layer.GetName(), existing))
        {
            in.Fail(path + "/name",
                    "layer name '" + layer.GetName() + "' is already used by /layers/" +
                        std::to_string(existing));
        }
        ids.push_back(model.AddLayer(layer));
    }
    for (std::size_t i = 0; i < layers.size(); ++i)
    {
        const std::string path = "/layers/" + std::to_string(i);
        const auto& o = layers[i];
        const bool isInput = model.GetLayer(ids[i]).GetType() == LayerType::INPUT;
        auto it = o.find("inputs");
        if (it == o.end())
        {
            if (!isInput)
            {
                in.Fail(path, "missing field 'inputs' (the names of the layers it consumes)");
            }
            continue;
        }
        const auto& inputs = in.Array(it.value(), path + "/inputs");
        for (std::size_t j = 0; j < inputs.size(); ++j)
        {
            const std::string at = path + "/inputs/" + std::to_string(j);
            const std::string name = in.String(inputs[j], at);
            CnnModel::LayerId from;
            if (!model.FindLayer(name, from))
            {
                in.Fail(at, "unknown layer '" + name + "'; inputs name layers of this file");
            }
            model.Connect(from, ids[i]);
        }
    }
    try
    {
        model.Finalize();
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(source + ": " + e.what());
    }
    return model;
}

std::string
LayerGraphFormat::Write(const CnnModel& model)
{
    std::ostringstream os;
    os << "{\n \"format\": \"" << GetFormatName()
       << "\",\n \"version\": 1,\n \"name\": " << WriteJsonText(model.GetName())
       << ",\n \"layers\": [";
    const auto& order = model.GetOrder();
    for (std::size_t pos = 0; pos < order.size(); ++pos)
    {
        const CnnLayer& layer = model.GetLayer(order[pos]);
        JsonValue o = JsonValue::object();
        o["name"] = layer.GetName();
        o["type"] = CnnLayer::TypeToString(layer.GetType());
        if (layer.GetType() != LayerType::INPUT)
        {
            JsonValue inputs = JsonValue::array();
            for (auto id : model.GetInputs(order[pos]))
            {
                inputs.push_back(model.GetLayer(id).GetName());
            }
            o["inputs"] = std::move(inputs);
        }
        switch (layer.GetType())
        {
        case LayerType::INPUT:
            o["shape"] = ListToJson(layer.GetInputShape().GetDims());
            break;
        case LayerType::CONVOLUTION:
            if (layer.IsDepthwise())
            {
                o["depthwise"] = true;
                o["multiplier"] = layer.GetDepthMultiplier();
            }
            else
            {
                o["out_channels"] = layer.GetOutChannels();
                o["groups"] = layer.GetGroups();
            }
            o["kernel"] = ExtentToJson(layer.GetKernel());
            o["stride"] = ExtentToJson(layer.GetStride());
            o["padding"] = ExtentToJson(layer.GetPadding());
            o["dilation"] = ExtentToJson(layer.GetDilation());
            o["bias"] = layer.HasBias();
            break;
        case LayerType::MAX_POOL:
        case LayerType::AVG_POOL:
            o["kernel"] = ExtentToJson(layer.GetKernel());
            o["stride"] = ExtentToJson(layer.GetStride());
            o["padding"] = ExtentToJson(layer.GetPadding());
            o["ceil_mode"] = layer.IsCeilMode();
            break;
        case LayerType::ADAPTIVE_AVG_POOL:
            o["output_size"] = ExtentToJson(layer.GetOutputSize());
            break;
        case LayerType::FULLY_CONNECTED:
            o["out_features"] = layer.GetOutFeatures();
            o["bias"] = layer.HasBias();
            if (layer.IsOverLastAxis())
            {
                o["last_axis"] = true;
            }
            break;
        case LayerType::ADD:
        case LayerType::MUL:
            WriteParameter(layer, o);
            break;
        case LayerType::CONCAT:
            if (layer.GetAxis() != 0)
            {
                o["axis"] = layer.GetAxis();
            }
            WriteParameter(layer, o);
            break;
        case LayerType::SOFTMAX:
            if (layer.HasAxis())
            {
                o["axis"] = layer.GetAxis();
            }
            break;
        case LayerType::MEAN:
            o["axes"] = ListToJson(layer.GetAxes());
            o["keepdim"] = layer.IsKeepDim();
            break;
        case LayerType::PERMUTE:
            o["axes"] = ListToJson(layer.GetAxes());
            break;
        case LayerType::RESHAPE:
        case LayerType::INDEX:
            o["shape"] = ListToJson(layer.GetTargetShape().GetDims());
            break;
        case LayerType::CHANNEL_SHUFFLE:
            o["groups"] = layer.GetGroups();
            break;
        case LayerType::GROUP_NORM:
            o["groups"] = layer.GetGroups();
            o["affine"] = layer.IsAffine();
            break;
        case LayerType::LAYER_NORM:
            o["normalized_rank"] = layer.GetNormalizedRank();
            o["affine"] = layer.IsAffine();
            break;
        case LayerType::ACTIVATION:
            o["function"] = layer.GetFunction();
            break;
        case LayerType::LRN:
            o["size"] = layer.GetLrnSize();
            break;
        default:
            break;
        }
        os << (pos == 0 ? "\n  " : ",\n  ") << WriteJsonText(o);
    }
    os << "\n ]\n}\n";
    return os.str();
}

void
LayerGraphFormat::WriteFile(const CnnModel& model, const std::string& path)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << Write(model);
    out.close();
    if (!out)
    {
        throw EdgeDnnError(path + ": cannot write the layer graph");
    }
}

} // namespace edgednn
} // namespace ns3
