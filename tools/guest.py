#!/usr/bin/env python3
"""make guest G=path/to/guest.c [GUSER=TESTG4] [GTIMEOUT=60]: try a C guest.

Builds the source against the test-guest runtime (tests/guests/rt: console
on 0009, main() returning into a disabled wait whose PSW address is its
return value), makes an IPL card deck of it, boots ZCP under Hercules (the
harness, tests/harness/zcp.py), LOADRDRs the deck from a real 3505 to the
user, logs the user on at terminal 0020 (the directory's `IPL 000C` IPLs
the deck) and prints the guest's console lines until its disabled wait or
the timeout.  The make target passes the cross compiler and flags in the
environment (XCC, XCFLAGS, XOBJCOPY, GUEST_RT).  Exit status: 0 when the
guest ended in a disabled wait with code 0, 1 otherwise."""
import argparse
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "harness"))
from zcp import BUILD, Zcp   # noqa: E402

OUT = BUILD / "guest"


def build(src):
    """src -> build/guest/NAME.deck (NAME: the file's stem)."""
    env = os.environ
    missing = [v for v in ("XCC", "XCFLAGS", "XOBJCOPY", "GUEST_RT") if v not in env]
    if missing:
        sys.exit(f"guest.py: {', '.join(missing)} not set: run it as `make guest G={src}`")
    OUT.mkdir(parents=True, exist_ok=True)
    elf = OUT / f"{src.stem}.elf"
    binary, deck = elf.with_suffix(".bin"), elf.with_suffix(".deck")
    cc = [env["XCC"], *shlex.split(env["XCFLAGS"]), "-Itests/guests", "-static", "-no-pie",
          "-T", "tests/guests/rt/guest.ld", "-Wl,-z,noexecstack", "-Wl,--no-warn-rwx-segments",
          "-Wl,--build-id=none", "-o", str(elf), str(src), *shlex.split(env["GUEST_RT"]), "-lgcc"]
    sym = lambda name: subprocess.run([str(REPO / "tools" / "elfsym"), str(elf), name], check=True,
                                      stdout=subprocess.PIPE, text=True).stdout.strip()
    for step in (lambda: cc,
                 lambda: [env["XOBJCOPY"], "-O", "binary", str(elf), str(binary)],
                 lambda: [str(BUILD / "bin" / "mkdeck"), "-l", "0x" + sym("_load"),
                          "-e", "0x" + sym("_start"), str(binary), str(deck)]):
        if subprocess.run(step(), cwd=REPO, stdout=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"guest.py: building {src} failed")
    return deck


def run(deck, user, timeout):
    """Boot, load, log on; print the guest's lines; the wait code or None."""
    wait = re.compile(rf"^HCPVMI9100W {user}: CPU \d+ (disabled wait, PSW \S+ ([0-9A-F]{{16}})|stopped.*)")
    with Zcp(name="guest", deck=False, resvol=True, readers={"000D": deck}, deadline=timeout + 120) as z:
        if not z.ipl("0a80"):
            sys.exit("guest.py: ZCP did not come up")
        if not z.ask(f"loadrdr 00d {user}", rf"^RDR FILE \d+ SENT TO {user} |^HCP"):
            sys.exit(f"guest.py: LOADRDR to {user} failed")
        term = z.terminal("0020")
        seen = z.mark()         # before LOGON: a small guest may end before it returns
        if not term or not term.logon(user, user):
            sys.exit(f"guest.py: LOGON {user} failed")
        shown, end = term.cursor, time.monotonic() + timeout
        code, done = None, False
        while not done and time.monotonic() < end:
            time.sleep(0.2)
            for text in z.texts(seen):
                seen += 1
                m = wait.match(text)
                if m:
                    report = text
                    code, done = (int(m.group(2), 16) if m.group(2) else None), True
            time.sleep(0.3 if done else 0)      # the guest's last lines may trail the report
            lines = term.texts()
            for text in lines[shown:]:
                print(text, flush=True)
            shown = len(lines)
        if done:
            print(f"# {report}", flush=True)
        else:
            print(f"# no disabled wait within {timeout}s", flush=True)
        return code


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--user", default="TESTG4", help="a directory user with IPL 000C")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the disabled wait")
    args = ap.parse_args()
    if not args.source.is_file():
        sys.exit(f"guest.py: {args.source}: no such file")
    code = run(build(args.source.resolve()), args.user.upper(), args.timeout)
    print(f"# guest ended with code {code:X}" if code is not None else "# guest did not end", flush=True)
    sys.exit(0 if code == 0 else 1)


if __name__ == "__main__":
    main()
