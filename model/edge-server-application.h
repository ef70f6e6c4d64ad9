/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_SERVER_APPLICATION_H
#define EDGE_SERVER_APPLICATION_H

#include "edge-dnn-inference-server-application.h"
#include "edge-dnn-split-profile.h"

#include "ns3/data-rate.h"

#include <map>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief An edge server in an IoT gateway: it receives frames of many tasks, runs the layers before
 * each task's split point on its workers, sends the data crossing the cut to the task's cloud
 * server, and relays the cloud's result back to the device.
 *
 * Each task has a model, a split index, a cloud server address and optionally a pacing rate (the
 * paper's allocated bandwidth b_ij), given with AddTask (as SchedulerHelper does), or by the Model,
 * SplitIndex and CloudAddress attributes for any task not added. A frame of a task it does not know
 * is dropped
 * ("unknown-task"). With split 0 the raw frame is forwarded without queueing; with the last split
 * everything runs here and only the network's output goes to the cloud. Each task has its own
 * connection to its cloud server, so without pacing tasks share the uplink as TCP shares it; with
 * pacing each gets its allocated rate.
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
     * \brief Configure a task.
     * \param taskId the task
     * \param model its network (zoo or ModelRegistry name)
     * \param splitIndex its split point
     * \param cloud its cloud server (InetSocketAddress)
     * \param pacing allocated edge-to-cloud rate; 0 for none (TCP's own sharing)
     * \throws EdgeDnnError for an unknown model or a split index out of range
     */
    void AddTask(uint32_t taskId,
                 const std::string& model,
                 uint32_t splitIndex,
                 const Address& cloud,
                 DataRate pacing = DataRate(0));

    /**
     * \param taskId a task
     * \return true if AddTask configured it
     */
    bool HasTask(uint32_t taskId) const;

    /**
     * \param taskId a task added with AddTask
     * \return its split index
     */
    uint32_t GetTaskSplitIndex(uint32_t taskId) const;

    /**
     * \brief The split profile the server uses for a model, with its encodings.
     * \param model a model name
     * \return the profile
     */
    const SplitProfile& GetProfile(const std::string& model) const;

    void Validate() const override;

  protected:
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
        std::string model;                                     //!< network
        uint32_t splitIndex{0};                                //!< split point
        Address cloud;                                         //!< cloud server
        DataRate pacing{0};                                    //!< allocated rate, 0 for none
        const SplitPoint* split{nullptr};                      //!< the split point's figures
        SplitCostUnit unit{SplitCostUnit::MACS};               //!< MACs or measured seconds
        Ptr<Socket> socket;                                    //!< connection to the cloud
        Ptr<MessageSender> sender;                             //!< features out
        MessageStreamReassembler stream;                       //!< results in (TCP)
        std::unique_ptr<MessageDatagramReassembler> datagrams; //!< results in (UDP)
        ReplyPath device;                                      //!< the way back to the device
    };

    /**
     * \param taskId a task
     * \return its configuration (added, or from the default attributes), or nullptr if unknown
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
     * \brief Features handed to the socket completely.
     * \param header the message
     */
    void OnFeaturesSent(const EdgeDnnHeader& header);

    std::string m_model;              //!< default model
    uint32_t m_splitIndex;            //!< default split index
    Address m_cloudAddress;           //!< default cloud server
    double m_inputBytesPerElement;    //!< encoding of the raw input
    double m_featureBytesPerElement;  //!< encoding of features
    double m_featureCompression;      //!< feature compression factor
    std::map<uint32_t, Task> m_tasks; //!< tasks by id
    bool m_started{false};            //!< StartApplication ran

    TracedCallback<const EdgeDnnHeader&> m_featuresSent;    //!< features handed to the socket
    TracedCallback<const EdgeDnnHeader&> m_resultForwarded; //!< a result relayed to its device
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_SERVER_APPLICATION_H */
