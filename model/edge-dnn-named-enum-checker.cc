/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-named-enum-checker.h"

#include "edge-dnn-attribute-text.h"

#include "ns3/string.h"

#include <iostream>

namespace ns3
{
namespace edgednn
{

namespace
{

/**
 * \brief An EnumValue that refuses a name its NamedEnumChecker does not have.
 */
class GuardedEnumValue : public EnumValue
{
  public:
    /**
     * \brief Read a name.
     * \param value the name
     * \param checker the attribute's checker
     * \return whether it is one of the checker's names
     */
    bool DeserializeFromString(std::string value, Ptr<const AttributeChecker> checker) override
    {
        const auto* named = dynamic_cast<const NamedEnumChecker*>(PeekPointer(checker));
        if (named != nullptr && !named->HasName(value))
        {
            return false;
        }
        return EnumValue::DeserializeFromString(value, checker);
    }
};

} // namespace

NamedEnumChecker::NamedEnumChecker(const std::string& name,
                                   const std::vector<std::pair<int, std::string>>& values)
    : m_name(name),
      m_values(values)
{
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        if (i == 0)
        {
            AddDefault(values[i].first, values[i].second);
        }
        else
        {
            Add(values[i].first, values[i].second);
        }
    }
}

bool
NamedEnumChecker::HasName(const std::string& text) const
{
    for (const auto& v : m_values)
    {
        if (v.second == text)
        {
            return true;
        }
    }
    return false;
}

std::string
NamedEnumChecker::GetAttributeName() const
{
    return m_name;
}

bool
NamedEnumChecker::Check(const AttributeValue& value) const
{
    if (EnumChecker::Check(value))
    {
        return true;
    }
    const auto* s = dynamic_cast<const StringValue*>(&value);
    if (s != nullptr && HasName(s->Get()))
    {
        return false; // ns-3 reads it next and checks the EnumValue
    }
    std::cerr << "edge-dnn: " << m_name << ": "
              << InvalidAttributeValue(value, Ptr<const AttributeChecker>(this))
              << "; expected an EnumValue or one of " << GetUnderlyingTypeInformation()
              << std::endl;
    return false;
}

Ptr<AttributeValue>
NamedEnumChecker::Create() const
{
    return ns3::Create<GuardedEnumValue>();
}

Ptr<const AttributeChecker>
MakeNamedEnumChecker(const std::string& name,
                     const std::vector<std::pair<int, std::string>>& values)
{
    return Create<NamedEnumChecker>(name, values);
}

} // namespace edgednn
} // namespace ns3
