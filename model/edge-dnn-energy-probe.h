/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_ENERGY_PROBE_H
#define EDGE_DNN_ENERGY_PROBE_H

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

class RadioEnergyMeter;

/**
 * \ingroup edge-dnn
 * \brief Writes node_energy: each device's, edge's and cloud's energy over the run, and when a
 * device's battery emptied.
 *
 * One row per IotDeviceApplication, EdgeServerApplication and CloudServerApplication of the
 * recorded system, written at the run's end: its compute energy in its three parts
 * (ComputeEnergy), and on a device's row the radio energy of the RadioEnergyMeters on its node's
 * NetDevices (total and the part credited to frames) and the time its battery emptied (a meter's
 * Depleted trace source). The view run_energy sums it per run and role.
 */
class EnergyProbe : public RecorderProbe
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    EnergyProbe();
    ~EnergyProbe() override;

    std::vector<std::string> GetTables() const override;
    std::vector<std::string> GetIndexes() const override;
    void Prepare(SqliteDatabase& db) override;
    void Connect(const RunInfo& run) override;
    bool HasPendingRows() const override;
    uint64_t Write() override;
    void Committed() override;

    /**
     * \brief Buffer one row per application with its energy until \p now.
     * \param now the run's end
     */
    void Finish(Time now) override;

  protected:
    void DoDispose() override;

  private:
    /// An application followed, and its row once the run ended.
    struct NodeEnergy
    {
        Ptr<Application> app;                      //!< the application
        std::vector<Ptr<RadioEnergyMeter>> meters; //!< a device's radio meters
        uint32_t node{0};                          //!< node id
        const char* role{""};                      //!< "device", "edge", "cloud"
        double computeFrames{0};                   //!< J credited to frames
        double computeIdle{0};                     //!< J idle
        double computeUnfinished{0};               //!< J of jobs cut off
        double radio{-1};                          //!< J of the radio, negative: no meter
        double radioFrames{-1};                    //!< J of the radio credited to frames
        int64_t depleted{-1}; //!< when the battery emptied (ns), negative: never
    };

    /**
     * \brief A device's battery emptied.
     * \param entry its row
     */
    void OnDepleted(NodeEnergy* entry);

    int64_t m_runId{0};                    //!< the run
    std::deque<NodeEnergy> m_entries;      //!< the applications followed (stable addresses)
    std::vector<const NodeEnergy*> m_rows; //!< rows buffered
    SqliteStatement m_insert;              //!< INSERT INTO node_energy
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_ENERGY_PROBE_H */
