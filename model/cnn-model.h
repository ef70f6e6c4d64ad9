/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CNN_MODEL_H
#define CNN_MODEL_H

#include "cnn-layer.h"
#include "edge-dnn-tensor-shape.h"

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief A CNN as a directed acyclic graph of layers (the paper's elastic model, layer by layer).
 *
 * Vertices are layers, an edge u -> v means v consumes u's output tensor. Build a model by adding
 * layers and connecting them (in the order a layer's inputs are connected, so concatenation order
 * is kept), then call Finalize(): it checks there is exactly one input layer and no cycle, fixes a
 * topological order, and infers every layer's output shape, MACs and parameters. The topological
 * order prefers the order layers were added in, so a network written down in execution order keeps
 * it; split points (see SplitProfile) are positions in this order.
 */
class CnnModel
{
  public:
    /** \brief Edge property: which input of its consumer a tensor is. */
    struct InputSlot
    {
        std::size_t slot{0}; //!< position among the consumer's inputs
    };

    /** \brief The Boost.Graph type holding the layers. */
    using Graph =
        boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, CnnLayer, InputSlot>;

    /** \brief Identifies a layer: its vertex in the graph, which is the order it was added in. */
    using LayerId = std::size_t;

    /**
     * \brief An empty model.
     * \param name the network's name, e.g. "resnet50"
     */
    explicit CnnModel(const std::string& name = "");

    /**
     * \brief Add a layer with no connections yet.
     * \param layer the layer; its name must be unique in the model
     * \return its id
     * \throws EdgeDnnError if the name is empty or already used
     */
    LayerId AddLayer(const CnnLayer& layer);

    /**
     * \brief Add a layer fed by layers already in the model.
     * \param layer the layer; its name must be unique in the model
     * \param inputs the layers whose outputs it consumes, in order
     * \return its id
     * \throws EdgeDnnError if the name is empty or already used
     */
    LayerId AddLayer(const CnnLayer& layer, const std::vector<LayerId>& inputs);

    /**
     * \brief Make \p to consume the output of \p from, as its next input.
     * \param from producer
     * \param to consumer
     */
    void Connect(LayerId from, LayerId to);

    /**
     * \brief Check the graph, order it and infer shapes, MACs and parameters.
     * \throws EdgeDnnError naming the layer(s) at fault: no or several inputs, a cycle, a layer
     * without inputs, a layer unreachable from the input, inputs that do not fit a layer, or a
     * size that does not fit 64 bits (the model's total MAC or parameter count included)
     */
    void Finalize();

    /** \return true once Finalize() succeeded and nothing was added since */
    bool IsFinalized() const;

    /** \return the network's name */
    const std::string& GetName() const;

    /**
     * \param name the network's name
     */
    void SetName(const std::string& name);

    /** \return the number of layers, the input included */
    std::size_t GetLayerCount() const;

    /**
     * \param id a layer id
     * \return the layer
     */
    const CnnLayer& GetLayer(LayerId id) const;

    /**
     * \param name a layer name
     * \param[out] id the layer's id
     * \return false if no layer has that name
     */
    bool FindLayer(const std::string& name, LayerId& id) const;

    /**
     * \param id a layer id
     * \return the layers it consumes, in input order
     */
    std::vector<LayerId> GetInputs(LayerId id) const;

    /**
     * \param id a layer id
     * \return the layers consuming its output
     */
    std::vector<LayerId> GetConsumers(LayerId id) const;

    /** \return the layers in topological order, the input first (after Finalize()) */
    const std::vector<LayerId>& GetOrder() const;

    /**
     * \param id a layer id
     * \return its position in the topological order (after Finalize())
     */
    std::size_t GetPosition(LayerId id) const;

    /** \return the input layer (after Finalize()) */
    LayerId GetInputLayer() const;

    /** \return the input tensor's shape (after Finalize()) */
    const TensorShape& GetInputShape() const;

    /** \return the layers nobody consumes: the network's outputs (after Finalize()) */
    std::vector<LayerId> GetOutputLayers() const;

    /** \return multiply-accumulates of one inference (after Finalize()) */
    uint64_t GetTotalMacs() const;

    /** \return trainable parameters (after Finalize()) */
    uint64_t GetTotalParams() const;

    /** \return the underlying graph, for Boost.Graph algorithms */
    const Graph& GetGraph() const;

  private:
    /**
     * \brief Abort with a programming error unless the model is finalised.
     * \param what the caller, for the message
     */
    void RequireFinalized(const char* what) const;

    std::string m_name;                                //!< network name
    Graph m_graph;                                     //!< layers and tensors
    std::unordered_map<std::string, LayerId> m_byName; //!< layer ids by name
    std::vector<LayerId> m_order;                      //!< topological order
    std::vector<std::size_t> m_position;               //!< position of each layer in m_order
    LayerId m_input{0};                                //!< the input layer
    uint64_t m_totalMacs{0};                           //!< sum of layer MACs
    uint64_t m_totalParams{0};                         //!< sum of layer parameters
    bool m_finalized{false};                           //!< Finalize() succeeded
};

} // namespace edgednn
} // namespace ns3

#endif /* CNN_MODEL_H */
