"""Markdown results of a knee run: every step, the knee of each server, and the ratio of the knees."""
import csv
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
limit = float(sys.argv[2])
machine = open(sys.argv[3]).read().strip() if len(sys.argv) > 3 else ""


def clean(r):
    return r["p99_ms"] != "" and float(r["p99_ms"]) <= limit and r["lost"] == "0"


print("```\n" + machine + "\n```\n")
print("| server | msg/s | run | p50 ms | p99 ms | p99.9 ms | max ms | lost | deliveries/s | server CPU (cores) "
      "| generator CPU (cores) | server µs/delivery | generator µs/delivery | load avg at start |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['server']} | {r['rate']} | {r['run']} | {r['p50_ms']} | {r['p99_ms']} | {r['p999_ms']} | {r['max_ms']} "
          f"| {r['lost']} | {r['deliveries_per_s']} | {r['server_cpu_cores']} | {r['generator_cpu_cores']} "
          f"| {r['server_us_per_delivery']} | {r['generator_us_per_delivery']} | {r.get('load1_at_start', '')} |")

by_server = defaultdict(lambda: defaultdict(list))
for r in rows:
    by_server[r["server"]][float(r["rate"])].append(r)
knees = {}
for server, steps in by_server.items():
    knee = 0.0
    for rate in sorted(steps):
        if all(clean(r) for r in steps[rate]):
            knee = rate
    knees[server] = knee
print()
for server, knee in knees.items():
    print(f"- knee of {server}: {knee:g} msg/s (highest rate whose every run had p99 <= {limit:g} ms and nothing lost)")
if knees.get("reference") and knees.get("node"):
    print(f"- ratio reference / node: {knees['reference'] / knees['node']:.2f}")
