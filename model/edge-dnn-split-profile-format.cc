/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-split-profile-format.h"

#include "edge-dnn-error.h"
#include "edge-dnn-json-input.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/**
 * \brief Trim spaces, tabs and a carriage return from both ends.
 * \param s a string
 * \return it trimmed
 */
std::string
Trim(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string::npos)
    {
        return "";
    }
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

/**
 * \brief Split a CSV row at commas (quoted fields are not supported; names must not hold commas).
 * \param line the row
 * \return its trimmed fields
 */
std::vector<std::string>
SplitRow(const std::string& line)
{
    std::vector<std::string> fields;
    std::istringstream is(line);
    std::string field;
    while (std::getline(is, field, ','))
    {
        fields.push_back(Trim(field));
    }
    if (!line.empty() && line.back() == ',')
    {
        fields.emplace_back();
    }
    return fields;
}

/**
 * \brief Whether a string ends with a suffix.
 * \param s the string
 * \param suffix the suffix
 * \return true if it does
 */
bool
EndsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/**
 * \brief Whether a string is well-formed UTF-8 (what JSON, the other format, can hold).
 * \param s the string
 * \return true if it is
 */
bool
IsUtf8(const std::string& s)
{
    std::size_t i = 0;
    while (i < s.size())
    {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t length = 0;
        uint32_t code = 0;
        if (c < 0x80)
        {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
        {
            length = 2;
            code = c & 0x1Fu;
        }
        else if (c >= 0xE0 && c <= 0xEF)
        {
            length = 3;
            code = c & 0x0Fu;
        }
        else if (c >= 0xF0 && c <= 0xF4)
        {
            length = 4;
            code = c & 0x07u;
        }
        else
        {
            return false;
        }
        if (s.size() - i < length)
        {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k)
        {
            const auto next = static_cast<unsigned char>(s[i + k]);
            if ((next & 0xC0u) != 0x80u)
            {
                return false;
            }
            code = (code << 6) | (next & 0x3Fu);
        }
        // Overlong forms, UTF-16 surrogates and code points beyond U+10FFFF.
        if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) ||
            (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
        {
            return false;
        }
        i += length;
    }
    return true;
}

/**
 * \brief Refuse a name that a CSV file cannot carry as it is: CSV rows and "# key: value" lines
 * end at a newline, and the reader trims white space around fields and values.
 * \param name the name
 * \param what what it names, for the message (e.g. "split point name")
 * \param comma whether a comma is refused too (in a row's field)
 * \throws EdgeDnnError if it cannot be written
 */
void
RequireCsvName(const std::string& name, const std::string& what, bool comma)
{
    if (name.find_first_of(comma ? ",\n" : "\n") != std::string::npos)
    {
        throw EdgeDnnError(what + " '" + name + "' holds a " + (comma ? "comma or " : "") +
                           "newline and cannot be written as CSV");
    }
    if (!name.empty() && (Trim(name).size() != name.size()))
    {
        throw EdgeDnnError(what + " '" + name +
                           "' starts or ends with white space, which CSV does not keep; write "
                           "the profile as JSON");
    }
}

/**
 * \brief Format a number of seconds with enough digits to read back the same double.
 * \param seconds the value
 * \return its text
 */
std::string
SecondsText(double seconds)
{
    std::ostringstream os;
    os << std::setprecision(17) << seconds;
    return os.str();
}

} // namespace

SplitProfile
SplitProfileFormat::ReadFile(const std::string& path)
{
    const std::string text = JsonInput::ReadFile(path);
    if (EndsWith(path, ".csv"))
    {
        return ParseCsv(text, path);
    }
    if (EndsWith(path, ".json"))
    {
        return ParseJson(text, path);
    }
    throw EdgeDnnError(path + ": unknown split-profile format; expected a .csv or .json file");
}

