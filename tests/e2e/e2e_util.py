"""Shared helpers for the end-to-end tests: where the binary and data are, running it, and
an independent display-width check of box tables (Python's unicodedata, not our C++ table).
"""
import functools
import os
import socket
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
BINARY = None


def take_binary_from_argv():
    """The binary comes as the first argument (ctest passes $<TARGET_FILE:silkgraph>)."""
    global BINARY
    if len(sys.argv) < 2:
        sys.exit("usage: %s PATH/TO/silkgraph [unittest args]" % sys.argv[0])
    BINARY = os.path.abspath(sys.argv.pop(1))


@functools.lru_cache(maxsize=None)
def sanitized():
    """True when the binary is built with AddressSanitizer (make test-asan): its shadow memory,
    quarantine, leak check at exit and slower code make bounds on peak memory and CPU time
    meaningless. gcc links the sanitizer runtime as a shared library; clang (the build of make
    test-asan) links it into the binary, so the binary's own symbols are looked at too."""
    out = subprocess.run(["ldd", BINARY], capture_output=True, text=True).stdout
    if "libasan" in out or "libtsan" in out:
        return True
    with open(BINARY, "rb") as f:
        data = f.read()
    return b"__asan_init" in data or b"__tsan_init" in data


def run(*args, stdin=None, env=None, cwd=None):
    """Runs silkgraph with args; returns CompletedProcess with text stdout/stderr."""
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run([BINARY, *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", env=full_env, cwd=cwd, timeout=60)


def display_width(text):
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def box_lines(text):
    """The lines of the first box table in text (from its top border to its bottom one)."""
    lines = text.splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("┌"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("└"))
    return lines[start:end + 1]


def box_rows(text):
    """Cell texts of the first box table: a list of rows (header first), cells stripped."""
    rows = []
    for line in box_lines(text):
        if line.startswith("│"):
            rows.append([c.strip() for c in line.strip("│").split("│")])
    return rows


def assert_box_aligned(testcase, text):
    lines = box_lines(text)
    widths = {display_width(l) for l in lines}
    testcase.assertEqual(len(widths), 1, "box lines differ in display width:\n" + "\n".join(lines))
    # Column separators sit at the same display columns on every line.
    def separator_columns(line):
        cols, col = [], 0
        for ch in line:
            if ch in "│┌┐└┘├┤┬┴┼":
                cols.append(col)
            col += display_width(ch)
        return cols
    testcase.assertEqual(len({tuple(separator_columns(l)) for l in lines}), 1,
                         "column separators misaligned:\n" + "\n".join(lines))


def post_and_read_head(port, path, body):
    """Sends an HTTP POST of the JSON bytes `body` to 127.0.0.1:port over a raw socket and
    reads the answer's head; returns (socket, head) so a test can close the connection
    while the server is still working on the request."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"POST %s HTTP/1.1\r\nHost: x\r\n"
              b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
              % (path.encode(), len(body), body))
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(4096)
    return s, head
