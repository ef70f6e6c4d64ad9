/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// ns-3 introspection of the module's TypeIds: every trace source's signature string names a
// typedef that exists (each name below compiles only if its type does), and every attribute and
// trace source says what it is.

#include "ns3/cloud-server-application.h"
#include "ns3/edge-dnn-header.h"
#include "ns3/edge-dnn-inference-server-application.h"
#include "ns3/edge-dnn-link-rate-trace.h"
#include "ns3/edge-dnn-radio-energy-meter.h"
#include "ns3/edge-server-application.h"
#include "ns3/iot-device-application.h"
#include "ns3/traced-value.h"
#include "ns3/type-id.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

using namespace ns3;

/// The name of a type that must exist: compiling sizeof(T) fails if it does not.
#define EDGE_DNN_SIGNATURE(T) (static_cast<void>(sizeof(T)), std::string(#T))

namespace
{

/** \return the signature typedefs the module's trace sources may name */
std::set<std::string>
KnownSignatures()
{
    return {
        EDGE_DNN_SIGNATURE(ns3::edgednn::IotDeviceApplication::FrameTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::IotDeviceApplication::ResultTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::IotDeviceApplication::LostTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::IotDeviceApplication::TaskTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::IotDeviceApplication::DecisionTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::IotDeviceApplication::HandoverTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::IotDeviceApplication::EnergyTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::IotDeviceApplication::DropTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::EdgeDnnHeader::TracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::InferenceServerApplication::DropTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::InferenceServerApplication::EnergyTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::RadioEnergyMeter::FrameEnergyTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::RadioEnergyMeter::DepletedTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::edgednn::LinkRateTrace::RateTracedCallback),
        EDGE_DNN_SIGNATURE(ns3::TracedValueCallback::Uint32),
        EDGE_DNN_SIGNATURE(ns3::edgednn::UplinkRateEstimator::EstimateTracedCallback),
    };
}

} // namespace

TEST(Introspection, TraceSourcesNameSignaturesThatExist)
{
    const std::set<std::string> known = KnownSignatures();
    uint32_t types = 0;
    uint32_t sources = 0;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        const TypeId tid = TypeId::GetRegistered(i);
        if (tid.GetGroupName() != "EdgeDnn")
        {
            continue;
        }
        ++types;
        for (std::size_t j = 0; j < tid.GetTraceSourceN(); ++j)
        {
            const TypeId::TraceSourceInformation info = tid.GetTraceSource(j);
            ++sources;
            EXPECT_EQ(known.count(info.callback), 1u)
                << tid.GetName() << "::" << info.name << " names '" << info.callback
                << "', which is not a typedef of the module (or of ns-3) listed here";
            EXPECT_FALSE(info.help.empty()) << tid.GetName() << "::" << info.name;
        }
        for (std::size_t j = 0; j < tid.GetAttributeN(); ++j)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(j);
            EXPECT_FALSE(info.help.empty()) << tid.GetName() << "::" << info.name;
        }
    }
    // The applications (device 6, server base 7, edge 2, cloud 1 trace sources), the header, ...
    EXPECT_GE(types, 5u);
    EXPECT_GE(sources, 16u);
}
