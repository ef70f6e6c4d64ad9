/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_SPLIT_PROFILE_H
#define EDGE_DNN_SPLIT_PROFILE_H

#include "edge-dnn-split-point.h"
#include "edge-dnn-tensor-encoding.h"
#include "edge-dnn-tensor-shape.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

class CnnModel;

/**
 * \ingroup edge-dnn
 * \brief Unit of the edge and cloud costs of a split profile.
 */
enum class SplitCostUnit
{
    MACS,    //!< multiply-accumulates, from a layer model; times come from a device's MAC/s
    SECONDS, //!< seconds per frame measured on named edge and cloud devices
};

/**
 * \ingroup edge-dnn
 * \brief The split points of one network: per cut, edge and cloud cost and the bytes crossing it.
 *
 * Either derived from a CnnModel (FromModel) or read from a profile a user measured on real
 * hardware (SplitProfileFormat). The first split point is always k = 0 (everything in the cloud,
 * the raw input crosses); its bytes are the input's bytes, the reference of every data ratio.
 */
class SplitProfile
{
  public:
    /** \brief An empty profile. */
    SplitProfile();

    /**
     * \brief A profile from its split points.
     * \param model the network's name
     * \param unit the unit of the costs
     * \param points split points in increasing index order, the first with index 0 and no edge cost
     * \param edgeDevice device the edge seconds were measured on (SECONDS only)
     * \param cloudDevice device the cloud seconds were measured on (SECONDS only)
     * \throws EdgeDnnError naming the split point at fault, or if the total MACs overflow 64 bits
     */
    SplitProfile(const std::string& model,
                 SplitCostUnit unit,
                 std::vector<SplitPoint> points,
                 const std::string& edgeDevice = "",
                 const std::string& cloudDevice = "");

    /**
     * \brief All split points of a finalised model.
     * \param model the network
     * \param encoding bytes per element of input and features
     * \param singleTensorCutsOnly keep only the cuts that exactly one tensor crosses
     * \return the profile
     * \throws EdgeDnnError naming the layer or split point whose byte count exceeds 2^53 (one
     * tensor) or 64 bits (a cut)
     */
    static SplitProfile FromModel(const CnnModel& model,
                                  const TensorEncoding& encoding = TensorEncoding(),
                                  bool singleTensorCutsOnly = false);

    /** \return the network's name */
    const std::string& GetModelName() const;
    /** \return the unit of the costs */
    SplitCostUnit GetCostUnit() const;
    /** \return the device of the edge seconds (SECONDS profiles) */
    const std::string& GetEdgeDevice() const;
    /** \return the device of the cloud seconds (SECONDS profiles) */
    const std::string& GetCloudDevice() const;
    /** \return the raw input's shape, when derived from a model (else empty) */
    const TensorShape& GetInputShape() const;
    /** \return the raw input's bytes per frame */
    uint64_t GetInputBytes() const;
    /** \return the whole network's MACs (edge + cloud of any split point) */
    uint64_t GetTotalMacs() const;
    /** \return the whole network's parameters, when derived from a model (else 0) */
    uint64_t GetTotalParams() const;

    /** \return the split points, in increasing index order */
    const std::vector<SplitPoint>& GetSplitPoints() const;

    /** \return the number of split points */
    std::size_t GetSplitPointCount() const;

    /**
     * \param index a split index k
     * \return the split point with that index, or nullptr if there is none (e.g. filtered out)
     */
    const SplitPoint* FindSplitPoint(uint32_t index) const;

    /** \return the largest split index (everything at the edge, when derived from a model) */
    uint32_t GetLastIndex() const;

  private:
    std::string m_model;              //!< network name
    SplitCostUnit m_unit;             //!< cost unit
    std::string m_edgeDevice;         //!< edge device of measured seconds
    std::string m_cloudDevice;        //!< cloud device of measured seconds
    TensorShape m_inputShape;         //!< input shape (model-derived profiles)
    uint64_t m_totalParams{0};        //!< parameters (model-derived profiles)
    std::vector<SplitPoint> m_points; //!< split points by increasing index
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_SPLIT_PROFILE_H */
