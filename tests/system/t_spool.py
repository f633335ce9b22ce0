#!/usr/bin/env python3
"""Spooling end to end: a guest punches and prints on spool files, the
punch goes to its own reader (reader attention, cards read back), the print
file to the system queue; then QUERY, CHANGE, TRANSFER, ORDER, PURGE and
their bad paths; then SHUTDOWN and a second IPL on the same spool volume
(warm start) finds every file as it was."""
import re
import shutil
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import ARTIFACTS, BUILD, RESVOL, SPOOLVOL, Zcp

GUESTS = BUILD / "guests"
QROW = r"^(\S+) +(\d{4}) (RDR|PRT|PUN)  (\S) (\S{3}) (\d{8}) (\d{3}) (\S+)"


def rows(lines):
    return [m.groups() for m in (re.match(QROW, l) for l in lines or []) if m]


with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    readers = {"000D": GUESTS / "spool.deck"}
    # One spool volume for both IPLs, outside the per-boot directories.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    keep = Path(tempfile.mkdtemp(prefix="t_spool-volume-", dir=ARTIFACTS))
    spoolvol = keep / "zcpspl.3390"
    shutil.copyfile(SPOOLVOL, spoolvol)
    with Zcp(t, deck=False, resvol=True, readers=readers, spool=spoolvol) as z:
        t.ok(z.ipl("0a80"), "IPL")
        t.ok(z.find(r"^HCPSPV9202I Warm start: 0 spool files on ZCPSPL \(0A90\)"),
             "an empty spool volume at the first IPL")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE 0001 SENT TO TESTG1 RDR AS 0001 RECS \d{4} CPY 001 A NOHOLD NOKEEP$"),
             "LOADRDR spools the guest's deck")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1 IPLs its reader")

        def go():
            # SPOOL answers nothing: a fenced answer() makes sure CP read each line.
            z.answer("send cp testg1 spool pun to * class b", r"")
            z.answer("send cp testg1 spool prt form wide", r"")
            z.console("send testg1 go")

        def close():
            t.ok(z.ask("send cp testg1 close pun",
                       r"TESTG1  : PUN FILE (\d{4}) SENT TO TESTG1 RDR AS \1 RECS 0012 CPY 001 B NOHOLD NOKEEP$"),
                 "CLOSE PUN: the file goes to the guest's own reader, z/VM's message")
            t.ok(z.wait_for(r"TESTG1  : RDR FILE (\d{4}) SENT FROM TESTG1 PUN WAS \1 RECS 0012 CPY 001 B NOHOLD NOKEEP$"),
                 "and the reader side's message")
        relay(t, z, "TESTG1", "guest TESTG1", requests={"send me a line": go, "close the punch": close})
        t.ok(z.ask("send cp testg1 close prt", r"TESTG1  : PRT FILE (\d{4}) TO SYSTEM COPY 001 NOHOLD$"),
             "CLOSE PRT: the print file goes to the system queue")

        prt = rows(z.answer("q prt all", r"^(OWNERID|NO PRT)"))
        t.ok(len(prt) == 1 and prt[0][0] == "TESTG1" and prt[0][3] == "A" and prt[0][4] == "PRT"
             and int(prt[0][5]) == 4, f"QUERY PRT ALL: one file of 4 records ({prt})")
        pid = prt[0][1] if prt else "0000"
        t.ok(z.ask("q rdr all", r"^NO RDR FILES$"), "the punched file was read and is gone")
        t.ok(z.ask(f"change testg1 prt {pid} class x copy 3 name job list",
                   r"^0001 FILE CHANGED$"), "CHANGE class, copies, name")
        t.ok(z.ask(f"transfer testg1 prt {pid} to testg2",
                   rf"TESTG1  : PRT FILE {pid} SENT TO TESTG2 RDR AS {pid} RECS 0004 CPY 003 X NOHOLD NOKEEP$"),
             "TRANSFER a print file to another user's reader")
        z.console("loadrdr 00d testg2")        # the deck was read: nothing
        t.ok(z.wait_for(r"^HCPLDR9122E"), "LOADRDR of an empty reader")
        t.ok(z.ask(f"change testg2 rdr {pid} hold", r"^0001 FILE CHANGED$"), "CHANGE HOLD")
        rdr = rows(z.answer("q rdr testg2", r"^(OWNERID|NO RDR)"))
        t.ok(len(rdr) == 1 and rdr[0][7] == "USER" and rdr[0][6] == "003" and rdr[0][3] == "X",
             f"QUERY RDR userid shows it held, class X, 3 copies ({rdr})")
        t.ok(z.ask("q files", r"^FILES: +NO RDR, +NO PRT, +NO PUN$"), "QUERY FILES (the operator has none)")

        # Bad paths: each refused with its message, nothing changed.
        t.ok(z.ask("purge rdr 9999", r"^HCPCSU042E RDR FILE 9999 does not exist$"), "PURGE of a file that does not exist")
        t.ok(z.ask("change testg2 rdr all class %", r"^HCPCMD026E"), "CHANGE with a bad class")
        t.ok(z.ask("transfer testg2 rdr all to nobody", r"^HCPCSU053E NOBODY not in CP directory$"),
             "TRANSFER to an unknown user")
        t.ok(z.ask("send cp testg1 spool pun bogus", r"TESTG1  : HCPCMD003E Invalid option - BOGUS$"),
             "SPOOL with a bad option")
        t.ok(z.ask("send cp testg1 close 0123", r"TESTG1  : HCPCMD040E Device 0123 does not exist$"),
             "CLOSE of a device that does not exist")
        t.ok(z.ask("close pun", r"^HCPCMD9050E OPERATOR has no virtual machine$"), "CLOSE from the operator console")

        z.console("shutdown")
        t.ok(z.wait_disabled(0x961), "SHUTDOWN")

    with Zcp(t, deck=False, resvol=True, spool=spoolvol) as z:
        t.ok(z.ipl("0a80"), "IPL again on the same spool volume")
        t.ok(z.find(r"^HCPSPV9202I Warm start: 1 spool files on ZCPSPL"), "warm start: one file")
        again = rows(z.answer("q rdr testg2", r"^(OWNERID|NO RDR)"))
        t.ok(again == rdr, f"the file is back exactly: {again}")
        t.ok(z.answer(f"order testg2 rdr {pid}", r"") == [], "ORDER answers nothing")
        t.ok(z.ask(f"purge testg2 rdr {pid}", r"^0001 FILE PURGED$"), "PURGE it")
        t.ok(z.ask("q rdr all", r"^NO RDR FILES$"), "and it is gone")
    if not t.failed:
        shutil.rmtree(keep, ignore_errors=True)
