#!/usr/bin/python3
"""tools/export-torch-profile.py against the real framework: export torchvision networks, read them with
edge-dnn-model, and compare parameters and MACs with torch's own count (parameters of the module, and MACs
of conv and linear layers counted with forward hooks here, independently of the exporter).

Usage: export-torch-profile-test.py TOOL EDGE_DNN_MODEL. Exits 77 (skipped) where torch is not installed.
"""

import importlib.util
import json
import os
import subprocess
import sys
import tempfile

try:
    import torch
    import torchvision.models as models
except ImportError:
    print("torch/torchvision not installed (Debian: python3-torchvision): skipped")
    sys.exit(77)


def torch_figures(model, shape):
    macs = []

    def hook(module, _inputs, output):
        if isinstance(module, torch.nn.Conv2d):
            kh, kw = module.kernel_size
            macs.append(output.numel() * (module.in_channels // module.groups) * kh * kw)
        elif isinstance(module, torch.nn.Linear):
            macs.append(output.numel() * module.in_features)

    for m in model.modules():
        m.register_forward_hook(hook)
    with torch.no_grad():
        model(torch.zeros((1,) + shape))
    return sum(p.numel() for p in model.parameters()), sum(macs)


def main():
    tool, edge_dnn_model = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("export_torch_profile", tool)
    etp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(etp)
    cases = [
        ("resnet18", {}, (3, 224, 224)),
        ("mobilenet_v2", {}, (3, 224, 224)),
        ("squeezenet1_1", {}, (3, 224, 224)),
        ("densenet121", {}, (3, 224, 224)),
        ("googlenet", {"aux_logits": False, "init_weights": False}, (3, 224, 224)),
        ("vgg11", {}, (3, 224, 224)),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, kwargs, shape in cases:
            model = getattr(models, name)(weights=None, **kwargs).eval()
            path = os.path.join(tmp, name + ".json")
            etp.write_layer_graph(model, shape, name, path)
            out = subprocess.run([edge_dnn_model, "--file=" + path, "--format=json"],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                print("FAIL %s: edge-dnn-model: %s" % (name, out.stderr.strip()))
                failures += 1
                continue
            ours = json.loads(out.stdout)
            params, macs = torch_figures(model, shape)
            ok = ours["params"] == params and ours["macs"] == macs and ours["input"] == list(shape)
            print("%s %s: params %d (torch %d), MACs %d (torch %d), %d split points"
                  % ("ok  " if ok else "FAIL", name, ours["params"], params, ours["macs"], macs,
                     len(ours["split_points"])))
            failures += 0 if ok else 1
    # A node the format cannot hold is named, not skipped.
    class Upsample(torch.nn.Module):
        def forward(self, x):
            return torch.nn.functional.interpolate(x, scale_factor=2.0)
    try:
        etp.layer_graph(Upsample(), (3, 8, 8), "up")
        print("FAIL unsupported node accepted")
        failures += 1
    except etp.ExportError as error:
        ok = "node interpolate" in str(error) and "function interpolate is not supported" in str(error)
        print("%s unsupported node: %s" % ("ok  " if ok else "FAIL", error))
        failures += 0 if ok else 1
    print("%d passed, %d failed" % (len(cases) + 1 - failures, failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
