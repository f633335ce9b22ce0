#!/usr/bin/env python3
"""psw-sample.py: where does the CP spend its time?  A sampling profiler.

Boots ZCP under Hercules (the test harness), LOADRDRs a guest deck to a
user, XAUTOLOGs it, and between two of the guest's console lines sends the
Hercules panel command `psw` every INTERVAL seconds.  Each answer is the
real CPU's PSW; its address is looked up in build/zcp.elf's symbols.  While
a guest runs under SIE the real PSW stays at the SIE instruction
(`sie_instr`), so the share of samples there is the guest's share, and the
rest is the CP's, by function.

    tools/psw-sample.py build/guests/benchdiag.deck \\
        --waits 'BENCHDIAG \w+ READY' --go 'send testg1 go' \\
        --start 'BENCHDIAG D08 READY' --stop 'BENCHDIAG \w+ READY'

(g_benchdiag waits for a console line before each phase: --waits names the
guest lines after which it waits, --go the console command that lets it
go on; the sampling starts with the first --start line and ends at the
next --stop line.)

Samples are taken at whatever moment the panel thread runs, so only the
shares mean something (and only with a few thousand samples); the panel
commands themselves cost Hercules a little host time, never guest time.

--trace SECONDS counts instructions instead: from the --start line it turns
Hercules' instruction tracing on (panel `t+`) for SECONDS and counts the
CP's traced instructions by function (guest instructions under SIE are not
traced).  With --path FUNC it also prints one CP round trip, from a SIE
exit to the next SIE entry, that runs FUNC, as a sequence of functions and
instruction counts:

    tools/psw-sample.py build/guests/benchdiag.deck --waits 'BENCHDIAG \w+ READY' \
        --go 'send testg1 go' --start 'BENCHDIAG D08 READY' --stop x \
        --trace 20 --path diag_x08

Tracing slows Hercules a thousandfold, so every 20 ms slice ends after a
few intercepts and timer and dispatcher work look far bigger than they are
in the counts by function; the round trip is exact.
"""
import argparse
import bisect
import collections
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "harness"))
from zcp import BUILD, Zcp   # noqa: E402

PSW = re.compile(r"PSW=([0-9A-F]{8}) ?([0-9A-F]{8}) ([0-9A-F]{16})")
TRACED = re.compile(r"^PSW=[0-9A-F]{8} [0-9A-F]{8} ([0-9A-F]{16}) INST=")


