/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_TENSOR_SHAPE_H
#define EDGE_DNN_TENSOR_SHAPE_H

#include "edge-dnn-checked-arithmetic.h"

#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Shape of one tensor of a CNN without the batch dimension: [C, H, W] for feature maps, [N]
 * for vectors.
 */
class TensorShape
{
  public:
    /** \brief An empty shape (rank 0, no elements). */
    TensorShape() = default;

    /**
     * \brief A shape from its dimensions.
     * \param dims the dimensions, outermost first, e.g. {3, 224, 224}
     */
    TensorShape(std::initializer_list<uint64_t> dims);

    /**
     * \brief A shape from its dimensions.
     * \param dims the dimensions, outermost first
     */
    explicit TensorShape(std::vector<uint64_t> dims);

    /** \return the number of dimensions */
    std::size_t GetRank() const;

    /**
     * \param i the index of a dimension, less than GetRank()
     * \return dimension i
     */
    uint64_t GetDim(std::size_t i) const;

    /** \return all dimensions, outermost first */
    const std::vector<uint64_t>& GetDims() const;

    /** \return channels of a [C, H, W] shape, or the length of a [N] shape */
    uint64_t GetChannels() const;

    /** \return height of a [C, H, W] shape, 1 for other ranks */
    uint64_t GetHeight() const;

    /** \return width of a [C, H, W] shape, 1 for other ranks */
    uint64_t GetWidth() const;

    /**
     * \return the product of all dimensions (0 for an empty shape)
     * \throws EdgeDnnError naming the shape if the product does not fit 64 bits
     */
    uint64_t GetElementCount() const;

    /**
     * \return the product of all dimensions (0 for an empty shape), invalid if it does not fit 64
     * bits
     */
    CheckedUint64 GetCheckedElementCount() const;

    /** \return the shape as text, e.g. "3x224x224" */
    std::string ToString() const;

    /**
     * \param other another shape
     * \return true if both have the same dimensions
     */
    bool operator==(const TensorShape& other) const;

    /**
     * \param other another shape
     * \return true if the dimensions differ
     */
    bool operator!=(const TensorShape& other) const;

  private:
    std::vector<uint64_t> m_dims; //!< dimensions, outermost first
};

/**
 * \brief Print a shape as "CxHxW".
 * \param os the stream
 * \param shape the shape
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const TensorShape& shape);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_TENSOR_SHAPE_H */
