#!/usr/bin/env python3
"""The batch machine and a big CMS file (docs/cms.md), times as the harness
stamps console and terminal lines:
BENCH batch_jobs_per_min: 30 small jobs queued in BATCH1's reader while it
  is stopped (SEND CP BATCH1 STOP), then BEGIN: jobs ended per minute,
  from BEGIN to the last job's end message (each job: a re-IPL of CMS, the
  job, its console log spooled back, two messages).
BENCH cms_copyfile_10mb_s: COPYFILE of a 10 MiB file (131072 records of 80
  bytes, RECFM V) on CMSBIG's 0191, ZCPB01 cylinders 1-40, a volume this
  benchmark builds (zcpmdisk, cmsdisk) and attaches on 0A82 -> Ready."""
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, REPO, Zcp

READY = r"^Ready(;|\((-?\d+)\);) T="
JOBS = 30


def ready_time(term, timeout=600):
    """The harness's time of the next Ready line (None: none came)."""
    if not term.wait_for(READY, timeout):
        return None
    with term._cond:
        return next(t for t, text in reversed(term.lines[:term.cursor]) if text.startswith("Ready"))


def typed(term, name, lines):
    term.ask(f"edit {name}", r"^NEW FILE:")
    term.ask("input", r"^INPUT:")
    for line in lines:
        term.send(line)
        term.wait_for(r"^VM READ$", 30)
    term.ask(" ", r"^EDIT:")
    term.send("file")
    return ready_time(term, 60)


def jobs_per_min():
    with Zcp(name="b_batch_jobs", deck=False, resvol=True, uservol=True, autolog=True, deadline=600) as z:
        if not z.ipl("0a80") or not z.wait_for(r"^BATCH1  : DMSBTM100I ", 60):
            sys.exit("b_batch: the batch machine did not come up")
        a = z.terminal("0020")
        if not a or not a.logon("cmsuser", "cmsuser") or not a.wait_for(READY, 60):
            sys.exit("b_batch: CMS did not start")
        typed(a, "small job a", ["/JOB CMSUSER SMALL", "&TYPE a small job", "listfile * * s", "/*"])
        typed(a, "many exec a", ["CP SPOOL PUNCH TO BATCH1", f"&LOOP -E {JOBS}", "PUNCH SMALL JOB A", "-E"])
        z.console("send cp batch1 stop")        # queue the jobs first
        a.send("many")
        if ready_time(a, 300) is None:
            sys.exit("b_batch: MANY EXEC did not end")
        t0 = time.monotonic()
        z.console("send cp batch1 begin")
        ends = 0
        last = None
        while ends < JOBS:
            m = z.wait_for(r"^BATCH1  : DMSBTM102I Job SMALL \(JOB\d{4}\) ended .*RC=(-?\d+)$", 120)
            if not m:
                sys.exit(f"b_batch: only {ends} of {JOBS} jobs ended")
            if m.group(1) != "0":
                sys.exit(f"b_batch: a job ended with RC={m.group(1)}")
            ends += 1
            last = z.last.t
        return JOBS / (last - t0) * 60


def big_volume(tmp):
    """ZCPB01: CMSBIG's 0191 (cylinders 1-40) with BIG DATA, 10 MiB."""
    data = tmp / "big.data"
    with open(data, "w") as f:
        for i in range(131072):
            f.write(f"{i:08d} " + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" * 2 + "abcdefghi" + "\n")
    vol = tmp / "zcpb01.3390"
    bins = BUILD / "bin"
    for cmd in ([bins / "zcpmdisk", "create", vol, "ZCPB01", "41"],
                [bins / "zcpmdisk", "layout", vol, REPO / "conf" / "user.direct"],
                [bins / "cmsdisk", vol, "1", "40", "0", "BIG191", data]):
        subprocess.run([str(c) for c in cmd], check=True, stdout=subprocess.DEVNULL)
    return vol


def copyfile_s():
    with tempfile.TemporaryDirectory(prefix="b_batch_") as tmp:
        vol = big_volume(Path(tmp))
        with Zcp(name="b_batch_copy", deck=False, resvol=True, uservol=True,
                 volumes={"0A82": vol}, deadline=900) as z:
            if not z.ipl("0a80"):
                sys.exit("b_batch: ZCP did not come up")
            a = z.terminal("0020")
            if not a or not a.logon("cmsbig", "cmsbig") or not a.wait_for(READY, 60):
                sys.exit("b_batch: CMS did not start for CMSBIG")
            a.send("listfile big data a (format")
            m = a.wait_for(r"^BIG +DATA +A1 V +(\d+) +(\d+) ", 60)
            ready_time(a)
            if not m or m.group(2) != "131072":
                sys.exit(f"b_batch: BIG DATA A is not there ({m.group(0) if m else 'no LISTFILE line'})")
            a.send("copyfile big data a big copy a")
            t0 = time.monotonic()
            t1 = ready_time(a, 600)
            a.send("listfile big copy a (format")
            m = a.wait_for(r"^BIG +COPY +A1 V +(\d+) +(\d+) ", 60)
            if t1 is None or not m or m.group(2) != "131072":
                sys.exit("b_batch: COPYFILE did not make BIG COPY A of 131072 records")
            return t1 - t0


def main():
    rate = jobs_per_min()
    print(f"BENCH batch_jobs_per_min={rate:.1f} jobs/min")
    copy = copyfile_s()
    print(f"BENCH cms_copyfile_10mb_s={copy:.3f} s")


if __name__ == "__main__":
    main()
