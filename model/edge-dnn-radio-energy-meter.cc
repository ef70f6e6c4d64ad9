/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-radio-energy-meter.h"

#include "edge-dnn-bounded-attribute-checker.h"
#include "edge-dnn-error.h"
#include "edge-dnn-frame-tag.h"
#include "edge-dnn-number-converting-accessor.h"
#include "iot-device-application.h"

#include "ns3/double.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/wifi-net-device.h"
#include "ns3/wifi-phy.h"
#include "ns3/wifi-psdu.h"
#include "ns3/wifi-radio-energy-model.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace edgednn
{

NS_LOG_COMPONENT_DEFINE("RadioEnergyMeter");

NS_OBJECT_ENSURE_REGISTERED(RadioEnergyMeter);

namespace
{

/// Largest energy per bit (J): 1 mJ, about 10^3 times a cellular modem's worst published figure.
constexpr double MAX_ENERGY_PER_BIT = 1e-3;

/**
 * \brief Name a device for messages.
 * \param device the device
 * \return "ns3::Type on node N"
 */
std::string
DescribeDevice(Ptr<NetDevice> device)
{
    std::ostringstream os;
    os << device->GetInstanceTypeId().GetName();
    if (device->GetNode())
    {
        os << " on node " << device->GetNode()->GetId();
    }
    return os.str();
}

} // namespace

TypeId
RadioEnergyMeter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RadioEnergyMeter")
            .SetParent<Object>()
            .SetGroupName("EdgeDnn")
            .AddConstructor<RadioEnergyMeter>()
            .AddAttribute("EnergyPerBit",
                          "Energy of one bit sent (J, >= 0), for a device without a radio energy "
                          "model (AttachPerBit); on Wi-Fi, whose model gives the energy, only the "
                          "figure a scheduler plans an energy budget with",
                          DoubleValue(0.0),
                          MakeConvertingDoubleAccessor(&RadioEnergyMeter::m_energyPerBit),
                          MakeBoundedDoubleChecker("ns3::RadioEnergyMeter::EnergyPerBit",
                                                   0,
                                                   false,
                                                   MAX_ENERGY_PER_BIT,
                                                   "J"))
            .AddTraceSource("FrameEnergy",
                            "A transmission carrying a frame's bytes ended: task, frame, the "
                            "frame's share of the transmission's energy (J)",
                            MakeTraceSourceAccessor(&RadioEnergyMeter::m_frameEnergyTrace),
                            "ns3::edgednn::RadioEnergyMeter::FrameEnergyTracedCallback")
            .AddTraceSource("Depleted",
                            "The device's battery emptied: its PHY is off and its applications "
                            "stopped",
                            MakeTraceSourceAccessor(&RadioEnergyMeter::m_depleted),
                            "ns3::edgednn::RadioEnergyMeter::DepletedTracedCallback");
    return tid;
}

RadioEnergyMeter::RadioEnergyMeter()
{
    NS_LOG_FUNCTION(this);
}

RadioEnergyMeter::~RadioEnergyMeter()
{
    NS_LOG_FUNCTION(this);
}

void
RadioEnergyMeter::DoDispose()
{
    // The total stays readable after the nodes are disposed (the recorder reads it at the end).
    if (m_wifiModel)
    {
        m_total = m_wifiModel->GetTotalEnergyConsumption();
    }
    m_device = nullptr;
    m_wifiModel = nullptr;
    Object::DoDispose();
}

void
RadioEnergyMeter::AttachWifi(Ptr<WifiNetDevice> device, Ptr<WifiRadioEnergyModel> model)
{
    if (!device || !model)
    {
        throw EdgeDnnError("RadioEnergyMeter::AttachWifi: the Wi-Fi device and its "
                           "WifiRadioEnergyModel must both be given");
    }
    if (m_device)
    {
        throw EdgeDnnError("RadioEnergyMeter::AttachWifi: the meter already meters " +
                           DescribeDevice(m_device));
    }
    if (!device->GetPhy())
    {
        throw EdgeDnnError("RadioEnergyMeter::AttachWifi: " + DescribeDevice(device) +
                           " has no WifiPhy yet");
    }
    m_device = device;
    m_wifiModel = model;
    m_isWifi = true;
    device->GetPhy()->TraceConnectWithoutContext("PhyTxPsduBegin",
                                                 MakeCallback(&RadioEnergyMeter::OnWifiTx, this));
}

void
RadioEnergyMeter::AttachPerBit(Ptr<NetDevice> device)
{
    if (!device)
    {
        throw EdgeDnnError("RadioEnergyMeter::AttachPerBit: no device given");
    }
    if (m_device)
    {
        throw EdgeDnnError("RadioEnergyMeter::AttachPerBit: the meter already meters " +
                           DescribeDevice(m_device));
    }
    const auto callback = MakeCallback(&RadioEnergyMeter::OnPacketTx, this);
    if (!device->TraceConnectWithoutContext("PhyTxBegin", callback) &&
        !device->TraceConnectWithoutContext("MacTx", callback))
    {
        // A device without either (LTE's LteUeNetDevice): the IPv4 packets sent on its interface.
        Ptr<Ipv4L3Protocol> ipv4 =
            device->GetNode() ? device->GetNode()->GetObject<Ipv4L3Protocol>() : nullptr;
        const int32_t interface = ipv4 ? ipv4->GetInterfaceForDevice(device) : -1;
        if (interface < 0)
        {
            throw EdgeDnnError("RadioEnergyMeter::AttachPerBit: " + DescribeDevice(device) +
                               " has neither a PhyTxBegin nor a MacTx trace source, nor an IPv4 "
                               "interface, to count its bits");
        }
        m_interface = static_cast<uint32_t>(interface);
        ipv4->TraceConnectWithoutContext("Tx", MakeCallback(&RadioEnergyMeter::OnIpv4Tx, this));
    }
    m_device = device;
}

