/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The examples of test/examples-to-run.py in their short runs, in ns-3's native suite: each runs
// in a temporary directory and must end with status 0 and print something. In-tree (test.py) the
// program is the one ns-3's list of built programs names; standalone, the build's bin folder's.

#include "edge-dnn-test-util.h"
#include "validation-test-cases.h"

#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

namespace ns3
{
namespace edgednn
{
namespace testutil
{
namespace
{

/**
 * \return the list's path (a function: the suite reads it while static objects are constructed)
 */
std::string
ExamplesToRun()
{
    return std::string(NS_TEST_SOURCEDIR) + "/examples-to-run.py";
}

/**
 * \return the command lines of the examples to run, as the list gives them
 */
std::vector<std::string>
ReadExamplesToRun()
{
    std::ifstream in(ExamplesToRun());
    std::vector<std::string> commands;
    // ("command line", "True", "True"), as ns-3's test.py reads cpp_examples.
    const std::regex entry(R"re(^\s*\(\s*"([^"]+)"\s*,\s*"(True|False)")re");
    for (std::string line; std::getline(in, line);)
    {
        std::smatch m;
        if (std::regex_search(line, m, entry) && m[2] == "True")
        {
            commands.push_back(m[1]);
        }
    }
    return commands;
}

/**
 * \ingroup edge-dnn-tests
 * \brief One example of test/examples-to-run.py in its short run.
 */
class ExampleTestCase : public TestCase
{
  public:
    /**
     * \brief Constructor.
     * \param command the example's command line, as test/examples-to-run.py gives it
     */
    explicit ExampleTestCase(const std::string& command)
        : TestCase(CaseName(command)),
          m_command(command)
    {
    }

  private:
    /**
     * \param path a path, relative to the working directory (in-tree: the top of the ns-3 tree,
     * where test.py runs the suite and NS_TEST_SOURCEDIR starts) or absolute
     * \return the absolute path: the examples run in folders of their own
     */
    static std::string Absolute(const std::string& path)
    {
        if (!path.empty() && path[0] == '/')
        {
            return path;
        }
        char cwd[4096];
        return std::string(getcwd(cwd, sizeof(cwd)) != nullptr ? cwd : ".") + "/" + path;
    }

    /**
     * \param command an example's command line
     * \return the case's name: the command line without the characters ns-3 refuses in names
     */
    static std::string CaseName(std::string command)
    {
        for (char& c : command)
        {
            c = std::string("\"/\\|?").find(c) == std::string::npos ? c : '_';
        }
        return "example " + command;
    }

    void DoRun() override
    {
        // The list names files of the module as test.py sees them from the top of the tree.
        std::string command = m_command;
        const std::string inTree = "contrib/edge-dnn/";
        const std::string moduleDir = Absolute(std::string(NS_TEST_SOURCEDIR) + "/../");
        for (std::size_t at = command.find(inTree); at != std::string::npos;
             at = command.find(inTree, at + moduleDir.size()))
        {
            command.replace(at, inTree.size(), moduleDir);
        }
        // Output files go to a folder of the runner's temporary directory.
        const std::string marker = Absolute(CreateTempDirFilename("output"));
        const std::string dir = marker.substr(0, marker.find_last_of('/'));
#ifdef EDGE_DNN_BIN_DIR
        const std::string line =
            "cd '" + dir + "' && '" + std::string(EDGE_DNN_BIN_DIR) + "'/" + command;
#else
        // In-tree, as test.py: the program ns-3 built, run directly (test.py gave the runner the
        // library path); an example ns-3 did not build (edge-dnn-lte without the lte module) is
        // left out.
        const std::string program = command.substr(0, command.find(' '));
        bool listFound = false;
        const std::string path = FindBuiltProgram(program, listFound);
        NS_TEST_ASSERT_MSG_EQ(listFound,
                              true,
                              "no list of built programs (.lock-ns3_linux_build or "
                              "build/build-status.py) in the working folder: run the suite from "
                              "the top of the ns-3 tree, as test.py does");
        if (path.empty())
        {
            std::cout << program << " is not among the programs this ns-3 tree built (a module it "
                      << "needs is not enabled): not run" << std::endl;
            return;
        }
        const std::string line =
            "cd '" + dir + "' && '" + Absolute(path) + "'" + command.substr(program.size());
#endif
        const ProgramRun run = RunCommand(line);
        NS_TEST_EXPECT_MSG_EQ(run.status, 0, line << " printed:\n" << run.output);
        NS_TEST_EXPECT_MSG_EQ(run.output.empty(), false, line << " printed nothing");
    }

#ifndef EDGE_DNN_BIN_DIR
    /**
     * \param program an example program
     * \return its path as ns-3 lists it among the runnable programs it built (ns-3 >= 3.36:
     * .lock-ns3_linux_build in the top folder, where test.py runs the suite; waf-based ns-3:
     * build/build-status.py), or "" if it is not listed
     * \param listFound set to whether the list was found
     */
    static std::string FindBuiltProgram(const std::string& program, bool& listFound)
    {
        // e.g. '/.../build/contrib/edge-dnn/examples/ns3.37-edge-dnn-model-default'
        const std::regex built("'([^']*/ns3[.0-9a-z]*(-dev)?-" + program + "(-[a-z]+)?)'");
        for (const char* file : {".lock-ns3_linux_build", "build/build-status.py"})
        {
            std::ifstream in(file);
            for (std::string line; std::getline(in, line);)
            {
                std::smatch m;
                if (line.rfind("ns3_runnable_programs", 0) == 0)
                {
                    listFound = true;
                    return std::regex_search(line, m, built) ? m[1].str() : "";
                }
            }
        }
        listFound = false;
        return "";
    }
#endif

    std::string m_command; //!< the example's command line
};

/**
 * \ingroup edge-dnn-tests
 * \brief The list itself: found, and naming every example program of examples/CMakeLists.txt but
 * edge-dnn-report, which reads a database another run writes (test/recorder-test.cc runs it).
 */
class ExamplesListTestCase : public TestCase
{
  public:
    ExamplesListTestCase()
        : TestCase("examples-to-run.py lists every example")
    {
    }

  private:
    void DoRun() override
    {
        std::set<std::string> listed;
        for (const auto& command : ReadExamplesToRun())
        {
            listed.insert(command.substr(0, command.find(' ')));
        }
        const std::string cmakeLists =
            std::string(NS_TEST_SOURCEDIR) + "/../examples/CMakeLists.txt";
        std::ifstream in(cmakeLists);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::regex block(R"(set\(EDGE_DNN_EXAMPLES([^)]*)\))");
        std::smatch m;
        NS_TEST_ASSERT_MSG_EQ(std::regex_search(text, m, block),
                              true,
                              "EDGE_DNN_EXAMPLES in " << cmakeLists);
        std::istringstream names(m[1].str());
        uint32_t examples = 0;
        for (std::string name; names >> name;)
        {
            ++examples;
            if (name != "edge-dnn-report")
            {
                NS_TEST_EXPECT_MSG_EQ(listed.count(name), 1, name << " in " << ExamplesToRun());
            }
        }
        NS_TEST_EXPECT_MSG_GT(examples, 1, "examples in " << cmakeLists);
    }
};

} // namespace

std::vector<TestCase*>
ExamplesValidationCases()
{
    std::vector<TestCase*> cases{new ExamplesListTestCase};
    for (const auto& command : ReadExamplesToRun())
    {
        cases.push_back(new ExampleTestCase(command));
    }
    return cases;
}

} // namespace testutil
} // namespace edgednn
} // namespace ns3
