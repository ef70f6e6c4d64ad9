/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_BOUNDED_ATTRIBUTE_CHECKER_H
#define EDGE_DNN_BOUNDED_ATTRIBUTE_CHECKER_H

#include "ns3/abort.h"
#include "ns3/attribute.h"
#include "ns3/nstime.h"
#include "ns3/type-id.h"
#include "ns3/type-name.h"

#include <cstdint>
#include <limits>
#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The checker of a numeric, time or data-rate attribute of edge-dnn: a typed range with a
 * unit, and a clear report of a value it refuses.
 *
 * It knows the attribute's full name (e.g. ns3::IotDeviceApplication::FeatureBytesPerElement),
 * its value type, unit and range. Numbers of another numeric attribute type are taken when the
 * conversion is exact (UintegerValue(4) for a double; IntegerValue(4) or DoubleValue(4.0) for an
 * unsigned integer), with a NumberConvertingAccessor doing the conversion. A value it refuses
 * (out of range, not a number, of another type) is reported on stderr as
 * "edge-dnn: NAME: invalid value 'TEXT' (a TYPE); expected a TYPE in RANGE UNIT" before ns-3's own
 * fatal error, which names the attribute and the class but neither the expected type nor the range.
 * Explain() gives the same text without printing, for helpers that throw EdgeDnnError instead.
 *
 * Strings (command line, Config::SetDefault with StringValue) are read as ns-3 reads them.
 */
class BoundedAttributeChecker : public AttributeChecker
{
  public:
    /// The value type of the attribute.
    enum Kind
    {
        DOUBLE,    //!< ns3::DoubleValue
        UINTEGER,  //!< ns3::UintegerValue
        TIME,      //!< ns3::TimeValue
        DATA_RATE, //!< ns3::DataRateValue
    };

    /**
     * \brief A checker.
     * \param name the attribute's full name, TypeId name "::" attribute name
     * \param kind its value type
     * \param cType the C++ type of the member ("double", "uint32_t", "Time", "DataRate")
     * \param min the smallest value (Time: in ns; DataRate: in bit/s)
     * \param minExclusive whether min itself is refused
     * \param max the largest value, same unit as min
     * \param unit the unit, SI ("B", "1/s", "MAC/s"), empty if none; Time and DataRate carry theirs
     */
    BoundedAttributeChecker(const std::string& name,
                            Kind kind,
                            const std::string& cType,
                            long double min,
                            bool minExclusive,
                            long double max,
                            const std::string& unit);

    /**
     * \brief Why a value would be refused.
     * \param value the value
     * \return empty if it is accepted, else "invalid value 'TEXT' (TYPE); expected ..."
     */
    std::string Explain(const AttributeValue& value) const;

    /**
     * \brief What the attribute takes.
     * \return e.g. "a DoubleValue in (0, 8] B", "a UintegerValue (uint32_t) in [1, 1000000]" or
     * "a TimeValue in [1ns, 86400s]"
     */
    std::string Describe() const;

    /**
     * \return the attribute's full name
     */
    std::string GetName() const;

    /**
     * \return the unit, empty if none (Time and DataRate: "s" and "bit/s")
     */
    std::string GetUnit() const;

    /**
     * \return the range as text, e.g. "(0, 8]"
     */
    std::string GetRange() const;

    /**
     * \brief Accept a value of the attribute's type in range, or an exact numeric conversion;
     * report on stderr any other value but a string (ns-3 reads a string into the type, then checks
     * again). \param value the value \return whether it is accepted
     */
    bool Check(const AttributeValue& value) const override;
    std::string GetValueTypeName() const override;
    bool HasUnderlyingTypeInformation() const override;
    std::string GetUnderlyingTypeInformation() const override;
    bool Copy(const AttributeValue& source, AttributeValue& destination) const override;

    /**
     * \brief Read a string into the attribute's type, as ns-3 would but never aborting.
     * \param text the text
     * \return the value, or nullptr if the text is not one
     */
    Ptr<AttributeValue> Parse(const std::string& text) const;

