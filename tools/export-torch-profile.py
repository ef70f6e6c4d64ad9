#!/usr/bin/python3
"""Write the layer graph of a torch.nn model in edge-dnn's JSON layer-graph format.

edge-dnn then computes its split points (edge and cloud MACs, bytes crossing each cut):
    tools/export-torch-profile.py --torchvision resnet18 -o resnet18.json
    build/bin/edge-dnn-model --file=resnet18.json

As a library, for a model of your own:
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("etp", "tools/export-torch-profile.py")
    etp = importlib.util.module_from_spec(spec); spec.loader.exec_module(etp)
    method = etp.write_layer_graph(my_model, (3, 224, 224), "my-model", "my-model.json")

How a model is traced. The model runs once, in eval mode, on one random input of batch 1, under a
torch.overrides.TorchFunctionMode that sees every torch function, tensor method and operator the forward calls:
each call on a tensor that depends on the input becomes a layer (conv, fc, batch_norm, layer_norm, group_norm,
activation, pooling, mean, softmax, add, mul, matmul, concat, reshape, permute, index, dropout,
stochastic_depth, ...), with the shapes the call really produced; calls on parameters and buffers alone
(a relative position bias gathered from its table, a class token expanded) are computed as constants that
remember which parameters they came from, so that a learned operand carries their count. Which calls are grouped
under which name comes from one of two drivers:
  * torch.fx (first choice): the model is symbolically traced (a Tracer keeping nn.MultiheadAttention a leaf)
    and the fx graph is run node by node; layers take the fx node names, as torchvision's feature extraction
    does. torchvision's fx-wrapped functions (Swin's shifted_window_attention and _patch_merging_pad,
    stochastic_depth) are run, and so decomposed, like any other code.
  * torch-function (fallback, when torch.fx cannot trace the model: a Proxy unpacked or iterated, data-dependent
    control flow, as in ViT, MaxViT and ShuffleNet V2): the model's own forward is run with the same mode and
    layers take the name of the module that ran them. Like torch.jit.trace it records what the forward did on
    this input (one path through its Python code), but at the level of torch.nn.functional, so both drivers
    share one converter.
The tool prints which driver it used. nn.MultiheadAttention is decomposed into fc (in-projection), index
(q/k/v), reshape/permute (heads), the 1/sqrt(d) scale, matmul (q.k^T), softmax, matmul (attention.v),
permute/reshape and fc (out-projection), checked against torch's own output. Zero-cost shape operations
become reshape, permute or index layers, or aliases when the tensor is unchanged; an element-wise operation with
a constant that is not learned (a scale, a mask) is a "mul" or "add" operand with "params": 0. A call
edge-dnn cannot represent (an upsampling, an operation across the batch axis, a learned matrix in a matmul)
stops the export with a message naming the node or module, as soon as a layer or the output uses its result (a
value computed only to choose a branch is not part of the network). torch is optional for edge-dnn: only this
tool needs it (Debian: python3-torch, python3-torchvision).
"""

import argparse
import contextlib
import json
import math
import sys
import types

import torch
import torch.fx
import torch.nn as nn
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode

ACTIVATIONS = {
    "relu": "relu", "relu_": "relu", "relu6": "relu6", "sigmoid": "sigmoid", "sigmoid_": "sigmoid",
    "tanh": "tanh", "tanh_": "tanh", "hardswish": "hardswish", "hardswish_": "hardswish",
    "hardsigmoid": "hardsigmoid", "hardsigmoid_": "hardsigmoid", "silu": "silu", "silu_": "silu",
    "gelu": "gelu", "leaky_relu": "leaky_relu", "leaky_relu_": "leaky_relu", "elu": "elu", "mish": "mish",
    "softplus": "softplus", "normalize": "l2_normalize",
}
# Calls that move or copy data and compute nothing: reshape, permute, index or an alias.
MOVES = {
    "view", "reshape", "flatten", "unflatten", "squeeze", "unsqueeze", "squeeze_", "unsqueeze_", "view_as",
    "reshape_as", "contiguous", "clone", "detach", "to", "float", "type_as", "permute", "transpose",
    "swapaxes", "swapdims", "movedim", "__getitem__", "select", "narrow", "chunk", "split", "unbind", "pad",
    "roll", "expand", "expand_as", "repeat", "flip", "tensor_split",
}
# Where the dims of a move are: position, keyword, default (None: all axes).
DIM_ARGUMENTS = {"select": (1, "dim", 0), "narrow": (1, "dim", 0), "chunk": (2, "dim", 0), "split": (2, "dim", 0),
                 "unbind": (1, "dim", 0), "tensor_split": (2, "dim", 0), "roll": (2, "dims", None),
                 "flip": (1, "dims", None)}
PERMUTES = {"permute", "transpose", "swapaxes", "swapdims", "movedim"}
ADDS = {"add", "add_", "__add__", "__radd__", "__iadd__", "sub", "sub_", "__sub__", "__isub__"}
MULS = {"mul", "mul_", "__mul__", "__rmul__", "__imul__", "div", "div_", "__truediv__", "__itruediv__",
        "true_divide"}
