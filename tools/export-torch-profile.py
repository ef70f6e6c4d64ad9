#!/usr/bin/python3
"""Write the layer graph of a torch.nn model in edge-dnn's JSON layer-graph format.

edge-dnn then computes its split points (edge and cloud MACs, bytes crossing each cut):
    tools/export-torch-profile.py --torchvision resnet18 -o resnet18.json
    build/bin/edge-dnn-model --file=resnet18.json

As a library, for a model of your own:
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("etp", "tools/export-torch-profile.py")
    etp = importlib.util.module_from_spec(spec); spec.loader.exec_module(etp)
    etp.write_layer_graph(my_model, (3, 224, 224), "my-model", "my-model.json")

The model is traced with torch.fx and its shapes propagated on one zero input; every node becomes a layer
(conv, fc, batch_norm, activation, pooling, dropout, flatten, concat, add, softmax, lrn). A node edge-dnn cannot
represent stops the export with a message naming it. torch is optional for edge-dnn: only this tool needs it
(Debian: python3-torch, python3-torchvision).
"""

import argparse
import json
import operator
import sys

import torch
import torch.fx
import torch.nn as nn
import torch.nn.functional as F
from torch.fx.passes.shape_prop import ShapeProp

ACTIVATIONS = {
    nn.ReLU: "relu",
    nn.ReLU6: "relu6",
    nn.Sigmoid: "sigmoid",
    nn.Tanh: "tanh",
    nn.Hardswish: "hardswish",
    nn.Hardsigmoid: "hardsigmoid",
    nn.SiLU: "silu",
    nn.GELU: "gelu",
    nn.LeakyReLU: "leaky_relu",
}
FUNCTIONAL_ACTIVATIONS = {
    F.relu: "relu",
    F.relu6: "relu6",
    torch.relu: "relu",
    torch.sigmoid: "sigmoid",
    torch.tanh: "tanh",
    F.hardswish: "hardswish",
    F.silu: "silu",
    F.gelu: "gelu",
}


class ExportError(Exception):
    """A node of the model that the layer-graph format cannot represent."""


def pair(value):
    """A torch size argument as [height, width]."""
    if isinstance(value, int):
        return [value, value]
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return list(value)
    raise ExportError("size %r is not an integer or a pair of integers" % (value,))


def size(value):
    """A [height, width] pair as the format writes it: a number when both are equal."""
    h, w = pair(value)
    return h if h == w else [h, w]


def pool_fields(kernel, stride, padding, ceil_mode, dilation=1):
    if pair(dilation) != [1, 1]:
        raise ExportError("dilated pooling is not supported")
    return {
        "kernel": size(kernel),
        "stride": size(stride if stride not in (None, []) else kernel),
        "padding": size(padding),
        "ceil_mode": bool(ceil_mode),
    }


def module_layer(module):
    """Type and fields of a call to an nn.Module; None for the identity."""
    if isinstance(module, nn.Conv2d):
        if isinstance(module.padding, str):
            raise ExportError("string padding %r is not supported" % module.padding)
        return "conv", {
            "out_channels": module.out_channels,
            "kernel": size(module.kernel_size),
            "stride": size(module.stride),
            "padding": size(module.padding),
            "dilation": size(module.dilation),
            "groups": module.groups,
            "bias": module.bias is not None,
        }
    if isinstance(module, nn.Linear):
        return "fc", {"out_features": module.out_features, "bias": module.bias is not None}
    if isinstance(module, nn.BatchNorm2d):
        return "batch_norm", {}
    for cls, name in ACTIVATIONS.items():
        if isinstance(module, cls):
            return "activation", {"function": name}
    if isinstance(module, nn.MaxPool2d):
        return "max_pool", pool_fields(module.kernel_size, module.stride, module.padding, module.ceil_mode,
                                       module.dilation)
    if isinstance(module, nn.AvgPool2d):
        return "avg_pool", pool_fields(module.kernel_size, module.stride, module.padding, module.ceil_mode)
    if isinstance(module, nn.AdaptiveAvgPool2d):
        return "adaptive_avg_pool", {"output_size": size(module.output_size)}
    if isinstance(module, (nn.Dropout, nn.Dropout2d)):
        return "dropout", {}
    if isinstance(module, nn.Flatten):
        return "flatten", {}
    if isinstance(module, nn.LocalResponseNorm):
        return "lrn", {"size": module.size}
    if isinstance(module, nn.Softmax):
        return "softmax", {}
    if isinstance(module, nn.Identity):
        return None
    raise ExportError("module type %s is not supported" % type(module).__name__)


