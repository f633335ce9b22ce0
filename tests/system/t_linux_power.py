#!/usr/bin/env python3
"""Linux's watchdog (DIAG X'288'), reboot (DIAG X'308') and power-off
under ZCP (docs/linux-guest.md, "Watchdog, reboot and power-off").

Two boots of the Debian kernel in LINUX1 (as t_linux: LOADRDR kernel,
parameter file and initrd into the reader, IPL 00C).  In the first: the
diag288_wdt driver is loaded; busybox's watchdog daemon keeps the guest
alive; killing it closes /dev/watchdog with the magic 'V' (cancel);
a watchdog opened and then left unfed expires and CP runs the command
the driver gave it.  Then `reboot -f`: Linux re-IPLs the reader through
DIAG X'308' and boots a second time.  In the second: `poweroff -f` ends in
a stopped virtual CPU with CP still answering.  Skipped only when the
packages cannot be had, as t_linux."""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from linux import BOOT_TIMEOUT, LOADRDR_TIMEOUT, SHELL_TIMEOUT, load_reader, prepare, shell_ready
from zcp import Zcp

PARM = "console=ttyS0 conmode=sclp rdinit=/init"

WDT_TIMEOUT = 30        # seconds; diag288_wdt's minimum is 15
EXPIRED = r"^HCPWDG9288I Watchdog timer expired after \d+ seconds; CP runs: (.*)$"
SHELL = SHELL_TIMEOUT


def ask(term, line, pattern, timeout):
    """A shell command line: shorter than Hercules' 150-byte 1052/3215
    keyboard buffer (console.c BUFLEN_1052, CR LF included); a longer line
    fills it and Hercules drops the client's connection."""
    assert len(line) < 140, f"shell line too long for the 3215: {line}"
    return term.ask(line, pattern, timeout)


def diag288_count(z):
    """LINUX1's count of DIAG X'288' in QUERY DIAG (0 if none yet)."""
    lines = z.answer("query diag", r"^UNDEFINED", timeout=60) or []
    for line in lines:
        if line.startswith("0288 "):
            m = re.search(r"LINUX1=(\d+)", line)
            return int(m.group(1)) if m else 0
    return None


def expiries(term, since):
    return [t for t in term.texts()[since:] if re.match(EXPIRED, t)]


# Linux lower-cases what is typed on its SCLP line-mode console under z/VM
# (drivers/s390/char/sclp_tty.c), as a 3215 user types upper case: the
# commands below are lower case, upper-case letters come from printf's
# octal escapes (\124 'T', \126 'V').

