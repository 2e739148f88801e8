"""Where a server's CPU samples went, from async-profiler's collapsed stacks (recorded with its `threads` option, so
each stack starts with its thread): one row per kind of work, its samples and its share of all samples.

    stack_shares.py CPU.collapsed [CPU.collapsed ...]

Each stack counts once, for the first rule below that matches it (thread rules first, then frames, the innermost
work first). Why this and not JFR's execution samples: JFR samples Java frames only, so the kernel's time in a
socket write, the largest part of a fan-out, does not show there at all; async-profiler's itimer samples do."""
import re
import sys

# (kind, pattern): the pattern is searched in the whole stack, frames joined by ';', thread first
RULES = [
    ("JIT compiler threads", r"^\[C[12] CompilerThre"),
    ("GC threads", r"^\[(GC Thread|G1 |VM Thread)"),
    ("socket write (writev, kernel included)", r";writev|SocketDispatcher\.writev"),
    ("socket read (kernel included)", r";readv?;|SocketDispatcher\.read"),
    ("database (H2)", r"org/h2/|org\.h2\."),
    ("JSON (Jackson)", r"com/fasterxml/jackson|com\.fasterxml\.jackson"),
    ("selector wake-ups (epoll)", r"epoll_wait|epoll_ctl|ManagedSelector"),
    ("thread parking and waking (futex)", r"futex|LockSupport\.(un)?park"),
]
OTHER = "other Java work (decoding, rooms, queues, callbacks)"


def shares(path):
    counts = {kind: 0 for kind, _ in RULES}
    counts[OTHER] = 0
    for line in open(path):
        stack, _, n = line.rstrip("\n").rpartition(" ")
        if not n.isdigit():
            continue
        kind = next((k for k, p in RULES if re.search(p, stack)), OTHER)
        counts[kind] += int(n)
    return counts


def main(paths):
    tables = [(p, shares(p)) for p in paths]
    kinds = [k for k, _ in RULES] + [OTHER]
    print("| work | " + " | ".join(f"{p} (samples, share)" for p, _ in tables) + " |")
    print("|---|" + "---|" * len(tables))
    for kind in kinds:
        cells = []
        for _, c in tables:
            total = sum(c.values()) or 1
            cells.append(f"{c[kind]} ({100 * c[kind] / total:.1f}%)")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print("| all | " + " | ".join(str(sum(c.values())) for _, c in tables) + " |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1:])
