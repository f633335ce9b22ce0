#!/usr/bin/env python3
"""The CP commands a user issues about their own virtual machine, driven by
the operator with SEND CP (TESTG1's secondary user is OPERATOR): QUERY
VIRTUAL, QUERY TIME, DISPLAY, STORE, STOP, BEGIN, DEFINE CPU, MSG, IPL
CLEAR, DEFINE STORAGE, SYSTEM RESET, and their refusals.  The guest
(tests/guests/g_vmcmds.c) marks its storage with "VMCMDS" at X'80000' and
answers console lines, so each command's effect is seen from the inside."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import BUILD, RESVOL, Zcp

DECK = BUILD / "guests" / "vmcmds.deck"
G = "TESTG1  : "        # how TESTG1's console lines and SEND CP answers arrive


def ask(z, text, until, timeout=30):
    """z.ask, typing the line again if it was lost: on a loaded machine a
    line typed while CP is still finishing its last write can lose its
    attention (tests/harness/zcp.py, SETTLE), and then nothing at all
    follows its echo.  A line that got any answer is not typed again."""
    for attempt in range(3):
        start = z.mark()
        m = z.ask(text, until, timeout if attempt == 2 else 10)
        if m:
            return m
        answered = [l for l in z.texts(start) if l.strip() and not l.startswith("/(")]
        if answered:
            return None
        z.tap.note(f"no answer at all to {text!r}: typing it again")
    return None


def cp(z, cmd, until, timeout=30):
    """SEND CP TESTG1 cmd; the re.Match of the answer line matching until."""
    return ask(z, f"send cp testg1 {cmd}", G + until, timeout)


def silent(z, text):
    """A console line CP does not answer: wait for its echo, so that the
    next line is not typed before CP has read this one."""
    z.console(text)
    return z.wait_for(r"^/\([0-9A-F]{4}\) " + re.escape(text) + "$")


def lines_of(z, cmd, until):
    """Every line of TESTG1's answer to cmd, without the prefix: what comes
    before the answer to a QUERY TIME typed after it."""
    start = z.mark()
    if not cp(z, cmd, until) or not ask(z, "query time", r"^TIME IS"):
        return []
    got = z.texts(start, z.cursor - 1)
    return [l[len(G):] for l in got if l.startswith(G)]


with Tap() as t:
    if not RESVOL.exists() or not DECK.exists():
        t.skip_all("build/zcpres.3390 or build/guests/vmcmds.deck is not built")
    # The same deck twice: one for XAUTOLOG, one for the IPL CLEAR later.
    with Zcp(t, deck=False, resvol=True, readers={"000D": DECK, "000E": DECK}) as z:
        t.ok(z.ipl("0a80"), "IPL from the system volume")
        t.ok(ask(z, "loadrdr 00d testg1", r"^RDR FILE \d+ SENT TO TESTG1 "), "LOADRDR the guest deck for TESTG1")
        t.ok(ask(z, "xautolog testg1", r"^AUTO LOGON +\*\*\* +TESTG1"), "XAUTOLOG TESTG1")
        t.ok(z.wait_for(G + r"vmcmds guest started$", 60), "the guest starts")
        t.ok(z.wait_for(G + r"# ready$"), "and waits for a console line")

        # QUERY VIRTUAL: storage from the directory (16M, MAX 64M), CPU 00, console, reader.
        qv = lines_of(z, "query virtual", r"STORAGE = ")
        t.is_(qv[:1], ["STORAGE = 16M MAX = 64M INC = 1M STANDBY = 0 RESERVED = 0"], "Q V: storage")
        t.ok(any(re.fullmatch(r"CPU 00  ID  FF[0-9A-F]{14} \(BASE\) CP   CPUAFF ON", l) for l in qv),
             "Q V: CPU 00 is the base CPU and runs")
        t.ok("CONS 0009 DISCONNECTED   SECUSER OPERATOR" in qv, "Q V: console 0009, disconnected, SECUSER OPERATOR")
        t.ok(any(l.startswith("RDR  000C CL * ") for l in qv), "Q V: reader 000C")
        t.ok(any(re.fullmatch(r" +000C 2540 (CLOSED|OPEN \d{4}) NOKEEP NORESCAN SUBCHANNEL = [0-9A-F]{4}", l)
                 for l in qv), "Q V: the reader's second line: its state, NOKEEP, its subchannel")
        t.ok("     000D 2540 NOEOF CLOSED NOKEEP NOMSG NONAME" in qv, "Q V: the punch is NOKEEP NOMSG NONAME")
        t.ok(silent(z, "send cp testg1 spool pun keep msg"), "SPOOL PUN KEEP MSG")
        pun = lines_of(z, "q v pun", r"PUN  000D ")
        t.ok("     000D 2540 NOEOF CLOSED KEEP MSG NONAME" in pun, f"Q V PUN shows KEEP MSG ({pun})")
        t.ok(silent(z, "send cp testg1 spool pun nokeep nomsg"), "SPOOL PUN NOKEEP NOMSG")
        t.ok(cp(z, "q v 00d", r" +000D 2540 NOEOF CLOSED NOKEEP NOMSG NONAME$"), "Q V 00D: NOKEEP NOMSG again")
        t.ok(cp(z, "q v 0123", r"HCPQVD040E Device 0123 does not exist$"), "Q V of a device it does not have")

        # DISPLAY what the guest wrote; STORE next to it; the guest sees the store.
        t.ok(cp(z, "display t80000.10",
                r"R0000000000080000  E5D4C3D4 C4E24040 00000000 00000000  \*VMCMDS  \.{8}\*$"),
             "DISPLAY T80000.10 shows the guest's mark, translated")
        t.ok(cp(z, "store 80008 c1c2c3c4", r"Store complete\.$"), "STORE 80008 C1C2C3C4")
        t.ok(ask(z, "send testg1 peek", G + r"peek E5D4C3D4C4E24040C1C2C3C400000000$"),
             "the guest reads the stored bytes")
        t.ok(cp(z, "d 80008", r"R0000000000080008  C1C2C3C4$"), "DISPLAY shows them too")
        psw = cp(z, "d psw", r"PSW = ([0-9A-F]{8}) [0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8}$")
        t.ok(psw and int(psw.group(1), 16) & 0x00020000, "DISPLAY PSW: the guest waits for console input")
        regs = lines_of(z, "d g", r"GRG  0 = ")
        t.ok(len(regs) == 8 and all(re.fullmatch(r"GRG [ 1][0-9] =  [0-9A-F]{16}  [0-9A-F]{16}", l) for l in regs),
             "DISPLAY G: sixteen registers, two a line")

        # STOP: a line sent now is not read until BEGIN.
        t.ok(silent(z, "send cp testg1 stop"), "STOP (no answer)")
        t.ok(cp(z, "q v stor", r"STORAGE = 16M "), "CP answers for the stopped guest")
        t.ok(silent(z, "send testg1 while stopped"), "a line is sent to the stopped guest")
        t.ok(cp(z, "d psw", r"PSW = "), "DISPLAY PSW still answers")
        t.ok(ask(z, "q time", r"^TIME IS"), "and for the operator")
        before_begin = z.mark()
        t.ok(ask(z, "send cp testg1 begin", G + r"echo while stopped$"), "BEGIN: the guest goes on and reads the line")
        t.ok(not any("echo while stopped" in l for l in z.texts(0, before_begin)),
             "nothing was echoed while the guest was stopped")

        # QUERY TIME: VIRTCPU counts the guest's CPU time.
        t.ok(z.ask("send testg1 spin", G + r"spun$", 120), "the guest burns some CPU time")
        m = cp(z, "q time", r"CONNECT= \d\d:\d\d:\d\d VIRTCPU= (\d{3}):(\d\d)\.(\d\d) TOTCPU= (\d{3}):(\d\d)\.(\d\d)$")
        virt = m and int(m.group(1)) * 6000 + int(m.group(2)) * 100 + int(m.group(3))
        tot = m and int(m.group(4)) * 6000 + int(m.group(5)) * 100 + int(m.group(6))
        t.ok(m and virt > 0 and tot >= virt, "QUERY TIME: VIRTCPU above zero, TOTCPU at least VIRTCPU")

        # DEFINE CPU: a second CPU, stopped (MACHINE Z 2); a third is refused.
        t.ok(cp(z, "define cpu 01", r"CPU 01 defined$"), "DEFINE CPU 01")
        qv = lines_of(z, "q v cpus", r"CPU 00 ")
        t.ok(len(qv) == 2 and re.fullmatch(r"CPU 01  ID  FF[0-9A-F]{14} STOPPED CP   CPUAFF ON", qv[1]),
             "Q V CPUS: CPU 01 is there, stopped")
        t.ok(cp(z, "def cpu 02", r"HCPDEF1458E The maximum of 2 virtual CPUs is already defined$"),
             "DEFINE CPU beyond the directory's MACHINE limit")

        # MSG: from the guest's user to the operator, and back.
        t.ok(ask(z, "send cp testg1 msg operator Hello from TESTG1", r"^MSG FROM TESTG1  : Hello from TESTG1$"),
             "MSG OPERATOR from TESTG1 arrives with z/VM's header")
        t.ok(ask(z, "msg testg1 hi there", G + r"MSG FROM OPERATOR: hi there$"),
             "MSG TESTG1 from the operator reaches its console (the secondary user)")
        t.ok(ask(z, "msgnoh testg1 no header", G + r"no header$"), "MSGNOH: the text alone")
        t.ok(ask(z, "msg nobody hi", r"^HCPMSG045E NOBODY not logged on$"), "MSG to a user not logged on")

        # IPL CLEAR: a fresh deck in the reader; storage stored before is gone.
        t.ok(cp(z, "store 90000 deadbeef", r"Store complete\.$"), "STORE DEADBEEF at 90000")
        t.ok(ask(z, "loadrdr 00e testg1", r"^RDR FILE \d+ SENT TO TESTG1 "),
             "LOADRDR a second deck straight into the logged-on guest's reader")
        t.ok(ask(z, "send cp testg1 ipl 00c clear", G + r"vmcmds guest started$", 60), "IPL 00C CLEAR: the guest starts again")
        t.ok(z.wait_for(G + r"# ready$"), "and waits")
        t.ok(cp(z, "d 90000", r"R0000000000090000  00000000$"), "storage was cleared by IPL CLEAR")
        t.ok(cp(z, "store 90000 deadbeef", r"Store complete\.$"), "STORE DEADBEEF at 90000 again")
        t.ok(ask(z, "send cp testg1 ipl c", G + r"vmcmds guest started$", 60),
             "IPL C (the reader still holds the deck): the guest starts again")
        t.ok(z.wait_for(G + r"# ready$"), "and waits")
        t.ok(cp(z, "d 90000", r"R0000000000090000  DEADBEEF$"), "without CLEAR, storage is kept")
        t.ok(cp(z, "ipl 0123", r"HCPIPL040E Device 0123 does not exist$"), "IPL from a device it does not have")
        t.ok(ask(z, "send testg1 still here", G + r"echo still here$"), "and the guest runs on")

        # DEFINE STORAGE: new, empty storage; the directory's maximum holds.
        t.ok(cp(z, "define storage 32m", r"STORAGE = 32M$"), "DEFINE STORAGE 32M")
        t.ok(cp(z, "q v stor", r"STORAGE = 32M MAX = 64M INC = 1M STANDBY = 0 RESERVED = 0$"), "Q V STOR shows it")
        t.ok(cp(z, "d t80000", r"R0000000000080000  00000000 00000000 00000000 00000000  \*\.{16}\*$"),
             "the new storage is empty")
        t.ok(cp(z, "d 1ffffff", r"R0000000001FFFFFC  00000000$"), "the last word of 32M is there")
        t.ok(cp(z, "d 2000000", r"HCPDSP160E Hexloc 2000000 exceeds storage$"), "the next one is not")
        t.ok(cp(z, "def stor 65m", r"HCPDEF091E DEFINE exceeds directory maximum of 64M$"),
             "DEFINE STORAGE above the directory maximum")
        t.ok(cp(z, "q v stor", r"STORAGE = 32M "), "and the storage stays 32M")

        # STORE PSW, SYSTEM RESET.
        t.ok(cp(z, "store psw 2000", r"Store complete\.$"), "STORE PSW 2000")
        t.ok(cp(z, "d psw", r"PSW = 00000000 00000000 00000000 00002000$"), "DISPLAY PSW shows it")
        t.ok(cp(z, "system reset", r"System reset\.$"), "SYSTEM RESET")
        t.ok(cp(z, "d psw", r"PSW = 00000000 00000000 00000000 00000000$"), "the PSW is reset")

        # Refusals: each with its message.
        t.ok(cp(z, "store g16 1", r"HCPCMD002E Invalid operand - G16$"), "STORE G16")
        t.ok(cp(z, "d t3000-2000", r"HCPDSP009E Invalid range - T3000-2000$"), "DISPLAY a backwards range")
        t.ok(cp(z, "begin 4000000", r"HCPBEG160E Hexloc 4000000 exceeds storage$"), "BEGIN beyond storage")
        t.ok(cp(z, "system", r"HCPCMD026E Operand missing or invalid$"), "SYSTEM without an operand")
        t.ok(cp(z, "shutdown", r"HCPCMD001E Unknown CP command: SHUTDOWN$"),
             "SEND CP runs with TESTG1's classes (G): no SHUTDOWN")
        t.ok(ask(z, "send cp nobody q v", r"^HCPSND045E NOBODY not logged on$"), "SEND CP to a user not logged on")
        t.ok(ask(z, "query virtual", r"^HCPCMD9002E OPERATOR has no virtual machine$"),
             "the operator console has no virtual machine to query")
        t.ok(ask(z, "q time", r"^TIME IS "), "CP still answers")
