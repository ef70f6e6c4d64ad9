/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_TOPOLOGY_HELPER_H
#define EDGE_TOPOLOGY_HELPER_H

#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/mobility-helper.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/position-allocator.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The nodes, devices and addresses of the standard edge scenario, as EdgeTopologyHelper
 * built them.
 */
struct EdgeTopology
{
    Ptr<Node> cloud; //!< the cloud's node (with a cloud node per uplink: uplink 0's, node id 0)
    NodeContainer clouds; //!< every cloud node: the one shared, or one per uplink in uplink order
    NodeContainer edges;  //!< one gateway (edge server) node per edge
    std::vector<NodeContainer> devices;           //!< the IoT devices of each edge
    std::vector<Ipv4Address> edgeAccessAddresses; //!< each gateway's address on its access network
    std::vector<Ipv4Address> cloudAddresses;      //!< the cloud's address on each gateway's uplink
    std::vector<NetDeviceContainer> uplinks; //!< each uplink's devices (gateway first, then cloud)
    /**
     * Each access network's devices: the devices', then the gateway's (with Wi-Fi roaming, the
     * gateway's BridgeNetDevice, which holds its access address).
     */
    std::vector<NetDeviceContainer> accessDevices;
    /**
     * With Wi-Fi access, each gateway's access point (its WifiNetDevice with an ApWifiMac), in
     * gateway order; empty otherwise. With roaming it is a port of the gateway's bridge.
     */
    NetDeviceContainer accessPoints;
    /**
     * With Wi-Fi roaming, the gateways' CSMA devices on the backbone that joins their bridges
     * (the distribution system), in gateway order; empty otherwise.
     */
    NetDeviceContainer backbone;

    /** \return every IoT device node */
    NodeContainer GetAllDevices() const;

    /**
     * \param uplink a gateway's index
     * \return the cloud node at the far end of the gateway's uplink
     * \throws EdgeDnnError for an uplink beyond the cloud nodes (one per uplink)
     */
    Ptr<Node> GetCloud(uint32_t uplink) const;
};

/**
 * \ingroup edge-dnn
 * \brief Builds the standard scenario: N edge gateways, each with M IoT devices on an access
 * network (point-to-point links, a CSMA segment, or 802.11 infrastructure Wi-Fi with the gateway as
 * access point), and each gateway linked to the cloud by its own point-to-point uplink of rate
 * b_i and delay.
 *
 * The cloud is one node that ends every uplink (SHARED_CLOUD, the default), or one node per
 * uplink (CLOUD_PER_UPLINK): the data centre's server that ends each uplink, its internal network
 * not modelled, as it is not with one node. Nothing shared by the uplinks is lost: the cloud's
 * compute is a worker per task either way. What changes is the work of ns-3's stack: a node's
 * TCP demultiplexer scans every connection the node holds for each segment it receives, and one
 * cloud node holds a connection per task, so at a thousand cameras that scan dominates a run.
 * With a node per uplink each holds its gateway's connections only, and a distributed run can
 * spread the cloud over the ranks.
 *
 * It installs the Internet stack, assigns addresses (access networks 10.1.i.0/24, point-to-point
 * access links 10.2.x.0/30, uplinks 10.3.i.0/30) and populates global routes. Users with their own
 * topology use the application helpers directly instead.
 *
 * With Wi-Fi access, SetWifiRoaming() joins the gateways' access points into one network that
 * devices can roam in (one channel, one SSID, one subnet 10.1.0.0/16, the access points bridged to
 * a CSMA backbone), SetGatewaySpacing() sets how far apart the gateways are and
 * SetDeviceMobility() how the devices are placed and move.
 */
class EdgeTopologyHelper
{
  public:
    /** \brief The access network between devices and their gateway. */
    enum AccessNetwork
    {
        POINT_TO_POINT, //!< one point-to-point link per device
        CSMA,           //!< one CSMA segment per gateway
        WIFI,           //!< one 802.11 infrastructure network per gateway (the gateway is the AP)
    };

    /** \brief Which nodes end the uplinks at the cloud. */
    enum CloudNodes
    {
        SHARED_CLOUD,     //!< one cloud node ends every uplink
        CLOUD_PER_UPLINK, //!< one cloud node per uplink
    };

    EdgeTopologyHelper();

