"""What the Linux guest tests share (docs/linux-guest.md).

fetch() runs tools/linux-fetch.sh, one test at a time (prove -j2 starts
the Linux tests side by side, and two fetches would download and unpack
into the same build/linux/ at once).  reader_deck() writes a test's own
parameter file (each test boots with its own parameters) and names the
three files a 3505 gives the user's reader: kernel, parameter file,
initrd."""
import fcntl
import subprocess

from zcp import BUILD, REPO

LINUX = BUILD / "linux"


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


def load_reader(t, z, user="linux1", rdr="00d", timeout=900):
    """LOADRDR the 3505's three files into the user's reader, one test
    point each (the operator reads one file a LOADRDR)."""
    for what in ("kernel", "parameter file", "initrd"):
        t.ok(z.ask(f"loadrdr {rdr} {user}", rf"^RDR FILE \d{{4}} SENT TO {user.upper()} RDR AS",
                   timeout=timeout),
             f"LOADRDR the {what} into {user.upper()}'s reader")
