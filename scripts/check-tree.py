#!/usr/bin/env python3
"""Checks the shape of the tree (ARCHITECTURE.md): modules include only modules below them,
front ends include only the embedding API, and no product source file is over 900 lines.
Also that every test `make test-tsan` runs (the Makefile's TSAN_FILTER) is in a file of the
ThreadSanitizer build's thread_tests (tests/CMakeLists.txt), which compiles only those.

Exit status 0 when the tree is clean; 1 with one line per problem (file:line: what) when not.
Function length (150 lines at most) is checked by scripts/check-function-size.py; both run in
`make check`, which CI runs.
"""
import fnmatch
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Each product module with the modules it may include (besides itself). The order is the
# layering: nothing may include a module that lists it.
ALLOWED = {
    "common": set(),
    "engine": {"common"},
    "query": {"common", "engine"},
    "loaders": {"common", "engine"},
    "export": {"common", "engine", "query"},
    # Procedures (CALL): implementations over the engine, typed by query/procedure.
    "procedures": {"common", "engine", "query"},
    "main": {"common", "engine", "query", "loaders", "export", "procedures"},
    # Front ends reach the engine only through the embedding API.
    "shell": {"common", "main"},
    "python": {"common", "main"},
    "server": {"common", "main"},
}
# The binary's entry point (shell/main.cpp) dispatches to the front ends beside the shell.
ENTRY_POINT = ("shell/main.cpp", {"server"})
PRODUCT = list(ALLOWED)
# Inside query/, the stages at the bottom with the query stages they may include (besides
# themselves; files directly in query/, such as query_result.h, are open to all): the parser
# and the function library stand alone, the binder reads only their output.
QUERY_STAGES = {
    "query/parser": set(),
    "query/function": set(),
    "query/procedure": set(),
    "query/binder": {"query/parser", "query/function", "query/procedure"},
}
MAX_FILE_LINES = 900
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def module_of(path: str) -> str:
    return path.split("/", 1)[0]


def stage_of(path: str) -> str:
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else ""


def thread_test_problems():
    """Tests matched by TSAN_FILTER whose file thread_tests does not compile."""
    filt = re.search(r"^TSAN_FILTER = (.*)$", (ROOT / "Makefile").read_text(), re.M)
    block = re.search(r"add_executable\(thread_tests([^)]*)\)",
                      (ROOT / "tests/CMakeLists.txt").read_text())
    if not filt or not block:
        return ["Makefile:1: TSAN_FILTER or tests/CMakeLists.txt's thread_tests not found"]
    patterns = filt.group(1).split(":")
    files = {"tests/" + f for f in block.group(1).split()}
    problems = []
    for f in sorted((ROOT / "tests/unit").glob("*.cpp")):
        rel = f.relative_to(ROOT).as_posix()
        if rel in files:
            continue
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            m = re.match(r"TEST(?:_F|_P)?\((\w+),\s*(\w+)\)", line)
            if m and any(fnmatch.fnmatchcase(f"{m[1]}.{m[2]}", p) for p in patterns):
                problems.append(f"{rel}:{n}: {m[1]}.{m[2]} runs under ThreadSanitizer "
                                "(TSAN_FILTER) but thread_tests (tests/CMakeLists.txt) does "
                                "not compile its file")
    return problems


def main() -> int:
    problems = thread_test_problems()
    for module in PRODUCT:
        for f in sorted((ROOT / module).rglob("*")):
            if f.suffix not in (".h", ".cpp"):
                continue
            rel = f.relative_to(ROOT).as_posix()
            lines = f.read_text(encoding="utf-8").splitlines()
            if len(lines) > MAX_FILE_LINES:
                problems.append(f"{rel}:1: {len(lines)} lines (at most {MAX_FILE_LINES})")
            for n, line in enumerate(lines, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                stage, included = stage_of(rel), stage_of(m.group(1))
                if (stage in QUERY_STAGES and included.startswith("query/") and
                        included != stage and included not in QUERY_STAGES[stage]):
                    others = ", ".join(sorted(QUERY_STAGES[stage]))
                    problems.append(f"{rel}:{n}: {stage}/ includes {m.group(1)}, but {stage}/ "
                                    + (f"may include only {others}" if others
                                       else "may include no other query stage"))
                target = module_of(m.group(1))
                if target == module or target not in ALLOWED:
                    continue
                if rel == ENTRY_POINT[0] and target in ENTRY_POINT[1]:
                    continue
                if target not in ALLOWED[module]:
                    problems.append(f"{rel}:{n}: {module}/ includes {m.group(1)}, "
                                    f"but {module}/ may include only "
                                    f"{', '.join(sorted(ALLOWED[module])) or 'nothing else'}")
    for p in problems:
        print(p)
    if problems:
        print(f"check-tree: {len(problems)} problem(s)")
        return 1
    print("check-tree: layering and file sizes clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