    /**
     * \brief The size, checked by Install() against the address plan: at most 256 edges, 253
     * devices per edge on a shared (CSMA, Wi-Fi) access network, 16,384 point-to-point access
     * links in all.
     * \param edges number of edge gateways (N)
     * \param devicesPerEdge IoT devices per gateway (M)
     */
    void SetSize(uint32_t edges, uint32_t devicesPerEdge);

    /** \param access the access network */
    void SetAccessNetwork(AccessNetwork access);

    /**
     * \brief Parse an access network name.
     * \param name "p2p", "csma" or "wifi"
     * \return the access network
     * \throws EdgeDnnError for another name
     */
    static AccessNetwork AccessNetworkFromString(const std::string& name);

    /**
     * \brief Parse a cloud layout name.
     * \param name "shared" or "per-uplink"
     * \return the layout
     * \throws EdgeDnnError for another name
     */
    static CloudNodes CloudNodesFromString(const std::string& name);

    /**
     * \brief One cloud node for every uplink (the default) or one per uplink. With one per
     * uplink, uplink 0's cloud node is node id 0, as the shared one is, and the others are
     * created after the devices: the gateways and devices keep their node ids.
     * \param clouds the layout
     */
    void SetCloudNodes(CloudNodes clouds);

    /**
     * \param rate data rate of point-to-point and CSMA access links (Wi-Fi uses its standard's
     * rates) \param delay their propagation delay
     */
    void SetAccess(DataRate rate, Time delay);

    /**
     * \brief Uplink of every gateway not given its own.
     * \param rate edge-to-cloud data rate b_i
     * \param delay propagation delay
     */
    void SetUplink(DataRate rate, Time delay);

    /**
     * \brief Uplink of one gateway.
     * \param edge the gateway's index
     * \param rate edge-to-cloud data rate b_i
     * \param delay propagation delay
     */
    void SetUplink(uint32_t edge, DataRate rate, Time delay);

    /**
     * \brief Partition the topology over the ranks of a distributed (MPI) run: gateway i, its
     * devices and its access network get system id i mod ranks. A shared cloud node gets system
     * id 0: the uplinks of the other ranks' gateways are the only links between ranks, and their
     * delay is the lookahead. A cloud node per uplink goes with its gateway: no link crosses the
     * ranks, which then run without waiting for each other (the gateways share nothing).
     *
     * Every rank builds the whole topology (ns-3's distributed simulator wants every node on
     * every rank); with an MPI-enabled ns-3, PointToPointHelper makes the uplinks between ranks
     * remote channels. Only the nodes whose system id is the rank's own should run applications
     * (EdgeScenarioHelper and EdgeDnnRecorder's SystemId see to it). 1, the default, puts every
     * node on system id 0, as in a single process.
     * \param ranks number of ranks, at least 1 and at most the number of gateways (checked by
     * Install)
     */
    void SetPartition(uint32_t ranks);

    /**
     * \param edge a gateway's index
     * \param ranks number of ranks
     * \return the system id (rank) SetPartition gives the gateway and its devices
     */
    static uint32_t GetEdgeRank(uint32_t edge, uint32_t ranks);

    /**
     * \param uplink a gateway's index
     * \param ranks number of ranks
     * \param clouds the cloud layout
     * \return the system id (rank) SetPartition gives the cloud node at the end of the uplink
     */
    static uint32_t GetCloudRank(uint32_t uplink, uint32_t ranks, CloudNodes clouds);

