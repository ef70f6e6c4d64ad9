/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_FUZZ_UTIL_H
#define EDGE_DNN_FUZZ_UTIL_H

// Shared by the libFuzzer harnesses of test/fuzz: how a finding is reported, and complete, exact
// descriptions of what the readers return, so that a round trip (read, write, read again) can be
// compared field by field.

#include "cnn-model.h"
#include "edge-dnn-error.h"
#include "edge-dnn-split-profile.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>

namespace ns3
{
namespace edgednn
{
namespace fuzz
{

/**
 * \brief Report a finding on stderr and abort, so that libFuzzer keeps the input as a crash file.
 * \param what what went wrong
 * \param detail the texts or values involved
 */
[[noreturn]] inline void
Finding(const std::string& what, const std::string& detail)
{
    std::fprintf(stderr,
                 "\n=== edge-dnn fuzz finding: %s\n%s\n===\n",
                 what.c_str(),
                 detail.c_str());
    std::abort();
}

/**
 * \brief Run a step that must succeed; any exception is a finding.
 * \param step what the step is, for the report
 * \param input the text it works on, for the report
 * \param f the step
 * \return what f returns
 */
template <typename F>
auto
MustSucceed(const std::string& step, const std::string& input, F f)
{
    try
    {
        return f();
    }
    catch (const std::exception& e)
    {
        Finding(step + " threw", std::string(e.what()) + "\n--- input:\n" + input);
    }
    catch (...)
    {
        Finding(step + " threw a non-std::exception", "--- input:\n" + input);
    }
}

/**
 * \brief Run a reader on fuzzed input: an EdgeDnnError is the expected outcome for bad input,
 * anything else thrown is a finding.
 * \param reader what it is, for the report
 * \param input the input
 * \param f the reader, a callable returning what it read
 * \param out where the result goes when it reads
 * \return true if it read, false on an EdgeDnnError
 */
template <typename F, typename T>
bool
ReadOrEdgeDnnError(const std::string& reader, const std::string& input, F f, T& out)
{
    try
    {
        out = f();
        return true;
    }
    catch (const EdgeDnnError&)
    {
        return false;
    }
    catch (const std::exception& e)
    {
        Finding(reader + " threw an exception other than EdgeDnnError", e.what());
    }
    catch (...)
    {
        Finding(reader + " threw a non-std::exception", "");
    }
}

/**
 * \brief A double as exact text (hexadecimal floating point; NaN and infinities by name).
 * \param d the value
 * \return its text
 */
inline std::string
Exact(double d)
{
    std::ostringstream os;
    os << std::hexfloat << d;
    return os.str();
}

/**
 * \brief Every figure of a finalised model, layer by layer in topological order.
 * \param model the model
 * \return its description
 */
inline std::string
Describe(const CnnModel& model)
{
    std::ostringstream os;
    os << "model '" << model.GetName() << "' layers " << model.GetLayerCount() << " macs "
       << model.GetTotalMacs() << " params " << model.GetTotalParams() << " input "
       << model.GetInputShape().ToString() << "\n";
    for (CnnModel::LayerId id : model.GetOrder())
    {
        const CnnLayer& l = model.GetLayer(id);
        os << "  '" << l.GetName() << "' " << CnnLayer::TypeToString(l.GetType()) << " in "
           << l.GetInputShape().ToString() << " out " << l.GetOutputShape().ToString() << " macs "
           << l.GetMacs() << " params " << l.GetParams() << " inputs";
        for (CnnModel::LayerId from : model.GetInputs(id))
        {
            os << " '" << model.GetLayer(from).GetName() << "'";
        }
        os << "\n";
    }
    return os.str();
}

/**
 * \brief Every field of a profile and of each of its split points.
 * \param p the profile
 * \return its description
 */
inline std::string
Describe(const SplitProfile& p)
{
    std::ostringstream os;
    os << "profile '" << p.GetModelName() << "' unit "
       << (p.GetCostUnit() == SplitCostUnit::MACS ? "macs" : "seconds") << " edge '"
       << p.GetEdgeDevice() << "' cloud '" << p.GetCloudDevice() << "' input "
       << p.GetInputShape().ToString() << " " << p.GetInputBytes() << " B macs " << p.GetTotalMacs()
       << " params " << p.GetTotalParams() << "\n";
    for (const SplitPoint& s : p.GetSplitPoints())
    {
        os << "  " << s.index << " '" << s.name << "' edge " << s.edgeMacs << " cloud "
           << s.cloudMacs << " edge_s " << Exact(s.edgeSeconds) << " cloud_s "
           << Exact(s.cloudSeconds) << " bytes " << s.bytes << " r " << Exact(s.dataRatio) << " l "
           << Exact(s.edgeMacsPerInputByte) << " crossing";
        for (const auto& name : s.crossingTensors)
        {
            os << " '" << name << "'";
        }
        os << "\n";
    }
    return os.str();
}

/**
 * \brief Abort unless two descriptions are equal.
 * \param what what was compared, for the report
 * \param first the description of what was read first
 * \param again the description of what was read back
 * \param written the text written in between
 */
inline void
ExpectSame(const std::string& what,
           const std::string& first,
           const std::string& again,
           const std::string& written)
{
    if (first != again)
    {
        Finding(what + ": read, written and read again, it differs",
                "--- first read:\n" + first + "--- read again:\n" + again + "--- written:\n" +
                    written);
    }
}

} // namespace fuzz
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_FUZZ_UTIL_H */
