/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// README.md's "Using it" section as a user follows it: every command line of its sh blocks, read
// from README.md itself (so README and test cannot drift), run as written and in order in a
// temporary folder that links this build's build/bin and the tree's tools/ and examples/, so that
// the files the commands write land there. Each must exit with status 0 and do what its line
// claims: the files it writes exist (--export, --output, -o, --db, "> FILE"), JSON is JSON, a
// --db run adds a finished run with frames. Only what the README itself says is added: the
// programs its sentence "With `--db=results.db` each of these programs records its run" names get
// --db=results.db, `./edge-dnn report DB` runs the driver's program (edge-dnn-report --db=DB; the
// driver's build step is this test's build), and the torch exporter, which "needs torch", is
// skipped where Python cannot import torch. The files the section's samples rest on are checked
// against the documentation they come from.

#include "edge-dnn-test-util.h"

#include "ns3/edge-dnn-sqlite-database.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using ns3::edgednn::SqliteDatabase;
using ns3::edgednn::testutil::ProgramRun;
using ns3::edgednn::testutil::RunCommand;

namespace
{

namespace fs = std::filesystem;

/// The README's sentence that says which programs take --db (and so get it in this test).
const std::string DB_CLAIM = "With `--db=results.db` each of these programs records its run";

/// The programs that sentence names: the ones of the sh block just before it.
const std::vector<std::string> RECORDING_PROGRAMS{"build/bin/edge-dnn-quickstart ",
                                                  "build/bin/edge-dnn-wifi ",
                                                  "build/bin/edge-dnn-lte ",
                                                  "build/bin/edge-dnn-existing-topology "};

/**
 * \param path a file
 * \return its contents
 */
std::string
ReadText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/**
 * \param s a string
 * \return it without leading and trailing blanks
 */
std::string
Trim(const std::string& s)
{
    const std::size_t first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
    {
        return "";
    }
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

/**
 * \param s a line of code
 * \return it trimmed, with each run of blanks inside made one space (as formatters align comments)
 */
std::string
Normalise(const std::string& s)
{
    std::string out;
    for (char ch : Trim(s))
    {
        if (ch == ' ' && !out.empty() && out.back() == ' ')
        {
            continue;
        }
        out += ch;
    }
    return out;
}

/// A command line of the README and its comment.
struct ReadmeCommand
{
    std::string command; //!< the command, as written
    std::string comment; //!< what follows its " #", "" if nothing
};

/**
 * \brief The lines of a section of a Markdown file: from its "## " heading to the next one.
 * \param markdown the file's text
 * \param heading the heading, e.g. "## Using it"
 * \return its lines, without the heading
 */
std::vector<std::string>
SectionLines(const std::string& markdown, const std::string& heading)
{
    std::vector<std::string> lines;
    std::istringstream in(markdown);
    bool inside = false;
    for (std::string line; std::getline(in, line);)
    {
        if (line.rfind("## ", 0) == 0)
        {
            inside = line == heading;
            continue;
        }
        if (inside)
        {
            lines.push_back(line);
        }
    }
    return lines;
}

/**
 * \brief The command lines of the sh blocks of some lines.
 * \param lines Markdown lines
 * \return each command with its comment
 */
std::vector<ReadmeCommand>
ShellCommands(const std::vector<std::string>& lines)
{
    std::vector<ReadmeCommand> commands;
    bool inBlock = false;
    for (const std::string& line : lines)
    {
        if (line.rfind("```", 0) == 0)
        {
            inBlock = !inBlock && line == "```sh";
            continue;
        }
        if (!inBlock || Trim(line).empty())
        {
            continue;
        }
        // A comment starts at a '#' after a blank (none of the commands has one inside a word).
        const std::size_t hash = line.find(" #");
        ReadmeCommand c;
        c.command = Trim(line.substr(0, hash));
        c.comment = hash == std::string::npos ? "" : Trim(line.substr(hash + 2));
        commands.push_back(c);
    }
    return commands;
}

/**
 * \brief Run a shell command in a folder.
 * \param dir the folder
 * \param command the command
 * \return its standard output and error, and its exit status
 */
ProgramRun
RunShell(const fs::path& dir, const std::string& command)
{
    return RunCommand("cd '" + dir.string() + "' && " + command);
}

/**
 * \brief The files a command line says it writes: the values of --export=, --output=, --db=, and
 * the word after "-o" or ">".
 * \param command the command
 * \return the files, as written
 */
std::vector<std::string>
WrittenFiles(const std::string& command)
{
    std::vector<std::string> files;
    std::istringstream words(command);
    std::string previous;
    for (std::string word; words >> word; previous = word)
    {
        for (const std::string option : {"--export=", "--output=", "--db="})
        {
            if (word.rfind(option, 0) == 0)
            {
                files.push_back(word.substr(option.size()));
            }
        }
        if (previous == "-o" || previous == ">")
        {
            files.push_back(word);
        }
    }
    return files;
}

/** \return true if Python can import torch and torchvision */
bool
HaveTorch()
{
    return std::system("python3 -c 'import torch, torchvision' >/dev/null 2>&1") == 0;
}

/**
 * \brief The first code block after a marker in a reStructuredText file: its indented lines.
 * \param rst the file's text
 * \param marker text before the block
 * \return the block's lines, unindented, without blank lines
 */
std::vector<std::string>
RstBlockAfter(const std::string& rst, const std::string& marker)
{
    std::vector<std::string> block;
    const std::size_t at = rst.find(marker);
    if (at == std::string::npos)
    {
        return block;
    }
    std::istringstream in(rst.substr(at));
    bool inBlock = false;
    for (std::string line; std::getline(in, line);)
    {
        if (!inBlock)
        {
            inBlock =
                line.rfind(".. sourcecode::", 0) == 0 || line.rfind(".. code-block::", 0) == 0;
            continue;
        }
        if (Trim(line).empty())
        {
            continue;
        }
        if (line[0] != ' ')
        {
            break;
        }
        block.push_back(Normalise(line));
    }
    return block;
}

} // namespace

TEST(Readme, UsingItCommandsRunAsWritten)
{
    const fs::path source(EDGE_DNN_SOURCE_DIR);
    const std::string readme = ReadText(source / "README.md");
    const std::vector<std::string> section = SectionLines(readme, "## Using it");
    ASSERT_FALSE(section.empty()) << "README.md has no section \"## Using it\"";
    const std::vector<ReadmeCommand> commands = ShellCommands(section);
    ASSERT_GE(commands.size(), 10u);
    ASSERT_NE(readme.find(DB_CLAIM), std::string::npos)
        << "the README's --db sentence changed: update RECORDING_PROGRAMS";

    const fs::path dir =
        fs::temp_directory_path() / ("edge-dnn-readme-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "build");
    fs::create_directory_symlink(EDGE_DNN_BIN_DIR, dir / "build" / "bin");
    fs::create_directory_symlink(source / "tools", dir / "tools");
    fs::create_directory_symlink(source / "examples", dir / "examples");

    int64_t recordedRuns = 0;
    for (const ReadmeCommand& c : commands)
    {
        std::string command = c.command;
        if (c.command.rfind("tools/export-torch-profile.py", 0) == 0 &&
            c.comment.find("needs torch") != std::string::npos && !HaveTorch())
        {
            std::cout << "skipped (no torch): " << c.command << "\n";
            continue;
        }
        const std::string report = "./edge-dnn report ";
        if (command.rfind(report, 0) == 0)
        {
            // The driver's cmd_report: build, then edge-dnn-report --db=DB with the rest.
            command = "build/bin/edge-dnn-report --db=" + command.substr(report.size());
        }
        bool records = false;
        for (const std::string& program : RECORDING_PROGRAMS)
        {
            records = records || command.rfind(program, 0) == 0;
        }
        if (records)
        {
            command += " --db=results.db";
        }
        const auto start = std::chrono::steady_clock::now();
        const ProgramRun run = RunShell(dir, command);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cout << seconds << " s: " << command << "\n";
        ASSERT_EQ(run.status, 0) << command << "\n" << run.output;

        for (const std::string& file : WrittenFiles(command))
        {
            ASSERT_TRUE(fs::is_regular_file(dir / file)) << command << ": no " << file;
            EXPECT_GT(fs::file_size(dir / file), 0u) << command << ": " << file;
            if (file.size() > 5 && file.substr(file.size() - 5) == ".json")
            {
                EXPECT_TRUE(nlohmann::json::accept(ReadText(dir / file)))
                    << command << ": " << file << " is not JSON";
            }
        }
        if (records)
        {
            SqliteDatabase db((dir / "results.db").string(), SqliteDatabase::READ_ONLY);
            EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM runs"), ++recordedRuns) << command;
            EXPECT_EQ(db.QueryInt("SELECT finished FROM runs ORDER BY run_id DESC LIMIT 1"), 1)
                << command;
            EXPECT_GT(db.QueryInt("SELECT COUNT(*) FROM frames WHERE run_id = (SELECT "
                                  "MAX(run_id) FROM runs)"),
                      0)
                << command;
        }
        // What the comments claim, where a word tells it.
        if (command.find("--list") != std::string::npos)
        {
            EXPECT_NE(run.output.find("resnet50 "), std::string::npos) << run.output;
        }
        if (c.comment.find("as a table") != std::string::npos)
        {
            EXPECT_NE(run.output.find("last edge layer"), std::string::npos) << run.output;
        }
        if (command.find("--format=json") != std::string::npos &&
            command.find('>') == std::string::npos)
        {
            EXPECT_TRUE(nlohmann::json::accept(run.output)) << command;
        }
        if (command.find("--export=") != std::string::npos)
        {
            EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
            EXPECT_NE(run.output.find("wrote "), std::string::npos) << run.output;
        }
        if (command.find("--file=") != std::string::npos ||
            command.find("--profile=") != std::string::npos)
        {
            EXPECT_NE(run.output.find("last edge layer"), std::string::npos) << run.output;
        }
        if (command.find("edge-dnn-report") != std::string::npos)
        {
            EXPECT_GE(recordedRuns, 4) << "the report comes after the recorded runs";
            EXPECT_NE(run.output.find("Runs\n"), std::string::npos) << run.output;
            if (std::system("command -v gnuplot >/dev/null 2>&1") == 0)
            {
                for (const char* png :
                     {"latency-cdf.png", "deadline-hit-ratio.png", "cloud-traffic.png"})
                {
                    EXPECT_TRUE(fs::is_regular_file(dir / "results" / png)) << png;
                }
            }
        }
    }
    EXPECT_EQ(recordedRuns, static_cast<int64_t>(RECORDING_PROGRAMS.size()));
    fs::remove_all(dir);
}

// The section's schedule command reads examples/problem.json: the problem file doc/scheduler.rst
// shows.
TEST(Readme, ProblemFileIsTheDocumentedOne)
{
    const fs::path source(EDGE_DNN_SOURCE_DIR);
    std::string documented;
    for (const std::string& line :
         RstBlockAfter(ReadText(source / "doc" / "scheduler.rst"), "Problem file (JSON)"))
    {
        documented += line + "\n";
    }
    ASSERT_FALSE(documented.empty());
    EXPECT_EQ(nlohmann::json::parse(ReadText(source / "examples" / "problem.json")),
              nlohmann::json::parse(documented));
}

// The sample of a topology of one's own in doc/edge-dnn.rst is the one
// Recorder.TopologyOfOnesOwnWithAddLinkAndServerList runs (with the database in its folder), and
// the README's excerpt comes from it.
TEST(Readme, OwnTopologySampleIsTheTestedOne)
{
    const fs::path source(EDGE_DNN_SOURCE_DIR);
    const std::vector<std::string> documented =
        RstBlockAfter(ReadText(source / "doc" / "edge-dnn.rst"), "**A topology of your own.**");
    ASSERT_FALSE(documented.empty());
    const std::string test = ReadText(source / "test" / "recorder-test.cc");
    const std::string begin = "// The sample, as documented.\n";
    const std::size_t from = test.find(begin);
    const std::size_t to = test.find("    // End of the sample.");
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    std::vector<std::string> tested;
    std::istringstream in(test.substr(from + begin.size(), to - from - begin.size()));
    for (std::string line; std::getline(in, line);)
    {
        line = Normalise(line);
        const std::string path = "Path(\"results.db\")";
        if (const std::size_t at = line.find(path); at != std::string::npos)
        {
            line.replace(at, path.size(), "\"results.db\"");
        }
        if (!line.empty())
        {
            tested.push_back(line);
        }
    }
    EXPECT_EQ(documented, tested);

    // The README's lines are the sample's for the first edge server.
    const std::string readme = ReadText(source / "README.md");
    for (const std::string& line :
         {std::string("scheduler.AddDevice(camera, {0, 1});"),
          std::string("recorder.AddLink(\"edge0-to-cloud\", wan0.Get(0), wan0.Get(1), true);"),
          std::string("recorder.AddLink(\"cloud-to-edge0\", wan0.Get(1), wan0.Get(0), false);")})
    {
        EXPECT_NE(readme.find(line), std::string::npos) << line;
    }
}
