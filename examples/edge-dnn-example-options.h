/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup edge-dnn
 * What the example programs share to check their numeric command-line values: parsers that take
 * an option's text and return its value within bounds, checks of values CommandLine parsed
 * already, and the bounds several programs share (simulated time, frame rate, latency bound,
 * compute capacity, data rate, bytes per element).
 *
 * ns-3's CommandLine reads a number with operator>> and checks neither sign, range nor trailing
 * text: "-1" given to a uint32_t becomes 4294967295, "1e5" becomes 1 and "5x" becomes 5, and a
 * double accepts 1e308, which overflows once scaled (Mbit/s to bit/s) or turned into a Time. So a
 * program declares each integer option, and each real one it owns, as a std::string holding its
 * default, and converts it after CommandLine::Parse with ParseInteger or ParseNumber; a value
 * CommandLine parsed as a double already (CommonOptions of edge-dnn-example-report.h) is checked
 * with CheckNumber. Each throws EdgeDnnError with a message that names the option, the value given
 * and what is expected:
 *
 *     --tasks: expected an integer from 1 to 10000, got -1
 *
 * which the programs print before exiting with status 1, before anything is simulated or recorded.
 * The bounds are generous but safe; RangeText writes them into the options' help strings.
 */

#ifndef EDGE_DNN_EXAMPLE_OPTIONS_H
#define EDGE_DNN_EXAMPLE_OPTIONS_H

#include "ns3/edge-dnn-error.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iomanip>
#include <sstream>
#include <string>

