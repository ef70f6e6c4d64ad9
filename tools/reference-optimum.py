#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Prove the optimum of a scheduling problem with an independent MILP solver (CBC).

    tools/reference-optimum.py --model-tool=build/bin/edge-dnn-model [--cbc=cbc] [--lp-dir=DIR]
                               [--json=OUT] PROBLEM.json...

For each problem file (transfer latency model, zoo networks at their default encodings) it reads
every network's split profile from edge-dnn-model --format=json, computes each (task, server,
split point)'s demands itself (bits s = 8 x bytes crossing the cut; bandwidth max(s / Q_j,
f_j s); compute f_j x edge MACs), keeps those that fit an empty server, writes the 0-1 program
in CPLEX LP format and runs COIN-OR CBC (Debian's coinor-cbc) on it as an external process. The
solution CBC reports is checked against every constraint here before its objective is taken.
Nothing of edge-dnn's scheduling code is used: only its network profiles.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time


def profile(model_tool, model, cache):
    """The split points of a zoo network: (index, bytes, edge MACs)."""
    if model not in cache:
        out = subprocess.run(
            [model_tool, "--model=" + model, "--format=json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        data = json.loads(out)
        cache[model] = [(p["index"], p["bytes"], p["edge_macs"]) for p in data["split_points"]]
    return cache[model]


def columns(problem, model_tool, cache):
    """Every (task, server, split) that fits an empty server, with its demands."""
    if problem.get("latency_model", "transfer") != "transfer":
        raise SystemExit("only the transfer latency model is supported")
    servers = {s["id"]: s for s in problem["servers"]}
    cols = []
    for j, t in enumerate(problem["tasks"]):
        if "input_bytes" in t or "feature_bytes_per_element" in t or "model" not in t:
            raise SystemExit("only zoo networks at their default encodings are supported")
        f = t["frame_rate"]
        q = t["deadline_s"]
        for sid in t["servers"]:
            s = servers[sid]
            cap_b = s["usable_share"] * s["uplink_bps"]
            cap_c = s["compute_macs_per_s"]
            for index, size, macs in profile(model_tool, t["model"], cache):
                bits = 8.0 * size
                b = max(bits / q, f * bits)
                c = f * macs
                if b <= cap_b and c <= cap_c:
                    cols.append((j, sid, index, b, c))
    return cols


def write_lp(problem, cols, path):
    """The 0-1 program in CPLEX LP format."""
    servers = {s["id"]: s for s in problem["servers"]}
    with open(path, "w", encoding="utf-8") as f:
        f.write("\\ edge-dnn scheduling problem: maximise the admitted tasks\nMaximize\n obj:")
        for k in range(len(cols)):
            f.write(" + x%d" % k)
        f.write("\nSubject To\n")
        for j in range(len(problem["tasks"])):
            ks = [k for k, c in enumerate(cols) if c[0] == j]
            if ks:
                f.write(" task%d: %s <= 1\n" % (j, " + ".join("x%d" % k for k in ks)))
        for sid, s in servers.items():
            ks = [k for k, c in enumerate(cols) if c[1] == sid]
            if not ks:
                continue
            cap_b = s["usable_share"] * s["uplink_bps"]
            cap_c = s["compute_macs_per_s"]
            f.write(" bw_%s: %s <= %r\n" % (sid, " + ".join("%r x%d" % (cols[k][3], k) for k in ks), cap_b))
            f.write(" cpu_%s: %s <= %r\n" % (sid, " + ".join("%r x%d" % (cols[k][4], k) for k in ks), cap_c))
        f.write("Binaries\n")
        for k in range(len(cols)):
            f.write(" x%d\n" % k)
        f.write("End\n")


def check(problem, cols, chosen):
    """True if the chosen columns are a feasible assignment."""
    tasks = [c[0] for c in (cols[k] for k in chosen)]
    if len(tasks) != len(set(tasks)):
        return False
    for s in problem["servers"]:
        b = sum(cols[k][3] for k in chosen if cols[k][1] == s["id"])
        c = sum(cols[k][4] for k in chosen if cols[k][1] == s["id"])
        if b > s["usable_share"] * s["uplink_bps"] or c > s["compute_macs_per_s"]:
            return False
    return True


def solve(path, args, cache):
    """The proved optimum of one problem file, with what proved it."""
    with open(path, encoding="utf-8") as f:
        problem = json.load(f)
    cols = columns(problem, args.model_tool, cache)
    lp_dir = args.lp_dir or tempfile.mkdtemp()
    base = os.path.join(lp_dir, os.path.splitext(os.path.basename(path))[0])
    write_lp(problem, cols, base + ".lp")
    command = [args.cbc, base + ".lp", "solve", "solu", base + ".sol"]
    start = time.monotonic()
    log = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    seconds = time.monotonic() - start
    with open(base + ".sol", encoding="utf-8") as f:
        first = f.readline()
        chosen = []
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[1].startswith("x") and float(parts[2]) > 0.5:
                chosen.append(int(parts[1][1:]))
    if not first.startswith("Optimal"):
        raise SystemExit("%s: CBC did not prove optimality: %s" % (path, first.strip()))
    objective = round(float(re.search(r"objective value\s+([-0-9.eE+]+)", first).group(1)))
    if objective != len(chosen) or not check(problem, cols, chosen):
        raise SystemExit("%s: CBC's solution does not check out" % path)
    version = re.search(r"Version:\s*(\S+)", log)
    return {
        "instance": os.path.basename(path),
        "tasks": len(problem["tasks"]),
        "servers": len(problem["servers"]),
        "columns": len(cols),
        "optimum": objective,
        "solver": "COIN-OR CBC " + (version.group(1) if version else "?"),
        "command": "cbc INSTANCE.lp solve solu INSTANCE.sol",
        "seconds": round(seconds, 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("problems", nargs="+", help="problem files (JSON)")
    parser.add_argument("--model-tool", required=True, help="path of edge-dnn-model")
    parser.add_argument("--cbc", default="cbc", help="the CBC program")
    parser.add_argument("--lp-dir", help="keep the LP and solution files here")
    parser.add_argument("--json", help="write the results here (else stdout)")
    args = parser.parse_args()
    cache = {}
    results = [solve(p, args, cache) for p in args.problems]
    text = json.dumps({"format": "edge-dnn-reference-optima", "optima": results}, indent=1) + "\n"
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
