/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SCHEDULING_PROBLEM_FORMAT_H
#define EDGE_DNN_SCHEDULING_PROBLEM_FORMAT_H

#include "edge-dnn-scheduling-problem.h"

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Reads scheduling problems from JSON (the schema is in doc/scheduler.rst).
 *
 * \code
 * {"latency_model": "transfer",
 *  "cloud": {"compute_macs_per_s": 1e13},
 *  "servers": [{"id": "e1", "compute_macs_per_s": 2e11, "uplink_bps": 1e8, "usable_share": 0.8}],
 *  "tasks": [{"id": "cam1", "model": "resnet18", "input_bytes": 150528,
 *             "feature_bytes_per_element": 4, "frame_rate": 10, "deadline_s": 0.1,
 *             "servers": ["e1"]}]}
 * \endcode
 * A task names either a zoo "model" or a split "profile" file (relative paths are relative to
 * the problem file). Zoo profiles are built once per (model, feature encoding) and shared. Bad
 * files are an EdgeDnnError naming the file, the JSON path and what was expected.
 */
class SchedulingProblemFormat
{
  public:
    /**
     * \brief Read a problem file.
     * \param path the file
     * \return the problem
     * \throws EdgeDnnError naming the file, JSON path and what was expected
     */
    static SchedulingProblem ReadFile(const std::string& path);

    /**
     * \brief Parse a problem.
     * \param text the JSON text
     * \param source the file name for messages
     * \param baseDir the folder relative profile paths start from ("" for the current one)
     * \return the problem
     * \throws EdgeDnnError naming the source, JSON path and what was expected
     */
    static SchedulingProblem ParseJson(const std::string& text,
                                       const std::string& source,
                                       const std::string& baseDir = "");
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SCHEDULING_PROBLEM_FORMAT_H */
