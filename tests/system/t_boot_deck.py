#!/usr/bin/env python3
"""IPL ZCP from the 3505 card deck: the boot messages, then a command."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import Zcp, in_order

BOOT = [
    r"^ZCP - a z/VM-style control program for z/Architecture$",
    r"^ZCP Version \d+ Release \d+\.\d+, service level \d{4} \(64-bit\)$",
    r"^HCPINI9020I IPL at \d\d/\d\d/\d\d \d\d:\d\d:\d\d UTC from device 000C$",
    r"^HCPINI9024I 4 user terminal\(s\)",
    r"^HCPINI9021I 64M storage, 1 CPU\(s\), 10 device\(s\)$",   # 6 consoles, the reader, the spool volume, printer, punch
    r"^HCPINI9022I ZCP is ready$",
]

with Tap() as t, Zcp(t) as z:
    t.ok(z.ipl("00c"), "IPL from the deck on 000C reaches HCPINI9022I ZCP is ready")
    for pattern, line in zip(BOOT, in_order(z.transcript(), BOOT)):
        t.ok(line, f"boot message, in order: /{pattern}/")
    t.ok(z.ask("query time", r"^TIME IS "), "CP answers a command after the IPL")
