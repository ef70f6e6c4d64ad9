/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-tensor-shape.h"

#include "edge-dnn-error.h"

#include "ns3/assert.h"

#include <sstream>

namespace ns3
{
namespace edgednn
{

TensorShape::TensorShape(std::initializer_list<uint64_t> dims)
    : m_dims(dims)
{
}

TensorShape::TensorShape(std::vector<uint64_t> dims)
    : m_dims(std::move(dims))
{
}

std::size_t
TensorShape::GetRank() const
{
    return m_dims.size();
}

uint64_t
TensorShape::GetDim(std::size_t i) const
{
    NS_ASSERT_MSG(i < m_dims.size(),
                  "dimension " << i << " of a rank-" << m_dims.size() << " shape");
    return m_dims[i];
}

const std::vector<uint64_t>&
TensorShape::GetDims() const
{
    return m_dims;
}

uint64_t
TensorShape::GetChannels() const
{
    return m_dims.empty() ? 0 : m_dims[0];
}

uint64_t
TensorShape::GetHeight() const
{
    return m_dims.size() == 3 ? m_dims[1] : 1;
}

uint64_t
TensorShape::GetWidth() const
{
    return m_dims.size() == 3 ? m_dims[2] : 1;
}

uint64_t
TensorShape::GetElementCount() const
{
    const CheckedUint64 count = GetCheckedElementCount();
    if (!count.IsValid())
    {
        throw EdgeDnnError("the element count of shape " + ToString() + " overflows 64 bits");
    }
    return count.Get();
}

CheckedUint64
TensorShape::GetCheckedElementCount() const
{
    if (m_dims.empty())
    {
        return 0;
    }
    CheckedUint64 count = 1;
    for (uint64_t d : m_dims)
    {
        count *= d;
    }
    return count;
}

std::string
TensorShape::ToString() const
{
    std::ostringstream os;
    for (std::size_t i = 0; i < m_dims.size(); ++i)
    {
        os << (i == 0 ? "" : "x") << m_dims[i];
    }
    return os.str();
}

bool
TensorShape::operator==(const TensorShape& other) const
{
    return m_dims == other.m_dims;
}

bool
TensorShape::operator!=(const TensorShape& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const TensorShape& shape)
{
    return os << shape.ToString();
}

} // namespace edgednn
} // namespace ns3
