#!/usr/bin/env python3
"""Run every bench/b_*.py and print the `BENCH name=value unit` lines they
write.  Benchmarks measure; they never pass or fail `make test`.  The exit
status is non-zero only when a benchmark itself broke."""
import subprocess
import sys
from pathlib import Path

TIMEOUT = 600   # seconds for one benchmark


def run(bench):
    try:
        done = subprocess.run([sys.executable, str(bench)], stdout=subprocess.PIPE,
                              text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        print(f"# {bench.name}: timed out after {TIMEOUT}s", flush=True)
        return False
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            print(line, flush=True)
    if done.returncode != 0:
        print(f"# {bench.name}: exit status {done.returncode}", flush=True)
    return done.returncode == 0


def main():
    benches = sorted(Path(__file__).resolve().parent.glob("b_*.py"))
    results = [run(bench) for bench in benches]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
