#!/usr/bin/env python3
"""A minidisk under Linux's dasd_diag discipline (DIAG X'250') in a stock
Debian s390x guest under ZCP (docs/linux-guest.md, "DASD under dasd_diag").

LINUX1's 0191 is ZCPT01 cylinders 22-23, formatted by make in 4096-byte
blocks (tools/zcpmdisk layout); its 0192 is the same disk linked read-only
(RR).  One boot: in Linux's shell the test loads dasd_mod, dasd_eckd_mod
(the ccw driver that binds a 3390) and dasd_diag_mod, sets use_diag and
brings 0191 online, writes random blocks with dd, reads them back through
0191 and through the read-only 0192, and tries the bad paths (past the end;
a write to the read-only disk).  After ZCP stops, the test reads the blocks
from the volume image itself: the data is on the minidisk.  Skipped only
when the packages cannot be had (as t_linux)."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from linux import BOOT_TIMEOUT, LOADRDR_TIMEOUT, SHELL_TIMEOUT, load_reader, prepare, shell_ready
from zcp import USERVOL, Zcp
import hashlib
import struct

PARM = "console=ttyS0 conmode=sclp rdinit=/init"
CMD_TIMEOUT = SHELL_TIMEOUT
SYS = "/sys/bus/ccw/devices"

START_CYL, CYLS, PER_TRACK, HEADS, BS = 22, 2, 12, 15, 4096   # conf/user.direct, LINUX1 0191
BLOCKS = CYLS * HEADS * PER_TRACK                              # 360
SEEK, COUNT = 50, 256         # the blocks the test writes: DIAG blocks SEEK+1 .. SEEK+COUNT


def read_blocks(image, first, count):
    """Blocks first.. (numbered from 1 as DIAG X'250' numbers them) of the
    minidisk, read from the Hercules CKD image file (tools/ckd.h layout)."""
    data = bytearray()
    with open(image, "rb") as f:
        hdr = f.read(512)
        heads, trksize = struct.unpack_from("<II", hdr, 8)
        for k in range(first, first + count):
            p = k - 1
            track, rec = divmod(p, PER_TRACK)
            rec += 1
            cyl, head = START_CYL + track // HEADS, track % HEADS
            f.seek(512 + (cyl * heads + head) * trksize)
            trk = f.read(trksize)
            pos, found = 5, None
            while pos + 8 <= len(trk) and trk[pos:pos + 8] != b"\xff" * 8:
                _c, _h, r, kl, dl = struct.unpack_from(">HHBBH", trk, pos)
                if r == rec:
                    found = trk[pos + 8 + kl:pos + 8 + kl + dl]
                    break
                pos += 8 + kl + dl
            if found is None or len(found) != BS:
                return None
            data += found
    return bytes(data)


with Tap() as t:
    deck = prepare(t, PARM, "t_linux_dasd")
    guest_md5 = None
    with Zcp(t, deck=False, resvol=True, uservol=True, mainsize=512, readers={"000D": deck},
             deadline=BOOT_TIMEOUT + LOADRDR_TIMEOUT + 1500) as z:
        t.ok(z.ipl("0a80"), "IPL ZCP from the system volume")
        load_reader(t, z)
        term = z.terminal("0020")
        t.ok(term and term.logon("linux1", "linux1"), "LOGON LINUX1 at terminal 0020")
        t.ok(term.ask("q mdisk", r"^DASD 0192 3390 ZCPT01 R/O +2 CYL"),
             "LINUX1 has its 0191 and, linked read-only, 0192")
        term.send("ipl 00c")
        t.ok(term.wait_for(r"ZCPLINUX INIT", timeout=BOOT_TIMEOUT),
             "Linux boots to /init of the initramfs")
        t.ok(shell_ready(term), "busybox's shell answers on the SCLP console")

        def sh(cmd, pattern, what, timeout=CMD_TIMEOUT):
            m = term.ask(cmd, pattern, timeout=timeout)
            t.ok(m, what)
            return m

        # Linux's SCLP line-mode console lowercases what the user types (as
        # under z/VM; sclp_tty.c): the commands and markers are lowercase.
        sh("insmod /lib/modules/dasd_mod.ko && insmod /lib/modules/dasd_eckd_mod.ko &&"
           " insmod /lib/modules/dasd_diag_mod.ko && echo mods-ok", r"^mods-ok$",
           "insmod dasd_mod, dasd_eckd_mod and dasd_diag_mod")
        sh(f"cat {SYS}/0.0.0191/devtype {SYS}/0.0.0191/cutype", r"^3390/",
           "the ECKD driver has 0.0.0191 (a 3390, from Sense ID)")
        sh(f"echo 1 > {SYS}/0.0.0191/use_diag && echo 1 > {SYS}/0.0.0191/online; echo on=$?", r"^on=0$",
           "use_diag, then 0.0.0191 online")
        m = sh("cat /proc/dasd/devices",
               rf"^0\.0\.0191\(DIAG\) at \(\s*\d+:\s*\d+\) is (dasd[a-z]+)\s*: active at blocksize: 4096, {BLOCKS} blocks",
               "/proc/dasd/devices: 0191 under the DIAG discipline, 4096-byte blocks, the whole minidisk")
        rw = m.group(1) if m else "dasda"
        # random blocks (the test cannot know them in advance), their md5
        pat = sh(f"dd if=/dev/urandom of=/tmp/pat bs=4096 count={COUNT} 2>/dev/null; md5sum /tmp/pat",
                 r"^([0-9a-f]{32})  /tmp/pat$", f"a random pattern of {COUNT} blocks")
        guest_md5 = pat.group(1) if pat else None
        sh(f"dd if=/tmp/pat of=/dev/{rw} bs=4096 seek={SEEK} conv=fsync; echo wr=$?", r"^wr=0$",
           f"dd writes {COUNT} blocks to /dev/{rw} (asynchronous DIAG X'250', external interruption X'2603')",
           timeout=600)

        def read_back(dev, what):
            m = sh(f"sync; echo 3 > /proc/sys/vm/drop_caches; dd if=/dev/{dev} of=/tmp/back bs=4096"
                   f" skip={SEEK} count={COUNT} 2>/dev/null; md5sum /tmp/back",
                   r"^([0-9a-f]{32})  /tmp/back$", f"read the blocks back through /dev/{dev}", timeout=600)
            t.ok(m and guest_md5 and m.group(1) == guest_md5, what)

        read_back(rw, "what Linux reads back (its caches dropped) is what it wrote (md5)")
        # Bad path: past the end of the disk.
        sh(f"dd if=/tmp/pat of=/dev/{rw} bs=4096 seek={BLOCKS - 1} count=2 conv=fsync; echo end=$?",
           r"^end=[1-9]\d*$", "dd past the end of the disk fails in Linux")
        sh("vmcp q time", r"^TIME IS \d\d:\d\d:\d\d", "CP still answers (vmcp)")
        # The same disk, linked read-only, through DIAG X'250' too.
        sh(f"echo 1 > {SYS}/0.0.0192/use_diag && echo 1 > {SYS}/0.0.0192/online; echo on=$?", r"^on=0$",
           "0.0.0192 (the RR link) online under DIAG")
        m = sh("cat /proc/dasd/devices", r"^0\.0\.0192\(DIAG\) at \(\s*\d+:\s*\d+\) is (dasd[a-z]+)\s*(\(ro\))?\s*: active",
               "/proc/dasd/devices: 0192 under DIAG")
        ro = m.group(1) if m else "dasdb"
        sh(f"cat /sys/block/{ro}/ro", r"^1$", "0192's block device is read-only (DIAG X'250' INIT rc 4)")
        read_back(ro, "0192 shows what was written through 0191: it went to the minidisk")
        sh(f"dd if=/dev/zero of=/dev/{ro} bs=4096 seek={SEEK} count=1 conv=fsync; echo row=$?",
           r"^row=[1-9]\d*$", "a write to the read-only disk fails in Linux")
        read_back(rw, "the refused write changed nothing")
        sh(f"echo 0 > {SYS}/0.0.0192/online && echo 0 > {SYS}/0.0.0191/online; echo off=$?", r"^off=0$",
           "both disks offline again (DIAG X'250' REMOVE)")
        rows = z.answer("q diag", r"^UNDEFINED", timeout=60) or []
        t.ok(any(re.match(r"^0250 Block I/O +\d+ +.*LINUX1=\d+", l) for l in rows),
             "QUERY DIAG counts X'250' for LINUX1")
        t.ok(any(re.match(r"^0210 Retrieve device information +\d+ +.*LINUX1=\d+", l) for l in rows),
             "QUERY DIAG counts X'210' for LINUX1")
        t.ok(not z.find(r"^HCPVMI9100W LINUX1: CPU \d+ "), "no disabled wait or stopped CPU of LINUX1")
        z.stop()
        image = z.dir / USERVOL.name
        data = read_blocks(image, SEEK + 1, COUNT)
        t.ok(data is not None and guest_md5 and hashlib.md5(data).hexdigest() == guest_md5,
             f"after ZCP stops, ZCPT01's cylinders {START_CYL}-{START_CYL + CYLS - 1} hold the blocks Linux wrote")
