/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cnn-model-zoo.h"

#include "cnn-model-builder.h"
#include "edge-dnn-error.h"

#include <algorithm>
#include <array>
#include <functional>

namespace ns3
{
namespace edgednn
{

namespace
{

/// A layer id in the model being built.
using Id = CnnModelBuilder::Id;

/// The builder the networks are made with.
using ZooBuilder = CnnModelBuilder;

/**
 * \brief torchvision's AlexNet (one GPU, 64/192/384/256/256 channels).
 * \return the model
 */
CnnModel
AlexNet()
{
    ZooBuilder b("alexnet", TensorShape{3, 224, 224});
    Id x = b.Input();
    x = b.Add(CnnLayer::Convolution("features.0", 64, 11, 4, 2), {x});
    x = b.Add(CnnLayer::Activation("features.1"), {x});
    x = b.Add(CnnLayer::MaxPool("features.2", 3, 2), {x});
    x = b.Add(CnnLayer::Convolution("features.3", 192, 5, 1, 2), {x});
    x = b.Add(CnnLayer::Activation("features.4"), {x});
    x = b.Add(CnnLayer::MaxPool("features.5", 3, 2), {x});
    x = b.Add(CnnLayer::Convolution("features.6", 384, 3, 1, 1), {x});
    x = b.Add(CnnLayer::Activation("features.7"), {x});
    x = b.Add(CnnLayer::Convolution("features.8", 256, 3, 1, 1), {x});
    x = b.Add(CnnLayer::Activation("features.9"), {x});
    x = b.Add(CnnLayer::Convolution("features.10", 256, 3, 1, 1), {x});
    x = b.Add(CnnLayer::Activation("features.11"), {x});
    x = b.Add(CnnLayer::MaxPool("features.12", 3, 2), {x});
    x = b.Add(CnnLayer::AdaptiveAvgPool("avgpool", 6), {x});
    x = b.Add(CnnLayer::Flatten("flatten"), {x});
    x = b.Add(CnnLayer::Dropout("classifier.0"), {x});
    x = b.Add(CnnLayer::FullyConnected("classifier.1", 4096), {x});
    x = b.Add(CnnLayer::Activation("classifier.2"), {x});
    x = b.Add(CnnLayer::Dropout("classifier.3"), {x});
    x = b.Add(CnnLayer::FullyConnected("classifier.4", 4096), {x});
    x = b.Add(CnnLayer::Activation("classifier.5"), {x});
    b.Add(CnnLayer::FullyConnected("classifier.6", 1000), {x});
    return b.Finish();
}

/**
 * \brief The original AlexNet of BVLC Caffe's deploy.prototxt: 227x227, groups of 2, LRN, softmax.
 * \return the model
 */
CnnModel
AlexNetCaffe()
{
    ZooBuilder b("alexnet-caffe", TensorShape{3, 227, 227});
    Id x = b.Input();
    x = b.Add(CnnLayer::Convolution("conv1", 96, 11, 4, 0), {x});
    x = b.Add(CnnLayer::Activation("relu1"), {x});
    x = b.Add(CnnLayer::Lrn("norm1", 5), {x});
    x = b.Add(CnnLayer::MaxPool("pool1", 3, 2, 0, true), {x});
    x = b.Add(CnnLayer::Convolution("conv2", 256, 5, 1, 2, 2), {x});
    x = b.Add(CnnLayer::Activation("relu2"), {x});
    x = b.Add(CnnLayer::Lrn("norm2", 5), {x});
    x = b.Add(CnnLayer::MaxPool("pool2", 3, 2, 0, true), {x});
    x = b.Add(CnnLayer::Convolution("conv3", 384, 3, 1, 1), {x});
    x = b.Add(CnnLayer::Activation("relu3"), {x});
    x = b.Add(CnnLayer::Convolution("conv4", 384, 3, 1, 1, 2), {x});
    x = b.Add(CnnLayer::Activation("relu4"), {x});
    x = b.Add(CnnLayer::Convolution("conv5", 256, 3, 1, 1, 2), {x});
    x = b.Add(CnnLayer::Activation("relu5"), {x});
    x = b.Add(CnnLayer::MaxPool("pool5", 3, 2, 0, true), {x});
    x = b.Add(CnnLayer::FullyConnected("fc6", 4096), {x});
    x = b.Add(CnnLayer::Activation("relu6"), {x});
    x = b.Add(CnnLayer::Dropout("drop6"), {x});
    x = b.Add(CnnLayer::FullyConnected("fc7", 4096), {x});
    x = b.Add(CnnLayer::Activation("relu7"), {x});
    x = b.Add(CnnLayer::Dropout("drop7"), {x});
    x = b.Add(CnnLayer::FullyConnected("fc8", 1000), {x});
    b.Add(CnnLayer::Softmax("prob"), {x});
    return b.Finish();
}

/**
 * \brief torchvision's VGG without batch norm.
 * \param name network name
 * \param plan channels per 3x3 convolution, 0 for a 2x2 max pooling
 * \return the model
 */
CnnModel
Vgg(const std::string& name, const std::vector<uint64_t>& plan)
{
    ZooBuilder b(name, TensorShape{3, 224, 224});
    Id x = b.Input();
    int index = 0;
    for (uint64_t channels : plan)
    {
        const std::string at = "features." + std::to_string(index);
        if (channels == 0)
        {
            x = b.Add(CnnLayer::MaxPool(at, 2, 2), {x});
            ++index;
            continue;
        }
        x = b.Add(CnnLayer::Convolution(at, channels, 3, 1, 1), {x});
        x = b.Add(CnnLayer::Activation("features." + std::to_string(index + 1)), {x});
        index += 2;
    }
    x = b.Add(CnnLayer::AdaptiveAvgPool("avgpool", 7), {x});
    x = b.Add(CnnLayer::Flatten("flatten"), {x});
    x = b.Add(CnnLayer::FullyConnected("classifier.0", 4096), {x});
    x = b.Add(CnnLayer::Activation("classifier.1"), {x});
    x = b.Add(CnnLayer::Dropout("classifier.2"), {x});
    x = b.Add(CnnLayer::FullyConnected("classifier.3", 4096), {x});
    x = b.Add(CnnLayer::Activation("classifier.4"), {x});
    x = b.Add(CnnLayer::Dropout("classifier.5"), {x});
    b.Add(CnnLayer::FullyConnected("classifier.6", 1000), {x});
    return b.Finish();
}

/**
 * \brief torchvision's ResNet ("v1.5" stride placement).
 * \param name network name
 * \param blocks residual blocks per stage
 * \param bottleneck bottleneck blocks (expansion 4) instead of basic blocks
 * \return the model
 */
CnnModel
ResNet(const std::string& name, const std::array<int, 4>& blocks, bool bottleneck)
{
    ZooBuilder b(name, TensorShape{3, 224, 224});
    Id x = b.ConvBnAct("conv1", "bn1", "relu", b.Input(), 64, 7, 2, 3);
    x = b.Add(CnnLayer::MaxPool("maxpool", 3, 2, 1), {x});
    const uint64_t expansion = bottleneck ? 4 : 1;
    uint64_t inplanes = 64;
    for (int stage = 0; stage < 4; ++stage)
    {
        const uint64_t planes = 64ULL << stage;
        for (int block = 0; block < blocks[stage]; ++block)
        {
            const std::string p =
                "layer" + std::to_string(stage + 1) + "." + std::to_string(block) + ".";
            const uint64_t stride = (stage > 0 && block == 0) ? 2 : 1;
            const Id identity = x;
            Id y;
            if (bottleneck)
            {
                y = b.ConvBnAct(p + "conv1", p + "bn1", p + "relu1", x, planes, 1);
                y = b.ConvBnAct(p + "conv2", p + "bn2", p + "relu2", y, planes, 3, stride, 1);
                y = b.ConvBnAct(p + "conv3", p + "bn3", "", y, planes * expansion, 1);
            }
            else
            {
                y = b.ConvBnAct(p + "conv1", p + "bn1", p + "relu1", x, planes, 3, stride, 1);
                y = b.ConvBnAct(p + "conv2", p + "bn2", "", y, planes, 3, 1, 1);
            }
            Id shortcut = identity;
            if (stride != 1 || inplanes != planes * expansion)
            {
                shortcut = b.ConvBnAct(p + "downsample.0",
                                       p + "downsample.1",
                                       "",
                                       identity,
                                       planes * expansion,
                                       1,
                                       stride);
            }
            x = b.Add(CnnLayer::Add(p + "add"), {y, shortcut});
            x = b.Add(CnnLayer::Activation(p + "relu"), {x});
            inplanes = planes * expansion;
        }
    }
    b.PoolClassifier(x, "avgpool", "", "fc");
    return b.Finish();
}

/**
 * \brief A SqueezeNet Fire module: squeeze 1x1, then 1x1 and 3x3 expansions concatenated.
 * \param b the builder
 * \param prefix module name
 * \param in input
 * \param squeeze squeeze channels
 * \param expand1 1x1 expansion channels
 * \param expand3 3x3 expansion channels
 * \return the concatenation
 */
Id
Fire(ZooBuilder& b,
     const std::string& prefix,
     Id in,
     uint64_t squeeze,
     uint64_t expand1,
     uint64_t expand3)
{
    Id s = b.Add(CnnLayer::Convolution(prefix + ".squeeze", squeeze, 1), {in});
    s = b.Add(CnnLayer::Activation(prefix + ".squeeze_activation"), {s});
    Id e1 = b.Add(CnnLayer::Convolution(prefix + ".expand1x1", expand1, 1), {s});
    e1 = b.Add(CnnLayer::Activation(prefix + ".expand1x1_activation"), {e1});
    Id e3 = b.Add(CnnLayer::Convolution(prefix + ".expand3x3", expand3, 3, 1, 1), {s});
    e3 = b.Add(CnnLayer::Activation(prefix + ".expand3x3_activation"), {e3});
    return b.Add(CnnLayer::Concat(prefix + ".cat"), {e1, e3});
}

/**
 * \brief torchvision's SqueezeNet 1.0 or 1.1.
 * \param v11 version 1.1 instead of 1.0
 * \return the model
 */
CnnModel
SqueezeNet(bool v11)
{
    ZooBuilder b(v11 ? "squeezenet1.1" : "squeezenet1.0", TensorShape{3, 224, 224});
    Id x = b.Add(v11 ? CnnLayer::Convolution("features.0", 64, 3, 2)
                     : CnnLayer::Convolution("features.0", 96, 7, 2),
                 {b.Input()});
    x = b.Add(CnnLayer::Activation("features.1"), {x});
    // (squeeze, expand) per Fire module, 0 for a 3x3 stride-2 ceil-mode max pooling.
    const std::vector<std::pair<uint64_t, uint64_t>> plan10{{0, 0},
                                                            {16, 64},
                                                            {16, 64},
                                                            {32, 128},
                                                            {0, 0},
                                                            {32, 128},
                                                            {48, 192},
                                                            {48, 192},
                                                            {64, 256},
                                                            {0, 0},
                                                            {64, 256}};
    const std::vector<std::pair<uint64_t, uint64_t>> plan11{{0, 0},
                                                            {16, 64},
                                                            {16, 64},
                                                            {0, 0},
                                                            {32, 128},
                                                            {32, 128},
                                                            {0, 0},
                                                            {48, 192},
                                                            {48, 192},
                                                            {64, 256},
                                                            {64, 256}};
    int index = 2;
    for (const auto& [squeeze, expand] : v11 ? plan11 : plan10)
    {
        const std::string at = "features." + std::to_string(index++);
        x = squeeze == 0 ? b.Add(CnnLayer::MaxPool(at, 3, 2, 0, true), {x})
                         : Fire(b, at, x, squeeze, expand, expand);
    }
    x = b.Add(CnnLayer::Dropout("classifier.0"), {x});
    x = b.Add(CnnLayer::Convolution("classifier.1", 1000, 1), {x});
    x = b.Add(CnnLayer::Activation("classifier.2"), {x});
    x = b.Add(CnnLayer::AdaptiveAvgPool("classifier.3", 1), {x});
    b.Add(CnnLayer::Flatten("flatten"), {x});
    return b.Finish();
}

/**
 * \brief MobileNet v1 1.0-224 (MobileNet paper, Table 1): depthwise separable convolutions.
 * \return the model
 */
CnnModel
MobileNetV1()
{
    ZooBuilder b("mobilenet-v1", TensorShape{3, 224, 224});
    Id x = b.ConvBnAct("conv0", "conv0.bn", "conv0.relu", b.Input(), 32, 3, 2, 1);
    // (output channels, stride) of each depthwise separable block.
    const std::vector<std::pair<uint64_t, uint64_t>> plan{{64, 1},
                                                          {128, 2},
                                                          {128, 1},
                                                          {256, 2},
                                                          {256, 1},
                                                          {512, 2},
                                                          {512, 1},
                                                          {512, 1},
                                                          {512, 1},
                                                          {512, 1},
                                                          {512, 1},
                                                          {1024, 2},
                                                          {1024, 1}};
    int index = 1;
    for (const auto& [channels, stride] : plan)
    {
        const std::string p = "conv" + std::to_string(index++);
        x = b.Add(CnnLayer::DepthwiseConvolution(p + ".dw", 3, stride, 1), {x});
        x = b.Add(CnnLayer::BatchNorm(p + ".dw.bn"), {x});
        x = b.Add(CnnLayer::Activation(p + ".dw.relu"), {x});
        x = b.ConvBnAct(p + ".pw", p + ".pw.bn", p + ".pw.relu", x, channels, 1);
    }
    x = b.Add(CnnLayer::AvgPool("avgpool", 7, 1), {x});
    x = b.Add(CnnLayer::Flatten("flatten"), {x});
    x = b.Add(CnnLayer::FullyConnected("fc", 1000), {x});
    b.Add(CnnLayer::Softmax("softmax"), {x});
    return b.Finish();
}

/**
 * \brief torchvision's MobileNet v2 (width 1.0): inverted residual blocks.
 * \return the model
 */
CnnModel
MobileNetV2()
{
    ZooBuilder b("mobilenet-v2", TensorShape{3, 224, 224});
    Id x = b.ConvBnAct("features.0.0",
                       "features.0.1",
                       "features.0.2",
                       b.Input(),
                       32,
                       3,
                       2,
                       1,
                       "relu6");
    // (expansion t, channels c, repeats n, first stride s), the paper's Table 2.
    const std::vector<std::array<uint64_t, 4>> plan{{1, 16, 1, 1},
                                                    {6, 24, 2, 2},
                                                    {6, 32, 3, 2},
                                                    {6, 64, 4, 2},
                                                    {6, 96, 3, 1},
                                                    {6, 160, 3, 2},
                                                    {6, 320, 1, 1}};
    uint64_t in = 32;
    int index = 1;
    for (const auto& [t, c, n, s] : plan)
    {
        for (uint64_t i = 0; i < n; ++i)
        {
            const std::string p = "features." + std::to_string(index++) + ".conv.";
            const uint64_t stride = i == 0 ? s : 1;
            const uint64_t hidden = in * t;
            Id y = x;
            int sub = 0;
            if (t != 1)
            {
                y = b.ConvBnAct(p + "0.0", p + "0.1", p + "0.2", y, hidden, 1, 1, 0, "relu6");
                ++sub;
            }
            const std::string dw = p + std::to_string(sub) + ".";
            y = b.Add(CnnLayer::DepthwiseConvolution(dw + "0", 3, stride, 1), {y});
            y = b.Add(CnnLayer::BatchNorm(dw + "1"), {y});
            y = b.Add(CnnLayer::Activation(dw + "2", "relu6"), {y});
            y = b.ConvBnAct(p + std::to_string(sub + 1), p + std::to_string(sub + 2), "", y, c, 1);
            x = (stride == 1 && in == c) ? b.Add(CnnLayer::Add(p + "add"), {x, y}) : y;
            in = c;
        }
    }
    x = b.ConvBnAct("features.18.0", "features.18.1", "features.18.2", x, 1280, 1, 1, 0, "relu6");
    b.PoolClassifier(x, "avgpool", "classifier.0", "classifier.1");
    return b.Finish();
}

/**
 * \brief torchvision's GoogLeNet without auxiliary classifiers (3x3 in the third branch, as
 * torchvision). \return the model
 */
CnnModel
GoogLeNet()
{
    ZooBuilder b("googlenet", TensorShape{3, 224, 224});
    Id x = b.Basic("conv1", b.Input(), 64, 7, 2, 3);
    x = b.Add(CnnLayer::MaxPool("maxpool1", 3, 2, 0, true), {x});
    x = b.Basic("conv2", x, 64, 1);
    x = b.Basic("conv3", x, 192, 3, 1, 1);
    x = b.Add(CnnLayer::MaxPool("maxpool2", 3, 2, 0, true), {x});
    auto inception = [&b](const std::string& p,
                          Id in,
                          uint64_t ch1,
                          uint64_t ch3red,
                          uint64_t ch3,
                          uint64_t ch5red,
                          uint64_t ch5,
                          uint64_t pool) {
        const Id b1 = b.Basic(p + ".branch1", in, ch1, 1);
        const Id b2 =
            b.Basic(p + ".branch2.1", b.Basic(p + ".branch2.0", in, ch3red, 1), ch3, 3, 1, 1);
        const Id b3 =
            b.Basic(p + ".branch3.1", b.Basic(p + ".branch3.0", in, ch5red, 1), ch5, 3, 1, 1);
        const Id mp = b.Add(CnnLayer::MaxPool(p + ".branch4.0", 3, 1, 1, true), {in});
        const Id b4 = b.Basic(p + ".branch4.1", mp, pool, 1);
        return b.Add(CnnLayer::Concat(p + ".cat"), {b1, b2, b3, b4});
    };
    x = inception("inception3a", x, 64, 96, 128, 16, 32, 32);
    x = inception("inception3b", x, 128, 128, 192, 32, 96, 64);
    x = b.Add(CnnLayer::MaxPool("maxpool3", 3, 2, 0, true), {x});
    x = inception("inception4a", x, 192, 96, 208, 16, 48, 64);
    x = inception("inception4b", x, 160, 112, 224, 24, 64, 64);
    x = inception("inception4c", x, 128, 128, 256, 24, 64, 64);
    x = inception("inception4d", x, 112, 144, 288, 32, 64, 64);
    x = inception("inception4e", x, 256, 160, 320, 32, 128, 128);
    x = b.Add(CnnLayer::MaxPool("maxpool4", 2, 2, 0, true), {x});
    x = inception("inception5a", x, 256, 160, 320, 32, 128, 128);
    x = inception("inception5b", x, 384, 192, 384, 48, 128, 128);
    b.PoolClassifier(x, "avgpool", "dropout", "fc");
    return b.Finish();
}

/**
 * \brief torchvision's Inception v3 at 299x299, without the auxiliary classifier.
 * \return the model
 */
CnnModel
InceptionV3()
{
    ZooBuilder b("inception-v3", TensorShape{3, 299, 299});
    Id x = b.Basic("Conv2d_1a_3x3", b.Input(), 32, 3, 2);
    x = b.Basic("Conv2d_2a_3x3", x, 32, 3);
    x = b.Basic("Conv2d_2b_3x3", x, 64, 3, 1, 1);
    x = b.Add(CnnLayer::MaxPool("maxpool1", 3, 2), {x});
    x = b.Basic("Conv2d_3b_1x1", x, 80, 1);
    x = b.Basic("Conv2d_4a_3x3", x, 192, 3);
    x = b.Add(CnnLayer::MaxPool("maxpool2", 3, 2), {x});

    const Extent2d k17(1, 7);
    const Extent2d k71(7, 1);
    const Extent2d p17(0, 3);
    const Extent2d p71(3, 0);
    auto poolBranch = [&b](const std::string& p, Id in, uint64_t out) {
        const Id pool = b.Add(CnnLayer::AvgPool(p + ".avg_pool", 3, 1, 1), {in});
        return b.Basic(p + ".branch_pool", pool, out, 1);
    };
    auto inceptionA = [&](const std::string& p, Id in, uint64_t poolFeatures) {
        const Id b1 = b.Basic(p + ".branch1x1", in, 64, 1);
        const Id b5 =
            b.Basic(p + ".branch5x5_2", b.Basic(p + ".branch5x5_1", in, 48, 1), 64, 5, 1, 2);
        Id d = b.Basic(p + ".branch3x3dbl_1", in, 64, 1);
        d = b.Basic(p + ".branch3x3dbl_2", d, 96, 3, 1, 1);
        d = b.Basic(p + ".branch3x3dbl_3", d, 96, 3, 1, 1);
        const Id bp = poolBranch(p, in, poolFeatures);
        return b.Add(CnnLayer::Concat(p + ".cat"), {b1, b5, d, bp});
    };
    auto inceptionB = [&](const std::string& p, Id in) {
        const Id b3 = b.Basic(p + ".branch3x3", in, 384, 3, 2);
        Id d = b.Basic(p + ".branch3x3dbl_1", in, 64, 1);
        d = b.Basic(p + ".branch3x3dbl_2", d, 96, 3, 1, 1);
        d = b.Basic(p + ".branch3x3dbl_3", d, 96, 3, 2);
        const Id bp = b.Add(CnnLayer::MaxPool(p + ".max_pool", 3, 2), {in});
        return b.Add(CnnLayer::Concat(p + ".cat"), {b3, d, bp});
    };
    auto inceptionC = [&](const std::string& p, Id in, uint64_t c7) {
        const Id b1 = b.Basic(p + ".branch1x1", in, 192, 1);
        Id s = b.Basic(p + ".branch7x7_1", in, c7, 1);
        s = b.Basic(p + ".branch7x7_2", s, c7, k17, 1, p17);
        s = b.Basic(p + ".branch7x7_3", s, 192, k71, 1, p71);
        Id d = b.Basic(p + ".branch7x7dbl_1", in, c7, 1);
        d = b.Basic(p + ".branch7x7dbl_2", d, c7, k71, 1, p71);
        d = b.Basic(p + ".branch7x7dbl_3", d, c7, k17, 1, p17);
        d = b.Basic(p + ".branch7x7dbl_4", d, c7, k71, 1, p71);
        d = b.Basic(p + ".branch7x7dbl_5", d, 192, k17, 1, p17);
        const Id bp = poolBranch(p, in, 192);
        return b.Add(CnnLayer::Concat(p + ".cat"), {b1, s, d, bp});
    };
    auto inceptionD = [&](const std::string& p, Id in) {
        const Id b3 =
            b.Basic(p + ".branch3x3_2", b.Basic(p + ".branch3x3_1", in, 192, 1), 320, 3, 2);
        Id s = b.Basic(p + ".branch7x7x3_1", in, 192, 1);
        s = b.Basic(p + ".branch7x7x3_2", s, 192, k17, 1, p17);
        s = b.Basic(p + ".branch7x7x3_3", s, 192, k71, 1, p71);
        s = b.Basic(p + ".branch7x7x3_4", s, 192, 3, 2);
        const Id bp = b.Add(CnnLayer::MaxPool(p + ".max_pool", 3, 2), {in});
        return b.Add(CnnLayer::Concat(p + ".cat"), {b3, s, bp});
    };
    auto inceptionE = [&](const std::string& p, Id in) {
        const Id b1 = b.Basic(p + ".branch1x1", in, 320, 1);
        const Id s = b.Basic(p + ".branch3x3_1", in, 384, 1);
        const Id s2a = b.Basic(p + ".branch3x3_2a", s, 384, Extent2d(1, 3), 1, Extent2d(0, 1));
        const Id s2b = b.Basic(p + ".branch3x3_2b", s, 384, Extent2d(3, 1), 1, Extent2d(1, 0));
        Id d = b.Basic(p + ".branch3x3dbl_1", in, 448, 1);
        d = b.Basic(p + ".branch3x3dbl_2", d, 384, 3, 1, 1);
        const Id d3a = b.Basic(p + ".branch3x3dbl_3a", d, 384, Extent2d(1, 3), 1, Extent2d(0, 1));
        const Id d3b = b.Basic(p + ".branch3x3dbl_3b", d, 384, Extent2d(3, 1), 1, Extent2d(1, 0));
        const Id bp = poolBranch(p, in, 192);
        // torchvision concatenates 2a/2b and 3a/3b first; one concatenation of all six is the same
        // tensor.
        return b.Add(CnnLayer::Concat(p + ".cat"), {b1, s2a, s2b, d3a, d3b, bp});
    };
    x = inceptionA("Mixed_5b", x, 32);
    x = inceptionA("Mixed_5c", x, 64);
    x = inceptionA("Mixed_5d", x, 64);
    x = inceptionB("Mixed_6a", x);
    x = inceptionC("Mixed_6b", x, 128);
    x = inceptionC("Mixed_6c", x, 160);
    x = inceptionC("Mixed_6d", x, 160);
    x = inceptionC("Mixed_6e", x, 192);
    x = inceptionD("Mixed_7a", x);
    x = inceptionE("Mixed_7b", x);
    x = inceptionE("Mixed_7c", x);
    b.PoolClassifier(x, "avgpool", "dropout", "fc", true);
    return b.Finish();
}

/**
 * \brief torchvision's DenseNet-121 (growth 32, blocks 6/12/24/16, bottleneck width 4).
 * \return the model
 */
CnnModel
DenseNet121()
{
    ZooBuilder b("densenet121", TensorShape{3, 224, 224});
    Id x =
        b.ConvBnAct("features.conv0", "features.norm0", "features.relu0", b.Input(), 64, 7, 2, 3);
    x = b.Add(CnnLayer::MaxPool("features.pool0", 3, 2, 1), {x});
    const uint64_t growth = 32;
    const std::array<int, 4> blocks{6, 12, 24, 16};
    // Pre-activation unit of DenseNet: batch norm, relu, then convolution (no bias).
    auto normReluConv = [&b](const std::string& p,
                             const std::string& norm,
                             const std::string& relu,
                             const std::string& conv,
                             Id in,
                             uint64_t out,
                             uint64_t kernel,
                             uint64_t padding) {
        Id y = b.Add(CnnLayer::BatchNorm(p + norm), {in});
        y = b.Add(CnnLayer::Activation(p + relu), {y});
        return b.Add(CnnLayer::Convolution(p + conv, out, kernel, 1, padding, 1, false), {y});
    };
    uint64_t channels = 64;
    for (int blk = 0; blk < 4; ++blk)
    {
        const std::string bp = "features.denseblock" + std::to_string(blk + 1) + ".";
        std::vector<Id> features{x};
        for (int layer = 0; layer < blocks[blk]; ++layer)
        {
            const std::string p = bp + "denselayer" + std::to_string(layer + 1) + ".";
            // Each dense layer consumes the block input and every earlier layer's output,
            // concatenated.
            const Id in = features.size() == 1 ? features.front()
                                               : b.Add(CnnLayer::Concat(p + "cat"), features);
            const Id y = normReluConv(p, "norm1", "relu1", "conv1", in, 4 * growth, 1, 0);
            features.push_back(normReluConv(p, "norm2", "relu2", "conv2", y, growth, 3, 1));
        }
        x = b.Add(CnnLayer::Concat(bp + "cat"), features);
        channels += blocks[blk] * growth;
        if (blk < 3)
        {
            const std::string tp = "features.transition" + std::to_string(blk + 1) + ".";
            channels /= 2;
            x = normReluConv(tp, "norm", "relu", "conv", x, channels, 1, 0);
            x = b.Add(CnnLayer::AvgPool(tp + "pool", 2, 2), {x});
        }
    }
    x = b.Add(CnnLayer::BatchNorm("features.norm5"), {x});
    x = b.Add(CnnLayer::Activation("relu"), {x});
    b.PoolClassifier(x, "avgpool", "", "classifier");
    return b.Finish();
}

/**
 * \brief torchvision's _make_divisible: a channel count rounded to a multiple of 8, never more
 * than 10 % below the value.
 * \param value the channel count before rounding
 * \return the rounded count
 */
uint64_t
MakeDivisible(uint64_t value)
{
    const uint64_t divisor = 8;
    uint64_t rounded = std::max(divisor, (value + divisor / 2) / divisor * divisor);
    if (10 * rounded < 9 * value)
    {
        rounded += divisor;
    }
    return rounded;
}

/// One inverted residual block of MobileNet v3: torchvision's InvertedResidualConfig.
struct MobileNetV3Block
{
    uint64_t in;       //!< input channels
    uint64_t kernel;   //!< depthwise kernel
    uint64_t expanded; //!< expanded channels
    uint64_t out;      //!< output channels
    bool se;           //!< squeeze-and-excitation
    bool hardswish;    //!< hardswish (else relu)
    uint64_t stride;   //!< depthwise stride
};

/**
 * \brief torchvision's MobileNet v3 (width 1.0): inverted residual blocks with squeeze-and-
 * excitation and hardswish.
 * \param name network name
 * \param plan the blocks, torchvision's inverted_residual_setting
 * \param lastChannel the classifier's hidden width
 * \return the model
 */
CnnModel
MobileNetV3(const std::string& name,
            const std::vector<MobileNetV3Block>& plan,
            uint64_t lastChannel)
{
    ZooBuilder b(name, TensorShape{3, 224, 224});
    Id x = b.ConvNormAct("features.0", b.Input(), plan.front().in, 3, 2, "hardswish");
    int index = 1;
    for (const auto& blk : plan)
    {
        const std::string module = "features." + std::to_string(index++);
        const std::string p = module + ".block.";
        const std::string act = blk.hardswish ? "hardswish" : "relu";
        int sub = 0;
        Id y = x;
        if (blk.expanded != blk.in)
        {
            y = b.ConvNormAct(p + std::to_string(sub++), y, blk.expanded, 1, 1, act);
        }
        y = b.ConvNormAct(p + std::to_string(sub++),
                          y,
                          blk.expanded,
                          blk.kernel,
                          blk.stride,
                          act,
                          blk.expanded);
        if (blk.se)
        {
            y = b.SqueezeExcitation(p + std::to_string(sub++),
                                    y,
                                    blk.expanded,
                                    MakeDivisible(blk.expanded / 4),
                                    "relu",
                                    "hardsigmoid");
        }
        y = b.ConvNormAct(p + std::to_string(sub), y, blk.out, 1, 1, "");
        x = (blk.stride == 1 && blk.in == blk.out) ? b.Add(CnnLayer::Add(module + ".add"), {y, x})
                                                   : y;
    }
    const uint64_t lastConv = 6 * plan.back().out;
    x = b.ConvNormAct("features." + std::to_string(index), x, lastConv, 1, 1, "hardswish");
    x = b.Add(CnnLayer::AdaptiveAvgPool("avgpool", 1), {x});
    x = b.Add(CnnLayer::Flatten("flatten"), {x});
    x = b.Add(CnnLayer::FullyConnected("classifier.0", lastChannel), {x});
    x = b.Add(CnnLayer::Activation("classifier.1", "hardswish"), {x});
    x = b.Add(CnnLayer::Dropout("classifier.2"), {x});
    b.Add(CnnLayer::FullyConnected("classifier.3", 1000), {x});
    return b.Finish();
}

/**
 * \brief torchvision's MobileNet v3 large: its inverted_residual_setting.
 * \return the model
 */
CnnModel
MobileNetV3Large()
{
    return MobileNetV3("mobilenet-v3-large",
                       {{16, 3, 16, 16, false, false, 1},
                        {16, 3, 64, 24, false, false, 2},
                        {24, 3, 72, 24, false, false, 1},
                        {24, 5, 72, 40, true, false, 2},
                        {40, 5, 120, 40, true, false, 1},
                        {40, 5, 120, 40, true, false, 1},
                        {40, 3, 240, 80, false, true, 2},
                        {80, 3, 200, 80, false, true, 1},
                        {80, 3, 184, 80, false, true, 1},
                        {80, 3, 184, 80, false, true, 1},
                        {80, 3, 480, 112, true, true, 1},
                        {112, 3, 672, 112, true, true, 1},
                        {112, 5, 672, 160, true, true, 2},
                        {160, 5, 960, 160, true, true, 1},
                        {160, 5, 960, 160, true, true, 1}},
                       1280);
}

/**
 * \brief torchvision's MobileNet v3 small: its inverted_residual_setting.
 * \return the model
 */
CnnModel
MobileNetV3Small()
{
    return MobileNetV3("mobilenet-v3-small",
                       {{16, 3, 16, 16, true, false, 2},
                        {16, 3, 72, 24, false, false, 2},
                        {24, 3, 88, 24, false, false, 1},
                        {24, 5, 96, 40, true, true, 2},
                        {40, 5, 240, 40, true, true, 1},
                        {40, 5, 240, 40, true, true, 1},
                        {40, 5, 120, 48, true, true, 1},
                        {48, 5, 144, 48, true, true, 1},
                        {48, 5, 288, 96, true, true, 2},
                        {96, 5, 576, 96, true, true, 1},
                        {96, 5, 576, 96, true, true, 1}},
                       1024);
}

/**
 * \brief torchvision's EfficientNet-B0: MBConv blocks with squeeze-and-excitation, SiLU and
 * stochastic depth on the residual branches.
 * \return the model
 */
CnnModel
EfficientNetB0()
{
    ZooBuilder b("efficientnet-b0", TensorShape{3, 224, 224});
    Id x = b.ConvNormAct("features.0", b.Input(), 32, 3, 2, "silu");
    // torchvision's MBConvConfig(expand ratio, kernel, stride, in, out, layers) at width and
    // depth 1.0.
    const std::vector<std::array<uint64_t, 6>> plan{{1, 3, 1, 32, 16, 1},
                                                    {6, 3, 2, 16, 24, 2},
                                                    {6, 5, 2, 24, 40, 2},
                                                    {6, 3, 2, 40, 80, 3},
                                                    {6, 5, 1, 80, 112, 3},
                                                    {6, 5, 2, 112, 192, 4},
                                                    {6, 3, 1, 192, 320, 1}};
    int stage = 1;
    for (const auto& [expand, kernel, firstStride, firstIn, out, layers] : plan)
    {
        for (uint64_t i = 0; i < layers; ++i)
        {
            const std::string p =
                "features." + std::to_string(stage) + "." + std::to_string(i) + ".";
            const uint64_t in = i == 0 ? firstIn : out;
            const uint64_t stride = i == 0 ? firstStride : 1;
            const uint64_t expanded = in * expand;
            int sub = 0;
            Id y = x;
            if (expanded != in)
            {
                y = b.ConvNormAct(p + "block." + std::to_string(sub++), y, expanded, 1, 1, "silu");
            }
            y = b.ConvNormAct(p + "block." + std::to_string(sub++),
                              y,
                              expanded,
                              kernel,
                              stride,
                              "silu",
                              expanded);
            y = b.SqueezeExcitation(p + "block." + std::to_string(sub++),
                                    y,
                                    expanded,
                                    std::max<uint64_t>(1, in / 4),
                                    "silu",
                                    "sigmoid");
            y = b.ConvNormAct(p + "block." + std::to_string(sub), y, out, 1, 1, "");
            if (stride == 1 && in == out)
            {
                y = b.Add(CnnLayer::StochasticDepth(p + "stochastic_depth"), {y});
                y = b.Add(CnnLayer::Add(p + "add"), {y, x});
            }
            x = y;
        }
        ++stage;
    }
    x = b.ConvNormAct("features.8", x, 1280, 1, 1, "silu");
    b.PoolClassifier(x, "avgpool", "classifier.0", "classifier.1");
    return b.Finish();
}

/**
 * \brief torchvision's ShuffleNet v2 1.0x: channel split, two branches, concatenation and
 * channel shuffle.
 * \return the model
 */
CnnModel
ShuffleNetV2()
{
    ZooBuilder b("shufflenet-v2-1.0", TensorShape{3, 224, 224});
    Id x = b.ConvBnAct("conv1.0", "conv1.1", "conv1.2", b.Input(), 24, 3, 2, 1);
    x = b.Add(CnnLayer::MaxPool("maxpool", 3, 2, 1), {x});
    const std::vector<std::pair<int, uint64_t>> stages{{4, 116}, {8, 232}, {4, 464}};
    uint64_t in = 24;
    uint64_t size = 56;
    int stageIndex = 2;
    for (const auto& [repeats, out] : stages)
    {
        const uint64_t branch = out / 2;
        for (int i = 0; i < repeats; ++i)
        {
            const std::string p =
                "stage" + std::to_string(stageIndex) + "." + std::to_string(i) + ".";
            const uint64_t stride = i == 0 ? 2 : 1;
            if (stride == 2)
            {
                size /= 2;
            }
            Id left;
            Id right;
            if (stride == 2)
            {
                left = b.Add(CnnLayer::Convolution(p + "branch1.0", in, 3, 2, 1, in, false), {x});
                left = b.Add(CnnLayer::BatchNorm(p + "branch1.1"), {left});
                left =
                    b.ConvBnAct(p + "branch1.2", p + "branch1.3", p + "branch1.4", left, branch, 1);
                right = x;
            }
            else
            {
                // x.chunk(2, dim=1): the first half passes, the second goes through branch2.
                left = b.Add(CnnLayer::Index(p + "chunk.0", TensorShape{branch, size, size}), {x});
                right = b.Add(CnnLayer::Index(p + "chunk.1", TensorShape{branch, size, size}), {x});
            }
            Id y = b.ConvBnAct(p + "branch2.0", p + "branch2.1", p + "branch2.2", right, branch, 1);
            y = b.Add(CnnLayer::Convolution(p + "branch2.3", branch, 3, stride, 1, branch, false),
                      {y});
            y = b.Add(CnnLayer::BatchNorm(p + "branch2.4"), {y});
            y = b.ConvBnAct(p + "branch2.5", p + "branch2.6", p + "branch2.7", y, branch, 1);
            x = b.Add(CnnLayer::Concat(p + "cat"), {left, y});
            x = b.Add(CnnLayer::ChannelShuffle(p + "shuffle", 2), {x});
            in = out;
        }
        ++stageIndex;
    }
    x = b.ConvBnAct("conv5.0", "conv5.1", "conv5.2", x, 1024, 1);
    x = b.Add(CnnLayer::Mean("mean", {1, 2}), {x});
    b.Add(CnnLayer::FullyConnected("fc", 1000), {x});
    return b.Finish();
}

/**
 * \brief torchvision's RegNetY-400MF: residual bottlenecks with group convolutions (groups of 8
 * channels) and squeeze-and-excitation.
 * \return the model
 */
CnnModel
RegNetY400MF()
{
    ZooBuilder b("regnet-y-400mf", TensorShape{3, 224, 224});
    Id x = b.ConvNormAct("stem", b.Input(), 32, 3, 2, "relu");
    // (width, depth) per stage: torchvision's BlockParams.from_init_params(depth=16, w_0=48,
    // w_a=27.89, w_m=2.09, group_width=8, se_ratio=0.25), every stage of stride 2 and bottleneck
    // multiplier 1.
    const std::vector<std::pair<uint64_t, int>> stages{{48, 1}, {104, 3}, {208, 6}, {440, 6}};
    const uint64_t groupWidth = 8;
    uint64_t in = 32;
    int stageIndex = 1;
    for (const auto& [width, depth] : stages)
    {
        for (int i = 0; i < depth; ++i)
        {
            const std::string p = "trunk_output.block" + std::to_string(stageIndex) + ".block" +
                                  std::to_string(stageIndex) + "-" + std::to_string(i) + ".";
            const uint64_t stride = i == 0 ? 2 : 1;
            Id shortcut = x;
            if (in != width || stride != 1)
            {
                shortcut = b.ConvNormAct(p + "proj", x, width, 1, stride, "");
            }
            Id y = b.ConvNormAct(p + "f.a", x, width, 1, 1, "relu");
            y = b.ConvNormAct(p + "f.b", y, width, 3, stride, "relu", width / groupWidth);
            // round(se_ratio * width_in): 0.25 x the block's input width, rounded half to even
            // as Python rounds (8, 12, 26, 52, 110 here; no .5 case arises).
            y = b.SqueezeExcitation(p + "f.se", y, width, (in + 2) / 4, "relu", "sigmoid");
            y = b.ConvNormAct(p + "f.c", y, width, 1, 1, "");
            x = b.Add(CnnLayer::Add(p + "add"), {shortcut, y});
            x = b.Add(CnnLayer::Activation(p + "activation", "relu"), {x});
            in = width;
        }
        ++stageIndex;
    }
    b.PoolClassifier(x, "avgpool", "", "fc");
    return b.Finish();
}

/**
 * \brief torchvision's ViT-B/16: 16x16 patches of a 224x224 image as 196 tokens of 768
 * features, a class token, a learned position embedding, 12 encoder blocks of 12-head
 * self-attention (nn.MultiheadAttention taken apart: in-projection, q k^T, softmax, the product
 * with v, out-projection) and a GELU MLP of 3072, and a linear head on the class token.
 * \return the model
 */
CnnModel
VitB16()
{
    const uint64_t hidden = 768;
    const uint64_t heads = 12;
    const uint64_t headDim = hidden / heads;
    const uint64_t mlp = 3072;
    const uint64_t patches = 14 * 14;
    const uint64_t tokens = patches + 1;
    ZooBuilder b("vit-b-16", TensorShape{3, 224, 224});
    Id x = b.Add(CnnLayer::Convolution("conv_proj", hidden, 16, 16), {b.Input()});
    x = b.Add(CnnLayer::Reshape("reshape", TensorShape{hidden, patches}), {x});
    x = b.Add(CnnLayer::Permute("permute", {1, 0}), {x});
    x = b.Add(CnnLayer::Concat("class_token", 0, TensorShape{1, hidden}), {x});
    x = b.Add(CnnLayer::Add("encoder.pos_embedding", TensorShape{tokens, hidden}), {x});
    x = b.Add(CnnLayer::Dropout("encoder.dropout"), {x});
    const TensorShape split{tokens, heads, headDim};
    for (int i = 0; i < 12; ++i)
    {
        const std::string p = "encoder.layers.encoder_layer_" + std::to_string(i) + ".";
        const std::string a = p + "self_attention.";
        Id y = b.Add(CnnLayer::LayerNorm(p + "ln_1"), {x});
        const Id qkv = b.Add(CnnLayer::FullyConnected(a + "in_proj", 3 * hidden, true, true), {y});
        // q, k and v per head: 12 x 197 x 64, k transposed to 12 x 64 x 197.
        auto head = [&](const std::string& n, const std::vector<uint64_t>& axes) {
            Id h = b.Add(CnnLayer::Index(a + n, TensorShape{tokens, hidden}), {qkv});
            h = b.Add(CnnLayer::Reshape(a + n + ".heads", split), {h});
            return b.Add(CnnLayer::Permute(a + n + ".permute", axes), {h});
        };
        Id q = head("q", {1, 0, 2});
        q = b.Add(CnnLayer::Mul(a + "q.scale", TensorShape{1}, 0), {q});
        const Id k = head("k", {1, 2, 0});
        const Id v = head("v", {1, 0, 2});
        Id att = b.Add(CnnLayer::MatMul(a + "scores"), {q, k});
        att = b.Add(CnnLayer::Softmax(a + "softmax", 2), {att});
        att = b.Add(CnnLayer::MatMul(a + "context"), {att, v});
        att = b.Add(CnnLayer::Permute(a + "context.permute", {1, 0, 2}), {att});
        att = b.Add(CnnLayer::Reshape(a + "context.merge", TensorShape{tokens, hidden}), {att});
        att = b.Add(CnnLayer::FullyConnected(a + "out_proj", hidden, true, true), {att});
        att = b.Add(CnnLayer::Dropout(p + "dropout"), {att});
        x = b.Add(CnnLayer::Add(p + "add_1"), {att, x});
        y = b.Add(CnnLayer::LayerNorm(p + "ln_2"), {x});
        y = b.Add(CnnLayer::FullyConnected(p + "mlp.0", mlp, true, true), {y});
        y = b.Add(CnnLayer::Activation(p + "mlp.1", "gelu"), {y});
        y = b.Add(CnnLayer::Dropout(p + "mlp.2"), {y});
        y = b.Add(CnnLayer::FullyConnected(p + "mlp.3", hidden, true, true), {y});
        y = b.Add(CnnLayer::Dropout(p + "mlp.4"), {y});
        x = b.Add(CnnLayer::Add(p + "add_2"), {x, y});
    }
    x = b.Add(CnnLayer::LayerNorm("encoder.ln"), {x});
    x = b.Add(CnnLayer::Index("class_token_out", TensorShape{hidden}), {x});
    b.Add(CnnLayer::FullyConnected("heads.head", 1000), {x});
    return b.Finish();
}

/// A zoo entry: name, description, builder.
struct ZooEntry
{
    const char* name;                 //!< network name
    const char* description;          //!< one-line description
    std::function<CnnModel()> create; //!< builder
};

/**
 * \return the zoo's entries
 */
const std::vector<ZooEntry>&
Entries()
{
    static const std::vector<ZooEntry> entries{
        {"alexnet", "AlexNet, torchvision variant (64/192/384/256/256), 3x224x224", AlexNet},
        {"alexnet-caffe",
         "AlexNet, original BVLC Caffe deploy (groups of 2, LRN, softmax), 3x227x227",
         AlexNetCaffe},
        {"vgg16",
         "VGG-16 (configuration D), torchvision, 3x224x224",
         [] {
             return Vgg(
                 "vgg16",
                 {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0});
         }},
        {"vgg19",
         "VGG-19 (configuration E), torchvision, 3x224x224",
         [] {
             return Vgg("vgg19", {64,  64,  0,   128, 128, 0,   256, 256, 256, 256, 0,
                                  512, 512, 512, 512, 0,   512, 512, 512, 512, 0});
         }},
        {"googlenet",
         "GoogLeNet, torchvision (3x3 third branch, no auxiliary classifiers), 3x224x224",
         GoogLeNet},
        {"inception-v3",
         "Inception v3, torchvision (no auxiliary classifier), 3x299x299",
         InceptionV3},
        {"resnet18",
         "ResNet-18, torchvision stride placement, 3x224x224",
         [] {
             return ResNet("resnet18", {2, 2, 2, 2}, false);
         }},
        {"resnet34",
         "ResNet-34, torchvision stride placement, 3x224x224",
         [] {
             return ResNet("resnet34", {3, 4, 6, 3}, false);
         }},
        {"resnet50",
         "ResNet-50, torchvision v1.5 (stride on the bottleneck's 3x3), 3x224x224",
         [] {
             return ResNet("resnet50", {3, 4, 6, 3}, true);
         }},
        {"resnet101",
         "ResNet-101, torchvision v1.5 (stride on the bottleneck's 3x3), 3x224x224",
         [] {
             return ResNet("resnet101", {3, 4, 23, 3}, true);
         }},
        {"resnet152",
         "ResNet-152, torchvision v1.5 (stride on the bottleneck's 3x3), 3x224x224",
         [] {
             return ResNet("resnet152", {3, 8, 36, 3}, true);
         }},
        {"squeezenet1.0",
         "SqueezeNet 1.0, torchvision, 3x224x224",
         [] { return SqueezeNet(false); }},
        {"squeezenet1.1",
         "SqueezeNet 1.1, torchvision, 3x224x224",
         [] { return SqueezeNet(true); }},
        {"mobilenet-v1", "MobileNet v1 1.0-224 (MobileNet paper, Table 1), 3x224x224", MobileNetV1},
        {"mobilenet-v2", "MobileNet v2 1.0, torchvision, 3x224x224", MobileNetV2},
        {"densenet121", "DenseNet-121, torchvision, 3x224x224", DenseNet121},
        {"mobilenet-v3-large", "MobileNet v3 large 1.0, torchvision, 3x224x224", MobileNetV3Large},
        {"mobilenet-v3-small", "MobileNet v3 small 1.0, torchvision, 3x224x224", MobileNetV3Small},
        {"efficientnet-b0", "EfficientNet-B0, torchvision, 3x224x224", EfficientNetB0},
        {"shufflenet-v2-1.0", "ShuffleNet v2 1.0x, torchvision, 3x224x224", ShuffleNetV2},
        {"regnet-y-400mf", "RegNetY-400MF, torchvision, 3x224x224", RegNetY400MF},
        {"vit-b-16",
         "Vision Transformer B/16, torchvision, 3x224x224 as 197 tokens of 768",
         VitB16},
    };
    return entries;
}

/**
 * \param name a network name
 * \return its entry
 * \throws EdgeDnnError for an unknown name
 */
const ZooEntry&
Find(const std::string& name)
{
    std::string known;
    for (const auto& entry : Entries())
    {
        if (name == entry.name)
        {
            return entry;
        }
        known += (known.empty() ? "" : ", ") + std::string(entry.name);
    }
    throw EdgeDnnError("unknown model '" + name + "'; the zoo has " + known);
}

} // namespace

std::vector<std::string>
CnnModelZoo::GetNames()
{
    std::vector<std::string> names;
    for (const auto& entry : Entries())
    {
        names.emplace_back(entry.name);
    }
    return names;
}

bool
CnnModelZoo::Has(const std::string& name)
{
    for (const auto& entry : Entries())
    {
        if (name == entry.name)
        {
            return true;
        }
    }
    return false;
}

std::string
CnnModelZoo::GetDescription(const std::string& name)
{
    return Find(name).description;
}

CnnModel
CnnModelZoo::Create(const std::string& name)
{
    return Find(name).create();
}

} // namespace edgednn
} // namespace ns3