namespace ns3
{
namespace edgednn
{
namespace example
{

/**
 * Shortest simulated time (s). The examples' cameras start 0.1 to 0.5 s into the run: a shorter run
 * stopped them before they started (and ns-3 then let them run on) or left them no time to send.
 */
constexpr double MIN_SIM_TIME_S = 1;
/**
 * Longest simulated time (s), about 11.6 days. ns-3's Time holds +-9.2e9 s (int64 ns): larger
 * values wrapped around before, and the runs stopped at once with 0 frames. 1e6 s leaves ample room
 * for the extra second the examples simulate and for sums of times, and at MAX_FRAME_RATE keeps a
 * camera's frames (at most 1e9) within the 32-bit frame sequence of the message header.
 */
constexpr double MAX_SIM_TIME_S = 1e6;
/// Lowest frame rate (frames/s): one frame every 1000 s; 1/rate must stay a representable Time.
constexpr double MIN_FRAME_RATE = 1e-3;
/// Highest frame rate (frames/s), well above any camera's (see MAX_SIM_TIME_S).
constexpr double MAX_FRAME_RATE = 1e3;
/// Shortest latency bound Q_j (ms).
constexpr double MIN_DEADLINE_MS = 1;
/// Longest latency bound Q_j (ms): 1000 s; 1e308 ms overflowed ns-3's Time and aborted.
constexpr double MAX_DEADLINE_MS = 1e6;
/**
 * Lowest compute capacity c_i (MAC/s), 1 MMAC/s: the zoo's largest network (vgg19, 19.6 GMAC) then
 * takes about 5.5 h per frame, still a representable Time.
 */
constexpr double MIN_CAPACITY_MACS = 1e6;
/**
 * Highest compute capacity c_i (MAC/s), 1e18 MAC/s, a thousand times today's largest accelerators;
 * sums over many servers stay far from a double's range.
 */
constexpr double MAX_CAPACITY_MACS = 1e18;
/**
 * Lowest data rate b_i (bit/s), 1 kbit/s: a frame of a few MB then takes hours, still a
 * representable Time.
 */
constexpr double MIN_RATE_BPS = 1e3;
/**
 * Highest data rate b_i (bit/s), 1 Tbit/s: fits ns-3's 64-bit DataRate with room for the pacing
 * headroom and for sums over servers.
 */
constexpr double MAX_RATE_BPS = 1e12;
/// MIN_RATE_BPS to MAX_RATE_BPS as a data rate is written on the command line (ns-3 has no Tbps).
constexpr const char* RATE_RANGE_TEXT = "1kbps to 1000Gbps";
/// Largest pacing headroom (paced rate over allocated rate): 100 times is no pacing at all.
constexpr double MAX_PACING_HEADROOM = 100;
/// Fewest bytes per tensor element (B): 1 bit, binarised features.
constexpr double MIN_BYTES_PER_ELEMENT = 0.125;
/// Most bytes per tensor element (B): 8, float64, the widest element type frameworks send.
constexpr double MAX_BYTES_PER_ELEMENT = 8;

/**
 * \brief Write a number for a message or a help string: whole numbers below 1e15 in full, others
 * with up to 15 significant digits.
 * \param value the number
 * \return its text, e.g. "100000", "0.125", "1e+18"
 */
inline std::string
FormatNumber(double value)
{
    std::ostringstream os;
    os << std::setprecision(15) << value;
    return os.str();
}

/**
 * \brief Describe a closed range, for a message or a help string.
 * \param min the smallest value accepted
 * \param max the largest value accepted
 * \param unit the unit ("" for none)
 * \return e.g. "1 to 10000" or "0.001 to 1000000 Mbit/s"
 */
inline std::string
RangeText(double min, double max, const std::string& unit = "")
{
    return FormatNumber(min) + " to " + FormatNumber(max) + (unit.empty() ? "" : " " + unit);
}

/**
 * \brief Reject the value of an option.
 * \param option the option's name (without "--")
 * \param expected what the option takes, e.g. "an integer from 1 to 10000"
 * \param given the value as given
 * \throws EdgeDnnError "--OPTION: expected EXPECTED, got GIVEN", always
 */
[[noreturn]] inline void
RejectValue(const std::string& option, const std::string& expected, const std::string& given)
{
    throw EdgeDnnError("--" + option + ": expected " + expected + ", got " +
                       (given.empty() ? std::string("nothing") : given));
}

/**
 * \brief Parse the text of an integer option and check its bounds.
 *
 * The text must be decimal digits, optionally after a '+': no sign '-', exponent, fraction,
 * spaces or trailing characters.
 *
 * \param option the option's name (without "--")
 * \param text the value as given
 * \param min the smallest value accepted
 * \param max the largest value accepted
 * \return the value
 * \throws EdgeDnnError naming the option, the text and the range if the text is not an integer
 * from min to max
 */
inline uint32_t
ParseInteger(const std::string& option, const std::string& text, uint32_t min, uint32_t max)
{
    const std::string expected = "an integer from " + RangeText(min, max);
    std::size_t first = (!text.empty() && text[0] == '+') ? 1 : 0;
    if (first == text.size())
    {
        RejectValue(option, expected, text);
    }
    uint64_t value = 0;
    for (std::size_t i = first; i < text.size(); ++i)
    {
        if (text[i] < '0' || text[i] > '9')
        {
            RejectValue(option, expected, text);
        }
        value = value * 10 + static_cast<uint64_t>(text[i] - '0');
        if (value > max)
        {
            RejectValue(option, expected, text);
        }
    }
    if (value < min)
    {
        RejectValue(option, expected, text);
    }
    return static_cast<uint32_t>(value);
}

/**
 * \brief Check a real number an option holds.
 * \param option the option's name (without "--")
 * \param value the value (NaN and infinities fail)
 * \param min the smallest value accepted
 * \param max the largest value accepted
 * \param unit its unit, for the message ("" for none)
 * \param given the value as given, for the message ("": value written with FormatNumber)
 * \throws EdgeDnnError naming the option, the value and the range if value is not in [min, max]
 */
inline void
CheckNumber(const std::string& option,
            double value,
            double min,
            double max,
            const std::string& unit,
            const std::string& given = "")
{
    // Written so that NaN fails too.
    if (!(value >= min && value <= max))
    {
        RejectValue(option,
                    "a number from " + RangeText(min, max, unit),
                    given.empty() ? FormatNumber(value) : given);
    }
}

/**
 * \brief Parse the text of a real-number option and check its bounds.
 *
 * The whole text must be a number as strtod reads it ("20", "0.5", "1e9"); "nan", "inf", values
 * out of a double's range, spaces and trailing characters fail.
 *
 * \param option the option's name (without "--")
 * \param text the value as given
 * \param min the smallest value accepted
 * \param max the largest value accepted
 * \param unit its unit, for the message ("" for none)
 * \return the value
 * \throws EdgeDnnError naming the option, the text and the range if the text is not a number in
 * [min, max]
 */
inline double
ParseNumber(const std::string& option,
            const std::string& text,
            double min,
            double max,
            const std::string& unit)
{
    const char* begin = text.c_str();
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(begin, &end);
    const bool whole = !text.empty() && end == begin + text.size() &&
                       !std::isspace(static_cast<unsigned char>(text[0]));
    if (!whole || errno == ERANGE || !std::isfinite(value))
    {
        RejectValue(option, "a number from " + RangeText(min, max, unit), text);
    }
    CheckNumber(option, value, min, max, unit, text);
    return value;
}

/**
 * \brief Check a data rate an option holds (parsed by ParseRate of edge-dnn-example-report.h).
 * \param option the option's name (without "--")
 * \param text the value as given, e.g. "4Mbps"
 * \param bitRate the rate it stands for (bit/s)
 * \throws EdgeDnnError naming the option, the text and the range if bitRate is not within
 * [MIN_RATE_BPS, MAX_RATE_BPS]
 */
inline void
CheckRate(const std::string& option, const std::string& text, uint64_t bitRate)
{
    const double rate = static_cast<double>(bitRate);
    if (!(rate >= MIN_RATE_BPS && rate <= MAX_RATE_BPS))
    {
        RejectValue(option, std::string("a data rate from ") + RATE_RANGE_TEXT, text);
    }
}

/**
 * \brief The bounds CheckCommonOptions applies, for the usage text of a program with
 * CommonOptions (whose help strings do not give them).
 * \return a sentence naming each option and its bounds
 */
inline std::string
CommonOptionsBoundsText()
{
    return "Bounds: --edgeCapacity " + RangeText(MIN_CAPACITY_MACS, MAX_CAPACITY_MACS, "MAC/s") +
           ", --frameRate " + RangeText(MIN_FRAME_RATE, MAX_FRAME_RATE, "frames/s") +
           ", --deadline " + RangeText(MIN_DEADLINE_MS, MAX_DEADLINE_MS, "ms") +
           ", --deviceCapacity " + RangeText(0, MAX_CAPACITY_MACS, "MAC/s") + ", --simTime " +
           RangeText(MIN_SIM_TIME_S, MAX_SIM_TIME_S, "s") + ".";
}

/**
 * \brief Check the values of the options the integration examples share (CommonOptions of
 * edge-dnn-example-report.h, read by CommandLine as doubles) against the bounds above: c_i, frame
 * rate, latency bound, device capacity and simulated time. CommonOptions::Validate() checks their
 * sign only.
 * \tparam Options CommonOptions (a parameter, so that this header need not include that one)
 * \param o the options, parsed
 * \throws EdgeDnnError naming the first option out of its bounds
 */
template <typename Options>
void
CheckCommonOptions(const Options& o)
{
    CheckNumber("edgeCapacity", o.edgeCapacity, MIN_CAPACITY_MACS, MAX_CAPACITY_MACS, "MAC/s");
    CheckNumber("frameRate", o.frameRate, MIN_FRAME_RATE, MAX_FRAME_RATE, "frames/s");
    CheckNumber("deadline", o.deadlineMs, MIN_DEADLINE_MS, MAX_DEADLINE_MS, "ms");
    CheckNumber("deviceCapacity", o.deviceCapacity, 0, MAX_CAPACITY_MACS, "MAC/s");
    CheckNumber("simTime", o.simTime, MIN_SIM_TIME_S, MAX_SIM_TIME_S, "s");
}

} // namespace example
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_EXAMPLE_OPTIONS_H */
