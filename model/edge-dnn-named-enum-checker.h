/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_NAMED_ENUM_CHECKER_H
#define EDGE_DNN_NAMED_ENUM_CHECKER_H

#include "ns3/enum.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The checker of an enum attribute of edge-dnn: ns-3's EnumChecker (EnumValue reads and
 * writes names through it) that reports a value it refuses and reads names safely.
 *
 * A value it refuses (a name it does not have, a number out of the set, another value type) is
 * reported on stderr as "edge-dnn: NAME: invalid value 'TEXT' (a TYPE); expected an EnumValue or
 * one of a|b|c" before ns-3's fatal error naming the attribute. ns-3 3.37's
 * EnumValue::DeserializeFromString looks an unknown name up past the end of the set (its assert is
 * compiled out of Debian's ns-3); the values this checker creates refuse the name instead.
 */
class NamedEnumChecker : public EnumChecker
{
  public:
    /**
     * \brief A checker.
     * \param name the attribute's full name, e.g. "ns3::IotDeviceApplication::LatencyModel"
     * \param values the values and their names, the default first
     */
    NamedEnumChecker(const std::string& name,
                     const std::vector<std::pair<int, std::string>>& values);

    /**
     * \param text a name
     * \return whether it is one of the enum's names
     */
    bool HasName(const std::string& text) const;

    /**
     * \return the attribute's full name
     */
    std::string GetAttributeName() const;

    /**
     * \brief Accept an EnumValue of the set; report on stderr any other value but a StringValue
     * holding one of the names (ns-3 reads it next and checks again).
     * \param value the value
     * \return whether it is accepted
     */
    bool Check(const AttributeValue& value) const override;

    /**
     * \return an EnumValue whose DeserializeFromString refuses a name not in the set
     */
    Ptr<AttributeValue> Create() const override;

  private:
    std::string m_name;                                //!< the attribute's full name
    std::vector<std::pair<int, std::string>> m_values; //!< the values and names
};

/**
 * \ingroup edge-dnn
 * \brief A checker of an enum attribute.
 * \param name the attribute's full name
 * \param values the values and their names, the default first
 * \return the checker; use with MakeEnumAccessor
 */
Ptr<const AttributeChecker> MakeNamedEnumChecker(
    const std::string& name,
    const std::vector<std::pair<int, std::string>>& values);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_NAMED_ENUM_CHECKER_H */
