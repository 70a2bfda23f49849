#!/usr/bin/env python3
"""The algorithm benchmark's peak-memory figure is each engine's own (bench/algo_launcher.py):
an engine started after the harness has grown large must not report the harness's size, as
every engine of the betweenness and SUPPLIES sections once did (415 MB for a 5,000-node graph).
Standard library only; the silkgraph binary argument is unused."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import run_algorithms  # noqa: E402

MB = 2**20


def child(allocate_mb):
    return [sys.executable, "-c",
            f"b = bytearray({allocate_mb} * {MB}); b[::4096] = b'x' * len(b[::4096])"]


def main():
    launcher = run_algorithms.Launcher()  # while this process is small
    big = bytearray(400 * MB)
    big[::4096] = b"x" * len(big[::4096])  # touched: resident
    small = launcher.run(child(1), 60)
    assert small["exit"] == 0, small
    assert small["maxrss"] < 100 * MB, f"a 1 MB child reported {small['maxrss'] / MB:.0f} MB"
    large = launcher.run(child(200), 60)
    assert large["exit"] == 0, large
    assert 200 * MB <= large["maxrss"] < 350 * MB, f"{large['maxrss'] / MB:.0f} MB"
    late = launcher.run([sys.executable, "-c", "import time; time.sleep(5)"], 0.5)
    assert late == {"error": "over 0.5 s"}, late
    failed = launcher.run([sys.executable, "-c", "raise SystemExit(3)"], 60)
    assert failed["exit"] == 3, failed
    del big
    print("ok: small child", small["maxrss"] // MB, "MB; 200 MB child", large["maxrss"] // MB, "MB")


if __name__ == "__main__":
    main()
