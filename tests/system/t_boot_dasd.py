#!/usr/bin/env python3
"""IPL ZCP from its system residence volume ZCPRES on a 3390."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import RESVOL, Zcp, in_order

BOOT = [
    r"^ZCP Version \d+ Release \d+\.\d+, service level \d{4} \(64-bit\)$",
    r"^HCPINI9020I IPL at \d\d/\d\d/\d\d \d\d:\d\d:\d\d UTC from device 0A80$",
    r"^HCPINI9022I ZCP is ready$",
]

with Tap() as t:
    if not RESVOL.exists():
        t.skip_all(f"{RESVOL.relative_to(RESVOL.parents[1])} is not built yet")
    with Zcp(t, deck=False, resvol=True) as z:
        t.ok(z.ipl("0a80"), "IPL from the volume on 0A80 reaches HCPINI9022I ZCP is ready")
        for pattern, line in zip(BOOT, in_order(z.transcript(), BOOT)):
            t.ok(line, f"boot message, in order: /{pattern}/")
        dasd = z.answer("q dasd", r"^DASD ") or []
        t.ok(any(re.fullmatch(r"DASD 0A80 CP SYSTEM ZCPRES +0", line) for line in dasd),
             "q dasd shows the IPL volume: DASD 0A80 CP SYSTEM ZCPRES    0")
