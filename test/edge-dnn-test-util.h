/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TEST_UTIL_H
#define EDGE_DNN_TEST_UTIL_H

// Small helpers shared by the GoogleTest files.

#include "ns3/edge-dnn-error.h"

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace ns3
{
namespace edgednn
{
namespace testutil
{

/**
 * \brief The message of the EdgeDnnError a callable throws ("" if none).
 * \param f the callable
 * \return the message
 */
template <typename F>
std::string
ErrorOf(F f)
{
    try
    {
        f();
    }
    catch (const EdgeDnnError& e)
    {
        return e.what();
    }
    return "";
}

/// Output and exit status of a program.
struct ProgramRun
{
    std::string output; //!< standard output and error
    int status;         //!< exit status
};

#ifdef EDGE_DNN_BIN_DIR
/**
 * \brief Run a program of the build.
 * \param program its name in the build's bin directory
 * \param args its arguments
 * \return what it printed and its exit status
 */
inline ProgramRun
RunProgram(const std::string& program, const std::string& args)
{
    const std::string command =
        std::string(EDGE_DNN_BIN_DIR) + "/" + program + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    ProgramRun run{"", -1};
    if (pipe == nullptr)
    {
        return run;
    }
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    {
        run.output.append(buffer.data(), n);
    }
    const int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}
#endif

} // namespace testutil
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TEST_UTIL_H */
