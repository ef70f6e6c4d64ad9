/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-json-input.h"

#include "edge-dnn-error.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/**
 * \brief The line and column (both from 1) of a byte of a text.
 * \param text the text
 * \param offset the byte's offset from 0 (up to the text's size, for its end)
 * \return "line:column"
 */
std::string
LineAndColumn(const std::string& text, std::size_t offset)
{
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    {
        if (text[i] == '\n')
        {
            ++line;
            column = 1;
        }
        else
        {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

/**
 * \brief What nlohmann's parse error says, without its prefix and position (which the message
 * gives as file:line:column), bytes outside ASCII shown as \xNN and the text it quotes shortened.
 * \param what the exception's what()
 * \return e.g. "syntax error while parsing object key - unexpected ','; expected string literal"
 */
std::string
ParseErrorDetail(const std::string& what)
{
    // "[json.exception.parse_error.101] parse error at line 3, column 20: syntax error ..."
    // "[json.exception.out_of_range.406] number overflow parsing '1e400'"
    std::string detail = what;
    if (const auto at = what.find(", column "); at != std::string::npos)
    {
        if (const auto colon = what.find(": ", at); colon != std::string::npos)
        {
            detail = what.substr(colon + 2);
        }
    }
    else if (!what.empty() && what[0] == '[')
    {
        if (const auto end = what.find("] "); end != std::string::npos)
        {
            detail = what.substr(end + 2);
        }
    }
    // "...; last read: '<the token so far>'" can quote a whole string: keep its end.
    const std::string lastRead = "; last read: '";
    if (const auto at = detail.find(lastRead); at != std::string::npos)
    {
        const auto begin = at + lastRead.size();
        const auto end = detail.find('\'', begin);
        const std::size_t length = (end == std::string::npos ? detail.size() : end) - begin;
        if (length > 40)
        {
            detail.replace(begin, length - 37, "...");
        }
    }
    std::string shown;
    for (const char c : detail)
    {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80)
        {
            shown += c;
        }
        else
        {
            const char* hex = "0123456789ABCDEF";
            shown += std::string("\\x") + hex[byte >> 4] + hex[byte & 0xF];
        }
    }
    return shown;
}

/**
 * \brief A SAX handler that only notes where and why parsing stops. nlohmann's DOM parser throws
 * a parse_error with the byte it stopped at, but an out_of_range (a number beyond a double's
 * range, such as 1e400) without one; parsing again with this handler gives both the same way.
 */
class ErrorLocator : public nlohmann::json_sax<JsonValue>
{
  public:
    /// \return true: go on
    bool null() override
    {
        return true;
    }

    /// \return true: go on
    bool boolean(bool) override
    {
        return true;
    }

    /// \return true: go on
    bool number_integer(number_integer_t) override
    {
        return true;
    }

    /// \return true: go on
    bool number_unsigned(number_unsigned_t) override
    {
        return true;
    }

    /// \return true: go on
    bool number_float(number_float_t, const string_t&) override
    {
        return true;
    }

    /// \return true: go on
    bool string(string_t&) override
    {
        return true;
    }

    /// \return true: go on
    bool binary(binary_t&) override
    {
        return true;
    }

    /// \return true: go on
    bool start_object(std::size_t) override
    {
        return true;
    }

    /// \return true: go on
    bool key(string_t&) override
    {
        return true;
    }

    /// \return true: go on
    bool end_object() override
    {
        return true;
    }

    /// \return true: go on
    bool start_array(std::size_t) override
    {
        return true;
    }

    /// \return true: go on
    bool end_array() override
    {
        return true;
    }

    /**
     * \brief Note the error.
     * \param position the bytes read, the offending one included
     * \param ex what is wrong
     * \return false: stop
     */
    bool parse_error(std::size_t position,
                     const std::string& /* lastToken */,
                     const JsonValue::exception& ex) override
    {
        m_position = position;
        m_what = ex.what();
        return false;
    }

    std::size_t m_position{0}; //!< bytes read when parsing stopped
    std::string m_what;        //!< the exception's message
};

/**
 * \brief The offset of the first '[' or '{' nested deeper than a limit in a valid JSON text.
 * \param text the text, which parses
 * \param limit the deepest nesting allowed
 * \return the offset, or std::string::npos if none is
 */
std::size_t
TooDeep(const std::string& text, std::size_t limit)
{
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i)
    {
        const char c = text[i];
        if (inString)
        {
            if (c == '\\')
            {
                ++i; // the escaped character
            }
            else if (c == '"')
            {
                inString = false;
            }
        }
        else if (c == '"')
        {
            inString = true;
        }
        else if (c == '[' || c == '{')
        {
            if (++depth > limit)
            {
                return i;
            }
        }
        else if ((c == ']' || c == '}') && depth > 0)
        {
            --depth;
        }
    }
    return std::string::npos;
}

} // namespace

std::string
WriteJsonText(const JsonValue& v)
{
    try
    {
        return v.dump();
    }
    catch (const JsonValue::type_error& e)
    {
        // 316: a string that is not UTF-8.
        throw EdgeDnnError(std::string("cannot write JSON: ") + e.what());
    }
}

