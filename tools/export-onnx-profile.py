#!/usr/bin/python3
"""Convert an ONNX model into edge-dnn's JSON layer-graph format.

    tools/export-onnx-profile.py resnet50.onnx -o resnet50.json [--name resnet50]
    build/bin/edge-dnn-model --file=resnet50.json

Every tensor's shape comes from onnx's shape inference (onnx.shape_inference.infer_shapes, with data propagation);
shapes in the layer graph exclude the batch dimension. Nodes that only compute shapes or constants (from Shape,
Constant, ConstantOfShape and initializers) are dropped; every node on the data path becomes a layer, or part of
one (Sigmoid+Mul is silu, the Erf form of GELU is gelu, the decomposed layer norm is layer_norm, a MatMul by an
initializer with a following bias Add is one fc). A node the format cannot represent stops the conversion with a
message naming the node and its op; nothing is skipped silently. doc/networks.rst has the op table.

Parameters are those of the mapped layers: conv and fc weights and biases, batch norm's scale and bias (2 per
channel; running mean and variance are buffers, as in torch's count), layer norm's affine pair, and the learned
operand of an element-wise Add/Mul or Concat. Needs the onnx package only (Debian: python3-onnx).
"""

import argparse
import json
import math
import os
import sys

try:
    import numpy as np
    import onnx
    from onnx import numpy_helper, shape_inference
except ImportError as missing:
    sys.exit("export-onnx-profile: the onnx package is not installed (%s; Debian: python3-onnx)" % missing)

PROG = "export-onnx-profile"

# Element-wise functions of one tensor that the format holds as an activation (no parameters, no MACs).
UNARY = {
    "Relu": "relu", "Sigmoid": "sigmoid", "Tanh": "tanh", "HardSigmoid": "hardsigmoid", "HardSwish": "hardswish",
    "LeakyRelu": "leaky_relu", "Elu": "elu", "Selu": "selu", "Celu": "celu", "Softplus": "softplus",
    "Softsign": "softsign", "Mish": "mish", "Gelu": "gelu", "Erf": "erf", "Sqrt": "sqrt", "Exp": "exp",
    "Log": "log", "Abs": "abs", "Neg": "neg", "Reciprocal": "reciprocal", "Sin": "sin", "Cos": "cos",
    "ThresholdedRelu": "thresholded_relu", "Sign": "sign", "Floor": "floor", "Ceil": "ceil", "Round": "round",
}
# Data movement that computes nothing: the format's index layer (output shape only).
INDEX_OPS = {"Slice", "Gather", "Split", "Pad", "Expand", "Tile", "DepthToSpace", "SpaceToDepth", "GatherElements",
             "ReverseSequence"}
# Shapes only: reshape layers.
RESHAPE_OPS = {"Reshape", "Squeeze", "Unsqueeze", "Flatten"}
# The same tensor under another name.
ALIAS_OPS = {"Identity", "Dropout", "Cast", "CastLike"}
# Ops whose output depends only on their input's shape, never its values.
SHAPE_OPS = {"Shape", "Size"}
FLOAT_TYPES = {onnx.TensorProto.FLOAT, onnx.TensorProto.DOUBLE, onnx.TensorProto.FLOAT16, onnx.TensorProto.BFLOAT16}


class ExportError(Exception):
    """The model cannot be represented in the layer-graph format."""


def node_label(node):
    return "node %s (%s)" % (node.name or node.output[0], node.op_type)


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def product(dims):
    out = 1
    for d in dims:
        out *= d
    return out


