"""The code blocks of README.md and docs/*.md, found and accounted for (tests/python/test_docs.py
runs them). Every fenced block is one of:

- run by query_tests: the ```cypher, ```result, ```load and ```LANG file=NAME blocks of the
  pages tests/queries/CMakeLists.txt gives to query_tests (docs/query-language.md and the
  procedure pages; their conventions are in docs/query-language.md, "How the examples are
  checked");
- run by another test: an HTML comment `<!-- run by tests/PATH -->` right before the block
  names the test that runs it, which must name the page;
- not run: a visible paragraph `*Not run by the tests: REASON.*` right before the block says
  why (test_docs.py counts them: a new one is counted there too);
- run here, in the page's order, in one scratch directory per page where `samples/` and
  `tests/` are the source tree's and `silkgraph` is the binary as built:
  - a block with `file=NAME` in its info string (```json file=korea/example.json) is a data
    file written there;
  - a ```sh, ```console or unlabelled block is commands. Lines starting with `$ ` are
    commands whose output follows them (standard output and error, compared line for line);
    `silkgraph> ` and `..> ` lines after such a command are typed into it (its standard
    input). A block without `$ ` lines runs whole with `bash -e`; a ```text block right after
    it is its output;
  - a ```python block runs with the ones before it (one namespace per page); a line
    `EXPRESSION  # VALUE` checks that repr(EXPRESSION) is VALUE; a ```text block right after
    it is what it prints.
A block that is none of these (a synopsis, a JavaScript or C++ fragment, an output shown
without its command) must be marked, so none is left out silently."""

import os
import re
from dataclasses import dataclass, field

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

FENCE = re.compile(r"^( *)```([^\n]*)\n(.*?)^\1```[ \t]*$", re.S | re.M)
RUN_BY = re.compile(r"<!--\s*run by ([^\s>]+)\s*-->$")
NOT_RUN = re.compile(r"^\*Not run by the tests: (.+)\*$")
COMMAND_LANGUAGES = {"", "sh", "console"}
QUERY_TEST_LANGUAGES = {"cypher", "result", "load"}


@dataclass
class Block:
    doc: str          # path relative to the source tree
    line: int         # of the opening fence
    language: str
    attrs: dict
    code: str
    how: str = ""     # query_tests, run-by, not-run, file, commands, python, output
    detail: str = ""  # the test that runs it, or why it is not run
    output: "Block" = None

    def where(self):
        return "%s:%d" % (self.doc, self.line)


def docs():
    names = ["README.md"] + sorted("docs/" + f for f in os.listdir(os.path.join(SOURCE_DIR, "docs"))
                                   if f.endswith(".md"))
    return names


def query_test_docs():
    """The pages query_tests runs (tests/queries/CMakeLists.txt)."""
    with open(os.path.join(SOURCE_DIR, "tests", "queries", "CMakeLists.txt"), encoding="utf-8") as f:
        text = f.read()
    names = set(re.findall(r"query_tests (docs/[\w-]+\.md)", text))
    for group in re.findall(r"foreach\(doc ([^)]*)\)\s*add_test\(NAME query\.docs_", text):
        names.update("docs/%s.md" % d for d in group.split())
    return names


def _parse_info(info):
    words = info.split()
    language = words[0] if words and "=" not in words[0] else ""
    attrs = {}
    for w in words[1:] if language else words:
        k, _, v = w.partition("=")
        attrs[k] = v
    return language, attrs


def blocks(doc):
    """The page's blocks, each classified (Block.how); output blocks are attached to the block
    whose output they are."""
    with open(os.path.join(SOURCE_DIR, doc), encoding="utf-8") as f:
        text = f.read()
    by_query_tests = doc in query_test_docs()
    out = []
    previous_end = 0
    for m in FENCE.finditer(text):
        indent = len(m.group(1))  # a block inside a list item
        language, attrs = _parse_info(m.group(2))
        code = "".join(l[min(indent, len(l) - len(l.lstrip(" "))):]
                       for l in m.group(3).splitlines(True))
        b = Block(doc, text.count("\n", 0, m.start()) + 1, language, attrs, code)
        between = text[previous_end:m.start()]
        # The paragraph right before the block, on one line.
        before = " ".join(re.split(r"\n[ \t]*\n", between.strip())[-1].split())
        adjacent = not between.strip()
        previous_end = m.end()
        if RUN_BY.search(before):
            b.how, b.detail = "run-by", RUN_BY.search(before).group(1)
        elif NOT_RUN.match(before):
            b.how, b.detail = "not-run", NOT_RUN.match(before).group(1)
        elif by_query_tests and (language in QUERY_TEST_LANGUAGES or language.startswith("result")
                                 or "file" in attrs):
            b.how = "query_tests"
        elif "file" in attrs:
            b.how = "file"
        elif language == "text" and adjacent and out and out[-1].how in ("commands", "python") \
                and out[-1].output is None and not out[-1].code.lstrip().startswith("$ "):
            b.how = "output"
            out[-1].output = b
        elif language in COMMAND_LANGUAGES:
            b.how = "commands"
        elif language == "python":
            b.how = "python"
        out.append(b)
    return out
