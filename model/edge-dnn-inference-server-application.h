/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_INFERENCE_SERVER_APPLICATION_H
#define EDGE_DNN_INFERENCE_SERVER_APPLICATION_H

#include "edge-dnn-compute-energy-meter.h"
#include "edge-dnn-compute-queue.h"
#include "edge-dnn-header.h"
#include "edge-dnn-message-datagram-reassembler.h"
#include "edge-dnn-message-sender.h"
#include "edge-dnn-message-stream-reassembler.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <map>
#include <memory>
#include <unordered_map>

namespace ns3
{

class Socket;

namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief What edge and cloud servers share: a listening socket (TCP or UDP) that reassembles
 * edge-dnn messages from many peers and can answer each, and compute workers behind a bounded FIFO
 * queue.
 *
 * Not used directly: EdgeServerApplication and CloudServerApplication derive from it. Each
 * registers the shared attributes under its own name (so that Config::SetDefault on one does not
 * change the other): Port, Protocol, Workers, WorkerCapacity (MAC/s per worker), MaxQueueLength,
 * MaxDatagramSize, ReassemblyTimeout, and the power model of its workers (ComputeEnergyMeter):
 * IdlePower, ActivePower (W per worker), EnergyPerMac (J). Trace sources: FrameReceived, JobQueued,
 * JobStarted, JobFinished, JobEnergy (a finished job's energy), FrameDropped (with the reason:
 * "queue-full", "lost", "unknown-task"), and the traced values QueueLength and BusyWorkers.
 */
class InferenceServerApplication : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    InferenceServerApplication();
    ~InferenceServerApplication() override;

    /** \return the compute capacity of all workers together (MAC/s) */
    double GetTotalCapacity() const;
    /** \return the number of workers */
    uint32_t GetWorkers() const;
    /** \return the capacity of one worker (MAC/s) */
    double GetWorkerCapacity() const;
    /** \return the port it listens on */
    uint16_t GetPort() const;
    /** \return the transport's socket factory */
    TypeId GetProtocol() const;
    /** \return the largest UDP datagram payload (B) */
    uint32_t GetMaxDatagramSize() const;

    /**
     * \brief Check the shared attributes.
     * \throws EdgeDnnError naming the attribute and the value at fault
     */
    virtual void Validate() const;

    /**
     * \brief The compute energy of the node's workers from the application's start until now (or
     * its stop), from the power model: the finished jobs' energy (what JobEnergy credited to
     * frames), the idle workers' and the unfinished jobs'.
     * \return the energy (J); all zero before the application starts
     */
    ComputeEnergy GetComputeEnergy() const;

    /** \return the power of an idle worker (W) */
    double GetIdlePower() const;
    /** \return the power of a busy worker (W) */
    double GetActivePower() const;
    /** \return the energy of one multiply-accumulate on top of the active power (J) */
    double GetEnergyPerMac() const;

    /**
     * \brief The callback signature of JobEnergy: a finished job's frame and its energy.
     * \param header the frame
     * \param joules ActivePower x compute time + EnergyPerMac x MACs (J)
     */
    typedef void (*EnergyTracedCallback)(const EdgeDnnHeader& header, double joules);

    /** \brief The callback signature of FrameDropped: the frame and the reason. */
    typedef void (*DropTracedCallback)(const EdgeDnnHeader& header, const std::string& reason);

  protected:
    /** \brief Where to send an answer: a sender and, for UDP, the peer's address. */
    struct ReplyPath
    {
        Ptr<MessageSender>
            sender; //!< the sender of the peer's connection (TCP) or the listening socket (UDP)
        Address to; //!< UDP: the peer; TCP: empty
    };

    /**
     * \brief Add the shared attributes to a server's TypeId.
     * \param tid the TypeId of a derived class
     * \param port default port
     * \param workers default number of workers
     * \param workerCapacity default MAC/s of one worker
     * \param maxQueueLength default queue bound
     * \return the TypeId
     */
    static TypeId AddServerAttributes(TypeId tid,
                                      uint16_t port,
                                      uint32_t workers,
                                      double workerCapacity,
                                      uint32_t maxQueueLength);

    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

    /** \return "EdgeServerApplication on node N" (the instance's TypeId name) for messages */
    std::string Describe() const;

    /**
     * \brief A complete message arrived on the listening socket.
     * \param header its header
     * \param reply how to answer its sender
     */
    virtual void HandleMessage(const EdgeDnnHeader& header, const ReplyPath& reply) = 0;

    /**
     * \brief A job started on a worker: set its timestamp.
     * \param header the frame
     */
    virtual void HandleJobStarted(EdgeDnnHeader& header) = 0;

    /**
     * \brief A job finished: send its output on.
     * \param header the frame
     */
    virtual void HandleJobFinished(EdgeDnnHeader& header) = 0;

    /**
     * \brief Run a frame's work: at once when it takes no time, else on a worker or in the queue,
     * or drop it when the queue is full.
     * \param header the frame
     * \param duration its compute time on one worker
     * \param macs its multiply-accumulates (for EnergyPerMac)
     * \return false if the frame was dropped (queue full)
     */
    bool SubmitJob(const EdgeDnnHeader& header, Time duration, uint64_t macs);

