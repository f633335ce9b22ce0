#!/usr/bin/env python3
"""Spool read speed: 100,000 cards put into TESTG1's reader with
tools/zcpspool while ZCP is down, read back by the guest
tests/guests/g_benchur.c with DIAG X'14' spool buffers, then (kept) with
reader CCWs.  Wall time between the guest's console lines, as the harness
stamps them: BENCH spool_diag14_cards_per_s (target >= 50,000) and
spool_ccw_cards_per_s.  The guest waits for a console line (SEND) before
each phase, and the bench reads the CPU time of Hercules' CPU thread then
(bench/hostcpu.py): spool_diag14_cards_per_cpu_s and
spool_ccw_cards_per_cpu_s are the same cards per second of that thread's
time, which on the loaded shared host moves much less than the wall clock
(docs/spool.md, Cost)."""
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from zcp import ARTIFACTS, BUILD, SPOOLVOL, Zcp
from hostcpu import cpu_seconds, thread_times

DECK = BUILD / "guests" / "benchur.deck"
CARDS = 100000


def main():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    work = ARTIFACTS / "b_spool-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    vol = work / "zcpspl.3390"
    shutil.copyfile(SPOOLVOL, vol)
    text = work / "cards.txt"
    text.write_text("".join(f"BENCH CARD {i:06d} THE QUICK BROWN FOX\n" for i in range(CARDS)))
    subprocess.run([str(BUILD / "bin" / "zcpspool"), "load", str(vol), "TESTG1", str(text)], check=True,
                   stdout=subprocess.DEVNULL)
    with Zcp(name="b_spool", deck=False, resvol=True, readers={"000D": DECK}, spool=vol) as z:
        if not z.ipl("0a80"):
            sys.exit("b_spool: ZCP did not come up")
        m = z.ask("loadrdr 00d testg1", r"^RDR FILE (\d+) SENT TO ")
        if not m:
            sys.exit("b_spool: LOADRDR failed")
        z.answer(f"order testg1 rdr {m.group(1)}", r"")
        z.console("xautolog testg1")

        def ready(phase):
            """Wait for the guest's READY line, then let it go: the CPU
            times when it waited, and the wall clock at the go."""
            if not z.wait_for(rf"TESTG1  : BENCHUR READY {phase}$", 600):
                sys.exit(f"b_spool: the guest did not get to {phase}")
            time.sleep(0.3)                 # the guest is in its console read by now
            cpu = thread_times(z.proc.pid)
            z.console("send testg1 go")
            return cpu, time.monotonic()

        c0, t0 = ready("D14")
        d = z.wait_for(r"TESTG1  : BENCHUR D14 (\d+)$", 600)
        t1 = z.last.t
        c1, t1b = ready("CCW")
        e = z.wait_for(r"TESTG1  : BENCHUR END (\d+) (\d+)$", 900)
        t2 = z.last.t
        time.sleep(0.3)
        c2 = thread_times(z.proc.pid)
        if not d or not e or int(e.group(1)) != CARDS or int(e.group(2)) != CARDS:
            sys.exit(f"b_spool: wrong card counts ({d and d.group(0)}, {e and e.group(0)})")
    shutil.rmtree(work, ignore_errors=True)
    print(f"BENCH spool_diag14_cards_per_s={CARDS / (t1 - t0):.0f} cards/s")
    print(f"BENCH spool_ccw_cards_per_s={CARDS / (t2 - t1b):.0f} cards/s")
    print(f"BENCH spool_diag14_cards_per_cpu_s={CARDS / cpu_seconds(c0, c1):.0f} cards/s")
    print(f"BENCH spool_ccw_cards_per_cpu_s={CARDS / cpu_seconds(c1, c2):.0f} cards/s")


if __name__ == "__main__":
    main()
