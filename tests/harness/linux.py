"""What the Linux guest tests share (docs/linux-guest.md).

fetch() runs tools/linux-fetch.sh, one test at a time (prove -j2 starts
the Linux tests side by side, and two fetches would download and unpack
into the same build/linux/ at once).  reader_deck() writes a test's own
parameter file (each test boots with its own parameters) and names the
three files a 3505 gives the user's reader: kernel, parameter file,
initrd; prepare() does a test's whole set-up (volumes, fetch, deck).
BOOT_TIMEOUT and SHELL_TIMEOUT are the Linux tests' waits (the
host is shared: generous, and never a pass/fail criterion); shell_ready()
and shell() talk to busybox's shell on the user's terminal."""
import fcntl
import re
import subprocess

from zcp import BUILD, REPO, RESVOL, USERVOL

LINUX = BUILD / "linux"
# IPL 00C to /init: 1.5-4 min on an idle 2-core host, over 10 min at load
# 27 (most of it XZ decompression); the waits below only bound a hang.
BOOT_TIMEOUT = 1800
# One LOADRDR of the 5 MB kernel (65,000 cards through a real 3505): 1-3
# min alone, but it took over 15 min with the suite and other Hercules
# instances on the 2 cores (make test, load 20).
LOADRDR_TIMEOUT = 1800
SHELL_TIMEOUT = 300     # one shell command on a loaded host


def fetch():
    """None once the pieces are there, else why they cannot be had."""
    LINUX.mkdir(parents=True, exist_ok=True)
    with open(BUILD / "linux.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = subprocess.run([str(REPO / "tools" / "linux-fetch.sh")], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0 or not (LINUX / "kernel").exists():
        return "tools/linux-fetch.sh: " + (done.stdout.strip().splitlines() or ["failed"])[-1]
    return None


def reader_deck(parm, name):
    """The 3505's files for one test: kernel, its parameter file (one
    80-byte card), initrd."""
    pf = LINUX / f"parmfile-{name}"
    pf.write_text(f"{parm:<80}")
    return f"{LINUX / 'kernel'} {pf} {LINUX / 'initrd'}"


def prepare(t, parm, name, uservol=True):
    """A Linux test's set-up: the volumes it needs built and the Linux
    pieces fetched (else the whole test is skipped, saying why); the 3505
    deck for its reader (reader_deck)."""
    vols = [RESVOL] + ([USERVOL] if uservol else [])
    missing = [v.name for v in vols if not v.exists()]
    if missing:
        t.skip_all(f"build/{' and build/'.join(missing)} not built")
    why = fetch()
    if why:
        t.skip_all(why)
    return reader_deck(parm, name)


def load_reader(t, z, user="linux1", rdr="00d", timeout=LOADRDR_TIMEOUT):
    """LOADRDR the 3505's three files into the user's reader, one test
    point each (the operator reads one file a LOADRDR).  If one does not
    arrive, the test ends here, failed: there is nothing to boot, and
    waiting for a boot would only hold the suite up for BOOT_TIMEOUT."""
    for what in ("kernel", "parameter file", "initrd"):
        if not t.ok(z.ask(f"loadrdr {rdr} {user}", rf"^RDR FILE \d{{4}} SENT TO {user.upper()} RDR AS",
                          timeout=timeout),
                    f"LOADRDR the {what} into {user.upper()}'s reader"):
            t.diag(f"the {what} is not in {user.upper()}'s reader: nothing to boot, the test ends")
            t.done()


def shell_ready(term, timeout=SHELL_TIMEOUT):
    """After /init's marker: wait until busybox's shell answers a line
    (its prompt ends no line, so a fixed sleep would be a guess; a line
    typed early waits in CP until Linux reads the console)."""
    return term.ask("echo zcp-shell-up", r"^zcp-shell-up$", timeout)


_n = [0]


def shell(term, cmd, timeout=SHELL_TIMEOUT):
    """Run a shell command in Linux: its output lines (the echo of the
    command and the status marker left out) and its exit status (None if
    the marker did not come).  Lower case (Linux's SCLP tty lower-cases
    what is typed); shorter than Hercules' 150-byte 3215 keyboard buffer."""
    _n[0] += 1
    tag = f"zcprc{_n[0]:03d}"
    line = f"{cmd}; echo {tag}=$?"
    assert len(line) < 140, f"shell line too long for the 3215: {line}"
    ans = term.answer(line, rf"^{tag}=(\d+)$", timeout)
    if ans is None:
        return [], None
    rc = int(re.match(rf"^{tag}=(\d+)$", ans[-1]).group(1))
    return [l for l in ans[:-1] if tag not in l], rc
