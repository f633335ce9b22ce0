#!/usr/bin/env python3
"""Two real CPUs: CPU-bound guests run on both while an intercept-heavy
guest and the operator are served; a guest spinning enabled for I/O gets
its console input; guests running on the second CPU are forced off
cleanly.  A two-CPU guest (tests/guests/g_smp.c) has its two vCPUs under
SIE at the same time on the two real CPUs (INDICATE USER's PARALLEL
count), sends every SIGP order between them while both run, then random
ones both ways; it is forced off while its vCPUs spin on both CPUs."""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

GUESTS = BUILD / "guests"

with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    readers = {"000D": GUESTS / "loop.deck", "000E": GUESTS / "intercepts.deck",
               "000F": GUESTS / "spinio.deck", "0010": GUESTS / "smp.deck"}
    with Zcp(t, deck=False, resvol=True, readers=readers, numcpu=2, deadline=900) as z:
        t.ok(z.ipl("0a80"), "IPL with two CPUs")
        t.ok(z.find(r"^HCPINI9021I \d+M storage, 2 CPU\(s\)"), "both CPUs are online")
        for user in ("loop01", "loop02"):
            z.panel(f"devinit 00d {GUESTS / 'loop.deck'} ebcdic autopad eof")
            t.ok(z.ask(f"loadrdr 00d {user}", r"^RDR FILE \d+ SENT TO "), f"a looping deck for {user.upper()}")
            t.ok(z.ask(f"xautolog {user}", r"^AUTO LOGON"), f"XAUTOLOG {user.upper()}")
        t.ok(z.wait_for(r"LOOP01  : LOOP 2$", 120), "LOOP01 loops")
        t.ok(z.wait_for(r"LOOP02  : LOOP \d+$", 120), "LOOP02 loops")

        t.ok(z.ask("loadrdr 00e testg1", r"^RDR FILE \d+ SENT TO "), "the conformance guest for TESTG1")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON"), "XAUTOLOG TESTG1 while both loop")
        t.ok(z.wait_for(r"TESTG1  : # send me a line$", 120), "TESTG1 runs its intercept checks")
        bad = [l for l in z.texts() if "TESTG1  : not ok" in l]
        t.ok(not bad, "none of them fails with two CPUs" + (f": {bad}" if bad else ""))
        t.ok(z.ask("send testg1 hello guest", r"TESTG1  : ok \d+ - console read returns the line", 60), "console input reaches it")
        t.ok(z.ask("query names", r"LOOP01"), "the operator is answered while guests loop")
        z.ask("indicate load", r"^AVGPROC")
        import time
        time.sleep(3)
        m1 = z.ask("indicate load", r"^PROC 0001-(\d+)% CP$")
        t.ok(m1 and int(m1.group(1)) >= 30,
             f"the second CPU runs guests (INDICATE LOAD: {m1 and m1.group(0)})")

        # A guest spinning enabled for I/O, perhaps under SIE on the second
        # CPU, gets its console line (CP kicks that CPU out of SIE).
        t.ok(z.ask("loadrdr 00f testg3", r"^RDR FILE \d+ SENT TO "), "the spinning guest for TESTG3")
        t.ok(z.ask("xautolog testg3", r"^AUTO LOGON"), "XAUTOLOG TESTG3")
        relay(t, z, "TESTG3", timeout=120, requests={
            "spinning 1": lambda: z.console("send testg3 first line"),
            "spinning 2": lambda: z.console("send testg3 second")})
        t.ok(z.wait_for(r"^HCPVMI9100W TESTG3: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$", 60),
             "TESTG3 ends in its disabled wait")

        t.ok(z.ask("force loop01", r"LOGOFF AS +LOOP01"), "FORCE a looping guest")
        t.ok(z.ask("force loop02", r"LOGOFF AS +LOOP02"), "FORCE the other")
        t.ok(z.ask("query users", r"^ +\d+ USERS"), "CP goes on")
        mark = z.mark()
        z.ask("query time", r"^TIME IS")
        import time
        time.sleep(1)
        t.ok(not any("LOOP0" in l and ": LOOP" in l for l in z.texts(mark)),
             "the forced guests run no more")

        # A two-CPU guest: both vCPUs spin, on both real CPUs at once.
        def indicate(user):
            z.ask(f"indicate user {user}", r"^PARALLEL=\d+$")
            lines = z.texts()
            out = {}
            for line in lines[::-1]:
                m = re.match(r"^CPU (\w\w) ELSEWHERE=(\d+)$", line)
                if m and m.group(1) not in out:
                    out[m.group(1)] = int(m.group(2))
                m = re.match(r"^PARALLEL=(\d+)$", line)
                if m and "parallel" not in out:
                    out["parallel"] = int(m.group(1))
                if len(out) >= 3:
                    break
            return out

        def until(cond, user, seconds=120):
            """INDICATE USER until cond holds (not timing: how long it may take)."""
            deadline = time.time() + seconds
            got = indicate(user)
            while not cond(got) and time.time() < deadline:
                time.sleep(1)
                got = indicate(user)
            return got

        t.ok(z.ask("loadrdr 010 testg4", r"^RDR FILE \d+ SENT TO "), "the two-CPU guest for TESTG4")
        t.ok(z.ask("xautolog testg4", r"^AUTO LOGON"), "XAUTOLOG TESTG4")
        seen = {}

        def both_spinning():
            got = until(lambda g: g.get("parallel", 0) > 0, "testg4")
            seen.update(got)
            z.console("send testg4 go on")

        relay(t, z, "TESTG4", timeout=180, requests={"both spinning": both_spinning})
        t.ok(seen.get("parallel", 0) > 0 and seen.get("01", 0) + seen.get("00", 0) > 0,
             f"TESTG4's two vCPUs were under SIE at once on the two real CPUs (INDICATE USER: {seen})")
        t.ok(z.wait_for(r"TESTG4  : # spinning for logoff$", 120), "TESTG4 spins on both CPUs")
        before = indicate("testg4")
        got = until(lambda g: g.get("00", 0) + g.get("01", 0) > before.get("00", 0) + before.get("01", 0),
                    "testg4")
        t.ok(got.get("00", 0) + got.get("01", 0) > before.get("00", 0) + before.get("01", 0),
             f"a TESTG4 vCPU runs on the second CPU ({before} then {got})")
        t.ok(z.ask("force testg4", r"LOGOFF AS +TESTG4"), "FORCE TESTG4 while its vCPUs spin")
        t.ok(not z.find(r"HCPVMI9100W TESTG4"), "no TESTG4 CPU was stopped with a CP message")
        t.ok(z.ask("query names", r"OPERATOR"), "CP goes on")
        z.panel(f"devinit 010 {GUESTS / 'smp.deck'} ebcdic autopad eof")
        t.ok(z.ask("loadrdr 010 testg4", r"^RDR FILE \d+ SENT TO "), "the deck again")
        t.ok(z.ask("xautolog testg4", r"^AUTO LOGON"), "TESTG4 logs on again after the FORCE")
        t.ok(z.wait_for(r"TESTG4  : ok \d+ - SIGP SET PREFIX and RESTART start CPU 01$", 120),
             "and its second CPU starts again")
        t.ok(z.ask("force testg4", r"LOGOFF AS +TESTG4"), "FORCE it again")
