/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SPLIT_PROFILE_FORMAT_H
#define EDGE_DNN_SPLIT_PROFILE_FORMAT_H

#include "edge-dnn-split-profile.h"

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Reads and writes split profiles as CSV or JSON, for models measured on real hardware.
 *
 * CSV: optional "# key: value" lines (model, edge_device, cloud_device), then a header row and one
 * row per split point. Columns: index (optional, else the row number from 0), name, bytes, and
 * either edge_macs and cloud_macs or edge_s and cloud_s (measured seconds per frame; then
 * edge_device and cloud_device are required). The derived columns data_ratio and
 * edge_macs_per_input_byte that Write emits are recomputed on reading. \code # model: resnet18 #
 * edge_device: jetson-nano # cloud_device: xeon-6230 index,name,edge_s,cloud_s,bytes
 * 0,input,0,0.0121,150528
 * 4,maxpool,0.0068,0.0094,802816
 * \endcode
 *
 * JSON: {"format": "edge-dnn-split-profile", "version": 1, "model": ..., "cost_unit": "macs" |
 * "seconds", "edge_device": ..., "cloud_device": ..., "split_points": [{"index", "name",
 * "edge_macs", "cloud_macs", "bytes"} or with "edge_s" and "cloud_s"]}. The first split point must
 * be index 0 with no edge cost. Bad files are an EdgeDnnError naming the file, the line (CSV) or
 * JSON path, and what was expected.
 */
class SplitProfileFormat
{
  public:
    /**
     * \brief Read a profile; the format follows the extension (.csv or .json).
     * \param path the file
     * \return the profile
     * \throws EdgeDnnError naming the file and what was expected
     */
    static SplitProfile ReadFile(const std::string& path);

    /**
     * \brief Parse CSV text.
     * \param text the CSV
     * \param source name for messages
     * \return the profile
     */
    static SplitProfile ParseCsv(const std::string& text, const std::string& source);

    /**
     * \brief Parse JSON text.
     * \param text the JSON
     * \param source name for messages
     * \return the profile
     */
    static SplitProfile ParseJson(const std::string& text, const std::string& source);

    /**
     * \param profile a profile
     * \return it as CSV
     */
    static std::string WriteCsv(const SplitProfile& profile);

    /**
     * \param profile a profile
     * \return it as JSON, one split point per line
     */
    static std::string WriteJson(const SplitProfile& profile);

    /**
     * \brief Write a profile; the format follows the extension (.csv or .json).
     * \param profile the profile
     * \param path the file
     * \throws EdgeDnnError for another extension or a file that cannot be written
     */
    static void WriteFile(const SplitProfile& profile, const std::string& path);
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SPLIT_PROFILE_FORMAT_H */