# Calls on a traced tensor whose result does not depend on its values: constants.
CONSTANT_MAKERS = {"new_zeros", "new_ones", "new_full", "new_empty", "zeros_like", "ones_like", "full_like",
                   "empty_like", "new_tensor"}


class ExportError(Exception):
    """A node of the model that the layer-graph format cannot represent."""

    def __init__(self, message, located=False):
        super().__init__(message)
        self.located = located  # the message already names the node or module


def pair(value):
    """A torch size argument as [height, width]."""
    if isinstance(value, int):
        return [value, value]
    if isinstance(value, (tuple, list)) and len(value) == 1 and isinstance(value[0], int):
        return [value[0], value[0]]
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


def broadcast(a, b):
    """numpy's broadcast of two shapes (trailing axes aligned)."""
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x != y and 1 not in (x, y):
            raise ExportError("shapes %s and %s do not broadcast" % (a, b))
        out.append(max(x, y))
    return out[::-1]


def prod(values):
    result = 1
    for v in values:
        result *= v
    return result


def func_name(func):
    name = getattr(func, "__name__", None)
    if name == "__get__":  # a property such as Tensor.shape
        return "attribute"
    return name or str(func)


def tensors_in(value):
    """Every tensor in a (nested) argument."""
    if isinstance(value, torch.Tensor):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from tensors_in(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from tensors_in(v)


class Info:
    """A tensor that depends on the input: the layer holding it and its shape without the batch dim.

    torch's shape is the batch (1) followed by `ours` (offset 1), or, after a reshape that folds windows into
    torch's batch dim (Swin), `ours` itself (offset 0)."""

    def __init__(self, layer, ours, value):
        self.layer, self.ours, self.value = layer, list(ours), value

    @property
    def offset(self):
        return self.value.dim() - len(self.ours)


def ours_of(value):
    """Our shape of a tensor a reshape produced: without the leading batch 1 where there is one."""
    shape = list(value.shape)
    if len(shape) >= 2 and shape[0] == 1:
        return shape[1:]
    return shape


class Converter(TorchFunctionMode):
    """Turns the torch calls of one forward pass into layers."""

    def __init__(self, model):
        super().__init__()
        self.layers = []
        self.names = set()
        self.traced = {}  # id(tensor) -> (tensor, Info)
        self.sources = {}  # id(constant tensor) -> (tensor, set of parameter ids it was computed from)
        self.params = {id(p): p for p in model.parameters()}
        self.counted = set()
        self.pending = {}  # id(tensor) -> (tensor, function that emits its layer)
        self.poisoned = {}  # id(tensor) -> (tensor, why no layer can hold it): an error once something uses it
        self.node = None  # the fx node running, if any
        self.shapes = {"input": None}  # layer name -> our shape
        self.scope = ""

    # -- bookkeeping ----------------------------------------------------------------------------------------
    def info(self, value):
        if not isinstance(value, torch.Tensor):
            return None
        poisoned = self.poisoned.get(id(value))
        if poisoned is not None and poisoned[0] is value:
            raise ExportError(poisoned[1], located=True)
        pending = self.pending.pop(id(value), None)
        if pending is not None and pending[0] is value:
            pending[1]()  # a result written only once something uses it (attention weights)
        entry = self.traced.get(id(value))
        return entry[1] if entry is not None and entry[0] is value else None

    def register(self, value, info):
        self.traced[id(value)] = (value, info)
        return value

    def source_of(self, value):
        if id(value) in self.params:
            return {id(value)}
        entry = self.sources.get(id(value))
        return set(entry[1]) if entry is not None and entry[0] is value else set()

    def tag(self, result, sources):
        for t in tensors_in(result):
            if id(t) not in self.params:
                self.sources[id(t)] = (t, set(sources))

    def new_name(self, op):
        base = self.scope or op
        name = base if base not in self.names else base + "_" + op
        n = 1
        while name in self.names:
            n += 1
            name = "%s_%s%d" % (base, op, n)
        self.names.add(name)
        return name

    def emit(self, op, layer_type, inputs, ours, value, register=True, **fields):
        name = self.new_name(op)
        layer = {"name": name, "type": layer_type, "inputs": [i.layer for i in inputs]}
        layer.update(fields)
        self.layers.append(layer)
        self.shapes[name] = list(ours)
        info = Info(name, ours, value)
        if register:
            self.register(value, info)
        return info

    def claim(self, what, tensors):
        """Count the parameters behind a layer's weights; they must be exactly what the layer's rule counts."""
        sources = set()
        for t in tensors:
            if t is None:
                continue
            if self.info(t) is not None:
                raise ExportError("%s: a weight computed from the input is not supported" % what)
            sources |= self.source_of(t)
        new = sources - self.counted
        found = sum(self.params[p].numel() for p in new)
        expected = sum(t.numel() for t in tensors if t is not None)
        if found != expected:
            raise ExportError("%s: its weights hold %d elements but come from %d parameter elements not counted "
                              "before (shared or computed weights are not supported)" % (what, expected, found))
        self.counted |= new

    def learned(self, value, rank):
        """A constant operand of add/mul/concat: its shape in our axes and its parameter count."""
        if isinstance(value, (int, float)):
            return [1], 0
        shape = list(value.shape)
        while len(shape) > rank:
            if shape[0] != 1:
                raise ExportError("a constant operand of shape %s spans the batch axis" % list(value.shape))
            shape = shape[1:]
        new = self.source_of(value) - self.counted
        self.counted |= new
        return (shape or [1]), sum(self.params[p].numel() for p in new)

    def axis(self, info, dim, what="the operation"):
        rank = info.value.dim()
        d = dim + rank if dim < 0 else dim
        a = d - info.offset
        if a < 0:
            raise ExportError("%s acts on the batch axis (dim %d)" % (what, dim))
        return a

    # -- torch's hook ---------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def quiet(self):
        """Run torch calls of our own unseen: this mode off (torch turns it off inside __torch_function__,
        not in a module's forward we replaced) and tensor subclasses' overrides off."""
        with contextlib.ExitStack() as stack:
            if torch.overrides._get_current_function_mode() is self:
                stack.enter_context(torch.overrides._pop_mode_temporarily())
            stack.enter_context(torch._C.DisableTorchFunction())
            yield

    def __torch_function__(self, func, types_, args=(), kwargs=None):
        with self.quiet():
            return self.dispatch(getattr(func, "etp_original", func), args, kwargs or {})

    def location(self):
        if self.node is not None:
            return "node %s (%s)" % (self.node.name, self.node.format_node())
        return "module %s" % (self.scope or "(top)")

    def dispatch(self, func, args, kwargs):
        name = func_name(func)
        result = func(*args, **kwargs)
        if not any(True for _ in tensors_in(result)):
            return result  # shape, size, dim, bool(), item(): no data, or a branch taken on this input
        for t in tensors_in((args, kwargs)):
            poisoned = self.poisoned.get(id(t))
            if poisoned is not None and poisoned[0] is t:
                self.poison(result, poisoned[1])
                return result
        inputs = [t for t in tensors_in((args, kwargs)) if self.info(t) is not None]
        if not inputs or name in CONSTANT_MAKERS:
            sources = set()
            for t in tensors_in((args, kwargs)):
                sources |= self.source_of(t)
            self.tag(result, sources)
            return result
        return self.convert(name, func, args, kwargs, result)

    def convert(self, name, func, args, kwargs, result):
        handler = getattr(self, "on_" + name, None)
        if handler is not None:
            return handler(args, kwargs, result)
        if name in ACTIVATIONS:
            return self.unary(name, args, "activation", result, function=ACTIVATIONS[name])
        if name in MOVES:
            return self.move(name, args, kwargs, result)
        if name in ADDS:
            return self.elementwise(name, "add", args, kwargs, result)
        if name in MULS:
            if name in ("div", "div_", "__truediv__", "__itruediv__", "true_divide") and self.info(args[0]) is None:
                raise ExportError("function %s is not supported (a constant divided by a computed tensor)" % name)
            return self.elementwise(name, "mul", args, kwargs, result)
        # No layer can hold it; an error as soon as a layer or the output uses the result (a value computed
        # only to choose a branch, say `if x.sum() > 0`, is not part of the network).
        self.poison(result, "%s: function %s is not supported" % (self.location(), name))
        return result

    def poison(self, result, message):
        for t in tensors_in(result):
            self.poisoned[id(t)] = (t, message)

    def arg(self, args, kwargs, index, key, default=None):
        if key in kwargs:
            return kwargs[key]
        return args[index] if len(args) > index else default

    def first(self, args):
        for t in tensors_in(args):
            info = self.info(t)
            if info is not None:
                return info
        raise ExportError("no traced input")

    def unary(self, op, args, layer_type, result, **fields):
        x = self.first(args[:1])
        if list(result.shape) != list(x.value.shape):
            raise ExportError("function %s changed the shape" % op)
        return self.emit(op, layer_type, [x], x.ours, result, **fields).value

    # -- layers ---------------------------------------------------------------------------------------------
    def on_conv2d(self, args, kwargs, result):
        x = self.first(args[:1])
        weight = self.arg(args, kwargs, 1, "weight")
        bias = self.arg(args, kwargs, 2, "bias")
        stride = self.arg(args, kwargs, 3, "stride", 1)
        padding = self.arg(args, kwargs, 4, "padding", 0)
        dilation = self.arg(args, kwargs, 5, "dilation", 1)
        groups = self.arg(args, kwargs, 6, "groups", 1)
        if len(x.ours) != 3:
            raise ExportError("conv2d on a tensor of shape %s" % x.ours)
        if isinstance(padding, str):
            raise ExportError("string padding %r is not supported" % padding)
        self.claim("conv2d", [weight, bias])
        kh, kw = weight.shape[2:]
        return self.emit("conv", "conv", [x], list(result.shape[1:]), result, out_channels=weight.shape[0],
                         kernel=size((kh, kw)), stride=size(stride), padding=size(padding),
                         dilation=size(dilation), groups=groups, bias=bias is not None).value

    def on_linear(self, args, kwargs, result):
        x = self.first(args[:1])
        weight = self.arg(args, kwargs, 1, "weight")
        bias = self.arg(args, kwargs, 2, "bias")
        self.claim("linear", [weight, bias])
        out = weight.shape[0]
        fields = {"out_features": out, "bias": bias is not None}
        if len(x.ours) > 1:
            fields["last_axis"] = True
        return self.emit("fc", "fc", [x], x.ours[:-1] + [out] if len(x.ours) > 1 else [out], result,
                         **fields).value

    def on_batch_norm(self, args, kwargs, result):
        weight = self.arg(args, kwargs, 3, "weight")
        bias = self.arg(args, kwargs, 4, "bias")
        if weight is None or bias is None:
            raise ExportError("batch_norm without affine parameters is not supported")
        self.claim("batch_norm", [weight, bias])
        return self.unary("batch_norm", args, "batch_norm", result)

    def on_layer_norm(self, args, kwargs, result):
        shape = self.arg(args, kwargs, 1, "normalized_shape")
        weight = self.arg(args, kwargs, 2, "weight")
        bias = self.arg(args, kwargs, 3, "bias")
        if (weight is None) != (bias is None):
            raise ExportError("layer_norm with a weight but no bias (or the reverse) is not supported")
        self.claim("layer_norm", [weight, bias])
        x = self.first(args[:1])
        if len(shape) > len(x.ours):
            raise ExportError("layer_norm over the batch axis")
        return self.unary("layer_norm", args, "layer_norm", result, normalized_rank=len(shape),
                          affine=weight is not None)

    def on_group_norm(self, args, kwargs, result):
        groups = self.arg(args, kwargs, 1, "num_groups")
        weight = self.arg(args, kwargs, 2, "weight")
        bias = self.arg(args, kwargs, 3, "bias")
        if (weight is None) != (bias is None):
            raise ExportError("group_norm with a weight but no bias (or the reverse) is not supported")
        self.claim("group_norm", [weight, bias])
        return self.unary("group_norm", args, "group_norm", result, groups=groups, affine=weight is not None)

    def on_hardtanh(self, args, kwargs, result):
        low = self.arg(args, kwargs, 1, "min_val", -1.0)
        high = self.arg(args, kwargs, 2, "max_val", 1.0)
        function = "relu6" if (low, high) == (0.0, 6.0) else "hardtanh"
        return self.unary("hardtanh", args, "activation", result, function=function)

    on_hardtanh_ = on_hardtanh

    def on_max_pool2d(self, args, kwargs, result):
        fields = pool_fields(self.arg(args, kwargs, 1, "kernel_size"), self.arg(args, kwargs, 2, "stride"),
                             self.arg(args, kwargs, 3, "padding", 0), self.arg(args, kwargs, 5, "ceil_mode", False),
                             self.arg(args, kwargs, 4, "dilation", 1))
        x = self.first(args[:1])
        return self.emit("max_pool", "max_pool", [x], list(result.shape[1:]), result, **fields).value

    def on_avg_pool2d(self, args, kwargs, result):
        fields = pool_fields(self.arg(args, kwargs, 1, "kernel_size"), self.arg(args, kwargs, 2, "stride"),
                             self.arg(args, kwargs, 3, "padding", 0), self.arg(args, kwargs, 4, "ceil_mode", False))
        x = self.first(args[:1])
        return self.emit("avg_pool", "avg_pool", [x], list(result.shape[1:]), result, **fields).value

    def on_adaptive_avg_pool2d(self, args, kwargs, result):
        x = self.first(args[:1])
        return self.emit("adaptive_avg_pool", "adaptive_avg_pool", [x], list(result.shape[1:]), result,
                         output_size=size(list(result.shape[2:]))).value

    def on_local_response_norm(self, args, kwargs, result):
        return self.unary("lrn", args, "lrn", result, size=self.arg(args, kwargs, 1, "size"))

    def on_dropout(self, args, kwargs, result):
        return self.unary("dropout", args, "dropout", result)

    on_dropout2d = on_dropout_ = on_dropout1d = on_alpha_dropout = on_feature_alpha_dropout = on_dropout

    def on_softmax(self, args, kwargs, result):
        x = self.first(args[:1])
        dim = self.arg(args, kwargs, 1, "dim")
        if dim is None:
            raise ExportError("softmax without a dim")
        return self.unary("softmax", args, "softmax", result, axis=self.axis(x, dim, "softmax"))

    def on_channel_shuffle(self, args, kwargs, result):
        return self.unary("channel_shuffle", args, "channel_shuffle", result,
                          groups=self.arg(args, kwargs, 1, "groups"))

    on_native_channel_shuffle = on_channel_shuffle

    def on_mean(self, args, kwargs, result):
        x = self.first(args[:1])
        dims = self.arg(args, kwargs, 1, "dim")
        keepdim = bool(self.arg(args, kwargs, 2, "keepdim", False))
        if dims is None:
            raise ExportError("mean over all axes includes the batch axis")
        dims = [dims] if isinstance(dims, int) else list(dims)
        axes = sorted(self.axis(x, d, "mean") for d in dims)
        ours = [n for a, n in enumerate(x.ours) if a not in axes] if not keepdim else \
            [1 if a in axes else n for a, n in enumerate(x.ours)]
        return self.emit("mean", "mean", [x], ours, result, axes=axes, keepdim=keepdim).value

    def on_cat(self, args, kwargs, result):
        tensors = list(self.arg(args, kwargs, 0, "tensors"))
        dim = self.arg(args, kwargs, 1, "dim", 0)
        infos = [self.info(t) for t in tensors]
        traced = [i for i in infos if i is not None]
        if any(i.offset != traced[0].offset for i in traced):
            raise ExportError("concatenation of tensors of different layouts")
        fields = {"axis": self.axis(traced[0], dim, "cat")}
        constants = [k for k, i in enumerate(infos) if i is None]
        if constants:
            if constants != [0]:
                raise ExportError("a concatenated constant must come first and alone")
            shape, count = self.learned(tensors[0], len(traced[0].ours))
            fields["parameter"] = shape
            if count != prod(shape):
                raise ExportError("a concatenated constant of %d elements holds %d parameters" % (prod(shape), count))
        ours = list(result.shape[traced[0].offset:])
        return self.emit("concat", "concat", traced, ours, result, **fields).value

    on_concat = on_concatenate = on_cat

    def elementwise(self, name, layer_type, args, kwargs, result):
        operands = [args[0], args[1] if len(args) > 1 else kwargs.get("other")]
        infos = [self.info(o) for o in operands]
        traced = [i for i in infos if i is not None]
        fields = {}
        ours = traced[0].ours
        for i in traced[1:]:
            ours = broadcast(ours, i.ours)
        for operand, info in zip(operands, infos):
            if info is None:
                shape, count = self.learned(operand, len(ours))
                while len(shape) > 1 and shape[0] == 1:  # broadcasting aligns trailing axes
                    shape = shape[1:]
                # A constant that is not learned (attention's scale, Swin's attention mask) is an operand of
                # "params": 0; a Python scalar an operand of shape [1].
                shape = shape or [1]
                fields["parameter"] = shape
                if count != prod(shape):
                    fields["params"] = count
                ours = broadcast(ours, shape)
        if prod(ours) != result.numel():
            raise ExportError("%s: the result has %d elements, not %s" % (name, result.numel(), ours))
        return self.emit(fields.get("function", layer_type), layer_type, traced, ours, result, **fields).value

    # -- matmul -----------------------------------------------------------------------------------------------
    def matmul_infos(self, a, b, result):
        if len(a.ours) < 2 or len(b.ours) < 2:
            raise ExportError("matmul of a vector")
        if a.ours[-1] != b.ours[-2]:
            raise ExportError("matmul of %s and %s" % (a.ours, b.ours))
        ours = broadcast(a.ours[:-2], b.ours[:-2]) + [a.ours[-2], b.ours[-1]]
        if prod(ours) != result.numel():
            raise ExportError("matmul result of %d elements, not %s" % (result.numel(), ours))
        return self.emit("matmul", "matmul", [a, b], ours, result)

    def on_matmul(self, args, kwargs, result):
        a, b = self.info(args[0]), self.info(args[1])
        if a is None or b is None:
            raise ExportError("matmul with a constant (learned) matrix is not supported; use nn.Linear")
        return self.matmul_infos(a, b, result).value

    on_bmm = on___matmul__ = on_matmul

    def on_einsum(self, args, kwargs, result):
        equation = args[0].replace(" ", "")
        operands = list(args[1]) if len(args) == 2 and isinstance(args[1], (list, tuple)) else list(args[1:])
        inputs, _, output = equation.partition("->")
        terms = inputs.split(",")
        infos = [self.info(o) for o in operands]
        if len(terms) != 2 or not output or None in infos or "." in equation:
            raise ExportError("einsum %r is not a matmul of two traced tensors" % args[0])
        ta, tb = terms
        batch = [c for c in output if c in ta and c in tb]
        contracted = [c for c in ta if c in tb and c not in output]
        free_a = [c for c in ta if c not in tb]
        free_b = [c for c in tb if c not in ta]
        if len(contracted) != 1 or len(free_a) != 1 or len(free_b) != 1 or \
                sorted(batch + free_a + free_b) != sorted(output) or len(set(ta)) != len(ta):
            raise ExportError("einsum %r is not a batched matrix product" % args[0])
        order_a = batch + free_a + contracted
        order_b = batch + contracted + free_b
        a = self.permute_info("einsum", infos[0], [ta.index(c) for c in order_a])
        b = self.permute_info("einsum", infos[1], [tb.index(c) for c in order_b])
        with torch._C.DisableTorchFunction():
            product = torch.matmul(a.value, b.value)
        c = self.matmul_infos(a, b, product)
        order_c = batch + free_a + free_b
        out = self.permute_info("einsum", c, [order_c.index(ch) for ch in output])
        if list(out.value.shape) != list(result.shape):
            raise ExportError("einsum %r: shape %s, not torch's %s" % (args[0], list(out.value.shape),
                                                                      list(result.shape)))
        return self.register(result, Info(out.layer, out.ours, result))

    # -- data movement ------------------------------------------------------------------------------------
    def permute_info(self, op, x, perm):
        """Permute a traced tensor by torch dims `perm`; emits nothing for the identity."""
        perm = [p % x.value.dim() for p in perm]
        if perm == list(range(len(perm))):
            return x
        with torch._C.DisableTorchFunction():
            value = x.value.permute(perm)
        if x.offset == 1 and perm[0] != 0:  # the batch 1 moves: the other axes' order is what counts
            x = self.emit("reshape", "reshape", [x], [1] + x.ours, x.value, register=False, shape=[1] + x.ours)
        off = x.offset
        axes = [p - off for p in perm[off:]]
        ours = [x.ours[a] for a in axes]
        return self.emit("permute", "permute", [x], ours, value, axes=axes)

    def batch_axis_check(self, name, x, args, kwargs):
        if x.offset == 0:
            return
        dims = []
        if name in DIM_ARGUMENTS:
            dim = self.arg(args, kwargs, *DIM_ARGUMENTS[name])
            if dim is None:
                raise ExportError("%s over all axes includes the batch axis" % name)
            dims = [dim] if isinstance(dim, int) else list(dim)
        elif name == "__getitem__":
            index = args[1] if isinstance(args[1], tuple) else (args[1],)
            if index and not (index[0] is Ellipsis or index[0] == slice(None)):
                raise ExportError("indexing %r selects from the batch axis" % (args[1],))
        elif name == "pad":
            pad = list(self.arg(args, kwargs, 1, "pad"))
            if len(pad) >= 2 * x.value.dim() and any(pad[2 * x.value.dim() - 2:]):
                raise ExportError("padding of the batch axis")
        for d in dims:
            self.axis(x, d, name)

    def move(self, name, args, kwargs, result):
        x = self.first(args[:1])
        self.batch_axis_check(name, x, args, kwargs)
        outputs = list(result) if isinstance(result, (list, tuple)) else [result]
        with torch._C.DisableTorchFunction():
            for r in outputs:
                if not isinstance(r, torch.Tensor):
                    continue
                same = list(r.shape) == list(x.value.shape) and torch.equal(r, x.value)
                if same:
                    self.register(r, Info(x.layer, x.ours, r))
                    continue
                flat = r.numel() == x.value.numel() and torch.equal(r.reshape(-1), x.value.reshape(-1))
                if flat:  # the elements in the same order: a reshape, whatever the call (a permute of 1s)
                    ours = ours_of(r)
                    if ours == x.ours:
                        self.register(r, Info(x.layer, x.ours, r))
                    elif len(ours) == 1 and len(x.ours) > 1 and name == "flatten":
                        self.emit("flatten", "flatten", [x], ours, r)
                    else:
                        self.emit("reshape", "reshape", [x], ours, r, shape=ours)
                    continue
                if name in PERMUTES:
                    perm = self.permutation(name, x, args, kwargs)
                    info = self.permute_info(name, x, perm)
                    self.register(r, Info(info.layer, info.ours, r))
                    continue
                ours = ours_of(r) if x.offset == 0 else list(r.shape[1:])
                if x.offset == 1 and (r.dim() == 0 or r.shape[0] != 1):
                    raise ExportError("%s changes the batch axis" % name)
                self.emit("index", "index", [x], ours, r, shape=ours)
        return result

    def permutation(self, name, x, args, kwargs):
        rank = x.value.dim()
        if name == "permute":
            dims = args[1:] if len(args) > 2 or isinstance(args[1], int) else args[1]
            dims = kwargs.get("dims", dims)
            return [d % rank for d in dims]
        if name == "movedim":
            src, dst = args[1], args[2]
            src = [src] if isinstance(src, int) else list(src)
            dst = [dst] if isinstance(dst, int) else list(dst)
            src, dst = [s % rank for s in src], [d % rank for d in dst]
            rest = [d for d in range(rank) if d not in src]
            perm = [None] * rank
            for s, d in zip(src, dst):
                perm[d] = s
            it = iter(rest)
            return [p if p is not None else next(it) for p in perm]
        d0, d1 = self.arg(args, kwargs, 1, "dim0"), self.arg(args, kwargs, 2, "dim1")
        perm = list(range(rank))
        perm[d0 % rank], perm[d1 % rank] = perm[d1 % rank], perm[d0 % rank]
        return perm

    # -- modules and functions handled whole -----------------------------------------------------------------
    def stochastic_depth(self, value):
        x = self.info(value)
        if x is None:
            return value
        return self.emit("stochastic_depth", "stochastic_depth", [x], x.ours, value).value

    def multi_head_attention(self, module, query, key, value, key_padding_mask=None, need_weights=True,
                             attn_mask=None, average_attn_weights=True):
        """nn.MultiheadAttention in eval mode as fc, index, reshape/permute, mul, matmul, softmax layers."""
        x = self.info(query)
        if x is None or key is not query or value is not query:
            raise ExportError("nn.MultiheadAttention: only self-attention (query, key and value the same "
                              "traced tensor) is supported")
        if not module.batch_first or not module._qkv_same_embed_dim or module.bias_k is not None or \
                module.add_zero_attn or key_padding_mask is not None or attn_mask is not None:
            raise ExportError("nn.MultiheadAttention: only batch_first, packed in-projection, no bias_k/v, "
                              "no masks is supported")
        if x.offset != 1 or len(x.ours) != 2:
            raise ExportError("nn.MultiheadAttention on a tensor of shape %s" % x.ours)
        length, embed = x.ours
        heads = module.num_heads
        head = embed // heads
        call = self.call
        qkv = call("linear", F.linear, query, module.in_proj_weight, module.in_proj_bias)
        q, k, v = call("chunk", torch.chunk, qkv, 3, -1)
        q, k, v = [call("reshape", torch.reshape, t, (1, length, heads, head)) for t in (q, k, v)]
        q, k, v = [call("transpose", torch.transpose, t, 1, 2) for t in (q, k, v)]
        q = call("mul", torch.mul, q, 1.0 / math.sqrt(head))
        attention = call("matmul", torch.matmul, q, call("transpose", torch.transpose, k, -2, -1))
        attention = call("softmax", torch.softmax, attention, -1)
        out = call("matmul", torch.matmul, attention, v)
        out = call("transpose", torch.transpose, out, 1, 2)
        out = call("reshape", torch.reshape, out, (1, length, embed))
        out = call("linear", F.linear, out, module.out_proj.weight, module.out_proj.bias)
        with self.quiet():
            expected = module._etp_forward(query, key, value, need_weights=False)[0]
            if not torch.allclose(out, expected, rtol=1e-4, atol=1e-5):
                raise ExportError("nn.MultiheadAttention: the decomposition does not reproduce torch's output")
        if not need_weights:
            return out, None
        if not average_attn_weights:
            return out, attention
        with self.quiet():
            weights = attention.mean(dim=1)
        scope = self.scope

        def average():  # written only if the model uses the weights
            saved, self.scope = self.scope, scope
            self.convert("mean", torch.mean, (attention, 1), {}, weights)
            self.scope = saved
        self.pending[id(weights)] = (weights, average)
        return out, weights

    def call(self, name, func, *args):
        with self.quiet():
            return self.convert(name, func, args, {}, func(*args))


def multi_head_attention_forward(converter):
    def forward(module, query, key, value, **kwargs):
        return converter.multi_head_attention(module, query, key, value, **kwargs)
    return forward


class LeafTracer(torch.fx.Tracer):
    """torch.fx's tracer, with nn.MultiheadAttention a leaf (its forward branches on its inputs)."""

    def is_leaf_module(self, module, qualified_name):
        return isinstance(module, nn.MultiheadAttention) or super().is_leaf_module(module, qualified_name)


class NodeRunner(torch.fx.Interpreter):
    """Runs an fx graph; the layers of each node take the node's name."""

    def __init__(self, module, converter):
        super().__init__(module)
        self.converter = converter

    def run_node(self, node):
        self.converter.scope = node.name
        self.converter.node = node
        try:
            if node.op == "call_function" and getattr(node.target, "__name__", "") == "stochastic_depth":
                args, _ = self.fetch_args_kwargs_from_env(node)
                result = super().run_node(node)
                return self.converter.stochastic_depth(result if result is not args[0] else result.clone()) \
                    if self.converter.info(args[0]) is not None else result
            return super().run_node(node)
        except ExportError as error:
            if error.located:
                raise
            raise ExportError("node %s (%s): %s" % (node.name, node.format_node(), error), located=True) from None


def fx_graph(model):
    """The fx GraphModule of a model, or the reason torch.fx cannot trace it."""
    try:
        graph = LeafTracer().trace(model)
        return torch.fx.GraphModule(model, graph), None
    except Exception as error:  # torch.fx raises TraceError, TypeError, AttributeError, ... on untraceable code
        return None, "%s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else "")


def layer_graph(model, input_shape, name, method="auto"):
    """The layer graph of a model as a JSON-ready dict (see traced_layer_graph)."""
    return traced_layer_graph(model, input_shape, name, method)[0]


def traced_layer_graph(model, input_shape, name, method="auto"):
    """The layer graph of a model as a JSON-ready dict, and how it was traced: "torch.fx", or
    "torch-function (torch.fx failed: REASON)".

    method: "auto" (torch.fx, else the torch-function trace), "fx" or "torch-function"."""
    model = model.eval()
    graph_module, reason = fx_graph(model) if method in ("auto", "fx") else (None, "not asked for")
    if graph_module is None and method == "fx":
        raise ExportError("torch.fx cannot trace the model: %s" % reason)
    converter = Converter(model)
    attention = [m for m in model.modules() if isinstance(m, nn.MultiheadAttention)]
    hooks = []
    for m in attention:
        m._etp_forward = m.forward
        m.forward = types.MethodType(multi_head_attention_forward(converter), m)
    if graph_module is None:
        scopes = []  # the modules running, innermost last: their calls take the innermost's name

        def enter(_module, _inputs, scope):
            scopes.append(converter.scope)
            converter.scope = scope

        def leave(module, inputs, output):
            if type(module).__name__ == "StochasticDepth":
                output = converter.stochastic_depth(output if output is not inputs[0] else output.clone())
            converter.scope = scopes.pop()
            return output
        for qualified, m in model.named_modules():
            scope = qualified.replace(".", "_")
            hooks.append(m.register_forward_pre_hook(lambda module, inputs, scope=scope: enter(module, inputs, scope)))
            hooks.append(m.register_forward_hook(leave))
    # torch 1.13's modes do not see every Tensor.__getitem__ (x[0], p[index] bypass them): route it here.
    getitem = torch.Tensor.__getitem__

    def routed_getitem(tensor, index):
        return converter.__torch_function__(getitem, (), (tensor, index), {})
    routed_getitem.etp_original = getitem
    torch.manual_seed(0)
    x = torch.randn((1,) + tuple(input_shape))
    converter.register(x, Info("input", list(input_shape), x))
    converter.layers.append({"name": "input", "type": "input", "shape": list(input_shape)})
    converter.shapes["input"] = list(input_shape)
    converter.names.add("input")
    torch.Tensor.__getitem__ = routed_getitem
    try:
        with torch.no_grad(), converter:
            if graph_module is not None:
                out = NodeRunner(graph_module, converter).run(x)
            else:
                try:
                    out = model(x)
                except ExportError as error:
                    if error.located:
                        raise
                    raise ExportError("%s: %s" % (converter.location(), error), located=True) from None
    except ExportError as error:  # without the "While executing ..." torch.fx appends
        raise ExportError(str(error).split("\n\nWhile executing")[0], located=True) from None
    finally:
        torch.Tensor.__getitem__ = getitem
        for h in hooks:
            h.remove()
        for m in attention:
            del m.forward
            del m._etp_forward
    info = converter.info(out) if isinstance(out, torch.Tensor) else None
    if info is None:
        raise ExportError("the model's output is not one tensor computed from the input")
    if info.ours != list(out.shape[1:]):
        raise ExportError("the output's shape %s is not torch's %s" % (info.ours, list(out.shape[1:])))
    if converter.layers[-1]["name"] != info.layer:
        raise ExportError("the last layer is not the output")
    how = "torch.fx" if graph_module is not None else "torch-function (torch.fx failed: %s)" % reason
    layers = channel_shuffles(converter.layers, converter.shapes)
    graph = {"format": "edge-dnn-layer-graph", "version": 1, "name": name, "layers": layers}
    return graph, how


def channel_shuffles(layers, shapes):
    """ShuffleNet's channel shuffle, written out as reshape [g, C/g, H, W], permute [1, 0, 2, 3], reshape
    [C, H, W], as one channel_shuffle layer (when the two first feed nothing else)."""
    by_name = {layer["name"]: layer for layer in layers}
    uses = {}
    for layer in layers:
        for i in layer.get("inputs", []):
            uses[i] = uses.get(i, 0) + 1
    dropped = set()
    result = []
    for layer in layers:
        if layer["type"] == "reshape" and len(layer["inputs"]) == 1:
            permute = by_name[layer["inputs"][0]]
            if permute["type"] == "permute" and permute["axes"] == [1, 0, 2, 3] and uses[permute["name"]] == 1:
                split = by_name[permute["inputs"][0]]
                source = split["inputs"][0] if split["type"] == "reshape" else None
                if source is not None and uses[split["name"]] == 1 and len(shapes[source]) == 3 and \
                        layer["shape"] == shapes[source] and split["shape"][2:] == shapes[source][1:] and \
                        split["shape"][0] * split["shape"][1] == shapes[source][0]:
                    dropped |= {permute["name"], split["name"]}
                    layer = {"name": layer["name"], "type": "channel_shuffle", "inputs": [source],
                             "groups": split["shape"][0]}
        result.append(layer)
    return [layer for layer in result if layer["name"] not in dropped]


def write_layer_graph(model, input_shape, name, path, method="auto"):
    """Write a model's layer graph to a JSON file, one layer per line; returns how it was traced."""
    graph, how = traced_layer_graph(model, input_shape, name, method)
    with open(path, "w") as out:
        out.write('{\n "format": "edge-dnn-layer-graph",\n "version": 1,\n "name": %s,\n "layers": [\n'
                  % json.dumps(name))
        out.write(",\n".join("  " + json.dumps(layer) for layer in graph["layers"]))
        out.write("\n ]\n}\n")
    return how


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--torchvision", metavar="NAME", required=True,
                        help="a torchvision.models builder, e.g. resnet18")
    parser.add_argument("--input-shape", help="C,H,W (default 3,224,224; 3,299,299 for inception_v3)")
    parser.add_argument("--name", help="network name (default: the builder's name)")
    parser.add_argument("--method", choices=["auto", "fx", "torch-function"], default="auto",
                        help="how to trace: torch.fx, falling back to the torch-function trace (auto, default)")
    parser.add_argument("-o", "--output", required=True, help="JSON file to write")
    args = parser.parse_args()
    import torchvision.models as models

    torch.set_num_threads(1)
    default = "3,299,299" if args.torchvision == "inception_v3" else "3,224,224"
    try:
        shape = tuple(int(v) for v in (args.input_shape or default).split(","))
    except ValueError:
        parser.error("--input-shape=%s: expected C,H,W as integers" % args.input_shape)
    if not hasattr(models, args.torchvision):
        parser.error("--torchvision=%s: no such torchvision.models builder" % args.torchvision)
    kwargs = {"aux_logits": False, "init_weights": False} if args.torchvision in ("googlenet", "inception_v3") else {}
    model = getattr(models, args.torchvision)(weights=None, **kwargs)
    try:
        how = write_layer_graph(model, shape, args.name or args.torchvision, args.output, args.method)
    except ExportError as error:
        sys.exit("export-torch-profile: %s" % error)
    print("export-torch-profile: %s traced with %s" % (args.torchvision, how), file=sys.stderr)


if __name__ == "__main__":
    main()
