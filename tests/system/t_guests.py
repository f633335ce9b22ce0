#!/usr/bin/env python3
"""Virtual machines under SIE: two guests at once, IPLed from decks via
LOADRDR and XAUTOLOG.  TESTG1 runs the intercept conformance guest
(tests/guests/g_intercepts.c) whose own TAP points are relayed here;
TESTG2 runs the hostile guest (random intercepted instructions) and CP must
stay up.  Then the user commands' error paths, and TESTG4 checks CCW
suspension, RSCH and PCI (tests/guests/g_ccwsusp.c)."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

GUESTS = BUILD / "guests"

with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    readers = {"000D": GUESTS / "intercepts.deck", "000E": GUESTS / "hostile.deck",
               "000F": GUESTS / "ccwsusp.deck"}
    with Zcp(t, deck=False, resvol=True, readers=readers) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d{4} SENT TO TESTG1 RDR AS \d{4} RECS \d{4} "
                   r"CPY 001 A NOHOLD NOKEEP$"),
             "LOADRDR spools the deck on 000D to TESTG1's reader (not logged on yet)")
        t.ok(z.ask("loadrdr 00e testg2", r"^RDR FILE \d{4} SENT TO TESTG2 RDR AS"),
             "LOADRDR spools the deck on 000E for TESTG2")

        t.ok(z.ask("xautolog testg2", r"^AUTO LOGON +\*\*\* +TESTG2 +USERS = 001$"),
             "XAUTOLOG TESTG2: logged on disconnected")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1 +USERS = 002$"),
             "XAUTOLOG TESTG1 while TESTG2 runs")
        relay(t, z, "TESTG1", "guest TESTG1", requests={"send me a line": lambda: z.console("send testg1 hello guest")})
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG1: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$"),
             "TESTG1 ends in its disabled wait, reported on the operator console")
        # TESTG2 may still be running: its lines may come before or after here.
        hostile = r"TESTG2  : HCPVMI9100W|HCPVMI9100W TESTG2: "
        t.ok(z.find(hostile) or z.wait_for(hostile, 120), "the hostile guest TESTG2 ends")
        t.ok(z.find(r"TESTG2  : ok 1 - ran 3000 random intercepted operations"),
             "the hostile guest TESTG2 ran 3000 random intercepted operations")
        t.ok(z.find(r"TESTG2  : ok 2 - "), "and some were refused with a program interruption")

        names = z.answer("q names", r"^OPERATOR") or []
        t.ok(any(re.search(r"TESTG1 +- DSC", l) for l in names) and
             any(re.search(r"TESTG2 +- DSC", l) for l in names),
             "QUERY NAMES shows both guests disconnected")
        t.ok(z.ask("q users", r"^ +3 USERS, +0 DIALED, +0 NET$"), "QUERY USERS counts them")

        # Bad input: each refused with its message, nothing else happens.
        t.ok(z.ask("xautolog nobody", r"^HCPCFX053E NOBODY not in CP directory$"), "XAUTOLOG of an unknown user")
        t.ok(z.ask("xautolog testg1", r"^HCPCFX6054E TESTG1 is already logged on$"), "XAUTOLOG twice")
        t.ok(z.ask("xautolog", r"^HCPCMD026E Operand missing or invalid$"), "XAUTOLOG without a userid")
        t.ok(z.ask("force nobody", r"^HCPCFX045E NOBODY not logged on$"), "FORCE of a user not logged on")
        t.ok(z.ask("send nobody hi", r"^HCPSND045E NOBODY not logged on$"), "SEND to a user not logged on")
        t.ok(z.ask("loadrdr 0a80 testg3", r"^HCPLDR040E Device 0A80 is not a real card reader$"),
             "LOADRDR from a device that is not a reader")
        t.ok(z.ask("loadrdr 00d testg3", r"^HCPLDR9122E Reader 000D has no cards$"),
             "LOADRDR from a reader whose deck was already read")
        t.ok(z.ask("xautolog testg3", r"^TESTG3  : HCPIPL3221E Device 000C IPL failed"),
             "XAUTOLOG of a guest with an empty reader: the IPL fails, reported to its secondary user")

        t.ok(z.ask("force testg2", r"^USER DSC +LOGOFF AS +TESTG2 +USERS = 002 +FORCED BY OPERATOR$"),
             "FORCE logs TESTG2 off")
        names = z.answer("q names", r"^OPERATOR") or []
        t.ok(names and not any("TESTG2" in l for l in names), "TESTG2 is gone from QUERY NAMES")
        t.ok(z.ask("q time", r"^TIME IS "), "CP still answers")

        # Channel-program suspension, RSCH and PCI (tests/guests/g_ccwsusp.c).
        t.ok(z.ask("loadrdr 00f testg4", r"^RDR FILE \d{4} SENT TO TESTG4 "), "the CCW suspension guest for TESTG4")
        t.ok(z.ask("xautolog testg4", r"^AUTO LOGON +\*\*\* +TESTG4"), "XAUTOLOG TESTG4")
        relay(t, z, "TESTG4", "guest TESTG4")
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG4: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$"),
             "TESTG4 ends in its disabled wait")
        for text, what in (("IDAW1 2K O", "format-1 IDAWs"), ("IDAW2 4K O", "format-2 IDAWs, 4K blocks"),
                           ("IDAW3 2K O", "format-2 IDAWs, 2K blocks")):
            t.ok(z.find(rf"^TESTG4 *: {text}$"), f"the line written through {what} arrives whole")
