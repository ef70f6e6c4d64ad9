/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_NAMED_ATTRIBUTE_CHECKER_H
#define EDGE_DNN_NAMED_ATTRIBUTE_CHECKER_H

#include "ns3/attribute.h"

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The checker of a string, address or TypeId attribute of edge-dnn: ns-3's own checker,
 * which it asks, with the attribute's name and a description of what it takes, so that a value of
 * another type is reported on stderr as "edge-dnn: NAME: invalid value 'TEXT' (a TYPE); expected a
 * StringValue: DESCRIPTION" before ns-3's fatal error naming the attribute.
 *
 * Only for value types whose values read and write text without their checker (StringValue,
 * AddressValue, TypeIdValue): ns-3's EnumValue and PointerValue, and Config's path resolution,
 * need their own checker classes.
 */
class NamedAttributeChecker : public AttributeChecker
{
  public:
    /**
     * \brief A checker.
     * \param name the attribute's full name, e.g. "ns3::IotDeviceApplication::Model"
     * \param inner ns-3's checker of the value type
     * \param description what the attribute takes, e.g. "a zoo name or one registered"
     */
    NamedAttributeChecker(const std::string& name,
                          Ptr<const AttributeChecker> inner,
                          const std::string& description);

    /**
     * \return the attribute's full name
     */
    std::string GetName() const;

    /**
     * \return ns-3's checker it asks
     */
    Ptr<const AttributeChecker> GetInner() const;

    /**
     * \brief Ask ns-3's checker; report on stderr a value it refuses that is not a string (ns-3
     * reads a string into the type next and checks again). \param value the value \return whether
     * it is accepted
     */
    bool Check(const AttributeValue& value) const override;
    std::string GetValueTypeName() const override;
    bool HasUnderlyingTypeInformation() const override;

    /**
     * \return "a StringValue: DESCRIPTION", "an AddressValue: ..." (the value type and the
     * description)
     */
    std::string GetUnderlyingTypeInformation() const override;
    Ptr<AttributeValue> Create() const override;
    bool Copy(const AttributeValue& source, AttributeValue& destination) const override;

  private:
    std::string m_name;                  //!< the attribute's full name
    Ptr<const AttributeChecker> m_inner; //!< ns-3's checker
    std::string m_description;           //!< what the attribute takes
};

/**
 * \ingroup edge-dnn
 * \brief A checker naming its attribute around one of ns-3's (MakeStringChecker(),
 * MakeAddressChecker(), MakeTypeIdChecker()).
 * \param name the attribute's full name
 * \param inner ns-3's checker
 * \param description what the attribute takes
 * \return the checker
 */
Ptr<const AttributeChecker> MakeNamedChecker(const std::string& name,
                                             Ptr<const AttributeChecker> inner,
                                             const std::string& description);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_NAMED_ATTRIBUTE_CHECKER_H */
