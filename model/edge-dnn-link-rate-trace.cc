/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-link-rate-trace.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-error.h"
#include "edge-dnn-named-attribute-checker.h"
#include "edge-dnn-number-converting-accessor.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/simulator.h"
#include "ns3/string.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("LinkRateTrace");

NS_OBJECT_ENSURE_REGISTERED(LinkRateTrace);

namespace
{

/// The header line of a trace file.
const char* const HEADER = "time_s,rate_bps";

/// Largest rate a trace may set after scaling (bit/s): 10 Tbit/s, as UplinkCapacity.
const double MAX_RATE_BPS = 1e13;

/// Largest time a point may have after scaling (s): about 31.7 years, well inside ns-3's Time.
const double MAX_TIME_S = 1e9;

/**
 * \param text a text
 * \return it without leading and trailing blanks (spaces, tabs, CR)
 */
std::string
Trim(const std::string& text)
{
    const std::size_t begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos)
    {
        return "";
    }
    const std::size_t end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

/**
 * \brief Read a whole field as a number.
 * \param field the field, trimmed
 * \param [out] value the number
 * \return false if the field is not one number (empty, trailing text)
 */
bool
ParseNumber(const std::string& field, double& value)
{
    if (field.empty())
    {
        return false;
    }
    const char* begin = field.c_str();
    char* end = nullptr;
    errno = 0;
    value = std::strtod(begin, &end);
    return end == begin + field.size() && end != begin;
}

/**
 * \param x a number
 * \return it as text, as a user would write it
 */
std::string
Text(double x)
{
    std::ostringstream s;
    s << x;
    return s.str();
}

} // namespace

TypeId
LinkRateTrace::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::LinkRateTrace")
            .SetParent<Object>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<LinkRateTrace>()
            .AddAttribute("File",
                          "CSV trace: '#' comment lines, the header time_s,rate_bps, then rows "
                          "time (s, strictly increasing from >= 0),rate (bit/s, > 0). Empty: "
                          "the points come from SetPoints.",
                          StringValue(""),
                          MakeStringAccessor(&LinkRateTrace::m_file),
                          MakeNamedChecker("ns3::LinkRateTrace::File",
                                           MakeStringChecker(),
                                           "a CSV file's path"))
            .AddAttribute(
                "RateScale",
                "Factor multiplying every rate of the trace (> 0), so that one shape "
                "serves several capacities.",
                DoubleValue(1.0),
                MakeConvertingDoubleAccessor(&LinkRateTrace::m_rateScale),
                MakeBoundedDoubleChecker("ns3::LinkRateTrace::RateScale", 0, true, 1e6, ""))
            .AddAttribute(
                "TimeScale",
                "Factor multiplying every time of the trace (> 0), e.g. 1/1440 plays "
                "a day in one minute.",
                DoubleValue(1.0),
                MakeConvertingDoubleAccessor(&LinkRateTrace::m_timeScale),
                MakeBoundedDoubleChecker("ns3::LinkRateTrace::TimeScale", 0, true, 1e6, ""))
            .AddAttribute("Loop",
                          "Repeat the trace with period t_last + (t_last - t_before_last): the "
                          "last rate holds as long as the step before it.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&LinkRateTrace::m_loop),
                          MakeBooleanChecker())
            .AddTraceSource("Rate",
                            "The transmit rate set on the device (every change, the first one "
                            "included).",
                            MakeTraceSourceAccessor(&LinkRateTrace::m_rateTrace),
                            "ns3::edgednn::LinkRateTrace::RateTracedCallback");
    return tid;
}

LinkRateTrace::LinkRateTrace()
{
    NS_LOG_FUNCTION(this);
}

LinkRateTrace::~LinkRateTrace()
{
    NS_LOG_FUNCTION(this);
}