    /**
     * \brief Wi-Fi roaming: the gateways' access points form one extended service set, as a
     * campus network does, so that a device can move from one gateway's access point to
     * another's and keep its address and its connections.
     *
     * All access points share one YansWifiChannel and the SSID "edge-dnn". Each gateway has a
     * BridgeNetDevice over its access point and a CSMA device on a backbone segment that joins
     * every gateway (the distribution system; EdgeTopology::backbone). The access network is one
     * IPv4 subnet, 10.1.0.0/16, with the numbering of the per-gateway networks: gateway i's devices
     * are 10.1.i.1 to 10.1.i.M, gateway i is 10.1.i.(M+1), on its bridge. A device that
     * re-associates with another gateway's access point keeps its address; its old gateway
     * reaches it over the backbone, as the bridges learn where its frames come from. Stations
     * probe actively (StaWifiMac's ActiveProbing): after MaxMissedBeacons (10) missed beacons of
     * their access point they scan, find the strongest access point on the channel and
     * associate. When a station associates, its new gateway broadcasts one frame from the station's
     * address on the backbone (EtherType 0x88B5, in place of the IEEE 802.11F Layer 2 Update frame
     * an access point sends), so that the other gateways' bridges learn at once where the station
     * now is, before the station sends anything. ns-3's global routing takes access points that
     * share a channel and are bridged to one backbone for an L2 loop, so the roaming subnet's
     * interfaces do not forward and are left out of it: devices and gateways reach each other
     * on the subnet, the cloud reaches the gateways' uplink addresses, and the gateways do not
     * route between the devices and the cloud.
     *
     * Install() refuses roaming without Wi-Fi access, and with SetPartition ranks above 1 (a
     * device would move between ranks).
     * The backbone is one CSMA segment, a LAN: ns-3's CsmaChannel holds the medium for its Delay
     * on every packet, so a delay of milliseconds (a metro network) would let the whole backbone
     * carry one packet per delay, and is refused.
     * \param backboneRate data rate of the CSMA backbone, above 0
     * \param backboneDelay its propagation delay, 0 to 10 us
     * \throws EdgeDnnError for a delay out of that range or a zero rate
     */
    void SetWifiRoaming(DataRate backboneRate = DataRate("1Gbps"),
                        Time backboneDelay = MicroSeconds(1));

    /**
     * \brief With Wi-Fi access, gateway i is at (i * spacing, 0, 0) m, roaming or not.
     * \param metres the distance between neighbouring gateways, greater than 0 (1000 by default)
     * \throws EdgeDnnError for a spacing that is not a positive finite number
     */
    void SetGatewaySpacing(double metres);

    /**
     * \brief With Wi-Fi access, the devices' mobility: Install() installs this helper on every
     * device, in device order (gateway 0's devices, then gateway 1's, ...), so the devices get its
     * mobility model and the positions of its position allocator. The gateways keep a
     * ConstantPositionMobilityModel. A MobilityHelper has no getter for its position allocator,
     * and its default one puts every node at the origin: when every device is at (0, 0, 0) after
     * the helper's Install, Install() takes it as no allocator given and moves the devices to
     * the default positions (a 5 m circle around their gateway), keeping their mobility model.
     * Without this call, devices have a ConstantPositionMobilityModel on that circle.
     * \param mobility the devices' mobility (copied)
     */
    void SetDeviceMobility(const MobilityHelper& mobility);

    /**
     * \brief Build the topology.
     * \return its parts
     * \throws EdgeDnnError if the size is zero or beyond the address plan, for more ranks
     * than gateways, or for Wi-Fi roaming without Wi-Fi access or over more than one rank
     */
    EdgeTopology Install();

  private:
    /**
     * \brief Give the Wi-Fi devices their mobility: SetDeviceMobility's, or the default.
     * \param t the topology, its devices created
     * \param defaultPositions the default positions, in device order
     */
    void InstallDeviceMobility(const EdgeTopology& t,
                               Ptr<ListPositionAllocator> defaultPositions) const;

    uint32_t m_edges{2};                              //!< N
    uint32_t m_devicesPerEdge{3};                     //!< M
    AccessNetwork m_access{POINT_TO_POINT};           //!< access network
    DataRate m_accessRate{"100Mbps"};                 //!< access link rate
    Time m_accessDelay{NanoSeconds(6560)};            //!< access link delay: a LAN
    DataRate m_uplinkRate{"50Mbps"};                  //!< default uplink rate
    Time m_uplinkDelay{MilliSeconds(10)};             //!< default uplink delay
    std::vector<std::pair<DataRate, Time>> m_uplinks; //!< per-gateway uplinks, where set
    uint32_t m_ranks{1};                              //!< ranks the topology is partitioned over
    CloudNodes m_clouds{SHARED_CLOUD};                //!< the cloud's nodes
    bool m_roaming{false};                            //!< Wi-Fi roaming (SetWifiRoaming)
    DataRate m_backboneRate{"1Gbps"};                 //!< the roaming backbone's rate
    Time m_backboneDelay{MicroSeconds(1)};            //!< the roaming backbone's delay
    double m_gatewaySpacing{1000};                    //!< Wi-Fi gateways' spacing, m
    bool m_deviceMobilitySet{false};                  //!< whether SetDeviceMobility was called
    MobilityHelper m_deviceMobility;                  //!< the devices' mobility, where set
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_TOPOLOGY_HELPER_H */
