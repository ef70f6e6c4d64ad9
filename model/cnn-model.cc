/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cnn-model.h"

#include "edge-dnn-checked-arithmetic.h"
#include "edge-dnn-error.h"

#include "ns3/abort.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <utility>

namespace ns3
{
namespace edgednn
{

CnnModel::CnnModel(const std::string& name)
    : m_name(name)
{
}

CnnModel::LayerId
CnnModel::AddLayer(const CnnLayer& layer)
{
    if (layer.GetName().empty())
    {
        throw EdgeDnnError("a layer of type '" + CnnLayer::TypeToString(layer.GetType()) +
                           "' has an empty name");
    }
    if (m_byName.count(layer.GetName()) != 0)
    {
        throw EdgeDnnError("layer name '" + layer.GetName() +
                           "' is used twice; names must be unique");
    }
    const LayerId id = boost::add_vertex(layer, m_graph);
    m_byName.emplace(layer.GetName(), id);
    m_finalized = false;
    return id;
}

CnnModel::LayerId
CnnModel::AddLayer(const CnnLayer& layer, const std::vector<LayerId>& inputs)
{
    const LayerId id = AddLayer(layer);
    for (LayerId input : inputs)
    {
        Connect(input, id);
    }
    return id;
}

void
CnnModel::Connect(LayerId from, LayerId to)
{
    NS_ABORT_MSG_IF(from >= GetLayerCount() || to >= GetLayerCount(),
                    "Connect(" << from << ", " << to << ") on a model of " << GetLayerCount()
                               << " layers");
    InputSlot slot;
    slot.slot = boost::in_degree(to, m_graph);
    boost::add_edge(from, to, slot, m_graph);
    m_finalized = false;
}

void
CnnModel::Finalize()
{
    const std::size_t n = GetLayerCount();
    std::vector<LayerId> inputs;
    for (LayerId v = 0; v < n; ++v)
    {
        const CnnLayer& layer = m_graph[v];
        if (layer.GetType() == LayerType::INPUT)
        {
            inputs.push_back(v);
        }
        else if (boost::in_degree(v, m_graph) == 0)
        {
            throw EdgeDnnError("layer '" + layer.GetName() + "' has no inputs");
        }
    }
    if (inputs.size() != 1)
    {
        std::string names;
        for (LayerId v : inputs)
        {
            names += (names.empty() ? "'" : ", '") + m_graph[v].GetName() + "'";
        }
        throw EdgeDnnError("model '" + m_name + "' must have exactly one input layer, found " +
                           std::to_string(inputs.size()) + (names.empty() ? "" : ": " + names));
    }
    m_input = inputs.front();

    // Kahn's algorithm, taking the earliest-added ready layer first: deterministic, and the
    // identity on a model added in execution order.
    std::vector<std::size_t> pending(n);
    std::priority_queue<LayerId, std::vector<LayerId>, std::greater<>> ready;
    for (LayerId v = 0; v < n; ++v)
    {
        pending[v] = boost::in_degree(v, m_graph);
        if (pending[v] == 0)
        {
            ready.push(v);
        }
    }
    m_order.clear();
    m_order.reserve(n);
    while (!ready.empty())
    {
        const LayerId v = ready.top();
        ready.pop();
        m_order.push_back(v);
        for (auto [e, end] = boost::out_edges(v, m_graph); e != end; ++e)
        {
            const LayerId w = boost::target(*e, m_graph);
            if (--pending[w] == 0)
            {
                ready.push(w);
            }
        }
    }
    if (m_order.size() != n)
    {
        std::string names;
        for (LayerId v = 0; v < n; ++v)
        {
            if (pending[v] != 0)
            {
                names += (names.empty() ? "'" : ", '") + m_graph[v].GetName() + "'";
            }
        }
        throw EdgeDnnError("model '" + m_name +
                           "' has a cycle: these layers wait on each other: " + names);
    }

    // Reachability from the input: every layer must lie downstream of it.
    std::vector<bool> reached(n, false);
    reached[m_input] = true;
    for (LayerId v : m_order)
    {
        for (auto [e, end] = boost::in_edges(v, m_graph); e != end; ++e)
        {
            reached[v] = reached[v] || reached[boost::source(*e, m_graph)];
        }
        if (!reached[v])
        {
            throw EdgeDnnError("layer '" + m_graph[v].GetName() +
                               "' is not reachable from the input layer");
        }
    }

    m_position.assign(n, 0);
    CheckedUint64 totalMacs = 0;
    CheckedUint64 totalParams = 0;
    std::vector<TensorShape> shapes;
    for (std::size_t pos = 0; pos < n; ++pos)
    {
        const LayerId v = m_order[pos];
        m_position[v] = pos;
        shapes.clear();
        for (LayerId u : GetInputs(v))
        {
            shapes.push_back(m_graph[u].GetOutputShape());
        }
        m_graph[v].Infer(shapes);
        totalMacs += m_graph[v].GetMacs();
        totalParams += m_graph[v].GetParams();
    }
    for (const auto& [total, quantity] :
         {std::make_pair(totalMacs, "MAC count"), std::make_pair(totalParams, "parameter count")})
    {
        if (!total.IsValid())
        {
            throw EdgeDnnError("model '" + m_name + "': the total " + quantity +
                               " overflows 64 bits");
        }
    }
    m_totalMacs = totalMacs.Get();
    m_totalParams = totalParams.Get();
    m_finalized = true;
}

bool
CnnModel::IsFinalized() const
{
    return m_finalized;
}

const std::string&
CnnModel::GetName() const
{
    return m_name;
}

void
CnnModel::SetName(const std::string& name)
{
    m_name = name;
}

std::size_t
CnnModel::GetLayerCount() const
{
    return boost::num_vertices(m_graph);
}

const CnnLayer&
CnnModel::GetLayer(LayerId id) const
{
    NS_ABORT_MSG_IF(id >= GetLayerCount(), "no layer " << id << " in model " << m_name);
    return m_graph[id];
}

bool
CnnModel::FindLayer(const std::string& name, LayerId& id) const
{
    auto it = m_byName.find(name);
    if (it == m_byName.end())
    {
        return false;
    }
    id = it->second;
    return true;
}

std::vector<CnnModel::LayerId>
CnnModel::GetInputs(LayerId id) const
{
    std::vector<LayerId> inputs(boost::in_degree(id, m_graph));
    for (auto [e, end] = boost::in_edges(id, m_graph); e != end; ++e)
    {
        inputs[m_graph[*e].slot] = boost::source(*e, m_graph);
    }
    return inputs;
}

std::vector<CnnModel::LayerId>
CnnModel::GetConsumers(LayerId id) const
{
    std::vector<LayerId> consumers;
    for (auto [e, end] = boost::out_edges(id, m_graph); e != end; ++e)
    {
        consumers.push_back(boost::target(*e, m_graph));
    }
    return consumers;
}

void
CnnModel::RequireFinalized(const char* what) const
{
    NS_ABORT_MSG_UNLESS(m_finalized, what << " on model '" << m_name << "' before Finalize()");
}

const std::vector<CnnModel::LayerId>&
CnnModel::GetOrder() const
{
    RequireFinalized("GetOrder");
    return m_order;
}

std::size_t
CnnModel::GetPosition(LayerId id) const
{
    RequireFinalized("GetPosition");
    return m_position.at(id);
}

CnnModel::LayerId
CnnModel::GetInputLayer() const
{
    RequireFinalized("GetInputLayer");
    return m_input;
}

const TensorShape&
CnnModel::GetInputShape() const
{
    RequireFinalized("GetInputShape");
    return m_graph[m_input].GetOutputShape();
}

std::vector<CnnModel::LayerId>
CnnModel::GetOutputLayers() const
{
    RequireFinalized("GetOutputLayers");
    std::vector<LayerId> outputs;
    for (LayerId v : m_order)
    {
        if (boost::out_degree(v, m_graph) == 0)
        {
            outputs.push_back(v);
        }
    }
    return outputs;
}

uint64_t
CnnModel::GetTotalMacs() const
{
    RequireFinalized("GetTotalMacs");
    return m_totalMacs;
}

uint64_t
CnnModel::GetTotalParams() const
{
    RequireFinalized("GetTotalParams");
    return m_totalParams;
}

const CnnModel::Graph&
CnnModel::GetGraph() const
{
    return m_graph;
}

} // namespace edgednn
} // namespace ns3
