#!/usr/bin/env python3
"""100 spool files round trip: a guest punches 100 files (1-23 cards
each, every card saying which file and card it is) to its own reader,
closing each with DIAG X'08' CLOSE; QUERY RDR shows the 100 with their
record counts; the guest reads them back with reader CCWs, in order, every
card as punched, and the reader is empty after."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

GUESTS = BUILD / "guests"
QROW = r"^(\S+) +(\d{4}) (RDR|PRT|PUN)  (\S) (\S{3}) (\d{8}) (\d{3}) (\S+)"
N = 100

with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    with Zcp(t, deck=False, resvol=True, readers={"000D": GUESTS / "spoolmany.deck"}, deadline=600) as z:
        t.ok(z.ipl("0a80"), "IPL")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d{4} SENT TO TESTG1"), "LOADRDR the guest")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1")
        t.ok(z.wait_for(r"TESTG1  : # mode\?$"), "the guest asks for its mode")
        z.console(f"send testg1 ROUNDTRIP {N}")

        def check_queue():
            lines = z.answer("q rdr testg1 all", r"^(OWNERID|NO RDR)", timeout=60) or []
            rows = [m.groups() for m in (re.match(QROW, l) for l in lines) if m]
            mine = [r for r in rows if r[3] == "R"]
            t.ok(len(mine) == N, f"QUERY RDR: {N} class R files ({len(mine)})")
            want = [1 + (s * 7) % 23 for s in range(1, N + 1)]
            t.ok([int(r[5]) for r in mine] == want, "each with its record count, in the order closed")
            z.console("send testg1 READ")
        relay(t, z, "TESTG1", "guest TESTG1", timeout=300, requests={"read them": check_queue})
        t.ok(z.ask("q rdr testg1 all", r"^(NO RDR FILES|OWNERID)$") and z.last.text == "NO RDR FILES",
             "no file is left")
