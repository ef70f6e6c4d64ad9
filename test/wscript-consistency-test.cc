/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// wscript-compat/wscript (waf-based ns-3 <= 3.35) must list exactly the sources, headers, test
// sources and examples of the CMake build, so the two builds cannot drift.

#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <sstream>

namespace
{

/**
 * \param path a file
 * \return its contents
 */
std::string
Slurp(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/**
 * \brief The words of a CMake `set(NAME ...)` list.
 * \param text the CMake file
 * \param name the variable
 * \return its items
 */
std::vector<std::string>
CMakeList(const std::string& text, const std::string& name)
{
    std::smatch m;
    if (!std::regex_search(text, m, std::regex("set\\(" + name + "\\s+([^)]*)\\)")))
    {
        return {};
    }
    std::istringstream words(m[1].str());
    std::vector<std::string> items;
    for (std::string w; words >> w;)
    {
        items.push_back(w);
    }
    return items;
}

/**
 * \brief The strings of a Python `NAME = [...]` list.
 * \param text the wscript
 * \param name the variable
 * \return its items
 */
std::vector<std::string>
PythonList(const std::string& text, const std::string& name)
{
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(name + "\\s*=\\s*\\[([^\\]]*)\\]")))
    {
        return {};
    }
    std::vector<std::string> items;
    const std::string body = m[1].str();
    const std::regex quoted("'([^']*)'|\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), quoted);
         it != std::sregex_iterator();
         ++it)
    {
        items.push_back((*it)[1].matched ? (*it)[1].str() : (*it)[2].str());
    }
    return items;
}

} // namespace

TEST(WscriptConsistency, ListsMatchTheCMakeBuild)
{
    const std::string root = EDGE_DNN_SOURCE_DIR;
    const std::string cmake = Slurp(root + "/CMakeLists.txt");
    const std::string examples = Slurp(root + "/examples/CMakeLists.txt");
    const std::string wscript = Slurp(root + "/wscript-compat/wscript");
    ASSERT_FALSE(wscript.empty()) << "wscript-compat/wscript is missing";
    for (const std::string name : {"EDGE_DNN_SOURCES",
                                   "EDGE_DNN_HEADERS",
                                   "EDGE_DNN_TEST_SOURCES",
                                   "EDGE_DNN_LPSOLVE_SOURCES"})
    {
        const auto fromCMake = CMakeList(cmake, name);
        EXPECT_FALSE(fromCMake.empty()) << name;
        EXPECT_EQ(PythonList(wscript, name), fromCMake) << name;
    }
    const auto exampleNames = CMakeList(examples, "EDGE_DNN_EXAMPLES");
    EXPECT_FALSE(exampleNames.empty());
    EXPECT_EQ(PythonList(wscript, "EDGE_DNN_EXAMPLES"), exampleNames);
}

TEST(WscriptConsistency, EveryListedFileExists)
{
    const std::string root = EDGE_DNN_SOURCE_DIR;
    const std::string wscript = Slurp(root + "/wscript-compat/wscript");
    for (const std::string name : {"EDGE_DNN_SOURCES",
                                   "EDGE_DNN_HEADERS",
                                   "EDGE_DNN_TEST_SOURCES",
                                   "EDGE_DNN_LPSOLVE_SOURCES"})
    {
        for (const auto& file : PythonList(wscript, name))
        {
            EXPECT_TRUE(std::ifstream(root + "/" + file).good()) << file;
        }
    }
    for (const auto& example : PythonList(wscript, "EDGE_DNN_EXAMPLES"))
    {
        EXPECT_TRUE(std::ifstream(root + "/examples/" + example + ".cc").good()) << example;
    }
}
