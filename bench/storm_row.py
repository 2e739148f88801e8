"""One CSV row for a connection storm: connect latency from fanout-summary.json, and the CPU both processes spent
on the storm. The storm's window runs from the last sample before the first TCP connection to the server's port
until the ramp's end plus the slowest connect (by then every socket that connects has connected); CPU per connect
is the CPU in that window over the sockets connected. Listen drops and SYN retransmissions are this machine's
counters over the whole storm: connects the server's full accept queue dropped, and the clients' retransmitted
handshakes, each of which costs its connect a second or more.

  storm_row.py --header          the CSV header
  storm_row.py SERVER SOCKETS RATE RUN FOLDER CLK_TCK"""
import json
import sys

HEADER = ("server,sockets,rate,run,connected,failed,connect_p50_ms,connect_p99_ms,connect_max_ms,"
          "server_us_per_connect,generator_us_per_connect,listen_drops,syn_retransmits,load1_at_start,dir")
if sys.argv[1:] == ["--header"]:
    print(HEADER)
    sys.exit(0)

server, sockets, rate, run, folder, hz = sys.argv[1:6] + [float(sys.argv[6])]
try:
    s = json.load(open(f"{folder}/fanout-summary.json"))
except (OSError, ValueError):
    print(f"{server},{sockets},{rate},{run},,,,,,,,,,,{folder}")
    sys.exit(0)
c = s["connections"]
lat = c["connectLatencyMs"]
samples = [tuple(map(float, line.split())) for line in open(f"{folder}/storm-samples.txt") if len(line.split()) == 4]
server_us = gen_us = ""
started = [i for i, x in enumerate(samples) if x[3] > 5]
if started and lat["max"] is not None and c["connected"] > 0:
    first = max(0, started[0] - 1)
    t0 = samples[first][0]
    t1 = t0 + int(sockets) * 1000.0 / float(rate) + lat["max"]
    window = [x for x in samples[first:] if x[0] <= t1 + 250]
    if len(window) >= 2:
        srv = (window[-1][1] - window[0][1]) / hz
        gen = (window[-1][2] - window[0][2]) / hz
        server_us, gen_us = f"{srv * 1e6 / c['connected']:.0f}", f"{gen * 1e6 / c['connected']:.0f}"
try:
    before, after = (list(map(int, open(f"{folder}/tcp-drops-{when}.txt").read().split())) for when in ("before", "after"))
    listen_drops, syn_retransmits = after[0] - before[0], after[1] - before[1]
except (OSError, ValueError, IndexError):
    listen_drops = syn_retransmits = ""
try:
    load1 = open(f"{folder}/loadavg.txt").read().strip()
except OSError:
    load1 = ""
fmt = lambda v: "" if v is None else f"{v:.0f}"
print(f"{server},{sockets},{rate},{run},{c['connected']},{c['failed']},{fmt(lat['p50'])},{fmt(lat['p99'])},"
      f"{fmt(lat['max'])},{server_us},{gen_us},{listen_drops},{syn_retransmits},{load1},{folder}")
