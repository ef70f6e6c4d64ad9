#!/usr/bin/python3
"""Profile torchvision's CNNs with forward hooks and write the reference figures edge-dnn's tests use.

For every model this records, from the real framework (torchvision, CPU, random weights):
  * the parameter count of the network as run for inference (``params``), and torchvision's published
    ``num_params`` metadata of the default weights (``published_num_params``);
  * multiply-accumulates of convolution and linear layers, bias excluded (torchvision's convention), summed
    over one forward pass of one input (``macs``);
  * the same figures layer by layer, for every Conv2d, Linear and pooling module in the order the forward pass
    calls them (``layers``: type, output shape without the batch dimension, MACs, parameters). An
    nn.MultiheadAttention does not call its projections as modules: its in-projection and out-projection are
    recorded as two Linear entries when it returns, from its own weights and its input and output shapes;
  * multiply-accumulates of matrix products (attention's q k^T and its product with v), from torch's profiler:
    every aten::bmm and aten::baddbmm in the forward pass (``matmul_macs``).


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
    "mobilenet-v3-large": ("mobilenet_v3_large", {}, (3, 224, 224)),
    "mobilenet-v3-small": ("mobilenet_v3_small", {}, (3, 224, 224)),
    "efficientnet-b0": ("efficientnet_b0", {}, (3, 224, 224)),
    "shufflenet-v2-1.0": ("shufflenet_v2_x1_0", {}, (3, 224, 224)),
    "regnet-y-400mf": ("regnet_y_400mf", {}, (3, 224, 224)),
    "vit-b-16": ("vit_b_16", {}, (3, 224, 224)),
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


def attention_hook(names, layers):
    """A forward hook on nn.MultiheadAttention (batch_first, as torchvision's ViT) that records its
    in-projection and out-projection as the Linear layers they are."""

    def hook(module, _inputs, output):
        # Called as self_attention(query=x, key=x, value=x): the inputs are keyword arguments, and the
        # output has the query's tokens and the embedding's width.
        tokens, dim = output[0].shape[1], module.embed_dim
        in_proj = module.in_proj_weight.numel() + (module.in_proj_bias.numel() if module.in_proj_bias is not None else 0)
        out_proj = sum(p.numel() for p in module.out_proj.parameters(recurse=False))
        layers.append({"name": names[module] + ".in_proj", "type": "Linear",
                       "output": [tokens, module.in_proj_weight.shape[0]],
                       "macs": tokens * dim * module.in_proj_weight.shape[0], "params": in_proj})
        attended = output[0]
        layers.append({"name": names[module] + ".out_proj", "type": "Linear",
                       "output": list(attended.shape[1:]),
                       "macs": attended.numel() * module.out_proj.in_features, "params": out_proj})

    return hook


def matmul_macs(model, shape):
    """Multiply-accumulates of the matrix products of one forward pass, from torch's profiler."""
    from torch.profiler import ProfilerActivity, profile as torch_profile

    total = 0
    with torch.no_grad(), torch_profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
        model(torch.zeros((1,) + shape))
    for event in prof.events():
        if event.name in ("aten::bmm", "aten::baddbmm"):
            a, b = event.input_shapes[:2] if event.name == "aten::bmm" else event.input_shapes[1:3]
            total += a[0] * a[1] * a[2] * b[2]
    return total


def profile(builder, kwargs, shape):
    model = getattr(models, builder)(weights=None, **kwargs).eval()
    matmuls = matmul_macs(model, shape)  # before the hooks, which would record a second pass
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
        elif isinstance(module, torch.nn.MultiheadAttention):
            names[module] = name
            module.register_forward_hook(attention_hook(names, layers))
    with torch.no_grad():
        model(torch.zeros((1,) + shape))
    meta = get_model_weights(builder).DEFAULT.meta
    return {
        "input": list(shape),
        "params": sum(p.numel() for p in model.parameters()),
        "published_num_params": meta["num_params"],
        "macs": sum(layer["macs"] for layer in layers),
        "matmul_macs": matmuls,
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
