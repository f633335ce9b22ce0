#!/usr/bin/env python3
"""docs/diagnose/ (one page per DIAGNOSE code) is made from docs/diagnose.md
by tools/diagpages.py: the pages must be there and up to date, one for
every code of the table, which must also be every code of the guest SDK's
list (diagnose/zcpdiag.h ZCPDIAG_LIST) and have an assembler macro."""
import re
import subprocess
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap

REPO = Path(__file__).resolve().parents[2]

with Tap() as t:
    r = subprocess.run([sys.executable, str(REPO / "tools" / "diagpages.py"), "--check"],
                       capture_output=True, text=True)
    t.ok(r.returncode == 0, "docs/diagnose/ is up to date with docs/diagnose.md" +
         (f": {r.stdout.strip()}" if r.returncode else ""))
    header = (REPO / "diagnose" / "zcpdiag.h").read_text()
    listed = header[header.index("#define ZCPDIAG_LIST"):header.index("/* Program interruption")]
    codes = {int(c, 16) for c in re.findall(r"X\(0x([0-9A-Fa-f]{4})", listed)}
    pages = {int(p.stem[1:], 16) for p in (REPO / "docs" / "diagnose").glob("x*.md")}
    t.ok(codes and codes == pages, f"a page for every code of ZCPDIAG_LIST ({len(codes)})" +
         (f": differ {sorted(hex(c) for c in codes ^ pages)}" if codes != pages else ""))
    macros = (REPO / "diagnose" / "zcpdiag.inc").read_text()
    missing = [c for c in sorted(codes)
               if not re.search(rf"^\.macro ZCP_DIAG{c:02X}\b", macros, re.M)]
    t.ok(not missing, "an assembler macro for every code" +
         (f": none for {[hex(c) for c in missing]}" if missing else ""))
