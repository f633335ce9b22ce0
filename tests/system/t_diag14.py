#!/usr/bin/env python3
"""DIAGNOSE X'14' from a real guest under SIE: TESTG1 runs
tests/guests/g_diag14.c, which spools three files to its own reader and
reads them back with DIAG X'14' (descriptors, SFBLOK scans, select, spool
buffers, restart/backspace/re-read/position, copies, CLOSE of the reader),
bad registers and addresses included; its TAP points are relayed here.
Then QUERY shows the reader empty and QUERY DIAG counts X'14'."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

DECK = BUILD / "guests" / "diag14.deck"


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists():
        t.skip_all("build/zcpres.3390 or the diag14 guest is not built")
    with Zcp(t, deck=False, resvol=True, readers={"000D": DECK}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO TESTG1 "), "LOADRDR the DIAG X'14' guest for TESTG1")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1")
        relay(t, z, "TESTG1", "diag14", timeout=120)
        t.ok(z.ask("q rdr testg1 all", r"^NO RDR FILES$"), "the guest's reader is empty at the end")
        rows = z.answer("q diag", r"^CODE NAME") or []
        t.ok(any(re.match(r"^0014 Input spool file manipulation +\d+ +TESTG1=\d+$", l) for l in rows),
             "QUERY DIAG counts X'14' for TESTG1")
        t.ok(z.ask("q time", r"^TIME IS "), "CP still answers")
