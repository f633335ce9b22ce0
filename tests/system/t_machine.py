#!/usr/bin/env python3
"""The machine as a guest sees it (tests/guests/g_machine.c): STSI as a
virtual machine under a z/VM-compatible CP, STFLE/STFL, the guest SCLP
(Read SCP Info, the event facility as a line-mode console, the service
signal) and operands reached through the guest's own DAT tables, with the
program interruptions hostile operands get.  The guest's TAP points are
relayed here; its SCLP console line must reach the user's console."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import BUILD, RESVOL, Zcp

GUEST = BUILD / "guests" / "machine.deck"
# Not anchored at the start: Hercules log text can be glued in front.
TAP_LINE = r"TESTG3  : (ok|not ok) (\d+) - (.*)$"

with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    with Zcp(t, deck=False, resvol=True, readers={"000D": GUEST}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("loadrdr 00d testg3", r"^RDR FILE \d+ SENT TO TESTG3 "),
             "LOADRDR reads the machine guest for TESTG3")
        t.ok(z.ask("xautolog testg3", r"^AUTO LOGON +\*\*\* +TESTG3 +USERS = \d+$"), "XAUTOLOG TESTG3")
        plan = z.wait_for(r"TESTG3  : 1\.\.(\d+)$", 60)
        t.ok(plan, "the guest starts and prints its plan")
        want = int(plan.group(1)) if plan else 0
        for n in range(1, want + 1):
            m = z.wait_for(TAP_LINE, 60)
            if not m:
                t.ok(False, f"guest test point {n} arrives")
                break
            t.ok(m.group(1) == "ok" and int(m.group(2)) == n, f"guest: {m.group(3)}")
        t.ok(z.find(r"TESTG3  : hello from the sclp$"),
             "the SCLP message event reached the user's console as a line")
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG3: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$"),
             "the guest ends in its disabled wait (CP stayed up)")
        t.ok(z.ask("q time", r"^TIME IS "), "CP still answers")
