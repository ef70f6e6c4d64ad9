/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef EDGE_DNN_MODEL_REGISTRY_H
#define EDGE_DNN_MODEL_REGISTRY_H

#include "cnn-model.h"
#include "edge-dnn-split-profile.h"
#include "edge-dnn-tensor-encoding.h"

#include <string>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Names the networks that applications and schedulers refer to by their Model attribute: the
 * zoo's, plus networks and measured split profiles registered by the user; split profiles are
 * computed once per network and encoding, then shared.
 *
 * \code
 * ModelRegistry::Register("my-net", LayerGraphFormat::ReadFile("my-net.json"));
 * ModelRegistry::Register("resnet18-jetson", SplitProfileFormat::ReadFile("resnet18-jetson.csv"));
 * // then: iotDevice.SetAttribute("Model", StringValue("my-net"));
 * \endcode
 */
class ModelRegistry
{
  public:
    /**
     * \brief Register a network under a name (replacing any registered before under it).
     * \param name the name
     * \param model the finalised network
     */
    static void Register(const std::string& name, const CnnModel& model);

    /**
     * \brief Register a split profile (e.g. measured on hardware) under a name; its bytes are used
     * as they are, whatever the encoding asked for. \param name the name \param profile the profile
     */
    static void Register(const std::string& name, const SplitProfile& profile);

    /**
     * \param name a name
     * \return true if it names a registered network or profile, or a zoo network
     */
    static bool Has(const std::string& name);

    /**
     * \brief The split profile of a network.
     * \param name a registered name or a zoo network
     * \param encoding bytes per element of input and features
     * \return the profile, computed on first use
     * \throws EdgeDnnError for an unknown name
     */
    static const SplitProfile& GetProfile(const std::string& name,
                                          const TensorEncoding& encoding = TensorEncoding());

    /** \brief Forget registered networks and cached profiles. */
    static void Clear();
};

} // namespace edgednn
} // namespace ns3

#endif /* EDGE_DNN_MODEL_REGISTRY_H */
