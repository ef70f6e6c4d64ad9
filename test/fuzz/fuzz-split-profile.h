/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FUZZ_SPLIT_PROFILE_H
#define EDGE_DNN_FUZZ_SPLIT_PROFILE_H

// The round trips of a split profile that read: written in its own format it must read again to
// the same profile; written in the other format it must too, unless the writer refuses it with an
// EdgeDnnError (CSV cannot hold every name JSON can).

#include "edge-dnn-split-profile-format.h"
#include "fuzz-util.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace ns3
{
namespace edgednn
{
namespace fuzz
{

/**
 * \brief Write a profile in one format and read it back; abort unless it is the same profile.
 * \param profile what was read from the fuzzed input
 * \param csv write and read CSV (else JSON)
 * \param mayRefuse whether the writer may refuse the profile with an EdgeDnnError
 */
inline void
CheckRoundTrip(const SplitProfile& profile, bool csv, bool mayRefuse)
{
    const std::string format = csv ? "CSV" : "JSON";
    const std::string first = Describe(profile);
    std::string written;
    try
    {
        written =
            csv ? SplitProfileFormat::WriteCsv(profile) : SplitProfileFormat::WriteJson(profile);
    }
    catch (const EdgeDnnError& e)
    {
        if (mayRefuse)
        {
            return;
        }
        Finding("SplitProfileFormat::Write" + format + " refused a profile its reader read",
                std::string(e.what()) + "\n--- profile:\n" + first);
    }
    catch (const std::exception& e)
    {
        Finding("SplitProfileFormat::Write" + format + " threw",
                std::string(e.what()) + "\n" + first);
    }
    const SplitProfile again =
        MustSucceed("SplitProfileFormat::Parse" + format + " of the written profile", written, [&] {
            return csv ? SplitProfileFormat::ParseCsv(written, "written.csv")
                       : SplitProfileFormat::ParseJson(written, "written.json");
        });
    ExpectSame("split profile through " + format, first, Describe(again), written);
}

/**
 * \brief One fuzzed input of a split-profile reader: it must read or end in an EdgeDnnError, and
 * what reads must go round through its own format, and through the other unless that refuses it.
 * \param data the input's bytes
 * \param size their number
 * \param csv whether the input is read as CSV (else JSON)
 */
inline void
FuzzSplitProfileReader(const uint8_t* data, std::size_t size, bool csv)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    SplitProfile profile;
    if (!ReadOrEdgeDnnError(
            csv ? "SplitProfileFormat::ParseCsv" : "SplitProfileFormat::ParseJson",
            text,
            [&] {
                return csv ? SplitProfileFormat::ParseCsv(text, "fuzz.csv")
                           : SplitProfileFormat::ParseJson(text, "fuzz.json");
            },
            profile))
    {
        return;
    }
    CheckRoundTrip(profile, csv, /* mayRefuse = */ false);
    CheckRoundTrip(profile, !csv, /* mayRefuse = */ true);
}

} // namespace fuzz
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FUZZ_SPLIT_PROFILE_H */