def symbols(elf):
    """Sorted (address, name) of the text symbols of elf."""
    out = subprocess.run(["s390x-linux-gnu-nm", "-n", str(elf)], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    return syms


def function(syms, addrs, addr):
    """The name of the function addr is in."""
    i = bisect.bisect_right(addrs, addr) - 1
    return syms[i][1] if i >= 0 else "?"


def shares(hits, top, none, what):
    """Print each function's share of hits, the largest first; the total."""
    total = sum(hits.values())
    if not total:
        sys.exit(f"psw-sample: {none}")
    print(f"{total} {what}")
    for name, n in hits.most_common(top):
        print(f"{100 * n / total:6.2f}% {n:7d}  {name}")
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("deck", type=Path)
    ap.add_argument("--user", default="TESTG1")
    ap.add_argument("--start", required=True, help="regex: the guest line sampling starts at")
    ap.add_argument("--stop", required=True, help="regex: the guest line it stops at")
    ap.add_argument("--waits", help="regex: guest lines after which it waits for --go")
    ap.add_argument("--go", help="console command that lets the guest go on (e.g. SEND)")
    ap.add_argument("--interval", type=float, default=0.0005)
    ap.add_argument("--max", type=int, default=20000, help="at most this many samples")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--addrs", action="store_true", help="also the most sampled addresses")
    ap.add_argument("--uservol", action="store_true", help="attach the user volume ZCPT01 too")
    ap.add_argument("--trace", type=float, help="count traced instructions for this many seconds")
    ap.add_argument("--path", help="with --trace: show one SIE round trip that runs this function")
    args = ap.parse_args()

    syms = symbols(BUILD / "zcp.elf")
    addrs = [a for a, _ in syms]
    prefix = f"{args.user:<8}: "
    with Zcp(name="psw-sample", deck=False, resvol=True, readers={"000D": args.deck.resolve()},
             deadline=1200, uservol=args.uservol) as z:
        if not z.ipl("0a80"):
            sys.exit("psw-sample: ZCP did not come up")
        m = z.ask(f"loadrdr 00d {args.user}", rf"^RDR FILE \d+ SENT TO {args.user} |^HCP.*")
        if not m or m.group(0).startswith("HCP"):
            sys.exit(f"psw-sample: LOADRDR failed: {m.group(0) if m else 'no answer'}")
        z.console(f"xautolog {args.user}")
        waits = re.compile(prefix + args.waits) if args.waits else None
        while True:
            m = z.wait_for(prefix + (f"({args.start}|{args.waits})" if waits else args.start), 600)
            if not m:
                sys.exit("psw-sample: no start line")
            started = re.search(prefix + args.start, z.last.text)
            if waits and waits.search(z.last.text):
                time.sleep(0.3)         # the guest is in its console read by then
                z.console(args.go)
            if started:
                break
        if args.trace:
            time.sleep(0.1)             # CP takes the --go command at full speed
            start = z.mark()
            z.panel("t+")
            time.sleep(args.trace)
            z.panel("t-")
            time.sleep(2)
            return traced(z.texts(start), syms, addrs, args)
        begin = seen = z.mark()
        stop = re.compile(prefix + args.stop)
        sent = 0
        lines = []
        # One command at a time: the next goes when the last one's PSW came
        # back, so commands never queue up in Hercules' panel thread.
        while sent < args.max:
            z.panel("psw")
            sent += 1
            m = z.wait_for(r"^PSW=", 5)
            if not m:
                break
            time.sleep(args.interval)
            new = z.texts(seen)
            seen += len(new)
            lines += new
            if any(stop.search(t) for t in new):
                break
            if sent % 1000 == 0:
                print(f"{sent} samples", file=sys.stderr, flush=True)
    hits = collections.Counter()
    at = collections.Counter()
    for text in lines:
        m = PSW.search(text)
        if not m:
            continue
        addr = int(m.group(3), 16)
        hits[function(syms, addrs, addr)] += 1
        at[addr] += 1
    total = shares(hits, args.top, "no PSW lines came back", f"samples ({sent} sent)")
    if args.addrs:
        print("addresses:")
        for addr, n in at.most_common(args.top):
            i = bisect.bisect_right(addrs, addr) - 1
            where = f"{syms[i][1]}+{addr - syms[i][0]:X}" if i >= 0 else "?"
            print(f"{100 * n / total:6.2f}% {n:6d}  {addr:X} {where}")


def traced(lines, syms, addrs, args):
    """Count traced instructions by function; print one round trip."""
    runs = []                           # [function, instructions in a row]
    for text in lines:
        m = TRACED.match(text)
        if not m:
            continue
        name = function(syms, addrs, int(m.group(1), 16))
        if runs and runs[-1][0] == name:
            runs[-1][1] += 1
        else:
            runs.append([name, 1])
    hits = collections.Counter()
    for name, n in runs:
        hits[name] += n
    shares(hits, args.top, "no traced instructions came back", "instructions traced")
    if args.path:
        entries = [k for k, (name, _) in enumerate(runs) if name == "sie_run"]
        trips = [(a, b) for a, b in zip(entries, entries[1:])
                 if any(name == args.path for name, _ in runs[a:b])]
        if not trips:
            sys.exit(f"psw-sample: no whole round trip runs {args.path}: trace longer")
        a, b = trips[len(trips) // 2]
        trip = runs[a + 1:b + 1]
        print(f"one round trip through {args.path} ({len(trips)} traced): "
              f"{sum(n for _, n in trip)} instructions")
        print(" ".join(f"{name} {n}" for name, n in trip))


if __name__ == "__main__":
    main()