class Converter:
    def __init__(self, model, path, name, input_shape=None):
        self.path = path
        self.name = name
        self.graph = model.graph
        self.opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 1)
        self.initializers = {t.name: t for t in self.graph.initializer}
        self.initializers.update({t.values.name: t.values for t in self.graph.sparse_initializer})
        inputs = [i for i in self.graph.input if i.name not in self.initializers]
        if len(inputs) != 1:
            raise ExportError("the model has %d data inputs (%s); the format holds exactly one"
                              % (len(inputs), ", ".join(i.name for i in inputs) or "none"))
        self.input = inputs[0]
        dims = self.input.type.tensor_type.shape.dim
        if dims and not dims[0].HasField("dim_value"):
            dims[0].Clear()
            dims[0].dim_value = 1  # a symbolic batch: every tensor's first dimension becomes 1
        if input_shape is not None:
            if len(dims) != len(input_shape) + 1:
                raise ExportError("--input-shape has %d dimensions but input '%s' has %d besides the batch"
                                  % (len(input_shape), self.input.name, len(dims) - 1))
            dims[0].Clear()
            dims[0].dim_value = 1
            for dim, value in zip(dims[1:], input_shape):
                dim.Clear()
                dim.dim_value = value
        model = infer(model)
        for _ in range(4):  # fold shape computations shape inference could not follow, and infer again
            folded = fold_shape_computations(model, self.input.name)
            if folded is None:
                break
            model = infer(folded)
        self.graph = model.graph
        self.initializers = {t.name: t for t in self.graph.initializer}  # with the folded shape computations
        self.initializers.update({t.values.name: t.values for t in self.graph.sparse_initializer})
        self.shapes = {}
        for info in list(self.graph.value_info) + list(self.graph.input) + list(self.graph.output):
            if info.type.HasField("tensor_type") and info.type.tensor_type.HasField("shape"):
                self.shapes[info.name] = [d.dim_value if d.HasField("dim_value") else (d.dim_param or None)
                                          for d in info.type.tensor_type.shape.dim]
        for tensor in self.initializers.values():
            self.shapes[tensor.name] = list(tensor.dims)
        self.nodes = list(self.graph.node)
        self.producer = {}
        self.consumers = {}
        for node in self.nodes:
            for out in node.output:
                if out:
                    self.producer[out] = node
            for i in node.input:
                if i:
                    self.consumers.setdefault(i, []).append(node)
        self.outputs = {o.name for o in self.graph.output}
        self.layers = []
        self.alias = {}  # dynamic tensor -> layer name holding it
        self.static = set(self.initializers)  # tensors that do not depend on the input's values
        self.sources = {t: {t} for t in self.initializers}  # static tensor -> initializers it derives from
        self.absorbed = set()  # ids of nodes folded into a layer made at an earlier node
        self.names = set()
        self.params = 0
        self.batch = None

    # ---- tensors -------------------------------------------------------------------------------------------------
    def full_shape(self, tensor, node):
        shape = self.shapes.get(tensor)
        if shape is None or any(not isinstance(d, int) or d <= 0 for d in shape):
            raise ExportError("%s: shape inference gave no fixed shape for tensor '%s' (%s); export the model "
                              "with fixed input sizes or give --input-shape"
                              % (node_label(node), tensor, "unknown" if shape is None else shape))
        return shape

    def shape(self, tensor, node):
        """A data tensor's shape without the batch dimension (which must be the first, of size 1 or symbolic)."""
        shape = self.full_shape(tensor, node)
        if not shape or shape[0] != self.batch:
            raise ExportError("%s: tensor '%s' of shape %s does not keep the batch axis first (%s); an operation "
                              "on the batch axis cannot be represented" % (node_label(node), tensor, shape, self.batch))
        return shape[1:]

    def const(self, tensor):
        """The value of a constant tensor (initializer, Constant node, or Identity/Cast of one); None otherwise."""
        if not tensor:
            return None
        if tensor in self.initializers:
            return numpy_helper.to_array(self.initializers[tensor])
        node = self.producer.get(tensor)
        if node is None:
            return None
        if node.op_type == "Constant":
            a = attrs(node)
            if "value" in a:
                return numpy_helper.to_array(a["value"])
            for key in ("value_float", "value_int"):
                if key in a:
                    return np.array(a[key])
            for key in ("value_floats", "value_ints"):
                if key in a:
                    return np.array(a[key])
            return None
        if node.op_type in ("Identity", "Cast") and node.input:
            return self.const(node.input[0])
        return None

    def scalar(self, tensor):
        value = self.const(tensor)
        if value is None or value.size != 1:
            return None
        return float(value.reshape(-1)[0])

    def is_dynamic(self, tensor):
        return tensor in self.alias

    def learned(self, tensor):
        """Elements of the float initializers a static operand derives from (scalars are constants, not params)."""
        total = 0
        for name in self.sources.get(tensor, ()):
            t = self.initializers[name]
            count = product(t.dims)
            if t.data_type in FLOAT_TYPES and count > 1:
                total += count
        return total

    def only_consumer(self, tensor):
        users = self.consumers.get(tensor, [])
        if len(users) == 1 and tensor not in self.outputs:
            return users[0]
        return None

    # ---- layers --------------------------------------------------------------------------------------------------
    def layer_name(self, node):
        base = (node.name or node.output[0]).lstrip("/").replace(",", ";") or node.op_type
        name, k = base, 1
        while name in self.names or name == "input":
            k += 1
            name = "%s_%d" % (base, k)
        self.names.add(name)
        return name

    def add_layer(self, node, layer_type, inputs, output, count=0, name=None, **fields):
        name = name or self.layer_name(node)
        layer = {"name": name, "type": layer_type, "inputs": [self.alias[i] for i in inputs]}
        layer.update(fields)
        self.layers.append(layer)
        self.alias[output] = layer["name"]
        self.params += count
        return layer

    # ---- conversion ----------------------------------------------------------------------------------------------
    def convert(self):
        shape = self.shapes.get(self.input.name)
        if shape is None or len(shape) < 2:
            raise ExportError("input '%s' has shape %s; expected a batch dimension and 1 to 4 more"
                              % (self.input.name, shape))
        self.batch = shape[0]
        if self.batch != 1:
            raise ExportError("input '%s' has batch size %d; export the model with batch size 1 or a symbolic one"
                              % (self.input.name, self.batch))
        dims = shape[1:]
        if not all(isinstance(d, int) and d > 0 for d in dims) or len(dims) > 4:
            raise ExportError("input '%s' has shape %s; give --input-shape (e.g. 3,224,224) for symbolic sizes"
                              % (self.input.name, shape))
        self.layers.append({"name": "input", "type": "input", "shape": dims})
        self.names.add("input")
        self.alias[self.input.name] = "input"
        for node in self.nodes:
            if id(node) in self.absorbed:
                continue
            dynamic = [i for i in node.input if i and self.is_dynamic(i)]
            if not dynamic or node.op_type in SHAPE_OPS:
                for out in node.output:
                    if out:
                        self.static.add(out)
                        self.sources[out] = set().union(*[self.sources.get(i, set()) for i in node.input if i])
                continue
            if node.domain not in ("", "ai.onnx"):
                raise ExportError("%s: operator domain '%s' is not supported" % (node_label(node), node.domain))
            handler = getattr(self, "op_" + node.op_type, None)
            try:
                if handler is not None:
                    handler(node)
                elif node.op_type in UNARY:
                    self.unary(node, UNARY[node.op_type])
                elif node.op_type in INDEX_OPS:
                    self.index(node)
                elif node.op_type in RESHAPE_OPS:
                    self.reshape(node)
                elif node.op_type in ALIAS_OPS:
                    self.alias_node(node)
                else:
                    raise ExportError("op %s is not supported by the layer-graph format" % node.op_type)
            except ExportError as error:
                message = str(error)
                if not message.startswith("node "):
                    message = "%s: %s" % (node_label(node), message)
                raise ExportError(message) from None
        missing = [o.name for o in self.graph.output if o.name not in self.alias and o.name not in self.static]
        if missing:
            raise ExportError("graph output(s) %s are not computed by any node" % ", ".join(missing))
        if len(self.layers) == 1:
            raise ExportError("the model computes nothing from its input")
        return {"format": "edge-dnn-layer-graph", "version": 1, "name": self.name, "layers": self.layers}

    def data_input(self, node, allowed_static=()):
        """The one dynamic input of a node; every other input must be static."""
        dynamic = [i for i in node.input if i and self.is_dynamic(i)]
        if len(dynamic) != 1 or node.input[0] != dynamic[0]:
            raise ExportError("expected the data tensor as the only non-constant input, got inputs %s"
                              % list(node.input))
        return dynamic[0]

    def unary(self, node, function):
        x = self.data_input(node)
        self.add_layer(node, "activation", [x], node.output[0], function=function)

    def alias_node(self, node):
        x = self.data_input(node)
        for extra in node.output[1:]:
            if extra and self.consumers.get(extra):
                raise ExportError("its output '%s' (a mask) is used; only the first output can be represented"
                                  % extra)
        self.alias[node.output[0]] = self.alias[x]

    def index(self, node):
        x = self.data_input(node)
        if node.op_type == "Gather" and node.input[0] != x:
            raise ExportError("a gather from a constant table by computed indices (an embedding) is not supported")
        self.shape(x, node)
        for k, out in enumerate(node.output):
            if not out:
                continue
            name = self.layer_name_suffix(node, k) if len(node.output) > 1 else None
            self.add_layer(node, "index", [x], out, name=name, shape=self.shape(out, node))

    def layer_name_suffix(self, node, k):
        base = "%s:%d" % ((node.name or node.output[0]).lstrip("/").replace(",", ";"), k)
        name, j = base, 1
        while name in self.names:
            j += 1
            name = "%s_%d" % (base, j)
        self.names.add(name)
        return name

    def reshape(self, node):
        x = self.data_input(node)
        if node.op_type == "Flatten":
            axis = attrs(node).get("axis", 1)
            rank = len(self.full_shape(x, node))
            if axis < 0:
                axis += rank
            if axis == 0:
                raise ExportError("Flatten with axis 0 merges the batch axis")
            if axis == 1:
                self.shape(node.output[0], node)
                self.add_layer(node, "flatten", [x], node.output[0])
                return
        if node.op_type in ("Squeeze", "Unsqueeze"):
            axes = attrs(node).get("axes")
            if axes is None and len(node.input) > 1:
                value = self.const(node.input[1])
                axes = None if value is None else [int(v) for v in value.reshape(-1)]
            rank = len(self.full_shape(x if node.op_type == "Squeeze" else node.output[0], node))
            if axes is not None and any(a % rank == 0 for a in axes):
                raise ExportError("%s on the batch axis cannot be represented" % node.op_type)
        before, after = self.shape(x, node), self.shape(node.output[0], node)
        if product(before) != product(after):
            raise ExportError("output shape %s does not hold the input's %d elements" % (after, product(before)))
        self.add_layer(node, "reshape", [x], node.output[0], shape=after)

    def axis(self, node, axis, rank, what="axis"):
        """An ONNX axis over the full rank as the format's axis (batch excluded)."""
        if axis < 0:
            axis += rank
        if axis <= 0 or axis >= rank:
            raise ExportError("%s %d is the batch axis or out of range for rank %d" % (what, axis, rank))
        return axis - 1

    # ---- ops -----------------------------------------------------------------------------------------------------
    def symmetric_pads(self, node, x, kernel, strides, dilations):
        a = attrs(node)
        auto = a.get("auto_pad", b"NOTSET")
        auto = auto.decode() if isinstance(auto, bytes) else auto
        if auto in ("SAME_UPPER", "SAME_LOWER"):
            inp = self.shape(x, node)[1:]
            out = self.shape(node.output[0], node)[1:]
            pads = []
            for i, o, k, s, d in zip(inp, out, kernel, strides, dilations):
                total = max((o - 1) * s + (k - 1) * d + 1 - i, 0)
                if total % 2:
                    raise ExportError("auto_pad %s pads %d rows or columns, unevenly; only symmetric padding can "
                                      "be represented" % (auto, total))
                pads.append(total // 2)
            return pads
        if auto == "VALID":
            return [0] * len(kernel)
        pads = list(a.get("pads", [0] * 2 * len(kernel)))
        n = len(kernel)
        if pads[:n] != pads[n:]:
            raise ExportError("padding %s is not symmetric (begin %s, end %s); only symmetric padding can be "
                              "represented" % (pads, pads[:n], pads[n:]))
        return pads[:n]

    @staticmethod
    def size(pair):
        return pair[0] if pair[0] == pair[1] else list(pair)

    def op_Conv(self, node):
        x = self.data_input(node)
        w = node.input[1]
        if w not in self.static:
            raise ExportError("a convolution with a computed weight is not supported")
        a = attrs(node)
        wshape = self.full_shape(w, node)
        if len(wshape) != 4 or len(self.shape(x, node)) != 3:
            raise ExportError("only 2-D convolutions are supported (weight shape %s)" % wshape)
        kernel = list(a.get("kernel_shape", wshape[2:]))
        strides = list(a.get("strides", [1, 1]))
        dilations = list(a.get("dilations", [1, 1]))
        pads = self.symmetric_pads(node, x, kernel, strides, dilations)
        bias = len(node.input) > 2 and bool(node.input[2])
        self.add_layer(node, "conv", [x], node.output[0],
                       count=product(wshape) + (wshape[0] if bias else 0),
                       out_channels=wshape[0], kernel=self.size(kernel), stride=self.size(strides),
                       padding=self.size(pads), dilation=self.size(dilations), groups=a.get("group", 1), bias=bias)

    def op_ConvTranspose(self, node):
        raise ExportError("transposed convolution (upsampling) is not supported by the layer-graph format")

    def op_BatchNormalization(self, node):
        x = self.data_input(node)
        for extra in node.output[1:]:
            if extra and self.consumers.get(extra):
                raise ExportError("its running statistics output '%s' is used" % extra)
        channels = self.shape(x, node)[0]
        self.add_layer(node, "batch_norm", [x], node.output[0], count=2 * channels)

    def op_InstanceNormalization(self, node):
        x = self.data_input(node)
        channels = self.shape(x, node)[0]
        affine = self.learned(node.input[1]) + self.learned(node.input[2]) > 0
        self.add_layer(node, "group_norm", [x], node.output[0], count=2 * channels if affine else 0,
                       groups=channels, affine=affine)

    def op_LRN(self, node):
        x = self.data_input(node)
        self.add_layer(node, "lrn", [x], node.output[0], size=attrs(node)["size"])

    def clip_bounds(self, node):
        a = attrs(node)
        low, high = a.get("min"), a.get("max")
        if len(node.input) > 1 and node.input[1]:
            low = self.scalar(node.input[1])
        if len(node.input) > 2 and node.input[2]:
            high = self.scalar(node.input[2])
        return low, high

    def op_Relu(self, node):
        """Relu, or Relu then Clip(max 6), as torch.onnx writes ReLU6."""
        x = self.data_input(node)
        clip = self.only_consumer(node.output[0])
        if clip is not None and clip.op_type == "Clip" and clip.input[0] == node.output[0] and \
                self.clip_bounds(clip)[0] in (None, 0) and self.clip_bounds(clip)[1] == 6:
            self.absorbed.add(id(clip))
            self.add_layer(clip, "activation", [x], clip.output[0], function="relu6")
            return
        self.add_layer(node, "activation", [x], node.output[0], function="relu")

    def op_Clip(self, node):
        x = self.data_input(node)
        low, high = self.clip_bounds(node)
        if low == 0 and high == 6:
            function = "relu6"
        elif low == 0 and (high is None or high == float("inf")):
            function = "relu"
        else:
            function = "clip"
        self.add_layer(node, "activation", [x], node.output[0], function=function)

    def op_PRelu(self, node):
        raise ExportError("PRelu's learned slope has no place in the layer-graph format")

    def silu_like(self, node, function, check=None):
        """x -> f(x) -> Mul(x, f(x)) as one activation when f(x) feeds only that Mul."""
        x = node.input[0]
        mul = self.only_consumer(node.output[0])
        if (mul is not None and mul.op_type == "Mul" and sorted(mul.input) == sorted([x, node.output[0]])
                and (check is None or check())):
            self.absorbed.add(id(mul))
            self.add_layer(mul, "activation", [x], mul.output[0], function=function)
            return True
        return False

    def op_Sigmoid(self, node):
        x = self.data_input(node)
        if not self.silu_like(node, "silu"):
            self.add_layer(node, "activation", [x], node.output[0], function="sigmoid")

    def op_HardSigmoid(self, node):
        x = self.data_input(node)
        a = attrs(node)
        exact = lambda: abs(a.get("alpha", 0.2) - 1 / 6) < 1e-6 and abs(a.get("beta", 0.5) - 0.5) < 1e-6
        if not self.silu_like(node, "hardswish", exact):
            self.add_layer(node, "activation", [x], node.output[0], function="hardsigmoid")

    def gelu(self, node, x):
        """Div(x, sqrt 2) (or Mul by 1/sqrt 2) -> Erf -> Add 1 -> Mul x -> Mul 0.5 (torch's export of GELU): the
        nodes after the first, or None when the pattern is not exact."""
        if node.op_type == "Div":
            c = self.scalar(node.input[1])
            if c is None or abs(c - math.sqrt(2)) > 1e-4:
                return None
        elif node.op_type == "Mul":
            other = node.input[1] if node.input[0] == x else node.input[0]
            c = self.scalar(other)
            if c is None or abs(c - math.sqrt(0.5)) > 1e-4:
                return None
        erf = self.only_consumer(node.output[0])
        if erf is None or erf.op_type != "Erf":
            return None
        add = self.only_consumer(erf.output[0])
        if add is None or add.op_type != "Add":
            return None
        other = add.input[1] if add.input[0] == erf.output[0] else add.input[0]
        if self.scalar(other) != 1.0:
            return None
        mul = self.only_consumer(add.output[0])
        if mul is None or mul.op_type != "Mul" or sorted(mul.input) != sorted([x, add.output[0]]):
            return None
        half = self.only_consumer(mul.output[0])
        if half is None or half.op_type != "Mul":
            return None
        other = half.input[1] if half.input[0] == mul.output[0] else half.input[0]
        if self.scalar(other) != 0.5:
            return None
        return [erf, add, mul, half]

    def layer_norm(self, node):
        """ReduceMean, Sub, Pow 2, ReduceMean, Add eps, Sqrt, Div [, Mul weight, Add bias]: absorbed nodes, rank,
        affine and the last node."""
        x = node.input[0]
        axes = self.reduce_axes(node)
        rank = len(self.full_shape(x, node))
        if axes is None:
            return None
        axes = sorted(a % rank for a in axes)
        if axes != list(range(rank - len(axes), rank)) or 0 in axes:
            return None
        sub = self.only_consumer(node.output[0])
        if sub is None or sub.op_type != "Sub" or list(sub.input) != [x, node.output[0]]:
            return None
        users = self.consumers.get(sub.output[0], [])
        if len(users) != 2 or sub.output[0] in self.outputs:
            return None
        pow_ = next((u for u in users if u.op_type == "Pow"), None)
        div = next((u for u in users if u.op_type == "Div"), None)
        if pow_ is None or div is None or pow_.input[0] != sub.output[0] or self.scalar(pow_.input[1]) != 2.0:
            return None
        mean2 = self.only_consumer(pow_.output[0])
        if mean2 is None or mean2.op_type != "ReduceMean" or self.reduce_axes(mean2) is None or \
                sorted(a % rank for a in self.reduce_axes(mean2)) != axes:
            return None
        add = self.only_consumer(mean2.output[0])
        if add is None or add.op_type != "Add" or self.scalar(add.input[1]) is None:
            return None
        sqrt = self.only_consumer(add.output[0])
        if sqrt is None or sqrt.op_type != "Sqrt" or self.only_consumer(sqrt.output[0]) is not div or \
                list(div.input) != [sub.output[0], sqrt.output[0]]:
            return None
        absorbed = [sub, pow_, mean2, add, sqrt, div]
        last, affine, params = div, False, 0
        mul = self.only_consumer(div.output[0])
        if mul is not None and mul.op_type == "Mul":
            weight = mul.input[1] if mul.input[0] == div.output[0] else mul.input[0]
            bias_add = self.only_consumer(mul.output[0])
            if weight in self.static and bias_add is not None and bias_add.op_type == "Add":
                bias = bias_add.input[1] if bias_add.input[0] == mul.output[0] else bias_add.input[0]
                normalized = product(self.full_shape(x, node)[rank - len(axes):])
                if bias in self.static and self.learned(weight) == normalized == self.learned(bias):
                    absorbed += [mul, bias_add]
                    last, affine, params = bias_add, True, 2 * normalized
        return absorbed, len(axes), affine, params, last

    def reduce_axes(self, node):
        axes = attrs(node).get("axes")
        if axes is None and len(node.input) > 1 and node.input[1]:
            value = self.const(node.input[1])
            axes = None if value is None else [int(v) for v in value.reshape(-1)]
        return None if axes is None else list(axes)

    def op_ReduceMean(self, node):
        x = self.data_input(node)
        found = self.layer_norm(node)
        if found:
            absorbed, rank, affine, params, last = found
            self.absorbed.update(id(n) for n in absorbed)
            fields = {"normalized_rank": rank}
            if not affine:
                fields["affine"] = False
            self.add_layer(last, "layer_norm", [x], last.output[0], count=params, **fields)
            return
        axes = self.reduce_axes(node)
        rank = len(self.full_shape(x, node))
        if axes is None:
            raise ExportError("a mean over all axes includes the batch axis")
        keepdims = bool(attrs(node).get("keepdims", 1))
        self.add_layer(node, "mean", [x], node.output[0],
                       axes=sorted(self.axis(node, a, rank, "reduction axis") for a in axes), keepdim=keepdims)

    def op_LayerNormalization(self, node):
        x = self.data_input(node)
        for extra in node.output[1:]:
            if extra and self.consumers.get(extra):
                raise ExportError("its mean or inverse deviation output '%s' is used" % extra)
        rank = len(self.full_shape(x, node))
        axis = attrs(node).get("axis", -1) % rank
        if axis == 0:
            raise ExportError("normalizing over the batch axis cannot be represented")
        normalized = product(self.full_shape(x, node)[axis:])
        has_bias = len(node.input) > 2 and bool(node.input[2])
        if has_bias and self.learned(node.input[1]) == normalized == self.learned(node.input[2]):
            self.add_layer(node, "layer_norm", [x], node.output[0], count=2 * normalized,
                           normalized_rank=rank - axis)
        elif not has_bias and self.learned(node.input[1]) == 0:
            self.add_layer(node, "layer_norm", [x], node.output[0], normalized_rank=rank - axis, affine=False)
        else:
            raise ExportError("a layer norm whose scale and bias are not both learned (%s) is not supported"
                              % list(node.input[1:]))

    def op_Softmax(self, node):
        x = self.data_input(node)
        rank = len(self.full_shape(x, node))
        axis = attrs(node).get("axis", -1 if self.opset >= 13 else 1)
        axis = self.axis(node, axis, rank)
        fields = {} if axis == rank - 2 else {"axis": axis}
        self.add_layer(node, "softmax", [x], node.output[0], **fields)

    op_LogSoftmax = op_Softmax

    def pool(self, node, layer_type):
        x = self.data_input(node)
        a = attrs(node)
        if len(self.shape(x, node)) != 3:
            raise ExportError("only 2-D pooling is supported")
        kernel = list(a["kernel_shape"])
        strides = list(a.get("strides", [1, 1]))
        dilations = list(a.get("dilations", [1, 1]))
        if dilations != [1, 1]:
            raise ExportError("dilated pooling is not supported")
        if len(node.output) > 1 and node.output[1] and self.consumers.get(node.output[1]):
            raise ExportError("its indices output is used")
        pads = self.symmetric_pads(node, x, kernel, strides, dilations)
        self.add_layer(node, layer_type, [x], node.output[0], kernel=self.size(kernel), stride=self.size(strides),
                       padding=self.size(pads), ceil_mode=bool(a.get("ceil_mode", 0)))

    def op_MaxPool(self, node):
        self.pool(node, "max_pool")

    def op_AveragePool(self, node):
        self.pool(node, "avg_pool")

    def op_GlobalAveragePool(self, node):
        x = self.data_input(node)
        if len(self.shape(x, node)) != 3:
            raise ExportError("only 2-D pooling is supported")
        self.add_layer(node, "global_avg_pool", [x], node.output[0])

    def op_GlobalMaxPool(self, node):
        x = self.data_input(node)
        shape = self.shape(x, node)
        if len(shape) != 3:
            raise ExportError("only 2-D pooling is supported")
        self.add_layer(node, "max_pool", [x], node.output[0], kernel=self.size(shape[1:]),
                       stride=self.size(shape[1:]), padding=0, ceil_mode=False)

    def op_Transpose(self, node):
        x = self.data_input(node)
        rank = len(self.full_shape(x, node))
        perm = list(attrs(node).get("perm", reversed(range(rank))))
        if perm[0] != 0:
            raise ExportError("permutation %s moves the batch axis" % perm)
        self.shape(node.output[0], node)
        self.add_layer(node, "permute", [x], node.output[0], axes=[p - 1 for p in perm[1:]])

    def op_Concat(self, node):
        inputs = [i for i in node.input if i]
        rank = len(self.full_shape(node.output[0], node))
        axis = self.axis(node, attrs(node)["axis"], rank, "concatenation axis")
        static = [i for i in inputs if not self.is_dynamic(i)]
        fields, params = {}, 0
        if static:
            if len(static) > 1 or inputs[0] != static[0]:
                raise ExportError("only one constant tensor, concatenated before the data, can be represented "
                                  "(inputs %s)" % inputs)
            shape = self.full_shape(static[0], node)
            if len(shape) != rank or shape[0] != 1:
                raise ExportError("constant operand '%s' of shape %s varies along the batch axis"
                                  % (static[0], shape))
            fields["parameter"] = shape[1:]
            params = product(shape[1:])
        if axis:
            fields["axis"] = axis
        self.add_layer(node, "concat", [i for i in inputs if self.is_dynamic(i)], node.output[0], count=params,
                       **fields)

    def parameter(self, node, operand, data):
        """The format's `parameter` (shape without the batch axis, trailing axes aligned) and its params."""
        shape = self.full_shape(operand, node)
        rank = len(self.full_shape(data, node))
        if len(shape) > rank or (len(shape) == rank and shape[0] != 1):
            raise ExportError("constant operand '%s' of shape %s varies along the batch axis" % (operand, shape))
        shape = shape[1:] if len(shape) == rank else shape
        while len(shape) > 1 and shape[0] == 1:
            shape = shape[1:]
        shape = shape or [1]
        learned = self.learned(operand)
        fields = {"parameter": shape}
        if learned != product(shape):
            fields["params"] = learned
        return fields, learned

    def elementwise(self, node, layer_type):
        dynamic = [i for i in node.input if self.is_dynamic(i)]
        if len(dynamic) == 2:
            for i in dynamic:
                self.shape(i, node)
            self.shape(node.output[0], node)
            self.add_layer(node, layer_type, dynamic, node.output[0])
            return
        x = dynamic[0]
        operand = node.input[1] if node.input[0] == x else node.input[0]
        if node.op_type == "Div" and operand == node.input[0]:
            raise ExportError("dividing a constant by the data is not an element-wise scaling")
        self.shape(node.output[0], node)
        fields, params = self.parameter(node, operand, x)
        self.add_layer(node, layer_type, [x], node.output[0], count=params, **fields)

    def op_Add(self, node):
        self.elementwise(node, "add")

    def op_Sub(self, node):
        self.elementwise(node, "add")

    def op_Mul(self, node):
        self.op_Div(node)

    def op_Div(self, node):
        """Div and Mul: a GELU's first node, or an element-wise product (a division is one by the reciprocal)."""
        dynamic = [i for i in node.input if self.is_dynamic(i)]
        absorbed = None
        if len(dynamic) == 1 and node.input[0] == dynamic[0] or node.op_type == "Mul" and len(dynamic) == 1:
            if node.op_type == "Mul" and node.input[1] == dynamic[0]:
                node_x = dynamic[0]
            else:
                node_x = node.input[0]
            absorbed = self.gelu(node, node_x)
        if absorbed:
            self.absorbed.update(id(n) for n in absorbed)
            self.add_layer(absorbed[-1], "activation", [node_x], absorbed[-1].output[0], function="gelu")
            return
        self.elementwise(node, "mul")

    def op_Pow(self, node):
        x = self.data_input(node)
        self.add_layer(node, "activation", [x], node.output[0], function="pow")

    def op_Gemm(self, node):
        x = self.data_input(node)
        a = attrs(node)
        if a.get("transA", 0):
            raise ExportError("a transposed data operand mixes the batch axis into the product")
        w = node.input[1]
        if w not in self.static:
            raise ExportError("a product of two computed tensors with Gemm is not supported")
        wshape = self.full_shape(w, node)
        out = wshape[0] if a.get("transB", 0) else wshape[1]
        bias = len(node.input) > 2 and bool(node.input[2])
        self.shape(x, node)
        self.add_layer(node, "fc", [x], node.output[0], count=product(wshape) + (out if bias else 0),
                       out_features=out, bias=bias)

    def op_MatMul(self, node):
        dynamic = [i for i in node.input if self.is_dynamic(i)]
        if len(dynamic) == 2:
            for i in dynamic:
                if len(self.shape(i, node)) < 2:
                    raise ExportError("operand '%s' has rank %d besides the batch; a matmul needs 2 or more"
                                      % (i, len(self.shape(i, node))))
            self.shape(node.output[0], node)
            self.add_layer(node, "matmul", dynamic, node.output[0])
            return
        x, w = node.input
        if w == dynamic[0]:
            raise ExportError("a constant matrix times the data is not a fully connected layer")
        wshape = self.full_shape(w, node)
        if len(wshape) != 2:
            raise ExportError("a constant operand of shape %s is not a weight matrix" % wshape)
        out = wshape[1]
        last_node, bias = node, False
        add = self.only_consumer(node.output[0])
        if add is not None and add.op_type == "Add":
            other = add.input[1] if add.input[0] == node.output[0] else add.input[0]
            if other in self.static and self.learned(other) == out and \
                    self.full_shape(other, node)[-1] == out and product(self.full_shape(other, node)) == out:
                self.absorbed.add(id(add))
                last_node, bias = add, True
        fields = {"out_features": out, "bias": bias}
        if len(self.shape(x, node)) > 1:
            fields["last_axis"] = True
        self.add_layer(last_node, "fc", [x], last_node.output[0], count=product(wshape) + (out if bias else 0),
                       **fields)


def infer(model):
    try:
        return shape_inference.infer_shapes(model, strict_mode=True, data_prop=True)
    except Exception as error:  # onnx raises InferenceError, ValidationError or RuntimeError
        raise ExportError("onnx shape inference failed: %s" % str(error).strip()) from None


def known_shapes(graph):
    shapes = {}
    for info in list(graph.value_info) + list(graph.input) + list(graph.output):
        if info.type.HasField("tensor_type") and info.type.tensor_type.HasField("shape"):
            dims = info.type.tensor_type.shape.dim
            if all(d.HasField("dim_value") for d in dims):
                shapes[info.name] = [d.dim_value for d in dims]
    return shapes


def np_type(onnx_type):
    try:
        return onnx.helper.tensor_dtype_to_np_dtype(onnx_type)
    except AttributeError:  # onnx < 1.13
        return onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[onnx_type]


def evaluate(node, args, shapes):
    """The outputs of a node of a shape computation, with numpy; None for an op not evaluated here."""
    a = attrs(node)
    op = node.op_type
    if op == "Shape":
        shape = shapes.get(node.input[0])
        if shape is None:
            return None
        start, end = a.get("start", 0), a.get("end", None)
        return [np.array(shape[start:end], dtype=np.int64)]
    if op == "Size":
        shape = shapes.get(node.input[0])
        return None if shape is None else [np.array(product(shape), dtype=np.int64)]
    if any(x is None for x in args if x is not False):
        return None
    x = args[0] if args else None
    if op == "Constant":
        for key in ("value_float", "value_int", "value_floats", "value_ints"):
            if key in a:
                return [np.array(a[key])]
        return [numpy_helper.to_array(a["value"])] if "value" in a else None
    if op == "Identity":
        return [x]
    if op == "Cast":
        return [x.astype(np_type(a["to"]))]
    if op == "ConstantOfShape":
        value = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, dtype=np.float32)
        return [np.full([int(v) for v in x], value.reshape(-1)[0], dtype=value.dtype)]
    if op == "Gather":
        return [np.take(x, args[1], axis=a.get("axis", 0))]
    if op in ("Unsqueeze", "Squeeze"):
        axes = a.get("axes", [int(v) for v in args[1]] if len(args) > 1 and args[1] is not False else None)
        if op == "Squeeze":
            return [np.squeeze(x) if axes is None else np.squeeze(x, axis=tuple(axes))]
        out = x
        rank = x.ndim + len(axes)
        for axis in sorted(v % rank for v in axes):
            out = np.expand_dims(out, axis)
        return [out]
    if op == "Concat":
        return [np.concatenate([np.atleast_1d(v) for v in args], axis=a["axis"])]
    if op == "Reshape":
        target = [int(v) for v in args[1]]
        target = [x.shape[i] if v == 0 and not a.get("allowzero", 0) else v for i, v in enumerate(target)]
        return [x.reshape(target)]
    if op == "Slice":
        starts, ends = args[1], args[2]
        axes = args[3] if len(args) > 3 and args[3] is not False else range(len(starts))
        steps = args[4] if len(args) > 4 and args[4] is not False else [1] * len(starts)
        index = [slice(None)] * x.ndim
        for start, end, axis, step in zip(starts, ends, axes, steps):
            index[int(axis)] = slice(int(start), int(end), int(step))
        return [x[tuple(index)]]
    if op == "Range":
        return [np.arange(x, args[1], args[2], dtype=x.dtype)]
    if op == "Expand":
        return [x * np.ones([int(v) for v in args[1]], dtype=x.dtype)]
    if op == "Transpose":
        return [np.transpose(x, a.get("perm"))]
    binary = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Equal": np.equal, "Less": np.less,
              "Greater": np.greater, "Max": np.maximum, "Min": np.minimum, "And": np.logical_and,
              "Or": np.logical_or}
    if op in binary and len(args) == 2:
        return [binary[op](x, args[1])]
    if op == "Div":
        if np.issubdtype(x.dtype, np.integer):
            return [(np.trunc(x / args[1])).astype(x.dtype)]
        return [x / args[1]]
    if op == "Where":
        return [np.where(x, args[1], args[2])]
    if op == "Not":
        return [np.logical_not(x)]
    if op in ("Abs", "Neg", "Floor", "Ceil", "Sqrt"):
        return [{"Abs": np.abs, "Neg": np.negative, "Floor": np.floor, "Ceil": np.ceil, "Sqrt": np.sqrt}[op](x)]
    if op == "ReduceProd":
        return [np.prod(x, axis=tuple(a["axes"]) if "axes" in a else None, keepdims=bool(a.get("keepdims", 1)))]
    return None


