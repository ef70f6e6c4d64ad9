#!/usr/bin/python3
"""tools/export-onnx-profile.py against torch: export torchvision networks to ONNX with torch.onnx, convert them, and
compare with the torch exporter's layer graph of the same network (the split-point table edge-dnn-model computes
from each: edge MACs, cloud MACs and bytes, point by point) and with torch's own figures (parameters of the module;
MACs of conv and linear layers counted with forward hooks here). A small transformer block checks the folded
patterns (layer norm, GELU, MatMul+bias, attention products); hand-built ONNX graphs check that an op the format
cannot hold is named, that asymmetric padding is refused, and that a malformed file gives a message, not a
traceback. Every expected figure comes from torch or onnx at run time.

Usage: export-onnx-profile-test.py TOOL TORCH_TOOL EDGE_DNN_MODEL. Exits 77 (skipped) where torch or onnx is not
installed (Debian: python3-torchvision, python3-onnx).
"""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

try:
    import numpy as np
    import onnx
    from onnx import helper, TensorProto
    import torch
    import torchvision.models as models
except ImportError as missing:
    print("torch/torchvision/onnx not installed (%s; Debian: python3-torchvision python3-onnx): skipped" % missing)
    sys.exit(77)

torch.set_num_threads(1)
# Layers that are the identity at inference: torch.onnx in eval mode writes no node for them, the torch exporter
# writes a layer (a split point with the figures of the one before it).
IDENTITY_TYPES = {"dropout", "stochastic_depth"}
TOOL, TORCH_TOOL, EDGE_DNN_MODEL = sys.argv[1:4] if len(sys.argv) == 4 else (None, None, None)
failures = []
passed = 0


def check(ok, what):
    global passed
    print("%s %s" % ("ok  " if ok else "FAIL", what))
    if ok:
        passed += 1
    else:
        failures.append(what)
    return ok


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True)


def export_onnx(model, shape, path, training=torch.onnx.TrainingMode.PRESERVE):
    """torch.onnx.export of a model in eval mode. PRESERVE (not EVAL) keeps BatchNormalization nodes: in EVAL mode
    torch 1.13 folds every batch norm into the convolution before it (its eval peephole pass), whatever
    do_constant_folding says."""
    model.eval()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.onnx's advice on constant folding and training modes
        torch.onnx.export(model, torch.zeros((1,) + tuple(shape)), path, training=training, do_constant_folding=False)


