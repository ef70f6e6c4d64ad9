#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the SYNTHETIC bandwidth traces of data/bandwidth/ (LinkRateTrace's CSV: time_s,rate_bps).

    tools/make-bandwidth-traces.py [--out DIR]      (default: data/bandwidth/ of this repository)

Deterministic: the random draws come from Python's Mersenne Twister (random.Random(seed).random(), whose
sequence Python keeps stable across versions) and are turned into normal draws here (Box-Muller), so the
same script writes the same bytes on every machine. No file is downloaded or measured: every shape and
parameter below is chosen by the authors; the files are not measurements of any network.
"""

import argparse
import math
import os
import random
import sys

HEADER = "time_s,rate_bps"
SCRIPT = "tools/make-bandwidth-traces.py"


class Normal:
    """Standard normal draws from random.Random(seed).random() by Box-Muller (both values used)."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.spare = None

    def draw(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        u1 = 1.0 - self.rng.random()  # (0, 1]
        u2 = self.rng.random()
        radius = math.sqrt(-2.0 * math.log(u1))
        self.spare = radius * math.sin(2.0 * math.pi * u2)
        return radius * math.cos(2.0 * math.pi * u2)

    def uniform(self):
        return self.rng.random()


def write(out, name, comments, rows):
    """Writes NAME into OUT: '# ' comment lines, the header, one 'time,rate' row per point (integers)."""
    path = os.path.join(out, name)
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("# SYNTHETIC bandwidth trace, not a measurement: written by %s\n" % SCRIPT)
        for line in comments:
            f.write("# %s\n" % line)
        f.write(HEADER + "\n")
        for t, rate in rows:
            f.write("%d,%d\n" % (t, rate))
    return path


def step_half(out):
    rows = [(0, 100_000_000), (20, 50_000_000)]
    comments = [
        "Model: a step. 100 Mbit/s from 0 s, 50 Mbit/s from 20 s on (the rate halves).",
        "Use RateScale for other capacities (0.1: 10 then 5 Mbit/s) and TimeScale to move the step.",
        "With Loop it repeats every 40 s (20 s at each rate).",
    ]
    return write(out, "step-half.csv", comments, rows)


# Busy level of the daily trace at these hours (0 quiet .. 1 busiest), interpolated with a cosine between
# anchors: quiet before dawn, a daytime plateau, the busy hour at 21:00. Chosen by the authors.
DAILY_ANCHORS = [
    (0, 0.55), (3, 0.15), (5, 0.10), (7, 0.35), (9, 0.60), (12, 0.65), (17, 0.70), (19, 0.85), (21, 1.00),
    (23, 0.80), (24, 0.55),
]
DAILY_PEAK_BPS = 100e6  # the rate when the busy level is 0
DAILY_DEPTH = 0.6  # share of the rate taken away at busy level 1 (busy hour: 40 Mbit/s)
DAILY_NOISE_SIGMA = 0.03  # log-normal minute-to-minute noise, sigma of the natural log
DAILY_SEED = 20261202


def busy_level(hour):
    for (h0, v0), (h1, v1) in zip(DAILY_ANCHORS, DAILY_ANCHORS[1:]):
        if h0 <= hour <= h1:
            x = (hour - h0) / (h1 - h0)
            return v0 + (v1 - v0) * (1.0 - math.cos(math.pi * x)) / 2.0
    raise ValueError(hour)


def daily(out):
    normal = Normal(DAILY_SEED)
    rows = []
    for minute in range(24 * 60):
        level = busy_level(minute / 60.0)
        rate = DAILY_PEAK_BPS * (1.0 - DAILY_DEPTH * level) * math.exp(DAILY_NOISE_SIGMA * normal.draw())
        rows.append((minute * 60, round(rate)))
    comments = [
        "Model: a diurnal pattern, 24 h at 1 min resolution (1440 points, times in s from midnight).",
        "rate(t) = %g bit/s x (1 - %g x busy(t)) x exp(%g x N(0,1)), busy(t) in [0, 1] a cosine interpolation"
        % (DAILY_PEAK_BPS, DAILY_DEPTH, DAILY_NOISE_SIGMA),
        "of the anchors (hour, busy) " + " ".join("(%g, %g)" % a for a in DAILY_ANCHORS) + ";",
        "quiet at 05:00 (about 94 Mbit/s), busy hour at 21:00 (about 40 Mbit/s). Seed %d." % DAILY_SEED,
        "Parameters chosen by the authors. Meant for TimeScale (1/1440: the day in 60 s) and Loop.",
    ]
    return write(out, "daily.csv", comments, rows)


CELL_SECONDS = 300
CELL_MEDIAN_BPS = 20e6  # median of the slowly varying mean
CELL_SLOW_AMPLITUDE = 0.4  # slow mean: median x exp(0.4 sin(2 pi t / 240 s))
CELL_SLOW_PERIOD_S = 240
CELL_FADING_SIGMA = 0.5  # log-normal fading, sigma of the natural log
CELL_FADING_RHO = 0.8  # AR(1) correlation of the fading from one second to the next
CELL_FADE_PROBABILITY = 0.02  # chance per second that a deep fade starts
CELL_FADE_FACTOR = 0.05  # rate multiplied by this during a deep fade
CELL_FADE_MIN_S, CELL_FADE_MAX_S = 2, 5  # deep fade length, uniform in whole seconds
CELL_MIN_BPS, CELL_MAX_BPS = 100e3, 150e6  # clipped to this range
CELL_SEED = 42


def cellular(out):
    normal = Normal(CELL_SEED)
    x = normal.draw()
    fade_left = 0
    rows = []
    for t in range(CELL_SECONDS):
        if t > 0:
            x = CELL_FADING_RHO * x + math.sqrt(1.0 - CELL_FADING_RHO**2) * normal.draw()
        if fade_left == 0 and normal.uniform() < CELL_FADE_PROBABILITY:
            fade_left = CELL_FADE_MIN_S + int(normal.uniform() * (CELL_FADE_MAX_S - CELL_FADE_MIN_S + 1))
        mean = CELL_MEDIAN_BPS * math.exp(CELL_SLOW_AMPLITUDE * math.sin(2.0 * math.pi * t / CELL_SLOW_PERIOD_S))
        rate = mean * math.exp(CELL_FADING_SIGMA * x)
        if fade_left > 0:
            rate *= CELL_FADE_FACTOR
            fade_left -= 1
        rows.append((t, round(min(max(rate, CELL_MIN_BPS), CELL_MAX_BPS))))
    comments = [
        "Model: cellular-like, %d s at 1 s resolution: log-normal fading around a slowly varying mean, with" % CELL_SECONDS,
        "occasional deep fades. mean(t) = %g bit/s x exp(%g sin(2 pi t / %d s)); rate(t) = mean(t) x exp(%g x(t)),"
        % (CELL_MEDIAN_BPS, CELL_SLOW_AMPLITUDE, CELL_SLOW_PERIOD_S, CELL_FADING_SIGMA),
        "x an AR(1) standard normal process with correlation %g per second; a deep fade starts with probability"
        % CELL_FADING_RHO,
        "%g per second, lasts %d to %d s (uniform) and multiplies the rate by %g; clipped to [%g, %g] bit/s. Seed %d."
        % (CELL_FADE_PROBABILITY, CELL_FADE_MIN_S, CELL_FADE_MAX_S, CELL_FADE_FACTOR, CELL_MIN_BPS, CELL_MAX_BPS,
           CELL_SEED),
        "Parameters chosen by the authors, not fitted to any measured network. Use RateScale for other capacities.",
    ]
    return write(out, "cellular.csv", comments, rows)


def main():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "data", "bandwidth")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.normpath(default), help="folder to write into (default: %(default)s)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for make in (step_half, daily, cellular):
        print(make(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
