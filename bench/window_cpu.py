#!/usr/bin/env python3
"""window_cpu.py SAMPLES NOISY_LINE CLK_TCK: the server's CPU, in cores, over the driver's 'before' and 'during'
windows. SAMPLES holds 'epoch_ms cpu_ticks' lines (bench/noisy-neighbour.sh writes one every 200 ms); the driver's
'noisy:' line ends with 'windows before A-B during C-D' (epoch ms). Prints 'before X during Y'."""
import re
import sys


def cores(samples, start, end, hz):
    inside = [s for s in samples if start <= s[0] <= end]
    if len(inside) < 2:
        return float("nan")
    first, last = inside[0], inside[-1]
    return (last[1] - first[1]) / hz / ((last[0] - first[0]) / 1000.0)


def main():
    samples = []
    for line in open(sys.argv[1]):
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            samples.append((int(parts[0]), int(parts[1])))
    w = [int(x) for x in re.search(r"windows before (\d+)-(\d+) during (\d+)-(\d+)", sys.argv[2]).groups()]
    hz = float(sys.argv[3])
    print(f"before {cores(samples, w[0], w[1], hz):.2f} during {cores(samples, w[2], w[3], hz):.2f}")


if __name__ == "__main__":
    main()