def fold_shape_computations(model, data_input):
    """A copy of the model in which every shape computation a data node takes (integer or boolean tensors computed
    from Shape, Constant, ConstantOfShape and friends, never from learned float initializers) is an initializer, so
    that shape inference sees constant shapes; None when there is nothing (more) to fold."""
    graph = model.graph
    shapes = known_shapes(graph)
    values = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    learned = {t.name for t in graph.initializer if t.data_type in FLOAT_TYPES and product(t.dims) > 1}
    dynamic = {data_input}
    fold = {}
    producer = {}
    for node in graph.node:
        for out in node.output:
            producer[out] = node
        is_dynamic = any(i in dynamic for i in node.input if i) and node.op_type not in SHAPE_OPS
        if is_dynamic or any(i in learned for i in node.input if i):
            # A node on the data path, or one computing from learned parameters: its shape-like inputs are folded.
            for i in node.input:
                if i and i not in dynamic and i in values and i not in learned and i in producer \
                        and producer[i].op_type != "Constant":
                    fold[i] = values[i]
            (dynamic if is_dynamic else learned).update(o for o in node.output if o)
            continue
        try:
            outs = evaluate(node, [values.get(i) if i else False for i in node.input], shapes)
        except Exception:  # a value this evaluator gets wrong is simply not folded
            outs = None
        if outs is not None and len(outs) == len(node.output):
            for name, value in zip(node.output, outs):
                if value is not None and np.asarray(value).size <= 1 << 16:
                    values[name] = np.asarray(value)
    fold = {k: v for k, v in fold.items() if len(producer[k].output) == 1}
    if not fold:
        return None
    folded = onnx.ModelProto()
    folded.CopyFrom(model)
    nodes = [n for n in folded.graph.node if not any(o in fold for o in n.output)]
    del folded.graph.node[:]
    folded.graph.node.extend(nodes)
    folded.graph.initializer.extend(numpy_helper.from_array(v, k) for k, v in fold.items())
    del folded.graph.value_info[:]
    return folded