with Tap() as t:
    deck = prepare(t, PARM, "t_linux_power", uservol=False)
    with Zcp(t, deck=False, resvol=True, mainsize=512, readers={"000D": deck},
             deadline=2 * BOOT_TIMEOUT + LOADRDR_TIMEOUT + 1500) as z:
        t.ok(z.ipl("0a80"), "IPL ZCP from the system volume")
        load_reader(t, z)
        term = z.terminal("0020")
        t.ok(term and term.logon("linux1", "linux1"), "LOGON LINUX1 at terminal 0020")
        # As on z/VM: with the reader's KEEP each file read is kept (and put
        # in user hold), and Linux's IPL code releases them (CHANGE RDR ALL
        # KEEP NOHOLD) for the re-IPL of a reboot.
        t.ok(term.ask("spool rdr keep", r"^HCP", timeout=10) is None,
             "SPOOL RDR KEEP (silent when done): the reader keeps what it reads")
        term.send("ipl 00c")
        t.ok(term.wait_for(r"ZCPLINUX INIT", timeout=BOOT_TIMEOUT), "first boot: Linux reaches /init")
        t.ok(shell_ready(term), "busybox's shell answers on the SCLP console")

        # ---- the IPL information Linux found (DIAG X'308' STORE) ----
        t.ok(ask(term, "echo ipl $(cat /sys/firmware/ipl/ipl_type) $(cat /sys/firmware/ipl/device)",
                      r"^ipl ccw 0\.0\.000c$", timeout=SHELL),
             "/sys/firmware/ipl: Linux knows it was IPLed from CCW device 000C (X'308' STORE)")
        t.ok(ask(term, "echo reipl $(cat /sys/firmware/reipl/reipl_type) $(cat /sys/firmware/reipl/ccw/device)",
                      r"^reipl ccw 0\.0\.000c$", timeout=SHELL),
             "/sys/firmware/reipl: a reboot re-IPLs device 000C")

        # ---- watchdog: the driver ----
        t.ok(ask(term, "insmod /lib/modules/watchdog.ko && insmod /lib/modules/diag288_wdt.ko && "
                      "cd /sys/class/watchdog/watchdog0 && echo wdt $(cat identity)",
                      r"^wdt z Watchdog$", timeout=SHELL),
             "diag288_wdt loads: its DIAG X'288' init and cancel are accepted")
        before = diag288_count(z)
        t.ok(before is not None and before >= 2, f"QUERY DIAG counts LINUX1's X'288' calls ({before})")

        # ---- fed: the guest lives ----
        mark = len(term.texts())
        t.ok(ask(term, f"watchdog -$(printf '\\124') {WDT_TIMEOUT} -t 3 /dev/watchdog && sleep 1 && "
                      "echo wdt-state $(cat state timeout)",
                      rf"^wdt-state active {WDT_TIMEOUT}$", timeout=SHELL),
             f"busybox watchdog opens /dev/watchdog: active, timeout {WDT_TIMEOUT} s")
        feed = 2 * WDT_TIMEOUT + 15
        t.ok(ask(term, f"sleep {feed}; echo fed-$(({feed}))", rf"^fed-{feed}$", timeout=feed + SHELL),
             f"{feed} s (more than two timeouts) pass while the daemon feeds it")
        after = diag288_count(z)
        t.ok(after is not None and before is not None and after >= before + 3,
             f"the daemon's pings reached CP as DIAG X'288' (count {before} -> {after})")
        t.ok(not expiries(term, mark), "a fed watchdog does not expire")

        # ---- magic close: cancelled ----
        t.ok(ask(term, "killall watchdog; sleep 2; echo wdt-state $(cat state)",
                      r"^wdt-state inactive$", timeout=SHELL),
             "killing the daemon closes /dev/watchdog with the magic 'V': inactive")
        quiet = WDT_TIMEOUT + 20
        t.ok(ask(term, f"sleep {quiet}; echo quiet-$(({quiet}))", rf"^quiet-{quiet}$", timeout=quiet + SHELL),
             f"{quiet} s pass after the magic close")
        t.ok(not expiries(term, mark), "the cancelled watchdog does not expire")

        # ---- unfed: CP runs the driver's command ----
        t.ok(ask(term, "echo -n 'msg * watchdog expired' > /sys/module/diag288_wdt/parameters/cmd; "
                      "echo \"cmd $(cat /sys/module/diag288_wdt/parameters/cmd)\"",
                      r"^cmd msg \* watchdog expired$", timeout=SHELL),
             "the driver's CP command set to MSG * (module parameter cmd)")
        mark = len(term.texts())
        term.send("exec 3>/dev/watchdog")
        m = term.wait_for(EXPIRED, timeout=WDT_TIMEOUT + SHELL)
        t.ok(m and m.group(1) == "MSG * WATCHDOG EXPIRED",
             "left unfed, the watchdog expires: HCPWDG9288I names the driver's command (upper case)")
        t.ok(term.wait_for(r"^MSG FROM LINUX1\s*: WATCHDOG EXPIRED$", timeout=60),
             "CP ran the command as LINUX1: the message arrives")
        t.ok(ask(term, "printf '\\126' >&3; exec 3>&-; echo alive $(cat state)",
                      r"^alive inactive$", timeout=SHELL),
             "Linux runs on after the expiry; the magic close cancels the watchdog")
        t.ok(len(expiries(term, mark)) == 1, "one expiry: the timer is one-shot until the guest re-arms")

        # ---- reboot: DIAG X'308' re-IPLs the reader ----
        term.send("reboot -f")
        t.ok(term.wait_for(r"^HCPIPL3221E Device 000C|Linux version 6\.1\.", timeout=BOOT_TIMEOUT),
             "reboot -f: Linux's DIAG X'308' SET + LOAD reaches CP, which re-IPLs 000C")
        booted = term.wait_for(r"ZCPLINUX INIT", timeout=BOOT_TIMEOUT) if not any(
            l.startswith("HCPIPL3221E") for l in term.texts()) else None
        t.ok(booted, "second boot: Linux reaches /init again (the kept reader files, released by "
             "Linux's CHANGE RDR ALL KEEP NOHOLD)")
        if booted:
            shell_ready(term)
            t.ok(ask(term, "echo up $(cat /sys/firmware/ipl/device)", r"^up 0\.0\.000c$", timeout=SHELL),
                 "the second boot's shell answers; it was IPLed from 000C")
        else:
            t.skip("no second boot", 1)

        # ---- power-off: a stopped virtual CPU, CP answers ----
        if not booted:
            t.skip("no second boot: nothing to power off", 6)
        else:
            term.send("poweroff -f")
            # Linux's "reboot: Power down" may not reach the SCLP console
            # before its CPU stops; CP READ says the machine stopped.
            t.ok(term.wait_for(r"Power down|^CP READ$", timeout=SHELL),
                 "poweroff -f: the virtual machine stops (CP READ)")
            time.sleep(5)
            t.ok(not term.closed, "the terminal stays connected")
            t.ok(ask(term, "#cp q v cpus", r"^CPU 00 .*STOPPED", timeout=120),
                 "poweroff ends in a stopped virtual CPU (Linux's SIGP stop), CP still answering")
            t.ok(ask(term, "#cp q time", r"^TIME IS \d\d:\d\d:\d\d", timeout=60), "LINUX1 is still logged on")
            t.ok(z.ask("query names", r"LINUX1", timeout=60), "the operator sees LINUX1 logged on")
            t.ok(not z.find(r"^HCPVMI9100W LINUX1: "),
                 "nothing of LINUX1 stopped on an interception CP does not handle")
