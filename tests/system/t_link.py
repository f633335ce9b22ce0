#!/usr/bin/env python3
"""LINK, DETACH, DEFINE T3390, QUERY MDISK and QUERY LINKS typed at
terminals.  TESTG6 (conf/user.direct) owns 0191 on ZCPT01 with read,
write and multi passwords; TESTG4 and TESTG3 link it with every mode and
meet z/VM's sharing rules (one writer unless M/MW) and password checks.
Then TESTG4 and TESTG3 IPL the link guest (tests/guests/g_link.c): TESTG4,
linked MW, writes alongside the owner; TESTG3, linked R/O, reads what it
wrote and is refused writes.  TESTG4's guest also defines, uses, detaches
and redefines a T-disk through DIAG X'08' (T-disk space: TDSK01 on 0A82)
and finds it cleared."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import BUILD, RESVOL, USERVOL, Zcp

GUESTS = BUILD / "guests"
LINE = re.compile(r"^(?:(ok|not ok) (\d+) - (.*)|1\.\.(\d+)|Bail out!.*)$")


def relay_terminal(t, term, label, timeout=120):
    """The TAP a guest writes on its user's terminal, as our points."""
    plan = term.wait_for(r"^1\.\.(\d+)$|^Bail out!", timeout)
    t.ok(plan and plan.group(1), f"{label}: the guest starts and prints its plan")
    if not plan or not plan.group(1):
        return
    want = int(plan.group(1))
    for seen in range(1, want + 1):
        m = term.wait_for(r"^(ok|not ok) (\d+) - (.*)$", timeout)
        if not m:
            t.ok(False, f"{label}: test point {seen} arrives")
            return
        t.ok(m.group(1) == "ok" and int(m.group(2)) == seen, f"{label}: {m.group(3)}")


def logon(t, z, devno, user):
    term = z.terminal(devno)
    m = term.logon(user, user) if term else None
    t.ok(m and m.group(1) == "LOGON", f"{user} logs on at {devno}")
    return term


def quiet(term, cmd, query, pattern):
    """A command that says nothing when it works (LINK, as on z/VM), then a
    query whose answer must match pattern: the match, or None if the
    command wrote a message or its effect never shows.  A line typed while
    CP still writes to the 3215 can be lost in Hercules (cp/dev/con3215.c),
    so a query that does not answer is asked again, and a command whose
    effect and message both fail to show is typed again."""
    for _ in range(3):
        n = len(term.texts())
        term.send(cmd)
        for _ in range(4):
            m = term.ask(query, pattern + "|^HCP", 8)
            if m:
                break
        said = [line for line in term.texts()[n:] if line.startswith("HCPLNM")]
        if said:
            term.note(f"terminal {term.devno}: {cmd}: " + " / ".join(said))
            return None
        if m and re.search(pattern, m.string):
            return m
    return None


