/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LINK_RATE_TRACE_HELPER_H
#define LINK_RATE_TRACE_HELPER_H

#include "ns3/attribute.h"
#include "ns3/edge-dnn-link-rate-trace.h"
#include "ns3/net-device-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Installs LinkRateTrace objects on PointToPointNetDevices, as ns-3's helpers install
 * applications: SetAttribute, then Install.
 *
 * Each device gets a trace of its own (same attributes, so the same points), which drives that
 * device's transmit rate; for both directions of a link install on both of its devices.
 */
class LinkRateTraceHelper
{
  public:
    /// A helper whose traces have no File yet.
    LinkRateTraceHelper();

    /**
     * \brief A helper whose traces read a file.
     * \param file the CSV trace (the File attribute)
     */
    explicit LinkRateTraceHelper(const std::string& file);

    /**
     * \brief Set an attribute of the traces to create (File, RateScale, TimeScale, Loop).
     * \param name the attribute
     * \param value its value
     * \throw EdgeDnnError naming the attribute, the value and what it takes
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Drive a device's transmit rate.
     * \param device a PointToPointNetDevice
     * \return its trace
     * \throw EdgeDnnError as LinkRateTrace::Install
     */
    Ptr<LinkRateTrace> Install(Ptr<NetDevice> device) const;

    /**
     * \brief Drive every device's transmit rate.
     * \param devices PointToPointNetDevices
     * \return their traces, in the container's order
     * \throw EdgeDnnError as LinkRateTrace::Install (devices before the refused one keep theirs)
     */
    std::vector<Ptr<LinkRateTrace>> Install(const NetDeviceContainer& devices) const;

  private:
    ObjectFactory m_factory; //!< creates the traces
};

} // namespace edgednn
} // namespace ns3

#endif /* LINK_RATE_TRACE_HELPER_H */
