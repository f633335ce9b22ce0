#!/usr/bin/env python3
"""Guests under SIE against the same loop run natively, in one run.

The loop guest (tests/guests/g_loop.c) writes "LOOP n" after every fixed
number of loop iterations.  Rates are markers a second, timed by the host
on the harness' console lines.

  guest_loop_ratio_1   one guest under ZCP / the loop IPLed on bare Hercules,
                       each timed by its median marker interval out of
                       MARKERS (on a loaded shared host an interval can be
                       slowed by other work, or its marker lines reach the
                       harness late or in a burst; the median is robust to
                       both; one SIE slice end every 20 ms lands in every
                       interval alike)
  guest_loop_ratio_10  ten guests' total rate under ZCP / the native rate
                       (native: MARKERS markers over their whole time)
  logon_first_line_s   LOGON's password line sent -> the guest's first line
                       on the user's terminal (the directory IPLs it)
"""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, Zcp

LOOP = BUILD / "guests" / "loop.deck"
MARKERS = 12            # markers timed for one loop
WINDOW = 25.0           # seconds the ten guests are counted


def median(values):
    return sorted(values)[len(values) // 2]


def marker_times(z, prefix, count):
    """Host times between `count` + 1 consecutive LOOP markers after the
    first: a list of `count` intervals."""
    if not z.wait_for(rf"{prefix}LOOP 1$", 60):
        sys.exit(f"b_guests: no first marker ({prefix!r})")
    times = [z.last.t]
    for n in range(2, count + 2):
        if not z.wait_for(rf"{prefix}LOOP {n}$", 120):
            sys.exit("b_guests: markers stopped")
        times.append(z.last.t)
    return [b - a for a, b in zip(times, times[1:])]


def native_rate():
    """(median, mean) markers a second of the loop on bare Hercules."""
    z = Zcp(name="b_guests_native", deck=False, readers={"000C": LOOP})
    z.start()
    z.panel("ipl 00c")
    dts = marker_times(z, r"^", MARKERS)
    z.stop()
    z.finish(failed=False)
    return 1 / median(dts), len(dts) / sum(dts)


def load(z, userid):
    z.panel(f"devinit 00d {LOOP} ebcdic autopad eof")
    time.sleep(0.2)
    if not z.ask(f"loadrdr 00d {userid}", r"^RDR FILE \d+ SENT TO |^HCP"):
        sys.exit(f"b_guests: LOADRDR for {userid} failed")


def zcp_rates():
    z = Zcp(name="b_guests_zcp", deck=False, resvol=True, readers={"000D": LOOP})
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
    one = 1 / median(marker_times(z, r"LOOP01  : ", MARKERS))
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
    start = z.mark()
    t0 = time.monotonic()
    time.sleep(WINDOW)
    lines = z.texts(start)
    t1 = time.monotonic()
    count = sum(1 for line in lines if re.search(r"LOOP\d\d  : LOOP \d+$", line))
    return one, count / (t1 - t0), first_line


def main():
    native_median, native_mean = native_rate()
    one, ten, first_line = zcp_rates()
    print(f"BENCH guest_loop_ratio_1={one / native_median:.3f} x")
    print(f"BENCH guest_loop_ratio_10={ten / native_mean:.3f} x")
    print(f"BENCH logon_first_line_s={first_line:.3f} s")


if __name__ == "__main__":
    main()
