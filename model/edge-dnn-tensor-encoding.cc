/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-tensor-encoding.h"

#include "edge-dnn-checked-arithmetic.h"
#include "edge-dnn-error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>
#include <utility>

namespace ns3
{
namespace edgednn
{

namespace
{

/// Element types and their sizes in bytes.
const std::array<std::pair<const char*, double>, 8> g_elementTypes{{
    {"uint8", 1},
    {"int8", 1},
    {"int16", 2},
    {"float16", 2},
    {"bfloat16", 2},
    {"int32", 4},
    {"float32", 4},
    {"float64", 8},
}};

/**
 * \brief Round a byte count up to whole bytes.
 * \param bytes a byte count
 * \return it rounded up
 */
/**
 * \brief Whole bytes of a tensor, overflow-checked.
 * \param what "input" or "feature", for messages
 * \param elements elements of the tensor
 * \param bytesPerElement bytes per element
 * \param compression compression factor
 * \return the bytes rounded up
 * \throws EdgeDnnError if the elements or the bytes exceed 2^53, where doubles stop being exact
 */
uint64_t
WholeBytes(const char* what, uint64_t elements, double bytesPerElement, double compression)
{
    const double bytes = static_cast<double>(elements) * bytesPerElement / compression;
    const CheckedUint64 whole = elements > MAX_EXACT_DOUBLE_INTEGER
                                    ? CheckedUint64::Overflow()
                                    : CheckedUint64::FromDoubleCeil(std::max(0.0, bytes - 1e-9));
    if (!whole.IsValid())
    {
        std::ostringstream os;
        os << "the byte count of " << elements << " " << what << " elements at " << bytesPerElement
           << " B each" << (compression == 1.0 ? "" : " (compressed)")
           << " exceeds 2^53 B, the largest whole number a double holds exactly";
        throw EdgeDnnError(os.str());
    }
    return whole.Get();
}

} // namespace

TensorEncoding::TensorEncoding()
    : TensorEncoding(1.0, 4.0, 1.0)
{
}

TensorEncoding::TensorEncoding(double inputBytesPerElement,
                               double featureBytesPerElement,
                               double featureCompression)
    : m_inputBytesPerElement(inputBytesPerElement),
      m_featureBytesPerElement(featureBytesPerElement),
      m_featureCompression(featureCompression)
{
    auto check = [](const char* what, double value, double min, bool inclusive) {
        if (!std::isfinite(value) || value < min || (!inclusive && value == min))
        {
            std::ostringstream os;
            os << what << " must be a number " << (inclusive ? ">= " : "> ") << min << ", got "
               << value;
            throw EdgeDnnError(os.str());
        }
    };
    check("input bytes per element", inputBytesPerElement, 0.0, false);
    check("feature bytes per element", featureBytesPerElement, 0.0, false);
    check("feature compression factor", featureCompression, 1.0, true);
}

double
TensorEncoding::GetInputBytesPerElement() const
{
    return m_inputBytesPerElement;
}

double
TensorEncoding::GetFeatureBytesPerElement() const
{
    return m_featureBytesPerElement;
}

double
TensorEncoding::GetFeatureCompression() const
{
    return m_featureCompression;
}

uint64_t
TensorEncoding::GetInputBytes(uint64_t elements) const
{
    return WholeBytes("input", elements, m_inputBytesPerElement, 1.0);
}

uint64_t
TensorEncoding::GetFeatureBytes(uint64_t elements) const
{
    return WholeBytes("feature", elements, m_featureBytesPerElement, m_featureCompression);
}

double
TensorEncoding::BytesPerElementOf(const std::string& name)
{
    std::string known;
    for (const auto& [type, bytes] : g_elementTypes)
    {
        if (name == type)
        {
            return bytes;
        }
        known += (known.empty() ? "" : ", ") + std::string(type);
    }
    throw EdgeDnnError("unknown element type '" + name + "'; expected one of " + known);
}

} // namespace edgednn
} // namespace ns3