def function_layer(node):
    """Type and fields of a call_function or call_method node; None for the identity."""
    target, args, kwargs = node.target, node.args, node.kwargs
    if target in FUNCTIONAL_ACTIVATIONS:
        return "activation", {"function": FUNCTIONAL_ACTIVATIONS[target]}
    if target in (torch.flatten, "flatten", "view", "reshape"):
        return "flatten", {}
    if target is torch.cat:
        dim = kwargs.get("dim", args[1] if len(args) > 1 else 0)
        if dim != 1:
            raise ExportError("concatenation along dimension %r (only channels, 1, is supported)" % dim)
        return "concat", {}
    if target in (operator.add, operator.iadd, torch.add, "add", "add_"):
        return "add", {}
    if target is F.adaptive_avg_pool2d:
        return "adaptive_avg_pool", {"output_size": size(kwargs.get("output_size", args[1]))}
    if target in (F.max_pool2d, F.avg_pool2d):
        names = ["input", "kernel_size", "stride", "padding"]
        given = dict(zip(names, args))
        given.update(kwargs)
        fields = pool_fields(given["kernel_size"], given.get("stride"), given.get("padding", 0),
                             given.get("ceil_mode", False), given.get("dilation", 1))
        return ("max_pool" if target is F.max_pool2d else "avg_pool"), fields
    if target in (F.dropout, "dropout"):
        return "dropout", {}
    if target in (F.softmax, torch.softmax, "softmax"):
        return "softmax", {}
    if target in ("relu", "relu_"):
        return "activation", {"function": "relu"}
    if target in ("contiguous", "clone"):
        return None
    raise ExportError("function %s is not supported" % getattr(target, "__name__", target))


def is_tensor(node):
    meta = node.meta.get("tensor_meta") if isinstance(node, torch.fx.Node) else None
    return meta is not None and hasattr(meta, "shape")


def layer_graph(model, input_shape, name):
    """The layer graph of a model as a JSON-ready dict."""
    model = model.eval()
    traced = torch.fx.symbolic_trace(model)
    ShapeProp(traced).propagate(torch.zeros((1,) + tuple(input_shape)))
    modules = dict(traced.named_modules())
    layers = []
    alias = {}  # node name -> the layer name that holds its tensor
    for node in traced.graph.nodes:
        if node.op == "placeholder":
            if layers:
                raise ExportError("the model takes more than one input")
            layers.append({"name": "input", "type": "input", "shape": list(input_shape)})
            alias[node.name] = "input"
            continue
        if node.op in ("output", "get_attr") or not is_tensor(node):
            continue
        inputs = [alias[a.name] for a in node.all_input_nodes if a.name in alias]
        if node.op == "call_function" and node.target is torch.cat:
            inputs = [alias[a.name] for a in node.args[0]]
        try:
            kind = module_layer(modules[node.target]) if node.op == "call_module" else function_layer(node)
        except ExportError as error:
            raise ExportError("node %s (%s): %s" % (node.name, node.format_node(), error)) from None
        if kind is None:
            alias[node.name] = inputs[0]
            continue
        layer_type, fields = kind
        layer = {"name": node.name, "type": layer_type, "inputs": inputs}
        layer.update(fields)
        layers.append(layer)
        alias[node.name] = node.name
    return {"format": "edge-dnn-layer-graph", "version": 1, "name": name, "layers": layers}


def write_layer_graph(model, input_shape, name, path):
    """Write a model's layer graph to a JSON file, one layer per line."""
    graph = layer_graph(model, input_shape, name)
    with open(path, "w") as out:
        out.write('{\n "format": "edge-dnn-layer-graph",\n "version": 1,\n "name": %s,\n "layers": [\n'
                  % json.dumps(name))
        out.write(",\n".join("  " + json.dumps(layer) for layer in graph["layers"]))
        out.write("\n ]\n}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--torchvision", metavar="NAME", required=True,
                        help="a torchvision.models builder, e.g. resnet18")
    parser.add_argument("--input-shape", default="3,224,224", help="C,H,W (default 3,224,224)")
    parser.add_argument("--name", help="network name (default: the builder's name)")
    parser.add_argument("-o", "--output", required=True, help="JSON file to write")
    args = parser.parse_args()
    import torchvision.models as models

    try:
        shape = tuple(int(v) for v in args.input_shape.split(","))
    except ValueError:
        parser.error("--input-shape=%s: expected C,H,W as integers" % args.input_shape)
    if not hasattr(models, args.torchvision):
        parser.error("--torchvision=%s: no such torchvision.models builder" % args.torchvision)
    kwargs = {"aux_logits": False, "init_weights": False} if args.torchvision in ("googlenet", "inception_v3") else {}
    model = getattr(models, args.torchvision)(weights=None, **kwargs)
    try:
        write_layer_graph(model, shape, args.name or args.torchvision, args.output)
    except ExportError as error:
        sys.exit("export-torch-profile: %s" % error)


if __name__ == "__main__":
    main()
