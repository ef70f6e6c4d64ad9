#!/usr/bin/python3
"""tools/export-torch-profile.py against the real framework: export every classification network of
torchvision (torchvision.models.list_models(module=torchvision.models), weights=None), read each back with
`edge-dnn-model --file=X --format=layers`, and compare with torch's own figures, counted here independently of
the exporter:

  * parameters: sum(p.numel() for p in model.parameters()), which must equal the sum of the CSV's params column
    exactly;
  * conv+fc MACs: one forward pass under a torch.overrides.TorchFunctionMode that counts every F.conv2d call
    (output elements x in_channels/groups x kernel area) and every F.linear call (output elements x
    in_features), including the linear calls inside F.multi_head_attention_forward (the mode re-enters that
    function's body, whose own torch-function check is switched off for the call, so its in- and
    out-projections and batched products are seen; the native fast path is never taken under a mode). The sum of
    the CSV's conv and fc rows must be within 1 %;
  * matmul MACs: the same pass counts torch.matmul, torch.bmm, torch.baddbmm, the @ operator and two-operand
    torch.einsum (the product of every index's size); where either count is nonzero, the CSV's matmul rows must
    be within 1 %;
  * the output: the CSV's last row must be the model's output shape without the batch dim.

One line per network: name, how the exporter traced it, params ours/torch, conv+fc MACs ours/torch, matmul
MACs ours/torch, split points (from --format=json), seconds. The networks in SLOW are skipped unless --all is
given (each takes 80 to 290 s and 2 to 4 GB on the 2-core test machine; see SLOW); the other 77 take about
7.5 minutes together. A node the format cannot hold must stop the export with its name (checked with an upsampling).

Usage: export-torch-profile-test.py TOOL EDGE_DNN_MODEL [--all] [NAME ...]
(NAMEs: check only these, SLOW ones included). Exits 77 (skipped) where torch is not installed, 1 on any failure.
"""

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

try:
    import torch
    import torch.nn.functional as F
    import torchvision
    import torchvision.models as models
    from torch.overrides import TorchFunctionMode
except ImportError:
    print("torch/torchvision not installed (Debian: python3-torchvision): skipped")
    sys.exit(77)

# Skipped unless --all (measured on the shared 2-core test machine, one network's whole check each, torch on one
# thread, in two runs; every other network takes under a minute, convnext_large the longest, vit_l_32 30 s).
SLOW = {
    "vit_h_14": "632 M parameters: 245 to 290 s and 4.0 GB for its check",
    "vit_l_16": "304 M parameters: 90 to 111 s and 2.0 GB for its check",
    "regnet_y_128gf": "645 M parameters: 78 to 91 s and 3.6 GB for its check",
}


class TorchCounter(TorchFunctionMode):
    """conv+linear and matmul MACs of one forward pass, counted from the calls torch makes."""

    def __init__(self):
        super().__init__()
        self.conv_fc = 0
        self.matmul = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is F.multi_head_attention_forward:
            # Run the body with this mode on: its has_torch_function check would hand the call back to us.
            saved = F.has_torch_function
            F.has_torch_function = lambda *_: False
            try:
                with self:
                    return func(*args, **kwargs)
            finally:
                F.has_torch_function = saved
        result = func(*args, **kwargs)
        name = getattr(func, "__name__", "")
        if name == "conv2d":
            weight = args[1] if len(args) > 1 else kwargs["weight"]
            self.conv_fc += result.numel() * weight.shape[1] * weight.shape[2] * weight.shape[3]
        elif name == "linear":
            weight = args[1] if len(args) > 1 else kwargs["weight"]
            self.conv_fc += result.numel() * weight.shape[1]
        elif name in ("matmul", "bmm", "__matmul__", "__rmatmul__"):
            left = args[0] if name != "__rmatmul__" else args[1]
            self.matmul += result.numel() * left.shape[-1]
        elif name == "baddbmm":
            self.matmul += result.numel() * args[1].shape[-1]
        elif name == "einsum":
            equation = args[0].replace(" ", "")
            operands = list(args[1]) if len(args) == 2 and isinstance(args[1], (list, tuple)) else list(args[1:])
            sizes = {}
            for term, operand in zip(equation.split("->")[0].split(","), operands):
                sizes.update(zip(term, operand.shape))
            macs = 1
            for n in sizes.values():
                macs *= n
            self.matmul += macs
        return result


def build(name):
    kwargs = {"aux_logits": False, "init_weights": False} if name in ("googlenet", "inception_v3") else {}
    return models.get_model(name, weights=None, **kwargs).eval()


def torch_figures(model, shape):
    counter = TorchCounter()
    with torch.no_grad(), counter:
        out = model(torch.zeros((1,) + shape))
    return sum(p.numel() for p in model.parameters()), counter.conv_fc, counter.matmul, list(out.shape[1:])


