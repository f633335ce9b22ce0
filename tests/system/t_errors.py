#!/usr/bin/env python3
"""Bad input gets exactly one error message, and changes nothing: CP still
answers the next command."""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import Zcp

ERRORS = [
    ("foo", "HCPCMD001E Unknown CP command: FOO"),
    ("shut", "HCPCMD001E Unknown CP command: SHUT"),      # SHUTDOWN has no abbreviation
    ("q foo", "HCPCMD003E Invalid option - FOO"),
    ("q time x", "HCPCMD003E Invalid option - X"),
    ("q", "HCPCMD026E Operand missing or invalid"),
    ("sleep x", "HCPCMD002E Invalid operand - X"),
]

with Tap() as t, Zcp(t) as z:
    t.ok(z.ipl("00c"), "ZCP is ready")
    after_boot = z.mark()     # the boot has its own, expected program check
    for command, message in ERRORS:
        # answer() also checks that CP answers the QUERY TIME sent after it.
        t.is_(z.answer(command, r"^HCP", 10), [message], f"{command!r}: {message}, nothing else")
    t.ok(z.ask("q cplevel", r"^IPL at "), "CP still answers after all the errors")
    t.is_([line for line in z.texts(after_boot) if line.startswith("HHCCP")], [],
          "no CPU message from Hercules: no program check, no wait state")
