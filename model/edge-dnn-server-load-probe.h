/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SERVER_LOAD_PROBE_H
#define EDGE_DNN_SERVER_LOAD_PROBE_H

#include "edge-dnn-sqlite-statement.h"

#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Follows the load of servers in fixed time bins, for EdgeDnnRecorder's server_load table:
 * per bin, the largest queue length and number of busy workers, and their time-weighted means,
 * from the servers' QueueLength and BusyWorkers traced values.
 *
 * A bin becomes a row when a change in a later bin arrives, or at Finish(); every server gets a row
 * for every bin up to Finish().
 */
class ServerLoadProbe
{
  public:
    /**
     * \brief A probe with bins of a width.
     * \param binWidth the bin width (> 0)
     * \param rowAdded called after every row the probe adds (may be null)
     */
    ServerLoadProbe(Time binWidth, Callback<void> rowAdded);

    ServerLoadProbe(const ServerLoadProbe&) = delete;
    ServerLoadProbe& operator=(const ServerLoadProbe&) = delete;

    /**
     * \brief Follow a server's QueueLength and BusyWorkers.
     * \param server an EdgeServerApplication or CloudServerApplication
     * \param role server_load.role: "edge" or "cloud" (a string literal: it is kept)
     */
    void AddServer(Ptr<Application> server, const char* role);

    /**
     * \brief Close every server's bins up to the one holding a time (at least its current one).
     * \param now the time
     */
    void Finish(Time now);

    /** \return rows added and not written yet */
    std::size_t GetPendingRows() const;

    /**
     * \brief Write the pending rows with RecorderSchema::INSERT_SERVER_LOAD (in the caller's
     * transaction; ClearRows() once it is committed).
     * \param insert the prepared statement
     * \param runId the run
     */
    void Write(SqliteStatement& insert, int64_t runId) const;

    /** \brief Forget the pending rows (they were written). */
    void ClearRows();

  private:
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

    int64_t m_width;                 //!< bin width (time steps)
    Callback<void> m_rowAdded;       //!< told of every row
    std::deque<LoadState> m_servers; //!< servers (stable addresses)
    std::vector<Row> m_rows;         //!< rows not written yet
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SERVER_LOAD_PROBE_H */
