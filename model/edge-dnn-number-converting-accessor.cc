/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-number-converting-accessor.h"

#include "ns3/integer.h"

#include <cmath>

namespace ns3
{
namespace edgednn
{

namespace
{

/// 2^53: every whole number up to it, and no larger one for sure, is exact in a double.
constexpr double EXACT_DOUBLE_LIMIT = 9007199254740992.0;

} // namespace

NumberConvertingAccessor::NumberConvertingAccessor(Ptr<const AttributeAccessor> inner,
                                                   Target target)
    : m_inner(inner),
      m_target(target)
{
}

Ptr<AttributeValue>
NumberConvertingAccessor::Convert(const AttributeValue& value, Target target)
{
    const auto* d = dynamic_cast<const DoubleValue*>(&value);
    const auto* u = dynamic_cast<const UintegerValue*>(&value);
    const auto* i = dynamic_cast<const IntegerValue*>(&value);
    if (target == TO_DOUBLE)
    {
        if (d != nullptr)
        {
            return value.Copy();
        }
        if (u != nullptr && static_cast<double>(u->Get()) <= EXACT_DOUBLE_LIMIT)
        {
            return Create<DoubleValue>(static_cast<double>(u->Get()));
        }
        if (i != nullptr && std::abs(static_cast<double>(i->Get())) <= EXACT_DOUBLE_LIMIT)
        {
            return Create<DoubleValue>(static_cast<double>(i->Get()));
        }
        return nullptr;
    }
    if (u != nullptr)
    {
        return value.Copy();
    }
    if (i != nullptr && i->Get() >= 0)
    {
        return Create<UintegerValue>(static_cast<uint64_t>(i->Get()));
    }
    if (d != nullptr && std::isfinite(d->Get()) && d->Get() >= 0 &&
        d->Get() <= EXACT_DOUBLE_LIMIT && std::floor(d->Get()) == d->Get())
    {
        return Create<UintegerValue>(static_cast<uint64_t>(d->Get()));
    }
    return nullptr;
}

bool
NumberConvertingAccessor::Set(ObjectBase* object, const AttributeValue& value) const
{
    Ptr<AttributeValue> converted = Convert(value, m_target);
    return converted && m_inner->Set(object, *converted);
}

bool
NumberConvertingAccessor::Get(const ObjectBase* object, AttributeValue& attribute) const
{
    return m_inner->Get(object, attribute);
}

bool
NumberConvertingAccessor::HasGetter() const
{
    return m_inner->HasGetter();
}

bool
NumberConvertingAccessor::HasSetter() const
{
    return m_inner->HasSetter();
}

} // namespace edgednn
} // namespace ns3
