#!/usr/bin/env python3
"""make guest: tools/guest.py builds tests/guests/template.c, IPLs it as a
user of ZCP, prints its console and ends at its disabled wait; a guest
returning 5 ends with exit status 1 and code 5; a missing source is refused."""
import os
import subprocess
import sys
import tempfile
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import BUILD, REPO, RESVOL

ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def make_guest(src, *extra):
    done = subprocess.run(["make", "-s", "guest", f"G={src}", *extra], cwd=REPO, env=ENV,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900)
    for line in done.stdout.splitlines():
        print(f"# | {line}")
    return done.returncode, done.stdout.splitlines()


with Tap() as t:
    if not RESVOL.exists():
        t.skip_all("build/zcpres.3390 is not built")
    # Generous limits: they only bound the wait (the guests end at once),
    # and IPL plus the guest's run took over 60 s at load 28.
    rc, out = make_guest("tests/guests/template.c", "GTIMEOUT=300")
    t.ok(rc == 0, "make guest on the template: exit status 0")
    t.ok("HELLO FROM TESTG4, 16 MIB OF STORAGE" in out, "the guest's console line, as TESTG4 with 16M")
    t.ok(any(l.startswith("# HCPVMI9100W TESTG4: CPU 00 disabled wait, PSW 0002000180000000 0000000000000000")
             for l in out), "its disabled wait is reported")
    t.ok(out and out[-1] == "# guest ended with code 0", "it ended with code 0")

    with tempfile.TemporaryDirectory(dir=BUILD) as d:
        src = Path(d) / "five.c"
        src.write_text('#include "rt/rt.h"\nint main(void) { print("FIVE %d", 2 + 3); return 5; }\n')
        rc, out = make_guest(src, "GUSER=TESTG3", "GTIMEOUT=300")
        t.ok(rc != 0, "a guest ending with code 5: non-zero exit status")
        t.ok("FIVE 5" in out and "# guest ended with code 5" in out, "as TESTG3: its line and code 5")
        bad = Path(d) / "broken.c"
        bad.write_text("int main(void) { return undefined_name; }\n")
        rc, out = make_guest(bad)
        t.ok(rc != 0 and any("building" in l and "failed" in l for l in out), "a guest that does not compile is refused")
    rc, out = make_guest("tests/guests/nosuch.c")
    t.ok(rc != 0 and any("no such file" in l for l in out), "a missing source is refused")
    rc, out = make_guest("")
    t.ok(rc == 2 and any("usage: make guest" in l for l in out), "make guest without G= shows the usage")
