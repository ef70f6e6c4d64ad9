/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "edge-dnn-split-profile.h"

#include "cnn-model.h"
#include "edge-dnn-checked-arithmetic.h"
#include "edge-dnn-error.h"

#include "ns3/abort.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <queue>

namespace ns3
{
namespace edgednn
{

CrossingTensors::const_iterator::const_iterator(const Table* table, uint32_t cut, std::size_t i)
    : m_table(table),
      m_cut(cut),
      m_i(i)
{
    Settle();
}

void
CrossingTensors::const_iterator::Settle()
{
    const std::size_t n = m_table == nullptr ? 0 : m_table->size();
    while (m_i < n && (*m_table)[m_i].firstCut <= m_cut && (*m_table)[m_i].endCut <= m_cut)
    {
        ++m_i; // ended before this cut
    }
    if (m_i < n && (*m_table)[m_i].firstCut > m_cut)
    {
        m_i = n; // this and every later entry start after the cut
    }
}

CrossingTensors::const_iterator::reference
CrossingTensors::const_iterator::operator*() const
{
    return (*m_table)[m_i].name;
}

CrossingTensors::const_iterator::pointer
CrossingTensors::const_iterator::operator->() const
{
    return &(*m_table)[m_i].name;
}

CrossingTensors::const_iterator&
CrossingTensors::const_iterator::operator++()
{
    ++m_i;
    Settle();
    return *this;
}

CrossingTensors::const_iterator
CrossingTensors::const_iterator::operator++(int)
{
    const_iterator before = *this;
    ++*this;
    return before;
}

bool
CrossingTensors::const_iterator::operator==(const const_iterator& other) const
{
    return m_i == other.m_i;
}

bool
CrossingTensors::const_iterator::operator!=(const const_iterator& other) const
{
    return !(*this == other);
}

CrossingTensors::CrossingTensors(std::vector<std::string> names)
{
    if (names.empty())
    {
        return;
    }
    auto table = std::make_shared<Table>();
    table->reserve(names.size());
    for (auto& name : names)
    {
        table->push_back({std::move(name), 0, 1});
    }
    m_count = table->size();
    m_table = std::move(table);
}

CrossingTensors::CrossingTensors(std::initializer_list<std::string> names)
    : CrossingTensors(std::vector<std::string>(names))
{
}

CrossingTensors::CrossingTensors(std::shared_ptr<const Table> table,
                                 uint32_t cut,
                                 std::size_t first,
                                 std::size_t count)
    : m_table(std::move(table)),
      m_cut(cut),
      m_first(first),
      m_count(count)
{
}

std::size_t
CrossingTensors::size() const
{
    return m_count;
}

bool
CrossingTensors::empty() const
{
    return m_count == 0;
}

CrossingTensors::const_iterator
CrossingTensors::begin() const
{
    return m_count == 0 ? end() : const_iterator(m_table.get(), m_cut, m_first);
}

CrossingTensors::const_iterator
CrossingTensors::end() const
{
    return const_iterator(m_table.get(), m_cut, m_table == nullptr ? 0 : m_table->size());
}

std::vector<std::string>
CrossingTensors::ToVector() const
{
    return std::vector<std::string>(begin(), end());
}

SplitProfile::SplitProfile()
    : m_unit(SplitCostUnit::MACS)
{
}

SplitProfile::SplitProfile(const std::string& model,
                           SplitCostUnit unit,
                           std::vector<SplitPoint> points,
                           const std::string& edgeDevice,
                           const std::string& cloudDevice)
    : m_model(model),
      m_unit(unit),
      m_edgeDevice(edgeDevice),
      m_cloudDevice(cloudDevice),
      m_points(std::move(points))
{
    const std::string where = "split profile of '" + m_model + "': ";
    if (m_points.empty())
    {
        throw EdgeDnnError(where + "has no split points");
    }
    const SplitPoint& first = m_points.front();
    if (!(CheckedUint64(first.edgeMacs) + first.cloudMacs).IsValid())
    {
        throw EdgeDnnError(where + "the total MAC count (edge + cloud MACs of split point 0) "
                                   "overflows 64 bits");
    }
    const bool edgeCostFree =
        unit == SplitCostUnit::MACS ? first.edgeMacs == 0 : first.edgeSeconds == 0.0;
    if (first.index != 0 || !edgeCostFree || first.bytes == 0)
    {
        throw EdgeDnnError(
            where + "the first split point must be index 0 (all in the cloud) with no edge cost "
                    "and the raw input's bytes (> 0)");
    }
    for (std::size_t i = 0; i < m_points.size(); ++i)
    {
        SplitPoint& p = m_points[i];
        const std::string at =
            where + "split point " + std::to_string(p.index) + " ('" + p.name + "'): ";
        if (i > 0 && p.index <= m_points[i - 1].index)
        {
            throw EdgeDnnError(at + "indices must increase, but it follows index " +
                               std::to_string(m_points[i - 1].index));
        }
        if (unit == SplitCostUnit::SECONDS &&
            !(p.edgeSeconds >= 0.0 && p.cloudSeconds >= 0.0 && std::isfinite(p.edgeSeconds) &&
              std::isfinite(p.cloudSeconds)))
        {
            throw EdgeDnnError(at + "edge and cloud seconds must be finite and >= 0");
        }
        p.dataRatio = static_cast<double>(p.bytes) / static_cast<double>(first.bytes);
        p.edgeMacsPerInputByte = static_cast<double>(p.edgeMacs) / static_cast<double>(first.bytes);
    }
}

SplitProfile
SplitProfile::FromModel(const CnnModel& model,
                        const TensorEncoding& encoding,
                        bool singleTensorCutsOnly)
{
    const auto& order = model.GetOrder();
    const std::size_t n = order.size();
    const CnnModel::LayerId input = model.GetInputLayer();

    // A tensor produced at position p and last consumed at position q crosses every cut k with p <=
    // k < q; a network output crosses every cut from its producer on.
    std::vector<std::size_t> lastUse(n, 0);
    for (std::size_t p = 0; p < n; ++p)
    {
        const auto consumers = model.GetConsumers(order[p]);
        if (consumers.empty())
        {
            lastUse[p] = n;
        }
        for (CnnModel::LayerId c : consumers)
        {
            lastUse[p] = std::max(lastUse[p], model.GetPosition(c));
        }
    }

    const std::string where = "split profile of '" + model.GetName() + "': ";
    std::vector<SplitPoint> points(n);
    // Each tensor crosses the cuts [k, end): one shared table of them, swept once, keeps time and
    // memory linear in the layers however many tensors cross each cut.
    auto table = std::make_shared<CrossingTensors::Table>();
    std::vector<uint64_t> bytesEnding(n + 1, 0); // bytes of the tensors whose last cut is k - 1
    std::vector<std::size_t> countEnding(n + 1, 0);
    std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> live; // entries
    uint64_t bytesCrossing = 0;
    std::size_t countCrossing = 0;
    uint64_t edgeMacs = 0;
    for (std::size_t k = 0; k < n; ++k)
    {
        const CnnLayer& layer = model.GetLayer(order[k]);
        edgeMacs += layer.GetMacs(); // at most the model's total MACs, which fit 64 bits
        points[k].index = static_cast<uint32_t>(k);
        points[k].name = layer.GetName();
        points[k].edgeMacs = edgeMacs;
        points[k].cloudMacs = model.GetTotalMacs() - edgeMacs;
        uint64_t bytes = 0;
        try
        {
            const uint64_t elements = layer.GetOutputShape().GetElementCount();
            bytes = order[k] == input ? encoding.GetInputBytes(elements)
                                      : encoding.GetFeatureBytes(elements);
        }
        catch (const EdgeDnnError& e)
        {
            throw EdgeDnnError(where + "layer '" + layer.GetName() + "': " + e.what());
        }
        // The tensors whose last cut was k - 1 no longer cross (each was counted in the sum at
        // k - 1, so the difference cannot wrap), and this layer's output starts crossing.
        const std::size_t end = std::min(lastUse[k], n);
        const CheckedUint64 sum = CheckedUint64(bytesCrossing - bytesEnding[k]) + bytes;
        if (!sum.IsValid())
        {
            throw EdgeDnnError(where + "split point " + std::to_string(k) + " ('" +
                               layer.GetName() +
                               "'): the byte count crossing the cut overflows 64 bits");
        }
        bytesCrossing = sum.Get();
        countCrossing = countCrossing - countEnding[k] + 1;
        bytesEnding[end] = (CheckedUint64(bytesEnding[end]) + bytes).Get(); // <= a checked sum
        ++countEnding[end];
        live.push(table->size());
        table->push_back({layer.GetName(), static_cast<uint32_t>(k), static_cast<uint32_t>(end)});
        while ((*table)[live.top()].endCut <= k)
        {
            live.pop();
        }
        points[k].bytes = bytesCrossing;
        points[k].crossingTensors = CrossingTensors(table, k, live.top(), countCrossing);
    }
    if (singleTensorCutsOnly)
    {
        points.erase(
            std::remove_if(points.begin(),
                           points.end(),
                           [](const SplitPoint& p) { return p.crossingTensors.size() != 1; }),
            points.end());
    }
    SplitProfile profile(model.GetName(), SplitCostUnit::MACS, std::move(points));
    profile.m_inputShape = model.GetInputShape();
    profile.m_totalParams = model.GetTotalParams();
    return profile;
}

const std::string&
SplitProfile::GetModelName() const
{
    return m_model;
}

SplitCostUnit
SplitProfile::GetCostUnit() const
{
    return m_unit;
}

const std::string&
SplitProfile::GetEdgeDevice() const
{
    return m_edgeDevice;
}

const std::string&
SplitProfile::GetCloudDevice() const
{
    return m_cloudDevice;
}

const TensorShape&
SplitProfile::GetInputShape() const
{
    return m_inputShape;
}

uint64_t
SplitProfile::GetInputBytes() const
{
    return m_points.empty() ? 0 : m_points.front().bytes;
}

uint64_t
SplitProfile::GetTotalMacs() const
{
    return m_points.empty() ? 0 : m_points.front().edgeMacs + m_points.front().cloudMacs;
}

uint64_t
SplitProfile::GetTotalParams() const
{
    return m_totalParams;
}

const std::vector<SplitPoint>&
SplitProfile::GetSplitPoints() const
{
    return m_points;
}

std::size_t
SplitProfile::GetSplitPointCount() const
{
    return m_points.size();
}

const SplitPoint*
SplitProfile::FindSplitPoint(uint32_t index) const
{
    auto it = std::lower_bound(m_points.begin(),
                               m_points.end(),
                               index,
                               [](const SplitPoint& p, uint32_t i) { return p.index < i; });
    return it != m_points.end() && it->index == index ? &*it : nullptr;
}

uint32_t
SplitProfile::GetLastIndex() const
{
    return m_points.empty() ? 0 : m_points.back().index;
}

} // namespace edgednn
} // namespace ns3
