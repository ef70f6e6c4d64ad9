/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-model: lists the model zoo and prints a network's split points.
 *
 *     edge-dnn-model --list
 *     edge-dnn-model --model=resnet18 [--format=table|json|csv|layers] [--single-tensor-cuts]
 *     edge-dnn-model --file=my-net.json --feature-bytes-per-element=2
 *     edge-dnn-model --model=vgg16 --export=vgg16.json
 *     edge-dnn-model --profile=resnet18-profile.json [--format=table|json|csv]
 *
 * The JSON output is a split profile (SplitProfileFormat) with the model's input shape, parameters
 * and MACs; --profile reads it back (or a CSV profile, or one measured on hardware) and prints it.
 *
 * --format=layers prints every layer instead of the split points, as CSV in topological order:
 * index, name, type, output shape, MACs and parameters (to sum a network's figures by layer type).
 *
 * --export writes the network as a JSON layer graph and prints one line saying what it wrote where
 * (on standard error, so standard output holds only what --format asks for); the split points are
 * printed too only when --format is given. A file of another edge-dnn format given to --file (a
 * split profile, a scheduling problem, an assignment) is named as such, with the option that takes
 * it.
 */

#include "edge-dnn-example-options.h"

#include "ns3/cnn-model-zoo.h"
#include "ns3/command-line.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-layer-graph-format.h"
#include "ns3/edge-dnn-scheduling-problem-format.h"
#include "ns3/edge-dnn-split-profile-format.h"
#include "ns3/edge-dnn-split-profile.h"

#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/**
 * \brief Print every layer of a network as CSV, in topological order: index, name, type, output
 * shape, MACs and parameters.
 * \param network a finalised network
 */
void
PrintLayers(const CnnModel& network)
{
    std::cout << "index,name,type,output,macs,params\n";
    const auto& order = network.GetOrder();
    for (std::size_t pos = 0; pos < order.size(); ++pos)
    {
        const CnnLayer& layer = network.GetLayer(order[pos]);
        std::string name = layer.GetName();
        if (name.find_first_of(",\"\n") != std::string::npos)
        {
            // RFC 4180: a field holding a comma, a quote or a line break is quoted.
            std::string quoted = "\"";
            for (char c : name)
            {
                quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
            }
            name = quoted + "\"";
        }
        std::cout << pos << "," << name << "," << CnnLayer::TypeToString(layer.GetType()) << ","
                  << layer.GetOutputShape() << "," << layer.GetMacs() << "," << layer.GetParams()
                  << "\n";
    }
}

/**
 * \brief Print split points as an aligned table.
 * \param profile the profile
 */
void
PrintTable(const SplitProfile& profile)
{
    const bool seconds = profile.GetCostUnit() == SplitCostUnit::SECONDS;
    if (seconds)
    {
        std::cout << "model " << profile.GetModelName() << ", measured on "
                  << profile.GetEdgeDevice() << " (edge) and " << profile.GetCloudDevice()
                  << " (cloud)\n";
    }
    else if (profile.GetTotalParams() == 0)
    {
        // A profile read from a file: its input shape and parameters are not kept.
        std::cout << "model " << profile.GetModelName() << ", input " << profile.GetInputBytes()
                  << " B, " << profile.GetTotalMacs() << " MACs\n";
    }
    else
    {
        std::cout << "model " << profile.GetModelName() << ", input " << profile.GetInputShape()
                  << " (" << profile.GetInputBytes() << " B), " << profile.GetTotalParams()
                  << " parameters, " << profile.GetTotalMacs() << " MACs ("
                  << 2 * profile.GetTotalMacs() << " FLOPs = 2 x MACs)\n";
    }
    std::cout << std::left << std::setw(6) << "k" << std::setw(40) << "last edge layer"
              << std::right << std::setw(14) << (seconds ? "edge ms" : "edge MMAC") << std::setw(14)
              << (seconds ? "cloud ms" : "cloud MMAC") << std::setw(12) << "bytes" << std::setw(10)
              << "r_k" << std::setw(12) << "l_k MAC/B" << std::setw(8) << "tensors"
              << "\n";
    for (const SplitPoint& p : profile.GetSplitPoints())
    {
        std::cout << std::left << std::setw(6) << p.index << std::setw(40) << p.name << std::right
                  << std::fixed << std::setprecision(2) << std::setw(14)
                  << (seconds ? p.edgeSeconds * 1e3 : p.edgeMacs / 1e6) << std::setw(14)
                  << (seconds ? p.cloudSeconds * 1e3 : p.cloudMacs / 1e6) << std::setw(12)
                  << p.bytes << std::setprecision(4) << std::setw(10) << p.dataRatio
                  << std::setprecision(1) << std::setw(12) << p.edgeMacsPerInputByte << std::setw(8)
                  << p.crossingTensors.size() << std::defaultfloat << "\n";
    }
}

/**
 * \brief Read a layer graph for --file; a file of another of edge-dnn's formats is named as such,
 * with the option that takes it, rather than reported field by field as a bad layer graph.
 * \param path the file
 * \return the network
 * \throws EdgeDnnError if the file is not a valid layer graph
 */
CnnModel
ReadLayerGraph(const std::string& path)
{
    try
    {
        return LayerGraphFormat::ReadFile(path);
    }
    catch (const EdgeDnnError& e)
    {
        // Only a file that reads as the other format is named as such: a broken layer graph keeps
        // the layer graph reader's message.
        std::string what;
        try
        {
            SplitProfileFormat::ReadFile(path);
            what = "a split profile (edge-dnn-model --format=json or csv writes them), not a layer "
                   "graph: give it to --profile=" +
                   path;
        }
        catch (const EdgeDnnError&)
        {
        }
        if (what.empty())
        {
            try
            {
                SchedulingProblemFormat::ReadFile(path);
                what = "a scheduling problem, not a layer graph: give it to edge-dnn-schedule "
                       "--problem=" +
                       path;
            }
            catch (const EdgeDnnError&)
            {
            }
        }
        if (what.empty())
        {
            // An assignment has no reader: its two first members tell it.
            std::ifstream in(path);
            std::ostringstream text;
            text << in.rdbuf();
            if (text.str().find("\"algorithm\"") != std::string::npos &&
                text.str().find("\"assignments\"") != std::string::npos)
            {
                what = "an assignment (what edge-dnn-schedule --output writes), not a layer graph";
            }
        }
        if (what.empty())
        {
            throw;
        }
        throw EdgeDnnError(path + " is " + what);
    }
}

/**
 * Largest compression factor of features: learned feature codecs report up to about 100 times;
 * beyond, the cuts' byte counts round down to a few bytes or none (1e308 gave cuts of 0 B).
 */
constexpr double MAX_COMPRESSION = 100;

} // namespace