def read_layers(edge_dnn_model, path):
    out = subprocess.run([edge_dnn_model, "--file=" + path, "--format=layers"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("edge-dnn-model --format=layers exited with %d: %s"
                           % (out.returncode, out.stderr.strip() or "(nothing on stderr)"))
    lines = out.stdout.strip().splitlines()
    if lines[0] != "index,name,type,output,macs,params":
        raise RuntimeError("edge-dnn-model --format=layers: unexpected header %r" % lines[0])
    rows = [line.split(",") for line in lines[1:]]
    figures = {"params": sum(int(r[5]) for r in rows),
               "conv_fc": sum(int(r[4]) for r in rows if r[2] in ("conv", "fc")),
               "matmul": sum(int(r[4]) for r in rows if r[2] == "matmul"),
               "input": rows[0][3], "output": rows[-1][3]}
    out = subprocess.run([edge_dnn_model, "--file=" + path, "--format=json"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("edge-dnn-model --format=json exited with %d: %s"
                           % (out.returncode, out.stderr.strip() or "(nothing on stderr)"))
    figures["split_points"] = len(json.loads(out.stdout)["split_points"])
    return figures


def within(ours, theirs, tolerance=0.01):
    return ours == theirs or (theirs > 0 and abs(ours - theirs) <= tolerance * theirs)


def check_network(etp, edge_dnn_model, name, tmp):
    start = time.time()
    shape = (3, 299, 299) if name == "inception_v3" else (3, 224, 224)
    model = build(name)
    params, conv_fc, matmul, output = torch_figures(model, shape)
    path = os.path.join(tmp, name + ".json")
    try:
        how = etp.write_layer_graph(model, shape, name, path)
        ours = read_layers(edge_dnn_model, path)
    except (etp.ExportError, RuntimeError) as error:
        print("FAIL %s: %s" % (name, error), flush=True)
        return False, None
    finally:
        del model
    errors = []
    if ours["params"] != params:
        errors.append("params differ")
    if not within(ours["conv_fc"], conv_fc):
        errors.append("conv+fc MACs differ by more than 1 %")
    if (matmul or ours["matmul"]) and not within(ours["matmul"], matmul):
        errors.append("matmul MACs differ by more than 1 %")
    if ours["output"] != "x".join(str(n) for n in output):
        errors.append("output %s is not torch's %s" % (ours["output"], output))
    if ours["input"] != "x".join(str(n) for n in shape):
        errors.append("input %s is not %s" % (ours["input"], shape))
    seconds = time.time() - start
    traced = how.split(" (")[0]
    print("%s %s: traced with %s, params %d/%d, conv+fc MACs %d/%d (%+.2f %%), matmul MACs %d/%d, "
          "%d split points, %.1f s%s" % ("ok  " if not errors else "FAIL", name, traced, ours["params"], params,
                                         ours["conv_fc"], conv_fc, 100.0 * (ours["conv_fc"] - conv_fc) / conv_fc,
                                         ours["matmul"], matmul, ours["split_points"], seconds,
                                         "" if not errors else ": " + "; ".join(errors)), flush=True)
    return not errors, how


def main():
    args = [a for a in sys.argv[1:] if a != "--all"]
    run_all = "--all" in sys.argv[1:]
    if len(args) < 2:
        sys.exit("usage: export-torch-profile-test.py TOOL EDGE_DNN_MODEL [--all] [NAME ...]")
    tool, edge_dnn_model, only = args[0], args[1], args[2:]
    torch.set_num_threads(1)
    spec = importlib.util.spec_from_file_location("export_torch_profile", tool)
    etp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(etp)
    names = models.list_models(module=models)
    unknown = [n for n in only if n not in names]
    if unknown:
        sys.exit("not torchvision classification builders: %s" % ", ".join(unknown))
    print("torch %s, torchvision %s: %d classification builders" % (torch.__version__, torchvision.__version__,
                                                                     len(names)))
    failures, passed, skipped, fallback = [], 0, [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in (only or names):
            if name in SLOW and not run_all and not only:
                skipped.append(name)
                continue
            ok, how = check_network(etp, edge_dnn_model, name, tmp)
            if ok:
                passed += 1
            else:
                failures.append(name)
            if how and not how.startswith("torch.fx"):
                fallback.append(name)
    for name in skipped:
        print("skip %s: %s (run with --all)" % (name, SLOW[name]))
    if fallback:
        print("traced with the torch-function fallback (torch.fx cannot trace them): %s" % ", ".join(fallback))

    # A node the format cannot hold is named, not skipped.
    class Upsample(torch.nn.Module):
        def forward(self, x):
            return torch.nn.functional.interpolate(x, scale_factor=2.0)
    try:
        etp.layer_graph(Upsample(), (3, 8, 8), "up")
        print("FAIL unsupported node accepted")
        failures.append("unsupported node")
    except etp.ExportError as error:
        ok = "node interpolate" in str(error) and "function interpolate is not supported" in str(error)
        print("%s unsupported node: %s" % ("ok  " if ok else "FAIL", str(error).splitlines()[0]))
        passed += 1 if ok else 0
        failures += [] if ok else ["unsupported node"]
    print("%d passed (networks and the unsupported-node check), %d failed%s, %d skipped%s"
          % (passed, len(failures), " (%s)" % ", ".join(failures) if failures else "",
             len(skipped), " (%s)" % ", ".join(skipped) if skipped else ""))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
