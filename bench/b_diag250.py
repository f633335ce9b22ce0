#!/usr/bin/env python3
"""DIAG X'250' 4 KiB block reads: the guest tests/guests/g_bench250.c under
ZCP (TESTG1's 0191, a 3390 minidisk on ZCPT01) over the same deck run
directly on Hercules (an FBA 9336 at 0191: Hercules 3.13 implements DIAG
X'250' itself, for FBA devices only).  Three phases: one BIOE a request,
8, and 64, each BLOCKS blocks; the guest times each phase by the TOD clock
and prints it (CP may hold a disconnected guest's console lines back while
the guest keeps the CPU busy, so the line stamps cannot time a phase; the
TOD's drift under SIE, about 1 us an intercept, counts against ZCP);
medians of REPEAT runs.

  diag250_read_ratio_bare      one-block requests, ZCP / bare (target <= 2.0)
  diag250_read_ratio_bare_8    8 blocks a request
  diag250_read_ratio_bare_64   64 blocks a request
  diag250_read_us_*            microseconds a block
  diag250_read_norm_ratio_*    the same ratios with each run's time counted in
                               its own guest loop instructions (a BRCTG loop
                               timed before and after the phases): the shared
                               host's load, which moves plain times by a
                               factor of ten here, divides out
The ZCP and bare runs alternate."""
import statistics
import subprocess
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, Zcp

DECK = BUILD / "guests" / "bench250.deck"
REPEAT = 3
PHASES = (1, 8, 64)
BLOCKS = 20000          # g_bench250.c's BLOCKS: blocks read in each phase


class Bare(Zcp):
    """Hercules with the bench deck on 000C and an FBA disk on 0191."""

    def _devices(self):
        fba = self.dir / "bench.fba"
        subprocess.run(["dasdinit", str(fba), "9336", "BENCH", "8000"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [f"000C 3505 {DECK} ebcdic autopad eof", f"0191 9336 {fba}"]


def loop_us(z, prefix):
    m = z.wait_for(rf"{prefix}BENCH250 (LOOP (\d+) (\d+)|FAILED.*)$", 300)
    if not m or not m.group(2):
        sys.exit(f"b_diag250: no loop timing ({m.group(0) if m else 'nothing'})")
    return int(m.group(3)) / int(m.group(2))      # microseconds an iteration


def measure(z, prefix):
    """Seconds of each phase, in PHASES order, then the microseconds of one
    loop iteration (the mean of the two loop phases)."""
    times = []
    loop0 = loop_us(z, prefix)
    for n in PHASES:
        start = z.wait_for(rf"{prefix}BENCH250 (START {n}|FAILED.*)$", 300)
        if not start or "FAILED" in start.group(0):
            sys.exit(f"b_diag250: phase {n} did not start ({start.group(0) if start else 'nothing'})")
        end = z.wait_for(rf"{prefix}BENCH250 (END {n} (\d+) (\d+) (\d+)|FAILED.*)$", 600)
        if not end or not end.group(2) or end.group(3) != "0":
            sys.exit(f"b_diag250: phase {n} did not finish cleanly ({end.group(0) if end else 'no END'})")
        times.append(int(end.group(4)) / 1e6)
    times.append((loop0 + loop_us(z, prefix)) / 2)
    return times


def bare_s():
    with Bare(name="b_diag250_bare", deck=False) as z:
        # Hercules rejects an IPL sent before its CPU thread has settled.
        for _ in range(100):
            z.panel("ipl 00c")
            m = z.wait_for(r"BENCH250 BEGIN|HHCPN053E ipl rejected", 60)
            if not m or not m.group(0).startswith("HHCPN053E"):
                break
            time.sleep(0.05)
        return measure(z, "")


def zcp_s():
    with Zcp(name="b_diag250_zcp", deck=False, resvol=True, uservol=True,
             readers={"000D": DECK}) as z:
        if not z.ipl("0a80"):
            sys.exit("b_diag250: ZCP did not come up")
        z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO ")
        z.console("xautolog testg1")
        return measure(z, "TESTG1  : ")


def main():
    zcp, bare = [], []
    for _ in range(REPEAT):
        zcp.append(zcp_s())
        bare.append(bare_s())
    for k, n in enumerate(PHASES):
        z = statistics.median(t[k] for t in zcp)
        b = statistics.median(t[k] for t in bare)
        zn = statistics.median(t[k] / t[-1] for t in zcp)
        bn = statistics.median(t[k] / t[-1] for t in bare)
        tail = "" if n == 1 else f"_{n}"
        print(f"BENCH diag250_read_us_zcp{tail}={z / BLOCKS * 1e6:.2f} us")
        print(f"BENCH diag250_read_us_bare{tail}={b / BLOCKS * 1e6:.2f} us")
        print(f"BENCH diag250_read_ratio_bare{tail}={z / b:.2f} x")
        print(f"BENCH diag250_read_norm_ratio_bare{tail}={zn / bn:.2f} x")
    print(f"BENCH diag250_loop_ns_zcp={statistics.median(t[-1] for t in zcp) * 1e3:.2f} ns")
    print(f"BENCH diag250_loop_ns_bare={statistics.median(t[-1] for t in bare) * 1e3:.2f} ns")


if __name__ == "__main__":
    main()
