/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-attribute-text.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/integer.h"
#include "ns3/nstime.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <sstream>
#include <typeinfo>

namespace ns3
{
namespace edgednn
{

std::string
AttributeValueTypeName(const AttributeValue& value)
{
    const char* mangled = typeid(value).name();
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> name(
        abi::__cxa_demangle(mangled, nullptr, nullptr, &status),
        std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(mangled);
}

bool
IsOfCheckersType(const AttributeValue& value, Ptr<const AttributeChecker> checker)
{
    Ptr<AttributeValue> own = checker->Create();
    return own && checker->Copy(value, *own);
}

std::string
AttributeValueText(const AttributeValue& value, Ptr<const AttributeChecker> checker)
{
    if (const auto* s = dynamic_cast<const StringValue*>(&value))
    {
        return s->Get();
    }
    if (const auto* t = dynamic_cast<const TimeValue*>(&value))
    {
        std::ostringstream os;
        os << t->Get().As(Time::S);
        return os.str();
    }
    if (const auto* e = dynamic_cast<const EnumValue*>(&value))
    {
        return std::to_string(e->Get());
    }
    if (dynamic_cast<const DoubleValue*>(&value) != nullptr ||
        dynamic_cast<const UintegerValue*>(&value) != nullptr ||
        dynamic_cast<const IntegerValue*>(&value) != nullptr ||
        dynamic_cast<const BooleanValue*>(&value) != nullptr ||
        dynamic_cast<const DataRateValue*>(&value) != nullptr)
    {
        return value.SerializeToString(checker);
    }
    // A value of the attribute's own type can be written with the attribute's checker.
    if (IsOfCheckersType(value, checker))
    {
        return value.SerializeToString(checker);
    }
    return "";
}

std::string
InvalidAttributeValue(const AttributeValue& value, Ptr<const AttributeChecker> checker)
{
    std::string text = "invalid value '" + AttributeValueText(value, checker) + "'";
    if (!IsOfCheckersType(value, checker) && dynamic_cast<const StringValue*>(&value) == nullptr)
    {
        text += " (a " + AttributeValueTypeName(value) + ")";
    }
    return text;
}

} // namespace edgednn
} // namespace ns3
