#!/usr/bin/env python3
"""The batch machine (docs/cms.md, "Batch"): ZCP IPLed as it is XAUTOLOGs
BATCH1 (OPTION AUTOSTART), which waits for decks in its reader.  CMSUSER
and CMSUSR2 punch it 20 jobs, among them failing ones, a program check, a
looping one (stopped by its TIME limit, CP's watchdog), one over its LINES
limit, one that reads the console and one that tries to spoil the next
(the re-IPL between jobs undoes it); every job's console log and printed
output reach the user its /JOB card names, with start and end messages
and the right return codes, in order.  Bad decks (no /JOB, an unknown
user, no /*, a bad /SET) are reported to their sender and returned."""
import re
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import RESVOL, USERVOL, Zcp

READY = r"^Ready(;|\((-?\d+)\);) T=\d+\.\d\d/\d+\.\d\d \d\d:\d\d:\d\d$"
NOISE = re.compile(r"^(VM READ|RUNNING|MSG FROM |RDR FILE |PUN FILE )")


def run(term, cmd, timeout=60):
    """The lines a CMS command wrote (messages and CP notes left out), and
    its return code (None: no Ready)."""
    ans = term.answer(cmd, READY, timeout)
    if ans is None:
        return [], None
    m = re.match(READY, ans[-1])
    rc = 0 if m.group(1) == ";" else int(m.group(2))
    return [l for l in ans[:-1] if not NOISE.match(l)], rc


def make_file(term, name, lines):
    """A file typed into the editor."""
    if not term.ask(f"edit {name}", r"^NEW FILE:"):
        return False
    term.ask("input", r"^INPUT:")
    for line in lines:
        term.send(line)
        term.wait_for(r"^VM READ$", 30)
    term.ask(" ", r"^EDIT:")
    return run(term, "file")[1] == 0


def count(term, pattern):
    return sum(1 for l in term.texts() if re.search(pattern, l))


def wait_count(term, pattern, n, timeout):
    """Wait until pattern has matched n lines of term (True) or time is up."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if count(term, pattern) >= n:
            return True
        time.sleep(0.5)
    return count(term, pattern) >= n


def rdr_files(term):
    """RDRLIST as {spoolid: (origin, fn, ft, class, records)}."""
    out, rc = run(term, "rdrlist")
    files = {}
    for l in out:
        m = re.match(r"^(\S+) +(\d{4}) +(\S+) +(\S+) +(\S) +(\d+) ", l)
        if m:
            files[int(m.group(2))] = (m.group(1), m.group(3), m.group(4), m.group(5), int(m.group(6)))
    return files


def peek(term, spoolid, log=True):
    """PEEK's lines of a reader file.  A job log has Ready lines of its
    own: its last line is the job's DMSBTM102I end line."""
    if not log:
        out, rc = run(term, f"peek {spoolid}")
        return out if rc == 0 else None
    ans = term.answer(f"peek {spoolid}", r"^DMSBTM102I Job ", 60)
    if ans is None or not term.wait_for(READY, 60):
        return None
    return [l for l in ans if not NOISE.match(l)]


def normal(u, n):
    return [f"&TYPE job {n} of {u}", "listfile * * s"], 0, [f"job {n} of {u}", "HELLO    EXEC     S1"]


