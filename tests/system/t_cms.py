#!/usr/bin/env python3
"""The CMS-like guest (cms-guest/, docs/cms.md) from a user's terminal:
LOGON CMSUSER IPLs the system disk 0190 and CMS says Ready; with its time;
CP commands through CMS (DIAG X'08'); a program check; the file system on
minidisks through DIAG X'250' (FORMAT, ACCESS, QUERY DISK, LISTFILE, TYPE,
COPYFILE, RENAME, ERASE, STATE); the line editor; EXEC; PUNCH and PRINT;
a re-IPL; a second user; bad input everywhere."""
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import BUILD, RESVOL, USERVOL, Zcp

READY = r"^Ready(;|\((-?\d+)\);) T=\d+\.\d\d/\d+\.\d\d \d\d:\d\d:\d\d$"


def run(term, cmd, timeout=60):
    """The lines a CMS command wrote, and its return code (None: no Ready)."""
    ans = term.answer(cmd, READY, timeout)
    if ans is None:
        return [], None
    m = re.match(READY, ans[-1])
    rc = 0 if m.group(1) == ";" else int(m.group(2))
    return [l for l in ans[:-1] if l not in ("VM READ", "RUNNING")], rc


def edit(term, lines):
    """Lines typed to the editor in input mode; each is read in VM READ."""
    for line in lines:
        term.send(line)
        term.wait_for(r"^VM READ$", 30)


