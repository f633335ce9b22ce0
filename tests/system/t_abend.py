#!/usr/bin/env python3
"""A restart interruption (panel command `restart`) makes CP abend with
RST001: the abend message, PSW and registers, then a disabled wait."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import Zcp

DUMP = [
    r"^HCPABN9000W CP ABEND RST001: operator restart$",
    r"^PSW [0-9A-F]{16} [0-9A-F]{16}$",
    r"^GR +0- +3( [0-9A-F]{16}){4}$",
    r"^GR +4- +7( [0-9A-F]{16}){4}$",
    r"^GR +8-11( [0-9A-F]{16}){4}$",
    r"^GR 12-15( [0-9A-F]{16}){4}$",
    r"^HCPABN9001W SYSTEM STOPPED, WAIT CODE 0000D9E2E3F0F0F1$",
]

with Tap() as t, Zcp(t) as z:
    t.ok(z.ipl("00c"), "ZCP is ready")
    start = z.mark()
    z.panel("restart")
    t.is_(z.wait_disabled(0xD9E2E3F0F0F1), "00020001 80000000 0000D9E2E3F0F0F1",
          "disabled wait with code 0000D9E2E3F0F0F1 (RST001)")
    lines = z.transcript(start)
    t.is_(len(lines), len(DUMP), f"the console shows {len(DUMP)} abend lines")
    for line, pattern in zip(lines + [None] * len(DUMP), DUMP):
        t.like(line, pattern, f"abend line /{pattern}/")
