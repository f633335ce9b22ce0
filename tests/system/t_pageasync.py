#!/usr/bin/env python3
"""Asynchronous page-in (docs/paging.md): two guests of 64M each
(tests/guests/g_pageasync.c as PAGER4 and PAGER5) page hard on a 16M
machine with one real CPU while a CPU-bound guest (g_loop.c as LOOP01)
runs.  Checked: the pattern guests verify all their storage (no page lost
or read twice into the wrong place), their pfault init/completion pairs
match with other work run in between, keys survive; the CPU-bound guest
keeps printing its markers while the others page; INDICATE USER shows
page-ins in flight; the operator console answers during the paging; CP
ran guests while page-in reads were in flight (QUERY FRAMES OVERLAP-MS),
which a synchronous page-in on the only CPU cannot; nothing is left
behind at logoff."""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

DECK = BUILD / "guests" / "pageasync.deck"
LOOP = BUILD / "guests" / "loop.deck"
MAINSIZE = 16


def numbers(lines):
    out = {}
    for l in lines or []:
        for k, v in re.findall(r"(\w[\w-]*)=\s*(\d+)", l):
            out[k] = int(v)
    return out


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists() or not LOOP.exists():
        t.skip_all("build/zcpres.3390 or the test guests are not built")
    readers = {"000D": DECK, "000E": DECK, "000F": LOOP}
    with Zcp(t, deck=False, resvol=True, mainsize=MAINSIZE, readers=readers,
             pagevols={"0A92": 200}, deadline=1200) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        z.ask("loadrdr 00f loop01", r"^RDR FILE \d{4} SENT TO LOOP01")
        t.ok(z.ask("xautolog loop01", r"AUTO LOGON +\*\*\* +LOOP01"), "LOOP01 (CPU-bound) logs on")
        t.ok(z.wait_for(r"^LOOP01 +: LOOP 1$", 120), "LOOP01 runs")
        for rdr, user in (("00d", "pager4"), ("00e", "pager5")):
            z.ask(f"loadrdr {rdr} {user}", rf"^RDR FILE \d{{4}} SENT TO {user.upper()}")
        begin = z.mark()
        t.ok(z.ask("xautolog pager4", r"AUTO LOGON +\*\*\* +PAGER4") and
             z.ask("xautolog pager5", r"AUTO LOGON +\*\*\* +PAGER5"),
             "PAGER4 and PAGER5 (64M each on a 16M machine) log on")
        # PAGER4's pfault count while it writes its first pattern (page-outs,
        # no reads): the base the samples below are compared with, since a
        # fast run may finish the read-back between two samples.
        base = numbers(z.answer("indicate user pager4", r"^PAGE-WAIT:", 60)).get("PFAULT-INITS", 0)
        # Until both have written their first pattern.
        for _ in range(2):
            z.wait_for(r"^PAGER[45] +: ok 1 - ", 600)
        start, t0 = z.mark(), time.monotonic()
        # While they page in: the console answers, INDICATE USER follows
        # the pfault interruptions (and, when a sample falls on one, shows
        # the reads in flight and waiting vCPUs), QUERY FRAMES counts.
        answered, pageins, inits, inflight = 0, [], [], 0
        # The first sample is the base: a fast machine may finish PAGER4's
        # read-back within one more sample, so at least two are taken.
        for i in range(10):
            n = numbers(z.answer("indicate user pager4", r"^PAGE-WAIT:", 60))
            if "PFAULT-INITS" in n:
                inits.append(n["PFAULT-INITS"])
                inflight += (n["INFLIGHT"] + n["VCPUS"]) > 0
            f = numbers(z.answer("q frames", r"^PAGE-INS:", 60))
            if "PAGEINS" in f:
                answered += 1
                pageins.append(f["PAGEINS"])
            if i >= 1 and z.find(r"^PAGER4 +: ok 2 - "):
                break
        t.ok(answered >= 2 and pageins[-1] > pageins[0],
             f"the operator console answers while the guests page ({answered} QUERY FRAMES, "
             f"PAGEINS {pageins[0] if pageins else '-'} -> {pageins[-1] if pageins else '-'})")
        t.ok(len(inits) >= 2 and inits[-1] > base,
             f"INDICATE USER follows PAGER4's page faults (PFAULT-INITS {base} -> {inits[:1]} -> "
             f"{inits[-1:]}; reads in flight or a vCPU waiting in {inflight} samples)")
        for user in ("PAGER4", "PAGER5"):
            z.cursor = begin                # relay from their lines since logon
            relay(t, z, user, user, timeout=900)
        # Both disabled waits (the relays may have read past them already).
        for user in ("PAGER4", "PAGER5"):
            z.cursor = begin
            z.wait_for(rf"^HCPVMI9100W {user}: CPU 00 disabled wait", 300)
        for user in ("PAGER4", "PAGER5"):
            ok = z.find(rf"^HCPVMI9100W {user}: CPU 00 disabled wait, PSW \S+ (\S+)$")
            t.ok(ok and ok.group(1) == "0000000000000000",
                 f"{user} ends in its all-good disabled wait ({ok.group(1) if ok else 'never'})")
        # Fairness: from the start of the page-ins to the later pager's
        # disabled wait, LOOP01 (one of three guests on the only CPU) never
        # goes without a marker for half of that phase.  Starved, it printed
        # none at all for 21-53 s: every page-in completion both ended the
        # running slice and preferred its pager, so the round robin never
        # came up (cp/sched/dispatch.c pick alternates them now).
        ends = [ts for u in ("PAGER4", "PAGER5")
                for ts in z.times(rf"^HCPVMI9100W {u}: CPU 00 disabled wait", begin)[:1]]
        t1 = max(ends) if len(ends) == 2 else t0
        marks = [ts for ts in z.times(r"^LOOP01 +: LOOP \d+$", start) if ts <= t1]
        edges = [t0] + marks + [t1]
        gap = max(b - a for a, b in zip(edges, edges[1:]))
        phase = t1 - t0
        t.ok(phase > 0 and len(marks) >= 2 and gap < phase / 2,
             f"LOOP01 kept running while the others paged ({len(marks)} markers in {phase:.0f} s, "
             f"longest gap {gap:.1f} s)")
        f = numbers(z.answer("q frames", r"^PAGE-INS:"))
        t.ok(f.get("ASYNC", 0) > 100 and f.get("READS", 0) > 0,
             f"page-ins were started from faults and read in channel programs "
             f"(ASYNC={f.get('ASYNC')} READS={f.get('READS')} JOINS={f.get('JOINS')})")
        t.ok(f.get("OVERLAP-MS", 0) > 0,
             f"guests ran on the only CPU while page-in reads were in flight "
             f"(OVERLAP-MS={f.get('OVERLAP-MS')})")
        t.ok(f.get("INFLIGHT", -1) == 0, "no page-in is left in flight")
        for user in ("pager4", "pager5", "loop01"):
            z.ask(f"force {user}", rf"USER DSC +LOGOFF AS +{user.upper()}")
        f = numbers(z.answer("q frames", r"^PAGE-INS:"))
        t.ok(f.get("SLOTS-USED") == 0 and f.get("GUEST") == 0,
             f"no slot and no frame is left behind (SLOTS-USED={f.get('SLOTS-USED')} "
             f"GUEST={f.get('GUEST')})")
        t.ok(z.ask("indicate user pager4", r"^HCPIND045E PAGER4 not logged on$"),
             "INDICATE USER of a user logged off: HCPIND045E")
