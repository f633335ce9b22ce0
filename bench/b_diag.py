#!/usr/bin/env python3
"""DIAGNOSE costs in ordinary guest instructions: tests/guests/g_benchdiag.c
as TESTG1 under ZCP.  The guest runs three phases (a BRCTG loop of one
instruction an iteration, DIAG X'44', DIAG X'08' QUERY TIME into a response
buffer), three rounds of them in turn, and waits for a console line (SEND)
before each.  A phase's cost is the CPU time Hercules' CPU thread spent on
it (Linux /proc, read while the guest waits and the thread is idle), not
the wall clock: on a loaded shared host the wall clock counts the time
other programs had the host's CPUs, and intercept-heavy phases lose more
of it than the loop.  (Hercules' TOD runs ahead under SIE, DESIGN.md, so
the guest cannot time itself.)  Each round gives a DIAG's cost in loop
instructions of the same round; the figures are the medians of the rounds.

  diag44_equiv_instr  one DIAG X'44' round trip / one loop instruction
                      (target <= 300)
  diag08_equiv_instr  one DIAG X'08' QUERY TIME with a buffer / one loop
                      instruction (target <= 3,000)
"""
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from zcp import BUILD, Zcp
from hostcpu import cpu_seconds, thread_times

DECK = BUILD / "guests" / "benchdiag.deck"
USER = "TESTG1  : "


def median(values):
    return sorted(values)[len(values) // 2]


def main():
    with Zcp(name="b_diag", deck=False, resvol=True, readers={"000D": DECK}, deadline=1800) as z:
        if not z.ipl("0a80"):
            sys.exit("b_diag: ZCP did not come up")
        if not z.ask("loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO TESTG1 "):
            sys.exit("b_diag: LOADRDR failed")
        z.console("xautolog testg1")
        rounds, per, last = [], {}, None    # last: (phase, count, thread times)
        while True:
            m = z.wait_for(rf"{USER}BENCHDIAG (?:(\w+) READY (\d+)|(FAILED.*))$", 600)
            if not m or m.group(3):
                sys.exit(f"b_diag: {m.group(3) if m else 'the guest stopped'}")
            time.sleep(0.3)                 # the guest is in its console read by now
            now = thread_times(z.proc.pid)
            if last:
                name, n, before = last
                per[name] = cpu_seconds(before, now) / n
                if name == "D08":
                    rounds.append(per)
                    print(f"# round: instr {per['LOOP'] * 1e9:.2f} ns, D44 {per['D44'] * 1e6:.2f} us, "
                          f"D08 {per['D08'] * 1e6:.2f} us (CPU time)", flush=True)
                    per = {}
            name, n = m.group(1), int(m.group(2))
            if name == "DONE":
                if n:
                    sys.exit(f"b_diag: {n} DIAG X'08' calls failed")
                break
            last = (name, n, now)
            z.console("send testg1 go")
    instr = median([r["LOOP"] for r in rounds])
    print(f"BENCH guest_mips={1 / instr / 1e6:.1f} MIPS")
    print(f"BENCH diag44_us={median([r['D44'] for r in rounds]) * 1e6:.2f} us")
    print(f"BENCH diag08_us={median([r['D08'] for r in rounds]) * 1e6:.2f} us")
    print(f"BENCH diag44_equiv_instr={median([r['D44'] / r['LOOP'] for r in rounds]):.0f} instr")
    print(f"BENCH diag08_equiv_instr={median([r['D08'] / r['LOOP'] for r in rounds]):.0f} instr")


if __name__ == "__main__":
    main()