with Tap() as t:
    if not RESVOL.exists() or not USERVOL.exists():
        t.skip_all("build/zcpres.3390 or build/zcpt01.3390 is not built")
    with Zcp(t, deck=False, resvol=True, uservol=True, autolog=True, deadline=1500) as z:
        t.ok(z.ipl("0a80"), "IPL ZCP as it is (no LOADPARM NOAUTO)")
        t.ok(z.wait_for(r"^AUTO LOGON +\*\*\* +BATCH1 ", 60), "CP XAUTOLOGs BATCH1 (OPTION AUTOSTART) at IPL")
        t.ok(z.wait_for(r"^BATCH1  : DMSBTM100I Batch machine ready: next job JOB0001$", 60),
             "BATCH1 IPLs CMS with PARM BATCH: the batch monitor is ready")
        # the empty reader is a wait: BATCH1's PSW has the wait bit (and I/O on)
        z.ask("send cp batch1 display psw", r"^BATCH1  : PSW = ")
        psw = re.search(r"PSW = ([0-9A-F]{8}) ?([0-9A-F]{8})", z.last.text if z.last else "")
        t.ok(psw and int(psw.group(1), 16) & 0x02020000 == 0x02020000,
             "with an empty reader BATCH1 waits (an enabled wait PSW, no CPU used)")

        users = ["CMSUSER", "CMSUSR2"]
        terms = []
        for u in users:
            term = z.terminal("0020" if u == "CMSUSER" else "0021")
            if not term:
                sys.exit(0)
            term.logon(u.lower(), u.lower())
            t.ok(term.wait_for(READY, 60), f"{u} logged on, CMS ready")
            terms.append(term)
        a, b = terms

        # 20 jobs: (terminal, user, job name, cards, rc, lines its log must have)
        jobs = []
        for n in range(1, 8):
            cards, rc, want = normal("CMSUSER", n)
            jobs.append((0, f"A{n:02d}", cards, rc, want))
            cards, rc, want = normal("CMSUSR2", n)
            jobs.append((1, f"B{n:02d}", cards, rc, want))
        jobs[2:2] = [(0, "AFAIL", ["type nosuch file", "&TYPE after the failure"], 28,
                      ["DMSTYP002E File NOSUCH FILE * not found", "after the failure"])]
        jobs[5:5] = [(1, "BLOOP", ["/SET TIME 15", "&TYPE looping", "zcptest loop"], 3001,
                      ["looping", "DMSBTM103E Job BLOOP cancelled: time limit of 15 seconds"])]
        jobs[7:7] = [(0, "APGM", ["&TYPE before", "zcptest operation", "&TYPE never"], 257,
                      ["before", "DMSBTM103E Job APGM cancelled: program check, RC=257"])]
        jobs[9:9] = [(1, "BPRINT", ["print sample text s", "&EXIT 12"], 12, ["print sample text s"])]
        jobs[11:11] = [(0, "ASPOIL", ["access 190 b", "release a", "query disk b"], 0, ["CMS190 190  B  R/O"])]
        jobs[12:12] = [(0, "ACHECK", ["query disk b"], 36, ["query disk b"])]
        jobs[15:15] = [(1, "BLINES", ["/SET LINES 8", "&LOOP -E 20", "&TYPE a line", "-E"], 3002,
                       ["DMSBTM103E Job BLINES cancelled: output limit of 8 lines"])]
        jobs = jobs[:20]
        t.is_(len(jobs), 20, "20 jobs from two users")
        made = True
        for k, (ti, name, cards, rc, want) in enumerate(jobs):
            user = users[ti]
            made &= make_file(terms[ti], f"{name} job a", [f"/JOB {user} {name}", *cards, "/*"])
        t.ok(made, "the decks typed into the editor")
        for term in terms:
            run(term, "cp spool punch to batch1")
        for k, (ti, name, cards, rc, want) in enumerate(jobs):
            out, prc = run(terms[ti], f"punch {name} job a")
            if prc != 0:
                t.diag(f"punch {name}: {prc} {out}")
        nstart = [sum(1 for j in jobs if j[0] == i) for i in range(2)]
        for i, term in enumerate(terms):
            t.ok(wait_count(term, r"^MSG FROM BATCH1  : DMSBTM102I Job ", nstart[i], 300),
                 f"{users[i]} is told each of its {nstart[i]} jobs ended")
            t.is_(count(term, r"^MSG FROM BATCH1  : DMSBTM101I Job "), nstart[i],
                  f"{users[i]} is told each of its jobs started")
        t.ok(z.wait_for(r"^BATCH1  : DMSBTM100I Batch machine ready: next job JOB0021$", 60),
             "after 20 jobs the batch machine waits for the next")

        # start and end messages: the job number follows the punch order
        order = []
        for term in terms:
            for l in term.texts():
                m = re.match(r"^MSG FROM BATCH1  : DMSBTM101I Job (\S+) \(JOB(\d{4})\) started$", l)
                if m:
                    order.append((int(m.group(2)), m.group(1)))
        t.is_([n for _, n in sorted(order)], [j[1] for j in jobs], "jobs run in the order they were punched")
        ends = {}
        for term in terms:
            for l in term.texts():
                m = re.match(r"^MSG FROM BATCH1  : DMSBTM102I Job (\S+) ended, RC=(-?\d+)", l)
                if m:
                    ends[m.group(1)] = int(m.group(2))
        t.is_(ends, {j[1]: j[3] for j in jobs}, "each end message has the job's return code")

        # the console logs (and BPRINT's printout) in the right readers
        for i, term in enumerate(terms):
            files = rdr_files(term)
            mine = [j for j in jobs if j[0] == i]
            logs = {f[1]: sid for sid, f in files.items() if f[0] == "BATCH1" and f[2] == "JOBLOG"}
            t.is_(sorted(logs), sorted(j[1] for j in mine), f"{users[i]}'s reader has the JOBLOG of each of its jobs")
            good = True
            for ti, name, cards, rc, want in mine:
                lines = peek(term, logs[name]) if name in logs else None
                if lines is None:
                    good = False
                    t.diag(f"{name}: no log")
                    continue
                rcline = f"DMSBTM102I Job {name} (JOB"
                ok = (any(l.startswith(f"DMSBTM101I Job {name} (JOB") and f" for {users[i]} from {users[i]} " in l
                          for l in lines)
                      and any(l.startswith(rcline) and l.endswith(f", RC={rc}") for l in lines)
                      and all(any(w in l for l in lines) for w in want))
                if not ok:
                    good = False
                    t.diag(f"{name}: {lines}")
            t.ok(good, f"{users[i]}: each log shows the job's commands, output and return code")
            if i == 1:
                prt = [sid for sid, f in files.items() if f[0] == "BATCH1" and f[1:3] == ("SAMPLE", "TEXT")]
                lines = peek(term, prt[0], log=False) if len(prt) == 1 else None
                t.ok(lines and lines[0] == "This is SAMPLE TEXT on the CMS system disk (S).",
                     "the job's PRINT reaches the user's reader (SPOOL PRINT TO the user)")
            else:
                t.ok(not any(f[1] == "SAMPLE" for f in files.values()), "CMSUSER got no printout")
        loop_log = peek(b, [sid for sid, f in rdr_files(b).items() if f[1] == "BLOOP"][0])
        t.ok(loop_log and any(l.startswith("HCPWDG9288I Watchdog timer expired after 15 seconds") for l in loop_log),
             "the looping job: CP's watchdog (DIAG X'288') re-IPLed the batch machine")
        apgm = peek(a, [sid for sid, f in rdr_files(a).items() if f[1] == "APGM"][0])
        t.ok(apgm and any(l.startswith("DMSITP141T Operation exception") for l in apgm)
             and not any(l == "never" for l in apgm), "the program check ends the job; the rest of it does not run")

        # bad decks: told to the sender, the deck comes back
        bad = [("BADNOJOB", ["listfile * * s", "/*"], "no /JOB card"),
               ("BADUSER", ["/JOB NOSUCHU BADUSER", "listfile", "/*"],
                "the user of the /JOB card is not in the CP directory"),
               ("BADEND", ["/JOB CMSUSR2 BADEND", "listfile"], "no /\\* card at the end"),
               ("BADSET", ["/JOB CMSUSR2 BADSET", "/SET TIME 5", "listfile", "/*"], "/SET TIME 5: TIME 15-3600"),
               ("BADNAME", ["/JOB CMSUSR2 BAD.NAME", "/*"], "job name BAD.NAME is not")]
        for name, cards, why in bad:
            make_file(b, f"{name} job a", cards)
            run(b, f"punch {name} job a")
        t.ok(wait_count(b, r"^MSG FROM BATCH1  : DMSBTM201E ", len(bad), 120), "each bad deck: a message to its sender")
        for name, cards, why in bad:
            t.ok(count(b, rf"^MSG FROM BATCH1  : DMSBTM201E Spool file \d{{4}} not run: {why}") == 1,
                 f"{name}: DMSBTM201E ... {why.replace(chr(92), '')}")
            t.ok(z.wait_for(rf"^BATCH1  : DMSBTM201E Spool file \d{{4}} from CMSUSR2 not run: {why}", 5),
                 f"{name}: the operator sees it on BATCH1's console")
        files = rdr_files(b)
        back = sorted(f[1] for f in files.values() if f[2] == "JOB")
        t.is_(back, sorted(n for n, _, _ in bad), "each bad deck is returned to its sender's reader")
        out, rc = run(b, "receive " + str([sid for sid, f in files.items() if f[1] == "BADEND"][0]) + " badend back a")
        out, rc = run(b, "type badend back a")
        t.is_(out, ["/JOB CMSUSR2 BADEND", "listfile"], "the returned deck is intact")

        # the queue goes on after bad decks.  A job may not stop it: CP
        # commands that would end, reset, re-IPL or strip the batch machine
        # are refused (DMSBTM108E, rc 3006) and so are the CMS commands on
        # its reader (DMSBTM109E); the job goes on, and so does the queue
        refused = ["cp logoff", "logoff", "cp disconnect", "cp system reset", "cp ipl 190 parm batch",
                   "cp i cms", "cp detach 191", "cp det 00c", "cp spool console stop", "cp close console",
                   "cp purge rdr all", "cp transfer rdr all to cmsuser", "cp define storage 16m", "cp stop",
                   "cp"]
        make_file(a, "aipl job a", ["/JOB CMSUSER AIPL", *refused, "rdrlist", "&TYPE still running",
                                    "cp query time", "/*"])
        make_file(a, "last job a", ["/JOB CMSUSER LAST", "&TYPE the last one", "/*"])
        run(a, "punch aipl job a")
        run(a, "punch last job a")
        t.ok(wait_count(a, r"^MSG FROM BATCH1  : DMSBTM102I Job LAST ended, RC=0$", 1, 120),
             "a good job after the bad decks runs")
        t.ok(count(a, r"^MSG FROM BATCH1  : DMSBTM102I Job AIPL ended, RC=3006$") == 1,
             "a job giving CP LOGOFF, IPL, SYSTEM RESET, DETACH 191 ... ends with RC=3006, the next one runs")
        t.ok(z.wait_for(r"^BATCH1  : DMSBTM100I Batch machine ready: next job JOB0023$", 60),
             "and the batch machine waits again (JOB0023 next)")
        aipl = peek(a, [sid for sid, f in rdr_files(a).items() if f[1] == "AIPL"][0]) or []
        t.is_(sum(1 for l in aipl if l.startswith("DMSBTM108E CP command ")), len(refused),
              f"each of the {len(refused)} refused CP commands: DMSBTM108E in the job's log")
        t.ok(any(l == "DMSBTM108E CP command LOGOFF not allowed in a batch job: it would end the batch machine"
                 for l in aipl), "DMSBTM108E says why (LOGOFF: it would end the batch machine)")
        t.ok(sum(1 for l in aipl if re.match(r"^Ready\(03006\);", l)) == len(refused) + 1,
             "each refused command ends with Ready(03006)")
        t.ok(any(l.startswith("DMSBTM109E RDRLIST not allowed in a batch job") for l in aipl),
             "RDRLIST (the batch machine's reader is the queue): DMSBTM109E")
        t.ok(any(l == "still running" for l in aipl) and any(l.startswith("TIME IS ") for l in aipl),
             "the job goes on after a refused command; CP QUERY TIME is allowed")
        t.ok(z.find(r"^BATCH1  : DMSBTM108E CP command DETACH not allowed in a batch job: the device is the batch machine's own$"),
             "DETACH 191 is refused: the device is the batch machine's own")

        # the CPU limit (/SET CPU, virtual CPU seconds by DIAG X'0C'): an
        # EXEC loop far under the 1,000,000-statement limit's reach; the
        # output limit on printed lines; what a job links or leaves on the
        # A-disk is gone for the next job
        make_file(b, "bcpu job a", ["/JOB CMSUSR2 BCPU", "/SET CPU 1", "/SET TIME 600", "&I = 0", "-L", "&I = &I + 1",
                                    "&GOTO -L", "/*"])
        make_file(b, "bprt job a", ["/JOB CMSUSR2 BPRT", "/SET LINES 4", "print hello exec s", "&TYPE never",
                                    "/*"])
        make_file(b, "bkeep job a", ["/JOB CMSUSR2 BKEEP", "cp link batch1 191 192 rr",
                                     "copyfile $job exec a keep me a", "cp query virtual 192", "/*"])
        make_file(b, "bgone job a", ["/JOB CMSUSR2 BGONE", "cp query virtual 192", "state keep me a", "/*"])
        for name in ["bcpu", "bprt", "bkeep", "bgone"]:
            run(b, f"punch {name} job a")
        t.ok(wait_count(b, r"^MSG FROM BATCH1  : DMSBTM102I Job BGONE ended", 1, 300), "four more jobs ran")
        t.ok(count(b, r"^MSG FROM BATCH1  : DMSBTM102I Job BCPU ended, RC=3005: CPU time limit of 1 seconds$") == 1,
             "a job over its CPU limit (/SET CPU 1) ends with RC=3005")
        t.ok(count(b, r"^MSG FROM BATCH1  : DMSBTM102I Job BPRT ended, RC=3002: output limit of 4 lines$") == 1,
             "a job printing more than its LINES is cut: RC=3002")
        logs = {f[1]: sid for sid, f in rdr_files(b).items() if f[0] == "BATCH1" and f[2] == "JOBLOG"}
        bprt = peek(b, logs["BPRT"]) if "BPRT" in logs else []
        t.ok(bprt and any(l == "DMSBTM103E Job BPRT cancelled: output limit of 4 lines" for l in bprt)
             and not any(l == "never" for l in bprt), "BPRT's log says why; the rest of the job did not run")
        t.ok(count(b, r"^MSG FROM BATCH1  : DMSBTM102I Job BKEEP ended, RC=0$") == 1,
             "a job links a disk and leaves a file on the A-disk (RC=0)")
        bgone = peek(b, logs["BGONE"]) if "BGONE" in logs else []
        t.ok(bgone and any(re.match(r"^HCPQVD040E Device 0?192 does not exist", l) for l in bgone)
             and count(b, r"^MSG FROM BATCH1  : DMSBTM102I Job BGONE ended, RC=28$") == 1,
             "the next job finds neither the linked disk nor the file (detached and erased between jobs)")

        # the operator FORCEs BATCH1 during a job and XAUTOLOGs it: the job
        # is ended with RC=3004 (BATCH STATE), not run again
        make_file(a, "along job a", ["/JOB CMSUSER ALONG", "/SET TIME 600", "&TYPE looping", "zcptest loop", "/*"])
        run(a, "punch along job a")
        t.ok(wait_count(a, r"^MSG FROM BATCH1  : DMSBTM101I Job ALONG ", 1, 120), "a looping job starts")
        t.ok(z.ask("force batch1", r"LOGOFF AS +BATCH1 .*FORCED BY OPERATOR"), "the operator FORCEs BATCH1")
        t.ok(z.ask("xautolog batch1", r"^AUTO LOGON +\*\*\* +BATCH1"), "and XAUTOLOGs it")
        t.ok(wait_count(a, r"^MSG FROM BATCH1  : DMSBTM102I Job ALONG ended, RC=3004: the batch machine was re-IPLed", 1, 120),
             "the job that was running ends with RC=3004")
