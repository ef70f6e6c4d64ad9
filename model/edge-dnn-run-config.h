/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_RUN_CONFIG_H
#define EDGE_DNN_RUN_CONFIG_H

#include "ns3/object.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief What shaped a run, as the JSON EdgeDnnRecorder writes into runs.config_json: scenario,
 * algorithm, the caller's arguments and command line, ns-3's global values, the attribute defaults
 * changed from their original values (Config::SetDefault, --ns3::Type::Attribute=), the recorder's
 * attributes, and every installed application with its attributes. Object pointers are written as
 * their type and attributes, so no address enters the record.
 */
class RunConfig
{
  public:
    /**
     * \brief The JSON of everything that shaped the run, as it stands now.
     * \param scenario the scenario's name
     * \param algorithm the algorithm's name
     * \param arguments the caller's (name, value) arguments
     * \param argv the command line
     * \param recorder the recording object, whose attributes are written
     * \return the JSON text
     */
    static std::string MakeJson(const std::string& scenario,
                                const std::string& algorithm,
                                const std::vector<std::pair<std::string, std::string>>& arguments,
                                const std::vector<std::string>& argv,
                                Ptr<Object> recorder);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_RUN_CONFIG_H */
