/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-sqlite-statement.h"

#include "edge-dnn-error.h"

#include <sqlite3.h>
#include <utility>

namespace ns3
{
namespace edgednn
{

SqliteStatement::SqliteStatement(sqlite3* db, const std::string& sql, const std::string& path)
    : m_db(db),
      m_path(path)
{
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) !=
        SQLITE_OK)
    {
        Fail("preparing '" + sql + "'");
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)),
      m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_path(std::move(other.m_path))
{
}

SqliteStatement&
SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other)
    {
        sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

bool
SqliteStatement::IsValid() const
{
    return m_stmt != nullptr;
}

void
SqliteStatement::BindInt(int index, int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void
SqliteStatement::BindDouble(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void
SqliteStatement::BindText(int index, const std::string& value)
{
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}

void
SqliteStatement::BindText(int index, const char* value)
{
    sqlite3_bind_text(m_stmt, index, value, -1, SQLITE_STATIC);
}

void
SqliteStatement::BindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

bool
SqliteStatement::Step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
    {
        return true;
    }
    if (rc == SQLITE_DONE)
    {
        return false;
    }
    const std::string sql = sqlite3_sql(m_stmt) ? sqlite3_sql(m_stmt) : "";
    sqlite3_reset(m_stmt);
    Fail("running '" + sql + "'");
}

void
SqliteStatement::Reset()
{
    sqlite3_reset(m_stmt);
}

void
SqliteStatement::Run()
{
    while (Step())
    {
    }
    Reset();
}

int
SqliteStatement::GetColumnCount() const
{
    return sqlite3_column_count(m_stmt);
}

std::string
SqliteStatement::GetColumnName(int column) const
{
    const char* name = sqlite3_column_name(m_stmt, column);
    return name ? name : "";
}

bool
SqliteStatement::IsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int64_t
SqliteStatement::GetInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double
SqliteStatement::GetDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string
SqliteStatement::GetText(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return text ? std::string(text, sqlite3_column_bytes(m_stmt, column)) : std::string();
}

void
SqliteStatement::Fail(const std::string& what) const
{
    throw EdgeDnnError("SQLite database '" + m_path + "': error " + what + ": " +
                       (m_db ? sqlite3_errmsg(m_db) : "no connection"));
}

} // namespace edgednn
} // namespace ns3
