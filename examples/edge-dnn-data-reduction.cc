/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * edge-dnn-data-reduction: the paper's Figure 3 ("Reduced data and operations in deep learning
 * networks") for sixteen CNNs of the zoo. For every split point of every network it writes the data
 * crossing the cut relative to the raw input (r_k) and the cumulative share of operations done at
 * the edge, as CSV, and plots both against the relative depth of the cut with ns-3's Gnuplot class
 * (PNG when gnuplot is installed).
 *
 *     edge-dnn-data-reduction [--outputDir=results] [--models=alexnet,vgg16]
 * [--feature-bytes-per-element=4]
 */

#include "edge-dnn-example-options.h"
#include "edge-dnn-example-plot.h"

#include "ns3/cnn-model-zoo.h"
#include "ns3/command-line.h"
#include "ns3/edge-dnn-error.h"
#include "ns3/edge-dnn-split-profile.h"
#include "ns3/gnuplot.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <sys/stat.h>

using namespace ns3;
using namespace ns3::edgednn;

namespace
{

/**
 * \brief Split a comma-separated list.
 * \param text the list
 * \return its items
 */
std::vector<std::string>
SplitList(const std::string& text)
{
    std::vector<std::string> items;
    std::istringstream is(text);
    std::string item;
    while (std::getline(is, item, ','))
    {
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string outputDir = "results";
    std::string models = "alexnet,vgg16,vgg19,googlenet,inception-v3,resnet18,resnet50,resnet152,"
                         "squeezenet1.1,mobilenet-v2,mobilenet-v3-large,mobilenet-v3-small,"
                         "efficientnet-b0,shufflenet-v2-1.0,regnet-y-400mf,vit-b-16";
    // A number as text, checked once parsed (edge-dnn-example-options.h).
    std::string featureBytesText = "4";
    bool allCuts = false;

    CommandLine cmd(__FILE__);
    cmd.Usage("The paper's Figure 3: data crossing each cut relative to the input, and cumulative "
              "operations, "
              "by layer, for sixteen CNNs of the zoo. Writes data-reduction.csv and PNG plots.");
    cmd.AddValue("outputDir", "Folder for the CSV and the plots", outputDir);
    cmd.AddValue("models", "Comma-separated zoo networks", models);
    cmd.AddValue(
        "feature-bytes-per-element",
        "Bytes per element of intermediate features, " +
            example::RangeText(example::MIN_BYTES_PER_ELEMENT, example::MAX_BYTES_PER_ELEMENT, "B"),
        featureBytesText);
    cmd.AddValue(
        "all-cuts",
        "Plot every cut, also those inside residual or inception blocks (default: only the cuts "
        "one tensor crosses, layer by layer as the paper's figure)",
        allCuts);
    cmd.Parse(argc, argv);

    try
    {
        const double featureBytesPerElement = example::ParseNumber("feature-bytes-per-element",
                                                                   featureBytesText,
                                                                   example::MIN_BYTES_PER_ELEMENT,
                                                                   example::MAX_BYTES_PER_ELEMENT,
                                                                   "B");
        ::mkdir(outputDir.c_str(), 0755);
        const std::string csvPath = outputDir + "/data-reduction.csv";
        std::ofstream csv(csvPath);
        if (!csv)
        {
            throw EdgeDnnError("--outputDir=" + outputDir + ": cannot create " + csvPath);
        }
        csv << "model,index,layer,relative_depth,bytes,data_ratio,edge_macs,cumulative_macs_"
               "ratio\n";

        Gnuplot data("data-reduction.png",
                     "Data crossing each cut, relative to the raw input (r_k)");
        data.SetLegend("relative depth of the cut (split index / last index)",
                       "bytes crossing / input bytes");
        data.AppendExtra("set logscale y\nset key outside right\nset grid");
        Gnuplot ops("cumulative-macs.png", "Operations done at the edge, cumulative");
        ops.SetLegend("relative depth of the cut (split index / last index)",
                      "edge MACs / total MACs");
        ops.AppendExtra("set key outside right\nset grid\nset yrange [0:1]");

        const TensorEncoding encoding(1.0, featureBytesPerElement);
        std::size_t nameWidth = std::string("model").size();
        for (const auto& name : SplitList(models))
        {
            nameWidth = std::max(nameWidth, name.size());
        }
        const int firstColumn = static_cast<int>(nameWidth + 2);
        std::cout << std::left << std::setw(firstColumn) << "model" << std::right << std::setw(8)
                  << "cuts" << std::setw(14) << "input B" << std::setw(12) << "min r_k"
                  << std::setw(14) << "GMAC"
                  << "\n";
        int plotted = 0;
        for (const auto& name : SplitList(models))
        {
            const SplitProfile profile =
                SplitProfile::FromModel(CnnModelZoo::Create(name), encoding, !allCuts);
            Gnuplot2dDataset dataSet(name);
            Gnuplot2dDataset opsSet(name);
            dataSet.SetStyle(Gnuplot2dDataset::LINES);
            opsSet.SetStyle(Gnuplot2dDataset::LINES);
            // gnuplot cycles through 8 colours: change the dash type for the next 8.
            const std::string line = "lw 2 dt " + std::to_string(1 + plotted++ / 8);
            dataSet.SetExtra(line);
            opsSet.SetExtra(line);
            const double last = profile.GetLastIndex();
            const double total = static_cast<double>(profile.GetTotalMacs());
            double minRatio = 1e300;
            for (const SplitPoint& p : profile.GetSplitPoints())
            {
                const double depth = p.index / last;
                const double macsRatio = p.edgeMacs / total;
                csv << name << "," << p.index << "," << p.name << "," << depth << "," << p.bytes
                    << "," << p.dataRatio << "," << p.edgeMacs << "," << macsRatio << "\n";
                dataSet.Add(depth, p.dataRatio);
                opsSet.Add(depth, macsRatio);
                minRatio = std::min(minRatio, p.dataRatio);
            }
            data.AddDataset(dataSet);
            ops.AddDataset(opsSet);
            std::cout << std::left << std::setw(firstColumn) << name << std::right << std::setw(8)
                      << profile.GetSplitPointCount() << std::setw(14) << profile.GetInputBytes()
                      << std::setw(12) << std::setprecision(4) << minRatio << std::setw(14)
                      << std::fixed << std::setprecision(3) << total / 1e9 << std::defaultfloat
                      << "\n";
        }
        csv.close();
        if (!csv)
        {
            throw EdgeDnnError(csvPath + ": write failed");
        }
        std::cout << "wrote " << csvPath << "\n";
        if (edgednnexample::RenderPlot(data, outputDir, "data-reduction") &&
            edgednnexample::RenderPlot(ops, outputDir, "cumulative-macs"))
        {
            std::cout << "wrote " << outputDir << "/data-reduction.png and " << outputDir
                      << "/cumulative-macs.png\n";
        }
    }
    catch (const EdgeDnnError& e)
    {
        std::cerr << "edge-dnn-data-reduction: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