void
LinkRateTrace::SetPoints(const std::vector<Point>& points)
{
    NS_LOG_FUNCTION(this << points.size());
    std::vector<RawPoint> raw;
    for (std::size_t i = 0; i < points.size(); ++i)
    {
        const std::string from = "point " + std::to_string(i);
        if (points[i].first.IsStrictlyNegative())
        {
            // Negated first: ns-3 3.37's Time::GetSeconds shifts a negative value left (undefined).
            throw EdgeDnnError("LinkRateTrace::SetPoints: " + from + ": time " +
                               Text(-(Seconds(0) - points[i].first).GetSeconds()) +
                               " s; expected a time >= 0");
        }
        raw.push_back(RawPoint{points[i].first.GetSeconds(),
                               static_cast<double>(points[i].second.GetBitRate()),
                               from});
        const RawPoint& p = raw.back();
        const std::string where = "LinkRateTrace::SetPoints: " + p.from + ": ";
        if (i > 0 && points[i].first <= points[i - 1].first)
        {
            throw EdgeDnnError(where + "time " + Text(p.timeS) +
                               " s; expected a time after the previous point's " +
                               Text(raw[i - 1].timeS) + " s (strictly increasing)");
        }
        if (points[i].second.GetBitRate() == 0)
        {
            throw EdgeDnnError(where + "rate 0 bit/s; expected a rate > 0");
        }
    }
    if (raw.empty())
    {
        throw EdgeDnnError("LinkRateTrace::SetPoints: no points; expected at least one");
    }
    m_raw = raw;
    m_pointsSet = true;
    m_loaded = false;
    m_loadedFile.clear();
}

std::vector<LinkRateTrace::RawPoint>
LinkRateTrace::ReadFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
    {
        throw EdgeDnnError(path + ": cannot open the bandwidth trace: " + std::strerror(errno) +
                           "; expected a CSV file with the header " + HEADER);
    }
    std::vector<RawPoint> points;
    bool header = false;
    std::string line;
    for (uint64_t lineNo = 1; std::getline(in, line); ++lineNo)
    {
        const std::string text = Trim(line);
        if (text.empty() || text[0] == '#')
        {
            continue;
        }
        const std::string where = path + ":" + std::to_string(lineNo) + ": ";
        if (!header)
        {
            std::string compact;
            for (char c : text)
            {
                if (c != ' ' && c != '\t')
                {
                    compact += c;
                }
            }
            if (compact != HEADER)
            {
                throw EdgeDnnError(where + "header '" + text + "'; expected the header " + HEADER);
            }
            header = true;
            continue;
        }
        const std::size_t comma = text.find(',');
        if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos)
        {
            throw EdgeDnnError(where + "'" + text +
                               "' is not a row of two fields; expected time_s,rate_bps (two "
                               "numbers separated by a comma)");
        }
        const std::string timeField = Trim(text.substr(0, comma));
        const std::string rateField = Trim(text.substr(comma + 1));
        double timeS = 0;
        double rateBps = 0;
        if (!ParseNumber(timeField, timeS))
        {
            throw EdgeDnnError(where + "time '" + timeField + "' is not a number; expected " +
                               "the time in seconds");
        }
        if (!ParseNumber(rateField, rateBps))
        {
            throw EdgeDnnError(where + "rate '" + rateField + "' is not a number; expected " +
                               "the rate in bit/s");
        }
        if (!std::isfinite(timeS))
        {
            throw EdgeDnnError(where + "time '" + timeField +
                               "' is not finite; expected a time in seconds >= 0");
        }
        if (!std::isfinite(rateBps))
        {
            throw EdgeDnnError(where + "rate '" + rateField +
                               "' is not finite; expected a rate in bit/s > 0");
        }
        if (timeS < 0)
        {
            throw EdgeDnnError(where + "time " + timeField + " s; expected a time >= 0");
        }
        if (!points.empty() && timeS <= points.back().timeS)
        {
            throw EdgeDnnError(where + "time " + timeField +
                               " s; expected a time after the previous row's " +
                               Text(points.back().timeS) + " s (" + points.back().from +
                               "; times strictly increasing)");
        }
        if (rateBps <= 0)
        {
            throw EdgeDnnError(where + "rate " + rateField + " bit/s; expected a rate > 0");
        }
        points.push_back(RawPoint{timeS, rateBps, path + ":" + std::to_string(lineNo)});
    }
    if (in.bad())
    {
        throw EdgeDnnError(path + ": cannot read the bandwidth trace: " + std::strerror(errno));
    }
    if (!header)
    {
        throw EdgeDnnError(path + ": no header; expected the header " + std::string(HEADER) +
                           " and at least one row");
    }
    if (points.empty())
    {
        throw EdgeDnnError(path + ": no rows after the header; expected at least one row " +
                           "time_s,rate_bps");
    }
    return points;
}

