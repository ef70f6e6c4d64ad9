/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef CNN_MODEL_ZOO_H
#define CNN_MODEL_ZOO_H

#include "cnn-model.h"

#include <string>
#include <vector>

namespace ns3
{
namespace edgednn
{

/**
 * \ingroup edge-dnn
 * \brief Built-in CNNs, each built layer by layer from its architecture (no tabulated totals).
 *
 * Architectures follow torchvision 0.14 where torchvision has the network (alexnet, vgg16, vgg19,
 * googlenet, inception-v3, resnet18..152, squeezenet1.0/1.1, mobilenet-v2, densenet121), so that
 * parameters and MACs equal torchvision's; note in particular:
 *  - ResNets use torchvision's stride placement ("v1.5": stride 2 on the 3x3 convolution of a
 * bottleneck, not on its first 1x1 as in the ResNet paper), which costs more MACs than the paper's
 * v1 for resnet50/101/152.
 *  - googlenet's third inception branch is 3x3, a known torchvision quirk (the GoogLeNet paper has
 * 5x5).
 *  - googlenet and inception-v3 leave out their auxiliary classifiers, which are not run for
 * inference. alexnet-caffe is the original AlexNet of BVLC Caffe's deploy.prototxt (227x227 input,
 * grouped convolutions, LRN, a final softmax) and mobilenet-v1 the MobileNet paper's 1.0-224
 * network (Table 1).
 */
class CnnModelZoo
{
  public:
    /** \return the names of all built-in networks */
    static std::vector<std::string> GetNames();

    /**
     * \param name a network name
     * \return true if the zoo has it
     */
    static bool Has(const std::string& name);

    /**
     * \param name a network name
     * \return a one-line description: architecture and source
     * \throws EdgeDnnError for an unknown name
     */
    static std::string GetDescription(const std::string& name);

    /**
     * \brief Build a network.
     * \param name a network name, e.g. "resnet50"
     * \return the finalised model
     * \throws EdgeDnnError for an unknown name, listing the known ones
     */
    static CnnModel Create(const std::string& name);
};

} // namespace edgednn
} // namespace ns3

#endif /* CNN_MODEL_ZOO_H */
