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
    fuzz::FuzzSplitProfileReader(data, size, /* csv = */ false);
    return 0;
}
