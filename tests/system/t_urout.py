#!/usr/bin/env python3
"""Real printer and punch: a guest punches and prints to the system, the
files wait in the PUN and PRT queues while the devices are drained (as at
IPL), START with a class takes only that class, CHANGE of the class lets
the printer take the file, and the Hercules host files hold a separator
(page or card) and the records.  DRAIN, SPACE, FLUSH and bad operands."""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from guesttap import relay
from zcp import BUILD, RESVOL, Zcp

GUESTS = BUILD / "guests"
QROW = r"^(\S+) +(\d{4}) (RDR|PRT|PUN)  (\S) (\S{3}) (\d{8}) (\d{3}) (\S+)"


def rows(lines):
    return [m.groups() for m in (re.match(QROW, l) for l in lines or []) if m]


def host_file(path, want, timeout=20):
    """The host file's text once it contains `want` (or what it has)."""
    end = time.monotonic() + timeout
    text = ""
    while time.monotonic() < end:
        text = path.read_bytes().decode("ascii", "replace") if path.exists() else ""
        if want in text:
            break
        time.sleep(0.2)
    return text


with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    with Zcp(t, deck=False, resvol=True, readers={"000D": GUESTS / "urout.deck"}) as z:
        t.ok(z.ipl("0a80"), "IPL")
        t.ok(z.ask("loadrdr 00d testg1", r"^RDR FILE \d{4} SENT TO TESTG1"), "LOADRDR the guest")
        t.ok(z.ask("xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1")
        relay(t, z, "TESTG1", "guest TESTG1")
        m = z.ask("send cp testg1 close pun", r"TESTG1  : PUN FILE (\d{4}) TO SYSTEM COPY 001 NOHOLD$")
        t.ok(m, "CLOSE PUN: to the system punch queue")
        pun = m.group(1) if m else "0000"
        m = z.ask("send cp testg1 close prt", r"TESTG1  : PRT FILE (\d{4}) TO SYSTEM COPY 001 NOHOLD$")
        t.ok(m, "CLOSE PRT: to the system print queue")
        prt = m.group(1) if m else "0000"
        prtfile, pchfile = z.dir / "prt.txt", z.dir / "pch.txt"

        q = rows(z.answer("q prt all", r"^(OWNERID|NO PRT)"))
        t.ok([r[1] for r in q] == [prt], f"the printer is drained at IPL: the file waits ({q})")
        t.ok(z.ask(f"change testg1 prt {prt} class b", r"^0001 FILE CHANGED$"), "CHANGE it to class B")
        t.ok(z.ask("start printer class a", r"^PRT 0E00 STARTED CLASS A$"), "START PRINTER CLASS A")
        q = rows(z.answer("q prt all", r"^(OWNERID|NO PRT)"))
        t.ok([r[1] for r in q] == [prt], f"a class B file is not taken by a class A printer ({q})")
        t.ok("URTEST" not in host_file(prtfile, "URTEST", 2), "nothing printed yet")
        t.ok(z.ask(f"change testg1 prt {prt} class a", r"^0001 FILE CHANGED$"), "CHANGE it back to class A")
        text = host_file(prtfile, "URTEST LINE 3")
        t.ok(z.ask("q prt all", r"^NO PRT FILES$"), "the printer took it: the queue is empty")
        sep = text.find(f"PRT FILE {prt}")
        t.ok(sep >= 0 and re.search(r"USERID +TESTG1", text) and re.search(rf"SPOOLID +{prt}", text)
             and re.search(r"CLASS +A", text) and re.search(r"CREATED +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text),
             "the separator page: user, spoolid, class, time")
        lines = [text.find(f"URTEST LINE {i}") for i in range(4)]
        t.ok(sep >= 0 and all(x > sep for x in lines) and lines == sorted(lines),
             f"the 4 lines printed after it, in order ({text[-200:]!r})")
        t.ok("\f" in text[lines[1]:lines[2]] if min(lines) >= 0 else False,
             "the guest's skip to channel 1 is a form feed in the file")

        q = rows(z.answer("q pun all", r"^(OWNERID|NO PUN)"))
        t.ok([r[1] for r in q] == [pun], f"the punch file waits ({q})")
        t.ok(z.ask("start punch", r"^PUN 0D00 STARTED CLASS \*$"), "START PUNCH: every class")
        text = host_file(pchfile, "URTEST CARD 04")
        cards = [l.rstrip() for l in text.splitlines()]
        t.ok(len(cards) == 6 and cards[0].startswith(f"*** ZCP PUN FILE {pun} TESTG1")
             and cards[1:] == [f"URTEST CARD {i:02d}" for i in range(5)],
             f"the punch file: a separator card and the 5 cards ({cards})")
        t.ok(z.ask("q pun all", r"^NO PUN FILES$"), "the punch queue is empty")

        t.ok(z.ask("space 0e00", r"^PRT 0E00 SPACE 1 FORCED$"), "SPACE the printer")
        t.ok(z.ask("flush 0e00", r"^PRT 0E00 NOT ACTIVE$"), "FLUSH of an idle printer")
        t.ok(z.ask("drain all", r"^PUN 0D00 DRAINED$"), "DRAIN ALL")
        t.ok(z.ask("space 0d00", r"^HCPCSU040E Device 0D00 does not exist$"), "SPACE of a punch")
        t.ok(z.ask("start 0123", r"^HCPCSU040E Device 0123 does not exist$"), "START of no device")
        t.ok(z.ask("start printer class %", r"^HCPCMD002E Invalid operand - %$"), "START with a bad class")
        t.ok(z.ask("drain", r"^HCPCMD026E"), "DRAIN without an operand")
        t.ok(z.ask("send cp testg1 start printer", r"TESTG1  : HCPCMD001E"),
             "a class G user has no START")
