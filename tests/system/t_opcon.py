#!/usr/bin/env python3
"""The operator console loses no line typed while CP writes: 0009 always
has a read started and CP writes to 001F (cp/sys/opcon.c).  With one 3215
for both, Hercules refused the Attention of a line typed during a write,
and such a line was never read."""
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import Zcp

LINES = 40

with Tap() as t, Zcp(t, resvol=True, deck=False) as z:
    t.ok(z.ipl("0a80"), "ZCP is ready")
    start = z.mark()
    # Each QUERY CPLEVEL answers with three lines.  The next line is typed
    # as soon as the first line of the previous answer appears: CP is then
    # still writing the other two, and its read is already started again
    # (read_done restarts it before the command runs).  Typing faster than
    # that can lose lines inside Hercules, whatever CP does: con1052c.c
    # keeps one line, and a second typed before the read takes the first
    # overwrites it.
    got = 0
    for i in range(LINES):
        z.panel("/q cplevel")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            got = sum(1 for line in z.texts(start) if line.startswith("ZCP Version"))
            if got > i:
                break
            time.sleep(0.005)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and got < LINES:
        got = sum(1 for line in z.texts(start) if line.startswith("ZCP Version"))
        time.sleep(0.2)
    t.is_(got, LINES, f"all {LINES} lines typed during CP's writes were answered")
    t.ok(z.ask("q time", r"^TIME IS"), "CP still answers")
    # SHUTDOWN leaves the read on 0009 started; the next IPL's reset ends
    # it with status the new CP must clear before it can enable 0009.
    z.console("shutdown")
    t.ok(z.wait_disabled(0x961), "SHUTDOWN")
    t.ok(z.ipl("0a80"), "IPL again")
    t.ok(z.find(r"^HCPINI9021I .* 10 device\(s\)$"), "0009 is there after the re-IPL")
    t.ok(z.ask("q time", r"^TIME IS"), "the operator console reads again")
