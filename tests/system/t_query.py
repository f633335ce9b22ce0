#!/usr/bin/env python3
"""QUERY TIME, CPLEVEL, STORAGE, PROCESSORS and DASD, on two machines."""
import datetime
import re
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "harness"))
from tap import Tap
from zcp import Zcp

STAMP = r"\d\d/\d\d/\d\d \d\d:\d\d:\d\d UTC"


def check_time(t, z):
    answer = z.answer("query time", r"^TIME IS ") or []
    t.is_(len(answer), 2, "query time: two lines")
    m = re.fullmatch(r"TIME IS \d\d:\d\d:\d\d UTC (\w+) (\d\d/\d\d/\d\d)", answer[0] if answer else "")
    t.ok(m, "query time: TIME IS hh:mm:ss UTC DAY mm/dd/yy")
    if m:
        day = datetime.datetime.strptime(m.group(2), "%m/%d/%y").strftime("%A").upper()
        t.is_(m.group(1), day, "query time: the day of the week matches the date")
    t.like(answer[1] if len(answer) > 1 else None,
           r"^CONNECT= \d\d:\d\d:\d\d VIRTCPU= \d{3}:\d\d\.\d\d TOTCPU= \d{3}:\d\d\.\d\d$",
           "query time: CONNECT= VIRTCPU= TOTCPU= line")


def check_cplevel(t, z):
    ipl = z.find(r"^HCPINI9020I IPL at (" + STAMP + ")")
    answer = z.answer("q cplevel", r"^ZCP Version") or []
    want = [r"^ZCP Version \d+ Release \d+\.\d+, service level \d{4} \(64-bit\)$",
            r"^Generated at " + STAMP + "$",
            r"^IPL at " + STAMP + "$"]
    t.is_(len(answer), 3, "q cplevel: three lines")
    for line, pattern in zip(answer + [None] * 3, want):
        t.like(line, pattern, f"q cplevel: /{pattern}/")
    t.is_(answer[2:], [f"IPL at {ipl.group(1)}" if ipl else None],
          "q cplevel: the IPL time is the one HCPINI9020I reported")


with Tap() as t:
    with Zcp(t, volumes={"0A81": "VOL001", "0A82": None}) as z:
        t.ok(z.ipl("00c"), "ZCP is ready (64M, 1 CPU, two extra 3390s)")
        check_cplevel(t, z)
        check_time(t, z)
        t.is_(z.answer("q stor", r"^STORAGE"),
              ["STORAGE = 64M CONFIGURED = 64M INC = 1M STANDBY = 0 RESERVED = 0"],
              "q stor: 64M")
        t.is_(z.answer("q proc", r"^PROCESSOR"), ["PROCESSOR 00 MASTER CP"],
              "q proc: one CPU, the master")
        t.is_(z.answer("q dasd", r"^DASD"), ["DASD 0A81 VOL001", "DASD 0A82 (NO LABEL)", "DASD 0A90 ZCPSPL"],
              "q dasd: a labelled and an unlabelled volume")
        t.ok(z.ask("QUERY TIME", r"^TIME IS "), "full names in upper case work too")

    with Zcp(t, mainsize=128, numcpu=2) as z:
        t.ok(z.ipl("00c"), "ZCP is ready (128M, 2 CPUs)")
        t.ok(z.find(r"^HCPINI9021I 128M storage, 2 CPU\(s\), 10 device\(s\)$"),
             "HCPINI9021I counts 128M and 2 CPUs")
        t.is_(z.answer("q stor", r"^STORAGE"),
              ["STORAGE = 128M CONFIGURED = 128M INC = 1M STANDBY = 0 RESERVED = 0"],
              "q stor: 128M")
        proc = z.answer("q proc", r"^PROCESSOR") or []
        t.is_(proc[:1], ["PROCESSOR 00 MASTER CP"], "q proc: CPU 00 is the master")
        t.like(proc[1] if len(proc) > 1 else None, r"^PROCESSOR 01 ALTERNATE CP$",
               "q proc: a line for PROCESSOR 01")
        t.is_(len(proc), 2, "q proc: two CPUs")
