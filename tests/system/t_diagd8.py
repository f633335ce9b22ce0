#!/usr/bin/env python3
"""DIAGNOSE X'D8' and X'F8' from real guests under SIE
(tests/guests/g_diagd8.c).  TESTD1 (classes D and G) walks the system
spool queues with X'D8', stamps a punch file with a network origin with
X'F8' and queries origins, with every condition code and program
interruption; its TAP points are relayed here.  Then the same deck as
TESTG1 (class G): X'D8' and X'F8' SET refused, X'F8' QUERY of its own
file allowed.  QUERY shows the queues clean and QUERY DIAG counts both."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

DECK = BUILD / "guests" / "diagd8.deck"


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists():
        t.skip_all("build/zcpres.3390 or the diagd8 guest is not built")
    with Zcp(t, deck=False, resvol=True, readers={"000D": DECK, "000E": DECK}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("loadrdr 00d testd1", r"^RDR FILE \d+ SENT TO TESTD1 "), "LOADRDR the guest for TESTD1")
        t.ok(z.ask("xautolog testd1", r"^AUTO LOGON +\*\*\* +TESTD1"), "XAUTOLOG TESTD1 (classes D and G)")
        relay(t, z, "TESTD1", "class D", timeout=180)
        t.ok(z.ask("q rdr testd1 all", r"^NO RDR FILES$"), "TESTD1's reader is empty at the end")
        t.ok(z.ask("q prt testd1 all", r"^NO PRT FILES$"), "and none of its files is on the printer queue")
        t.ok(z.ask("loadrdr 00e testg1", r"^RDR FILE \d+ SENT TO TESTG1 "), "LOADRDR the guest for TESTG1")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1 (class G)")
        relay(t, z, "TESTG1", "class G", timeout=180)
        rows = z.answer("q diag", r"^CODE NAME") or []
        t.ok(any(re.match(r"^00D8 Read spool file blocks on system queues +\d+ +.*TESTD1=\d+", l) for l in rows),
             "QUERY DIAG counts X'D8' for TESTD1")
        t.ok(any(re.match(r"^00F8 Spool file origin information +\d+ +.*TESTG1=\d+", l) for l in rows),
             "QUERY DIAG counts X'F8' for TESTG1")
        t.ok(z.ask("q time", r"^TIME IS "), "CP still answers")
