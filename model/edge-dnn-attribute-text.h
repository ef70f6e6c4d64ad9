/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_ATTRIBUTE_TEXT_H
#define EDGE_DNN_ATTRIBUTE_TEXT_H

#include "ns3/attribute.h"

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \param value a value
 * \return its C++ type's name, e.g. "ns3::UintegerValue"
 */
std::string AttributeValueTypeName(const AttributeValue& value);

/**
 * \ingroup edge-dnn
 * \param value a value
 * \param checker an attribute's checker
 * \return whether the value is of the checker's value type (its Copy takes it)
 */
bool IsOfCheckersType(const AttributeValue& value, Ptr<const AttributeChecker> checker);

/**
 * \ingroup edge-dnn
 * \brief A value as text for a message, without handing it a checker of another type (ns-3's
 * EnumValue, PointerValue and others read their checker's type without checking it).
 * \param value the value
 * \param checker the attribute's checker
 * \return the text, or empty if the value's type has no safe text
 */
std::string AttributeValueText(const AttributeValue& value, Ptr<const AttributeChecker> checker);

/**
 * \ingroup edge-dnn
 * \brief The start of a message on a refused value: "invalid value 'TEXT'", naming the value's type
 * when it is not the attribute's type nor a string: "invalid value '+1s' (a ns3::TimeValue)".
 * \param value the value
 * \param checker the attribute's checker
 * \return the text
 */
std::string InvalidAttributeValue(const AttributeValue& value, Ptr<const AttributeChecker> checker);

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_ATTRIBUTE_TEXT_H */
