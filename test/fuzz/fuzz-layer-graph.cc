/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer harness of the layer-graph reader (LayerGraphFormat::Parse). Bad input must end in an
// EdgeDnnError; a model that reads must write back (LayerGraphFormat::Write) and read again to the
// same model, figure by figure, and write to the same text.

#include "edge-dnn-layer-graph-format.h"
#include "fuzz-util.h"

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
    CnnModel model;
    if (!fuzz::ReadOrEdgeDnnError(
            "LayerGraphFormat::Parse",
            text,
            [&] { return LayerGraphFormat::Parse(text, "fuzz.json"); },
            model))
    {
        return 0;
    }
    const std::string written = fuzz::MustSucceed("LayerGraphFormat::Write", text, [&] {
        return LayerGraphFormat::Write(model);
    });
    const CnnModel again =
        fuzz::MustSucceed("LayerGraphFormat::Parse of the written model", written, [&] {
            return LayerGraphFormat::Parse(written, "written.json");
        });
    fuzz::ExpectSame("layer graph", fuzz::Describe(model), fuzz::Describe(again), written);
    const std::string rewritten = LayerGraphFormat::Write(again);
    fuzz::ExpectSame("layer graph text", written, rewritten, written);
    return 0;
}
