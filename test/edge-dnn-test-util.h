/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TEST_UTIL_H
#define EDGE_DNN_TEST_UTIL_H

// Small helpers shared by the GoogleTest files.

#include "ns3/edge-dnn-error.h"
#include "ns3/event-impl.h"
#include "ns3/map-scheduler.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/simulator.h"

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

/**
 * \brief ns-3's default scheduler, remembering the event the simulator took last to run.
 *
 * DefaultSimulatorImpl::ProcessOneEvent releases an event (Unref) only after it returned: when an
 * EdgeDnnError unwinds out of the event and Simulator::Run, the event is out of the queue and
 * referenced still, so Simulator::Destroy cannot release it and it leaks. RunErrorOf releases it.
 */
class RunningEventScheduler : public MapScheduler
{
  public:
    /**
     * \brief The type, for an ObjectFactory (not registered by name: the tests create it
     * through its TypeId only).
     * \return the TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::edgednn::testutil::RunningEventScheduler")
                                .SetParent<MapScheduler>()
                                .SetGroupName("EdgeDnn")
                                .AddConstructor<RunningEventScheduler>();
        return tid;
    }

    /**
     * \brief Take the next event to run, and remember it.
     * \return the event
     */
    Scheduler::Event RemoveNext() override
    {
        Scheduler::Event next = MapScheduler::RemoveNext();
        Running() = next.impl;
        return next;
    }

    /**
     * \brief The event taken last (null before the first).
     * \return where it is kept
     */
    static EventImpl*& Running()
    {
        static EventImpl* running = nullptr;
        return running;
    }
};

/**
 * \brief Run the simulation until a time and return the message of the EdgeDnnError it throws
 * ("" if none), keeping the simulator (its clock and pending events) for what the test checks
 * next. When the error unwound out of an event, that event is released (see
 * RunningEventScheduler), so Simulator::Destroy, which the caller must still call, leaks nothing.
 * \param stop when the simulation stops
 * \return the message
 */
inline std::string
RunUntilErrorOf(Time stop)
{
    ObjectFactory factory;
    factory.SetTypeId(RunningEventScheduler::GetTypeId());
    Simulator::SetScheduler(factory);
    RunningEventScheduler::Running() = nullptr;
    std::string message;
    Simulator::Stop(stop);
    try
    {
        Simulator::Run();
    }
    catch (const EdgeDnnError& e)
    {
        message = e.what();
        if (RunningEventScheduler::Running() != nullptr)
        {
            RunningEventScheduler::Running()->Unref(); // what ProcessOneEvent did not do
        }
    }
    RunningEventScheduler::Running() = nullptr;
    return message;
}

/**
 * \brief Run the simulation until a time and return the message of the EdgeDnnError it throws
 * ("" if none). Either way the simulator is destroyed, and nothing leaks (RunUntilErrorOf).
 * \param stop when the simulation stops
 * \return the message
 */
inline std::string
RunErrorOf(Time stop)
{
    const std::string message = RunUntilErrorOf(stop);
    Simulator::Destroy();
    return message;
}

/// Output and exit status of a program.
struct ProgramRun
{
    std::string output; //!< standard output and error
    int status;         //!< exit status
};

/**
 * \brief Run a shell command line.
 * \param command the command line (its standard error is captured with its output)
 * \return what it printed and its exit status (-1 if it did not exit normally)
 */
inline ProgramRun
RunCommand(const std::string& command)
{
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
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
    return RunCommand(std::string(EDGE_DNN_BIN_DIR) + "/" + program + " " + args);
}
#endif

} // namespace testutil
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TEST_UTIL_H */
