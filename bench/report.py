#!/usr/bin/env python3
"""report.py - the one table of bench/run.sh, from rtm_bench's outputs.

    report.py INFO NATIVE WINE

INFO: lines about the run, printed first. NATIVE, WINE: rtm_bench's
output (lines "IMPL OP VALUE UNIT ..."; see bench/bench.h) of the native
build (with the DPDK peers) and of the x86_64 Windows build under Wine
(may be empty). Prints each operation with rtm native, rtm under Wine,
rte_lpm and rte_rib, the ratios, and the issue's targets with PASS/MISS.
"""
import sys

# (operation, what it is); the unit comes from the output.
ROWS = [
    ("add.v4", "add a route, IPv4 (entity 1: new destinations)"),
    ("add.v6", "add a route, IPv6"),
    ("add.v4.second", "add a route, IPv4, entity 2 (worse preference)"),
    ("add.v6.second", "add a route, IPv6, entity 2"),
    ("lpm.v4", "longest match (+ release), random IPv4"),
    ("lpm.v6", "longest match (+ release), IPv6"),
    ("lpm.v4.hits", "  of which found a prefix, IPv4"),
    ("lpm.v6.hits", "  of which found a prefix, IPv6"),
    ("exact.v4", "exact match (+ release), IPv4, random order"),
    ("exact.v6", "exact match (+ release), IPv6, random order"),
    ("delete.v4", "delete, IPv4 (rtm: both entities' routes)"),
    ("delete.v6", "delete, IPv6"),
    ("conc.1thread", "1 look-up thread, writer 1%/s"),
    ("conc.2threads", "2 look-up threads, writer 1%/s"),
    ("conc.2/1", "  2 threads / 1 thread"),
    ("add.v4.notify", "add, IPv4, a notification registered"),
    ("notify.v4.drain", "drain change notifications, IPv4"),
    ("add.v6.notify", "add, IPv6, a notification registered"),
    ("notify.v6.drain", "drain change notifications, IPv6"),
    ("mem.v4", "memory, IPv4, process peak"),
    ("mem.v6", "memory, IPv6, process peak"),
    ("mem", "memory, IPv4 + IPv6, process peak"),
    ("heap.v4", "memory, IPv4, DPDK heap (as configured)"),
    ("heap.v6", "memory, IPv6, DPDK heap (as configured)"),
    ("mem.second", "memory of entity 2's routes, process peak"),
]


def parse(path):
    """{impl: {op: (value, unit)}} from an rtm_bench output."""
    data = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                cols = line.split()
                if len(cols) < 4:
                    continue
                try:
                    value = float(cols[2])
                except ValueError:
                    continue
                data.setdefault(cols[0], {})[cols[1]] = (value, cols[3])
    except OSError:
        pass
    return data


def get(data, impl, op):
    entry = data.get(impl, {}).get(op)
    return entry[0] if entry else None


def fmt(v):
    if v is None:
        return "-"
    if v == int(v) and abs(v) < 1e6:
        return str(int(v))
    if abs(v) >= 1e6:
        return f"{v / 1e6:.2f}M"
    if abs(v) >= 100:
        return f"{v:.0f}"
    return f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def ratio(a, b):
    return a / b if a is not None and b else None


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: report.py INFO NATIVE WINE")
    with open(sys.argv[1], encoding="utf-8") as f:
        info = f.read().rstrip("\n")
    native, wine = parse(sys.argv[2]), parse(sys.argv[3])

    print(info)
    n4, n6 = get(native, "bench", "prefixes.v4"), get(native, "bench", "prefixes.v6")
    print(f"prefixes: {fmt(n4)} IPv4, {fmt(n6)} IPv6 (rte_lpm/rte_rib: rte_lpm6/rte_rib6 for IPv6)")
    print()
    head = ("operation", "unit", "rtm", "rtm Wine", "Wine/nat", "rte_lpm", "rte_rib",
            "rtm/lpm", "rib/rtm")
    line = "{:<47} {:<10} {:>9} {:>9} {:>8} {:>9} {:>9} {:>8} {:>8}"
    print(line.format(*head))
    print("-" * 125)
    for op, what in ROWS:
        unit = next((d[op][1] for d in (native.get("rtm", {}), native.get("rte_lpm", {}),
                                        native.get("rte_rib", {})) if op in d), None)
        if unit is None:
            continue
        rtm, rtm_wine = get(native, "rtm", op), get(wine, "rtm", op)
        lpm, rib = get(native, "rte_lpm", op), get(native, "rte_rib", op)
        timed = unit in ("ns/op", "ns/dest")
        print(line.format(what, unit, fmt(rtm), fmt(rtm_wine),
                          fmt(ratio(rtm_wine, rtm)) if timed or unit.startswith("B/") else "",
                          fmt(lpm), fmt(rib),
                          fmt(ratio(rtm, lpm)) if timed else "",
                          fmt(ratio(rib, rtm)) if timed else ""))
    mismatch4 = get(native, "check", "lpm.v4")
    mismatch6 = get(native, "check", "lpm.v6")
    print()
    print(f"cross-check (rtm's longest match = rte_lpm's): {fmt(mismatch4)} IPv4 and "
          f"{fmt(mismatch6)} IPv6 mismatches")
    print(f"failed RTMv2 calls: native {fmt(get(native, 'bench', 'failures'))}, "
          f"Wine {fmt(get(wine, 'bench', 'failures'))}")

    lpm4 = get(native, "rtm", "lpm.v4")
    targets = [
        ("longest match: rtm / rte_lpm", ratio(lpm4, get(native, "rte_lpm", "lpm.v4")), "<=", 10),
        ("longest match: rte_rib / rtm", ratio(get(native, "rte_rib", "lpm.v4"), lpm4), ">=", 3),
        ("add: rtm / rte_rib insert", ratio(get(native, "rtm", "add.v4"),
                                           get(native, "rte_rib", "add.v4")), "<=", 3),
        ("bytes per destination (one route)", get(native, "rtm", "mem"), "<=", 200),
        ("longest match: Wine / native", ratio(get(wine, "rtm", "lpm.v4"), lpm4), "<=", 1.3),
        ("look-ups: 2 threads / 1 thread", get(native, "rtm", "conc.2/1"), ">=", 1.8),
        ("cross-check mismatches",
         None if mismatch4 is None else mismatch4 + (mismatch6 or 0), "<=", 0),
    ]
    print()
    print("targets (IPv4, native unless said)")
    for name, value, op, limit in targets:
        if value is None:
            verdict = "n/a"
        elif (value <= limit) if op == "<=" else (value >= limit):
            verdict = "PASS"
        else:
            verdict = "MISS"
        print(f"  {name:<38} {fmt(value):>9}   {op} {limit:<5} {verdict}")


if __name__ == "__main__":
    main()
