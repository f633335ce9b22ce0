"""Drive ZCP under a headless Hercules (Python standard library only).

    with Tap() as t, Zcp(t) as z:
        t.ok(z.ipl("00c"), "ZCP is ready")
        t.ok(z.ask("query time", r"^TIME IS"), "query time answers")

Each Zcp gets its own directory, configuration, port and volume copies.
Hercules runs as `hercules -d -f zcp.cnf EXTERNALGUI`: stdin lines are panel
commands, stdout/stderr carry the Hercules log, every line CP writes to the
3215 console, and the external-GUI status lines (noise, filtered out).

Every wait has a timeout and returns None when it runs out, so a test point
fails instead of hanging; a watchdog kills Hercules after `deadline` seconds.
On failure (a failed test point or an exception) the directory is kept with
hercules.log (everything Hercules wrote) and console.txt (the CP console
traffic), and the log's tail is printed as TAP diagnostics.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from terminal import Terminal

REPO = Path(__file__).resolve().parents[2]
BUILD = REPO / "build"
DECK = BUILD / "zcp.deck"
RESVOL = BUILD / "zcpres.3390"
SPOOLVOL = BUILD / "zcpspl.3390"
USERVOL = BUILD / "zcpt01.3390"   # the test user volume ZCPT01 (minidisks)
TEMPLATE = REPO / "conf" / "zcp.cnf.in"
ARTIFACTS = BUILD / "tests" / "system"

READY = r"^HCPINI9022I ZCP is ready"
TIMEOUT = 30          # default seconds for one wait
TAIL = 40             # lines of log shown on failure
# Quiet time before a console line is sent.  Hercules logs CP's write when
# the CCW runs, before CP has taken the ending interrupt; a line typed in that
# window raises an attention that Hercules drops (device busy), and CP never
# reads it.  The 3215 also keeps only one line of type-ahead.
SETTLE = 0.1
SETTLE_MAX = 5

# External-GUI status lines (dyngui): machine state for a GUI, not output.
NOISE = re.compile(
    r"^(\]|(STATUS|SYS|MIPS|SIOS|CPUPCT\w*|DEV[ACDX]?|MAN|LOAD|MAINSIZE|MAINSTOR"
    r"|NEWDEVLIST|SCD|VERS|AGGREGATE|[GCAF]REGS(64)?|(64_)?[GCAF]R[0-9A-F]-[0-9A-F])=)")
# Hercules' own messages: HHCxxnnnI, their indented continuation lines, the
# register dump after a program check and (with several CPUs) CPUnnnn: lines.
# Everything else after the IPL is CP's console output or a console echo.
HERCULES_MSG = re.compile(r"^(HHC[A-Z]{2}\d{3}|CPU\d{4}:|\s|PSW=|R:[0-9A-F]|[RC][0-9A-F]=)")
ECHO = re.compile(r"^/\([0-9A-F]{4}\) (.*)$")     # a console line, as Hercules echoes it

# A harmless command whose answer closes another command's answer.
FENCE = "query time"


class Line:
    __slots__ = ("t", "text", "source", "console")

    def __init__(self, t, text, source, console):
        self.t, self.text, self.source, self.console = t, text, source, console


def echo_of(line):
    """The console line a Hercules echo line carries, else None."""
    m = ECHO.match(line)
    return m.group(1) if m else None


def in_order(lines, patterns):
    """For each pattern, the first line matching it after the line the
    previous pattern matched (None if there is none)."""
    found, i = [], 0
    for pattern in patterns:
        hit = next((j for j in range(i, len(lines)) if re.search(pattern, lines[j])), None)
        found.append(None if hit is None else lines[hit])
        i = i if hit is None else hit + 1
    return found


def free_port():
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render_config(template, values, devices):
    """Fill the @WORDS@ of conf/zcp.cnf.in; @DEVICES@ becomes device lines."""
    text = Path(template).read_text()
    for word, value in values.items():
        text = text.replace(f"@{word}@", str(value))
    return text.replace("@DEVICES@", "\n".join(devices))


class Zcp:
    def __init__(self, tap=None, *, name=None, mainsize=64, numcpu=1,
                 deck=True, resvol=False, volumes=None, readers=None, deadline=300,
                 spool=True, uservol=False, pagevols=None, autolog=False):
        """deck: attach build/zcp.deck on 000C.  resvol: attach a copy of
        build/zcpres.3390 on 0A80.  readers: {devno: deck path} extra 3505
        card readers.  volumes: {devno: volser or None, or a tuple
        (volser, cylinders)} extra 3390s made with dasdinit (None:
        unlabelled; one cylinder unless given).  deadline: seconds before the
        watchdog kills Hercules.  spool: True attaches a copy of the empty
        build/zcpspl.3390 on 0A90, a path attaches that file itself (to
        IPL again on the same spool), False none.  pagevols: {devno:
        cylinders} paging volumes ZCPPG1, ZCPPG2, ... formatted with
        build/bin/zcppage (docs/paging.md).  A volumes value that is a Path
        attaches that image itself.  autolog: IPL ZCP as it is (the users
        with OPTION AUTOSTART are XAUTOLOGged); by default the harness sets
        LOADPARM NOAUTO first, so tests start with nobody logged on."""
        self.tap = tap
        self.name = name or Path(sys.argv[0]).stem
        self.mainsize, self.numcpu = mainsize, numcpu
        self.deck, self.resvol = deck, resvol
        self.uservol = uservol   # attach a copy of build/zcpt01.3390 on 0A81
        self.volumes = volumes or {}
        self.pagevols = pagevols or {}
        self.autolog = autolog
        self.readers = readers or {}
        self.deadline = deadline
        self.spool = spool
        self.dir = None
        self.proc = None
        self.raw = []        # every line, noise included
        self.lines = []      # lines without noise: what waits search
        self.cursor = 0      # waits search self.lines[cursor:]
        self.last = None     # the Line the last successful wait matched
        self.started_at = None
        self._cond = threading.Condition()
        self._reader_threads = []
        self._open_streams = 0
        self._booted = False  # Hercules has echoed an IPL command: CP may write
        self._panel_sent = set()
        self._watchdog = None
        self._stopped_at = None
        self._failed_before = tap.failed if tap else 0
        self._terminals = []
        self.port = None

    # ---- life cycle ----------------------------------------------------------
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.stop()
        failed = exc_type is not None or (self.tap and self.tap.failed > self._failed_before)
        self.finish(bool(failed))
        return False

    def start(self):
        for image, wanted in ((DECK, self.deck), (RESVOL, self.resvol)):
            if wanted and not image.exists():
                raise FileNotFoundError(f"{image.relative_to(REPO)} is missing: run make")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=self.name + "-", dir=ARTIFACTS))
        cnf = self.dir / "zcp.cnf"
        self.port = free_port()
        cnf.write_text(render_config(TEMPLATE, {
            "MAINSIZE": self.mainsize, "NUMCPU": self.numcpu,
            "CNSLPORT": self.port, "SPOOLVOL": self._spool_device()}, self._devices()))
        env = dict(os.environ)
        env.pop("HERCULES_RC", None)     # no surprise commands at start-up
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            ["hercules", "-d", "-f", str(cnf), "EXTERNALGUI"], cwd=self.dir, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._open_streams = 2
        for stream, source in ((self.proc.stdout, "out"), (self.proc.stderr, "err")):
            reader = threading.Thread(target=self._read, args=(stream, source), daemon=True)
            reader.start()
            self._reader_threads.append(reader)
        self._watchdog = threading.Timer(self.deadline, self._expire)
        self._watchdog.daemon = True
        self._watchdog.start()

    def stop(self, timeout=15):
        """Quit Hercules; kill it if it does not end within timeout."""
        if self.proc is None:
            return None
        self._stopped_at = self.mark()
        for term in self._terminals:
            term.close()
        if self.proc.poll() is None:
            self.panel("quit")
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._note(f"Hercules did not quit within {timeout}s: killed")
                self.proc.kill()
                self.proc.wait()
        for reader in self._reader_threads:
            reader.join(5)
        if self._watchdog:
            self._watchdog.cancel()
        return self.proc.returncode

    def finish(self, failed):
        """Write the log and transcript; keep them on failure, else clean up."""
        if self.dir is None:
            return
        self._write_logs()
        if not failed:
            shutil.rmtree(self.dir, ignore_errors=True)
            return
        end = self._stopped_at or len(self.lines)    # Hercules' shutdown chatter: no help
        tail = [line.text for line in self.lines[max(end - TAIL, 0):end]]
        self._note("\n".join([f"last {len(tail)} lines from Hercules before quit:"] +
                             ["  " + text for text in tail] +
                             [f"kept {self.dir} (hercules.log, console.txt)"]))

    # ---- talking to Hercules and CP -----------------------------------------
    def panel(self, cmd):
        """Send a Hercules panel command."""
        self._panel_sent.add(cmd)
        self._send(cmd)

    def console(self, text):
        """Send one line to CP's 3215 console, once the console has been
        quiet for SETTLE seconds.  Later waits search from here on."""
        self._settle()
        with self._cond:
            self.cursor = len(self.lines)
        self._send("/" + text)

    def ask(self, text, until, timeout=TIMEOUT):
        """Send a console line and wait for a line of its answer."""
        self.console(text)
        return self.wait_for(until, timeout)

    def answer(self, text, until, timeout=TIMEOUT):
        """The whole answer to a console line, as a list of lines: everything
        CP (or Hercules) wrote after its echo and before the answer to a
        following FENCE command.  None if either answer did not come."""
        start = self.mark()
        if not self.ask(text, until, timeout):
            return None
        if not self.ask(FENCE, r"^TIME IS", timeout):
            return None
        fence_at = self.cursor - 1
        self.wait_for(r"^CONNECT=", timeout)
        lines = self.texts(start, fence_at)
        echoes = [i for i, line in enumerate(lines) if echo_of(line) == text]
        if echoes:
            lines = lines[echoes[0] + 1:]
        return [line for line in lines if echo_of(line) != FENCE]

    def ipl(self, devno, timeout=60):
        """IPL from devno and wait for CP's ready message.  Hercules rejects
        an IPL sent before its CPU thread has settled: retry it."""
        end = time.monotonic() + timeout
        if not self.autolog:
            self.panel("loadparm NOAUTO")     # no OPTION AUTOSTART users (docs/operator.md)
        while True:
            with self._cond:
                self.cursor = len(self.lines)
            self.panel(f"ipl {devno}")
            m = self.wait_for(f"{READY}|^HHCPN053E ipl rejected", max(end - time.monotonic(), 0))
            if not m or not m.group(0).startswith("HHCPN053E"):
                return m
            time.sleep(0.05)

    def terminal(self, devno, logo=True, timeout=TIMEOUT):
        """A telnet client on user terminal devno (conf/zcp.cnf.in has
        0020-0023); with logo, once CP has shown its logo on it (else None).
        Closed when this Zcp stops."""
        term = Terminal(self.port, devno, note=self._note, timeout=timeout)
        self._terminals.append(term)
        if logo and not term.wait_for(r"Enter LOGON userid", timeout):
            return None
        return term

    def wait_disabled(self, code, timeout=TIMEOUT):
        """Wait for the CPU to enter a disabled wait whose PSW address is
        `code`; return the PSW text, or None (with a diagnostic)."""
        if not self.wait_for(r"HHCCP011I CPU\d+: Disabled wait state", timeout):
            return None
        wait_line = self.cursor - 1
        m = self.wait_for(r"^\s*PSW=([0-9A-F]{8} [0-9A-F]{8} ([0-9A-F]{16}))", 5)
        if not m or self.cursor - 1 != wait_line + 1:
            self._note("no PSW line right after the disabled-wait message")
            return None
        if int(m.group(2), 16) != code:
            self._note(f"disabled wait PSW {m.group(1)}, expected code {code:016X}")
            return None
        return m.group(1)

    def wait_for(self, pattern, timeout=TIMEOUT):
        """The re.Match of the first line after the cursor that matches
        pattern; the cursor moves past that line.  None on timeout or when
        Hercules has ended."""
        regex = re.compile(pattern)
        end = time.monotonic() + timeout
        with self._cond:
            i = self.cursor
            while True:
                for i in range(i, len(self.lines)):
                    m = regex.search(self.lines[i].text)
                    if m:
                        self.cursor = i + 1
                        self.last = self.lines[i]
                        return m
                i = len(self.lines)
                left = end - time.monotonic()
                if self._open_streams == 0 or left <= 0:
                    break
                self._cond.wait(left)
        why = "Hercules ended" if self._open_streams == 0 else f"timed out after {timeout}s"
        self._note(f"{why} waiting for /{pattern}/")
        return None

    def find(self, pattern):
        """The re.Match of the first line of all (cursor ignored), or None."""
        with self._cond:
            for line in self.lines:
                m = re.search(pattern, line.text)
                if m:
                    return m
        return None

    def mark(self):
        """A position in self.lines, for texts(mark)."""
        with self._cond:
            return len(self.lines)

    def texts(self, start=0, end=None):
        """The text of the lines (noise excluded) from start to end."""
        with self._cond:
            return [line.text for line in self.lines[start:end]]

    def times(self, pattern, start=0):
        """When (time.monotonic()) each line from start matching pattern came."""
        with self._cond:
            return [line.t for line in self.lines[start:] if re.search(pattern, line.text)]

    def transcript(self, start=0):
        """The console traffic (CP output, echoed console lines) from start."""
        with self._cond:
            return [line.text for line in self.lines[start:] if line.console]

    # ---- internals -------------------------------------------------------------
    def _devices(self):
        devices = []
        if self.deck:
            devices.append(f"000C 3505 {DECK} ebcdic autopad eof")
        if self.resvol:
            copy = self.dir / RESVOL.name       # CP may write to its volume
            shutil.copyfile(RESVOL, copy)
            devices.append(f"0A80 3390 {copy}")
        if self.uservol:
            copy = self.dir / USERVOL.name
            shutil.copyfile(USERVOL, copy)
            devices.append(f"0A81 3390 {copy}")
        for devno, deck in self.readers.items():
            devices.append(f"{devno} 3505 {deck} ebcdic autopad eof")
        for devno, volser in self.volumes.items():
            if isinstance(volser, Path):        # an image made by the caller
                devices.append(f"{devno} 3390 {volser}")
                continue
            cyls = 1
            if isinstance(volser, tuple):       # (volser, cylinders)
                volser, cyls = volser
            devices.append(f"{devno} 3390 {self.make_volume(devno, volser, cyls)}")
        for n, (devno, cyls) in enumerate(self.pagevols.items(), 1):
            path = self.make_volume(devno, f"ZCPPG{n}", cyls)
            subprocess.run([str(BUILD / "bin" / "zcppage"), "format", str(path)], check=True,
                           stdout=subprocess.DEVNULL)
            devices.append(f"{devno} 3390 {path}")
        return devices

    def _spool_device(self):
        if self.spool is True:
            if not SPOOLVOL.exists():
                raise FileNotFoundError(f"{SPOOLVOL.relative_to(REPO)} is missing: run make")
            self.spool = self.dir / SPOOLVOL.name
            shutil.copyfile(SPOOLVOL, self.spool)
        return f"0A90 3390 {self.spool}" if self.spool else "# no spool volume"

    def make_volume(self, devno, volser, cylinders=1):
        """An empty 3390 image in our directory; volser None: no label."""
        path = self.dir / f"{devno.lower()}.3390"
        label = ["-r", str(path), "3390"] if volser is None else [str(path), "3390", volser]
        subprocess.run(["dasdinit", *label, str(cylinders)], cwd=self.dir, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return path

    def _settle(self):
        end = time.monotonic() + SETTLE_MAX
        with self._cond:
            while self.lines and self._open_streams:
                now = time.monotonic()
                quiet = now - self.lines[-1].t
                if quiet >= SETTLE or now >= end:
                    return
                self._cond.wait(min(SETTLE - quiet, end - now))

    def _send(self, line):
        try:
            self.proc.stdin.write((line + "\n").encode("latin-1"))
            self.proc.stdin.flush()
        except (OSError, ValueError):
            self._note(f"could not send {line!r}: Hercules has ended")

    def _read(self, stream, source):
        for raw in iter(stream.readline, b""):
            text = raw.decode("latin-1").rstrip("\r\n")
            noise = bool(NOISE.match(text))
            with self._cond:
                line = Line(time.monotonic(), text, source, self._is_console(text, source))
                self.raw.append(line)
                if not noise:
                    self.lines.append(line)
                    self._cond.notify_all()
        with self._cond:
            self._open_streams -= 1
            self._cond.notify_all()

    def _is_console(self, text, source):
        if source != "out" or NOISE.match(text) or HERCULES_MSG.match(text):
            return False
        if text in self._panel_sent:
            self._booted = self._booted or text.startswith("ipl ")
            return False
        return self._booted

    def _expire(self):
        self._note(f"watchdog: {self.deadline}s passed, killing Hercules")
        self.proc.kill()

    def _write_logs(self):
        with self._cond:
            raw = list(self.raw)
        t0 = self.started_at or 0
        with open(self.dir / "hercules.log", "w") as log, \
                open(self.dir / "console.txt", "w") as console:
            for line in raw:
                stamp = f"{line.t - t0:9.3f}"
                log.write(f"{stamp} {line.source} {line.text}\n")
                if line.console:
                    console.write(f"{stamp} {line.text}\n")

    def _note(self, msg):
        if self.tap:
            self.tap.diag(msg)
        else:
            sys.stderr.write("".join(f"# {l}\n" for l in msg.splitlines()))
