"""TAP output for ZCP's system tests (Python standard library only).

    with Tap() as t:
        t.ok(cond, "name")
        t.is_(got, want, "name")
        t.like(got, r"regex", "name")

The plan is printed at the end (or up front with plan(n)).  Leaving the
`with` block exits the process: status 1 when any point failed or an
exception escaped, else 0.  Failure details go to stderr, as Test::More
does, so that prove shows them without -v.
"""

import re
import sys
import traceback


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0
        self.planned = None

    def plan(self, n):
        self.planned = n
        self._out(f"1..{n}")

    def ok(self, cond, name=""):
        self.count += 1
        status = "ok" if cond else "not ok"
        # '#' would start a TAP directive: escape it.
        label = " - " + name.replace("#", r"\#") if name else ""
        self._out(f"{status} {self.count}{label}")
        if not cond:
            self.failed += 1
            self.diag(f"  Failed test '{name}'")
        return bool(cond)

    def is_(self, got, want, name=""):
        if self.ok(got == want, name):
            return True
        self.diag(f"         got: {got!r}")
        self.diag(f"    expected: {want!r}")
        return False

    def like(self, got, pattern, name=""):
        matched = got is not None and re.search(pattern, got)
        if self.ok(matched, name):
            return True
        self.diag(f"                  {got!r}")
        self.diag(f"    doesn't match /{pattern}/")
        return False

    def todo(self, cond, name, reason):
        """A test point for work not done yet: TAP's TODO directive, so a
        failure is reported but does not fail the file (prove lists a pass
        as an unexpected success)."""
        self.count += 1
        label = name.replace("#", r"\#")
        self._out(f"{'ok' if cond else 'not ok'} {self.count} - {label} # TODO {reason}")
        return bool(cond)

    def skip(self, reason, count=1):
        for _ in range(count):
            self.count += 1
            self._out(f"ok {self.count} # SKIP {reason}")

    def skip_all(self, reason):
        """Skip the whole file: a plan of zero tests, then exit 0."""
        self._out(f"1..0 # SKIP {reason}")
        sys.exit(0)

    def diag(self, msg):
        """Failure detail, to stderr so prove shows it."""
        text = "".join(f"# {line}\n" for line in str(msg).splitlines() or [""])
        sys.stdout.flush()
        sys.stderr.write(text)
        sys.stderr.flush()

    def note(self, msg):
        """Information kept in the TAP stream (prove -v shows it)."""
        for line in str(msg).splitlines() or [""]:
            self._out(f"# {line}")

    def done(self):
        if self.planned is None:
            self._out(f"1..{self.count}")
        elif self.planned != self.count:
            self.diag(f"planned {self.planned} tests but ran {self.count}")
            self.failed += 1
        sys.exit(1 if self.failed else 0)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is SystemExit:
            return False
        if exc_type is not None:
            self.ok(False, f"no unexpected exception ({exc_type.__name__}: {exc})")
            self.diag("".join(traceback.format_exception(exc_type, exc, tb)))
        self.done()

    @staticmethod
    def _out(line):
        print(line, flush=True)