JsonInput::JsonInput(const std::string& text, const std::string& source)
    : m_source(source)
{
    // nlohmann's lexer takes a NUL byte for the end of the input and would ignore what follows;
    // JSON text has none (a string holds U+0000 only escaped).
    if (const std::size_t nul = text.find('\0'); nul != std::string::npos)
    {
        throw EdgeDnnError(m_source + ":" + LineAndColumn(text, nul) +
                           ": invalid JSON: a NUL byte, which JSON text cannot hold");
    }
    try
    {
        m_root = JsonValue::parse(text);
    }
    catch (const JsonValue::exception& e)
    {
        ErrorLocator error;
        if (JsonValue::sax_parse(text, &error))
        {
            throw EdgeDnnError(m_source + ": invalid JSON: " + ParseErrorDetail(e.what()));
        }
        // The position counts from 1 and includes the byte the parser stopped at.
        throw EdgeDnnError(m_source + ":" +
                           LineAndColumn(text, error.m_position == 0 ? 0 : error.m_position - 1) +
                           ": invalid JSON: " + ParseErrorDetail(error.m_what));
    }
    if (const std::size_t at = TooDeep(text, MAX_DEPTH); at != std::string::npos)
    {
        throw EdgeDnnError(m_source + ":" + LineAndColumn(text, at) +
                           ": invalid JSON: arrays and objects nested more than " +
                           std::to_string(MAX_DEPTH) + " deep");
    }
}

std::string
JsonInput::ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw EdgeDnnError(path + ": cannot open file for reading");
    }
    std::ostringstream contents;
    contents << in.rdbuf();
    return contents.str();
}

const JsonValue&
JsonInput::GetRoot() const
{
    return m_root;
}

void
JsonInput::Fail(const std::string& path, const std::string& what) const
{
    throw EdgeDnnError(m_source + ": " + (path.empty() ? "/" : path) + ": " + what);
}

void
JsonInput::Expected(const JsonValue& v, const std::string& path, const std::string& expected) const
{
    // Parsed values are UTF-8; replace keeps a message from throwing all the same.
    std::string found = v.dump(-1, ' ', false, JsonValue::error_handler_t::replace);
    if (found.size() > 60)
    {
        found = found.substr(0, 57) + "...";
    }
    Fail(path, "expected " + expected + ", got " + found);
}

const JsonValue&
JsonInput::Object(const JsonValue& v, const std::string& path) const
{
    if (!v.is_object())
    {
        Expected(v, path, "an object");
    }
    return v;
}

const JsonValue&
JsonInput::Array(const JsonValue& v, const std::string& path) const
{
    if (!v.is_array())
    {
        Expected(v, path, "an array");
    }
    return v;
}

std::string
JsonInput::String(const JsonValue& v, const std::string& path) const
{
    if (!v.is_string())
    {
        Expected(v, path, "a string");
    }
    return v.get<std::string>();
}

bool
JsonInput::Bool(const JsonValue& v, const std::string& path) const
{
    if (!v.is_boolean())
    {
        Expected(v, path, "true or false");
    }
    return v.get<bool>();
}

uint64_t
JsonInput::Integer(const JsonValue& v, const std::string& path, uint64_t min) const
{
    const std::string expected = min == 0 ? "a non-negative integer" : "a positive integer";
    // nlohmann reads a number without fraction or exponent as unsigned, or as signed with a
    // '-', and any other number (3.0, 1e3, or a whole number beyond 64 bits) as a double.
    if (v.is_number_unsigned())
    {
        const auto u = v.get<uint64_t>();
        if (u < min)
        {
            Expected(v, path, expected);
        }
        return u;
    }
    if (v.is_number_integer())
    {
        const auto i = v.get<int64_t>();
        if (i < 0 || static_cast<uint64_t>(i) < min)
        {
            Expected(v, path, expected);
        }
        return static_cast<uint64_t>(i);
    }
    if (v.is_number_float())
    {
        // As with Boost.JSON before: a whole double (3.0, 1e3) is an integer.
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(min) && d < 1.8e19)
        {
            return static_cast<uint64_t>(d);
        }
    }
    Expected(v, path, expected);
}

double
JsonInput::NonNegativeNumber(const JsonValue& v, const std::string& path) const
{
    if (!v.is_number())
    {
        Expected(v, path, "a number >= 0");
    }
    const double d = v.get<double>();
    if (!(d >= 0.0) || !std::isfinite(d))
    {
        Expected(v, path, "a number >= 0");
    }
    return d;
}

const JsonValue&
JsonInput::Field(const JsonValue& o, const std::string& key, const std::string& path) const
{
    auto it = o.find(key);
    if (it == o.end())
    {
        Fail(path, "missing field '" + key + "'");
    }
    return it.value();
}

void
JsonInput::OnlyFields(const JsonValue& o,
                      const std::string& path,
                      const std::initializer_list<const char*>& allowed,
                      const std::string& what) const
{
    for (auto member = o.begin(); member != o.end(); ++member)
    {
        bool known = false;
        std::string list;
        for (const char* name : allowed)
        {
            known = known || member.key() == name;
            list += (list.empty() ? "" : ", ") + std::string(name);
        }
        if (!known)
        {
            Fail(path,
                 "unknown field '" + member.key() + "' for " + what + "; expected only " + list);
        }
    }
}

} // namespace edgednn
} // namespace ns3
