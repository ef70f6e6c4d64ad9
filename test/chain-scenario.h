/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_CHAIN_SCENARIO_H
#define EDGE_DNN_CHAIN_SCENARIO_H

// A small topology for application tests: devices -- edge -- cloud over point-to-point links, one
// link per device to the edge and one from the edge to the cloud.

#include "ns3/application-container.h"
#include "ns3/cloud-server-application.h"
#include "ns3/data-rate.h"
#include "ns3/edge-dnn-frame-ledger.h"
#include "ns3/edge-dnn-transport-path.h"
#include "ns3/edge-server-application.h"
#include "ns3/iot-device-application.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{
namespace testutil
{

/** \brief What to build. */
struct ChainConfig
{
    uint32_t devices{1};                 //!< devices, each on its own link to the edge
    std::string accessRate{"100Mbps"};   //!< device-edge link rate
    Time accessDelay{MilliSeconds(2)};   //!< device-edge propagation delay
    std::string uplinkRate{"20Mbps"};    //!< edge-cloud link rate
    Time uplinkDelay{MilliSeconds(10)};  //!< edge-cloud propagation delay
    bool udp{false};                     //!< UDP instead of TCP
    std::string model{"resnet18"};       //!< every task's model
    std::vector<uint32_t> splits{4};     //!< split index per device (the last repeats)
    std::vector<DataRate> pacing;        //!< allocated rate per task (empty: none)
    TransportPath pacingPath;            //!< what pacing counts (IDEAL: the message bytes)
    double frameRate{10};                //!< frames per second per device
    uint32_t maxFrames{1};               //!< frames per device
    Time deadline{MilliSeconds(500)};    //!< every task's deadline
    double edgeCapacity{1e11};           //!< MAC/s of the edge worker
    uint32_t edgeWorkers{1};             //!< edge workers
    uint32_t edgeQueue{64};              //!< edge queue bound
    double cloudCapacity{1e12};          //!< MAC/s of a cloud worker
    Time deviceStart{MilliSeconds(100)}; //!< when devices start
};

/** \brief What was built. */
struct Chain
{
    NodeContainer devices;                       //!< device nodes
    Ptr<Node> edge;                              //!< edge node
    Ptr<Node> cloud;                             //!< cloud node
    std::vector<Ptr<IotDeviceApplication>> apps; //!< device applications
    Ptr<EdgeServerApplication> edgeApp;          //!< edge application
    Ptr<CloudServerApplication> cloudApp;        //!< cloud application
    NetDeviceContainer uplink;                   //!< edge-cloud devices (edge first)
};

/**
 * \brief Build the chain: nodes, links, addresses, routes, applications and edge tasks.
 * \param config what to build
 * \return the parts
 */
Chain BuildChain(const ChainConfig& config);

/**
 * \brief A chain where frames end in every state: a slow edge with a short queue (dropped), a
 * tight deadline (late), and a stop before all results are back (in flight).
 * \return the configuration
 */
ChainConfig BusyChain();

/**
 * \brief Run the busy chain recorded into a database (RecorderHelper, the edge-to-cloud link
 * probed), then destroy the simulator.
 * \param path the database
 * \param algorithm runs.algorithm
 * \param ledger a ledger to follow the same run, or null
 * \param stop when to stop
 * \return the run id
 */
int64_t RecordBusyChain(const std::string& path,
                        const std::string& algorithm,
                        FrameLedger* ledger,
                        Time stop = Seconds(1.2));

/**
 * \brief Bytes on a point-to-point wire of a TCP transfer of a message (MSS 1448 B; 20 B TCP + 12 B
 * timestamp option + 20 B IPv4 + 2 B PPP per segment). \param messageBytes header and payload bytes
 * of the message \return bytes serialized on the link
 */
uint64_t TcpWireBytes(uint64_t messageBytes);

/**
 * \brief Bytes on a point-to-point wire of a message sent as UDP fragments of at most 1400 B (13 B
 * fragment header, 8 B UDP, 20 B IPv4, 2 B PPP per datagram). \param messageBytes header and
 * payload bytes of the message \return bytes serialized on the link
 */
uint64_t UdpWireBytes(uint64_t messageBytes);

} // namespace testutil
} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_CHAIN_SCENARIO_H */
