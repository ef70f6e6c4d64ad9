/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer harness of the JSON split-profile reader (SplitProfileFormat::ParseJson). Bad input
// must end in an EdgeDnnError; a profile that reads must write back as JSON and read again to the
// same profile, and likewise through the other format unless its writer refuses it with an
// EdgeDnnError.

#include "fuzz-split-profile.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace ns3::edgednn;

/**
 * \brief libFuzzer's entry point: one input.
 * \param data the input's bytes
 * \param size their number
 * \return 0 (findings abort)
 */
extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    SplitProfile profile;
    if (!fuzz::ReadOrEdgeDnnError(
            "SplitProfileFormat::ParseJson",
            text,
            [&] { return SplitProfileFormat::ParseJson(text, "fuzz.json"); },
            profile))
    {
        return 0;
    }
    fuzz::CheckRoundTrip(profile, /* csv = */ false, /* mayRefuse = */ false);
    fuzz::CheckRoundTrip(profile, /* csv = */ true, /* mayRefuse = */ true);
    return 0;
}
