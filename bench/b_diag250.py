#!/usr/bin/env python3
"""DIAG X'250' 4 KiB block reads: the guest tests/guests/g_bench250.c under
ZCP (TESTG1's 0191, a 3390 minidisk on ZCPT01) over the same deck run
directly on Hercules (an FBA 9336 at 0191: Hercules 3.13 implements DIAG
X'250' itself, for FBA devices only).  The guest runs five rounds of five
phases: a BRCTG loop, synchronous reads of 20000 blocks with one BIOE a
request, 8 and 64, and asynchronous reads of 2000 blocks (8 BIOEs a
request, each waited for through its X'2603' interruption).  It waits for a console line before
each phase; a phase's cost is the CPU time Hercules spent on it, read
while the guest waits (not the wall clock: on the loaded shared host that
counts other programs' time, and moved by a factor of ten from one run to
the next).  Synchronous phases: the CPU time of Hercules' busiest thread
(the CPU thread) from /proc/PID/task/TID/schedstat, in nanoseconds; the
asynchronous phase: the CPU time of the whole process (/proc/PID/stat,
clock ticks; bare Hercules does an asynchronous request in a thread of its
own).  Medians of the five rounds.

  diag250_read_ratio_bare      one-block requests, ZCP / bare (target <= 2.0)
  diag250_read_ratio_bare_8    8 blocks a request
  diag250_read_ratio_bare_64   64 blocks a request
  diag250_read_ratio_bare_async8  asynchronous, 8 blocks a request
  diag250_read_us_*            microseconds of CPU a block
  diag250_read_norm_ratio_*    the same ratios with each round's time counted
                               in its own guest loop iterations
  diag250_read_loops_*         a block in loop iterations of its round
  diag250_wall_us_*            the guest's own TOD time a block (informative)
The ZCP and bare runs alternate."""
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, Zcp

DECK = BUILD / "guests" / "bench250.deck"
REPEAT = 1              # ZCP/bare pairs; each run has five rounds
PHASES = ("P1", "P8", "P64", "A8")
TICK = os.sysconf("SC_CLK_TCK")


class Bare(Zcp):
    """Hercules with the bench deck on 000C and an FBA disk on 0191."""

    def _devices(self):
        fba = self.dir / "bench.fba"
        subprocess.run(["dasdinit", str(fba), "9336", "BENCH", "8000"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [f"000C 3505 {DECK} ebcdic autopad eof", f"0191 9336 {fba}"]


def cpu_now(pid):
    """(ns of CPU of each thread, process CPU seconds with exited threads)."""
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            threads[tid] = int(Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2:].split()
    return threads, (int(fields[11]) + int(fields[12])) / TICK


def measure(z, prefix, go):
    """[{phase: (n, busiest-thread seconds, process seconds, wall us)}] a round."""
    rounds, cur, last, wall = [], {}, None, {}
    while True:
        m = z.wait_for(rf"{prefix}BENCH250 (?:(\w+) READY (\d+)|END (\w+) (\d+) (\d+)|(FAILED.*))$",
                       900)
        if not m or m.group(6):
            sys.exit(f"b_diag250: {m.group(6) if m else 'the guest stopped'}")
        if m.group(3):                          # END name bad usec
            if m.group(4) != "0":
                sys.exit(f"b_diag250: {m.group(4)} requests of {m.group(3)} failed")
            wall[m.group(3)] = int(m.group(5))
            continue
        time.sleep(0.3)                         # the guest is in its console read by now
        now = cpu_now(z.proc.pid)
        if last:
            name, n, (threads, proc) = last
            busy = max(t - threads.get(tid, 0) for tid, t in now[0].items()) / 1e9
            cur[name] = (n, busy, now[1] - proc)
            print(f"# {prefix or 'bare '}{name}: {busy / n * 1e9:.0f} ns a block (CPU), "
                  f"{(now[1] - proc) / n * 1e9:.0f} (process)", file=sys.stderr, flush=True)
            if name == "A8":
                for k in cur:
                    cur[k] += (wall.get(k, 0),)
                rounds.append(cur)
                cur = {}
        name, n = m.group(1), int(m.group(2))
        if name == "DONE":
            if n:
                sys.exit(f"b_diag250: {n} requests failed")
            return rounds
        if name == "LOOP":
            wall = {}
        last = (name, n, now)
        z.console(go)


def bare_run():
    with Bare(name="b_diag250_bare", deck=False, deadline=3600) as z:
        # Hercules rejects an IPL sent before its CPU thread has settled.
        for _ in range(100):
            z.panel("ipl 00c")
            m = z.wait_for(r"BENCH250 BEGIN|HHCPN053E ipl rejected", 60)
            if not m or not m.group(0).startswith("HHCPN053E"):
                break
            time.sleep(0.05)
        return measure(z, "", "go")


def zcp_run():
    with Zcp(name="b_diag250_zcp", deck=False, resvol=True, uservol=True,
             readers={"000D": DECK}, deadline=3600) as z:
        if not z.ipl("0a80"):
            sys.exit("b_diag250: ZCP did not come up")
        z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO ")
        z.console("xautolog testg1")
        return measure(z, "TESTG1  : ", "send testg1 go")


def per_block(rounds, name, k):
    """Median over the rounds of field k (1 busiest thread, 2 process, 3
    wall us) a block of phase name; k 1 normalized by the round's loop."""
    return statistics.median(r[name][k] / r[name][0] for r in rounds)


def main():
    zcp, bare = [], []
    for _ in range(REPEAT):
        zcp += zcp_run()
        bare += bare_run()
    for r in zcp + bare:
        print("# round: " + ", ".join(f"{k} {v[1] / v[0] * 1e9:.0f} ns" for k, v in r.items()),
              flush=True)
    for name in PHASES:
        k = 2 if name == "A8" else 1
        z, b = per_block(zcp, name, k), per_block(bare, name, k)
        zn = statistics.median(r[name][k] / r[name][0] / (r["LOOP"][1] / r["LOOP"][0]) for r in zcp)
        bn = statistics.median(r[name][k] / r[name][0] / (r["LOOP"][1] / r["LOOP"][0]) for r in bare)
        tail = {"P1": "", "P8": "_8", "P64": "_64", "A8": "_async8"}[name]
        print(f"BENCH diag250_read_us_zcp{tail}={z * 1e6:.2f} us")
        print(f"BENCH diag250_read_us_bare{tail}={b * 1e6:.2f} us")
        print(f"BENCH diag250_read_ratio_bare{tail}={z / b:.2f} x")
        print(f"BENCH diag250_read_norm_ratio_bare{tail}={zn / bn:.2f} x")
        # One block in loop iterations of its own round and run: the
        # cost in plain guest instructions on each side (as b_diag.py's
        # equiv_instr), which the host's speed of the moment divides out.
        print(f"BENCH diag250_read_loops_zcp{tail}={zn:.0f} loop instr")
        print(f"BENCH diag250_read_loops_bare{tail}={bn:.0f} loop instr")
        zw, bw = per_block(zcp, name, 3), per_block(bare, name, 3)
        print(f"BENCH diag250_wall_us_zcp{tail}={zw:.2f} us")
        print(f"BENCH diag250_wall_us_bare{tail}={bw:.2f} us")
    loop = lambda rs: statistics.median(r["LOOP"][1] / r["LOOP"][0] for r in rs) * 1e9
    print(f"BENCH diag250_loop_ns_zcp={loop(zcp):.2f} ns")
    print(f"BENCH diag250_loop_ns_bare={loop(bare):.2f} ns")


if __name__ == "__main__":
    main()
