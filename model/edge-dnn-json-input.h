/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_JSON_INPUT_H
#define EDGE_DNN_JSON_INPUT_H

// Internal to the edge-dnn library: not installed, not part of edge-dnn-module.h (it exposes
// nlohmann/json).

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A JSON value as the readers see it and the writers build it: nlohmann's ordered_json,
 * which keeps an object's members in the order of the text (or of their insertion), so that
 * messages name the first offending member of the file and written files list fields in a fixed
 * order.
 */
using JsonValue = nlohmann::ordered_json;

/**
 * \ingroup edge-dnn
 * \brief Write a value as compact JSON text.
 * \param v the value
 * \return its text (doubles in their shortest form that reads back the same, e.g. 0.2)
 * \throws EdgeDnnError if a string in it is not UTF-8, which JSON cannot hold
 */
std::string WriteJsonText(const JsonValue& v);

/**
 * \ingroup edge-dnn
 * \brief Reads a JSON document with messages that name the source, the JSON path and what was
 * expected.
 *
 * Paths are JSON Pointers ("/layers/3/kernel"). Every accessor throws EdgeDnnError on a missing
 * field, a value of the wrong kind, or a number out of range; nothing falls back to a default
 * silently.
 */
class JsonInput
{
  public:
    /// Arrays and objects nested deeper than this are refused (Boost.JSON's default limit).
    static constexpr std::size_t MAX_DEPTH = 32;

    /**
     * \brief Parse a document.
     * \param text the JSON text
     * \param source the file name (or a description) for messages
     * \throws EdgeDnnError with the line and column of a syntax error, of text that is not
     * UTF-8, or of nesting deeper than MAX_DEPTH
     *
     * A member that appears twice in an object keeps its last value, as with Boost.JSON, which
     * the readers used before.
     */
    JsonInput(const std::string& text, const std::string& source);

    /**
     * \brief Read a whole file.
     * \param path the file
     * \return its contents
     * \throws EdgeDnnError if it cannot be read
     */
    static std::string ReadFile(const std::string& path);

    /** \return the document's root */
    const JsonValue& GetRoot() const;

    /**
     * \param v a value
     * \param path its JSON path
     * \return it, an object
     */
    const JsonValue& Object(const JsonValue& v, const std::string& path) const;

    /**
     * \param v a value
     * \param path its JSON path
     * \return it, an array
     */
    const JsonValue& Array(const JsonValue& v, const std::string& path) const;

    /**
     * \param v a value
     * \param path its JSON path
     * \return it as a string
     */
    std::string String(const JsonValue& v, const std::string& path) const;

    /**
     * \param v a value
     * \param path its JSON path
     * \return it as a boolean
     */
    bool Bool(const JsonValue& v, const std::string& path) const;

    /**
     * \param v a value
     * \param path its JSON path
     * \param min the least value allowed (0 or 1)
     * \return it as a whole number >= min
     */
    uint64_t Integer(const JsonValue& v, const std::string& path, uint64_t min) const;

    /**
     * \param v a value
     * \param path its JSON path
     * \return it as a finite number >= 0
     */
    double NonNegativeNumber(const JsonValue& v, const std::string& path) const;

    /**
     * \brief A required member.
     * \param o an object
     * \param key the member's name
     * \param path the object's JSON path
     * \return the member's value
     */
    const JsonValue& Field(const JsonValue& o,
                           const std::string& key,
                           const std::string& path) const;

    /**
     * \brief Reject members other than the given ones (a misspelt field must not fall back to a
     * default). \param o an object \param path its JSON path \param allowed the names it may have
     * \param what what the object is, for the message (e.g. "a conv layer")
     */
    void OnlyFields(const JsonValue& o,
                    const std::string& path,
                    const std::initializer_list<const char*>& allowed,
                    const std::string& what) const;

    /**
     * \brief Throw an EdgeDnnError naming the source and path.
     * \param path the JSON path
     * \param what what is wrong or expected
     */
    [[noreturn]] void Fail(const std::string& path, const std::string& what) const;

    /**
     * \brief Throw an EdgeDnnError saying what was expected and what was found.
     * \param v the value found
     * \param path its JSON path
     * \param expected what was expected, e.g. "a positive integer"
     */
    [[noreturn]] void Expected(const JsonValue& v,
                               const std::string& path,
                               const std::string& expected) const;

  private:
    std::string m_source; //!< file name for messages
    JsonValue m_root;     //!< parsed document
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_JSON_INPUT_H */
