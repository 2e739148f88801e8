#!/usr/bin/env python3
"""The A/B scripts' report of fan-out turns (generator-ab.sh, server-ab.sh): the run's machine.txt, one table row per
turn from steps.csv (step_row.py's columns, and server_stops when the script recorded the server JVM's pauses),
then the medians per entry (a build of the generator, or of the server).

    ab_summary.py STEPS_CSV MACHINE_TXT ENTRY_TITLE"""
import csv
import statistics
import sys


def main():
    rows = list(csv.DictReader(open(sys.argv[1])))
    title = sys.argv[3]
    stops = bool(rows) and "server_stops" in rows[0]
    print("```\n" + open(sys.argv[2]).read().strip() + "\n```\n")
    head = [title, "run", "p99 ms", "p99.9 ms", "lost", "deliveries/s", "server µs/delivery", "generator µs/delivery",
            "generator stalls"] + (["server JVM stops in the send phase"] if stops else []) + ["load avg"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        cells = [r["server"], r["run"], r["p99_ms"], r["p999_ms"], r["lost"], r["deliveries_per_s"],
                 r["server_us_per_delivery"], r["generator_us_per_delivery"], r["generator_stalls"]]
        cells += [r["server_stops"]] if stops else []
        print("| " + " | ".join(cells + [r["load1_at_start"]]) + " |")
    print()
    for name in dict.fromkeys(r["server"] for r in rows):
        def median(column):
            values = [float(r[column]) for r in rows if r["server"] == name and r[column]]
            return f"{statistics.median(values):.1f}" if values else "-"
        print(f"- {name}: p99 {median('p99_ms')} ms, server {median('server_us_per_delivery')} µs per delivery, "
              f"generator {median('generator_us_per_delivery')} µs per delivery (medians)")


if __name__ == "__main__":
    main()