int
main(int argc, char* argv[])
{
    bool list = false;
    std::string model;
    std::string file;
    std::string format; // "": table, or nothing with --export
    std::string profilePath;
    std::string exportPath;
    // Numbers as text, checked once parsed (edge-dnn-example-options.h).
    std::string inputBytesText = "1";
    std::string featureBytesText = "4";
    std::string compressionText = "1";
    bool singleTensorCuts = false;

    CommandLine cmd(__FILE__);
    cmd.Usage(
        "Lists edge-dnn's model zoo and prints the split points of a network: edge and cloud MACs, "
        "and the bytes crossing each cut.");
    cmd.AddValue("list", "Print the zoo's networks and exit", list);
    cmd.AddValue("model", "A zoo network (see --list)", model);
    cmd.AddValue("file", "A network in edge-dnn's JSON layer-graph format", file);
    cmd.AddValue("profile",
                 "A split profile (CSV or JSON, e.g. what --format=json writes) to print",
                 profilePath);
    cmd.AddValue("format",
                 "Output: table, json or csv of the split points, or layers: a CSV of every layer "
                 "(default table; with --export nothing unless given)",
                 format);
    cmd.AddValue("export",
                 "Write the network as a JSON layer graph to this file and say so in one line",
                 exportPath);
    const std::string bytesRange =
        example::RangeText(example::MIN_BYTES_PER_ELEMENT, example::MAX_BYTES_PER_ELEMENT, "B");
    cmd.AddValue("input-bytes-per-element",
                 "Bytes per element of the raw input, " + bytesRange,
                 inputBytesText);
    cmd.AddValue("feature-bytes-per-element",
                 "Bytes per element of intermediate features, " + bytesRange +
                     ": 4 float32, 2 float16, 1 int8",
                 featureBytesText);
    cmd.AddValue("feature-compression",
                 "Compression factor of features, " + example::RangeText(1, MAX_COMPRESSION),
                 compressionText);
    cmd.AddValue("single-tensor-cuts",
                 "Keep only the cuts that one tensor crosses",
                 singleTensorCuts);
    cmd.Parse(argc, argv);

    try
    {
        if (list)
        {
            std::size_t width = 0;
            for (const auto& name : CnnModelZoo::GetNames())
            {
                width = std::max(width, name.size());
            }
            for (const auto& name : CnnModelZoo::GetNames())
            {
                std::cout << std::left << std::setw(static_cast<int>(width + 2)) << name
                          << CnnModelZoo::GetDescription(name) << "\n";
            }
            return 0;
        }
        const double inputBytesPerElement = example::ParseNumber("input-bytes-per-element",
                                                                 inputBytesText,
                                                                 example::MIN_BYTES_PER_ELEMENT,
                                                                 example::MAX_BYTES_PER_ELEMENT,
                                                                 "B");
        const double featureBytesPerElement = example::ParseNumber("feature-bytes-per-element",
                                                                   featureBytesText,
                                                                   example::MIN_BYTES_PER_ELEMENT,
                                                                   example::MAX_BYTES_PER_ELEMENT,
                                                                   "B");
        const double featureCompression =
            example::ParseNumber("feature-compression", compressionText, 1, MAX_COMPRESSION, "");
        if (model.empty() + file.empty() + profilePath.empty() != 2)
        {
            throw EdgeDnnError("give exactly one of --model=NAME (see --list), --file=PATH (a "
                               "layer graph) or --profile=PATH (a split profile)");
        }
        if (!format.empty() && format != "table" && format != "json" && format != "csv" &&
            format != "layers")
        {
            throw EdgeDnnError("--format=" + format + ": expected table, json, csv or layers");
        }
        if (format == "layers" && !profilePath.empty())
        {
            throw EdgeDnnError("--format=layers prints a network's layers, which a split profile "
                               "(--profile) does not hold: use --model or --file");
        }
        if (!profilePath.empty() && !exportPath.empty())
        {
            throw EdgeDnnError("--export writes a network's layer graph, which a split profile "
                               "(--profile) does not hold: use --model or --file");
        }
        std::optional<SplitProfile> read;
        if (!profilePath.empty())
        {
            read = SplitProfileFormat::ReadFile(profilePath);
        }
        else
        {
            const CnnModel network =
                file.empty() ? CnnModelZoo::Create(model) : ReadLayerGraph(file);
            if (!exportPath.empty())
            {
                LayerGraphFormat::WriteFile(network, exportPath);
                std::cerr << "edge-dnn-model: wrote " << network.GetName() << " ("
                          << network.GetLayerCount() << " layers) as a JSON layer graph to "
                          << exportPath << std::endl;
                if (format.empty())
                {
                    return 0;
                }
            }
            if (format == "layers")
            {
                PrintLayers(network);
                return 0;
            }
            const TensorEncoding encoding(inputBytesPerElement,
                                          featureBytesPerElement,
                                          featureCompression);
            read = SplitProfile::FromModel(network, encoding, singleTensorCuts);
        }
        const SplitProfile& profile = *read;
        if (format == "json")
        {
            std::cout << SplitProfileFormat::WriteJson(profile);
        }
        else if (format == "csv")
        {
            std::cout << SplitProfileFormat::WriteCsv(profile);
        }
        else
        {
            PrintTable(profile);
        }
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-model: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
