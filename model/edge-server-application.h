/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_SERVER_APPLICATION_H
#define EDGE_SERVER_APPLICATION_H

#include "edge-dnn-inference-server-application.h"
#include "edge-dnn-transport-path.h"
#include "edge-dnn-uplink-rate-estimator.h"
#include "edge-dnn-uplink-sharing.h"

#include "ns3/data-rate.h"

#include <map>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief An edge server in an IoT gateway: it receives frames of many tasks, runs the layers before
 * each frame's split point on its workers, sends the data crossing the cut to the task's cloud
 * server, and relays the cloud's result back to the device.
 *
 * What a frame needs run comes with the frame: its FRAME header carries the split index, the
 * edge's work (MACs, or a measured time) and the bytes crossing the cut, all from the task
 * defined on its IotDeviceApplication. Per task the server only learns where the features go: the
 * task's cloud server and its allocated edge-to-cloud rate, from PlaceTask (SchedulerHelper calls
 * it with each admitted task's placement), or the CloudAddress attribute for a task without a
 * placement (no pacing). A frame of a task with neither is dropped ("unknown-task"). With split 0
 * the raw frame is forwarded without queueing; with the last split everything runs here and only
 * the network's output goes to the cloud. Each task has its own connection to its cloud server,
 * paced on the wire (MessageSender::SetPacing) at the rate the UplinkSharing policy gives it from
 * its allocated rate and the UplinkCapacity: by default every task gets at least its allocation
 * and tasks with data to send share what idle tasks leave (work-conserving).
 */
class EdgeServerApplication : public InferenceServerApplication
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EdgeServerApplication();
    ~EdgeServerApplication() override;

    /**
     * \brief Place a task here: where its features go and at what rate. Placing a task again
     * during the run with the same cloud and transport changes only its rate: its connection and
     * the features queued on it stay.
     * \param taskId the task
     * \param cloud its cloud server (InetSocketAddress)
     * \param allocatedRate its allocated edge-to-cloud rate on the wire; 0 for none (TCP's own
     * sharing)
     * \param path what its features cross to the cloud, as the scheduler counted it (for pacing)
     * \throws EdgeDnnError for a cloud address that is not an InetSocketAddress
     */
    void PlaceTask(uint32_t taskId,
                   const Address& cloud,
                   DataRate allocatedRate = DataRate(0),
                   const TransportPath& path = TransportPath());

    /**
     * \param taskId a task
     * \return true if PlaceTask placed it here
     */
    bool HasTask(uint32_t taskId) const;

    /** \return the UplinkEstimator attribute (null if none) */
    Ptr<UplinkRateEstimator> GetUplinkEstimator() const;

    /**
     * \param taskId a task placed here
     * \return the rate its features are paced at now (0: not paced or not placed)
     */
    DataRate GetPacingRate(uint32_t taskId) const;

    void Validate() const override;

  protected:
    /**
     * \brief Announce a new estimate of the usable uplink (the UplinkEstimate trace source); the
     * UplinkEstimator calls it, and a subclass estimating otherwise may.
     * \param estimate the estimate
     */
    void OnUplinkEstimate(DataRate estimate);

    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    void HandleMessage(const EdgeDnnHeader& header, const ReplyPath& reply) override;
    void HandleJobStarted(EdgeDnnHeader& header) override;
    void HandleJobFinished(EdgeDnnHeader& header) override;

  private:
    /// A task served here.
    struct Task
    {
        Address cloud;                                         //!< cloud server
        DataRate pacing{0};                                    //!< allocated rate, 0 for none
        DataRate rate{0};                                      //!< rate paced at now
        bool backlogged{false};                                //!< features wait to be written
        TransportPath path;                                    //!< what pacing counts
        Ptr<Socket> socket;                                    //!< connection to the cloud
        Ptr<MessageSender> sender;                             //!< features out
        MessageStreamReassembler stream;                       //!< results in (TCP)
        std::unique_ptr<MessageDatagramReassembler> datagrams; //!< results in (UDP)
        ReplyPath device;                                      //!< the way back to the device
        bool unreachable{false}; //!< its connection failed or closed: its frames are dropped
    };

    /**
     * \param taskId a task
     * \return its configuration (placed, or with CloudAddress), or nullptr if unknown
     */
    Task* FindTask(uint32_t taskId);

    /**
     * \brief Open a task's connection to its cloud server.
     * \param taskId the task
     * \param task its configuration
     */
    void Connect(uint32_t taskId, Task& task);

    /**
     * \brief A message from a task's cloud server.
     * \param socket its socket
     */
    void OnCloudReceive(Ptr<Socket> socket);

    /**
     * \brief A result from the cloud: relay it to the device.
     * \param header the result
     */
    void OnResult(const EdgeDnnHeader& header);

    /**
     * \brief UDP: a result from the cloud was reassembled.
     * \param header its header
     * \param from the cloud
     */
    void OnCloudDatagram(const EdgeDnnHeader& header, const Address& from);

    /**
     * \brief UDP: a result from the cloud was given up.
     * \param header its identity
     * \param from the cloud
     */
    void OnCloudDatagramLost(const EdgeDnnHeader& header, const Address& from);

    /**
     * \brief TCP connection to the cloud up.
     * \param socket the socket
     */
    void OnCloudConnected(Ptr<Socket> socket);

    /**
     * \brief TCP connection to the cloud failed.
     * \param socket the socket
     */
    void OnCloudConnectionFailed(Ptr<Socket> socket);

    /**
     * \brief TCP connection to the cloud closed by the cloud (FIN) or reset (RST).
     * \param socket the socket
     */
    void OnCloudClosed(Ptr<Socket> socket);

    /**
     * \brief A task's cloud became unreachable mid-run (a fault, not a configuration error): its
     * features are no longer sent, and the frames it finishes from now on are dropped with reason
     * "cloud-unreachable", until PlaceTask connects it again.
     * \param socket the task's socket
     * \param what what happened to the connection, for the log
     */
    void OnCloudLost(Ptr<Socket> socket, const std::string& what);

    /**
     * \brief Features handed to the socket completely.
     * \param header the message
     */
    void OnFeaturesSent(const EdgeDnnHeader& header);

    /**
     * \brief A task's sender started or stopped having bytes to write.
     * \param taskId the task
     * \param backlogged true if it has some now
     */
    void OnBacklogChanged(uint32_t taskId, bool backlogged);

    /** \brief Work out every task's pacing rate again under the sharing policy. */
    void SharePacing();

    Address m_cloudAddress;           //!< cloud server of tasks without a placement
    UplinkSharing m_uplinkSharing;    //!< how the uplink is shared among the tasks
    DataRate m_uplinkCapacity;        //!< V b_i: what the tasks may use of the uplink together
    std::map<uint32_t, Task> m_tasks; //!< tasks by id
    bool m_started{false};            //!< StartApplication ran

    TracedCallback<const EdgeDnnHeader&> m_featuresSent;    //!< features handed to the socket
    TracedCallback<const EdgeDnnHeader&> m_resultForwarded; //!< a result relayed to its device
    Ptr<UplinkRateEstimator> m_estimator;                   //!< UplinkEstimator, or null
    TracedCallback<DataRate> m_uplinkEstimate;              //!< UplinkEstimate
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_SERVER_APPLICATION_H */
