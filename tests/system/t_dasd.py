#!/usr/bin/env python3
"""Minidisks: the test volume ZCPT01 (build/zcpt01.3390) on 0A81 carries
TESTG1's and TESTG2's minidisks (conf/user.direct).  TESTG1 runs the DASD
guest (tests/guests/g_dasd.c: ECKD channel programs and DIAG X'250', good
and hostile) whose TAP points are relayed here.  Then SHUTDOWN, a new IPL
of ZCP, and TESTG2 - linked read-only to the same disk - finds what TESTG1
wrote (tests/guests/g_dasdread.c).  TESTG5 IPLs a minidisk
(tests/guests/g_ipldisk.c).  Logon messages for a minidisk whose
volume is not mounted."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, USERVOL, Zcp

GUESTS = BUILD / "guests"


with Tap() as t:
    if not (RESVOL.exists() and USERVOL.exists()):
        t.skip_all("build/zcpres.3390 or build/zcpt01.3390 is not built")
    readers = {"000D": GUESTS / "dasd.deck", "000E": GUESTS / "dasdread.deck"}
    with Zcp(t, deck=False, resvol=True, uservol=True, readers=readers,
             volumes={"0A82": "SCRTCH"}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("q dasd", r"^DASD 0A81 ZCPT01"), "QUERY DASD shows the test volume ZCPT01 on 0A81")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO TESTG1 "), "the DASD guest for TESTG1")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1")
        relay(t, z, "TESTG1", timeout=120)
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG1: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$"),
             "TESTG1 ends in its disabled wait")
        t.ok(not z.find(r"HCPECK93"), "no real-volume errors on the operator console")

        # Real volumes (class B): dedicate one, see the owner, take it back.
        t.ok(z.ask("attach 0a82 to testg1 as 0200", r"^DASD 0A82 ATTACHED TO TESTG1 0200$"),
             "ATTACH 0A82 TO TESTG1 AS 0200")
        t.ok(z.ask("q dasd", r"^DASD 0A82 ATTACHED TO TESTG1 +SCRTCH$"), "QUERY DASD shows the owner")
        t.ok(z.ask("attach 0a82 to testg1 as 0201", r"^HCPATR131E DASD 0A82 already attached to TESTG1$"),
             "ATTACH of a volume a user has: HCPATR131E")
        t.ok(z.ask("attach 0a82 to testg2", r"^HCPATR045E TESTG2 not logged on$"),
             "ATTACH to a user not logged on: HCPATR045E")
        t.ok(z.ask("attach 0a81 to testg1", r"^HCPATR131E DASD 0A81 already attached to SYSTEM$"),
             "ATTACH of a volume with minidisks in use: HCPATR131E")
        t.ok(z.ask("detach 0a82 from testg1", r"^DASD 0A82 DETACHED TESTG1 0200$"), "DETACH 0A82 FROM TESTG1")
        t.ok(z.ask("detach 0a81 from system", r"^HCPDTA143E DASD 0A81 in use; minidisks are linked$"),
             "DETACH FROM SYSTEM of a volume with minidisks: refused")
        t.ok(z.ask("detach 0a82 from system", r"^DASD 0A82 DETACHED SYSTEM$"), "DETACH 0A82 FROM SYSTEM")
        t.ok(z.ask("attach 0a82 to system", r"^DASD 0A82 ATTACHED TO SYSTEM SCRTCH$"), "ATTACH 0A82 TO SYSTEM")
        t.ok(z.ask("attach 0a99 to testg1", r"^HCPATR040E Device 0A99 does not exist$"), "ATTACH of no device")

        t.ok(z.ask("shutdown", r"^HCPSHU960I"), "SHUTDOWN")
        t.ok(z.wait_disabled(0x961), "ZCP stopped")
        t.ok(z.ipl("0a80"), "IPL ZCP again, same volumes")
        t.ok(z.ask("loadrdr 00e testg2", r"^RDR FILE \d+ SENT TO TESTG2 "), "the reading guest for TESTG2")
        t.ok(z.ask("xautolog testg2", r"^AUTO LOGON +\*\*\* +TESTG2"), "XAUTOLOG TESTG2")
        relay(t, z, "TESTG2", timeout=120)

        # TESTG5's directory IPL names its minidisk 0191, which carries IPL
        # records and a guest (zcpmdisk ipl).
        t.ok(z.ask("xautolog testg5", r"^AUTO LOGON +\*\*\* +TESTG5"), "XAUTOLOG TESTG5 (IPL 0191)")
        relay(t, z, "TESTG5", timeout=120)
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG5: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$"),
             "TESTG5 ends in its disabled wait")

    # A volume that fails under a guest (Hercules detaches the device): the
    # error is reported, the guest gets its I/O errors, CP goes on.
    with Zcp(t, deck=False, resvol=True, uservol=True, readers={"000D": GUESTS / "dasdread.deck"}) as z:
        t.ok(z.ipl("0a80"), "IPL with ZCPT01")
        t.ok(z.ask("loadrdr 00d testg2", r"^RDR FILE \d+ SENT TO TESTG2 "), "a deck for TESTG2")
        z.panel("detach 0a81")
        t.ok(z.wait_for(r"HHCCF04[0-9]I|detached", 10), "Hercules takes the volume away")
        t.ok(z.ask("xautolog testg2", r"^AUTO LOGON +\*\*\* +TESTG2"), "XAUTOLOG TESTG2")
        t.ok(z.wait_for(r"^HCPECK930[12]E DASD 0A81 "), "the failing volume is reported (HCPECK930xE)")
        t.ok(z.wait_for(r"TESTG2  : not ok 2 - block 5"), "the guest's read fails (BIOE status 5)")
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG2: CPU 00 disabled wait"), "the guest runs to its end")
        t.ok(z.ask("q time", r"^TIME IS"), "CP is still up")

    # Without the user volume, the minidisks cannot be defined: z/VM's
    # HCPLNM108E at logon, to the user (here its secondary user, OPERATOR).
    with Zcp(t, deck=False, resvol=True, readers={"000D": GUESTS / "dasdread.deck"}) as z:
        t.ok(z.ipl("0a80"), "IPL without ZCPT01")
        t.ok(z.ask("loadrdr 00d testg2", r"^RDR FILE \d+ SENT TO TESTG2 "), "a deck for TESTG2")
        t.ok(z.ask("xautolog testg2", r"TESTG2  : HCPLNM108E 0191 not linked; volid ZCPT01 not mounted"),
             "XAUTOLOG: HCPLNM108E 0191 not linked; volid ZCPT01 not mounted")
        t.ok(z.wait_for(r"TESTG2  : not ok 1 - INIT of the shared 0191"),
             "the guest finds no 0191 (its INIT fails)")
