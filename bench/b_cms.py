#!/usr/bin/env python3
"""The CMS-like guest (docs/cms.md) from a CMSUSER terminal, times as the
harness stamps the terminal's lines:
BENCH cms_ipl_ready_s: `#CP IPL 190` sent -> `Ready;` (median of 3; target <= 0.5)
BENCH cms_listfile_1000_s: LISTFILE of 1000 files (made by an EXEC) -> Ready;
cms_copyfile_10mb_s and batch_jobs_per_min are bench/b_batch.py's."""
import statistics
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import Zcp

READY = r"^Ready(;|\(-?\d+\);) T="


def timed(term, cmd, timeout=600):
    term.send(cmd)
    t0 = time.monotonic()
    if not term.wait_for(READY, timeout):
        sys.exit(f"b_cms: no Ready after {cmd!r}")
    with term._cond:
        t1 = next(t for t, text in reversed(term.lines[:term.cursor]) if text.startswith("Ready"))
    return t1 - t0


def main():
    with Zcp(name="b_cms", deck=False, resvol=True, uservol=True, deadline=900) as z:
        if not z.ipl("0a80"):
            sys.exit("b_cms: ZCP did not come up")
        a = z.terminal("0020")
        if not a or not a.logon("cmsuser", "cmsuser") or not a.wait_for(READY, 60):
            sys.exit("b_cms: CMS did not start")
        ipl = statistics.median(timed(a, "#cp ipl 190") for _ in range(3))
        a.ask("edit empty file a", r"^EDIT:")
        timed(a, "file")
        a.ask("edit make exec a", r"^EDIT:")
        a.ask("input", r"^INPUT:")
        for line in ["&I = 0", "-L", "&I = &I + 1", "COPYFILE EMPTY FILE A F&I X A",
                     "&IF &I < 1000 &GOTO -L"]:
            a.send(line)
            a.wait_for(r"^VM READ$", 30)
        a.ask(" ", r"^EDIT:")
        timed(a, "file")
        timed(a, "make", 900)
        start = len(a.texts())
        listf = timed(a, "listfile * x a", 900)
        made = sum(1 for l in a.texts()[start:] if l.endswith(" X        A1"))
        if made != 1000:
            sys.exit(f"b_cms: LISTFILE showed {made} files, not 1000")
        print(f"BENCH cms_ipl_ready_s={ipl:.3f} s")
        print(f"BENCH cms_listfile_1000_s={listf:.3f} s")


if __name__ == "__main__":
    main()