    /**
     * \brief A value of the attribute's type whose DeserializeFromString fails on text that is not
     * one instead of aborting as ns-3 3.37's own do (CreateValidValue reads a string with it).
     * \return the value
     */
    Ptr<AttributeValue> Create() const override;

  private:
    /**
     * \return a plain ns-3 value of the attribute's type
     */
    Ptr<AttributeValue> CreatePlain() const;

    /**
     * \brief The value in the unit of the bounds.
     * \param value a value of the attribute's type (after conversion)
     * \param [out] number the value
     * \return false if it is not of the attribute's type and has no exact conversion
     */
    bool ToNumber(const AttributeValue& value, long double& number) const;

    /**
     * \param bound a bound
     * \return the bound as text, in the attribute's unit
     */
    std::string FormatBound(long double bound) const;

    std::string m_name;  //!< the attribute's full name
    Kind m_kind;         //!< the value type
    std::string m_cType; //!< the C++ type
    long double m_min;   //!< smallest value
    bool m_minExclusive; //!< whether m_min is refused
    long double m_max;   //!< largest value
    std::string m_unit;  //!< unit
};

/**
 * \ingroup edge-dnn
 * \brief A checker of a double attribute.
 * \param name the attribute's full name, e.g. "ns3::IotDeviceApplication::FrameRate"
 * \param min the smallest value
 * \param minExclusive whether min itself is refused
 * \param max the largest value
 * \param unit the unit, empty if none
 * \return the checker; use with MakeConvertingDoubleAccessor
 */
Ptr<const AttributeChecker> MakeBoundedDoubleChecker(const std::string& name,
                                                     double min,
                                                     bool minExclusive,
                                                     double max,
                                                     const std::string& unit);

/**
 * \ingroup edge-dnn
 * \brief A checker of an unsigned integer attribute.
 * \tparam T the member's type (uint16_t, uint32_t, uint64_t)
 * \param name the attribute's full name, e.g. "ns3::IotDeviceApplication::FrameRate"
 * \param min the smallest value
 * \param max the largest value, at most T's
 * \param unit the unit, empty if none
 * \return the checker; use with MakeConvertingUintegerAccessor
 */
template <typename T>
Ptr<const AttributeChecker>
MakeBoundedUintegerChecker(const std::string& name,
                           uint64_t min,
                           uint64_t max,
                           const std::string& unit)
{
    NS_ABORT_MSG_IF(max > std::numeric_limits<T>::max() || min > max, name << ": bad range");
    return Create<BoundedAttributeChecker>(name,
                                           BoundedAttributeChecker::UINTEGER,
                                           TypeNameGet<T>(),
                                           min,
                                           false,
                                           max,
                                           unit);
}

/**
 * \ingroup edge-dnn
 * \brief A checker of a Time attribute.
 * \param name the attribute's full name, e.g. "ns3::IotDeviceApplication::FrameRate"
 * \param min the smallest value
 * \param max the largest value
 * \return the checker; use with MakeTimeAccessor
 */
Ptr<const AttributeChecker> MakeBoundedTimeChecker(const std::string& name, Time min, Time max);

/**
 * \ingroup edge-dnn
 * \brief A checker of a DataRate attribute.
 * \param name the attribute's full name, e.g. "ns3::IotDeviceApplication::FrameRate"
 * \param minBps the smallest value (bit/s)
 * \param maxBps the largest value (bit/s)
 * \return the checker; use with MakeDataRateAccessor
 */
Ptr<const AttributeChecker> MakeBoundedDataRateChecker(const std::string& name,
                                                       uint64_t minBps,
                                                       uint64_t maxBps);

/**
 * \ingroup edge-dnn
 * \brief Check a value for an attribute of a TypeId before it is set, as the module's helpers do.
 * \param tid the TypeId
 * \param name the attribute's name
 * \param value the value
 * \return the value as the attribute's checker makes it valid
 * \throw EdgeDnnError naming the class, the attribute, what was given and what it takes (type,
 * unit, range), or that the class has no such attribute (listing those it has)
 */
Ptr<AttributeValue> CheckAttributeValue(const TypeId& tid,
                                        const std::string& name,
                                        const AttributeValue& value);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_BOUNDED_ATTRIBUTE_CHECKER_H */