Ptr<NetDevice>
RadioEnergyMeter::GetDevice() const
{
    return m_device;
}

bool
RadioEnergyMeter::IsWifi() const
{
    return m_isWifi;
}

Ptr<WifiRadioEnergyModel>
RadioEnergyMeter::GetWifiModel() const
{
    return m_wifiModel;
}

double
RadioEnergyMeter::GetTotalEnergy() const
{
    return m_wifiModel ? m_wifiModel->GetTotalEnergyConsumption() : m_total;
}

double
RadioEnergyMeter::GetFrameEnergy() const
{
    return m_frameEnergy;
}

double
RadioEnergyMeter::GetEnergyPerBit() const
{
    return m_energyPerBit;
}

Time
RadioEnergyMeter::GetDepletedAt() const
{
    return m_depletedAt;
}

void
RadioEnergyMeter::HandleDepletion()
{
    if (!m_depletedAt.IsNegative() || !m_device)
    {
        return;
    }
    m_depletedAt = Simulator::Now();
    NS_LOG_INFO("the battery of " << DescribeDevice(m_device) << " is empty");
    if (Ptr<WifiNetDevice> wifi = DynamicCast<WifiNetDevice>(m_device))
    {
        wifi->GetPhy()->SetOffMode();
    }
    Ptr<Node> node = m_device->GetNode();
    for (uint32_t i = 0; node && i < node->GetNApplications(); ++i)
    {
        if (Ptr<IotDeviceApplication> app =
                DynamicCast<IotDeviceApplication>(node->GetApplication(i)))
        {
            app->StopOnEmptyBattery();
        }
    }
    m_depleted();
}

void
RadioEnergyMeter::AddShares(Ptr<const Packet> packet, Shares& shares)
{
    const uint32_t size = packet->GetSize();
    ByteTagIterator it = packet->GetByteTagIterator();
    while (it.HasNext())
    {
        ByteTagIterator::Item item = it.Next();
        if (item.GetTypeId() != EdgeDnnFrameTag::GetTypeId())
        {
            continue;
        }
        const uint32_t start = std::min(item.GetStart(), size);
        const uint32_t end = std::min(item.GetEnd(), size);
        if (end <= start)
        {
            continue;
        }
        EdgeDnnFrameTag tag;
        item.GetTag(tag);
        const std::pair<uint32_t, uint32_t> key{tag.GetTaskId(), tag.GetFrameSeq()};
        auto found = std::find_if(shares.begin(), shares.end(), [&key](const auto& share) {
            return share.first == key;
        });
        if (found == shares.end())
        {
            shares.emplace_back(key, end - start);
        }
        else
        {
            found->second += end - start;
        }
    }
}

void
RadioEnergyMeter::Credit(const Shares& shares, double joules)
{
    uint64_t bytes = 0;
    for (const auto& share : shares)
    {
        bytes += share.second;
    }
    if (bytes == 0)
    {
        return;
    }
    for (const auto& [key, n] : shares)
    {
        const double part = joules * static_cast<double>(n) / static_cast<double>(bytes);
        m_frameEnergy += part;
        m_frameEnergyTrace(key.first, key.second, part);
    }
}

void
RadioEnergyMeter::OnWifiTx(WifiConstPsduMap psdus, WifiTxVector txVector, double /* txPowerW */)
{
    Shares shares;
    for (const auto& [staId, psdu] : psdus)
    {
        AddShares(psdu->GetPacket(), shares);
    }
    if (shares.empty())
    {
        return; // no frame's bytes: the model counts it, credited to no frame
    }
    Ptr<WifiNetDevice> wifi = DynamicCast<WifiNetDevice>(m_device);
    const Time duration =
        WifiPhy::CalculateTxDuration(psdus, txVector, wifi->GetPhy()->GetPhyBand());
    // The PHY switches to TX right after this trace: the model's figure over the time on air is
    // the transmission's energy, at its TX current (and a WifiTxCurrentModel's, if any).
    Simulator::Schedule(duration,
                        &RadioEnergyMeter::OnWifiTxEnd,
                        this,
                        shares,
                        m_wifiModel->GetTotalEnergyConsumption());
}

void
RadioEnergyMeter::OnWifiTxEnd(Shares shares, double before)
{
    if (!m_wifiModel)
    {
        return; // disposed meanwhile
    }
    Credit(shares, std::max(0.0, m_wifiModel->GetTotalEnergyConsumption() - before));
}

void
RadioEnergyMeter::OnIpv4Tx(Ptr<const Packet> packet, Ptr<Ipv4> /* ipv4 */, uint32_t interface)
{
    if (interface == m_interface)
    {
        OnPacketTx(packet);
    }
}

void
RadioEnergyMeter::OnPacketTx(Ptr<const Packet> packet)
{
    const double joules = m_energyPerBit * 8.0 * packet->GetSize();
    m_total += joules;
    Shares shares;
    AddShares(packet, shares);
    Credit(shares, joules);
}

} // namespace edgednn
} // namespace ns3
