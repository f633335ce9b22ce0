#!/usr/bin/env python3
"""DIAGNOSE from a real guest under SIE: TESTG1 runs the conformance guest
tests/guests/g_diag.c (written against diagnose/zcpdiag.h), whose TAP
points are relayed here.  Phase 1 re-IPLs itself through X'308' with PARM
PHASE2; phase 2 arms the X'288' watchdog and enters CP READ.  Then: the
watchdog's command runs while the guest is held, QUERY DIAG counts what
ran, SET EMSG refuses bad operands.  TESTG2 runs tests/guests/g_asmdiag.c,
which calls CP through the assembler macros (diagnose/zcpdiag.inc)."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

DECK = BUILD / "guests" / "diag.deck"
ASMDECK = BUILD / "guests" / "asmdiag.deck"


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists():
        t.skip_all("build/zcpres.3390 or the diag guest is not built")
    with Zcp(t, deck=False, resvol=True, readers={"000D": DECK, "000E": ASMDECK}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO TESTG1 "), "LOADRDR the DIAG guest for TESTG1")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1")
        relay(t, z, "TESTG1", f"phase 1", timeout=90)
        t.ok(z.wait_for(r"TESTG1  : # re-IPL through X'308' LOAD NORMAL$", 30), "phase 1 asks for its re-IPL")
        relay(t, z, "TESTG1", f"phase 2", timeout=90)
        t.ok(z.wait_for(r"TESTG1  : # entering CP READ$", 30), "the guest enters CP READ (DIAG X'08', Ry = 0)")
        t.ok(z.wait_for(r"TESTG1  : HCPWDG9288I Watchdog timer expired after 15 seconds; CP runs: QUERY USERS$", 90),
             "the watchdog expires while the guest is held in CP READ")
        t.ok(z.wait_for(r"TESTG1  : +\d+ USERS, +\d+ DIALED, +\d+ NET$", 30),
             "its command runs as TESTG1, the response on TESTG1's console")
        t.ok(not z.find(r"TESTG1  : # (returned from CP READ|X'308' LOAD returned)"),
             "the guest never came back from CP READ or from the re-IPL")
        # Wait for the answer's last line (X'318' codes) before the fence is
        # typed: a line typed while CP still writes can be lost (the 3215
        # refuses the attention while busy), which made this flaky under load.
        rows = z.answer("q diag", r"^TESTG1 +X'318' CPNC") or []
        t.ok(rows and any(re.match(r"^0008 Virtual console function +\d+ +TESTG1=\d+$", l) for l in rows),
             "QUERY DIAG counts X'08' for TESTG1")
        t.ok(any(re.match(r"^0308 IPL functions +\d+ +TESTG1=\d+$", l) for l in rows),
             "QUERY DIAG counts X'308'")
        t.ok(any(re.match(r"^UNDEFINED \(specification exception\) +[1-9]\d* +TESTG1=1$", l) for l in rows),
             "QUERY DIAG counts the undefined code")
        t.ok(any("TESTG1   X'DC' 1 CALLS, LAST FUNCTION 80, PRODUCT ZCPTEST" in l for l in rows),
             "QUERY DIAG shows what X'DC' reported")
        t.ok(any("TESTG1   X'318' CPNC 04 CPVC 00000000000001" in l for l in rows),
             "QUERY DIAG shows the X'318' codes")
        t.ok(z.ask("set emsg sometimes", r"^HCPCMD003E Invalid option - SOMETIMES$"), "SET EMSG with a bad operand")
        t.ok(z.ask("set emsg", r"^HCPCMD026E Operand missing or invalid$"), "SET EMSG without an operand")
        t.ok(z.ask("q time", r"^TIME IS "), "CP still answers")

        # The assembler macros (diagnose/zcpdiag.inc), from TESTG2.
        t.ok(z.ask("loadrdr 00e testg2", r"^RDR FILE \d+ SENT TO TESTG2 "), "LOADRDR the assembler-macro guest")
        t.ok(z.ask("xautolog testg2", r"^AUTO LOGON +\*\*\* +TESTG2"), "XAUTOLOG TESTG2")
        relay(t, z, "TESTG2", "asm macros", timeout=90)
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG2: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$", 60),
             "TESTG2 ends in its disabled wait")
