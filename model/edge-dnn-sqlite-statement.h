/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SQLITE_STATEMENT_H
#define EDGE_DNN_SQLITE_STATEMENT_H

#include <cstdint>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A prepared SQLite statement (RAII over sqlite3_stmt), made by SqliteDatabase::Prepare and
 * meant to be reused: bind the parameters (1-based), Step(), Reset(), bind again.
 *
 * Binding and stepping allocate nothing of their own; text is bound as SQLITE_STATIC, so the bound
 * string must outlive the Step() that uses it. Errors throw EdgeDnnError naming the database file
 * and the statement.
 */
class SqliteStatement
{
  public:
    /** \brief An empty statement (IsValid() is false). */
    SqliteStatement() = default;

    /**
     * \brief Prepare a statement.
     * \param db an open connection
     * \param sql one SQL statement
     * \param path the database file, for messages
     * \throws EdgeDnnError if SQLite cannot prepare it
     */
    SqliteStatement(sqlite3* db, const std::string& sql, const std::string& path);

    ~SqliteStatement();

    /**
     * \brief Move constructor.
     * \param other the statement to take over (left empty)
     */
    SqliteStatement(SqliteStatement&& other) noexcept;

    /**
     * \brief Move assignment.
     * \param other the statement to take over (left empty)
     * \return this statement
     */
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;

    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    /** \return true if the statement was prepared */
    bool IsValid() const;

    /**
     * \brief Bind an integer.
     * \param index 1-based parameter index
     * \param value the value
     */
    void BindInt(int index, int64_t value);

    /**
     * \brief Bind a real.
     * \param index 1-based parameter index
     * \param value the value
     */
    void BindDouble(int index, double value);

    /**
     * \brief Bind text without copying it (it must stay alive until the next Step()).
     * \param index 1-based parameter index
     * \param value the text
     */
    void BindText(int index, const std::string& value);

    /**
     * \brief Bind text without copying it (it must stay alive until the next Step()).
     * \param index 1-based parameter index
     * \param value a NUL-terminated text
     */
    void BindText(int index, const char* value);

    /**
     * \brief Bind NULL.
     * \param index 1-based parameter index
     */
    void BindNull(int index);

    /**
     * \brief Run the statement one step.
     * \return true if a row is available (read it with the Column methods), false when done
     * \throws EdgeDnnError on an error
     */
    bool Step();

    /** \brief Make the statement ready to run again (bindings are kept). */
    void Reset();

    /**
     * \brief Step until done, then reset (for statements that return no row).
     * \throws EdgeDnnError on an error
     */
    void Run();

    /** \return the number of columns of the result */
    int GetColumnCount() const;

    /**
     * \param column 0-based column
     * \return its name
     */
    std::string GetColumnName(int column) const;

    /**
     * \param column 0-based column
     * \return true if the current row holds NULL there
     */
    bool IsNull(int column) const;

    /**
     * \param column 0-based column
     * \return the value as an integer
     */
    int64_t GetInt(int column) const;

    /**
     * \param column 0-based column
     * \return the value as a real
     */
    double GetDouble(int column) const;

    /**
     * \param column 0-based column
     * \return the value as text ("" for NULL)
     */
    std::string GetText(int column) const;

  private:
    /**
     * \brief Throw the connection's last error.
     * \param what what was being done
     */
    [[noreturn]] void Fail(const std::string& what) const;

    sqlite3* m_db{nullptr};        //!< the connection
    sqlite3_stmt* m_stmt{nullptr}; //!< the prepared statement
    std::string m_path;            //!< the database file, for messages
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SQLITE_STATEMENT_H */
