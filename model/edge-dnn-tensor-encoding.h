/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TENSOR_ENCODING_H
#define EDGE_DNN_TENSOR_ENCODING_H

#include <cstdint>
#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief How tensors are encoded on the wire: bytes per element of the raw input and of
 * intermediate features, and a compression factor for features.
 *
 * Camera frames are usually uint8 (1 B per element); features are float32 (4 B) by default, float16
 * (2 B) or int8 (1 B) when quantised. A compression factor f >= 1 divides the feature bytes (f = 1:
 * none). Byte counts are rounded up to whole bytes.
 */
class TensorEncoding
{
  public:
    /** \brief uint8 input, float32 features, no compression. */
    TensorEncoding();

    /**
     * \brief An encoding.
     * \param inputBytesPerElement bytes per element of the raw input (> 0)
     * \param featureBytesPerElement bytes per element of intermediate features and outputs (> 0)
     * \param featureCompression compression factor of features (>= 1)
     * \throws EdgeDnnError naming the value out of range
     */
    TensorEncoding(double inputBytesPerElement,
                   double featureBytesPerElement,
                   double featureCompression = 1.0);

    /** \return bytes per element of the raw input */
    double GetInputBytesPerElement() const;
    /** \return bytes per element of intermediate features */
    double GetFeatureBytesPerElement() const;
    /** \return compression factor of features */
    double GetFeatureCompression() const;

    /**
     * \param elements elements of the raw input
     * \return its size in bytes
     * \throws EdgeDnnError if the elements or the bytes exceed 2^53
     */
    uint64_t GetInputBytes(uint64_t elements) const;

    /**
     * \param elements elements of a feature tensor
     * \return its size in bytes, compression applied
     * \throws EdgeDnnError if the elements or the bytes exceed 2^53
     */
    uint64_t GetFeatureBytes(uint64_t elements) const;

    /**
     * \brief Bytes per element of a named element type.
     * \param name "float32", "float16", "bfloat16", "int8", "uint8", "int16", "int32" or "float64"
     * \return its size in bytes
     * \throws EdgeDnnError listing the known names
     */
    static double BytesPerElementOf(const std::string& name);

  private:
    double m_inputBytesPerElement;   //!< raw input B per element
    double m_featureBytesPerElement; //!< feature B per element
    double m_featureCompression;     //!< feature compression factor
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TENSOR_ENCODING_H */