SplitProfile
SplitProfileFormat::ParseCsv(const std::string& text, const std::string& source)
{
    std::map<std::string, std::string> meta;
    std::vector<std::string> header;
    std::map<std::string, std::size_t> column;
    std::vector<SplitPoint> points;
    bool seconds = false;
    std::istringstream is(text);
    std::string line;
    std::size_t lineNo = 0;
    auto fail = [&](const std::string& what) {
        throw EdgeDnnError(source + ":" + std::to_string(lineNo) + ": " + what);
    };
    while (std::getline(is, line))
    {
        ++lineNo;
        const std::string trimmed = Trim(line);
        if (trimmed.empty())
        {
            continue;
        }
        if (trimmed[0] == '#')
        {
            const auto colon = trimmed.find(':');
            if (header.empty() && colon != std::string::npos)
            {
                const std::string key = Trim(trimmed.substr(1, colon - 1));
                if (key != "model" && key != "edge_device" && key != "cloud_device")
                {
                    fail("unknown metadata '" + key +
                         "'; expected '# model: ...', '# edge_device: ...' or '# cloud_device: "
                         "...'");
                }
                meta[key] = Trim(trimmed.substr(colon + 1));
                if (!IsUtf8(meta[key]))
                {
                    fail("'# " + key + ":': expected UTF-8 text");
                }
            }
            continue;
        }
        const auto fields = SplitRow(trimmed);
        if (header.empty())
        {
            header = fields;
            for (std::size_t i = 0; i < header.size(); ++i)
            {
                const std::string& h = header[i];
                if (h != "index" && h != "name" && h != "bytes" && h != "edge_macs" &&
                    h != "cloud_macs" && h != "edge_s" && h != "cloud_s" && h != "data_ratio" &&
                    h != "edge_macs_per_input_byte")
                {
                    fail("unknown column '" + h +
                         "'; expected index, name, bytes, edge_macs, cloud_macs, edge_s, cloud_s "
                         "(and the derived data_ratio, edge_macs_per_input_byte)");
                }
                if (!column.emplace(h, i).second)
                {
                    fail("column '" + h + "' appears twice");
                }
            }
            seconds = column.count("edge_s") || column.count("cloud_s");
            const std::vector<std::string> required =
                seconds ? std::vector<std::string>{"name", "bytes", "edge_s", "cloud_s"}
                        : std::vector<std::string>{"name", "bytes", "edge_macs", "cloud_macs"};
            for (const auto& r : required)
            {
                if (!column.count(r))
                {
                    fail("missing column '" + r +
                         "'; a header needs name, bytes and either "
                         "edge_macs, cloud_macs or edge_s, cloud_s");
                }
            }
            continue;
        }
        if (fields.size() != header.size())
        {
            fail("expected " + std::to_string(header.size()) + " fields as in the header, got " +
                 std::to_string(fields.size()));
        }
        auto integer = [&](const std::string& col) -> uint64_t {
            const std::string& v = fields[column.at(col)];
            std::size_t used = 0;
            uint64_t value = 0;
            try
            {
                value = std::stoull(v, &used);
            }
            catch (const std::exception&)
            {
                used = 0;
            }
            if (v.empty() || used != v.size() || v[0] == '-' || v[0] == '+')
            {
                fail("column '" + col + "': expected a non-negative integer, got '" + v + "'");
            }
            return value;
        };
        auto number = [&](const std::string& col) -> double {
            const std::string& v = fields[column.at(col)];
            // strtod, not stod: stod refuses subnormal numbers (ERANGE), which JSON profiles
            // hold and WriteCsv writes.
            char* end = nullptr;
            const double value = std::strtod(v.c_str(), &end);
            const std::size_t used = static_cast<std::size_t>(end - v.c_str());
            if (v.empty() || used != v.size() || !(value >= 0.0) || !std::isfinite(value))
            {
                fail("column '" + col + "': expected a number >= 0, got '" + v + "'");
            }
            return value;
        };
        SplitPoint p;
        const uint64_t index = column.count("index") ? integer("index") : points.size();
        if (column.count("index") && index > std::numeric_limits<uint32_t>::max())
        {
            fail("column 'index': expected an integer up to 4294967295, got '" +
                 fields[column.at("index")] + "'");
        }
        p.index = static_cast<uint32_t>(index);
        p.name = fields[column.at("name")];
        if (p.name.empty())
        {
            fail("column 'name': expected the name of the last layer at the edge");
        }
        if (!IsUtf8(p.name))
        {
            fail("column 'name': expected UTF-8 text");
        }
        p.bytes = integer("bytes");
        if (column.count("edge_macs") && column.count("cloud_macs"))
        {
            p.edgeMacs = integer("edge_macs");
            p.cloudMacs = integer("cloud_macs");
        }
        if (seconds)
        {
            p.edgeSeconds = number("edge_s");
            p.cloudSeconds = number("cloud_s");
        }
        if (!points.empty() && p.index <= points.back().index)
        {
            fail("index " + std::to_string(p.index) + " must be greater than the previous row's " +
                 std::to_string(points.back().index));
        }
        points.push_back(p);
    }
    if (header.empty() || points.empty())
    {
        throw EdgeDnnError(source + ": expected a header row and at least one split point");
    }
    if (seconds && (meta["edge_device"].empty() || meta["cloud_device"].empty()))
    {
        throw EdgeDnnError(source + ": measured seconds need '# edge_device: NAME' and "
                                    "'# cloud_device: NAME' lines naming the hardware");
    }
    try
    {
        // As in JSON, the devices belong to measured seconds only.
        return SplitProfile(meta["model"],
                            seconds ? SplitCostUnit::SECONDS : SplitCostUnit::MACS,
                            std::move(points),
                            seconds ? meta["edge_device"] : "",
                            seconds ? meta["cloud_device"] : "");
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(source + ": " + e.what());
    }
}

