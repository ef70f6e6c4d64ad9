/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TEST_FIXTURE_H
#define EDGE_DNN_TEST_FIXTURE_H

// A GoogleTest fixture with a temporary directory per test, and reading a database's rows as text.

#include "ns3/config.h"
#include "ns3/edge-dnn-sqlite-database.h"
#include "ns3/edge-dnn-sqlite-statement.h"
#include "ns3/names.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace testutil
{

/**
 * \brief A fresh temporary directory per test (named after the test), removed afterwards; ns-3's
 * process-wide state (simulator, Config defaults, Names) reset after each test.
 */
class TempDirTest : public ::testing::Test
{
  protected:
    /** \param prefix what the directories' names start with, after "edge-dnn-" */
    explicit TempDirTest(const std::string& prefix)
        : m_prefix(prefix)
    {
    }

    void SetUp() override
    {
        std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        std::replace(name.begin(), name.end(), '/', '-');
        m_dir = std::filesystem::temp_directory_path() /
                ("edge-dnn-" + m_prefix + "-" + name + "-" + std::to_string(getpid()));
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }

    void TearDown() override
    {
        Simulator::Destroy();
        Config::Reset();
        Names::Clear();
        std::filesystem::remove_all(m_dir);
    }

    /**
     * \param name a file name
     * \return its path in the test's directory
     */
    std::string Path(const std::string& name) const
    {
        return (m_dir / name).string();
    }

    std::string m_prefix;        //!< the directories' prefix
    std::filesystem::path m_dir; //!< the test's directory
};

/**
 * \brief Every row of a query, as text, in the query's order.
 * \param db a database
 * \param sql the query
 * \return one string per row, its columns joined by '|' (NULL for a null)
 */
inline std::vector<std::string>
Dump(SqliteDatabase& db, const std::string& sql)
{
    std::vector<std::string> rows;
    SqliteStatement s = db.Prepare(sql);
    while (s.Step())
    {
        std::ostringstream os;
        for (int c = 0; c < s.GetColumnCount(); ++c)
        {
            os << (s.IsNull(c) ? "NULL" : s.GetText(c)) << "|";
        }
        rows.push_back(os.str());
    }
    return rows;
}

} // namespace testutil
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TEST_FIXTURE_H */
