/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef IOT_DEVICE_APPLICATION_H
#define IOT_DEVICE_APPLICATION_H

#include "edge-dnn-compute-energy-meter.h"
#include "edge-dnn-compute-queue.h"
#include "edge-dnn-frame-result.h"
#include "edge-dnn-handover.h"
#include "edge-dnn-latency-model.h"
#include "edge-dnn-message-datagram-reassembler.h"
#include "edge-dnn-message-sender.h"
#include "edge-dnn-message-stream-reassembler.h"
#include "edge-dnn-split-profile.h"
#include "edge-dnn-task-decision.h"
#include "edge-dnn-tensor-encoding.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

class Socket;

namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief An IoT device (a camera) running one inference task: it produces input frames, sends each
 * to its edge server, and receives the result of each frame back through the edge.
 *
 * The device is the one place that defines its task: TaskId, Model, SplitIndex, DeviceSplitIndex
 * (with DeviceCapacity), the encodings
 * (InputBytesPerElement, FeatureBytesPerElement, FeatureCompression), FrameRate (or
 * InterArrival), Deadline and LatencyModel. Every FRAME it sends carries what the servers need to
 * run it (split index, edge work, bytes crossing the cut, cloud work, from CostModel), so the edge
 * server is configured with nothing of the task but where its features go (its cloud server and
 * allocated rate, from SchedulerHelper or the edge's CloudAddress).
 *
 * Frames are created at FrameRate (constant spacing) or at the inter-arrival times drawn from
 * InterArrival, from the application's start until MaxFrames (0: no limit). A frame's size is
 * InputBytes, or by default the Model's input tensor at InputBytesPerElement. Frames go to Remote
 * (the edge server's address and port) over TCP or UDP (Protocol). With a DeviceSplitIndex > 0
 * the device first runs the layers before that cut itself, one frame at a time at DeviceCapacity
 * (a FIFO ComputeQueue of one worker, as the servers' compute), and sends that cut's tensor
 * instead of the raw frame. When the result comes back the
 * device traces the frame's latency breakdown (ResultReceived) and decides whether it met its
 * Deadline, end to end or, with LatencyModel "transfer", in the paper's sense (the transfer of the
 * intermediate data to the cloud).
 *
 * The device's compute draws DeviceIdlePower while it runs no layers and DeviceActivePower while
 * it runs a frame's (plus DeviceEnergyPerMac per MAC): a frame's share is traced on
 * DeviceComputeEnergy, the node's total is GetComputeEnergy (ComputeEnergyMeter).
 */
class IotDeviceApplication : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IotDeviceApplication();
    ~IotDeviceApplication() override;

    /**
     * \brief Check the attributes.
     * \throws EdgeDnnError naming the attribute and the value at fault
     */
    void Validate() const;

    /**
     * \brief Assign a fixed random variable stream number to the random variables used by this
     * application. \param stream first stream index to use \return the number of stream indices
     * assigned
     */
    int64_t AssignStreams(int64_t stream);

    /** \brief Decides at the device's start whether its task is admitted (and may configure it). */
    using AdmissionCallback = Callback<bool, Ptr<IotDeviceApplication>>;

    /**
     * \brief Admit or reject the task before it starts; a rejected device sends nothing.
     * \param admitted false to reject
     */
    void SetAdmitted(bool admitted);

    /** \return false if the task was rejected (before or at its start) */
    bool IsAdmitted() const;

    /**
     * \brief Apply a scheduler's decision: an admitted task is pointed at its edge server (Remote)
     * with its split index; a rejected one sends nothing. The decision is announced on the
     * TaskDecision trace source.
     *
     * During the run (a run-time re-plan), frames already created keep their split and their
     * connection: a new split applies to the next frame; a new edge server gets a new connection
     * while the old one carries what is queued on it and brings its results back; a rejected
     * (shed) task creates no more frames until a decision admits it again, and a task admitted
     * for the first time starts then.
     * \param decision the decision; its taskId must be this device's
     * \throws EdgeDnnError if the decision is for another task
     */
    void ApplyDecision(const TaskDecision& decision);

    /** \return the last decision applied to the task, if any */
    std::optional<TaskDecision> GetDecision() const;

    /**
     * \brief Announce that the device moved to another edge server's access point, after the
     * decision for its task there was applied (SchedulerHelper::EnableHandover calls it); fires
     * the Handover trace source.
     * \param handover the move and its outcome; its taskId must be this device's
     * \throws EdgeDnnError if it is for another task
     */
    void NotifyHandover(const Handover& handover);

    /**
     * \brief Let an online scheduler decide at the device's start time (the task's arrival) whether
     * it is admitted. The callback may set attributes (Remote, SplitIndex) before the device
     * starts. \param admission the decision
     */
    void SetAdmissionControl(AdmissionCallback admission);

    /** \return the task id */
    uint32_t GetTaskId() const;
    /** \return the model name */
    const std::string& GetModel() const;
    /** \return the split index the device asks for */
    uint32_t GetSplitIndex() const;
    /** \return the device split index: the device runs the layers before it (0: none) */
    uint32_t GetDeviceSplitIndex() const;
    /** \return the device's compute capacity (MAC/s; 0: it computes nothing) */
    double GetDeviceCapacity() const;
    /** \return the deadline */
    Time GetDeadline() const;
    /** \return the nominal frame rate (1/s); an InterArrival variable should have mean 1/FrameRate
     */
    double GetFrameRate() const;
    /** \return the bytes of one frame */
    uint32_t GetInputBytes() const;
    /** \return the task's encodings of input and features */
    TensorEncoding GetEncoding() const;
    /**
     * \return the split profile of the task's model at its encodings
     * \throws EdgeDnnError for an unknown model or bad encodings
     */
    const SplitProfile& GetProfile() const;
    /** \return which latency the deadline bounds */
    LatencyModel GetLatencyModel() const;
    /** \return the result's bytes */
    uint32_t GetResultSize() const;
    /** \return the transport's socket factory */
    TypeId GetProtocol() const;
    /** \return the device compute's active power (W) */
    double GetDeviceActivePower() const;
    /** \return the device compute's energy per MAC (J) */
    double GetDeviceEnergyPerMac() const;
    /** \return the device's energy budget per frame for the schedulers (J; 0: none) */
    double GetEnergyBudget() const;

    /**
     * \brief The device's compute energy from the application's start until now (or its stop):
     * the frames' layers (what DeviceComputeEnergy credited to frames), idle, and a frame cut off.
     * \return the energy (J); all zero before the application starts
     */
    ComputeEnergy GetComputeEnergy() const;

    /**
     * \brief The device's battery is empty (RadioEnergyMeter::HandleDepletion): the device stops
     * as at its stop time, and every frame created and without a result is dropped with reason
     * "battery-empty" (FrameDropped). Nothing happens if the application is not running.
     */
    void StopOnEmptyBattery();

    /** \return true once the battery emptied (StopOnEmptyBattery) */
    bool IsBatteryEmpty() const;

    /** \return the frames created so far */
    uint32_t GetFramesCreated() const;
    /** \return the edge server's address */
    Address GetRemote() const;
    /** \return the largest UDP datagram payload it sends (B) */
    uint32_t GetMaxDatagramSize() const;

    /**
     * \brief TracedCallback signature of FrameCreated and FrameSent.
     * \param taskId the task
     * \param frameSeq the frame's sequence number
     * \param bytes the frame's bytes
     */
    typedef void (*FrameTracedCallback)(uint32_t taskId, uint32_t frameSeq, uint32_t bytes);

    /**
     * \brief TracedCallback signature of DeviceComputeEnergy.
     * \param taskId the task
     * \param frameSeq the frame's sequence number
     * \param joules the energy of the frame's layers on the device (J)
     */
    typedef void (*EnergyTracedCallback)(uint32_t taskId, uint32_t frameSeq, double joules);

    /**
     * \brief TracedCallback signature of FrameDropped.
     * \param header the frame (task and sequence number)
     * \param reason why
     */
    typedef void (*DropTracedCallback)(const EdgeDnnHeader& header, const std::string& reason);

    /**
     * \brief TracedCallback signature of ResultReceived.
     * \param result the frame's latency breakdown
     */
    typedef void (*ResultTracedCallback)(const FrameResult& result);

    /**
     * \brief TracedCallback signature of FrameLost.
     * \param taskId the task
     * \param frameSeq the frame's sequence number
     */
    typedef void (*LostTracedCallback)(uint32_t taskId, uint32_t frameSeq);

    /**
     * \brief TracedCallback signature of TaskRejected.
     * \param taskId the task
     */
    typedef void (*TaskTracedCallback)(uint32_t taskId);

    /**
     * \brief TracedCallback signature of TaskDecision.
     * \param decision the scheduler's decision
     */
    typedef void (*DecisionTracedCallback)(const TaskDecision& decision);

    /**
     * \brief TracedCallback signature of Handover.
     * \param handover the move to another edge server's access point and its outcome
     */
    typedef void (*HandoverTracedCallback)(const Handover& handover);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /** \return "IotDeviceApplication on node N (task T)" for messages */
    std::string Describe() const;

    /**
     * \return whether a RadioEnergyMeter is aggregated to one of the node's devices: only then
     * are the bytes sent tagged with their frame (EdgeDnnFrameTag), which costs every segment
     * a byte tag
     */
    bool HasRadioEnergyMeter() const;

    /** \brief Create and send a frame, then schedule the next. */
    void CreateFrame();

    /** \brief Start the task: check it, open the connection to its edge, create frames. */
    void StartSending();

    /** \brief Open the connection to Remote (the current one). */
    void OpenConnection();

    /**
     * \brief Move to a new edge server (Remote changed during the run): the current connection
     * is kept for what is queued on it and the results coming back, and a new one is opened.
     */
    void Reconnect();

    /** \brief Create the first frame, once (the first connection is up, or UDP). */
    void StartFrames();

    /** \brief Create frames again after the task was shed and is admitted again. */
    void ResumeFrames();

    /**
     * \brief Look the task's split points, the bytes crossing its cuts and the device's compute
     * time up once, for every frame.
     * \throws EdgeDnnError if SplitIndex or DeviceSplitIndex is not a split point of the model,
     * or the device split is not valid (CheckDeviceSplit)
     */
    void UpdateSplitPoint();

    /**
     * \brief Check DeviceSplitIndex against the profile and the edge's split point.
     * \param profile the model's split profile
     * \param point the edge's split point
     * \throws EdgeDnnError naming DeviceSplitIndex if it is not a split point, is past the edge's,
     * is > 0 on a profile measured in seconds, or is > 0 with DeviceCapacity 0
     */
    void CheckDeviceSplit(const SplitProfile& profile, const SplitPoint& point) const;

    /**
     * \brief The device started a frame's layers.
     * \param header the frame
     */
    void OnDeviceStart(EdgeDnnHeader& header);

    /**
     * \brief The device finished a frame's layers: the frame goes to the edge.
     * \param header the frame
     */
    void OnDeviceDone(EdgeDnnHeader& header);

    /**
     * \brief TCP connected.
     * \param socket the socket
     */
    void OnConnected(Ptr<Socket> socket);

    /**
     * \brief TCP connection refused or failed.
     * \param socket the socket
     */
    void OnConnectionFailed(Ptr<Socket> socket);

    /**
     * \brief Data from the edge.
     * \param socket the socket
     */
    void OnReceive(Ptr<Socket> socket);

    /**
     * \brief A complete message from the edge.
     * \param header its header
     */
    void OnMessage(const EdgeDnnHeader& header);

    /**
     * \brief A complete message from the UDP reassembler.
     * \param header its header
     * \param from its sender
     */
    void OnDatagramMessage(const EdgeDnnHeader& header, const Address& from);

    /**
     * \brief A message the UDP reassembler gave up.
     * \param header its identity
     * \param from its sender
     */
    void OnMessageLost(const EdgeDnnHeader& header, const Address& from);

    /**
     * \brief A frame's result did not come back in time.
     * \param seq the frame
     */
    void OnResultTimeout(uint32_t seq);

    /**
     * \brief The sender handed a frame to the socket.
     * \param header the frame
     */
    void OnFrameSent(const EdgeDnnHeader& header);

    // Attributes
    uint32_t m_taskId;                        //!< task id
    std::string m_model;                      //!< model name
    uint32_t m_splitIndex;                    //!< split index asked for
    uint32_t m_deviceSplitIndex;              //!< device split index (0: nothing on the device)
    double m_deviceCapacity;                  //!< device compute capacity (MAC/s)
    Time m_deadline;                          //!< deadline Q_j
    LatencyModel m_latencyModel;              //!< what the deadline bounds
    uint32_t m_inputBytes;                    //!< frame size, 0 for the model's input
    double m_inputBytesPerElement;            //!< bytes per input element
    double m_featureBytesPerElement;          //!< bytes per feature element
    double m_featureCompression;              //!< feature compression factor
    double m_frameRate;                       //!< frames per second
    Ptr<RandomVariableStream> m_interArrival; //!< random inter-arrival times, or null
    uint32_t m_maxFrames;                     //!< frames to create, 0 for no limit
    uint32_t m_resultSize;                    //!< bytes of the result
    Address m_remote;                         //!< edge server
    TypeId m_protocol;                        //!< socket factory
    uint32_t m_maxDatagramSize;               //!< UDP datagram size
    Time m_reassemblyTimeout;                 //!< UDP reassembly timeout
    Time m_resultTimeout;           //!< a frame without result after this is lost (0: never)
    double m_deviceIdlePower{0};    //!< W of the idle device compute
    double m_deviceActivePower{0};  //!< W of the busy device compute
    double m_deviceEnergyPerMac{0}; //!< J per MAC on the device
    double m_energyBudget{0};       //!< J per frame for the schedulers, 0: none

    /// A connection to an edge server the task has moved away from.
    struct Connection
    {
        Ptr<Socket> socket;                                    //!< the socket
        Ptr<MessageSender> sender;                             //!< frames still queued on it
        MessageStreamReassembler stream;                       //!< results in, TCP
        std::unique_ptr<MessageDatagramReassembler> datagrams; //!< results in, UDP
    };

    // State
    bool m_running{false};             //!< between StartApplication and StopApplication
    bool m_framesStarted{false};       //!< the first frame was created
    std::vector<Connection> m_retired; //!< earlier edges' connections, kept until the stop
    Ptr<Socket> m_socket;              //!< connection to the edge
    Ptr<MessageSender> m_sender;       //!< frames out
    MessageStreamReassembler m_stream; //!< results in, TCP
    std::unique_ptr<MessageDatagramReassembler> m_datagrams; //!< results in, UDP
    EventId m_nextFrame;                                     //!< next frame creation
    uint32_t m_created{0};                                   //!< frames created
    uint32_t m_bytes{0};                                     //!< bytes of one frame
    const SplitProfile* m_profile{nullptr};                  //!< the model's profile (running)
    const SplitPoint* m_point{nullptr};                      //!< the task's split point (running)
    uint32_t m_featureBytes{0};                              //!< bytes crossing its cut
    const SplitPoint* m_devicePoint{nullptr};                //!< the device's split point
    uint32_t m_sentBytes{0};                     //!< bytes the device sends: its cut's tensor
    Time m_deviceTime;                           //!< the device's compute time for a frame
    std::unique_ptr<ComputeQueue> m_deviceQueue; //!< the device's compute, one frame at a time
    std::unique_ptr<ComputeEnergyMeter> m_deviceMeter; //!< the device compute's energy
    std::map<uint32_t, EventId> m_open;                //!< frames awaiting a result
    bool m_admitted{true};                             //!< the task may run
    bool m_batteryEmpty{false};                        //!< stopped by an empty battery
    AdmissionCallback m_admission;                     //!< online admission, or null
    std::optional<TaskDecision> m_decision;            //!< the last decision applied

    TracedCallback<uint32_t, uint32_t, uint32_t> m_frameCreated;             //!< task, frame, bytes
    TracedCallback<uint32_t, uint32_t, uint32_t> m_frameSent;                //!< task, frame, bytes
    TracedCallback<const FrameResult&> m_resultReceived;                     //!< the breakdown
    TracedCallback<uint32_t, uint32_t> m_frameLost;                          //!< task, frame
    TracedCallback<uint32_t, uint32_t, double> m_deviceComputeEnergy;        //!< task, frame, J
    TracedCallback<const EdgeDnnHeader&, const std::string&> m_frameDropped; //!< frame, reason
    TracedCallback<uint32_t> m_taskRejected;                                 //!< task
    TracedCallback<const TaskDecision&> m_taskDecision; //!< a scheduler's decision
    TracedCallback<const Handover&> m_handover;         //!< a move to another edge server
};

} // namespace edgednn
} // namespace ns3

#endif /* IOT_DEVICE_APPLICATION_H */
