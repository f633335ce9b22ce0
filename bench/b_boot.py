#!/usr/bin/env python3
"""Boot time: wall seconds from starting Hercules to HCPINI9022I ZCP is ready,
with the IPL (deck on 000C) sent right after the start; and that time over
the wall time of a Hercules start -> quit with no IPL, measured in the same
run, so the ratio hides how fast this host is.  Medians of REPEAT runs."""
import statistics
import sys
import time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "harness"))
from zcp import Zcp

REPEAT = 5


def boot_ready_s():
    z = Zcp(name="b_boot")
    z.start()
    ready = z.ipl("00c")
    z.stop()
    z.finish(failed=not ready)
    if not ready:
        sys.exit("b_boot: ZCP did not become ready")
    return z.last.t - z.started_at


def start_quit_s():
    z = Zcp(name="b_boot_idle", deck=False)
    z.start()
    z.stop()
    z.finish(failed=z.proc.returncode != 0)
    return time.monotonic() - z.started_at


def main():
    boot = statistics.median(boot_ready_s() for _ in range(REPEAT))
    idle = statistics.median(start_quit_s() for _ in range(REPEAT))
    print(f"BENCH boot_ready_s={boot:.3f} s")
    print(f"BENCH boot_ready_ratio={boot / idle:.2f} x")


if __name__ == "__main__":
    main()
