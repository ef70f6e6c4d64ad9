/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SERVER_LOAD_PROBE_H
#define EDGE_DNN_SERVER_LOAD_PROBE_H

#include "edge-dnn-recorder-probe.h"
#include "edge-dnn-sqlite-statement.h"

#include "ns3/application.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief The RecorderProbe of the server_load table: follows the load of every
 * EdgeServerApplication and CloudServerApplication installed when the recorder connects, in fixed
 * time bins of the recorder's BinWidth: per bin, the largest queue length and number of busy
 * workers, and their time-weighted means, from the servers' QueueLength and BusyWorkers traced
 * values.
 *
 * A bin becomes a row when a change in a later bin arrives, or at Finish(); every server gets a row
 * for every bin up to Finish().
 */
class ServerLoadProbe : public RecorderProbe
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ServerLoadProbe();
    ~ServerLoadProbe() override;

    std::vector<std::string> GetTables() const override;
    std::vector<std::string> GetIndexes() const override;
    void Prepare(SqliteDatabase& db) override;
    void Connect(const RunInfo& run) override;
    bool HasPendingRows() const override;
    uint64_t Write() override;
    void Committed() override;

    /**
     * \brief Close every server's bins up to the one holding a time (at least its current one).
     * \param now the time
     */
    void Finish(Time now) override;

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Follow a server's QueueLength and BusyWorkers.
     * \param server an EdgeServerApplication or CloudServerApplication
     * \param role server_load.role: "edge" or "cloud" (a string literal: it is kept)
     */
    void AddServer(Ptr<Application> server, const char* role);

    /// Load of one server in the current bin.
    struct LoadState
    {
        uint32_t node{0};     //!< node id
        const char* role{""}; //!< "edge" or "cloud"
        int64_t bin{0};       //!< current bin index
        int64_t last{0};      //!< time of the last change in the bin, or its start (ns)
        uint32_t queue{0};    //!< current queue length
        uint32_t busy{0};     //!< current busy workers
        uint32_t maxQueue{0}; //!< largest queue length in the bin
        uint32_t maxBusy{0};  //!< most busy workers in the bin
        double queueArea{0};  //!< integral of the queue length over the bin (ns)
        double busyArea{0};   //!< integral of the busy workers over the bin (ns)
    };

    /// One row of server_load.
    struct Row
    {
        const LoadState* server; //!< the server
        int64_t bin;             //!< bin index
        uint32_t maxQueue;       //!< largest queue length
        uint32_t maxBusy;        //!< most busy workers
        double meanQueue;        //!< time-weighted mean queue length
        double meanBusy;         //!< time-weighted mean busy workers
    };

    /**
     * \brief Close a server's bins up to (excluding) bin.
     * \param server the server
     * \param bin the bin now current
     */
    void Advance(LoadState& server, int64_t bin);

    /**
     * \brief Account the time since the server's last change at its current values.
     * \param server the server
     * \param now the time (ns)
     */
    void Integrate(LoadState& server, int64_t now);

    /**
     * \brief Close the bins before now and account the time up to now.
     * \param server the server
     * \return the server
     */
    LoadState& Now(LoadState* server);

    /**
     * \brief QueueLength changed.
     * \param server the server
     * \param oldValue previous value
     * \param newValue new value
     */
    void OnQueueLength(LoadState* server, uint32_t oldValue, uint32_t newValue);

    /**
     * \brief BusyWorkers changed.
     * \param server the server
     * \param oldValue previous value
     * \param newValue new value
     */
    void OnBusyWorkers(LoadState* server, uint32_t oldValue, uint32_t newValue);

    int64_t m_width{0};              //!< bin width (time steps; 0 until Connect)
    int64_t m_runId{0};              //!< the run
    SqliteStatement m_insert;        //!< INSERT INTO server_load
    std::deque<LoadState> m_servers; //!< servers (stable addresses)
    std::vector<Row> m_rows;         //!< rows not written yet
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SERVER_LOAD_PROBE_H */