def load(path):
    """The ONNX model in a file, with clear messages for a missing, unreadable or malformed file."""
    if not os.path.isfile(path):
        raise ExportError("%s: no such file" % path)
    try:
        model = onnx.load(path)
    except Exception as error:  # protobuf's DecodeError and friends
        raise ExportError("%s: not an ONNX model (the protobuf does not parse: %s)" % (path, error)) from None
    if not model.graph.node:
        raise ExportError("%s: not an ONNX model, or an empty one (the graph has no nodes)" % path)
    try:
        onnx.checker.check_model(model)
    except Exception as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ExportError("%s: invalid ONNX model: %s" % (path, first)) from None
    return model


def layer_graph(path, name=None, input_shape=None):
    """The layer graph of an ONNX file as a JSON-ready dict, and its parameter count."""
    model = load(path)
    if name is None:
        name = os.path.splitext(os.path.basename(path))[0]
    try:
        converter = Converter(model, path, name, input_shape)
        graph = converter.convert()
    except ExportError as error:
        raise ExportError("%s: %s" % (path, error)) from None
    ops = {n.op_type for n in model.graph.node}
    # torch.onnx names the weights it computes (a batch norm folded into a convolution) onnx::Conv_N.
    fused = any(n.op_type == "Conv" and len(n.input) > 2 and n.input[2].startswith("onnx::Conv")
                for n in model.graph.node)
    if "BatchNormalization" not in ops and fused:
        converter.notes = ["no BatchNormalization node, and convolution biases computed by torch.onnx "
                           "(onnx::Conv_N): the source model's batch norms were most likely fused into its "
                           "convolutions (torch.onnx does so in EVAL mode), so layers and parameters differ from the "
                           "source model's; export with training=torch.onnx.TrainingMode.PRESERVE to keep them"]
    else:
        converter.notes = []
    return graph, converter


