/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SQLITE_DATABASE_H
#define EDGE_DNN_SQLITE_DATABASE_H

#include "edge-dnn-sqlite-statement.h"

#include <string>
#include <vector>

struct sqlite3;

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A connection to an SQLite database file (RAII over the sqlite3 C API): open or create,
 * run SQL, prepare reusable statements (SqliteStatement), inspect the schema.
 *
 * Opening never writes to an existing file: it checks that the path is a file that can be opened
 * and that it is an SQLite database (by reading its schema) before returning, so that a caller can
 * still refuse an incompatible schema and leave the file as it was. Errors a user can cause (a
 * path that cannot be opened or written, a file that is not SQLite) throw EdgeDnnError naming the
 * path and what was expected.
 */
class SqliteDatabase
{
  public:
    /** \brief How to open the file. */
    enum Mode
    {
        READ_WRITE_CREATE, //!< read and write, creating the file if it does not exist
        READ_ONLY,         //!< read only; the file must exist
    };

    SqliteDatabase() = default;

    /**
     * \brief Open a database file (see Open).
     * \param path the file
     * \param mode how to open it
     * \throws EdgeDnnError as Open does
     */
    SqliteDatabase(const std::string& path, Mode mode);

    ~SqliteDatabase();

    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    /**
     * \brief Open a database file, closing any open one first.
     * \param path the file
     * \param mode how to open it
     * \throws EdgeDnnError if the path is a directory, its directory does not exist, the file
     * cannot be opened (or, in READ_ONLY mode, does not exist), or it is not an SQLite database
     */
    void Open(const std::string& path, Mode mode);

    /** \brief Close the connection (statements prepared from it must be destroyed first). */
    void Close();

    /** \return true if a database is open */
    bool IsOpen() const;

    /** \return the file's path */
    const std::string& GetPath() const;

    /** \return the sqlite3 handle (nullptr when closed) */
    sqlite3* GetHandle() const;

    /**
     * \brief Run SQL that returns no rows (one or more statements).
     * \param sql the SQL
     * \throws EdgeDnnError naming the path and the SQL on an error
     */
    void Execute(const std::string& sql);

    /**
     * \brief Prepare a statement for reuse.
     * \param sql one SQL statement
     * \return the statement
     * \throws EdgeDnnError naming the path and the SQL on an error
     */
    SqliteStatement Prepare(const std::string& sql);

    /**
     * \brief Run a query returning one integer.
     * \param sql the query
     * \return the first column of the first row (0 if there is no row)
     */
    int64_t QueryInt(const std::string& sql);

    /**
     * \param name a table, view or index name
     * \return the type of the schema object of that name ("table", "view", ...) or "" if none
     */
    std::string GetObjectType(const std::string& name);

    /**
     * \param table a table
     * \return its columns, in order (empty if the table does not exist)
     */
    std::vector<std::string> GetColumns(const std::string& table);

    /** \return the rowid of the last row inserted through this connection */
    int64_t GetLastInsertRowId() const;

  private:
    sqlite3* m_db{nullptr}; //!< the connection
    std::string m_path;     //!< the file
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SQLITE_DATABASE_H */
