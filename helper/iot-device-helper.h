/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IOT_DEVICE_HELPER_H
#define IOT_DEVICE_HELPER_H

#include "edge-dnn-application-helper.h"

#include "ns3/address.h"

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Installs IotDeviceApplication instances. Each gets its own task id: the TaskId attribute's
 * value for the first, then one more for each next (SetAttribute("TaskId", ...) restarts the
 * count).
 *
 * \code
 * IotDeviceHelper cameras(InetSocketAddress(edgeAddress, 9000));
 * cameras.SetAttribute("Model", StringValue("resnet18"));
 * cameras.SetAttribute("FrameRate", DoubleValue(15));
 * ApplicationContainer apps = cameras.Install(cameraNodes);
 * \endcode
 */
class IotDeviceHelper : public EdgeDnnApplicationHelper
{
  public:
    /**
     * \brief A helper for devices sending to one edge server.
     * \param edge the edge server's address and port (InetSocketAddress)
     */
    explicit IotDeviceHelper(const Address& edge);

    /**
     * \brief Set an attribute; TaskId also restarts the task id count there.
     * \param name the attribute
     * \param value its value
     * \throw EdgeDnnError as EdgeDnnApplicationHelper::SetAttribute
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Fix the random streams of the devices' random variables (inter-arrival times).
     * \param apps applications installed by this helper
     * \param stream first stream index
     * \return the number of streams used
     */
    static int64_t AssignStreams(ApplicationContainer apps, int64_t stream);

  protected:
    Ptr<Application> InstallPriv(Ptr<Node> node) override;

  private:
    uint32_t m_nextTaskId{0}; //!< task id of the next device
};

} // namespace edgednn
} // namespace ns3

#endif /* IOT_DEVICE_HELPER_H */