def write(graph, path):
    """Write a layer graph, one layer per line (as tools/export-torch-profile.py does)."""
    with open(path, "w") as out:
        out.write('{\n "format": "edge-dnn-layer-graph",\n "version": 1,\n "name": %s,\n "layers": [\n'
                  % json.dumps(graph["name"]))
        out.write(",\n".join("  " + json.dumps(layer) for layer in graph["layers"]))
        out.write("\n ]\n}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", metavar="FILE.onnx", help="the ONNX model to convert")
    parser.add_argument("-o", "--output", required=True, help="JSON layer graph to write")
    parser.add_argument("--name", help="network name (default: the file's name without .onnx)")
    parser.add_argument("--input-shape", metavar="C,H,W",
                        help="the input's sizes without the batch, for models exported with symbolic sizes")
    args = parser.parse_args()
    shape = None
    if args.input_shape:
        try:
            shape = [int(v) for v in args.input_shape.split(",")]
            if not shape or min(shape) <= 0:
                raise ValueError
        except ValueError:
            parser.error("--input-shape=%s: expected positive integers separated by commas" % args.input_shape)
    try:
        graph, converter = layer_graph(args.model, args.name, shape)
        write(graph, args.output)
    except ExportError as error:
        sys.exit("%s: %s" % (PROG, error))
    except OSError as error:
        sys.exit("%s: %s: %s" % (PROG, error.filename or args.output, error.strerror))
    for note in converter.notes:
        print("%s: note: %s: %s" % (PROG, args.model, note), file=sys.stderr)
    print("%s: %s: %d layers, %d parameters -> %s" % (PROG, args.model, len(graph["layers"]), converter.params,
                                                    args.output), file=sys.stderr)


if __name__ == "__main__":
    main()
