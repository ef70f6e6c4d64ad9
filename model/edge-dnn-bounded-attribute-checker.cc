/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-bounded-attribute-checker.h"

#include "edge-dnn-attribute-text.h"
#include "edge-dnn-error.h"
#include "edge-dnn-named-attribute-checker.h"
#include "edge-dnn-named-enum-checker.h"
#include "edge-dnn-number-converting-accessor.h"

#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <iostream>
#include <regex>
#include <sstream>

namespace ns3
{
namespace edgednn
{

namespace
{

/**
 * \brief Whether text can be given to an attribute of a numeric or time type: ns-3 3.37 aborts
 * instead of failing on badly formatted text for some of these types (and reads "-1" as a huge
 * unsigned).
 * \param text the text
 * \param valueType the checker's GetValueTypeName()
 * \return false if ns-3 would not read the text as a value of that type
 */
bool
Parses(const std::string& text, const std::string& valueType)
{
    static const std::regex unsignedInt("[+]?[0-9]+");
    static const std::regex signedInt("[+-]?[0-9]+");
    static const std::regex real("[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?");
    static const std::regex time("[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?"
                                 "(s|ms|us|ns|ps|fs|min|h|d|y)?");
    if (valueType == "ns3::UintegerValue")
    {
        return std::regex_match(text, unsignedInt);
    }
    if (valueType == "ns3::IntegerValue")
    {
        return std::regex_match(text, signedInt);
    }
    if (valueType == "ns3::DoubleValue")
    {
        return std::regex_match(text, real);
    }
    if (valueType == "ns3::TimeValue")
    {
        return std::regex_match(text, time);
    }
    return true;
}

/**
 * \brief Whether a time in text fits ns-3's Time (about 292 years at nanosecond resolution);
 * ns-3 3.37 converts a larger one without a check.
 * \param text text that Parses() as a time
 * \return whether its magnitude is below 9.2e9 s
 */
bool
TimeFits(const std::string& text)
{
    static const std::regex parts("([+-]?[0-9.eE+-]*[0-9.])(s|ms|us|ns|ps|fs|min|h|d|y)?");
    std::smatch m;
    if (!std::regex_match(text, m, parts))
    {
        return false;
    }
    const long double number = std::strtold(m[1].str().c_str(), nullptr);
    const std::string unit = m[2].str();
    long double factor = 1;
    if (unit == "ms")
    {
        factor = 1e-3L;
    }
    else if (unit == "us")
    {
        factor = 1e-6L;
    }
    else if (unit == "ns")
    {
        factor = 1e-9L;
    }
    else if (unit == "ps")
    {
        factor = 1e-12L;
    }
    else if (unit == "fs")
    {
        factor = 1e-15L;
    }
    else if (unit == "min")
    {
        factor = 60;
    }
    else if (unit == "h")
    {
        factor = 3600;
    }
    else if (unit == "d")
    {
        factor = 86400;
    }
    else if (unit == "y")
    {
        factor = 365.0L * 86400;
    }
    return std::fabs(number * factor) < 9.2e9L;
}

} // namespace

BoundedAttributeChecker::BoundedAttributeChecker(const std::string& name,
                                                 Kind kind,
                                                 const std::string& cType,
                                                 long double min,
                                                 bool minExclusive,
                                                 long double max,
                                                 const std::string& unit)
    : m_name(name),
      m_kind(kind),
      m_cType(cType),
      m_min(min),
      m_minExclusive(minExclusive),
      m_max(max),
      m_unit(unit)
{
}

std::string
BoundedAttributeChecker::GetName() const
{
    return m_name;
}

std::string
BoundedAttributeChecker::GetUnit() const
{
    switch (m_kind)
    {
    case TIME:
        return "s";
    case DATA_RATE:
        return "bit/s";
    default:
        return m_unit;
    }
}

std::string
BoundedAttributeChecker::FormatBound(long double bound) const
{
    std::ostringstream os;
    switch (m_kind)
    {
    case DOUBLE:
        os << static_cast<double>(bound);
        break;
    case TIME: {
        const auto ns = static_cast<int64_t>(bound);
        if (ns % 1000000000 == 0)
        {
            os << ns / 1000000000 << "s";
        }
        else if (ns % 1000000 == 0)
        {
            os << ns / 1000000 << "ms";
        }
        else if (ns % 1000 == 0)
        {
            os << ns / 1000 << "us";
        }
        else
        {
            os << ns << "ns";
        }
        break;
    }
    default:
        os << static_cast<uint64_t>(bound);
        break;
    }
    return os.str();
}

std::string
BoundedAttributeChecker::GetRange() const
{
    return std::string(m_minExclusive ? "(" : "[") + FormatBound(m_min) + ", " +
           FormatBound(m_max) + "]";
}

std::string
BoundedAttributeChecker::Describe() const
{
    std::string text = "a " + GetValueTypeName().substr(5);
    if (m_kind == UINTEGER)
    {
        text += " (" + m_cType + ")";
    }
    text += " in " + GetRange();
    const std::string unit = m_kind == TIME ? "" : GetUnit();
    return unit.empty() ? text : text + " " + unit;
}

Ptr<AttributeValue>
BoundedAttributeChecker::Parse(const std::string& text) const
{
    static const std::regex dataRate(
        "[+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?[A-Za-z/]*");
    if (!Parses(text, GetValueTypeName()) || (m_kind == TIME && !TimeFits(text)) ||
        (m_kind == DATA_RATE && !std::regex_match(text, dataRate)))
    {
        return nullptr;
    }
    Ptr<AttributeValue> value = CreatePlain();
    if (!value->DeserializeFromString(text, Ptr<const AttributeChecker>(this)))
    {
        return nullptr;
    }
    return value;
}

bool
BoundedAttributeChecker::ToNumber(const AttributeValue& value, long double& number) const
{
    switch (m_kind)
    {
    case DOUBLE:
    case UINTEGER: {
        Ptr<AttributeValue> converted = NumberConvertingAccessor::Convert(
            value,
            m_kind == DOUBLE ? NumberConvertingAccessor::TO_DOUBLE
                             : NumberConvertingAccessor::TO_UINTEGER);
        if (!converted)
        {
            return false;
        }
        if (m_kind == DOUBLE)
        {
            number = DynamicCast<DoubleValue>(converted)->Get();
        }
        else
        {
            number = DynamicCast<UintegerValue>(converted)->Get();
        }
        return true;
    }
    case TIME: {
        const auto* t = dynamic_cast<const TimeValue*>(&value);
        if (t == nullptr)
        {
            return false;
        }
        number = t->Get().GetNanoSeconds();
        return true;
    }
    case DATA_RATE: {
        const auto* r = dynamic_cast<const DataRateValue*>(&value);
        if (r == nullptr)
        {
            return false;
        }
        number = r->Get().GetBitRate();
        return true;
    }
    }
    return false;
}

std::string
BoundedAttributeChecker::Explain(const AttributeValue& value) const
{
    const Ptr<const AttributeChecker> self(this);
    const std::string problem = InvalidAttributeValue(value, self) + "; expected " + Describe();
    const AttributeValue* typed = &value;
    Ptr<AttributeValue> parsed;
    if (const auto* s = dynamic_cast<const StringValue*>(&value))
    {
        parsed = Parse(s->Get());
        if (!parsed)
        {
            return problem;
        }
        typed = PeekPointer(parsed);
    }
    long double x = 0;
    if (!ToNumber(*typed, x))
    {
        return problem;
    }
    if (!(x >= m_min) || (m_minExclusive && x == m_min) || !(x <= m_max))
    {
        return problem;
    }
    return "";
}

bool
BoundedAttributeChecker::Check(const AttributeValue& value) const
{
    const auto* s = dynamic_cast<const StringValue*>(&value);
    if (s != nullptr && Parse(s->Get()))
    {
        // ns-3 reads the string into the attribute's type next and checks that.
        return false;
    }
    const std::string problem = Explain(value);
    if (problem.empty())
    {
        return true;
    }
    std::cerr << "edge-dnn: " << m_name << ": " << problem << std::endl;
    return false;
}

std::string
BoundedAttributeChecker::GetValueTypeName() const
{
    switch (m_kind)
    {
    case DOUBLE:
        return "ns3::DoubleValue";
    case UINTEGER:
        return "ns3::UintegerValue";
    case TIME:
        return "ns3::TimeValue";
    case DATA_RATE:
        return "ns3::DataRateValue";
    }
    return "";
}

bool
BoundedAttributeChecker::HasUnderlyingTypeInformation() const
{
    return true;
}

std::string
BoundedAttributeChecker::GetUnderlyingTypeInformation() const
{
    return Describe();
}

Ptr<AttributeValue>
BoundedAttributeChecker::CreatePlain() const
{
    switch (m_kind)
    {
    case DOUBLE:
        return ns3::Create<DoubleValue>();
    case UINTEGER:
        return ns3::Create<UintegerValue>();
    case TIME:
        return ns3::Create<TimeValue>();
    case DATA_RATE:
        return ns3::Create<DataRateValue>();
    }
    return nullptr;
}

namespace
{

/**
 * \brief A value of the attribute's type that reads text through its BoundedAttributeChecker:
 * ns-3 3.37's DoubleValue, UintegerValue, TimeValue and DataRateValue abort the program on badly
 * formatted text (AttributeChecker::CreateValidValue reads a StringValue with them), where this
 * one fails, so that ns-3 reports the attribute and SetAttributeFailSafe returns false.
 * \tparam V the value type
 */
template <typename V>
class GuardedValue : public V
{
  public:
    /**
     * \brief Read text through a BoundedAttributeChecker.
     * \param value the text
     * \param checker the attribute's checker
     * \return whether the text is a value of the type
     */
    bool DeserializeFromString(std::string value, Ptr<const AttributeChecker> checker) override
    {
        const auto* bounded = dynamic_cast<const BoundedAttributeChecker*>(PeekPointer(checker));
        if (bounded == nullptr)
        {
            return V::DeserializeFromString(value, checker);
        }
        Ptr<AttributeValue> parsed = bounded->Parse(value);
        return parsed && bounded->Copy(*parsed, *this);
    }
};

} // namespace

Ptr<AttributeValue>
BoundedAttributeChecker::Create() const
{
    switch (m_kind)
    {
    case DOUBLE:
        return ns3::Create<GuardedValue<DoubleValue>>();
    case UINTEGER:
        return ns3::Create<GuardedValue<UintegerValue>>();
    case TIME:
        return ns3::Create<GuardedValue<TimeValue>>();
    case DATA_RATE:
        return ns3::Create<GuardedValue<DataRateValue>>();
    }
    return nullptr;
}

namespace
{

/**
 * \brief Copy a value of type V.
 * \tparam V the value type
 * \param source the source
 * \param destination the destination
 * \return false if either is not a V
 */
template <typename V>
bool
CopyAs(const AttributeValue& source, AttributeValue& destination)
{
    const auto* src = dynamic_cast<const V*>(&source);
    auto* dst = dynamic_cast<V*>(&destination);
    if (src == nullptr || dst == nullptr)
    {
        return false;
    }
    *dst = *src;
    return true;
}

} // namespace

bool
BoundedAttributeChecker::Copy(const AttributeValue& source, AttributeValue& destination) const
{
    switch (m_kind)
    {
    case DOUBLE:
        return CopyAs<DoubleValue>(source, destination);
    case UINTEGER:
        return CopyAs<UintegerValue>(source, destination);
    case TIME:
        return CopyAs<TimeValue>(source, destination);
    case DATA_RATE:
        return CopyAs<DataRateValue>(source, destination);
    }
    return false;
}

Ptr<const AttributeChecker>
MakeBoundedDoubleChecker(const std::string& name,
                         double min,
                         bool minExclusive,
                         double max,
                         const std::string& unit)
{
    return Create<BoundedAttributeChecker>(name,
                                           BoundedAttributeChecker::DOUBLE,
                                           "double",
                                           min,
                                           minExclusive,
                                           max,
                                           unit);
}

Ptr<const AttributeChecker>
MakeBoundedTimeChecker(const std::string& name, Time min, Time max)
{
    return Create<BoundedAttributeChecker>(name,
                                           BoundedAttributeChecker::TIME,
                                           "Time",
                                           min.GetNanoSeconds(),
                                           false,
                                           max.GetNanoSeconds(),
                                           "");
}

Ptr<const AttributeChecker>
MakeBoundedDataRateChecker(const std::string& name, uint64_t minBps, uint64_t maxBps)
{
    return Create<BoundedAttributeChecker>(name,
                                           BoundedAttributeChecker::DATA_RATE,
                                           "DataRate",
                                           minBps,
                                           false,
                                           maxBps,
                                           "");
}

Ptr<AttributeValue>
CheckAttributeValue(const TypeId& tid, const std::string& name, const AttributeValue& value)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        std::string known;
        for (TypeId t = tid; t != t.GetParent(); t = t.GetParent())
        {
            for (std::size_t i = 0; i < t.GetAttributeN(); ++i)
            {
                known += (known.empty() ? "" : ", ") + t.GetAttribute(i).name;
            }
        }
        throw EdgeDnnError(tid.GetName() + " has no attribute '" + name +
                           "'; its attributes: " + (known.empty() ? "none" : known));
    }
    std::string problem;
    Ptr<AttributeValue> valid;
    if (const auto* ours = dynamic_cast<const BoundedAttributeChecker*>(PeekPointer(info.checker)))
    {
        problem = ours->Explain(value);
    }
    else
    {
        // Ask without the stderr report of the module's checkers: the exception carries it.
        const auto* text = dynamic_cast<const StringValue*>(&value);
        if (const auto* e = dynamic_cast<const NamedEnumChecker*>(PeekPointer(info.checker)))
        {
            if (e->EnumChecker::Check(value) || (text != nullptr && e->HasName(text->Get())))
            {
                valid = info.checker->CreateValidValue(value);
            }
        }
        else if (text == nullptr || Parses(text->Get(), info.checker->GetValueTypeName()))
        {
            const auto* named =
                dynamic_cast<const NamedAttributeChecker*>(PeekPointer(info.checker));
            valid = (named != nullptr ? named->GetInner() : info.checker)->CreateValidValue(value);
        }
        if (!valid)
        {
            const std::string expected = info.checker->HasUnderlyingTypeInformation()
                                             ? info.checker->GetUnderlyingTypeInformation()
                                             : info.checker->GetValueTypeName();
            problem = InvalidAttributeValue(value, info.checker) + "; expected " + expected;
        }
    }
    if (!problem.empty())
    {
        throw EdgeDnnError(tid.GetName() + "::" + name + ": " + problem + " (" + info.help + ")");
    }
    return valid ? valid : info.checker->CreateValidValue(value);
}

} // namespace edgednn
} // namespace ns3
