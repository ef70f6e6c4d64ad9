/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-sqlite-database.h"

#include "edge-dnn-error.h"

#include <filesystem>
#include <sqlite3.h>
#include <system_error>

namespace ns3
{
namespace edgednn
{

SqliteDatabase::SqliteDatabase(const std::string& path, Mode mode)
{
    Open(path, mode);
}

SqliteDatabase::~SqliteDatabase()
{
    Close();
}

void
SqliteDatabase::Open(const std::string& path, Mode mode)
{
    Close();
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path file(path);
    const std::string what = mode == READ_ONLY ? "an SQLite database file to read"
                                               : "a writable SQLite database file (or a new one)";
    if (path.empty())
    {
        throw EdgeDnnError("database path is empty: expected " + what);
    }
    if (fs::is_directory(file, ec))
    {
        throw EdgeDnnError("database '" + path + "' is a directory: expected " + what);
    }
    const fs::path parent = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(parent, ec))
    {
        throw EdgeDnnError("database '" + path + "' cannot be created: directory '" +
                           parent.string() + "' does not exist; expected " + what);
    }
    const bool exists = fs::exists(file, ec);
    if (mode == READ_ONLY && !exists)
    {
        throw EdgeDnnError("database '" + path + "' does not exist: expected " + what);
    }
    const int flags =
        (mode == READ_ONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK)
    {
        const std::string reason = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw EdgeDnnError("database '" + path + "' cannot be opened (" + reason + "): expected " +
                           what);
    }
    if (mode != READ_ONLY && sqlite3_db_readonly(db, "main") == 1)
    {
        sqlite3_close(db);
        throw EdgeDnnError("database '" + path + "' cannot be written: expected " + what);
    }
    sqlite3_extended_result_codes(db, 0);
    sqlite3_busy_timeout(db, 10000);
    // Reading the schema is what tells an SQLite file from another file; it writes nothing.
    char* error = nullptr;
    const int probe =
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, &error);
    if (probe != SQLITE_OK)
    {
        const std::string reason = error ? error : sqlite3_errstr(probe);
        sqlite3_free(error);
        sqlite3_close(db);
        if (probe == SQLITE_NOTADB)
        {
            throw EdgeDnnError("'" + path + "' is not an SQLite database (" + reason +
                               "): expected " + what);
        }
        throw EdgeDnnError("database '" + path + "' cannot be read (" + reason + "): expected " +
                           what);
    }
    m_db = db;
    m_path = path;
}

void
SqliteDatabase::Close()
{
    if (m_db)
    {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool
SqliteDatabase::IsOpen() const
{
    return m_db != nullptr;
}

const std::string&
SqliteDatabase::GetPath() const
{
    return m_path;
}

sqlite3*
SqliteDatabase::GetHandle() const
{
    return m_db;
}

void
SqliteDatabase::Execute(const std::string& sql)
{
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK)
    {
        const std::string reason = error ? error : sqlite3_errmsg(m_db);
        sqlite3_free(error);
        throw EdgeDnnError("SQLite database '" + m_path + "': error running '" + sql +
                           "': " + reason);
    }
}

SqliteStatement
SqliteDatabase::Prepare(const std::string& sql)
{
    return SqliteStatement(m_db, sql, m_path);
}

int64_t
SqliteDatabase::QueryInt(const std::string& sql)
{
    SqliteStatement s = Prepare(sql);
    return s.Step() ? s.GetInt(0) : 0;
}

std::string
SqliteDatabase::GetObjectType(const std::string& name)
{
    SqliteStatement s = Prepare("SELECT type FROM sqlite_master WHERE name = ?1");
    s.BindText(1, name);
    return s.Step() ? s.GetText(0) : std::string();
}

std::vector<std::string>
SqliteDatabase::GetColumns(const std::string& table)
{
    std::vector<std::string> columns;
    SqliteStatement s = Prepare("SELECT name FROM pragma_table_info(?1)");
    s.BindText(1, table);
    while (s.Step())
    {
        columns.push_back(s.GetText(0));
    }
    return columns;
}

int64_t
SqliteDatabase::GetLastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

} // namespace edgednn
} // namespace ns3
