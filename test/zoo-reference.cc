/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "zoo-reference.h"

#include "ns3/edge-dnn-error.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace ns3
{
namespace edgednn
{
namespace testutil
{

std::string
TorchvisionReferencePath()
{
    return std::string(NS_TEST_SOURCEDIR) + "/data/torchvision-reference.json";
}

std::vector<ReferenceModel>
LoadTorchvisionReference(std::string& source)
{
    std::ifstream in(TorchvisionReferencePath());
    if (!in)
    {
        throw EdgeDnnError(TorchvisionReferencePath() + ": cannot open the reference figures");
    }
    std::stringstream text;
    text << in.rdbuf();
    const auto root = nlohmann::ordered_json::parse(text.str());
    source = root.at("source").get<std::string>();
    std::vector<ReferenceModel> models;
    for (const auto& [name, value] : root.at("models").items())
    {
        ReferenceModel m;
        m.model = std::string(name);
        m.input = value.at("input").get<std::vector<uint64_t>>();
        m.params = value.at("params").get<uint64_t>();
        m.publishedNumParams = value.at("published_num_params").get<uint64_t>();
        m.macs = value.at("macs").get<uint64_t>();
        m.matmulMacs = value.at("matmul_macs").get<uint64_t>();
        for (const auto& l : value.at("layers"))
        {
            const std::string type = l.at("type").get<std::string>();
            if (type != "Conv2d" && type != "Linear")
            {
                continue;
            }
            ReferenceLayer layer;
            layer.name = l.at("name").get<std::string>();
            layer.type = type;
            layer.output = l.at("output").get<std::vector<uint64_t>>();
            layer.macs = l.at("macs").get<uint64_t>();
            layer.params = l.at("params").get<uint64_t>();
            m.layers.push_back(layer);
        }
        models.push_back(m);
    }
    return models;
}

std::vector<PublishedFigure>
GetPublishedFigures()
{
    return {
        {"alexnet-caffe",
         60965224,
         0,
         724406816,
         0,
         "BVLC Caffe models/bvlc_alexnet/deploy.prototxt (shared/reference/cnn-published.md)"},
        // "4.2 Million" parameters and "569 Million" mult-adds, rounded as printed.
        {"mobilenet-v1",
         4200000,
         50000,
         569000000,
         500000,
         "MobileNet paper (Howard et al. 2017), Table 6, 1.0 MobileNet-224"},
    };
}

std::vector<std::string>
CompareWithReference(const CnnModel& model, const ReferenceModel& reference)
{
    std::vector<std::string> diffs;
    auto check = [&diffs](const std::string& what, uint64_t got, uint64_t expected) {
        if (got != expected)
        {
            diffs.push_back(what + ": edge-dnn " + std::to_string(got) + ", reference " +
                            std::to_string(expected));
        }
    };
    if (model.GetInputShape() != TensorShape(reference.input))
    {
        diffs.push_back("input shape " + model.GetInputShape().ToString() +
                        " differs from the reference " + TensorShape(reference.input).ToString());
    }
    check("parameters", model.GetTotalParams(), reference.params);
    std::vector<const CnnLayer*> layers;
    uint64_t convLinearMacs = 0;
    uint64_t matmulMacs = 0;
    for (auto id : model.GetOrder())
    {
        const CnnLayer& layer = model.GetLayer(id);
        if (layer.GetType() == LayerType::CONVOLUTION ||
            layer.GetType() == LayerType::FULLY_CONNECTED)
        {
            layers.push_back(&layer);
            convLinearMacs += layer.GetMacs();
        }
        else if (layer.GetType() == LayerType::MATMUL)
        {
            matmulMacs += layer.GetMacs();
        }
    }
    check("conv and linear MACs", convLinearMacs, reference.macs);
    check("matrix product MACs", matmulMacs, reference.matmulMacs);
    check("MACs", model.GetTotalMacs(), reference.macs + reference.matmulMacs);
    check("conv and linear layers", layers.size(), reference.layers.size());
    for (std::size_t i = 0; i < std::min(layers.size(), reference.layers.size()); ++i)
    {
        const CnnLayer& ours = *layers[i];
        const ReferenceLayer& ref = reference.layers[i];
        const std::string at = "layer " + std::to_string(i) + " (" + ours.GetName() +
                               " vs torchvision " + ref.name + ")";
        const bool conv = ours.GetType() == LayerType::CONVOLUTION;
        if (conv != (ref.type == "Conv2d"))
        {
            diffs.push_back(at + ": kind differs");
        }
        if (ours.GetOutputShape() != TensorShape(ref.output))
        {
            diffs.push_back(at + ": output " + ours.GetOutputShape().ToString() + " vs " +
                            TensorShape(ref.output).ToString());
        }
        check(at + " MACs", ours.GetMacs(), ref.macs);
        check(at + " parameters", ours.GetParams(), ref.params);
    }
    return diffs;
}

CnnModel
BuildResidualBlock()
{
    CnnModel m("residual-block");
    const auto in = m.AddLayer(CnnLayer::Input("input", TensorShape{8, 16, 16}));
    const auto a = m.AddLayer(CnnLayer::Convolution("a", 8, 3, 1, 1), {in});
    const auto b = m.AddLayer(CnnLayer::Activation("b"), {a});
    const auto c = m.AddLayer(CnnLayer::Convolution("c", 8, 3, 1, 1), {b});
    const auto d = m.AddLayer(CnnLayer::Add("d"), {c, in});
    m.AddLayer(CnnLayer::Activation("e"), {d});
    m.Finalize();
    return m;
}

CnnModel
BuildInceptionModule()
{
    CnnModel m("inception-module");
    const auto in = m.AddLayer(CnnLayer::Input("input", TensorShape{16, 8, 8}));
    const auto b1 = m.AddLayer(CnnLayer::Convolution("b1", 4, 1), {in});
    const auto b2a = m.AddLayer(CnnLayer::Convolution("b2a", 4, 1), {in});
    const auto b2b = m.AddLayer(CnnLayer::Convolution("b2b", 8, 3, 1, 1), {b2a});
    const auto b3a = m.AddLayer(CnnLayer::Convolution("b3a", 2, 1), {in});
    const auto b3b = m.AddLayer(CnnLayer::Convolution("b3b", 4, 3, 1, 1), {b3a});
    const auto b4a = m.AddLayer(CnnLayer::MaxPool("b4a", 3, 1, 1), {in});
    const auto b4b = m.AddLayer(CnnLayer::Convolution("b4b", 4, 1), {b4a});
    m.AddLayer(CnnLayer::Concat("cat"), {b1, b2b, b3b, b4b});
    m.Finalize();
    return m;
}

} // namespace testutil
} // namespace edgednn
} // namespace ns3
