#!/usr/bin/env python3
"""DIAGNOSE costs in ordinary guest instructions: tests/guests/g_benchdiag.c
as TESTG1 under ZCP.  The guest runs three phases between console markers
(a BRCTG loop of one instruction an iteration, DIAG X'44', DIAG X'08'
QUERY TIME into a response buffer), several rounds of them in turn; the host
times the markers on the harness' line stamps (Hercules' TOD runs ahead
under SIE: DESIGN.md).  Each figure takes the fastest round of its phase:
on a shared host other work only ever slows a phase down.

  diag44_equiv_instr  one DIAG X'44' round trip / one loop instruction
                      (target <= 300)
  diag08_equiv_instr  one DIAG X'08' QUERY TIME with a buffer / one loop
                      instruction (target <= 3,000)
"""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, Zcp

DECK = BUILD / "guests" / "benchdiag.deck"
USER = "TESTG1  : "


def phase(z, name):
    """(count, seconds) of one START..END phase."""
    start = z.wait_for(rf"{USER}BENCHDIAG ({name} START (\d+)|FAILED.*)$", 300)
    if not start or not start.group(2):
        sys.exit(f"b_diag: no {name} start ({start.group(0) if start else 'nothing'})")
    t0 = z.last.t
    end = z.wait_for(rf"{USER}BENCHDIAG {name} END( \d+)?$", 300)
    if not end:
        sys.exit(f"b_diag: no {name} end")
    if end.group(1) and int(end.group(1)) != 0:
        sys.exit(f"b_diag: {end.group(1).strip()} {name} calls failed")
    return int(start.group(2)), z.last.t - t0


def main():
    with Zcp(name="b_diag", deck=False, resvol=True, readers={"000D": DECK}, deadline=900) as z:
        if not z.ipl("0a80"):
            sys.exit("b_diag: ZCP did not come up")
        if not z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO TESTG1 "):
            sys.exit("b_diag: LOADRDR failed")
        z.console("xautolog testg1")
        best = {}
        while True:
            m = z.wait_for(rf"{USER}BENCHDIAG (LOOP START|DONE|FAILED.*)", 300)
            if not m or m.group(1).startswith("FAILED"):
                sys.exit(f"b_diag: {m.group(0) if m else 'the guest stopped'}")
            if m.group(1) == "DONE":
                break
            z.cursor -= 1           # phase() waits for this START line again
            for name in ("LOOP", "D44", "D08"):
                n, s = phase(z, name)
                if name not in best or s / n < best[name][1] / best[name][0]:
                    best[name] = (n, s)
    (loop_n, loop_s), (d44_n, d44_s), (d08_n, d08_s) = best["LOOP"], best["D44"], best["D08"]
    instr = loop_s / loop_n          # seconds per BRCTG (one instruction)
    print(f"# fastest rounds: loop {loop_n} in {loop_s:.3f}s, D44 {d44_n} in {d44_s:.3f}s, "
          f"D08 {d08_n} in {d08_s:.3f}s")
    print(f"BENCH guest_mips={1 / instr / 1e6:.1f} MIPS")
    print(f"BENCH diag44_us={d44_s / d44_n * 1e6:.2f} us")
    print(f"BENCH diag08_us={d08_s / d08_n * 1e6:.2f} us")
    print(f"BENCH diag44_equiv_instr={d44_s / d44_n / instr:.0f} instr")
    print(f"BENCH diag08_equiv_instr={d08_s / d08_n / instr:.0f} instr")


if __name__ == "__main__":
    main()
