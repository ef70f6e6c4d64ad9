/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_NUMBER_CONVERTING_ACCESSOR_H
#define EDGE_DNN_NUMBER_CONVERTING_ACCESSOR_H

#include "ns3/attribute.h"
#include "ns3/double.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief An attribute accessor that takes a number of another numeric attribute type when the
 * conversion is exact: UintegerValue(4) or IntegerValue(4) for a double attribute, IntegerValue(4)
 * or DoubleValue(4.0) for an unsigned one.
 *
 * ns-3 3.37's AttributeChecker::CreateValidValue hands the value it was given to the accessor once
 * the checker accepts it, and ns-3's own accessors take only their exact value type. A
 * BoundedAttributeChecker accepts the exact conversions, so its attributes use this accessor,
 * which converts and then calls ns-3's own. Range and exactness are the checker's to judge.
 */
class NumberConvertingAccessor : public AttributeAccessor
{
  public:
    /// The value type the wrapped accessor takes.
    enum Target
    {
        TO_DOUBLE,   //!< ns3::DoubleValue
        TO_UINTEGER, //!< ns3::UintegerValue
    };

    /**
     * \brief Wrap an accessor.
     * \param inner ns-3's accessor of the attribute
     * \param target the value type it takes
     */
    NumberConvertingAccessor(Ptr<const AttributeAccessor> inner, Target target);

    /**
     * \brief Convert a value of another numeric type to a target type exactly.
     * \param value a DoubleValue, UintegerValue or IntegerValue
     * \param target the type to convert to
     * \return the converted value, or nullptr if value is not numeric or has no exact conversion
     */
    static Ptr<AttributeValue> Convert(const AttributeValue& value, Target target);

    bool Set(ObjectBase* object, const AttributeValue& value) const override;
    bool Get(const ObjectBase* object, AttributeValue& attribute) const override;
    bool HasGetter() const override;
    bool HasSetter() const override;

  private:
    Ptr<const AttributeAccessor> m_inner; //!< ns-3's accessor
    Target m_target;                      //!< the value type m_inner takes
};

/**
 * \ingroup edge-dnn
 * \brief MakeDoubleAccessor that also takes exact UintegerValue and IntegerValue.
 * \tparam T the member or method type, as for MakeDoubleAccessor
 * \param a the member or method
 * \return the accessor
 */
template <typename T>
Ptr<const AttributeAccessor>
MakeConvertingDoubleAccessor(T a)
{
    return Ptr<const AttributeAccessor>(
        new NumberConvertingAccessor(MakeDoubleAccessor(a), NumberConvertingAccessor::TO_DOUBLE),
        false);
}

/**
 * \ingroup edge-dnn
 * \brief MakeUintegerAccessor that also takes exact IntegerValue and DoubleValue.
 * \tparam T the member or method type, as for MakeUintegerAccessor
 * \param a the member or method
 * \return the accessor
 */
template <typename T>
Ptr<const AttributeAccessor>
MakeConvertingUintegerAccessor(T a)
{
    return Ptr<const AttributeAccessor>(
        new NumberConvertingAccessor(MakeUintegerAccessor(a),
                                     NumberConvertingAccessor::TO_UINTEGER),
        false);
}

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_NUMBER_CONVERTING_ACCESSOR_H */
