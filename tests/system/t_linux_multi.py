#!/usr/bin/env python3
"""Two Linux guests and a CMS user at once, one Linux with two virtual
CPUs, Linux storage paged by ZCP (docs/linux-guest.md, "Several Linux
guests, SMP, paging").

One Hercules run, to keep the number of Linux boots small: ZCP with two
CPUs and less real storage than its guests define, a paging volume.
LINUX1 (1 virtual CPU) and LINUX2 (2 virtual CPUs from the directory)
IPL the Debian kernel from their readers at the same time; CMSUSER works
in CMS while they boot and while LINUX2 loads both its CPUs.  LINUX2
brings its second CPU up with SIGP (sense, set prefix, restart, external
call, emergency signal) and spins with DIAG X'9C'; busy loops on both
CPUs make both CPUs' tick counts grow.  LINUX1 fills a file in its
initramfs (tmpfs) with a known pattern bigger than the real storage left
to it, so CP pages its storage out; the file's MD5, taken twice, matches
the pattern's (pages come back intact) and INDICATE USER shows LINUX1's
page-outs and page-ins (the pfault handshake, DIAG X'258', on)."""
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from linux import BOOT_TIMEOUT, LOADRDR_TIMEOUT, prepare
from zcp import BUILD, Zcp

PARM = "console=ttyS0 conmode=sclp rdinit=/init"     # as t_linux.py

MAINSIZE = 160          # MiB of real storage: LINUX1 + LINUX2 define 512M
SPOOL_CYLS = 60         # cylinders of the spool volume
FILL_MB = 80            # LINUX1's file in its rootfs (tmpfs: at most half of the
                        # guest's 256M, less the initramfs; 160M stopped at 105M)
# Linux lowercases what it reads from the SCLP console under z/VM
# (drivers/s390/char/sclp_tty.c), and [ ] ^ do not survive the code page:
# lines typed here stay in lowercase and avoid them.
PATTERN = "zcp paging test line 0123456789 abcdefghijklmnopqrstuvwxyz\n"
CMS_READY = r"^Ready(;|\((-?\d+)\);) T=\d+\.\d\d/\d+\.\d\d \d\d:\d\d:\d\d$"


