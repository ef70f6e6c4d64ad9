/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-named-attribute-checker.h"

#include "edge-dnn-attribute-text.h"

#include "ns3/string.h"

#include <iostream>

namespace ns3
{
namespace edgednn
{

NamedAttributeChecker::NamedAttributeChecker(const std::string& name,
                                             Ptr<const AttributeChecker> inner,
                                             const std::string& description)
    : m_name(name),
      m_inner(inner),
      m_description(description)
{
}

std::string
NamedAttributeChecker::GetName() const
{
    return m_name;
}

Ptr<const AttributeChecker>
NamedAttributeChecker::GetInner() const
{
    return m_inner;
}

bool
NamedAttributeChecker::Check(const AttributeValue& value) const
{
    if (m_inner->Check(value))
    {
        return true;
    }
    if (dynamic_cast<const StringValue*>(&value) == nullptr)
    {
        std::cerr << "edge-dnn: " << m_name << ": "
                  << InvalidAttributeValue(value, Ptr<const AttributeChecker>(this))
                  << "; expected " << GetUnderlyingTypeInformation() << std::endl;
    }
    return false;
}

std::string
NamedAttributeChecker::GetValueTypeName() const
{
    return m_inner->GetValueTypeName();
}

bool
NamedAttributeChecker::HasUnderlyingTypeInformation() const
{
    return true;
}

std::string
NamedAttributeChecker::GetUnderlyingTypeInformation() const
{
    std::string type = m_inner->GetValueTypeName();
    type = type.rfind("ns3::", 0) == 0 ? type.substr(5) : type;
    const bool vowel = !type.empty() && std::string("AEIOU").find(type[0]) != std::string::npos &&
                       type.rfind("Uint", 0) != 0;
    return (vowel ? "an " : "a ") + type + ": " + m_description;
}

Ptr<AttributeValue>
NamedAttributeChecker::Create() const
{
    return m_inner->Create();
}

bool
NamedAttributeChecker::Copy(const AttributeValue& source, AttributeValue& destination) const
{
    return m_inner->Copy(source, destination);
}

Ptr<const AttributeChecker>
MakeNamedChecker(const std::string& name,
                 Ptr<const AttributeChecker> inner,
                 const std::string& description)
{
    return Create<NamedAttributeChecker>(name, inner, description);
}

} // namespace edgednn
} // namespace ns3
