#!/usr/bin/env python3
"""No function over 150 lines in the product sources (ARCHITECTURE.md, `make check`).

A small C++ brace scanner, not a compiler: comments, string and character literals (raw
strings included) and preprocessor lines are blanked out, then every `{` that opens at
namespace or class scope after a parameter list `(...)` starts a function body, which ends at
its matching `}`. Lambdas and blocks inside a body count towards that body. It needs no build
and runs in a second over the whole tree, so CI runs it on every change.

Usage: check-function-size.py [--max N] [--report K] DIR...   (exit 1 when a function is over N)
"""
import argparse
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCOPE_HEAD = re.compile(r'\b(namespace|class|struct|union|enum)\b[^()]*$|^extern\s*"C"\s*$')
NAME_BEFORE_PAREN = re.compile(r'([~\w:<>=!+\-*/%&|^\[\]]+)\s*$')


def blank(text: str) -> str:
    """Text with comments, literals and preprocessor lines replaced by spaces (newlines kept)."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and c == "#":
            # Preprocessor line, with backslash continuations.
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append(" \n")
                    i += 2
                    continue
                out.append(" ")
                i += 1
            continue
        if c == "\n":
            at_line_start = True
            out.append(c)
            i += 1
            continue
        if not c.isspace():
            at_line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        m = re.match(r'(?:u8|u|U|L)?R"([^()\\ ]{0,16})\(', text[i:i + 24])
        if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = text.find(")" + m.group(1) + '"', i + m.end())
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        if c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i))
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(text: str):
    """Yields (first line, line count, head) for every function body in the text."""
    code = blank(text)
    stack = []  # kinds of the open braces: "scope", "function", "inner", "other"
    head_start = 0
    line = 1
    start_line = {}
    for i, c in enumerate(code):
        if c == "\n":
            line += 1
        elif c == "{":
            head = " ".join(code[head_start:i].split())
            if any(k in ("function", "inner") for k in stack):
                kind = "inner"
            elif SCOPE_HEAD.search(head):
                kind = "scope"
            elif ")" in head and not re.search(r"(?<![=!<>+\-*/%&|^])=(?!=)[^()]*$", head):
                kind = "function"
                start_line[len(stack)] = (line, head)
            else:
                kind = "other"
            stack.append(kind)
            head_start = i + 1
        elif c == "}":
            kind = stack.pop() if stack else "other"
            if kind == "function":
                first, head = start_line.pop(len(stack))
                yield first, line - first + 1, head
            head_start = i + 1
        elif c == ";" and not any(k in ("function", "inner") for k in stack):
            head_start = i + 1


def name_of(head: str) -> str:
    depth = 0
    for k in range(len(head) - 1, -1, -1):
        if head[k] == ")":
            depth += 1
        elif head[k] == "(":
            depth -= 1
            if depth == 0:
                m = NAME_BEFORE_PAREN.search(head[:k])
                if m:
                    return m.group(1)
    return head[-60:]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=150)
    ap.add_argument("--report", type=int, default=0, help="also list the K longest functions")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    found = []
    for d in args.dirs:
        for f in sorted((ROOT / d).rglob("*")):
            if f.suffix in (".cpp", ".h"):
                rel = f.relative_to(ROOT).as_posix()
                for first, count, head in functions(f.read_text(encoding="utf-8")):
                    found.append((count, rel, first, name_of(head)))
    found.sort(reverse=True)
    for count, rel, first, name in found[:args.report]:
        print(f"  {count:5d} lines  {rel}:{first}  {name}")
    over = [x for x in found if x[0] > args.max]
    for count, rel, first, name in over:
        print(f"{rel}:{first}: function {name} is {count} lines (at most {args.max})")
    if over:
        print(f"check-function-size: {len(over)} function(s) over {args.max} lines")
        return 1
    print(f"check-function-size: {len(found)} functions, none over {args.max} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
