"""A user's line-mode terminal: a telnet client of a Hercules 3215.

Hercules (console.c) asks the client for its terminal type; a type that
does not start with IBM- makes it a 1052/3215 client, and a suffix @devno
picks the device.  After that the connection is plain lines: CP's writes
arrive ending in CR LF, and a line we send ending in CR LF becomes an
attention and a read on the 3215.

    term = z.terminal("0020")
    term.wait_for(r"Enter LOGON")
    term.ask("logon user1", r"ENTER PASSWORD")
"""

import re
import socket
import threading
import time

IAC, DONT, DO, WONT, WILL, SB, SE = 255, 254, 253, 252, 251, 250, 240
TTYPE, SEND, IS = 24, 1, 0
TIMEOUT = 30
# Quiet time before a line is sent: a line typed while CP's write is still
# running gets its attention refused by Hercules (the device is busy), and
# stays unread until the next line.
SETTLE = 0.15
SETTLE_MAX = 5
# A line that got no answer may still sit unread in the socket (Hercules
# does not read a 3215's client while the device is busy or has status
# pending).  A second line arriving before Hercules reads the first comes in
# the same recv, and Hercules takes "more data after the CR LF" as an
# overrun: unit check, and it closes the connection (console.c,
# recv_1052_data).  So the line after a silent one waits this long.
SEND_GAP = 1.0


class Terminal:
    def __init__(self, port, devno, note=None, timeout=TIMEOUT):
        self.devno = devno.upper()
        self.note = note or (lambda msg: None)
        self.lines = []          # (monotonic time, text)
        self.cursor = 0
        self.last_rx = time.monotonic()
        self.closed = False
        self._cond = threading.Condition()
        self._partial = b""
        self.sock = socket.create_connection(("127.0.0.1", port), timeout)
        self.sock.settimeout(None)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # ---- telnet ------------------------------------------------------------
    def _negotiate(self, data):
        """Answer Hercules' option requests; return the data bytes."""
        out, i = bytearray(), 0
        while i < len(data):
            b = data[i]
            if b != IAC:
                out.append(b)
                i += 1
                continue
            if i + 1 >= len(data):
                break
            cmd = data[i + 1]
            if cmd in (DO, DONT, WILL, WONT) and i + 2 < len(data):
                opt = data[i + 2]
                if cmd == DO:
                    reply = WILL if opt == TTYPE else WONT
                    self.sock.sendall(bytes([IAC, reply, opt]))
                elif cmd == WILL:
                    self.sock.sendall(bytes([IAC, DONT, opt]))
                elif cmd == WONT:
                    self.sock.sendall(bytes([IAC, DONT, opt]))
                i += 3
            elif cmd == SB:
                end = data.find(bytes([IAC, SE]), i)
                if end < 0:
                    break
                if data[i + 2] == TTYPE and data[i + 3] == SEND:
                    name = f"ZCPTEST@{self.devno}".encode()
                    self.sock.sendall(bytes([IAC, SB, TTYPE, IS]) + name + bytes([IAC, SE]))
                i = end + 2
            elif cmd == IAC:
                out.append(IAC)
                i += 2
            else:
                i += 2
        return bytes(out)

    def _read(self):
        while True:
            try:
                data = self.sock.recv(4096)
            except OSError:
                data = b""
            if not data:
                break
            text = self._partial + self._negotiate(data)
            parts = re.split(rb"\r?\n", text)
            self._partial = parts.pop()
            with self._cond:
                now = time.monotonic()
                self.last_rx = now
                for p in parts:
                    self.lines.append((now, p.decode("latin-1").rstrip("\r")))
                self._cond.notify_all()
        with self._cond:
            self.closed = True
            self._cond.notify_all()

    # ---- lines -------------------------------------------------------------
    def settle(self):
        end = time.monotonic() + SETTLE_MAX
        with self._cond:
            while not self.closed:
                now = time.monotonic()
                quiet = now - self.last_rx
                if quiet >= SETTLE or now >= end:
                    return
                self._cond.wait(min(SETTLE - quiet, end - now))

    def send(self, text):
        """Type a line; later waits search from here on."""
        self.settle()
        sent = getattr(self, "_sent_at", None)
        if sent is not None and self.last_rx <= sent:
            time.sleep(max(0.0, sent + SEND_GAP - time.monotonic()))
        with self._cond:
            self.cursor = len(self.lines)
        self.sock.sendall(text.encode("latin-1") + b"\r\n")
        self._sent_at = time.monotonic()

    def wait_for(self, pattern, timeout=TIMEOUT):
        """The re.Match of the first line after the cursor matching pattern
        (the cursor moves past it), or None on timeout or a closed line."""
        regex = re.compile(pattern)
        end = time.monotonic() + timeout
        with self._cond:
            i = self.cursor
            while True:
                for i in range(i, len(self.lines)):
                    m = regex.search(self.lines[i][1])
                    if m:
                        self.cursor = i + 1
                        return m
                i = len(self.lines)
                left = end - time.monotonic()
                if self.closed or left <= 0:
                    break
                self._cond.wait(left)
        self.note(f"terminal {self.devno}: no /{pattern}/ within {timeout}s"
                  f"{' (connection closed)' if self.closed else ''}; last lines:\n" +
                  "\n".join("  " + t for _, t in self.lines[-10:]))
        return None

    def ask(self, text, pattern, timeout=TIMEOUT):
        self.send(text)
        return self.wait_for(pattern, timeout)

    def answer(self, text, until, timeout=TIMEOUT):
        """The lines written after text was sent, up to and including the
        first one matching until (None if it does not come)."""
        self.send(text)
        start = self.cursor
        if not self.wait_for(until, timeout):
            return None
        with self._cond:
            return [t for _, t in self.lines[start:self.cursor]]

    def texts(self):
        with self._cond:
            return [t for _, t in self.lines]

    def logon(self, userid, password, timeout=TIMEOUT):
        """LOGON and password; the LOGON AT / RECONNECTED AT match or None."""
        if not self.ask(f"logon {userid}", r"ENTER PASSWORD", timeout):
            return None
        return self.ask(password, r"^(LOGON|RECONNECTED) AT |HCPLGA\d+E", timeout)

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self._reader.join(5)
