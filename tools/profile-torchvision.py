#!/usr/bin/python3
"""Profile torchvision's CNNs with forward hooks and write the reference figures edge-dnn's tests use.

For every model this records, from the real framework (torchvision, CPU, random weights):
  * the parameter count of the network as run for inference (``params``), and torchvision's published
    ``num_params`` metadata of the default weights (``published_num_params``);
  * multiply-accumulates of convolution and linear layers, bias excluded (torchvision's convention), summed
    over one forward pass of one input (``macs``);
  * the same figures layer by layer, for every Conv2d, Linear and pooling module in the order the forward pass
    calls them (``layers``: type, output shape without the batch dimension, MACs, parameters).

Run with Debian's python3-torchvision installed:
    /usr/bin/python3 tools/profile-torchvision.py > test/data/torchvision-reference.json
"""

import json
import sys

import torch
import torchvision
from torchvision import models
from torchvision.models import get_model_weights

# edge-dnn zoo name -> (torchvision builder name, constructor keyword arguments, input shape)
MODELS = {
    "alexnet": ("alexnet", {}, (3, 224, 224)),
    "vgg16": ("vgg16", {}, (3, 224, 224)),
    "vgg19": ("vgg19", {}, (3, 224, 224)),
    # Without the auxiliary classifiers: they are not run for inference, and torchvision drops them when it
    # loads the published weights (its num_params metadata counts GoogLeNet without them).
    "googlenet": ("googlenet", {"aux_logits": False, "init_weights": False}, (3, 224, 224)),
    "inception-v3": ("inception_v3", {"aux_logits": False, "init_weights": False}, (3, 299, 299)),
    "resnet18": ("resnet18", {}, (3, 224, 224)),
    "resnet34": ("resnet34", {}, (3, 224, 224)),
    "resnet50": ("resnet50", {}, (3, 224, 224)),
    "resnet101": ("resnet101", {}, (3, 224, 224)),
    "resnet152": ("resnet152", {}, (3, 224, 224)),
    "squeezenet1.0": ("squeezenet1_0", {}, (3, 224, 224)),
    "squeezenet1.1": ("squeezenet1_1", {}, (3, 224, 224)),
    "mobilenet-v2": ("mobilenet_v2", {}, (3, 224, 224)),
    "densenet121": ("densenet121", {}, (3, 224, 224)),
}

HOOKED = (
    torch.nn.Conv2d,
    torch.nn.Linear,
    torch.nn.MaxPool2d,
    torch.nn.AvgPool2d,
    torch.nn.AdaptiveAvgPool2d,
)


def layer_macs(module, output):
    """Multiply-accumulates of one conv or linear call, bias excluded."""
    if isinstance(module, torch.nn.Conv2d):
        kh, kw = module.kernel_size
        return output.numel() * (module.in_channels // module.groups) * kh * kw
    if isinstance(module, torch.nn.Linear):
        return output.numel() * module.in_features
    return 0


def profile(builder, kwargs, shape):
    model = getattr(models, builder)(weights=None, **kwargs).eval()
    layers = []

    def hook(module, _inputs, output):
        layers.append(
            {
                "name": names[module],
                "type": type(module).__name__,
                "output": list(output.shape[1:]),
                "macs": layer_macs(module, output),
                "params": sum(p.numel() for p in module.parameters(recurse=False)),
            }
        )

    names = {}
    for name, module in model.named_modules():
        if isinstance(module, HOOKED):
            names[module] = name
            module.register_forward_hook(hook)
    with torch.no_grad():
        model(torch.zeros((1,) + shape))
    return {
        "input": list(shape),
        "params": sum(p.numel() for p in model.parameters()),
        "published_num_params": get_model_weights(builder).DEFAULT.meta["num_params"],
        "macs": sum(layer["macs"] for layer in layers),
        "layers": layers,
    }


def main():
    result = {
        "source": "torchvision %s (torch %s), forward hooks on one CPU forward pass; tools/profile-torchvision.py"
        % (torchvision.__version__, torch.__version__),
        "models": {name: profile(*spec) for name, spec in MODELS.items()},
    }
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
