#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the scheduler reference instances: small problems with tight servers (doc/scheduler.rst).

    tools/make-scheduler-reference.py --out=test/data/scheduler-reference [--count=12] [--seed=1]

Each instance: 2-4 servers (10-50 GMAC/s, 5-20 Mbit/s edge-to-cloud, usable share 0.8), 25-40 tasks
on zoo networks at 0.5-5 frames/s with QoS bounds of 0.1-1 s, each allowed on 1 to all servers,
under the transfer latency model. Python's random.Random(seed) with random() only (its sequence is
the same on every Python 3 version), so the files are reproducible; tools/reference-optimum.py
proves their optima with an independent solver.
"""

import argparse
import json
import os
import random

MODELS = [
    "alexnet",
    "vgg16",
    "googlenet",
    "inception-v3",
    "resnet18",
    "resnet50",
    "squeezenet1.1",
    "mobilenet-v1",
    "mobilenet-v2",
    "densenet121",
]


def uniform(rng, lo, hi, digits):
    """A value in [lo, hi] rounded to digits decimals."""
    return round(lo + (hi - lo) * rng.random(), digits)


def pick(rng, items):
    """One of items, with random() only."""
    return items[min(int(rng.random() * len(items)), len(items) - 1)]


def instance(rng, name):
    """One problem as a JSON object."""
    server_count = 2 + min(int(rng.random() * 3), 2)
    task_count = 25 + min(int(rng.random() * 16), 15)
    servers = []
    for i in range(server_count):
        servers.append(
            {
                "id": "e%d" % i,
                "compute_macs_per_s": uniform(rng, 10, 50, 1) * 1e9,
                "uplink_bps": uniform(rng, 5, 20, 2) * 1e6,
                "usable_share": 0.8,
            }
        )
    tasks = []
    for j in range(task_count):
        ids = [s["id"] for s in servers]
        allowed = 1 + min(int(rng.random() * server_count), server_count - 1)
        chosen = []
        while len(chosen) < allowed:
            s = pick(rng, ids)
            ids.remove(s)
            chosen.append(s)
        tasks.append(
            {
                "id": "t%d" % j,
                "model": pick(rng, MODELS),
                "frame_rate": uniform(rng, 0.5, 5, 1),
                "deadline_s": uniform(rng, 0.1, 1, 2),
                "servers": sorted(chosen),
            }
        )
    return {"latency_model": "transfer", "servers": servers, "tasks": tasks}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="directory to write instance-NN.json into")
    parser.add_argument("--count", type=int, default=12, help="number of instances")
    parser.add_argument("--seed", type=int, default=1, help="seed of random.Random")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    for k in range(args.count):
        name = "instance-%02d" % k
        with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(instance(rng, name), f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