with Tap() as t:
    if not (RESVOL.exists() and USERVOL.exists()):
        t.skip_all("build/zcpres.3390 or build/zcpt01.3390 is not built")
    readers = {"000D": GUESTS / "link.deck", "000E": GUESTS / "link.deck"}
    with Zcp(t, deck=False, resvol=True, uservol=True, readers=readers,
             volumes={"0A82": ("TDSK01", 3)}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume, ZCPT01 and TDSK01 mounted")
        a = logon(t, z, "0020", "testg6")
        b = logon(t, z, "0021", "testg4")
        c = logon(t, z, "0022", "testg3")
        if not (a and b and c):
            sys.exit(0)
        t.ok(a.ask("q mdisk", r"^DASD 0191 3390 ZCPT01 R/W +2 CYL ON DASD  0A81 "),
             "the owner has its 0191 R/W (directory mode MR)")

        # Passwords: the one for the mode, none means no link.
        pw = r"^HCPLNM114E TESTG6 0191 not linked; password incorrect$"
        t.ok(c.ask("link testg6 191 200 rr", pw), "LINK RR without the password: HCPLNM114E")
        t.ok(c.ask("link testg6 191 200 rr wrong", pw), "LINK RR with a wrong password: HCPLNM114E")
        t.ok(c.ask("link testg6 191 200 rr wpass", pw), "LINK RR with the write password: HCPLNM114E")
        t.ok(c.ask("link testg6 191 200", pw), "LINK with the default mode (R) needs the read password")
        t.ok(c.ask("link testg6 191 200 r rpass", r"^HCPLNM104E TESTG6 0191 not linked; R/W by TESTG6$"),
             "LINK R while the owner writes: HCPLNM104E")
        t.ok(quiet(c, "link to testg6 191 as 200 rr pass= rpass", "q mdisk",
                   r"^DASD 0200 3390 ZCPT01 R/O +2 CYL ON DASD  0A81 "),
             "LINK TO ... AS ... RR PASS= with the read password: 0200 R/O")
        t.ok(c.ask("link testg6 191 200 rr rpass", r"^HCPLNM110E TESTG6 0191 not linked; 0200 already defined$"),
             "LINK to a vdev in use: HCPLNM110E")
        t.ok(c.ask("link nosuch 191 201 rr", r"^HCPLNM053E NOSUCH not in CP directory$"),
             "LINK to an unknown user: HCPLNM053E")
        t.ok(c.ask("link testg6 192 201 rr rpass", r"^HCPLNM107E TESTG6 0192 not linked; not in CP directory$"),
             "LINK to a minidisk the user does not have: HCPLNM107E")
        t.ok(c.ask("link testg6 191 201 rr rpass extra", r"^HCPCMD003E Invalid option - EXTRA$"),
             "LINK with an extra operand: HCPCMD003E")

        # The sharing rules: the owner writes, TESTG3 reads.
        t.ok(b.ask("link testg6 191 200 w wpass", r"^HCPLNM104E TESTG6 0191 not linked; R/W by TESTG6$"),
             "LINK W while another writes: HCPLNM104E")
        t.ok(b.ask("link testg6 191 200 wr wpass", r"^HCPLNM101W DASD 0200 forced R/O; R/W by TESTG6$"),
             "LINK WR while another writes: forced R/O (HCPLNM101W)")
        t.ok(b.ask("q mdisk", r"^DASD 0200 3390 ZCPT01 R/O "), "QUERY MDISK: the WR link is R/O")
        t.ok(b.ask("detach 200", r"^DASD 0200 DETACHED$"), "DETACH 200")
        t.ok(b.ask("detach 200", r"^HCPDTV040E Device 0200 does not exist$"), "DETACH again: HCPDTV040E")
        t.ok(b.ask("link testg6 191 200 m mpass", r"^HCPLNM104E TESTG6 0191 not linked; R/W by TESTG6$"),
             "LINK M while another writes: HCPLNM104E")
        t.ok(b.ask("link testg6 191 200 mr mpass", r"^HCPLNM101W DASD 0200 forced R/O; R/W by TESTG6$"),
             "LINK MR while another writes: forced R/O")
        t.ok(b.ask("detach 200", r"^DASD 0200 DETACHED$"), "DETACH 200")
        t.ok(b.ask("link testg6 191 200 mw wpass", pw), "LINK MW with the write password: HCPLNM114E")
        t.ok(quiet(b, "link testg6 191 200 mw mpass", "q mdisk", r"^DASD 0200 3390 ZCPT01 R/W "),
             "LINK MW with the multi password: a second writer")
        links = a.answer("q links", r"TESTG3 +0200 R/O")
        text = ", ".join(links or [])
        t.ok(links and re.search(r"TESTG6 +0191 R/W", text) and re.search(r"TESTG4 +0200 R/W", text),
             "QUERY LINKS: the owner and TESTG4 R/W, TESTG3 R/O")
        t.ok(a.ask("q links 191", r"TESTG6 +0191 R/W"), "QUERY LINKS 191")
        t.ok(a.ask("q links 200", r"^HCPQLN040E Device 0200 does not exist$"), "QUERY LINKS of no device")

        # The guests: TESTG4 writes through its MW link, TESTG3 reads.
        t.ok(z.ask("loadrdr 00d testg4", r"^RDR FILE \d+ SENT TO TESTG4 "), "the link guest for TESTG4")
        b.send("ipl 00c")
        relay_terminal(t, b, "TESTG4")
        done = r"^HCPVMI9100W {}: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000$"
        t.ok(z.wait_for(done.format("TESTG4"), 120), "TESTG4's guest ends in its disabled wait")
        t.ok(z.ask("loadrdr 00e testg3", r"^RDR FILE \d+ SENT TO TESTG3 "), "the link guest for TESTG3")
        c.send("ipl 00c")
        relay_terminal(t, c, "TESTG3")
        t.ok(z.wait_for(done.format("TESTG3"), 120), "TESTG3's guest ends in its disabled wait")
        t.ok(b.ask("q mdisk", r"^DASD 0300 3390 \(TEMP\) R/W +1 CYL ON DASD  0A82 "),
             "QUERY MDISK shows the guest's T-disk on TDSK01")
        t.ok(b.ask("define t3390 as 301 cyl 5", r"^HCPDEF091E DASD 0301 not defined; temp space not available$"),
             "DEFINE T3390 beyond the T-disk space: HCPDEF091E")

        # The owner and TESTG4 let go: no writer is left.
        t.ok(b.ask("detach 200", r"^DASD 0200 DETACHED$"), "TESTG4 DETACHes its MW link")
        t.ok(a.ask("detach 191", r"^DASD 0191 DETACHED$"), "the owner DETACHes its 0191")
        t.ok(b.ask("link testg6 191 200 w wpass", r"^HCPLNM105E TESTG6 0191 not linked; R/O by 001 users$"),
             "LINK W while another reads: HCPLNM105E")
        t.ok(quiet(b, "link testg6 191 200 m mpass", "q mdisk", r"^DASD 0200 3390 ZCPT01 R/W "),
             "LINK M with only readers: R/W")
        t.ok(c.ask("link testg6 191 201 r rpass", r"^HCPLNM104E TESTG6 0191 not linked; R/W by TESTG4$"),
             "LINK R while TESTG4 writes: HCPLNM104E")
        t.ok(a.ask("link * 191 191 mr", r"^HCPLNM101W DASD 0191 forced R/O; R/W by TESTG4$"),
             "the owner links its own disk back (no password) MR: forced R/O")
        t.ok(not z.find(r"HCPECK93"), "no real-volume errors on the operator console")
