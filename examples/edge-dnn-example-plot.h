/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_EXAMPLE_PLOT_H
#define EDGE_DNN_EXAMPLE_PLOT_H

// Shared by the example programs that plot: write an ns-3 Gnuplot script and render it to PNG.

#include "ns3/edge-dnn-error.h"
#include "ns3/gnuplot.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace ns3
{
namespace edgednn
{
namespace edgednnexample
{

/**
 * \brief Write a Gnuplot script and, when gnuplot is installed, run it to make the PNG.
 * \param plot the plot
 * \param dir output folder
 * \param base file name without extension
 * \return true if the PNG was made
 * \throws EdgeDnnError if the script cannot be written or gnuplot fails on it, with gnuplot's
 * messages (which a successful run does not print)
 */
inline bool
RenderPlot(Gnuplot& plot, const std::string& dir, const std::string& base)
{
    plot.SetOutputFilename(base + ".png");
    plot.SetTerminal("pngcairo size 1000,650 noenhanced");
    const std::string script = dir + "/" + base + ".plt";
    {
        std::ofstream out(script);
        plot.GenerateOutput(out);
        if (!out)
        {
            throw EdgeDnnError(script + ": cannot write the gnuplot script");
        }
    }
    if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    {
        std::cerr << "gnuplot is not installed (Debian: gnuplot-nox): wrote " << script
                  << " only\n";
        return false;
    }
    // gnuplot's messages (warnings such as "empty x range" too) are kept, not shown: a failure
    // shows them; a success, where they only distract from the program's output, does not.
    const std::string command = "cd '" + dir + "' && gnuplot '" + base + ".plt' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr)
    {
        throw EdgeDnnError("cannot run gnuplot on " + script);
    }
    std::string messages;
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    {
        messages.append(buffer.data(), n);
    }
    if (pclose(pipe) != 0)
    {
        throw EdgeDnnError("gnuplot failed on " + script +
                           (messages.empty() ? std::string() : ":\n" + messages));
    }
    return true;
}

} // namespace edgednnexample
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_EXAMPLE_PLOT_H */
