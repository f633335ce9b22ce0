#!/usr/bin/env python3
"""DRAIN and FLUSH act on a real printer's file in progress (output goes
a chunk of records per dispatcher pass, cp/dev/urout.c).  TESTD1 (class
D) runs tests/guests/g_urflush.c: it prints files to the system queue and
drives printer 0E00 with START/FLUSH/DRAIN through DIAG X'08'; its TAP
points are relayed here.  Then the Hercules print file must hold exactly
what was not flushed: A's second copy only, nothing of B or E, all of C
in order, D once, F (flushed and held, then released with FREE) once; and
the operator heard DRAINED when C ended.  B and F also test HOLD and FREE,
the operator's system hold."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

DECK = BUILD / "guests" / "urflush.deck"


def numbers(text, tag):
    return [int(n) for n in re.findall(rf"^\f*{tag} LINE (\d{{4}})\s*$", text, re.M)]


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists():
        t.skip_all("build/zcpres.3390 or the urflush guest is not built")
    with Zcp(t, deck=False, resvol=True, readers={"000D": DECK}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("loadrdr 00d testd1", r"^RDR FILE \d+ SENT TO TESTD1 "), "LOADRDR the guest for TESTD1")
        t.ok(z.ask("xautolog testd1", r"^AUTO LOGON +\*\*\* +TESTD1"), "XAUTOLOG TESTD1 (class D)")
        relay(t, z, "TESTD1", "TESTD1", timeout=300)
        t.ok(z.ask("q prt all", r"^NO PRT FILES$"), "the printer queue is empty at the end")
        text = (z.dir / "prt.txt").read_bytes().decode("ascii", "replace") if (z.dir / "prt.txt").exists() else ""
        t.ok(numbers(text, "A") == list(range(200)), "A: the second copy only, every line once, in order")
        t.ok(numbers(text, "B") == [] and numbers(text, "E") == [], "nothing of the flushed files B and E")
        t.ok(numbers(text, "C") == list(range(1000)), "C: all 1000 lines, in order, after DRAIN")
        t.ok(numbers(text, "D") == [0, 1, 2], "D: printed once, after START again")
        t.ok(numbers(text, "F") == list(range(20)), "F: flushed and held, printed once after FREE")
        seps = re.findall(r"PRT FILE (\d{4})", text)
        t.ok(len(seps) == 4, f"four separator pages: A, C, D, F ({seps})")
        t.ok(z.find(r"^PRT 0E00 DRAINED$"), "the operator heard PRT 0E00 DRAINED when C ended")
        t.ok(z.ask("q time", r"^TIME IS "), "CP still answers")