with Tap() as t:
    if not RESVOL.exists() or not USERVOL.exists():
        t.skip_all("build/zcpres.3390 or build/zcpt01.3390 is not built")
    with Zcp(t, deck=False, resvol=True, uservol=True, deadline=600) as z:
        t.ok(z.ipl("0a80"), "IPL ZCP with the test volume ZCPT01")
        a = z.terminal("0020")
        if not a:
            sys.exit(0)
        t.ok(a.logon("cmsuser", "cmsuser"), "LOGON CMSUSER")
        t.ok(a.wait_for(r"^ZCP CMS 1\.0 ", 60), "the directory's IPL 0190 starts CMS from the system disk")
        t.ok(a.wait_for(READY, 60), "CMS says Ready; T=v.vv/t.tt hh:mm:ss")

        out, rc = run(a, "query disk")
        t.ok(rc == 0 and any(re.match(r"^CMS190 190  S  R/O +3 3390 4096 +2 ", l) for l in out),
             "QUERY DISK: the system disk is S, read-only, two files")
        t.ok(any(re.match(r"^CMS191 191  A  R/W +2 3390 4096 +0 ", l) for l in out),
             "QUERY DISK: the A-disk 191 is read/write and empty")
        out, rc = run(a, "listfile * * s")
        t.ok(rc == 0 and out == ["HELLO    EXEC     S1", "SAMPLE   TEXT     S1"], "LISTFILE * * S lists the S-disk")
        out, rc = run(a, "type sample text s")
        t.ok(rc == 0 and out[:1] == ["This is SAMPLE TEXT on the CMS system disk (S)."] and len(out) == 3,
             "TYPE shows a file put on the disk from the host")

        out, rc = run(a, "query time")
        t.ok(rc == 0 and any(l.startswith("TIME IS ") for l in out), "QUERY TIME goes on to CP")
        out, rc = run(a, "cp query virtual 191")
        t.ok(rc == 0 and any(l.startswith("DASD 0191 3390") for l in out), "CP QUERY VIRTUAL 191 (DIAG X'08')")
        out, rc = run(a, "nosuchcmd at all")
        t.ok(rc == -3 and out == ["Unknown CP/CMS command"], "an unknown command: Unknown CP/CMS command, Ready(-0003);")
        out, rc = run(a, "cp nosuchcmd")
        t.ok(rc == 1 and any(l.startswith("HCPCMD001E") for l in out), "CP with a bad command shows CP's message, rc 1")

        out, rc = run(a, "zcptest operation")
        t.ok(rc == 257 and any(re.match(r"^DMSITP141T Operation exception occurred at [0-9A-F]{16}", l) for l in out),
             "a program check in CMS: DMSITP141T, Ready(00257);")
        t.ok(any(re.match(r"^DMSITP143T PSW [0-9A-F]{16} [0-9A-F]{16}, interruption code 0001$", l) for l in out),
             "the PSW is shown")
        out, rc = run(a, "zcptest addressing")
        t.ok(rc == 261 and any("Addressing exception" in l for l in out), "an addressing exception: Ready(00261);")
        out, rc = run(a, "zcptest")
        t.ok(rc == 24, "ZCPTEST without an operand: rc 24")
        out, rc = run(a, "listfile * * s")
        t.ok(rc == 0 and len(out) == 2, "CMS goes on after program checks")

        # FORMAT and ACCESS
        out, rc = run(a, "access 192 b")
        t.ok(rc == 100 and any(l.startswith("DMSACC112S B(192) device error") for l in out),
             "ACCESS of an unformatted disk: DMSACC112S")
        out, rc = run(a, "access 999 c")
        t.ok(rc == 100 and out == ["DMSACC113S C(999) not attached"], "ACCESS of a missing disk: DMSACC113S")
        out, rc = run(a, "access 192 *")
        t.ok(rc == 24 and any("DMSACC048E" in l for l in out), "ACCESS with a bad mode: DMSACC048E")
        out, rc = run(a, "format 190 c")
        t.ok(rc == 36 and any("DMSFOR037E" in l for l in out), "FORMAT of the read-only system disk is refused")
        # Each answer is typed once CMS reads (VM READ): a line typed before
        # the guest's read puts it in CP READ (seen on a loaded machine).
        t.ok(a.ask("format 192 b", r"^DMSFOR603R FORMAT will erase all files on disk B\(192\)")
             and a.wait_for(r"^VM READ$", 30), "FORMAT asks first")
        out, rc = run(a, "0")
        t.ok(rc == 100, "answering 0 leaves the disk alone")
        out, rc = run(a, "access 192 b")
        t.ok(rc == 100, "it is still not a CMS disk")
        t.ok(a.ask("format 192 b", r"^DMSFOR603R") and a.wait_for(r"^VM READ$", 30), "FORMAT again")
        t.ok(a.ask("1", r"^DMSFOR605R Enter disk label:") and a.wait_for(r"^VM READ$", 30),
             "answering 1 asks for the label")
        out, rc = run(a, "mydisk")
        t.ok(rc == 0 and "DMSFOR732I 1 cylinders formatted on B(192)" in out, "FORMAT formats and accesses it")
        out, rc = run(a, "query disk b")
        t.ok(rc == 0 and any(re.match(r"^MYDISK 192  B  R/W +1 3390 4096 +0 +20-11 +160 +180$", l) for l in out),
             "QUERY DISK B: label, mode, blocks")

        # the editor
        t.ok(a.ask("edit test file a", r"^NEW FILE:"), "EDIT of a new file")
        t.ok(a.ask("input", r"^INPUT:"), "INPUT mode")
        edit(a, ["first line", "second line with a typo", "third line"])
        t.ok(a.ask(" ", r"^EDIT:"), "a null line ends input mode")
        t.ok(a.ask("top", r"^TOF:"), "TOP")
        t.ok(a.ask("locate /typo/", r"^second line with a typo$"), "LOCATE finds the line")
        t.ok(a.ask("change /typo/fix/", r"^second line with a fix$"), "CHANGE changes it")
        t.ok(a.ask("bogus", r"^DMSXSU586E Invalid subcommand BOGUS"), "a bad subcommand is refused")
        t.ok(a.ask("quit", r"^DMSXCT577E"), "QUIT of a changed file asks for QQUIT")
        out, rc = run(a, "file")
        t.ok(rc == 0, "FILE saves it")
        out, rc = run(a, "type test file a")
        t.ok(out == ["first line", "second line with a fix", "third line"], "TYPE shows the edited file")
        t.ok(a.ask("edit test file", r"^EDIT:"), "EDIT of the existing file")
        a.send("next 2")
        a.wait_for(r"^second line")
        t.ok(a.ask("delete", r"^VM READ$"), "DELETE the current line")
        out, rc = run(a, "file")
        out, rc = run(a, "type test file a")
        t.ok(out == ["first line", "third line"], "the line is gone")

        # COPYFILE, RENAME, ERASE, STATE, LISTFILE
        out, rc = run(a, "copyfile test file a = = b")
        t.ok(rc == 0, "COPYFILE to B")
        out, rc = run(a, "copyfile test file a = = b")
        t.ok(rc == 28 and any(l.startswith("DMSCPY024E File TEST FILE B1 already exists") for l in out),
             "COPYFILE onto an existing file: DMSCPY024E")
        out, rc = run(a, "copyfile test file a = = b (replace")
        t.ok(rc == 0, "COPYFILE with REPLACE")
        out, rc = run(a, "copyfile test file a fixed file a (recfm f lrecl 20")
        t.ok(rc == 0, "COPYFILE to RECFM F LRECL 20")
        out, rc = run(a, "listfile * file a (label")
        t.ok(any(re.match(r"^FIXED +FILE +A1 F +20 +2 +2 ", l) for l in out) and
             any(re.match(r"^TEST +FILE +A1 V +10 +2 +2 ", l) for l in out), "LISTFILE (LABEL shows RECFM, LRECL, records")
        out, rc = run(a, "copyfile nosuch file a = = b")
        t.ok(rc == 28 and any("DMSCPY002E" in l for l in out), "COPYFILE of a missing file: DMSCPY002E")
        out, rc = run(a, "copyfile test file a = = s")
        t.ok(rc == 36 and any("DMSCPY037E" in l for l in out), "COPYFILE to the read-only S-disk: DMSCPY037E")
        out, rc = run(a, "rename test file b new name b")
        t.ok(rc == 0, "RENAME")
        out, rc = run(a, "listfile * * b")
        t.ok(out == ["NEW      NAME     B1"], "LISTFILE shows the new name")
        out, rc = run(a, "listfile t* f%le *")
        t.ok(out == ["FIXED    FILE     A1", "TEST     FILE     A1"][1:] or out == ["TEST     FILE     A1"],
             "LISTFILE with * and % patterns")
        out, rc = run(a, "rename nosuch file b x y b")
        t.ok(rc == 28 and any("DMSRNM002E" in l for l in out), "RENAME of a missing file: DMSRNM002E")
        out, rc = run(a, "state new name b")
        t.ok(rc == 0 and out == [], "STATE of an existing file: rc 0, silent")
        out, rc = run(a, "erase new name b")
        t.ok(rc == 0, "ERASE")
        out, rc = run(a, "state new name b")
        t.ok(rc == 28 and out == ["DMSSTT002E File NEW NAME B not found"], "STATE after ERASE: DMSSTT002E, rc 28")
        out, rc = run(a, "erase hello exec s")
        t.ok(rc == 36 and any("DMSERS037E" in l for l in out), "ERASE on the read-only S-disk: DMSERS037E")
        out, rc = run(a, "type nosuch file")
        t.ok(rc == 28 and out == ["DMSTYP002E File NOSUCH FILE * not found"], "TYPE of a missing file: DMSTYP002E")
        out, rc = run(a, "type onlyone")
        t.ok(rc == 24 and any("DMSTYP054E" in l for l in out), "TYPE with half a fileid: DMSTYP054E")
        out, rc = run(a, "listfile * * q")
        t.ok(rc == 36 and any("DMSLST069E" in l for l in out), "LISTFILE on a mode not accessed: DMSLST069E")
        out, rc = run(a, "listfile a.b * a")
        t.ok(rc == 20 and any("DMSLST062E" in l for l in out), "LISTFILE with a bad character: DMSLST062E")
        out, rc = run(a, "release b")
        t.ok(rc == 0, "RELEASE B")
        out, rc = run(a, "listfile * * b")
        t.ok(rc == 36, "B is gone")
        out, rc = run(a, "release b")
        t.ok(rc == 36 and any("DMSARE069E" in l for l in out), "RELEASE of a mode not accessed: DMSARE069E")

        # EXEC
        out, rc = run(a, "hello one two")
        t.ok(rc == 0 and out[:1] == ["Hello from HELLO EXEC, 2 argument(s): ONE TWO"] and
             out[1:] == ["Pass 1", "Pass 2", "Pass 3"], "HELLO EXEC from the S-disk: arguments and a loop")
        out, rc = run(a, "exec hello fail")
        t.ok(rc == 12, "&IF ... &EXIT 12 gives Ready(00012);")
        t.ok(a.ask("edit count exec a", r"^NEW FILE:"), "write an EXEC with the editor")
        a.ask("input", r"^INPUT:")
        edit(a, ["* COUNT EXEC: count to &1",
                 "&I = 0",
                 "-TOP",
                 "&I = &I + 1",
                 "&TYPE i is &I",
                 "&IF &I < &1 &GOTO -TOP",
                 "state nosuch file",
                 "&TYPE state gave &RC",
                 "&IF &RC = 28 &EXIT 7",
                 "&EXIT 0"])
        a.ask(" ", r"^EDIT:")
        run(a, "file")
        out, rc = run(a, "count 3")
        t.ok(out[:3] == ["i is 1", "i is 2", "i is 3"], "&GOTO loop with a variable and an argument")
        t.ok("state gave 28" in out and rc == 7, "&RC of a command and &EXIT 7")
        t.ok(a.ask("edit bad exec a", r"^NEW FILE:"), "an EXEC with an error")
        a.ask("input", r"^INPUT:")
        edit(a, ["&TYPE before", "&GOTO -NOWHERE"])
        a.ask(" ", r"^EDIT:")
        run(a, "file")
        out, rc = run(a, "bad")
        t.ok(rc == 1000 and any(l.startswith("DMSEXT072E Error in EXEC file BAD, line 2") for l in out),
             "a missing label: DMSEXT072E, rc 1000")

        # spool: punch to one's own reader, look, receive; print; sendfile
        out, rc = run(a, "rdrlist")
        t.ok(rc == 28 and out == ["DMSRDL738I No files in your reader"], "RDRLIST of an empty reader: rc 28")
        out, rc = run(a, "cp spool punch to *")
        t.ok(rc == 0, "CP SPOOL PUNCH TO *")
        out, rc = run(a, "punch sample text s")
        t.ok(rc == 0 and any(l.startswith("PUN FILE") and "SENT TO CMSUSER" in l for l in out),
             "PUNCH SAMPLE TEXT S: CP's CLOSE answer")
        out, rc = run(a, "rdrlist")
        m = [re.match(r"^CMSUSER  (\d{4}) +SAMPLE +TEXT +A +4 ", l) for l in out]
        m = [x for x in m if x]
        t.ok(rc == 0 and m, "RDRLIST shows the file (DIAG X'14'): header card and 3 records")
        spid = int(m[0].group(1)) if m else 0
        out, rc = run(a, "peek")
        t.ok(rc == 0 and out[:2] == [":READ  SAMPLE   TEXT     S1", "This is SAMPLE TEXT on the CMS system disk (S)."],
             "PEEK shows the header card and the records")
        out, rc = run(a, "rdrlist")
        t.ok(rc == 0 and any("SAMPLE" in l for l in out), "after PEEK the file is still in the reader")
        out, rc = run(a, f"receive {spid}")
        t.ok(rc == 0 and out == ["File SAMPLE TEXT A1 received from CMSUSER"], "RECEIVE: named by its :READ card")
        out, rc = run(a, "type sample text a")
        t.ok(len(out) == 3 and out[2] == "Line three.", "the received file has the records")
        out, rc = run(a, "rdrlist")
        t.ok(rc == 28, "RECEIVE took it out of the reader")
        out, rc = run(a, "receive 9999")
        t.ok(rc == 28 and any("DMSRCV649E" in l for l in out), "RECEIVE of a file not there: DMSRCV649E")
        out, rc = run(a, "receive abc")
        t.ok(rc == 24, "RECEIVE with a bad spoolid: rc 24")
        out, rc = run(a, "readcard x y")
        t.ok(rc == 28, "READCARD of an empty reader: rc 28")
        out, rc = run(a, "punch sample text a (noheader")
        t.ok(rc == 0, "PUNCH (NOHEADER")
        out, rc = run(a, "readcard x y")
        t.ok(rc == 0 and out == ["File X Y A1 received from CMSUSER"], "READCARD x y names the file")
        out, rc = run(a, "type x y")
        t.ok(out[:1] == ["This is SAMPLE TEXT on the CMS system disk (S)."] and len(out) == 3,
             "without a header card every card is a record")
        out, rc = run(a, "print test file a")
        t.ok(rc == 0 and any(l.startswith("PRT FILE") for l in out), "PRINT TEST FILE A")
        out, rc = run(a, "punch nosuch file")
        t.ok(rc == 28 and any("DMSPUN002E" in l for l in out), "PUNCH of a missing file: DMSPUN002E")
        out, rc = run(a, "punch sample text a (bogus")
        t.ok(rc == 24, "PUNCH with a bad option: rc 24")
        out, rc = run(a, "sendfile sample text a to cmsusr2")
        t.ok(rc == 0 and any(l.startswith("File SAMPLE TEXT sent to CMSUSR2 on ") for l in out), "SENDFILE to CMSUSR2")
        out, rc = run(a, "sendfile sample text a to nobody")
        t.ok(rc == 12, "SENDFILE to a user not in the directory: rc 12")

        # IPL again: the A-disk keeps its files
        a.send("#cp ipl 190")
        t.ok(a.wait_for(r"^ZCP CMS 1\.0 ", 60) and a.wait_for(READY, 60), "IPL 190 again reaches Ready;")
        a.send("#cp ipl cms")
        t.ok(a.wait_for(r"^ZCP CMS 1\.0 ", 60) and a.wait_for(READY, 60), "IPL CMS (the system disk 0190) reaches Ready;")
        out, rc = run(a, "listfile * * a")
        t.ok(rc == 0 and "TEST     FILE     A1" in out and "COUNT    EXEC     A1" in out,
             "the files written before are on the A-disk")

        # a second user shares the system disk
        b = z.terminal("0021")
        t.ok(b and b.logon("cmsusr2", "cmsusr2") and b.wait_for(READY, 60), "CMSUSR2 logs on and gets Ready;")
        out, rc = run(b, "listfile * * a")
        t.ok(rc == 28, "its own A-disk is empty")
        out, rc = run(b, "hello")
        t.ok(rc == 0 and out[:1] == ["Hello from HELLO EXEC, 0 argument(s):"], "it runs HELLO EXEC from the shared S-disk")
        out, rc = run(b, "rdrlist")
        t.ok(rc == 0 and any(re.match(r"^CMSUSER  \d{4} +SAMPLE +TEXT ", l) for l in out),
             "CMSUSR2's RDRLIST shows the file CMSUSER sent")
        out, rc = run(b, "readcard * *")
        t.ok(rc == 0 and out == ["File SAMPLE TEXT A1 received from CMSUSER"], "READCARD * * takes the :READ card's name")
        out, rc = run(b, "type sample text a")
        t.ok(len(out) == 3, "CMSUSR2 has the file on its A-disk")
