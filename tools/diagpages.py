#!/usr/bin/env python3
"""One page per DIAGNOSE code, docs/diagnose/xNNNN.md, made from
docs/diagnose.md (the one place they are written): the code's row of the
table there (privilege class, problem state, registers), its section
(registers in and out, parameter list, condition and return codes, its
own program interruptions, an example), the rules every code follows,
and the SDK names (diagnose/zcpdiag.h, diagnose/zcpdiag.inc).

  tools/diagpages.py          write the pages and docs/diagnose/README.md
  tools/diagpages.py --check  exit 1 if a page is missing or out of date
"""
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "docs" / "diagnose.md"
OUT = REPO / "docs" / "diagnose"
HEADER = REPO / "diagnose" / "zcpdiag.h"
MACROS = REPO / "diagnose" / "zcpdiag.inc"
NOTE = "<!-- Made from docs/diagnose.md by tools/diagpages.py: edit that file, then run it. -->"


def parse(text):
    rows, sections, current = {}, {}, None
    for line in text.splitlines():
        m = re.match(r"^\| X'([0-9A-F]{4})' \| (.*?) \| (\w+) \| (\w+) \| (.*?) \|$", line)
        if m:
            rows[m.group(1)] = m.group(2, 3, 4, 5)
            continue
        m = re.match(r"^## X'([0-9A-F]{4})'\s*$", line)
        if m:
            current = m.group(1)
            sections[current] = []
            continue
        if line.startswith("## "):
            current = None
        elif current:
            sections[current].append(line)
    return rows, {k: "\n".join(v).strip() for k, v in sections.items()}


def sdk_names(code):
    low = code.lstrip("0").lower() or "0"
    low = low.rjust(2, "0")
    c = sorted(set(re.findall(rf"\b(zcp_diag{low}\w*)\(", HEADER.read_text())))
    up = low.upper()
    a = sorted(set(re.findall(rf"^\.macro (ZCP_DIAG{up}\w*)", MACROS.read_text(), re.M)))
    return c, a


def relink(body):
    """Links relative to docs/ made relative to docs/diagnose/."""
    return re.sub(r"\]\((?!https?:|#|/)([^)]+)\)", r"](../\1)", body)


def page(code, row, body):
    name, cls, pstate, regs = row
    c, a = sdk_names(code)
    lines = [
        NOTE,
        f"# DIAGNOSE X'{code}': {name}",
        "",
        "| | |",
        "|---|---|",
        f"| Privilege class | {cls} |",
        f"| Problem state | {'allowed' if pstate == 'yes' else 'no: privileged-operation exception (X' + chr(39) + '0002' + chr(39) + ')'} |",
        f"| Registers | {regs} |",
        f"| C (diagnose/zcpdiag.h) | {', '.join(f'`{n}`' for n in c) or 'zcp_diag()'} |",
        f"| Assembler (diagnose/zcpdiag.inc) | {', '.join(f'`{n}`' for n in a) or '`ZCPDIAG code`'} |",
        "",
        "## What it does: registers in and out, parameter list, codes",
        "",
        relink(body) or "(no section in docs/diagnose.md)",
        "",
        "## Program interruptions every code can give",
        "",
        "Problem state: privileged-operation (X'0002'). A user whose privilege",
        "classes do not include the code's: specification (X'0006'), as for an",
        "undefined code. An operand outside the virtual machine's storage:",
        "addressing (X'0005'); misaligned, a bad register number or length:",
        "specification. CP has then changed nothing. See",
        "[the rules for every code](../diagnose.md#rules-for-every-code).",
        "",
    ]
    return "\n".join(lines)


def index(rows):
    lines = [NOTE, "# DIAGNOSE codes, one page each", "",
             "The reference with the rules for every code: [../diagnose.md](../diagnose.md).", "",
             "| code | name | class |", "|---|---|---|"]
    for code, (name, cls, _, _) in sorted(rows.items()):
        lines.append(f"| [X'{code}'](x{code.lower()}.md) | {name} | {cls} |")
    return "\n".join(lines) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    rows, sections = parse(SOURCE.read_text())
    want = {f"x{code.lower()}.md": page(code, row, sections.get(code, "")) for code, row in rows.items()}
    want["README.md"] = index(rows)
    bad = []
    if not check:
        OUT.mkdir(exist_ok=True)
    for name, text in sorted(want.items()):
        path = OUT / name
        if check:
            if not path.exists() or path.read_text() != text:
                bad.append(name)
        else:
            path.write_text(text)
    stale = [p.name for p in OUT.glob("x*.md") if p.name not in want] if OUT.exists() else []
    if check:
        for name in bad + stale:
            print(f"docs/diagnose/{name}: {'stale' if name in stale else 'missing or out of date'}")
        return 1 if bad or stale else 0
    for name in stale:
        (OUT / name).unlink()
    print(f"docs/diagnose: {len(want) - 1} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