SplitProfile
SplitProfileFormat::ParseJson(const std::string& text, const std::string& source)
{
    const JsonInput in(text, source);
    const auto& root = in.Object(in.GetRoot(), "");
    in.OnlyFields(root,
                  "",
                  {"format",
                   "version",
                   "model",
                   "cost_unit",
                   "edge_device",
                   "cloud_device",
                   "split_points",
                   "input",
                   "params",
                   "macs"},
                  "a split profile");
    if (auto it = root.find("format");
        it != root.end() && in.String(it.value(), "/format") != "edge-dnn-split-profile")
    {
        in.Expected(it.value(), "/format", "\"edge-dnn-split-profile\"");
    }
    if (auto it = root.find("version");
        it != root.end() && in.Integer(it.value(), "/version", 1) != 1)
    {
        in.Expected(it.value(), "/version", "1");
    }
    const std::string model = in.String(in.Field(root, "model", ""), "/model");
    const std::string unitText = in.String(in.Field(root, "cost_unit", ""), "/cost_unit");
    if (unitText != "macs" && unitText != "seconds")
    {
        in.Expected(in.Field(root, "cost_unit", ""), "/cost_unit", "\"macs\" or \"seconds\"");
    }
    const bool seconds = unitText == "seconds";
    std::string edgeDevice;
    std::string cloudDevice;
    if (seconds)
    {
        edgeDevice = in.String(in.Field(root, "edge_device", ""), "/edge_device");
        cloudDevice = in.String(in.Field(root, "cloud_device", ""), "/cloud_device");
        if (edgeDevice.empty())
        {
            in.Expected(root.at("edge_device"), "/edge_device", "the edge device's name");
        }
        if (cloudDevice.empty())
        {
            in.Expected(root.at("cloud_device"), "/cloud_device", "the cloud device's name");
        }
    }
    const auto& list = in.Array(in.Field(root, "split_points", ""), "/split_points");
    std::vector<SplitPoint> points;
    for (std::size_t i = 0; i < list.size(); ++i)
    {
        const std::string path = "/split_points/" + std::to_string(i);
        const auto& o = in.Object(list[i], path);
        in.OnlyFields(o,
                      path,
                      {"index",
                       "name",
                       "edge_macs",
                       "cloud_macs",
                       "edge_s",
                       "cloud_s",
                       "bytes",
                       "data_ratio",
                       "edge_macs_per_input_byte",
                       "crossing"},
                      "a split point");
        SplitPoint p;
        const JsonValue& indexValue = in.Field(o, "index", path);
        const uint64_t index = in.Integer(indexValue, path + "/index", 0);
        if (index > std::numeric_limits<uint32_t>::max())
        {
            in.Expected(indexValue, path + "/index", "a non-negative integer up to 4294967295");
        }
        p.index = static_cast<uint32_t>(index);
        p.name = in.String(in.Field(o, "name", path), path + "/name");
        if (p.name.empty())
        {
            in.Expected(o.at("name"), path + "/name", "the name of the last layer at the edge");
        }
        p.bytes = in.Integer(in.Field(o, "bytes", path), path + "/bytes", 0);
        if (!seconds || o.contains("edge_macs") || o.contains("cloud_macs"))
        {
            p.edgeMacs = in.Integer(in.Field(o, "edge_macs", path), path + "/edge_macs", 0);
            p.cloudMacs = in.Integer(in.Field(o, "cloud_macs", path), path + "/cloud_macs", 0);
        }
        if (seconds)
        {
            p.edgeSeconds = in.NonNegativeNumber(in.Field(o, "edge_s", path), path + "/edge_s");
            p.cloudSeconds = in.NonNegativeNumber(in.Field(o, "cloud_s", path), path + "/cloud_s");
        }
        if (!points.empty() && p.index <= points.back().index)
        {
            in.Fail(path + "/index",
                    "expected an index greater than the previous split point's " +
                        std::to_string(points.back().index));
        }
        points.push_back(p);
    }
    try
    {
        return SplitProfile(model,
                            seconds ? SplitCostUnit::SECONDS : SplitCostUnit::MACS,
                            std::move(points),
                            edgeDevice,
                            cloudDevice);
    }
    catch (const EdgeDnnError& e)
    {
        throw EdgeDnnError(source + ": " + e.what());
    }
}