    /**
     * \brief How long one worker takes for a frame's part here (CostModel::ComputeTime).
     * \param macs multiply-accumulates
     * \param measured the part's measured time (negative: none, use the MACs)
     * \return the compute time
     */
    Time ComputeTime(uint64_t macs, Time measured) const;

    /**
     * \brief Create a sender for a new outgoing socket, with this server's datagram size.
     * \param socket the socket
     * \return the sender
     */
    Ptr<MessageSender> MakeSender(Ptr<Socket> socket) const;

    /** \return true if the transport is TCP */
    bool IsTcp() const;

    /**
     * \brief Report a dropped frame.
     * \param header the frame
     * \param reason why
     */
    void Drop(const EdgeDnnHeader& header, const std::string& reason);

    uint16_t m_port;            //!< listening port
    TypeId m_protocol;          //!< socket factory
    uint32_t m_workers;         //!< workers
    double m_workerCapacity;    //!< MAC/s of one worker
    uint32_t m_maxQueueLength;  //!< queue bound
    uint32_t m_maxDatagramSize; //!< UDP datagram size
    Time m_reassemblyTimeout;   //!< UDP reassembly timeout
    double m_idlePower;         //!< W per idle worker
    double m_activePower;       //!< W per busy worker
    double m_energyPerMac;      //!< J per MAC

    TracedCallback<const EdgeDnnHeader&> m_frameReceived;                    //!< a message arrived
    TracedCallback<const EdgeDnnHeader&> m_jobQueued;                        //!< a job waits
    TracedCallback<const EdgeDnnHeader&> m_jobStarted;                       //!< a job started
    TracedCallback<const EdgeDnnHeader&> m_jobFinished;                      //!< a job finished
    TracedCallback<const EdgeDnnHeader&, double> m_jobEnergy;                //!< a job's energy
    TracedCallback<const EdgeDnnHeader&, const std::string&> m_frameDropped; //!< a frame dropped
    TracedValue<uint32_t> m_queueLength;                                     //!< jobs waiting
    TracedValue<uint32_t> m_busyWorkers;                                     //!< workers busy

  private:
    /**
     * \brief A TCP connection request: accept all.
     * \param socket the listening socket
     * \param from the peer
     * \return true
     */
    bool OnConnectionRequest(Ptr<Socket> socket, const Address& from);

    /**
     * \brief A TCP connection was accepted.
     * \param socket the new socket
     * \param from the peer
     */
    void OnAccept(Ptr<Socket> socket, const Address& from);

    /**
     * \brief A TCP peer closed.
     * \param socket the socket
     */
    void OnPeerClose(Ptr<Socket> socket);

    /**
     * \brief Data arrived.
     * \param socket the socket
     */
    void OnReceive(Ptr<Socket> socket);

    /**
     * \brief A UDP message was reassembled.
     * \param header its header
     * \param from its sender
     */
    void OnDatagramMessage(const EdgeDnnHeader& header, const Address& from);

    /**
     * \brief A UDP message was given up.
     * \param header its identity
     * \param from its sender
     */
    void OnDatagramLost(const EdgeDnnHeader& header, const Address& from);

    /**
     * \brief Compute queue callback: a job started.
     * \param header the frame
     */
    void OnJobStarted(EdgeDnnHeader& header);

    /**
     * \brief Compute queue callback: a job finished.
     * \param header the frame
     */
    void OnJobFinished(EdgeDnnHeader& header);

    /** \brief Refresh QueueLength and BusyWorkers. */
    void UpdateLoad();

    /// An accepted TCP connection.
    struct Peer
    {
        MessageStreamReassembler stream; //!< incoming messages
        Ptr<MessageSender> sender;       //!< answers
    };

    Ptr<Socket> m_listener;                                  //!< listening socket
    Ptr<MessageSender> m_datagramSender;                     //!< UDP answers
    std::unique_ptr<MessageDatagramReassembler> m_datagrams; //!< UDP messages
    std::map<Ptr<Socket>, Peer> m_peers;                     //!< TCP connections
    /// m_peers by socket, for OnReceive's lookup on every segment (a hash, not a tree walk).
    std::unordered_map<const Socket*, Peer*> m_peerIndex;
    std::unique_ptr<ComputeQueue> m_compute;     //!< workers and queue
    std::unique_ptr<ComputeEnergyMeter> m_meter; //!< the workers' energy

    /// A job in m_compute.
    struct HeldJob
    {
        EdgeDnnHeader header; //!< the frame
        uint64_t macs{0};     //!< its multiply-accumulates
        Time started;         //!< when it started on a worker (running jobs)
    };

    /// The jobs in m_compute (running or waiting) by (task, frame): dropped if the server stops.
    std::map<std::pair<uint32_t, uint32_t>, HeldJob> m_jobs;
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_INFERENCE_SERVER_APPLICATION_H */
