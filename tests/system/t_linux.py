#!/usr/bin/env python3
"""A stock Debian s390x Linux guest under ZCP (docs/linux-guest.md).

tools/linux-fetch.sh gets the Debian 12 kernel, busybox-static and
s390-tools packages (as root, from Debian's archive) and builds an
initramfs whose /init prints ZCPLINUX markers.  The test LOADRDRs the
kernel, the parameter file and the initrd from a real 3505 into LINUX1's
reader, logs LINUX1 on, IPLs 00C and follows the boot on LINUX1's 3215
console.  Skipped only when the packages cannot be had (not root, no
network); CI (.ci/run) runs as root with the archive reachable."""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from linux import BOOT_TIMEOUT, LOADRDR_TIMEOUT, load_reader, prepare, shell_ready
from zcp import Zcp

# No conmode=: Linux asks CP QUERY CONSOLE and QUERY TERMINAL (DIAG X'08')
# and, seeing CONMODE 3215, takes the 3215 at 0009 as its console, as
# under z/VM.
PARM = "console=ttyS0 rdinit=/init"


with Tap() as t:
    deck = prepare(t, PARM, "t_linux")
    with Zcp(t, deck=False, resvol=True, uservol=True, mainsize=512, readers={"000D": deck},
             deadline=BOOT_TIMEOUT + LOADRDR_TIMEOUT + 900) as z:
        t.ok(z.ipl("0a80"), "IPL ZCP from the system volume")
        load_reader(t, z)
        term = z.terminal("0020")
        t.ok(term and term.logon("linux1", "linux1"), "LOGON LINUX1 at terminal 0020")
        began = time.monotonic()
        term.send("ipl 00c")
        t.ok(term.wait_for(r"Linux version 6\.1\.", timeout=BOOT_TIMEOUT),
             "IPL 00C: the kernel loads itself from the reader, decompresses, and its log "
             "appears on LINUX1's terminal")
        t.ok(term.wait_for(r"setup: Linux is running as a z/VM guest operating system", timeout=60),
             "Linux knows it runs under z/VM (STIDP, STSI 3.2.2)")
        t.ok(term.wait_for(r"ZCPLINUX INIT", timeout=BOOT_TIMEOUT),
             "Linux reaches /init of the initramfs (the reader's third file)")
        t.note(f"IPL 00C to /init: {time.monotonic() - began:.1f} s")
        t.ok(not z.find(r"^HCPVMI9100W LINUX1: CPU \d+ disabled wait"), "no disabled wait on the way")
        t.ok(shell_ready(term), "busybox's shell answers on the 3215")
        t.ok(term.ask("readlink /sys/bus/ccw/devices/0.0.0009/driver", r"/drivers/3215\s*$", timeout=120),
             "the console is the 3215 at 0009 (Linux's 3215 driver owns it: path verification, "
             "format-2 IDAWs)")
        t.ok(term.ask("vmcp q term", r"CONMODE 3215", timeout=120),
             "QUERY TERMINAL shows CONMODE 3215, which made Linux choose the 3215")
        t.ok(term.ask("echo zcp | tr a-z A-Z", r"^ZCP$", timeout=120),
             "a shell pipe typed at the terminal works (| arrives as |: CP's code page 037 end to end)")
        got = term.answer("printf '%0200d\\n' 0 | tr 0 x", r"^x{70}\s*$", timeout=120) or []
        runs = [len(l.strip()) for l in got if re.fullmatch(r"x+", l.strip())]
        t.ok(runs == [130, 70], "a 200-character line shows as 130 and 70 characters, no empty line "
             "between (the terminal's width; Linux writes it in one CCW)")
        if runs != [130, 70]:
            t.note(f"lines of x: {runs}")
        t.ok(term.ask("cat /proc/sysinfo", r"^VM00 Name:\s+LINUX1\s*$", timeout=120),
             "/proc/sysinfo names the virtual machine (STSI 3.2.2)")
        t.ok(term.ask("vmcp q time", r"^TIME IS \d\d:\d\d:\d\d", timeout=120),
             "vmcp q time: DIAG X'08' with a response buffer")
        t.ok(term.ask("vmcp q v storage", r"^STORAGE = 256M", timeout=120),
             "vmcp q v storage: the guest's 256M")
        # QUERY VIRTUAL ALL through DIAG X'08', by name: what z/VM shows
        # (CP Commands and Utilities Reference, QUERY VIRTUAL): storage,
        # the CPU, the console, the reader, punch and printer with their
        # spooling options, the minidisk and the link.
        qv = term.answer("vmcp q v all; echo qv-end", r"^qv-end", timeout=120) or []
        qv = [l.rstrip() for l in qv]
        for want, what in (
                (r"^STORAGE = 256M MAX = 512M", "storage and its maximum"),
                (r"^CPU 00  ID  FF[0-9A-F]{14} \(BASE\)", "CPU 00, the base CPU"),
                (r"^CONS 0009 ON TERM 0020", "the console on terminal 0020"),
                (r"^RDR  000C CL \* NOCONT NOHOLD EOF +READY$", "the reader's options"),
                (r"^ +000C 2540 (CLOSED|OPEN \d{4}) NOKEEP NORESCAN SUBCHANNEL = [0-9A-F]{4}$",
                 "the reader's type, state and NOKEEP"),
                (r"^PUN  000D CL A NOCONT NOHOLD COPY 001 +READY +FORM STANDARD$", "the punch's options"),
                (r"^ +000D TO SYSTEM +PUN DIST LINUX1 +DEST OFF$", "the punch's destination"),
                (r"^ +000D 2540 NOEOF CLOSED NOKEEP NOMSG NONAME$", "the punch's type and NOKEEP"),
                (r"^PRT  000E CL A NOCONT NOHOLD COPY 001 +READY +FORM STANDARD$", "the printer's options"),
                (r"^ +000E 1403 NOEOF CLOSED NOKEEP NOMSG NONAME$", "the printer's type and NOKEEP"),
                (r"^DASD 0191 3390 ZCPT01 R/W +2 CYL ON DASD", "minidisk 0191, read/write"),
                (r"^DASD 0192 3390 ZCPT01 R/O +2 CYL ON DASD", "the read-only link 0192")):
            t.ok(any(re.search(want, l) for l in qv), f"vmcp q v all: {what}")
        t.ok(sum(bool(re.search(r"SUBCHANNEL = [0-9A-F]{4}$", l)) for l in qv) == 6,
             "vmcp q v all: a subchannel for each of the 6 devices")
        if not qv or not any(re.search(r"^DASD 0192", l) for l in qv):
            t.note("vmcp q v all:\n" + "\n".join(qv))
            alt = term.answer("vmcp q v all | sed 's/^ /_/'; vmcp q v all | wc -l; echo qv-end", r"^qv-end",
                              timeout=120) or []
            t.note("vmcp q v all | sed 's/^ /_/'; | wc -l:\n" + "\n".join(alt))
        # Every DIAGNOSE Linux issued while booting is one ZCP defines
        # (QUERY DIAG names any undefined code, diagnose/query.c).
        rows = z.answer("query diag", r"^UNDEFINED \(specification exception\)", timeout=120) or []
        undef = [l for l in rows if re.match(r"^[0-9A-F]{4} \(undefined\)", l)]
        t.ok(rows and not undef and not any(re.match(r"^UNDEFINED .*LINUX1=", l) for l in rows),
             "Linux issued no DIAGNOSE code that ZCP does not define (QUERY DIAG)")
        for l in undef:
            t.note("QUERY DIAG: " + l)
        t.ok(any(re.match(r"^0204 .* LINUX1=2$", l) for l in rows),
             "QUERY DIAG: Linux's hypfs probed X'204' twice (extended: not available; simplified: data)")
        t.ok(any(re.match(r"^02FC .* LINUX1=2$", l) for l in rows),
             "QUERY DIAG: then X'2FC' twice (every guest: class B only; then its own data)")
        # The hypervisor file system is up (X'204', X'2FC'): LINUX1's data.
        hyp = "/sys/hypervisor/s390"
        t.ok(term.ask(f"mount -t s390_hypfs none {hyp} && cat {hyp}/hyp/type", r"^z/VM Hypervisor$", timeout=120),
             "mount -t s390_hypfs: hypfs is up under ZCP, as under z/VM")
        t.ok(term.ask(f"echo vcpus $(cat {hyp}/systems/LINUX1/cpus/count)", r"^vcpus 1$", timeout=120),
             "hypfs: systems/LINUX1 has 1 virtual CPU (X'2FC' record)")
        # poweroff, reboot and the watchdog: t_linux_power.py
        t.ok(not z.find(r"^HCPVMI9100W LINUX1: CPU \d+ stopped"),
             "no virtual CPU of LINUX1 was stopped by an interception CP does not handle")
