/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_CHECKED_ARITHMETIC_H
#define EDGE_DNN_CHECKED_ARITHMETIC_H

#include <cmath>
#include <cstdint>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The largest integer up to which every integer is exactly a double (2^53): byte counts
 * computed in floating point, and sizes read from or written to JSON, must not exceed it.
 */
constexpr uint64_t MAX_EXACT_DOUBLE_INTEGER = uint64_t{1} << 53;

/**
 * \ingroup edge-dnn
 * \brief An unsigned 64-bit quantity (a size, an element, byte, MAC or parameter count) whose
 * additions and multiplications are overflow-checked.
 *
 * An overflow makes the result invalid, and every result computed from an invalid value is
 * invalid too, so a whole formula is written as usual and checked once at its end:
 * \code
 *   const CheckedUint64 macs = CheckedUint64(elements) * inChannels * kernelH * kernelW;
 *   if (!macs.IsValid()) { ...reject, naming the quantity... }
 * \endcode
 * Every size computation of the module goes through it rather than through ad hoc checks.
 */
class CheckedUint64
{
  public:
    /**
     * \brief A valid value.
     * \param value the value
     */
    constexpr CheckedUint64(uint64_t value)
        : m_value(value),
          m_valid(true)
    {
    }

    /** \return an invalid value: the result of an overflow */
    static constexpr CheckedUint64 Overflow()
    {
        CheckedUint64 r(0);
        r.m_valid = false;
        return r;
    }

    /**
     * \brief The integer a non-negative double rounds up to, if it is exact as a double.
     * \param value the value
     * \return ceil(value), invalid if value is not finite, negative or more than 2^53
     */
    static CheckedUint64 FromDoubleCeil(double value)
    {
        if (!std::isfinite(value) || value < 0.0 ||
            value > static_cast<double>(MAX_EXACT_DOUBLE_INTEGER))
        {
            return Overflow();
        }
        return CheckedUint64(static_cast<uint64_t>(std::ceil(value)));
    }

    /** \return true unless an overflow happened on the way to this value */
    constexpr bool IsValid() const
    {
        return m_valid;
    }

    /** \return the value; meaningful only if IsValid() */
    constexpr uint64_t Get() const
    {
        return m_value;
    }

    /**
     * \param other the other term
     * \return the sum, invalid on overflow or if a term is invalid
     */
    constexpr CheckedUint64 operator+(CheckedUint64 other) const
    {
        uint64_t r = 0;
        if (!m_valid || !other.m_valid || __builtin_add_overflow(m_value, other.m_value, &r))
        {
            return Overflow();
        }
        return CheckedUint64(r);
    }

    /**
     * \param other the other factor
     * \return the product, invalid on overflow or if a factor is invalid
     */
    constexpr CheckedUint64 operator*(CheckedUint64 other) const
    {
        uint64_t r = 0;
        if (!m_valid || !other.m_valid || __builtin_mul_overflow(m_value, other.m_value, &r))
        {
            return Overflow();
        }
        return CheckedUint64(r);
    }

    /**
     * \param other the term to add
     * \return this, now the sum
     */
    constexpr CheckedUint64& operator+=(CheckedUint64 other)
    {
        return *this = *this + other;
    }

    /**
     * \param other the factor to multiply by
     * \return this, now the product
     */
    constexpr CheckedUint64& operator*=(CheckedUint64 other)
    {
        return *this = *this * other;
    }

  private:
    uint64_t m_value; //!< the value, if valid
    bool m_valid;     //!< false once an overflow happened
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_CHECKED_ARITHMETIC_H */
