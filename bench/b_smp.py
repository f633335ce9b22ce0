#!/usr/bin/env python3
"""A two-CPU guest on two real CPUs against one loop run natively.

tests/guests/g_loop2.c runs the loop of g_loop.c on both its vCPUs; its CPU 00
writes "LOOP2 a b" after each of its rounds (a: its rounds, b: CPU 01's).
Under ZCP with NUMCPU 2 both vCPUs can be under SIE at once on the two real
CPUs (cp/sched/dispatch.c), so the rounds of both add up to about twice the
rate of one native loop; with the vCPUs of a guest on one real CPU, to one.

  guest_smp2_ratio    both vCPUs' rounds a second under ZCP (NUMCPU 2)
                      / one loop's rounds a second on bare Hercules (NUMCPU 1)
  guest_smp2_speedup  both vCPUs' rounds a second / a one-CPU loop guest's
                      (g_loop.c) rounds a second, in the same ZCP just before:
                      less at the mercy of the host's load than the above
"""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, Zcp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from b_guests import MARKERS   # noqa: E402

LOOP2 = BUILD / "guests" / "loop2.deck"
LOOP = BUILD / "guests" / "loop.deck"
ROUNDS = 6              # CPU 00's rounds timed


def marker_times(z, prefix, count):
    """Wall seconds from the first LOOP marker to `count` markers later:
    two CPUs' speed-up is a matter of wall time (b_guests measures CPU
    time of the one CPU thread instead)."""
    if not z.wait_for(rf"{prefix}LOOP 1$", 60):
        sys.exit(f"b_smp: no first marker ({prefix!r})")
    t0 = z.last.t
    if not z.wait_for(rf"{prefix}LOOP {1 + count}$", 60 * count):
        sys.exit("b_smp: markers stopped")
    return z.last.t - t0


def native_rate():
    """Markers per wall second of the loop on bare Hercules."""
    z = Zcp(name="b_smp_native", deck=False, readers={"000C": LOOP}, deadline=1200)
    z.start()
    z.panel("ipl 00c")
    took = marker_times(z, r"^", MARKERS)
    z.stop()
    z.finish(failed=False)
    return MARKERS / took


def smp_rate():
    z = Zcp(name="b_smp_zcp", deck=False, resvol=True, readers={"000D": LOOP2, "000E": LOOP},
            numcpu=2)
    z.start()
    failed = True
    try:
        if not z.ipl("0a80"):
            sys.exit("b_smp: ZCP did not come up")
        if not z.ask("loadrdr 00e loop01", r"^RDR FILE \d+ SENT TO "):
            sys.exit("b_smp: LOADRDR failed")
        z.ask("xautolog loop01", r"AUTO LOGON")
        one = MARKERS / marker_times(z, r"LOOP01  : ", MARKERS)
        z.ask("force loop01", r"LOGOFF AS")
        if not z.ask("loadrdr 00d testg4", r"^RDR FILE \d+ SENT TO "):
            sys.exit("b_smp: LOADRDR failed")
        z.ask("xautolog testg4", r"AUTO LOGON")
        if not z.wait_for(r"TESTG4  : LOOP2 START 0$", 60):
            sys.exit("b_smp: the guest did not start its second CPU")
        first = z.wait_for(r"TESTG4  : LOOP2 1 (\d+)$", 120)
        if not first:
            sys.exit("b_smp: no first round")
        t0, b0 = z.last.t, int(first.group(1))
        last = z.wait_for(rf"TESTG4  : LOOP2 {1 + ROUNDS} (\d+)$", 300)
        if not last:
            sys.exit("b_smp: rounds stopped")
        t1, b1 = z.last.t, int(last.group(1))
        failed = False
        return one, (ROUNDS + b1 - b0) / (t1 - t0)
    finally:
        z.stop()
        z.finish(failed=failed)


def main():
    native = native_rate()
    one, two = smp_rate()
    print(f"BENCH guest_smp2_ratio={two / native:.3f} x")
    print(f"BENCH guest_smp2_speedup={two / one:.3f} x")


if __name__ == "__main__":
    main()
