#!/usr/bin/env python3
"""Checks the shape of the tree (ARCHITECTURE.md): modules include only modules below them,
front ends include only the embedding API, and no product source file is over 900 lines.

Exit status 0 when the tree is clean; 1 with one line per problem (file:line: what) when not.
Function length (150 lines at most) is checked by scripts/check-function-size.py; both run in
`make check`, which CI runs.
"""
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


def main() -> int:
    problems = []
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
