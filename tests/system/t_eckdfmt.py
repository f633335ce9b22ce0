#!/usr/bin/env python3
"""Formatting a minidisk through the virtual 3390: TESTG1 runs
tests/guests/g_eckdfmt.c (Write HA, Write R0, Write CKD, Erase, Read Track,
Read R0, Locate Record Extended on its scratch 0193; bounds violations;
every write-type command refused on its read-only 0192), whose TAP points
are relayed here.  Each write goes through to the real volume (ZCPT01 on
0A81) before the guest reads it back in a new channel program; no
real-volume error may reach the operator console."""
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
    with Zcp(t, deck=False, resvol=True, uservol=True,
             readers={"000D": GUESTS / "eckdfmt.deck"}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO TESTG1 "), "the formatting guest for TESTG1")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1")
        relay(t, z, "TESTG1", timeout=120)
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG1: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$"),
             "TESTG1 ends in its disabled wait")
        t.ok(not z.find(r"HCPECK93"), "no real-volume errors on the operator console")
