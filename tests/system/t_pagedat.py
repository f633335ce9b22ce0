#!/usr/bin/env python3
"""Paging while a two-CPU guest with DAT on runs on two real CPUs
(tests/guests/g_pagedat.c as PAGER8, 64M on a 16M machine).  CPU 01
stamps a small working set round after round while CPU 00 sweeps the
rest of storage, so CP steals frames while CPU 01 runs under SIE on the
other real CPU, and then CPU 00 releases CPU 01's pages under it.
Hercules' IPTE leaves a DAT-on guest's TLB entries on another CPU in
place (they go at SIE entry), so CP kicks the machine's vCPUs out of SIE
before it takes a frame (cp/mm/paging.c shoot_down).  The guest's stamps
and pattern must all read back."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

DECK = BUILD / "guests" / "pagedat.deck"
MAINSIZE = 16       # MiB of real storage; PAGER8 has 64M


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists():
        t.skip_all("build/zcpres.3390 or the pagedat guest is not built")
    with Zcp(t, deck=False, resvol=True, mainsize=MAINSIZE, numcpu=2, readers={"000D": DECK},
             pagevols={"0A92": 200}, deadline=3000) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.ask("loadrdr 00d pager8", r"^RDR FILE \d{4} SENT TO PAGER8"), "the guest for PAGER8")
        t.ok(z.ask("xautolog pager8", r"AUTO LOGON +\*\*\* +PAGER8"), "PAGER8 (64M, 2 CPUs) logs on")
        relay(t, z, "PAGER8", "PAGER8", timeout=1200)      # a loaded host is slow
        t.ok(z.wait_for(r"^HCPVMI9100W PAGER8: CPU 00 disabled wait, PSW \S+ 0000000000000000$", 60),
             "PAGER8's CPU 00 ends in its all-good disabled wait")
        lines = z.answer("indicate user pager8", r"^PARALLEL=\d+$") or []
        elsewhere = {}
        for line in lines:
            m = re.match(r"^CPU (\w\w) ELSEWHERE=(\d+)$", line)
            if m:
                elsewhere[m.group(1)] = int(m.group(2))
        t.ok(sum(elsewhere.values()) > 0,
             f"PAGER8's CPUs ran under SIE on the second real CPU (ELSEWHERE {elsewhere})")
        m = [re.search(r"PAGEOUTS=\s*(\d+)", l) for l in (z.answer("q frames", r"^FRAMES:") or [])]
        outs = max([int(x.group(1)) for x in m if x] or [0])
        t.ok(outs > 10000, f"CP paged meanwhile ({outs} page-outs)")
        t.ok(z.ask("force pager8", r"USER DSC +LOGOFF AS +PAGER8"), "PAGER8 logs off")