def torch_figures(model, shape):
    """Parameters, and MACs of conv and linear layers (hooks), as torch computes them."""
    macs = []

    def hook(module, _inputs, output):
        if isinstance(module, torch.nn.Conv2d):
            kh, kw = module.kernel_size
            macs.append(output.numel() * (module.in_channels // module.groups) * kh * kw)
        elif isinstance(module, torch.nn.Linear):
            macs.append(output.numel() * module.in_features)

    handles = [m.register_forward_hook(hook) for m in model.modules()]
    with torch.no_grad():
        model(torch.zeros((1,) + tuple(shape)))
    for h in handles:
        h.remove()
    return sum(p.numel() for p in model.parameters()), sum(macs)


def convert(onnx_path, json_path):
    out = run(sys.executable, TOOL, onnx_path, "-o", json_path)
    return out.returncode == 0, (out.stderr.strip().splitlines() or [""])[-1]


def profile(json_path):
    """edge-dnn-model's split profile of a layer graph, or the reader's message."""
    out = run(EDGE_DNN_MODEL, "--file=" + json_path, "--format=json")
    if out.returncode != 0:
        return None, out.stderr.strip()
    return json.loads(out.stdout), None


def layer_rows(json_path):
    """edge-dnn-model --format=layers: index,name,type,output,macs,params per layer, or the reader's message."""
    out = run(EDGE_DNN_MODEL, "--file=" + json_path, "--format=layers")
    if out.returncode != 0:
        return None, out.stderr.strip()
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    if not rows or set(rows[0]) != {"index", "name", "type", "output", "macs", "params"}:
        return None, "unexpected --format=layers output: %r" % out.stdout[:200]
    return rows, None


def layer_types(json_path):
    with open(json_path) as f:
        return {layer["name"]: layer["type"] for layer in json.load(f)["layers"]}


def table(prof):
    return [(p["edge_macs"], p["cloud_macs"], p["bytes"]) for p in prof["split_points"]]


def without_identities(prof, types):
    """The split-point table without the points of identity layers (dropout, stochastic depth) that repeat the
    point before them, and how many were left out."""
    rows, dropped, previous = [], 0, None
    for point in prof["split_points"]:
        row = (point["edge_macs"], point["cloud_macs"], point["bytes"])
        if types.get(point["name"]) in IDENTITY_TYPES and row == previous:
            dropped += 1
            continue
        rows.append(row)
        previous = row
    return rows, dropped


def torchvision_case(tmp, name):
    model = getattr(models, name)(weights=None).eval()
    shape = (3, 224, 224)
    params, macs = torch_figures(model, shape)
    onnx_path = os.path.join(tmp, name + ".onnx")
    onnx_json = os.path.join(tmp, name + "-onnx.json")
    torch_json = os.path.join(tmp, name + "-torch.json")
    export_onnx(model, shape, onnx_path)
    ok, message = convert(onnx_path, onnx_json)
    if not check(ok, "%s: ONNX converted: %s" % (name, message)):
        return
    ours, error = profile(onnx_json)
    if not check(ours is not None, "%s: edge-dnn-model reads the ONNX tool's graph%s"
                 % (name, ": " + error if error else "")):
        return
    check(ours["params"] == params and ours["macs"] == macs and ours["input"] == list(shape),
          "%s: ONNX graph: params %d (torch %d), MACs %d (torch %d), input %s"
          % (name, ours["params"], params, ours["macs"], macs, ours["input"]))

    rows, error = layer_rows(onnx_json)
    if check(rows is not None, "%s: edge-dnn-model --format=layers%s" % (name, ": " + error if error else "")):
        by_type = {}
        for row in rows:
            by_type[row["type"]] = by_type.get(row["type"], 0) + int(row["macs"])
        check(sum(int(r["macs"]) for r in rows) == ours["macs"] and by_type.get("conv", 0) + by_type.get("fc", 0)
              == macs and sum(int(r["params"]) for r in rows) == params,
              "%s: --format=layers: %d layers, conv+fc MACs %d (torch %d), params %d (torch %d)"
              % (name, len(rows), by_type.get("conv", 0) + by_type.get("fc", 0), macs,
                 sum(int(r["params"]) for r in rows), params))

    out = run(sys.executable, TORCH_TOOL, "--torchvision", name, "-o", torch_json)
    if not check(out.returncode == 0, "%s: torch exporter (%s)%s" % (name, TORCH_TOOL, ": " + out.stderr.strip()
                                                                     if out.returncode else "")):
        return
    theirs, error = profile(torch_json)
    if not check(theirs is not None, "%s: edge-dnn-model reads the torch exporter's graph%s"
                 % (name, ": " + error if error else "")):
        return
    rows_torch, dropped = without_identities(theirs, layer_types(torch_json))
    rows_onnx = table(ours)
    first = next((k for k, (a, b) in enumerate(zip(rows_onnx, rows_torch)) if a != b), None)
    check(rows_onnx == rows_torch and theirs["params"] == ours["params"] == params,
          "%s: split points: ONNX %d, torch %d (%d identity layers' repeated points left out)%s; params ONNX %d, "
          "torch exporter %d, torch %d"
          % (name, len(rows_onnx), len(theirs["split_points"]), dropped,
             "" if first is None else ", first difference at point %d: ONNX %s, torch %s (%s)"
             % (first, rows_onnx[first], rows_torch[first], theirs["split_points"][first]["name"]),
             ours["params"], theirs["params"], params))


class Block(torch.nn.Module):
    """A ViT-like encoder block on a 4x4 feature map: class token, position embedding, layer norms, attention
    with two matmuls and a softmax, GELU MLP, a learned layer scale. Records its matmul MACs as it runs."""

    def __init__(self, dim=32, heads=2):
        super().__init__()
        self.heads = heads
        self.patch = torch.nn.Conv2d(3, dim, 4, stride=4)
        self.cls = torch.nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = torch.nn.Parameter(torch.zeros(1, 17, dim))
        self.ln1 = torch.nn.LayerNorm(dim)
        self.qkv = torch.nn.Linear(dim, 3 * dim)
        self.proj = torch.nn.Linear(dim, dim)
        self.ln2 = torch.nn.LayerNorm(dim)
        self.fc1 = torch.nn.Linear(dim, 2 * dim)
        self.act = torch.nn.GELU()
        self.fc2 = torch.nn.Linear(2 * dim, dim)
        self.scale = torch.nn.Parameter(torch.ones(dim))
        self.head = torch.nn.Linear(dim, 10)
        self.matmul_macs = 0

    def matmul(self, a, b):
        self.matmul_macs += a.numel() * b.shape[-1]  # (leading dims x n x k) x m
        return a @ b

    def forward(self, x):
        self.matmul_macs = 0
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(1, -1, -1), x], dim=1) + self.pos
        n, d = x.shape[1], x.shape[2]
        qkv = self.qkv(self.ln1(x)).reshape(1, n, 3, self.heads, d // self.heads).permute(0, 2, 3, 1, 4)
        q, k, v = qkv[:, 0], qkv[:, 1], qkv[:, 2]
        attention = torch.softmax(self.matmul(q, k.transpose(-2, -1)), dim=-1)
        y = self.matmul(attention, v).transpose(1, 2).reshape(1, n, d)
        x = x + self.proj(y)
        x = x + self.scale * self.fc2(self.act(self.fc1(self.ln2(x))))
        return self.head(x[:, 0])


def block_case(tmp):
    model = Block().eval()
    shape = (3, 16, 16)
    params, macs = torch_figures(model, shape)
    matmul_macs = model.matmul_macs
    onnx_path, json_path = os.path.join(tmp, "block.onnx"), os.path.join(tmp, "block.json")
    export_onnx(model, shape, onnx_path)
    ok, message = convert(onnx_path, json_path)
    if not check(ok, "block: ONNX converted: %s" % message):
        return
    with open(json_path) as f:
        layers = json.load(f)["layers"]
    kinds = [(l["type"], l.get("function"), bool(l.get("last_axis"))) for l in layers]
    wanted = [("layer_norm", None, False), ("activation", "gelu", False), ("matmul", None, False),
              ("fc", None, True), ("softmax", None, False), ("permute", None, False), ("reshape", None, False)]
    missing = [w for w in wanted if kinds.count(w) == 0]
    check(not missing and kinds.count(("layer_norm", None, False)) == 2 and kinds.count(("matmul", None, False)) == 2
          and not any(l["type"] == "activation" and l["function"] in ("erf", "pow", "sqrt") for l in layers),
          "block: folded layers: 2 layer_norm, gelu, 2 matmul, fc over tokens%s"
          % (", missing %s" % missing if missing else ""))
    ours, error = profile(json_path)
    if not check(ours is not None, "block: edge-dnn-model reads the graph%s" % (": " + error if error else "")):
        return
    check(ours["params"] == params and ours["macs"] == macs + matmul_macs,
          "block: params %d (torch %d), MACs %d (torch: conv+linear %d + matmul %d)"
          % (ours["params"], params, ours["macs"], macs, matmul_macs))
    rows, error = layer_rows(json_path)
    if check(rows is not None, "block: edge-dnn-model --format=layers%s" % (": " + error if error else "")):
        mm = sum(int(r["macs"]) for r in rows if r["type"] == "matmul")
        check(mm == matmul_macs, "block: --format=layers matmul MACs %d (torch %d)" % (mm, matmul_macs))


def save(graph, path, opset=13):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    onnx.save(model, path)


def conv_graph(extra_nodes, output, output_shape, pads=(1, 1, 1, 1)):
    w = helper.make_tensor("w", TensorProto.FLOAT, [4, 3, 3, 3], np.zeros(108, dtype=np.float32))
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[3, 3], pads=list(pads))]
    return helper.make_graph(nodes + extra_nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT,
                                                                                      [1, 3, 8, 8])],
                             [helper.make_tensor_value_info(output, TensorProto.FLOAT, output_shape)], [w])


