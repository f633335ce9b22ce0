#!/usr/bin/env python3
"""Paging (docs/paging.md): 8 guests whose storage totals 8x real storage
each write and verify all their pages (tests/guests/g_paging.c as LOOP01 to
LOOP08, 16M each), on a 16M machine with a paging volume; then the same
work on a machine where it all fits (160M, no paging).  Times are the
host's, from the first XAUTOLOG to the last guest's disabled wait
(DESIGN.md: the TOD clock is useless for timing under SIE).

  paging_pageins_per_s      page-ins (QUERY FRAMES) / overcommitted run time
  paging_fault_equiv_instr  average page-fault service time, in the guest
                            instructions the fitting run executes in that
                            time: (overcommitted time - fitting time) /
                            page-ins, times the fitting run's rate of guest
                            doubleword stores and loads (two instructions each)
  paging_overcommit_ratio   overcommitted run time / fitting run time
"""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, Zcp

DECK = BUILD / "guests" / "paging.deck"
USERS = [f"LOOP0{i}" for i in range(1, 9)]
GUEST_MB = 16


def run(name, mainsize, pagevols):
    readers = {f"00{d}": DECK for d in ("D",)}
    with Zcp(name=name, deck=False, resvol=True, mainsize=mainsize, readers=readers,
             pagevols=pagevols, deadline=3000) as z:
        if not z.ipl("0a80"):
            sys.exit(f"b_paging: ZCP did not come up ({name})")
        for u in USERS:
            z.panel(f"devinit 00d {DECK} ebcdic autopad eof")
            if not z.ask(f"loadrdr 00d {u.lower()}", rf"^RDR FILE \d+ SENT TO {u}|^HCP"):
                sys.exit(f"b_paging: LOADRDR for {u} failed")
        t0 = None
        for u in USERS:
            # While guests page hard a console line can be lost (the 3215
            # keeps one line of type-ahead): ask again.
            for _ in range(5):
                if z.ask(f"xautolog {u.lower()}", rf"AUTO LOGON +\*\*\* +{u}|HCPCFX6054E", 30):
                    break
            else:
                sys.exit(f"b_paging: XAUTOLOG {u} failed")
            t0 = t0 or z.last.t
        # Guests end in any order: wait for the count, then look each up.
        for _ in USERS:
            if not z.wait_for(r"^HCPVMI9100W LOOP0\d: CPU 00 disabled wait", 2400):
                sys.exit("b_paging: not every guest ended")
        end = z.last.t
        # The pattern checks (the guest's test points 1 and 2) decide: the
        # later ones (pfault counts, DIAG X'214' at 40M) need a guest of 64M
        # that pages, which the fitting run's 16M guests are not.
        for u in USERS:
            for n, what in ((1, "all"), (2, "a second pass")):
                if not z.find(rf"^{u} +: ok {n} - {what}"):
                    sys.exit(f"b_paging: {u} did not verify its storage (test point {n})")
        lines = z.answer("q frames", r"^PAGING:") or []
        counts = {k: int(v) for l in lines for k, v in re.findall(r"([\w-]+)=(\d+)", l)}
        return end - t0, counts


def main():
    fit_s, _ = run("b_paging_fit", 160, None)
    over_s, c = run("b_paging_over", GUEST_MB, {"0A92": 260})
    pageins = c.get("PAGEINS", 0)
    print(f"# b_paging: fit {fit_s:.1f}s, overcommitted {over_s:.1f}s, {pageins} page-ins, "
          f"{c.get('PAGEOUTS', 0)} page-outs")
    if not pageins:
        sys.exit("b_paging: the overcommitted run did not page")
    # Work the guests do: each writes and reads (twice) every doubleword
    # from 1M up: 3 passes of (16M - 1M) / 8 accesses, ~2 instructions each.
    instr = len(USERS) * 3 * ((GUEST_MB - 1) << 20) // 8 * 2
    rate = instr / fit_s
    print(f"BENCH paging_pageins_per_s={pageins / over_s:.0f}")
    print(f"BENCH paging_fault_equiv_instr={(over_s - fit_s) / pageins * rate:.0f}")
    print(f"BENCH paging_overcommit_ratio={over_s / fit_s:.2f}")


if __name__ == "__main__":
    main()