def spool_volume():
    """A spool volume big enough for two sets of Linux files (the default
    20-cylinder one holds about one): a fresh ZCPSPL of SPOOL_CYLS."""
    (BUILD / "tests").mkdir(parents=True, exist_ok=True)
    vol = Path(tempfile.mkdtemp(prefix="t_linux_multi-spool-", dir=BUILD / "tests")) / "zcpspl.3390"
    subprocess.run(["dasdinit", str(vol), "3390", "ZCPSPL", str(SPOOL_CYLS)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([str(BUILD / "bin" / "zcpspool"), "format", str(vol)], check=True,
                   stdout=subprocess.DEVNULL)
    return vol


def pattern_md5(size):
    """MD5 of `yes PATTERN | head -c size` (what LINUX1 writes)."""
    line = PATTERN.encode()
    whole, rest = divmod(size, len(line))
    h = hashlib.md5()
    block = line * 4096
    for _ in range(whole // 4096):
        h.update(block)
    h.update(line * (whole % 4096))
    h.update(line[:rest])
    return h.hexdigest()


def cpu_ticks(lines):
    """{cpu: user+nice+system ticks} of the cpuN lines of /proc/stat."""
    ticks = {}
    for line in lines:
        m = re.match(r"^cpu(\d+) (\d+) (\d+) (\d+)", line)
        if m:
            ticks[int(m.group(1))] = sum(int(m.group(i)) for i in (2, 3, 4))
    return ticks


def indicate(z, user):
    """(WRITES, READS, PFAULT-INITS) of INDICATE USER user, or None."""
    ans = z.answer(f"indicate user {user}", r"PFAULT-DONES=\d+")
    text = " ".join(ans or [])
    w = re.search(r"WRITES=(\d+)", text)
    r = re.search(r"READS=(\d+)", text)
    p = re.search(r"PFAULT-INITS=(\d+)", text)
    if not (w and r and p):
        return None
    return int(w.group(1)), int(r.group(1)), int(p.group(1))


with Tap() as t:
    deck = prepare(t, PARM, "t_linux_multi")
    spool = spool_volume()
    with Zcp(t, deck=False, resvol=True, uservol=True, mainsize=MAINSIZE, numcpu=2,
             readers={"000D": deck, "000F": deck}, spool=spool, pagevols={"0A92": 300},
             deadline=BOOT_TIMEOUT + 2 * LOADRDR_TIMEOUT + 2400) as z:
        t.ok(z.ipl("0a80"), f"IPL ZCP: {MAINSIZE}M real storage, 2 CPUs, a paging volume")
        for rdr, user in (("00d", "linux1"), ("00f", "linux2")):
            for what in ("kernel", "parameter file", "initrd"):
                m = z.ask(f"loadrdr {rdr} {user}", rf"^RDR FILE \d{{4}} SENT TO {user.upper()} RDR AS|^HCPLDR\d+E ",
                          timeout=LOADRDR_TIMEOUT)
                t.ok(m and m.group(0).startswith("RDR"), f"LOADRDR the {what} into {user.upper()}'s reader")
        l1, l2, cms = z.terminal("0020"), z.terminal("0021"), z.terminal("0022")
        t.ok(l1 and l1.logon("linux1", "linux1"), "LOGON LINUX1 at terminal 0020")
        t.ok(l2 and l2.logon("linux2", "linux2"), "LOGON LINUX2 at terminal 0021")
        t.ok(l2.ask("query virtual cpus", r"^CPU 01 .*STOPPED", timeout=60),
             "LINUX2 has a second virtual CPU (directory CPU 01), stopped")
        t.ok(cms and cms.logon("cmsuser", "cmsuser"), "LOGON CMSUSER at terminal 0022")
        t.ok(cms.wait_for(CMS_READY, 120), "CMSUSER's IPL 0190 starts CMS")
        began = time.monotonic()
        l1.send("ipl 00c")
        l2.send("ipl 00c")
        t.ok(cms.ask("query disk", CMS_READY, 300), "CMS answers QUERY DISK while both Linux guests boot")
        for term, user in ((l1, "LINUX1"), (l2, "LINUX2")):
            t.ok(term.wait_for(r"ZCPLINUX INIT", BOOT_TIMEOUT),
                 f"{user} reaches /init of its initramfs")
        t.note(f"both IPL 00C to /init: {time.monotonic() - began:.1f} s")
        time.sleep(5)                   # the shells start (their prompts end no line)
        t.ok(l1.ask("cat /proc/sysinfo", r"^VM00 Name:\s+LINUX1\s*$", 120), "LINUX1's shell answers")
        t.ok(l2.ask("cat /proc/sysinfo", r"^VM00 Name:\s+LINUX2\s*$", 120), "LINUX2's shell answers")

        # ---- LINUX2: two virtual CPUs -------------------------------------
        t.ok(l2.ask("cat /sys/devices/system/cpu/online", r"^0-1$", 120),
             "LINUX2 brought its second CPU online (SIGP set prefix, restart)")
        t.ok(l2.ask("nproc", r"^2$", 60), "nproc says 2")
        m = l2.ask("#cp query virtual cpus", r"^CPU 01 .*", 60)
        t.ok(m and "STOPPED" not in m.group(0), "CP shows LINUX2's CPU 01 started")
        stat = "grep 'cpu0 ' /proc/stat; grep 'cpu1 ' /proc/stat; echo stat-end"
        before = l2.answer(stat, r"^stat-end$", 60)
        l2.send("(while :; do :; done) & a=$!; (while :; do :; done) & b=$!; echo loops-on")
        t.ok(l2.wait_for(r"^loops-on$", 60), "two busy loops run in LINUX2")
        t.ok(cms.ask("query time", CMS_READY, 300), "CMS answers while LINUX2 keeps both its CPUs busy")
        time.sleep(10)
        after = l2.answer(stat, r"^stat-end$", 120)
        l2.send("kill $a $b; echo loops-off")
        t.ok(l2.wait_for(r"^loops-off$", 120), "the loops are killed")
        b, a = cpu_ticks(before or []), cpu_ticks(after or [])
        t.note(f"/proc/stat busy ticks before {b}, after {a}")
        t.ok(set(b) == {0, 1} and set(a) == {0, 1} and a[0] > b[0] and a[1] > b[1],
             "both CPUs' busy ticks grow in /proc/stat")
        irq = l2.answer("cat /proc/interrupts; echo irq-end", r"^irq-end$", 60) or []
        counts = {}
        for line in irq:
            m = re.search(r"\b(EXT|CLK|EXC|EMS):\s+(\d+)\s+(\d+)", line)
            if m:
                counts[m.group(1)] = (int(m.group(2)), int(m.group(3)))
        t.note(f"/proc/interrupts (CPU0, CPU1): {counts}")
        clk = counts.get("CLK", (0, 0))
        t.ok(clk[0] > 0 and clk[1] > 0, "both CPUs take clock-comparator interruptions (CLK)")
        sig = [sum(counts.get(k, (0, 0))[i] for k in ("EXC", "EMS")) for i in (0, 1)]
        t.ok(sig[0] > 0 and sig[1] > 0,
             "both CPUs get signals from the other (SIGP external call EXC / emergency signal EMS)")

        # Linux probes DIAG X'9C' at boot (arch/s390/kernel/early.c,
        # detect_diag9c) and then yields to a lock holder with it; it sets up
        # pfault with DIAG X'258' (arch/s390/mm/pfault.c).
        rows = z.answer("query diag", r"^UNDEFINED \(specification exception\)") or []
        for code in ("0044", "009C", "0258"):
            t.note("QUERY DIAG: " + next((l for l in rows if l.startswith(code + " ")), code + " -"))
        t.ok(any(re.match(r"^009C .* LINUX2=\d+", l) for l in rows),
             "QUERY DIAG counts DIAG X'9C' for LINUX2")
        t.ok(any(re.match(r"^0258 .* LINUX1=\d+", l) for l in rows),
             "QUERY DIAG counts DIAG X'258' (pfault) for LINUX1")

        # ---- LINUX1: its storage paged by CP --------------------------------
        base = indicate(z, "linux1")
        t.ok(base is not None, "INDICATE USER LINUX1 answers")
        size = FILL_MB << 20
        want = pattern_md5(size)
        l1.send(f"yes '{PATTERN.rstrip()}' | head -c {size} > /fill; echo fill-done")
        t.ok(l1.wait_for(r"^fill-done$", 2400), f"LINUX1 writes {FILL_MB}M into a tmpfs file")
        sums = []
        for _ in range(2):
            m = l1.ask("md5sum /fill", r"^([0-9a-f]{32})\s+/fill$", 900)
            sums.append(m.group(1) if m else None)
        t.note(f"md5sum: {sums}, expected {want}")
        if sums != [want, want]:
            for line in l1.answer("ls -l /fill; head -c 200 /fill; echo; echo diag-end", r"^diag-end$", 300) or []:
                t.note("LINUX1: " + line)
        t.ok(sums == [want, want], "md5sum twice gives the pattern's MD5: the pages came back intact")
        now = indicate(z, "linux1")
        t.note(f"INDICATE USER LINUX1 (WRITES, READS, PFAULT-INITS): before {base}, after {now}")
        t.ok(now and base and now[0] > base[0], "CP paged LINUX1's storage out (INDICATE USER WRITES)")
        t.ok(now and base and now[1] > base[1], "and back in (INDICATE USER READS)")
        frames = z.answer("query frames", r"^PAGE-INS: ")
        t.note("QUERY FRAMES: " + " / ".join(frames or []))
        t.ok(frames and re.search(r"PAGEOUTS=[1-9]", " ".join(frames)), "QUERY FRAMES counts page-outs")
        t.note(f"pfault inits for LINUX1: {now[2] if now else None}")
        t.ok(l1.ask("rm /fill; echo rm-done", r"^rm-done$", 300), "LINUX1 still answers after paging")
        t.ok(l2.ask("vmcp q time", r"^TIME IS \d\d:\d\d:\d\d", 120), "LINUX2 still answers (vmcp)")
        t.ok(cms.ask("query time", CMS_READY, 120), "CMS still answers")
        for user in ("LINUX1", "LINUX2"):
            t.ok(not z.find(rf"^HCPVMI9100W {user}: CPU \d+ (disabled wait|stopped)"),
                 f"no virtual CPU of {user} ended in a disabled wait or an unhandled interception")
    shutil.rmtree(spool.parent, ignore_errors=True)