void
LinkRateTrace::Load() const
{
    if (m_pointsSet && !m_file.empty())
    {
        throw EdgeDnnError("LinkRateTrace: both File ('" + m_file +
                           "') and SetPoints give points; expected one of them");
    }
    if (!m_pointsSet)
    {
        if (m_file.empty())
        {
            throw EdgeDnnError("LinkRateTrace: no points; expected the attribute File (a CSV "
                               "trace) or SetPoints");
        }
        if (m_file != m_loadedFile)
        {
            m_raw = ReadFile(m_file);
            m_loadedFile = m_file;
            m_loaded = false;
        }
    }
    if (!m_loaded || m_loadedRateScale != m_rateScale || m_loadedTimeScale != m_timeScale)
    {
        Scale();
    }
}

void
LinkRateTrace::Scale() const
{
    std::vector<Point> points;
    for (const RawPoint& p : m_raw)
    {
        const double timeS = p.timeS * m_timeScale;
        const double rateBps = std::round(p.rateBps * m_rateScale);
        if (timeS > MAX_TIME_S)
        {
            throw EdgeDnnError(p.from + ": time " + Text(p.timeS) + " s x TimeScale " +
                               Text(m_timeScale) + " = " + Text(timeS) + " s; expected at most " +
                               Text(MAX_TIME_S) + " s");
        }
        if (rateBps < 1 || rateBps > MAX_RATE_BPS)
        {
            throw EdgeDnnError(p.from + ": rate " + Text(p.rateBps) + " bit/s x RateScale " +
                               Text(m_rateScale) + " = " + Text(p.rateBps * m_rateScale) +
                               " bit/s; expected a rate in [1, " + Text(MAX_RATE_BPS) + "] bit/s");
        }
        const Time t = Seconds(timeS);
        if (!points.empty() && t <= points.back().first)
        {
            throw EdgeDnnError(p.from + ": time " + Text(p.timeS) + " s x TimeScale " +
                               Text(m_timeScale) +
                               " is not after the previous point's at ns resolution; expected "
                               "a larger TimeScale or points further apart");
        }
        points.emplace_back(t, DataRate(static_cast<uint64_t>(rateBps)));
    }
    const std::size_t n = points.size();
    m_period = n > 1 ? points[n - 1].first + (points[n - 1].first - points[n - 2].first) : Time();
    m_points = points;
    m_loaded = true;
    m_loadedRateScale = m_rateScale;
    m_loadedTimeScale = m_timeScale;
}

std::vector<LinkRateTrace::Point>
LinkRateTrace::GetPoints() const
{
    Load();
    return m_points;
}

Time
LinkRateTrace::GetPeriod() const
{
    Load();
    return m_period;
}

Time
LinkRateTrace::TimeOf(int64_t cycle, std::size_t index) const
{
    return m_points[index].first + m_period * cycle;
}

DataRate
LinkRateTrace::GetRateAt(Time t) const
{
    Load();
    const std::size_t n = m_points.size();
    Time r = t;
    bool earlierCycle = false;
    if (m_loop && n > 1 && t >= m_period)
    {
        const int64_t cycle = t.GetTimeStep() / m_period.GetTimeStep();
        r = t - m_period * cycle;
        earlierCycle = true;
    }
    if (r < m_points[0].first)
    {
        // Before the first point: the last rate of the cycle before, or none.
        return earlierCycle ? m_points[n - 1].second : DataRate(0);
    }
    std::size_t i = 0;
    while (i + 1 < n && m_points[i + 1].first <= r)
    {
        ++i;
    }
    return m_points[i].second;
}

