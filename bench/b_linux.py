#!/usr/bin/env python3
"""Linux boot: wall seconds from IPL 00C of the Debian s390x kernel (kernel,
parameter file and initrd in LINUX1's reader) to the /init marker of the
initramfs on LINUX1's 3215 (linux_boot_s), and that over the same three
files IPLed from a 3505 on bare Hercules 3.13, same kernel parameters,
measured in the same run (linux_boot_ratio_bare).  Needs the pieces of
tools/linux-fetch.sh (run as root once); without them it prints nothing."""
import select
import subprocess
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import BUILD, REPO, Zcp, free_port

LINUX = BUILD / "linux"
PARM = "console=ttyS0 rdinit=/init"   # as tests/system/t_linux.py: the 3215 console
MARK = "ZCPLINUX INIT"
TIMEOUT = 1200


def parmfile():
    p = LINUX / "parmfile"
    p.write_text(f"{PARM:<80}")
    return p


def under_zcp():
    deck = f"{LINUX / 'kernel'} {parmfile()} {LINUX / 'initrd'}"
    with Zcp(name="b_linux", deck=False, resvol=True, mainsize=512, readers={"000D": deck},
             deadline=TIMEOUT + 400) as z:
        if not z.ipl("0a80"):
            return None
        for _ in range(3):
            if not z.ask("loadrdr 00d linux1", r"^RDR FILE \d+ SENT TO LINUX1", timeout=300):
                return None
        term = z.terminal("0020")
        if not term or not term.logon("linux1", "linux1"):
            return None
        time.sleep(1)                   # the CP READ after LOGON is not the guest's
        with term._cond:
            term.cursor = len(term.lines)
        term.send("ipl 00c")
        began = time.monotonic()
        # CP READ again: the guest stopped (a disabled wait) before /init.
        m = term.wait_for(rf"{MARK}|^CP READ$", timeout=TIMEOUT)
        if not m or m.group(0) != MARK:
            return None
        return time.monotonic() - began


def bare():
    """The same files on bare Hercules: 256M, one CPU, console 3215-C."""
    d = BUILD / "bench" / "linux-bare"
    d.mkdir(parents=True, exist_ok=True)
    cnf = d / "bare.cnf"
    cnf.write_text("\n".join([
        "CPUSERIAL 000611", "CPUMODEL 2064", "MAINSIZE 256", "NUMCPU 1", "ARCHMODE ESAME",
        "DIAG8CMD DISABLE", "OSTAILOR QUIET", f"CNSLPORT 127.0.0.1:{free_port()}", "PANRATE SLOW",
        "0009 3215-C noprompt",   # Linux writes to the SCLP console: Hercules shows it on the panel
        f"000C 3505 {LINUX / 'kernel'} {parmfile()} {LINUX / 'initrd'} ebcdic autopad eof", ""]))
    proc = subprocess.Popen(["hercules", "-d", "-f", str(cnf), "EXTERNALGUI"], cwd=d,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    time.sleep(1)
    proc.stdin.write(b"ipl 00c\n")
    proc.stdin.flush()
    began, took = time.monotonic(), None
    try:
        # Hercules may go quiet for good (a disabled wait): poll, never block.
        while time.monotonic() - began < TIMEOUT:
            if not select.select([proc.stdout], [], [], 5)[0]:
                continue
            raw = proc.stdout.readline()
            if not raw or b"HHCCP011I" in raw:     # EOF, or a disabled wait
                break
            if MARK.encode() in raw:
                took = time.monotonic() - began
                break
    finally:
        proc.kill()
        proc.wait()
    return took


def main():
    if not (LINUX / "kernel").exists():
        r = subprocess.run([str(REPO / "tools" / "linux-fetch.sh")], cwd=REPO,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r.returncode != 0:
            print("# b_linux: no kernel (tools/linux-fetch.sh needs root and the archive)")
            return
    zcp = under_zcp()
    if zcp is None:
        print("# b_linux: Linux did not reach /init under ZCP")
        return
    print(f"BENCH linux_boot_s={zcp:.1f} s")
    ref = bare()
    if ref is None:
        print("# b_linux: Linux did not reach /init on bare Hercules")
        return
    print(f"BENCH linux_boot_ratio_bare={zcp / ref:.2f} x")


if __name__ == "__main__":
    main()
