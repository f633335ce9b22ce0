#!/usr/bin/env python3
"""DIAG X'250' 4 KiB block reads: the guest tests/guests/g_bench250.c under
ZCP (TESTG1's 0191, a 3390 minidisk on ZCPT01) over the same deck run
directly on Hercules (an FBA 9336 at 0191: Hercules 3.13 implements DIAG
X'250' itself, for FBA devices only).  Wall time between the guest's START
and END console lines, as the harness stamps them; medians of REPEAT runs.
BENCH diag250_read_ratio_bare = ZCP / bare (target <= 2.0)."""
import statistics
import subprocess
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, Zcp

DECK = BUILD / "guests" / "bench250.deck"
REPEAT = 3
END = r"BENCH250 (END (\d+) (\d+)|FAILED.*)$"


class Bare(Zcp):
    """Hercules with the bench deck on 000C and an FBA disk on 0191."""

    def _devices(self):
        fba = self.dir / "bench.fba"
        subprocess.run(["dasdinit", str(fba), "9336", "BENCH", "8000"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return [f"000C 3505 {DECK} ebcdic autopad eof", f"0191 9336 {fba}"]


def measure(z, start_pattern, end_pattern, start=None):
    start = start or z.wait_for(start_pattern, 120)
    t0 = z.last.t if start else None
    end = z.wait_for(end_pattern, 600)
    if not (start and end) or not end.group(2) or end.group(3) != "0":
        sys.exit(f"b_diag250: the guest did not finish cleanly ({end.group(0) if end else 'no END'})")
    return z.last.t - t0


def bare_s():
    with Bare(name="b_diag250_bare", deck=False) as z:
        # Hercules rejects an IPL sent before its CPU thread has settled.
        for _ in range(100):
            z.panel("ipl 00c")
            m = z.wait_for(r"BENCH250 START$|HHCPN053E ipl rejected", 60)
            if not m or not m.group(0).startswith("HHCPN053E"):
                break
            time.sleep(0.05)
        return measure(z, r"BENCH250 START$", END, m)


def zcp_s():
    with Zcp(name="b_diag250_zcp", deck=False, resvol=True, uservol=True,
             readers={"000D": DECK}) as z:
        if not z.ipl("0a80"):
            sys.exit("b_diag250: ZCP did not come up")
        z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO ")
        z.console("xautolog testg1")
        return measure(z, r"TESTG1  : BENCH250 START$", r"TESTG1  : " + END)


def main():
    zcp = statistics.median(zcp_s() for _ in range(REPEAT))
    bare = statistics.median(bare_s() for _ in range(REPEAT))
    print(f"BENCH diag250_read_s_zcp={zcp:.3f} s")
    print(f"BENCH diag250_read_s_bare={bare:.3f} s")
    print(f"BENCH diag250_read_ratio_bare={zcp / bare:.2f} x")


if __name__ == "__main__":
    main()
