#!/usr/bin/env python3
"""Console spooling and unit-record DEFINE/DETACH: SPOOL CONSOLE START TO
another user, the console lines land in a printer file that CLOSE sends to
that user's reader (checked record by record with tools/zcpspool after
SHUTDOWN); SPOOL CONSOLE to the system queue; DEFINE READER/PUNCH/PRINTER
and DETACH of them, with their bad paths."""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import ARTIFACTS, BUILD, RESVOL, SPOOLVOL, Zcp

ZCPSPOOL = BUILD / "bin" / "zcpspool"

with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    keep = Path(tempfile.mkdtemp(prefix="t_spoolcon-volume-", dir=ARTIFACTS))
    spoolvol = keep / "zcpspl.3390"
    shutil.copyfile(SPOOLVOL, spoolvol)
    cid = None
    with Zcp(t, deck=False, resvol=True, spool=spoolvol) as z:
        t.ok(z.ipl("0a80"), "IPL")
        t.ok(z.ask("xautolog testg2", r"^AUTO LOGON +\*\*\* +TESTG2"), "XAUTOLOG TESTG2")
        t.ok(z.answer("send cp testg2 spool console start to testg3 name conlog listing", r"") == [],
             "SPOOL CONSOLE START TO TESTG3 answers nothing")
        t.ok(z.ask("send cp testg2 query time", r"TESTG2  : TIME IS "), "a command's answer on TESTG2's console")
        m = z.ask("send cp testg2 spool console stop close",
                  r"TESTG2  : CON FILE (\d{4}) SENT TO TESTG3 RDR AS (\d{4}) RECS (\d{4}) CPY 001 T NOHOLD NOKEEP$")
        t.ok(m, "SPOOL CONSOLE STOP CLOSE: CON FILE ... SENT TO TESTG3")
        cid = m.group(2) if m else None
        t.ok(m and int(m.group(3)) >= 1, "the console file has records")
        rows = z.answer("q rdr testg3 all", r"^(OWNERID|NO RDR)") or []
        t.ok(any(cid and re.match(rf"^TESTG3 +{cid} RDR +T ", l) for l in rows),
             f"QUERY RDR TESTG3: the console file, class T ({rows})")
        t.ok(any("CONLOG" in l and "LISTING" in l for l in rows), "named CONLOG LISTING")
        z.answer("send cp testg2 spool console start to system", r"")
        z.ask("send cp testg2 query time", r"TESTG2  : TIME IS ")
        t.ok(z.ask("send cp testg2 close console", r"TESTG2  : CON FILE \d{4} TO SYSTEM COPY 001 NOHOLD$"),
             "SPOOL CONSOLE START (to the system), CLOSE CONSOLE: the file goes to the system queue")
        t.ok(z.ask("send cp testg2 spool console bogus", r"TESTG2  : HCPCMD003E Invalid option - BOGUS$"),
             "SPOOL CONSOLE with a bad option")
        t.ok(z.ask("send cp testg2 spool console to nobody", r"TESTG2  : HCPCSP053E NOBODY not in CP directory$"),
             "SPOOL CONSOLE TO an unknown user")
        z.answer("send cp testg2 spool console stop", r"")

        # DEFINE / DETACH of unit-record devices.
        t.ok(z.ask("send cp testg2 define punch 01d", r"TESTG2  : PUN 001D DEFINED$"), "DEFINE PUNCH 01D")
        t.ok(z.ask("send cp testg2 define rdr as 01c", r"TESTG2  : RDR 001C DEFINED$"), "DEFINE RDR AS 01C")
        t.ok(z.ask("send cp testg2 define 1403 01e", r"TESTG2  : PRT 001E DEFINED$"), "DEFINE 1403 01E")
        t.ok(z.ask("send cp testg2 define printer 01e", r"TESTG2  : HCPDEF1012E TESTG2 001E already defined$"),
             "DEFINE of a device that exists")
        t.ok(z.ask("send cp testg2 define reader 0xyz", r"TESTG2  : HCPCMD002E Invalid operand - 0XYZ$"), "DEFINE READER with a bad number")
        t.ok(z.ask("send cp testg2 define punch", r"TESTG2  : HCPCMD026E"), "DEFINE PUNCH without a number")
        t.ok(z.answer("send cp testg2 spool 01d to testg3", r"") == [], "SPOOL the new punch TO TESTG3")
        t.ok(z.ask("send cp testg2 detach 01d", r"TESTG2  : PUN 001D DETACHED$"), "DETACH the punch")
        t.ok(z.ask("send cp testg2 detach 01c", r"TESTG2  : RDR 001C DETACHED$"), "DETACH the reader")
        t.ok(z.ask("send cp testg2 detach 01e", r"TESTG2  : PRT 001E DETACHED$"), "DETACH the printer")
        t.ok(z.ask("send cp testg2 detach 01e", r"TESTG2  : HCPDTV040E Device 001E does not exist$"),
             "DETACH again: it does not exist")
        z.console("shutdown")
        t.ok(z.wait_disabled(0x961), "SHUTDOWN")
    out = keep / "con.txt"
    r = subprocess.run([str(ZCPSPOOL), "dump", str(spoolvol), str(int(cid or 0)), str(out)],
                       capture_output=True, text=True)
    text = out.read_text(errors="replace") if r.returncode == 0 and out.exists() else ""
    t.ok(re.search(r"^TIME IS ", text, re.M), f"the console file holds the answer to QUERY TIME ({r.stderr.strip()})")
    t.ok("TIME IS" in text and "SPOOL CONSOLE" not in text.upper().replace("SPOOL CONSOLE START", ""),
         "and no more than the console showed")
    if not t.failed:
        shutil.rmtree(keep, ignore_errors=True)
