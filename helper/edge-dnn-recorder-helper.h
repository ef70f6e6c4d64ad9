/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RECORDER_HELPER_H
#define EDGE_DNN_RECORDER_HELPER_H

#include "ns3/edge-dnn-recorder-probe.h"
#include "ns3/edge-dnn-recorder.h"
#include "ns3/edge-topology-helper.h"
#include "ns3/net-device.h"
#include "ns3/object-factory.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Creates an EdgeDnnRecorder, opens its database, adds the links to count and connects it
 * to every edge-dnn application installed so far.
 *
 * \code
 *   RecorderHelper recorder;
 *   recorder.SetAttribute("Algorithm", StringValue("greedy"));
 *   recorder.AddCommandLine(argc, argv);
 *   recorder.AddTopologyLinks(topology); // the edge uplinks, both directions
 *   recorder.AddProbe(CreateObject<MyProbe>()); // a table of one's own (a RecorderProbe)
 *   Ptr<EdgeDnnRecorder> r = recorder.Install("results.db"); // after the applications
 *   Simulator::Run();
 *   Simulator::Destroy(); // writes the frames still in flight and marks the run finished
 * \endcode
 */
class RecorderHelper
{
  public:
    RecorderHelper();

    /**
     * \brief Set an attribute of the recorders to create (BinWidth, BatchSize, Scenario,
     * Algorithm, StallTime, MaxDatabaseSize), checked now.
     * \param name the attribute
     * \param value its value
     * \throw EdgeDnnError naming the attribute, the value given and what it takes (value type,
     * unit, range), or that the recorder has no such attribute
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief An argument that shaped the run, for runs.config_json.
     * \param name the argument
     * \param value its value
     */
    void AddArgument(const std::string& name, const std::string& value);

    /**
     * \brief The program's command line, for runs.config_json.
     * \param argc argument count
     * \param argv arguments
     */
    void AddCommandLine(int argc, char** argv);

    /**
     * \brief A link direction to count (see EdgeDnnRecorder::AddLink).
     * \param name its name in link_traffic
     * \param tx the transmitting device
     * \param rx the receiving device (may be null)
     * \param toCloud true if it carries traffic to the cloud
     */
    void AddLink(const std::string& name, Ptr<NetDevice> tx, Ptr<NetDevice> rx, bool toCloud);

    /**
     * \brief The uplinks of an EdgeTopology, both directions: "edge<i>-to-cloud" (to_cloud = 1)
     * and "cloud-to-edge<i>".
     * \param topology the topology
     */
    void AddTopologyLinks(const EdgeTopology& topology);

    /**
     * \brief A probe recording tables of its own, added to the recorder Install creates (see
     * EdgeDnnRecorder::AddProbe). A probe belongs to one recorder: call Install once.
     * \param probe the probe
     */
    void AddProbe(Ptr<RecorderProbe> probe);

    /**
     * \brief Create a recorder, open (or create) the database and start the run. Call after the
     * applications are installed and before Simulator::Run().
     * \param path the database file
     * \return the recorder
     * \throws EdgeDnnError if the database cannot be used, or a probe's tables do not fit it (see
     * EdgeDnnRecorder::Open and AddProbe)
     */
    Ptr<EdgeDnnRecorder> Install(const std::string& path) const;

  private:
    /// A link to count.
    struct Link
    {
        std::string name;  //!< its name
        Ptr<NetDevice> tx; //!< transmitting device
        Ptr<NetDevice> rx; //!< receiving device
        bool toCloud;      //!< carries traffic to the cloud
    };

    ObjectFactory m_factory;                                      //!< recorder factory
    std::vector<std::pair<std::string, std::string>> m_arguments; //!< arguments
    std::vector<std::string> m_argv;                              //!< command line
    std::vector<Link> m_links;                                    //!< links
    std::vector<Ptr<RecorderProbe>> m_probes;                     //!< probes to add
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RECORDER_HELPER_H */