std::string
SplitProfileFormat::WriteCsv(const SplitProfile& profile)
{
    const bool seconds = profile.GetCostUnit() == SplitCostUnit::SECONDS;
    RequireCsvName(profile.GetModelName(), "model name", false);
    if (seconds)
    {
        RequireCsvName(profile.GetEdgeDevice(), "edge device name", false);
        RequireCsvName(profile.GetCloudDevice(), "cloud device name", false);
    }
    std::ostringstream os;
    os << "# model: " << profile.GetModelName() << "\n";
    if (seconds)
    {
        os << "# edge_device: " << profile.GetEdgeDevice() << "\n"
           << "# cloud_device: " << profile.GetCloudDevice() << "\n";
    }
    os << "index,name,edge_macs,cloud_macs," << (seconds ? "edge_s,cloud_s," : "")
       << "bytes,data_ratio,edge_macs_per_input_byte\n";
    for (const SplitPoint& p : profile.GetSplitPoints())
    {
        RequireCsvName(p.name, "split point name", true);
        os << p.index << "," << p.name << "," << p.edgeMacs << "," << p.cloudMacs << ",";
        if (seconds)
        {
            os << SecondsText(p.edgeSeconds) << "," << SecondsText(p.cloudSeconds) << ",";
        }
        os << p.bytes << "," << std::setprecision(9) << p.dataRatio << "," << p.edgeMacsPerInputByte
           << "\n";
    }
    return os.str();
}

std::string
SplitProfileFormat::WriteJson(const SplitProfile& profile)
{
    const bool seconds = profile.GetCostUnit() == SplitCostUnit::SECONDS;
    std::ostringstream os;
    os << "{\n \"format\": \"edge-dnn-split-profile\",\n \"version\": 1,\n \"model\": "
       << WriteJsonText(profile.GetModelName())
       << ",\n \"cost_unit\": " << (seconds ? "\"seconds\"" : "\"macs\"");
    if (seconds)
    {
        os << ",\n \"edge_device\": " << WriteJsonText(profile.GetEdgeDevice())
           << ",\n \"cloud_device\": " << WriteJsonText(profile.GetCloudDevice());
    }
    if (profile.GetInputShape().GetRank() > 0)
    {
        JsonValue input = JsonValue::array();
        for (uint64_t d : profile.GetInputShape().GetDims())
        {
            input.push_back(d);
        }
        os << ",\n \"input\": " << WriteJsonText(input)
           << ",\n \"params\": " << profile.GetTotalParams()
           << ",\n \"macs\": " << profile.GetTotalMacs();
    }
    os << ",\n \"split_points\": [";
    bool first = true;
    for (const SplitPoint& p : profile.GetSplitPoints())
    {
        JsonValue o = JsonValue::object();
        o["index"] = p.index;
        o["name"] = p.name;
        o["edge_macs"] = p.edgeMacs;
        o["cloud_macs"] = p.cloudMacs;
        if (seconds)
        {
            o["edge_s"] = p.edgeSeconds;
            o["cloud_s"] = p.cloudSeconds;
        }
        o["bytes"] = p.bytes;
        o["data_ratio"] = p.dataRatio;
        o["edge_macs_per_input_byte"] = p.edgeMacsPerInputByte;
        if (!p.crossingTensors.empty())
        {
            JsonValue crossing = JsonValue::array();
            for (const auto& name : p.crossingTensors)
            {
                crossing.push_back(name);
            }
            o["crossing"] = std::move(crossing);
        }
        os << (first ? "\n  " : ",\n  ") << WriteJsonText(o);
        first = false;
    }
    os << "\n ]\n}\n";
    return os.str();
}

void
SplitProfileFormat::WriteFile(const SplitProfile& profile, const std::string& path)
{
    std::string text;
    if (EndsWith(path, ".csv"))
    {
        text = WriteCsv(profile);
    }
    else if (EndsWith(path, ".json"))
    {
        text = WriteJson(profile);
    }
    else
    {
        throw EdgeDnnError(path + ": unknown split-profile format; expected a .csv or .json file");
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
    {
        throw EdgeDnnError(path + ": cannot write the split profile");
    }
}

} // namespace edgednn
} // namespace ns3
