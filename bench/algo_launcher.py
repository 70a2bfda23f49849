"""Starts the engines of the algorithm benchmark (bench/run_algorithms.py) so that each one's
peak memory is its own. Linux carries a process's resident-set high-water mark across
execve, and a child forked from the harness starts with the harness's pages mapped: once the
harness holds the answers of a large graph (hundreds of MB), every engine started from it
afterwards reported the harness's size, not its own. So the harness starts this small process
first, before it reads anything, and asks it to fork, exec and wait4 each engine: an engine's
ru_maxrss (wait4's rusage of that one child) is then its own peak, or this launcher's few MB
when the engine used less.

Protocol, one JSON document a line: the harness writes {"cmd": [...], "timeout": seconds}; the
launcher answers {"exit": code, "maxrss": bytes} or {"error": "over N s"}.
"""
import json
import os
import subprocess
import sys
import time


def run(cmd, timeout):
    proc = subprocess.Popen(cmd)
    deadline = time.time() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return {"exit": os.waitstatus_to_exitcode(status), "maxrss": usage.ru_maxrss * 1024}
        if time.time() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return {"error": f"over {timeout} s"}
        time.sleep(0.05)


def main():
    for line in sys.stdin:
        req = json.loads(line)
        sys.stdout.write(json.dumps(run(req["cmd"], req["timeout"])) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