def failing_case(tmp, what, path, *needles):
    out = run(sys.executable, TOOL, path, "-o", os.path.join(tmp, "x.json"))
    message = out.stderr.strip()
    check(out.returncode not in (0, 77) and "Traceback" not in message and all(n in message for n in needles),
          "%s: stops with %r" % (what, message))


def main():
    if TOOL is None:
        sys.exit("usage: export-onnx-profile-test.py TOOL TORCH_TOOL EDGE_DNN_MODEL")
    start = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("resnet50", "efficientnet_b0"):
            torchvision_case(tmp, name)
        block_case(tmp)

        # Conv and BatchNormalization exported in EVAL mode: torch fuses them; the tool still writes a valid graph
        # and says so.
        small = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, bias=False), torch.nn.BatchNorm2d(8), torch.nn.ReLU())
        path = os.path.join(tmp, "fused.onnx")
        export_onnx(small, (3, 8, 8), path, training=torch.onnx.TrainingMode.EVAL)
        out = run(sys.executable, TOOL, path, "-o", os.path.join(tmp, "fused.json"))
        fused, error = profile(os.path.join(tmp, "fused.json")) if out.returncode == 0 else (None, out.stderr)
        check(fused is not None and "batch norms were most likely fused" in out.stderr,
              "conv+bn exported in EVAL mode: converted (%s), with the note: %s"
              % ("read, %d params" % fused["params"] if fused else error.strip(), out.stderr.strip().splitlines()[0]))

        # An op the format cannot hold stops the conversion, naming the node.
        path = os.path.join(tmp, "resize.onnx")
        scales = helper.make_tensor("scales", TensorProto.FLOAT, [4], [1, 1, 2, 2])
        graph = conv_graph([helper.make_node("Resize", ["c", "", "scales"], ["y"], name="upsample", mode="nearest")],
                           "y", [1, 4, 16, 16])
        graph.initializer.append(scales)
        save(graph, path)
        failing_case(tmp, "Resize (upsampling)", path, "node upsample (Resize)", "not supported", path)

        path = os.path.join(tmp, "pads.onnx")
        save(conv_graph([], "c", [1, 4, 7, 7], pads=(0, 0, 1, 1)), path)
        failing_case(tmp, "asymmetric padding", path, "node conv (Conv)", "not symmetric")

        # Malformed files: a message naming the file, no traceback.
        path = os.path.join(tmp, "garbage.onnx")
        with open(path, "wb") as f:
            f.write(b"\x08\x07\x12\xff\xff this is not a protobuf")
        failing_case(tmp, "malformed file", path, path, "not an ONNX model")
        path = os.path.join(tmp, "empty.onnx")
        open(path, "wb").close()
        failing_case(tmp, "empty file", path, path, "not an ONNX model")
        failing_case(tmp, "missing file", os.path.join(tmp, "nothing.onnx"), "nothing.onnx", "no such file")
    print("%d passed, %d failed (%.0f s)" % (passed, len(failures), time.time() - start))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
