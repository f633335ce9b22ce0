#!/usr/bin/env python3
"""A two-CPU guest in CP READ on a system with two real CPUs
(tests/guests/g_smpread.c): its CPU 01 counts in storage.  When CPU 00
stops the machine with DIAG X'08' (CP READ), and when the user types #CP,
CPU 01 stops too, wherever it runs (z/VM stops the whole virtual machine
in CP READ): the counter does not move in CP READ, and moves again after
BEGIN.  After #CP CPU 00 (which counts too) is stopped as well, and only
it can answer the word the test STOREs in CP READ, once BEGIN lets it run
again (a TOD-clock jump is no evidence under Hercules: tests/guests/
g_smpread.c says why).  Then DETACH CPU: bad operands, the base CPU, a CPU that does not
exist (nothing detached), the reset it brings, DETACH CPU ALL."""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import BUILD, RESVOL, Zcp
import terminal

# This test types many lines right after CP's answers.  A line typed before
# CP has taken the ending interrupt of its last write loses its Attention in
# Hercules (tests/harness/zcp.py, SETTLE); with two real CPUs and a loaded
# host that window is wider, so wait for longer quiet before typing.
terminal.SETTLE = 0.6

DECK = BUILD / "guests" / "smpread.deck"
LINE = r"^R([0-9A-F]{16})  ([0-9A-F]{8}) ([0-9A-F]{8}) ([0-9A-F]{8}) ([0-9A-F]{8})"


def words(a, cmd):
    """DISPLAY of 16 bytes: (count, tod) from CPU 01's shared words, or None."""
    a.send(cmd)
    m = a.wait_for(LINE)
    if not m:
        return None
    w = [int(m.group(i), 16) for i in range(2, 6)]
    return (w[0] << 32 | w[1], w[2] << 32 | w[3])


