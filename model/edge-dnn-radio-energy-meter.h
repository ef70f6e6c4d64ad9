/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RADIO_ENERGY_METER_H
#define EDGE_DNN_RADIO_ENERGY_METER_H

#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"
#include "ns3/wifi-ppdu.h"
#include "ns3/wifi-tx-vector.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

class Ipv4;
class WifiNetDevice;
class WifiRadioEnergyModel;

namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The radio energy of a device's NetDevice, and each frame's share of it.
 *
 * A frame's radio energy is the energy of the transmissions that carry its bytes: a device's
 * MessageSender tags the bytes it writes with their frame (EdgeDnnFrameTag), and every
 * transmission on the NetDevice that carries tagged bytes is shared among those frames in
 * proportion to their bytes in it (its headers go with them). A retransmission costs its frames
 * again. What carries no frame's bytes (acknowledgements, ARP, beacons, association) and the
 * radio's idle, receive and sleep time is credited to no frame: GetTotalEnergy() is the frames'
 * energy plus that.
 *
 * When the battery of a Wi-Fi device empties (HandleDepletion) the device's applications stop and
 * Depleted fires; a per-bit meter has no battery.
 *
 * On Wi-Fi (AttachWifi) a transmission's energy is the WifiRadioEnergyModel's own figure: its
 * total consumption at the end of the transmission minus that at its start (PhyTxPsduBegin, for
 * WifiPhy::CalculateTxDuration of the PSDUs), i.e. the time on air at the model's TX current and
 * the source's voltage; GetTotalEnergy() is the model's total consumption. Elsewhere (AttachPerBit)
 * it is EnergyPerBit for every bit of the packet as the device's PhyTxBegin trace source gives it
 * (point-to-point, CSMA: link header included), else its MacTx, else (LTE's LteUeNetDevice,
 * which has neither) the IPv4 packets its node sends on the device's interface (IPv4 header and
 * up), and GetTotalEnergy() is that over every packet sent.
 */
class RadioEnergyMeter : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    RadioEnergyMeter();
    ~RadioEnergyMeter() override;

    /**
     * \brief Meter a Wi-Fi device with its radio energy model.
     * \param device the device
     * \param model the WifiRadioEnergyModel installed on its PHY
     * \throws EdgeDnnError if either is null or the meter is attached already
     */
    void AttachWifi(Ptr<WifiNetDevice> device, Ptr<WifiRadioEnergyModel> model);

    /**
     * \brief Meter any device at EnergyPerBit, from its PhyTxBegin trace source (else MacTx).
     * \param device the device
     * \throws EdgeDnnError if it is null, has neither trace source, or the meter is attached
     * already
     */
    void AttachPerBit(Ptr<NetDevice> device);

    /** \return the metered device, null before Attach */
    Ptr<NetDevice> GetDevice() const;

    /** \return true when attached with a Wi-Fi energy model */
    bool IsWifi() const;

    /** \return the Wi-Fi radio energy model, null for a per-bit meter */
    Ptr<WifiRadioEnergyModel> GetWifiModel() const;

    /** \return the radio's energy so far (J): the Wi-Fi model's total, or EnergyPerBit's */
    double GetTotalEnergy() const;

    /** \return the energy credited to frames so far (J) */
    double GetFrameEnergy() const;

    /** \return the energy per bit of a per-bit meter (J) */
    double GetEnergyPerBit() const;

    /**
     * \brief The device's battery is empty (RadioEnergyHelper makes this the Wi-Fi model's
     * depletion callback): the PHY is switched off, as |ns3|'s own default does, every
     * IotDeviceApplication on the node stops (IotDeviceApplication::StopOnEmptyBattery), and
     * Depleted fires. Only the first call does anything.
     */
    void HandleDepletion();

    /** \return when the battery emptied; negative: it has not */
    Time GetDepletedAt() const;

    /**
     * \brief TracedCallback signature of Depleted.
     */
    typedef void (*DepletedTracedCallback)();

    /**
     * \brief TracedCallback signature of FrameEnergy.
     * \param taskId the task
     * \param frameSeq the frame's sequence number
     * \param joules the frame's share of one transmission (J)
     */
    typedef void (*FrameEnergyTracedCallback)(uint32_t taskId, uint32_t frameSeq, double joules);

  protected:
    void DoDispose() override;

  private:
    /// A frame's bytes in one transmission: (task, frame) and bytes.
    using Shares = std::vector<std::pair<std::pair<uint32_t, uint32_t>, uint64_t>>;

    /**
     * \brief The frames' bytes in a packet.
     * \param packet the packet
     * \param shares where to add them
     */
    static void AddShares(Ptr<const Packet> packet, Shares& shares);

    /**
     * \brief Credit a transmission's energy to its frames in proportion to their bytes.
     * \param shares the frames' bytes
     * \param joules the energy
     */
    void Credit(const Shares& shares, double joules);

    /**
     * \brief Wi-Fi: PSDUs begin on air.
     * \param psdus the PSDUs
     * \param txVector their TXVECTOR
     * \param txPowerW the power (W)
     */
    void OnWifiTx(WifiConstPsduMap psdus, WifiTxVector txVector, double txPowerW);

    /**
     * \brief Wi-Fi: a transmission ended; its energy is the model's since \p before.
     * \param shares the frames' bytes
     * \param before the model's total at its start (J)
     */
    void OnWifiTxEnd(Shares shares, double before);

    /**
     * \brief Per bit, a device without PhyTxBegin or MacTx: an IPv4 packet is sent.
     * \param packet the packet (with its IPv4 header)
     * \param ipv4 the node's IPv4
     * \param interface the interface it leaves on
     */
    void OnIpv4Tx(Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t interface);

    /**
     * \brief Per bit: a packet is sent.
     * \param packet the packet
     */
    void OnPacketTx(Ptr<const Packet> packet);

    double m_energyPerBit{0};              //!< J per bit
    Ptr<NetDevice> m_device;               //!< the device
    Ptr<WifiRadioEnergyModel> m_wifiModel; //!< Wi-Fi's energy model, or null
    uint32_t m_interface{UINT32_MAX};      //!< IPv4 interface metered (no device trace)
    double m_total{0};    //!< per bit: every packet's energy; Wi-Fi: the model's when disposed (J)
    bool m_isWifi{false}; //!< attached with a Wi-Fi model
    double m_frameEnergy{0}; //!< energy credited to frames (J)
    Time m_depletedAt{-1};   //!< when the battery emptied
    TracedCallback<uint32_t, uint32_t, double> m_frameEnergyTrace; //!< task, frame, J
    TracedCallback<> m_depleted;                                   //!< the battery emptied
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RADIO_ENERGY_METER_H */
