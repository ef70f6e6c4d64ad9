/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_LAYER_GRAPH_FORMAT_H
#define EDGE_DNN_LAYER_GRAPH_FORMAT_H

#include "cnn-model.h"

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Reads and writes CNNs in edge-dnn's JSON layer-graph format, for networks of the user's
 * own.
 *
 * \code{.json}
 * {
 *   "format": "edge-dnn-layer-graph", "version": 1, "name": "tiny",
 *   "layers": [
 *     {"name": "input", "type": "input", "shape": [3, 32, 32]},
 *     {"name": "conv1", "type": "conv", "inputs": ["input"], "out_channels": 16, "kernel": 3,
 *      "padding": 1, "bias": false},
 *     {"name": "relu1", "type": "activation", "inputs": ["conv1"], "function": "relu"}
 *   ]
 * }
 * \endcode
 *
 * Layers reference their inputs by name, in order. Sizes are a whole number or [height, width].
 * doc/edge-dnn.rst lists every type and field. Reading is strict: an unknown type or field, a
 * missing field, a negative or non-numeric size, a shape mismatch or a cycle is an EdgeDnnError
 * naming the file and the JSON path or layer. Writing emits every field, so a written model reads
 * back with identical figures.
 */
class LayerGraphFormat
{
  public:
    /**
     * \brief Read a model from a file.
     * \param path the file
     * \return the finalised model
     * \throws EdgeDnnError naming the file, the JSON path or layer and what was expected
     */
    static CnnModel ReadFile(const std::string& path);

    /**
     * \brief Read a model from JSON text.
     * \param text the JSON text
     * \param source the name used in messages (e.g. a file name)
     * \return the finalised model
     * \throws EdgeDnnError naming the source, the JSON path or layer and what was expected
     */
    static CnnModel Parse(const std::string& text, const std::string& source);

    /**
     * \brief Write a finalised model as JSON, one layer per line, in topological order.
     * \param model the model
     * \return the JSON text
     */
    static std::string Write(const CnnModel& model);

    /**
     * \brief Write a finalised model to a file.
     * \param model the model
     * \param path the file
     * \throws EdgeDnnError if the file cannot be written
     */
    static void WriteFile(const CnnModel& model, const std::string& path);

    /** \return the value of the "format" field */
    static const char* GetFormatName();
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_LAYER_GRAPH_FORMAT_H */
