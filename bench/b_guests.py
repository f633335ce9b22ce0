#!/usr/bin/env python3
"""Guests under SIE against the same loop run natively, in one run.

The loop guest (tests/guests/g_loop.c) writes "LOOP n" after every fixed
number of loop iterations.  Rates are markers per CPU second of Hercules'
CPU thread (bench/hostcpu.py), not per wall-clock second: on a loaded
shared host the wall clock counts the time other programs had the CPUs,
and the native and ZCP runs happen minutes apart.

  guest_loop_ratio_1   one guest under ZCP / the loop IPLed on bare Hercules,
                       each over MARKERS marker intervals (the CPU time is
                       read when the harness reads a marker line; a late
                       read only moves time between intervals, so only the
                       first and last reads count, against MARKERS seconds)
  guest_loop_ratio_10  ten guests' total rate under ZCP (TEN_MARKERS
                       markers, of any guest, per CPU second) / the native
                       rate
  logon_first_line_s   LOGON's password line sent -> the guest's first line
                       on the user's terminal (the directory IPLs it), wall
                       clock
"""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from zcp import BUILD, Zcp
from hostcpu import cpu_seconds, thread_times

LOOP = BUILD / "guests" / "loop.deck"
MARKERS = 12            # markers timed for one loop
TEN_MARKERS = 60        # markers of the ten guests timed together


def marker_cpu(z, prefix, count):
    """CPU seconds of Hercules' CPU thread from the first LOOP marker to
    `count` markers later."""
    if not z.wait_for(rf"{prefix}LOOP 1$", 60):
        sys.exit(f"b_guests: no first marker ({prefix!r})")
    before = thread_times(z.proc.pid)
    if not z.wait_for(rf"{prefix}LOOP {1 + count}$", 60 * count):
        sys.exit("b_guests: markers stopped")
    return cpu_seconds(before, thread_times(z.proc.pid))


def native_rate():
    """Markers per CPU second of the loop on bare Hercules."""
    z = Zcp(name="b_guests_native", deck=False, readers={"000C": LOOP}, deadline=1200)
    z.start()
    z.panel("ipl 00c")
    cpu = marker_cpu(z, r"^", MARKERS)
    z.stop()
    z.finish(failed=False)
    return MARKERS / cpu


def load(z, userid):
    z.panel(f"devinit 00d {LOOP} ebcdic autopad eof")
    time.sleep(0.2)
    if not z.ask(f"loadrdr 00d {userid}", r"^RDR FILE \d+ SENT TO |^HCP"):
        sys.exit(f"b_guests: LOADRDR for {userid} failed")


def zcp_rates():
    z = Zcp(name="b_guests_zcp", deck=False, resvol=True, readers={"000D": LOOP}, deadline=1200)
    z.start()
    try:
        return measure(z)
    finally:
        z.stop()
        z.finish(failed=sys.exc_info()[0] is not None)


def measure(z):
    if not z.ipl("0a80"):
        sys.exit("b_guests: ZCP did not come up")
    # One guest.
    load(z, "loop01")
    z.ask("xautolog loop01", r"AUTO LOGON")
    one = MARKERS / marker_cpu(z, r"LOOP01  : ", MARKERS)
    z.ask("force loop01", r"LOGOFF AS")
    # LOGON to the first line.
    load(z, "loop02")
    term = z.terminal("0020")
    term.ask("logon loop02", r"ENTER PASSWORD")
    term.send("loop02")
    sent = time.monotonic()
    if not term.wait_for(r"^LOOP START$", 60):
        sys.exit("b_guests: the guest said nothing after LOGON")
    with term._cond:
        first_line = next(t for t, text in term.lines if text == "LOOP START") - sent
    term.ask("#cp logoff", r"LOGOFF AT")
    # Ten guests.
    for i in range(1, 11):
        load(z, f"loop{i:02d}")
        z.ask(f"xautolog loop{i:02d}", r"AUTO LOGON")
    if not z.wait_for(r"LOOP10  : LOOP 1$", 120):
        sys.exit("b_guests: the tenth guest did not start")
    # From one marker to TEN_MARKERS markers (of any guest) later: whole
    # markers at both ends, so no window cuts one off.
    marker = r"LOOP\d\d  : LOOP \d+$"
    if not z.wait_for(marker, 120):
        sys.exit("b_guests: the ten guests stopped")
    before = thread_times(z.proc.pid)
    for _ in range(TEN_MARKERS):
        if not z.wait_for(marker, 120):
            sys.exit("b_guests: the ten guests stopped")
    cpu = cpu_seconds(before, thread_times(z.proc.pid))
    return one, TEN_MARKERS / cpu, first_line


def main():
    native = native_rate()
    one, ten, first_line = zcp_rates()
    print(f"BENCH guest_loop_ratio_1={one / native:.3f} x")
    print(f"BENCH guest_loop_ratio_10={ten / native:.3f} x")
    print(f"BENCH logon_first_line_s={first_line:.3f} s")


if __name__ == "__main__":
    main()
