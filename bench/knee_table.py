"""Markdown results of a knee run: every step, the knee of each server, the ratios of the knees (reference/node,
reference/ceiling), the CPU per delivery at each rate, and the connection storms when a storm.csv is given."""
import csv
import statistics
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
limit = float(sys.argv[2])
machine = open(sys.argv[3]).read().strip() if len(sys.argv) > 3 else ""
storm_rows = list(csv.DictReader(open(sys.argv[4]))) if len(sys.argv) > 4 else []


def clean(r):
    return r["p99_ms"] != "" and float(r["p99_ms"]) <= limit and r["lost"] == "0"


print("```\n" + machine + "\n```\n")
print("| server | msg/s | run | p50 ms | p99 ms | p99.9 ms | max ms | lost | deliveries/s | server CPU (cores) "
      "| generator CPU (cores) | server µs/delivery | generator µs/delivery | generator stalls >= 10 ms "
      "| longest generator stall ms | load avg at start |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['server']} | {r['rate']} | {r['run']} | {r['p50_ms']} | {r['p99_ms']} | {r['p999_ms']} | {r['max_ms']} "
          f"| {r['lost']} | {r['deliveries_per_s']} | {r['server_cpu_cores']} | {r['generator_cpu_cores']} "
          f"| {r['server_us_per_delivery']} | {r['generator_us_per_delivery']} | {r.get('generator_stalls', '')} "
          f"| {r.get('generator_stall_max_ms', '')} | {r.get('load1_at_start', '')} |")

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
for base in ("node", "ceiling"):
    if "reference" in knees and knees.get(base):
        print(f"- knee ratio reference / {base}: {knees['reference'] / knees[base]:.2f}")
    elif "reference" in knees and base in knees:
        print(f"- knee ratio reference / {base}: undefined ({base} has no clean step)")


def median(rs, column):
    values = [float(r[column]) for r in rs if r[column]]
    return statistics.median(values) if values else None


def num(v):
    return "" if v is None else f"{v:.1f}"


servers = list(by_server)
rates = sorted({rate for steps in by_server.values() for rate in steps})
print()
print("CPU per delivery at each rate (median of the runs; µs of CPU over the measured phase per delivery made):")
print()
print("| msg/s | " + " | ".join(f"{s} server µs" for s in servers) + " | reference / ceiling | "
      + " | ".join(f"generator µs vs {s}" for s in servers) + " |")
print("|---" * (1 + 2 * len(servers) + 1) + "|")
for rate in rates:
    srv = {s: median(by_server[s].get(rate, []), "server_us_per_delivery") for s in servers}
    gen = {s: median(by_server[s].get(rate, []), "generator_us_per_delivery") for s in servers}
    ratio = (f"{srv['reference'] / srv['ceiling']:.2f}"
             if srv.get("reference") and srv.get("ceiling") else "")
    print(f"| {rate:g} | " + " | ".join(num(srv[s]) for s in servers) + f" | {ratio} | "
          + " | ".join(num(gen[s]) for s in servers) + " |")

if storm_rows:
    print()
    print("Connection storms (`load connections`; CPU per connect over the storm's window, from /proc):")
    print()
    print("| server | sockets | connects/s asked | run | connected | failed | connect p50 ms | connect p99 ms "
          "| connect max ms | server µs/connect | generator µs/connect | listen drops | SYN retransmits "
          "| load avg at start |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in storm_rows:
        print(f"| {r['server']} | {r['sockets']} | {r['rate']} | {r['run']} | {r['connected']} | {r['failed']} "
              f"| {r['connect_p50_ms']} | {r['connect_p99_ms']} | {r['connect_max_ms']} | {r['server_us_per_connect']} "
              f"| {r['generator_us_per_connect']} | {r.get('listen_drops', '')} | {r.get('syn_retransmits', '')} "
              f"| {r['load1_at_start']} |")
    p99 = defaultdict(list)
    for r in storm_rows:
        if r["connect_p99_ms"]:
            p99[r["server"]].append(float(r["connect_p99_ms"]))
    print()
    for server, values in p99.items():
        print(f"- storm connect p99 of {server}: worst run {max(values):.0f} ms")
    if p99.get("reference") and p99.get("node"):
        print(f"- storm p99 ratio reference / node (worst runs): {max(p99['reference']) / max(p99['node']):.2f}")
