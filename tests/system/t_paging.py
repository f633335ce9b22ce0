#!/usr/bin/env python3
"""Paging (docs/paging.md): guest storage several times the real machine's,
backed by a paging volume.  PAGER1 (tests/guests/g_paging.c) writes a
pattern into all its storage and reads it back, checks that storage keys
survive paging and that DIAG X'10' releases pages; then two such guests at
once (with the DIAG X'258' pfault handshake and DIAG X'214' in each); then
a paging volume too small: page-outs stop, the guest waits, the
operator is told, and CP stays up."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

DECK = BUILD / "guests" / "paging.deck"
MAINSIZE = 16       # MiB of real storage; PAGERn have 64M each


def frames(z):
    """QUERY FRAMES as a dict of its numbers."""
    lines = z.answer("q frames", r"^FRAMES:") or []
    out = {}
    for l in lines:
        for k, v in re.findall(r"(\w[\w-]*)=\s*(\d+)", l):
            out[k] = int(v)
        if l.startswith("PAGING:") and l.endswith(" FULL"):
            out["FULL"] = 1
    return out


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists():
        t.skip_all("build/zcpres.3390 or the paging guest is not built")
    readers = {"000D": DECK, "000E": DECK, "000F": DECK}
    with Zcp(t, deck=False, resvol=True, mainsize=MAINSIZE, readers=readers,
             pagevols={"0A92": 200}, deadline=900) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.find(r"^HCPPAG9400I Paging volume ZCPPG1 \(0A92\): 35820 slots of 4K$"),
             "the paging volume ZCPPG1 is found at IPL")
        t.ok(z.ask("loadrdr 00d pager1", r"^RDR FILE \d{4} SENT TO PAGER1"), "the paging guest for PAGER1")
        t.ok(z.ask("xautolog pager1", r"AUTO LOGON +\*\*\* +PAGER1"), "PAGER1 (64M on a 16M machine) logs on")
        relay(t, z, "PAGER1", "PAGER1 alone", timeout=400)
        t.ok(z.wait_for(r"^HCPVMI9100W PAGER1: CPU 00 disabled wait, PSW \S+ 0000000000000000$", 60),
             "PAGER1 ends in its all-good disabled wait")
        f = frames(z)
        t.ok(f.get("PAGEOUTS", 0) > 10000 and f.get("PAGEINS", 0) > 10000,
             f"QUERY FRAMES counts page-outs and page-ins ({f.get('PAGEOUTS')} / {f.get('PAGEINS')})")
        t.ok(z.ask("indicate user pager1", r"^PAGES: RES=\d+ PAGED=\d+ TABLES=\d+$"),
             "INDICATE USER shows PAGER1's resident and paged-out pages")
        t.ok(z.ask("force pager1", r"USER DSC +LOGOFF AS +PAGER1"), "PAGER1 logs off")
        f = frames(z)
        t.ok(f.get("SLOTS-USED") == 0, "its paging slots are all free again")

        # Two at once: 128M of guests on 16M.
        for rdr, user in (("00e", "pager2"), ("00f", "pager3")):
            z.ask(f"loadrdr {rdr} {user}", rf"^RDR FILE \d{{4}} SENT TO {user.upper()}")
        t.ok(z.ask("xautolog pager2", r"AUTO LOGON +\*\*\* +PAGER2") and
             z.ask("xautolog pager3", r"AUTO LOGON +\*\*\* +PAGER3"), "PAGER2 and PAGER3 log on together")
        # They end in any order: wait for two ends, then look each up.
        for _ in range(2):
            z.wait_for(r"^HCPVMI9100W PAGER[23]: CPU 00 disabled wait", 600)
        for user in ("PAGER2", "PAGER3"):
            ok = z.find(rf"^HCPVMI9100W {user}: CPU 00 disabled wait, PSW \S+ (\S+)$")
            t.ok(ok and ok.group(1) == "0000000000000000", f"{user} verified all its storage "
                 f"(disabled wait {ok.group(1) if ok else 'never'})")
        for user in ("PAGER2", "PAGER3"):
            t.ok(not z.find(rf"^{user} +: not ok"), f"{user} reported no failed test point")
        t.ok(z.ask("q time", r"^TIME IS "), "CP answers commands")

    # Paging space too small: 20 cylinders (13M of slots) for 64M on 16M.
    with Zcp(t, name="t_paging_full", deck=False, resvol=True, mainsize=MAINSIZE,
             readers={"000D": DECK}, pagevols={"0A92": 20}, deadline=600) as z:
        t.ok(z.ipl("0a80"), "IPL with a small paging volume")
        z.ask("loadrdr 00d pager1", r"^RDR FILE \d{4} SENT TO PAGER1")
        t.ok(z.ask("xautolog pager1", r"AUTO LOGON +\*\*\* +PAGER1"), "PAGER1 logs on")
        t.ok(z.wait_for(r"^HCPPAG9401E Paging space full \(3420 slots\): no more page-outs; "
                        r"users that need storage wait$", 300),
             "the operator is told when the paging space is full")
        f = frames(z)
        t.ok(f.get("FULL") == 1 and f.get("SLOTS-USED", 0) > 3400,
             f"QUERY FRAMES: the slots are used up ({f.get('SLOTS-USED')} of {f.get('SLOTS')})")
        z.ask("q time", r"^TIME IS ")
        f2 = frames(z)
        t.ok(f2.get("WAITS", 0) > 0, f"PAGER1 waits for storage (WAITS={f2.get('WAITS')}), not stopped")
        t.ok(not z.find(r"PAGER1: CPU 00 stopped"), "its virtual CPU was not stopped")
        t.ok(z.ask("force pager1", r"USER DSC +LOGOFF AS +PAGER1"), "FORCE logs the waiting PAGER1 off")
        z.ask("q time", r"^TIME IS ")     # (the message comes before FORCE's answer)
        t.ok(z.find(r"^HCPPAG9403I Paging space available again: \d+ of 3420 slots in use$"),
             "the operator is told the paging space is available again")
        f = frames(z)
        t.ok(f.get("SLOTS-USED") == 0 and f.get("GUEST") == 0, "no slot and no frame is left behind")
