#!/usr/bin/env python3
"""kill -9 of Hercules during heavy spool work: a guest punches file after
file to TESTG2 (DIAG X'08' CLOSE after each), Hercules is killed at a
random moment, and ZCP is IPLed again on the same spool volume.  Every
file whose CLOSE was acknowledged (its SENT message seen) is back, with
its record count, no file is reported lost or damaged, and after the last
round (a clean SHUTDOWN) every card of every file on the volume is read
with tools/zcpspool and checked.  Three rounds at random points; the seed
is printed so a failure can be repeated (T_SPOOLCRASH_SEED)."""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import ARTIFACTS, BUILD, RESVOL, SPOOLVOL, Zcp

GUESTS = BUILD / "guests"
ZCPSPOOL = BUILD / "bin" / "zcpspool"
QROW = r"^(\S+) +(\d{4}) (RDR|PRT|PUN)  (\S) (\S{3}) (\d{8}) (\d{3}) (\S+)"
SENT = r"TESTG1  : PUN FILE (\d{4}) SENT TO TESTG2 RDR AS (\d{4}) RECS (\d{4}) CPY 001 C NOHOLD NOKEEP$"
ROUNDS = 3


def ncards(seq):
    return 1 + (seq * 7) % 23


def card(seq, c):
    t = f"SEQ {seq:05d} CARD {c:03d} OF {ncards(seq):03d} "
    return t + "".join(chr(ord("A") + (seq + c + i) % 26) for i in range(len(t), 80))


def queue(z):
    lines = z.answer("q rdr testg2 all", r"^(OWNERID|NO RDR)", timeout=60) or []
    return {r[1]: int(r[5]) for r in (m.groups() for m in (re.match(QROW, l) for l in lines) if m)}


with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    seed = int(os.environ.get("T_SPOOLCRASH_SEED", time.time_ns() % 1000000))
    rng = random.Random(seed)
    t.diag(f"seed {seed}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    keep = Path(tempfile.mkdtemp(prefix="t_spoolcrash-volume-", dir=ARTIFACTS))
    spoolvol = keep / "zcpspl.3390"
    shutil.copyfile(SPOOLVOL, spoolvol)
    acked = {}                                  # spoolid -> records, every round so far
    readers = {"000D": GUESTS / "spoolmany.deck"}
    for rnd in range(1, ROUNDS + 1):
        with Zcp(t, deck=False, resvol=True, readers=readers, spool=spoolvol) as z:
            t.ok(z.ipl("0a80"), f"round {rnd}: IPL")
            m = z.find(r"^HCPSPV9202I Warm start: (\d+) spool files")
            t.ok(m and int(m.group(1)) >= len(acked), f"round {rnd}: warm start with at least "
                 f"the {len(acked)} acknowledged files ({m and m.group(0)})")
            t.ok(not z.find(r"HCPWRS9210W"), f"round {rnd}: no file reported lost")
            have = queue(z)
            missing = {i: n for i, n in acked.items() if have.get(i) != n}
            t.ok(not missing, f"round {rnd}: every acknowledged file is back with its records "
                 f"({len(acked)} files; missing or wrong: {missing})")
            acked = dict(have)                  # closed but unacknowledged ones count too now
            t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d{4} SENT TO TESTG1"), f"round {rnd}: LOADRDR")
            t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), f"round {rnd}: XAUTOLOG")
            t.ok(z.wait_for(r"TESTG1  : # mode\?$"), f"round {rnd}: the guest asks for its mode")
            start = z.mark()
            z.console("send testg1 FOREVER")
            want = rng.randint(3, 25)
            got = 0
            while got < want and z.wait_for(SENT, timeout=60):
                got += 1
            time.sleep(rng.random() * 0.3)
            z.proc.kill()                       # SIGKILL: no chance to write anything more
            z.proc.wait()
            time.sleep(0.5)                     # the reader threads take the last lines
            sent = [re.search(SENT, l) for l in z.texts(start)]
            sent = {m.group(2): int(m.group(3)) for m in sent if m}
            t.ok(got == want and len(sent) >= want,
                 f"round {rnd}: killed Hercules after {len(sent)} acknowledged CLOSEs")
            acked.update(sent)
    with Zcp(t, deck=False, resvol=True, spool=spoolvol) as z:
        t.ok(z.ipl("0a80"), "last IPL")
        t.ok(not z.find(r"HCPWRS9210W"), "no file reported lost")
        have = queue(z)
        missing = {i: n for i, n in acked.items() if have.get(i) != n}
        t.ok(not missing, f"every acknowledged file is back ({len(acked)}; missing or wrong: {missing})")
        z.console("shutdown")
        t.ok(z.wait_disabled(0x961), "SHUTDOWN")
    bad = []
    seqs = []
    for sid in sorted(have):
        out = keep / f"{sid}.txt"
        r = subprocess.run([str(ZCPSPOOL), "dump", str(spoolvol), str(int(sid)), str(out)],
                           capture_output=True, text=True)
        lines = out.read_text(errors="replace").splitlines() if r.returncode == 0 and out.exists() else []
        m = re.match(r"SEQ (\d{5}) ", lines[0]) if lines else None
        seq = int(m.group(1)) if m else -1
        seqs.append(seq)
        if not m or [l.ljust(80) for l in lines] != [card(seq, c) for c in range(1, ncards(seq) + 1)]:
            bad.append(sid)
    t.ok(have and not bad, f"every card of all {len(have)} files is as punched (bad: {bad})")
    if not t.failed:
        shutil.rmtree(keep, ignore_errors=True)
