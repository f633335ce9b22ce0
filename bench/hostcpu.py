"""CPU time of Hercules' CPU thread, for benchmarks on a loaded shared host.

The wall clock counts the time other programs had the host's CPUs; the CPU
time of the thread that runs the emulated CPU does not.  Linux gives every
thread's user and system time in /proc/PID/task/TID/stat (clock ticks)."""
import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def thread_times(pid):
    """{thread id: CPU seconds (user + system)} of process pid's threads."""
    times = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        times[tid] = (int(fields[11]) + int(fields[12])) / TICK   # utime, stime
    return times


def cpu_seconds(before, after):
    """CPU time between two thread_times() of the busiest thread: Hercules'
    CPU thread (the others, timer and I/O threads, are nearly idle)."""
    return max(t - before.get(tid, 0.0) for tid, t in after.items())
