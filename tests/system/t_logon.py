#!/usr/bin/env python3
"""Users on telnet 3215 terminals: the logo, LOGON refusals, two users at
once, DISCONNECT and reconnect, LOGOFF, a guest's console on the user's
terminal (VM READ, input, #CP), a dropped client, FORCE."""
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import BUILD, RESVOL, Zcp

GUESTS = BUILD / "guests"

with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    readers = {"000D": GUESTS / "intercepts.deck", "000E": GUESTS / "loop.deck"}
    with Zcp(t, deck=False, resvol=True, readers=readers) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(z.find(r"^HCPINI9024I 4 user terminal\(s\)"), "CP takes 0020-0023 as user terminals")

        a = z.terminal("0020")
        t.ok(a, "a client on 0020 gets the logo")
        if not a:
            sys.exit(0)
        t.ok(a.ask("query time", r"^HCPLGA9130E Enter LOGON userid first"),
             "before LOGON, commands are refused")
        t.ok(a.ask("logon", r"^HCPLGA020E Userid missing"), "LOGON without a userid")
        t.ok(a.ask("logon user1 extra", r"^HCPLGA003E Invalid option - EXTRA"), "LOGON with a bad option")
        t.ok(a.logon("nosuch", "nosuch") and a.texts()[-1].startswith("HCPLGA050E"),
             "an unknown user is refused with HCPLGA050E")
        t.ok(a.logon("user1", "wrong") and a.texts()[-1].startswith("HCPLGA050E"),
             "a wrong password is refused with the same message")
        t.ok(not any("wrong" in line.lower() for line in a.texts()[-3:] if "ENTER" not in line),
             "CP does not repeat the password")
        t.ok(a.logon("testg4", "TESTG4") is not None, "LOGON with the password in another case works")
        t.ok(z.wait_for(r"^TERM 0020 LOGON AS +TESTG4 +USERS = 001$"), "the operator sees the logon")
        t.ok(a.ask("logoff", r"^LOGOFF AT \d\d:\d\d:\d\d UTC"), "LOGOFF")
        t.ok(a.wait_for(r"Enter LOGON userid"), "the logo comes back after LOGOFF")

        m = a.logon("user1", "user1")
        t.ok(m and m.group(1) == "LOGON", "USER1 logs on at 0020")
        t.ok(a.wait_for(r"^CP READ$"), "no IPL statement: the console is in CP READ")
        t.ok(z.wait_for(r"^TERM 0020 LOGON AS +USER1 +USERS = 001$"), "the operator console shows it")
        t.ok(a.ask("query time", r"^TIME IS"), "CP commands work in CP READ")
        t.ok(a.ask("q v cons", r"^CONS 0009 ON TERM 0020"), "QUERY VIRTUAL CONSOLE shows the terminal")
        t.ok(a.ask("shutdown", r"^HCPCMD001E Unknown CP command: SHUTDOWN"),
             "a class G user cannot SHUTDOWN")

        b = z.terminal("0021")
        t.ok(b, "a second client on 0021 gets the logo")
        t.ok(b.logon("user1", "user1") and b.texts()[-1].startswith("HCPLGA054E Already logged on TERM 0020"),
             "LOGON to a user connected elsewhere is refused")
        m = b.logon("user2", "user2")
        t.ok(m and m.group(1) == "LOGON", "USER2 logs on at 0021: two users at once")
        t.ok(b.ask("query names", r"USER1 +- 0020 , USER2 +- 0021"), "QUERY NAMES shows both terminals")

        t.ok(a.ask("disconnect", r"^DISCONNECT AT "), "USER1 disconnects")
        t.ok(a.wait_for(r"Enter LOGON userid"), "the terminal shows the logo again")
        t.ok(z.wait_for(r"^TERM 0020 DISCONNECT +USER1 "), "the operator sees the disconnect")
        t.ok(b.ask("query names", r"USER1 +- DSC"), "USER1 is disconnected, still logged on")
        m = a.logon("user1", "user1")
        t.ok(m and m.group(1) == "RECONNECTED", "LOGON again reconnects")

        ans = b.answer("logoff", r"^LOGOFF AT ")
        t.ok(ans and any(l.startswith("CONNECT= ") for l in ans), "LOGOFF shows the connect time")
        t.ok(z.wait_for(r"^TERM 0021 LOGOFF AS +USER2 +USERS = 001$"), "the operator sees the logoff")

        # A guest on the user's terminal.
        t.ok(z.ask("loadrdr 00d testg3", r"^RDR FILE \d+ SENT TO TESTG3 "), "a deck for TESTG3")
        t.ok(b.wait_for(r"Enter LOGON userid"), "0021 shows the logo")
        m = b.logon("testg3", "testg3")
        t.ok(m and m.group(1) == "LOGON", "TESTG3 logs on at 0021")
        t.ok(b.wait_for(r"^1\.\.\d+$"), "its guest IPLs and writes on the user's terminal")
        t.ok(b.wait_for(r"^# send me a line$"), "the guest asks for a line")
        t.ok(b.wait_for(r"^VM READ$"), "the console is in VM READ")
        t.ok(b.ask("#cp query time", r"^TIME IS"), "#CP runs a CP command while the guest reads")
        t.ok(b.ask("hello guest", r"^ok \d+ - console read returns the line"),
             "a line typed in VM READ goes to the guest")
        t.ok(not z.find(r"TESTG3  : "), "nothing of TESTG3's went to the operator while it was connected")

        # The client goes away without DISCONNECT.
        b.close()
        t.ok(z.wait_for(r"^TERM 0021 DISCONNECT +TESTG3 ", 15), "a dropped client disconnects the user")
        b = z.terminal("0021")
        t.ok(b, "a new client on 0021")
        m = b.logon("testg3", "testg3")
        t.ok(m and m.group(1) == "RECONNECTED", "TESTG3 reconnects")
        t.ok(b.wait_for(r"^CP READ$"), "its guest ended in a disabled wait: CP READ")
        t.ok(b.ask("logoff", r"^LOGOFF AT "), "TESTG3 logs off")

        # A guest that never waits, while another user works.
        t.ok(z.ask("loadrdr 00e testg4", r"^RDR FILE \d+ SENT TO TESTG4 "), "a looping deck for TESTG4")
        c = z.terminal("0022")
        m = c and c.logon("testg4", "testg4")
        t.ok(m and m.group(1) == "LOGON", "TESTG4 logs on at 0022")
        t.ok(c and c.wait_for(r"^LOOP 2$", 60), "its guest loops")
        t.ok(a.ask("query time", r"^TIME IS", 10), "USER1 gets answers while TESTG4 loops")
        t.ok(z.ask("query names", r"TESTG4 +- 0022", 10), "and so does the operator")
        t.ok(c and c.ask("#cp", r"^CP READ$"), "#CP alone stops the guest: CP READ")
        t.ok(c and c.ask("query time", r"^TIME IS"), "and lines are CP commands")
        if c:
            n = len(c.texts())
            time.sleep(1.5)
            t.ok(not any(l.startswith("LOOP") for l in c.texts()[n:]), "the guest does not run in CP READ")
        else:
            t.ok(False, "the guest does not run in CP READ")

        t.ok(z.ask("force user1", r"^TERM 0020 +LOGOFF AS +USER1 .*FORCED BY OPERATOR"), "FORCE USER1")
        t.ok(a.wait_for(r"^LOGOFF AT ") and a.wait_for(r"Enter LOGON userid"),
             "the forced user's terminal says LOGOFF and shows the logo")
        t.ok(z.ask("logoff", r"^HCPCMD9135E"), "the operator console cannot LOGOFF")
