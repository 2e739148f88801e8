"""One CSV row for a knee step: latency and losses from fanout-summary.json, CPU from the 0.5 s samples
taken during the run, restricted to the send phase (sendPhaseStartedAt .. + sendPhaseSeconds), and the load
generator's own stalls of the measured phase (its generatorStalls: a p99 near their length may be partly theirs).

    step_row.py --header
    step_row.py SERVER RATE RUN FOLDER CLK_TCK"""
import json
import sys
from datetime import datetime

HEADER = ("server,rate,run,p50_ms,p99_ms,p999_ms,max_ms,lost,deliveries_per_s,server_cpu_cores,generator_cpu_cores,"
          "server_us_per_delivery,generator_us_per_delivery,generator_stalls,generator_stall_max_ms,load1_at_start,dir")
if sys.argv[1:] == ["--header"]:
    print(HEADER)
    sys.exit(0)

server, rate, run, folder, hz = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])
try:
    s = json.load(open(f"{folder}/fanout-summary.json"))
except (OSError, ValueError):
    print(f"{server},{rate},{run}" + "," * (HEADER.count(",") - 3) + folder)
    sys.exit(0)
lat = s["latencyMs"]
start = s.get("sendPhaseStartedAt")
samples = [tuple(map(float, line.split())) for line in open(f"{folder}/cpu-samples.txt") if len(line.split()) == 3]
server_cores = gen_cores = server_us = gen_us = ""
if start and samples:
    t0 = datetime.fromisoformat(start.replace("Z", "+00:00")).timestamp() * 1000
    t1 = t0 + s["sendPhaseSeconds"] * 1000
    window = [x for x in samples if t0 <= x[0] <= t1]
    if len(window) >= 2:
        wall = (window[-1][0] - window[0][0]) / 1000
        srv = (window[-1][1] - window[0][1]) / hz
        gen = (window[-1][2] - window[0][2]) / hz
        delivered = s["deliveriesPerSecond"] * wall
        server_cores, gen_cores = f"{srv / wall:.2f}", f"{gen / wall:.2f}"
        if delivered > 0:
            server_us, gen_us = f"{srv * 1e6 / delivered:.1f}", f"{gen * 1e6 / delivered:.1f}"
try:
    load1 = open(f"{folder}/loadavg.txt").read().strip()
except OSError:
    load1 = ""
fmt = lambda v: "" if v is None else f"{v:.1f}"
stalls = s.get("generatorStalls") or {}
print(f"{server},{rate},{run},{fmt(lat['p50'])},{fmt(lat['p99'])},{fmt(lat['p99_9'])},{fmt(lat['max'])},"
      f"{s['deliveries']['lost']},{s['deliveriesPerSecond']:.0f},{server_cores},{gen_cores},{server_us},{gen_us},"
      f"{stalls.get('count', '')},{fmt(stalls.get('maxMs'))},{load1},{folder}")