def moves(a, cmd, past, seconds=120):
    """DISPLAY until the count is beyond past (how long it may take under
    load, not a timing criterion): the last (count, tod), or None."""
    end = time.time() + seconds
    got = words(a, cmd)
    while got and got[0] <= past and time.time() < end:
        time.sleep(0.2)
        got = words(a, cmd)
    return got


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists():
        t.skip_all("build/zcpres.3390 or the smpread guest is not built")
    with Zcp(t, deck=False, resvol=True, readers={"000D": DECK}, numcpu=2) as z:
        t.ok(z.ipl("0a80"), "IPL with two CPUs")
        t.ok(z.find(r"^HCPINI9021I \d+M storage, 2 CPU\(s\)"), "both CPUs are online")
        t.ok(z.ask("loadrdr 00d testg4", r"^RDR FILE \d+ SENT TO TESTG4 "), "the two-CPU guest for TESTG4")
        a = z.terminal("0020")
        m = a and a.logon("testg4", "testg4")
        t.ok(m and m.group(1) == "LOGON", "TESTG4 logs on at 0020; its guest IPLs from the reader")
        if not m:
            sys.exit(0)
        t.ok(a.wait_for(r"^1\.\.3$", 60), "the guest starts")
        t.ok(a.wait_for(r"^ok 1 - CPU 01 defined, started with SIGP, and counting$", 120),
             "CPU 01 counts")
        m = a.wait_for(r"^# counter at ([0-9A-F]{8}), CP READ at ([0-9A-F]{8}), CPU 00 at ([0-9A-F]{8})$", 60)
        t.ok(m, "the guest says where its counters are")
        if not m:
            sys.exit(0)
        counter, at, cpu0 = m.group(1), m.group(2), m.group(3)
        word = f"{int(cpu0, 16) + 8:X}"         # CPU 00 watches it

        # DIAG X'08' with Ry = 0 from CPU 00: CP READ, CPU 01 stops too.
        t.ok(a.wait_for(r"^CP READ$", 60), "DIAG X'08' CP READ: the console is in CP READ")
        c1 = words(a, f"display {counter}.10")
        time.sleep(1.5)
        c2 = words(a, f"display {counter}.10")
        t.ok(c1 and c2 and c1 == c2, f"in CP READ CPU 01 counts no more ({c1} then {c2})")
        t0 = words(a, f"display {at}.10")
        if c2 and t0:
            # Not a pass/fail criterion: how long CPU 01 ran after CPU 00's
            # last TOD before the DIAG (both guest STCKs, TOD units of 2**-12 us).
            t.diag(f"CPU 01's last count came {(c2[1] - t0[0]) / 4096:.0f} us after CPU 00 entered the DIAG")
        t.ok(a.ask("begin", r"^ok 2 - after BEGIN, CPU 01 counts again$", 60), "BEGIN: CPU 01 counts again")
        t.ok(a.wait_for(r"^ok 3 - ", 60), "and it is running (SIGP SENSE)")
        t.ok(a.wait_for(r"^# spinning$", 60), "both CPUs spin")

        # #CP from the terminal while both spin.
        r1 = words(a, f"#cp display {counter}.10")
        r2 = r1 and moves(a, f"#cp display {counter}.10", r1[0])
        t.ok(r1 and r2 and r2[0] > r1[0], f"running, the counter moves ({r1} then {r2})")
        t.ok(a.ask("#cp", r"^CP READ$"), "#CP alone: CP READ")
        c1 = words(a, f"display {counter}.10")
        d1 = words(a, f"display {cpu0}.10")
        time.sleep(1.5)
        c2 = words(a, f"display {counter}.10")
        d2 = words(a, f"display {cpu0}.10")
        t.ok(c1 and c2 and c1 == c2, f"after #CP CPU 01 counts no more ({c1} then {c2})")
        t.ok(d1 and d2 and d1 == d2 and d1[0] > 0, f"and CPU 00 counts no more ({d1} then {d2})")
        t.ok(a.ask(f"store {word} 0000000000000001", r"Store complete\.$"),
             "STORE into the word CPU 00 watches, in CP READ")
        t.ok(a.ask("begin", r"^# resumed$", 120), "BEGIN: CPU 00 runs again (it found the word changed)")
        r2 = c2 and moves(a, f"#cp display {counter}.10", c2[0])
        t.ok(r2 and c2 and r2[0] > c2[0], f"after BEGIN CPU 01 counts again ({c2} then {r2})")
        e2 = d2 and moves(a, f"#cp display {cpu0}.10", d2[0])
        t.ok(e2 and d2 and e2[0] > d2[0], f"and so does CPU 00 ({d2} then {e2})")

        # DETACH CPU, in CP READ.
        t.ok(a.ask("#cp", r"^CP READ$"), "#CP again")
        ans = a.answer("query virtual cpus", r"^CPU 01 ")
        t.ok(ans and any(l.startswith("CPU 00 ") for l in ans), "QUERY VIRTUAL CPUS: CPU 00 and CPU 01")
        t.ok(a.ask("detach cpu", r"^HCPCMD026E Operand missing or invalid$"), "DETACH CPU without an address")
        t.ok(a.ask("detach cpu xyz", r"^HCPCMD002E Invalid operand - XYZ$"), "DETACH CPU of a non-hex address")
        t.ok(a.ask("detach cpu 40", r"^HCPCMD002E Invalid operand - 40$"), "DETACH CPU beyond 3F")
        t.ok(a.ask("detach cpu 05", r"^HCPDTV9214E CPU 05 does not exist$"), "DETACH CPU of a CPU not defined")
        t.ok(a.ask("detach cpu 00", r"^HCPDTV9215E CPU 00 is the base CPU; it cannot be detached$"),
             "DETACH CPU 00: the base CPU stays")
        t.ok(a.ask("detach cpu 01 05", r"^HCPDTV9214E CPU 05 does not exist$"), "DETACH CPU 01 05: refused")
        ans = a.answer("query virtual cpus", r"^CPU 01 ")
        t.ok(ans is not None, "a refused DETACH detached nothing: CPU 01 is there")
        t.ok(a.ask("hold testg4", r"^HCPCMD001E Unknown CP command: HOLD$"), "HOLD is for class D only")
        t.ok(a.ask("detach cpu 01", r"^CPU 01 DETACHED$"), "DETACH CPU 01")
        n = len(a.texts())
        a.answer("query virtual cpus", r"^CPU 00 ")
        done = a.ask("query time", r"^TIME IS ")
        cpus = [l[:6] for l in a.texts()[n:] if re.match(r"^CPU [0-9A-F]{2} ", l)]
        t.ok(done and cpus == ["CPU 00"], f"QUERY VIRTUAL CPUS shows CPU 00 only ({cpus})")
        t.ok(a.ask("display psw", r"^PSW = 00000000 00000000 00000000 00000000$"),
             "the virtual machine was reset: the PSW is zero")
        t.ok(a.ask("detach cpu 01", r"^HCPDTV9214E CPU 01 does not exist$"), "CPU 01 is gone")
        t.ok(a.ask("detach cpu all", r"^HCPDTV9216E No CPU but the base CPU is defined$"),
             "DETACH CPU ALL with the base CPU alone")
        t.ok(a.ask("define cpu 02", r"^CPU 02 defined$"), "DEFINE CPU 02")
        t.ok(a.ask("define cpu 03", r"^HCPDEF1458E The maximum of 2 virtual CPUs is already defined$"),
             "DEFINE CPU 03 beyond MACHINE Z 2 is refused")
        t.ok(a.ask("detach cpu all", r"^CPU 02 DETACHED$"), "DETACH CPU ALL detaches CPU 02")
        t.ok(a.ask("define cpu 01", r"^CPU 01 defined$"), "DEFINE CPU 01 again: the pool slot came back")
        t.ok(a.ask("logoff", r"^LOGOFF AT "), "TESTG4 logs off")
        t.ok(z.ask("query names", r"OPERATOR"), "CP goes on")
