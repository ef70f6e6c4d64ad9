/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-json-input.h"

#include "edge-dnn-error.h"

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace edgednn
{

JsonInput::JsonInput(const std::string& text, const std::string& source)
    : m_source(source)
{
    boost::json::stream_parser parser;
    boost::system::error_code ec;
    std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
    if (!ec)
    {
        parser.finish(ec);
        consumed = text.size();
    }
    if (ec)
    {
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i < consumed && i < text.size(); ++i)
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
        std::ostringstream os;
        os << m_source << ":" << line << ":" << column << ": invalid JSON: " << ec.message();
        throw EdgeDnnError(os.str());
    }
    m_root = parser.release();
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

const boost::json::value&
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
JsonInput::Expected(const boost::json::value& v,
                    const std::string& path,
                    const std::string& expected) const
{
    std::string found = boost::json::serialize(v);
    if (found.size() > 60)
    {
        found = found.substr(0, 57) + "...";
    }
    Fail(path, "expected " + expected + ", got " + found);
}

const boost::json::object&
JsonInput::Object(const boost::json::value& v, const std::string& path) const
{
    if (!v.is_object())
    {
        Expected(v, path, "an object");
    }
    return v.get_object();
}

const boost::json::array&
JsonInput::Array(const boost::json::value& v, const std::string& path) const
{
    if (!v.is_array())
    {
        Expected(v, path, "an array");
    }
    return v.get_array();
}

std::string
JsonInput::String(const boost::json::value& v, const std::string& path) const
{
    if (!v.is_string())
    {
        Expected(v, path, "a string");
    }
    return std::string(v.get_string());
}

bool
JsonInput::Bool(const boost::json::value& v, const std::string& path) const
{
    if (!v.is_bool())
    {
        Expected(v, path, "true or false");
    }
    return v.get_bool();
}

uint64_t
JsonInput::Integer(const boost::json::value& v, const std::string& path, uint64_t min) const
{
    const std::string expected = min == 0 ? "a non-negative integer" : "a positive integer";
    if (v.is_uint64())
    {
        if (v.get_uint64() < min)
        {
            Expected(v, path, expected);
        }
        return v.get_uint64();
    }
    if (v.is_int64())
    {
        if (v.get_int64() < 0 || static_cast<uint64_t>(v.get_int64()) < min)
        {
            Expected(v, path, expected);
        }
        return static_cast<uint64_t>(v.get_int64());
    }
    if (v.is_double())
    {
        const double d = v.get_double();
        if (std::isfinite(d) && d == std::floor(d) && d >= static_cast<double>(min) && d < 1.8e19)
        {
            return static_cast<uint64_t>(d);
        }
    }
    Expected(v, path, expected);
}

double
JsonInput::NonNegativeNumber(const boost::json::value& v, const std::string& path) const
{
    if (!v.is_number())
    {
        Expected(v, path, "a number >= 0");
    }
    const double d = v.to_number<double>();
    if (!(d >= 0.0) || !std::isfinite(d))
    {
        Expected(v, path, "a number >= 0");
    }
    return d;
}

const boost::json::value&
JsonInput::Field(const boost::json::object& o,
                 const std::string& key,
                 const std::string& path) const
{
    auto it = o.find(key);
    if (it == o.end())
    {
        Fail(path, "missing field '" + key + "'");
    }
    return it->value();
}

void
JsonInput::OnlyFields(const boost::json::object& o,
                      const std::string& path,
                      const std::initializer_list<const char*>& allowed,
                      const std::string& what) const
{
    for (const auto& member : o)
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
                 "unknown field '" + std::string(member.key()) + "' for " + what +
                     "; expected only " + list);
        }
    }
}

} // namespace edgednn
} // namespace ns3
