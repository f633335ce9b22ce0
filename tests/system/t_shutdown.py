#!/usr/bin/env python3
"""SHUTDOWN: its two messages, then the disabled wait with code X'961'."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import Zcp

with Tap() as t, Zcp(t) as z:
    t.ok(z.ipl("00c"), "ZCP is ready")
    start = z.mark()
    t.ok(z.ask("shutdown", r"^HCPSHU960I SYSTEM SHUTDOWN STARTED$"), "HCPSHU960I SYSTEM SHUTDOWN STARTED")
    t.ok(z.wait_for(r"^HCPWRP961W SYSTEM SHUTDOWN COMPLETE$"), "HCPWRP961W SYSTEM SHUTDOWN COMPLETE")
    t.is_(z.wait_disabled(0x961), "00020001 80000000 0000000000000961",
          "disabled wait PSW 00020001 80000000 0000000000000961")
    t.is_(z.transcript(start), ["/(0009) shutdown", "HCPSHU960I SYSTEM SHUTDOWN STARTED",
                                "HCPWRP961W SYSTEM SHUTDOWN COMPLETE"],
          "the console shows the two messages and nothing else")
