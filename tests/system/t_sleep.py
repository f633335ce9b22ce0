#!/usr/bin/env python3
"""SLEEP 1 returns by itself; SLEEP with no operand lasts until a line is typed."""
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import Zcp

with Tap() as t, Zcp(t) as z:
    t.ok(z.ipl("00c"), "ZCP is ready")

    # A line typed while CP sleeps would end the sleep: type nothing for 1.5 s.
    start = z.mark()
    z.console("sleep 1")
    time.sleep(1.5)
    t.is_(z.transcript(start), ["/(0009) sleep 1"], "sleep 1 writes nothing")
    t.ok(z.ask("query time", r"^TIME IS "), "a command after sleep 1 is answered")
    z.wait_for(r"^CONNECT=")

    start = z.mark()
    z.console("sleep")
    time.sleep(2)
    z.console("wake up")
    # The echo first (it can take seconds on a loaded host), then a moment
    # for any answer the line would wrongly get.
    z.wait_for(r"^/\(0009\) wake up$", 30)
    time.sleep(0.5)
    t.is_(z.transcript(start), ["/(0009) sleep", "/(0009) wake up"],
          "sleep with no operand lasts 2 s, and the line typed only ends it")
    t.ok(z.ask("query time", r"^TIME IS "), "a command after the sleep is answered")
