#!/usr/bin/env python3
"""Spool volume full: on a small spool volume (5 cylinders, 73 data
blocks) a guest closes 3 files to TESTG2, then punches one file until the
punch fails.  The punch gets unit check with intervention required, the
cards written so far are closed as a file in system hold with z/VM-style
messages to the user and the operator, the 3 earlier files are untouched,
PURGE of the held file frees the space and the next file is spooled; after
SHUTDOWN every card on the volume is checked with tools/zcpspool."""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import ARTIFACTS, BUILD, RESVOL, Zcp

GUESTS = BUILD / "guests"
ZCPSPOOL = BUILD / "bin" / "zcpspool"
QROW = r"^(\S+) +(\d{4}) (RDR|PRT|PUN)  (\S) (\S{3}) (\d{8}) (\d{3}) (\S+)"


def ncards(seq):
    return 1 + (seq * 7) % 23


def card(seq, c):
    t = f"SEQ {seq:05d} CARD {c:03d} OF {ncards(seq):03d} "
    return t + "".join(chr(ord("A") + (seq + c + i) % 26) for i in range(len(t), 80))


def rows(lines):
    return [m.groups() for m in (re.match(QROW, l) for l in lines or []) if m]


with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    keep = Path(tempfile.mkdtemp(prefix="t_spoolfull-volume-", dir=ARTIFACTS))
    vol = keep / "small.3390"
    subprocess.run(["dasdinit", str(vol), "3390", "ZCPSPL", "5"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([str(ZCPSPOOL), "format", str(vol)], check=True, stdout=subprocess.DEVNULL)
    with Zcp(t, deck=False, resvol=True, readers={"000D": GUESTS / "spoolmany.deck"}, spool=vol) as z:
        t.ok(z.ipl("0a80"), "IPL on a 5-cylinder spool volume")
        t.ok(z.find(r"^HCPSPV9202I Warm start: 0 spool files on ZCPSPL \(0A90\), 73 of 73 blocks free"),
             "73 data blocks, all free")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d{4} SENT TO TESTG1"), "LOADRDR the guest")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1")
        t.ok(z.wait_for(r"TESTG1  : # mode\?$"), "the guest asks for its mode")
        z.console("send testg1 FILL")
        m = z.wait_for(r"TESTG1  : FULL (\d+) (\w\w) (\w\w)$", timeout=120)
        t.ok(m and int(m.group(1)) > 1000, f"the guest punched {m and m.group(1)} cards before the spool filled")
        t.ok(m and int(m.group(2), 16) & 0x02 and m.group(3) == "40",
             f"then unit check, sense intervention required ({m and m.groups()})")
        cards = int(m.group(1)) if m else -1
        m = z.find(r"^HCPSPS9431E System spool space full: PUN FILE (\d{4}) of TESTG1 closed and held$")
        t.ok(m, "the operator's message")
        held = m.group(1) if m else "0000"
        t.ok(z.find(rf"TESTG1  : HCPSPS9432E Spool space full; PUN FILE {held} closed and held$"),
             "the user's message")
        pun = rows(z.answer("q pun testg1 all", r"^(OWNERID|NO PUN)"))
        t.ok(len(pun) == 1 and pun[0][1] == held and int(pun[0][5]) == cards and pun[0][7] == "SYS",
             f"the file being written: closed with every card written, in system hold ({pun})")
        rdr = rows(z.answer("q rdr testg2 all", r"^(OWNERID|NO RDR)"))
        t.ok([int(r[5]) for r in rdr] == [ncards(s) for s in (1, 2, 3)],
             f"the 3 files closed before are all there ({rdr})")
        t.ok(z.ask(f"purge testg1 pun {held}", r"^0001 FILE PURGED$"), "PURGE the held file")
        z.console("send testg1 GO")
        t.ok(z.wait_for(rf"TESTG1  : PUN FILE \d{{4}} SENT TO TESTG2 RDR AS (\d{{4}}) RECS {ncards(5):04d} "),
             "the freed space takes the next file")
        t.ok(z.wait_for(r"TESTG1  : AGAIN 1$"), "its cards punched without error")
        rdr = rows(z.answer("q rdr testg2 all", r"^(OWNERID|NO RDR)"))
        z.console("shutdown")
        t.ok(z.wait_disabled(0x961), "SHUTDOWN")
    bad = []
    for r, seq in zip(rdr, (1, 2, 3, 5)):
        out = keep / f"{r[1]}.txt"
        p = subprocess.run([str(ZCPSPOOL), "dump", str(vol), str(int(r[1])), str(out)],
                           capture_output=True, text=True)
        lines = out.read_text(errors="replace").splitlines() if p.returncode == 0 and out.exists() else []
        if [l.ljust(80) for l in lines] != [card(seq, c) for c in range(1, ncards(seq) + 1)]:
            bad.append(r[1])
    t.ok(len(rdr) == 4 and not bad, f"every card of the 4 files in TESTG2's reader is as punched ({bad})")
    if not t.failed:
        shutil.rmtree(keep, ignore_errors=True)
