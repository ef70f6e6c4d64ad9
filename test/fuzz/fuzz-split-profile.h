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

} // namespace fuzz
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FUZZ_SPLIT_PROFILE_H */
