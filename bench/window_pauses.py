#!/usr/bin/env python3
"""The JVM's stop-the-world pauses (safepoints: GC and others) over a window, from a log written with
-Xlog:gc,safepoint:file=GC_LOG:time. Prints 'N stops, T ms, longest L ms (reaching it R ms)'.

    window_pauses.py GC_LOG NOISY_LINE          the noisy-neighbour driver's 'during' window
    window_pauses.py GC_LOG --send-phase DIR    a fan-out run's send phase (DIR/fanout-summary.json)"""
import datetime
import json
import re
import sys

SAFEPOINT = re.compile(r"^\[(\S+)\] Safepoint \"[^\"]*\".*Reaching safepoint: (\d+) ns.*Total: (\d+) ns")


def window(args):
    """(start, end) in epoch milliseconds."""
    if args[0] == "--send-phase":
        s = json.load(open(f"{args[1]}/fanout-summary.json"))
        start = datetime.datetime.fromisoformat(s["sendPhaseStartedAt"].replace("Z", "+00:00")).timestamp() * 1000
        return start, start + s["sendPhaseSeconds"] * 1000
    w = [int(x) for x in re.search(r"windows before (\d+)-(\d+) during (\d+)-(\d+)", args[0]).groups()]
    return w[2], w[3]


def main():
    start, end = window(sys.argv[2:])
    stops, total, longest, reaching = 0, 0.0, 0.0, 0.0
    for line in open(sys.argv[1], errors="replace"):
        m = SAFEPOINT.match(line)
        if not m:
            continue
        at = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1000
        if start <= at <= end:
            ms = int(m.group(3)) / 1e6
            stops += 1
            total += ms
            if ms > longest:
                longest, reaching = ms, int(m.group(2)) / 1e6
    print(f"{stops} stops, {total:.0f} ms, longest {longest:.0f} ms (reaching it {reaching:.0f} ms)")


if __name__ == "__main__":
    main()