Ptr<NetDevice>
LinkRateTrace::GetDevice() const
{
    return m_device;
}

void
LinkRateTrace::Install(Ptr<NetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    if (!device)
    {
        throw EdgeDnnError("LinkRateTrace::Install: no device; expected a PointToPointNetDevice");
    }
    Ptr<PointToPointNetDevice> p2p = DynamicCast<PointToPointNetDevice>(device);
    const std::string which =
        device->GetInstanceTypeId().GetName() + " (device " + std::to_string(device->GetIfIndex()) +
        " of node " +
        (device->GetNode() ? std::to_string(device->GetNode()->GetId()) : std::string("none")) +
        ")";
    if (!p2p)
    {
        throw EdgeDnnError("LinkRateTrace::Install: " + which +
                           " is not a PointToPointNetDevice; expected an "
                           "ns3::PointToPointNetDevice, whose DataRate attribute sets its "
                           "transmit rate");
    }
    if (m_device)
    {
        throw EdgeDnnError("LinkRateTrace::Install: this trace drives a device already (" +
                           m_device->GetInstanceTypeId().GetName() +
                           "); expected a new LinkRateTrace for each device");
    }
    if (device->GetObject<LinkRateTrace>())
    {
        throw EdgeDnnError("LinkRateTrace::Install: " + which +
                           " has a LinkRateTrace already; expected one trace per device (a "
                           "second one would fight over its DataRate)");
    }
    Load();
    m_device = device;
    device->AggregateObject(this);

    // The point in effect now, and the next one.
    const Time now = Simulator::Now();
    const std::size_t n = m_points.size();
    const bool loops = m_loop && n > 1;
    int64_t cycle = loops ? now.GetTimeStep() / m_period.GetTimeStep() : 0;
    std::size_t next = 0;
    while (next < n && TimeOf(cycle, next) <= now)
    {
        ++next;
    }
    const bool current = next > 0 || cycle > 0;
    if (current)
    {
        const DataRate r = next > 0 ? m_points[next - 1].second : m_points[n - 1].second;
        SetRate(r, false);
        m_announce = Simulator::ScheduleNow(&LinkRateTrace::Announce, this, r);
    }
    if (next == n && loops)
    {
        next = 0;
        ++cycle;
    }
    m_cycle = cycle;
    m_next = next;
    ScheduleNext();
}

void
LinkRateTrace::ScheduleNext()
{
    if (m_next >= m_points.size())
    {
        return;
    }
    const Time at = TimeOf(m_cycle, m_next);
    m_event = Simulator::Schedule(at - Simulator::Now(), &LinkRateTrace::Apply, this, m_next);
}

void
LinkRateTrace::Apply(std::size_t index)
{
    NS_LOG_FUNCTION(this << index);
    SetRate(m_points[index].second, true);
    m_next = index + 1;
    if (m_next == m_points.size() && m_loop && m_points.size() > 1)
    {
        m_next = 0;
        ++m_cycle;
    }
    ScheduleNext();
}

void
LinkRateTrace::Announce(DataRate rate)
{
    m_rateTrace(rate);
}

void
LinkRateTrace::SetRate(DataRate rate, bool announce)
{
    NS_LOG_INFO("t=" << Simulator::Now().As(Time::S) << " rate " << rate);
    DynamicCast<PointToPointNetDevice>(m_device)->SetDataRate(rate);
    if (announce)
    {
        m_rateTrace(rate);
    }
}

void
LinkRateTrace::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_event.Cancel();
    m_announce.Cancel();
    m_device = nullptr;
    Object::DoDispose();
}

} // namespace edgednn
} // namespace ns3
