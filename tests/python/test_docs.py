"""Every example of docs/python.md runs, in order, as a notebook would; the acceptance command
of the README and the install command (`make python`, into a temporary user site) work; and
every code block of README.md and docs/*.md is run with its shown output compared, or is run
by the test its page names, or says visibly why it is not run (tests/python/doc_blocks.py
describes how a page marks each)."""

import ast
import contextlib
import io
import os
import re
import shutil
import subprocess

import pytest

import doc_blocks
from conftest import BUILD_DIR, SOURCE_DIR

DOC = os.path.join(SOURCE_DIR, "docs", "python.md")
ACCEPTANCE = ("import silkgraph; print(silkgraph.Database(['samples/central-asia-korea'])"
              ".execute('MATCH (n:Nation) RETURN count(n) AS n').to_df())")


def _blocks(language):
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    return re.findall(r"```" + language + r"\n(.*?)```", text, re.S)


def test_doc_examples_run(tmp_path):
    pytest.importorskip("pandas")
    pytest.importorskip("networkx")
    pytest.importorskip("matplotlib")
    assert len(_blocks("python")) >= 5
    _, namespace, text = run_page("docs/python.md", tmp_path)
    assert "('KAZ', 'Kazakhstan')" in text
    assert "South Korea -> North Korea -> China" in text and "Uzbekistan" in text
    assert "SemanticError" in text
    assert (tmp_path / "korea-ree-suppliers.png").stat().st_size > 1000
    assert str(namespace["suppliers"]["reports"].dtype) == "int64"


def test_acceptance_command_prints_44():
    env = dict(os.environ, PYTHONPATH=os.path.join(BUILD_DIR, "python"))
    out = subprocess.run(["/usr/bin/python3", "-c", ACCEPTANCE], cwd=SOURCE_DIR, env=env,
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["n", "0", "44"]
    assert ACCEPTANCE in "".join(_blocks(""))


def test_make_python_installs_into_the_user_site(tmp_path):
    if shutil.which("make") is None or not os.path.exists(os.path.join(BUILD_DIR, "CMakeCache.txt")):
        pytest.skip("make or the build tree is missing")
    env = dict(os.environ, PYTHONUSERBASE=str(tmp_path / "userbase"))
    env.pop("PYTHONPATH", None)
    subprocess.run(["make", "-s", "python", f"BUILD={BUILD_DIR}", "JOBS=1"], cwd=SOURCE_DIR,
                   env=env, check=True, capture_output=True)
    out = subprocess.run(["/usr/bin/python3", "-c", ACCEPTANCE], cwd=SOURCE_DIR, env=env,
                         capture_output=True, text=True, check=True).stdout
    assert out.split() == ["n", "0", "44"]
    site = subprocess.run(["/usr/bin/python3", "-c", "import silkgraph; print(silkgraph.__file__)"],
                          env=env, capture_output=True, text=True, check=True).stdout
    assert site.startswith(str(tmp_path))


# ---------------------------------------------------------------- every block of every page

# Blocks the pages mark "Not run by the tests" (each with its reason, listed by
# test_every_block_is_accounted_for): a new one must be counted here too.
NOT_RUN = 17

PROMPT = re.compile(r"^\s*(silkgraph|\.\.)> ?")


def _scratch(tmp_path):
    """A directory where the pages' commands run as from the repository's root: samples/ and
    tests/ are the source tree's, `silkgraph` on PATH is the binary as built."""
    for name in ("samples", "tests"):
        os.symlink(os.path.join(SOURCE_DIR, name), tmp_path / name)
    bindir = tmp_path / ".bin"
    bindir.mkdir()
    os.symlink(os.path.join(BUILD_DIR, "silkgraph"), bindir / "silkgraph")
    env = dict(os.environ, PATH=str(bindir) + os.pathsep + os.environ["PATH"],
               PYTHONPATH=os.path.join(BUILD_DIR, "python"), HOME=str(tmp_path),
               LC_ALL="C.UTF-8")
    env.pop("SILKGRAPH_AS_OF", None)
    return env


def _shell(command, cwd, env, stdin=None):
    r = subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=env, input=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    return r.returncode, r.stdout


def _console(block, cwd, env):
    """`$ COMMAND` lines, each followed by what is typed into it and then its output."""
    steps = []  # [command, typed lines, output lines]
    for line in block.code.splitlines():
        if line.startswith("$ "):
            steps.append([line[2:], [], []])
        elif not steps:
            raise AssertionError("%s: a line before the first `$ `: %r" % (block.where(), line))
        elif PROMPT.match(line) and not steps[-1][2]:
            steps[-1][1].append(PROMPT.sub("", line, count=1))
        else:
            steps[-1][2].append(line)
    for command, typed, expected in steps:
        _, out = _shell(command, cwd, env, "\n".join(typed) + "\n" if typed else "")
        assert out.rstrip("\n").split("\n") == expected, \
            "%s: `%s` printed:\n%s" % (block.where(), command, out)


def _python(block, namespace, cwd):
    """Runs a ```python block; `EXPRESSION  # LITERAL` lines check repr(EXPRESSION)."""
    lines = []
    for number, line in enumerate(block.code.splitlines(), 1):
        m = re.match(r"^(\S[^#]*?)\s+#\s*(.+)$", line)
        if m:
            try:
                tree = ast.parse(m.group(1), mode="eval")
                expected = ast.literal_eval(m.group(2))
            except (SyntaxError, ValueError):
                tree = None
            called = getattr(getattr(tree, "body", None), "func", None)
            if tree is not None and getattr(called, "id", "") != "print":
                line = "__check(%s, %r, %d)" % (m.group(1), expected, number)
        lines.append(line)

    def check(value, expected, number):
        assert value == expected, "%s, line %d of the block: %r, not %r" % (
            block.where(), number, value, expected)

    namespace["__check"] = check
    out = io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile("\n".join(lines), block.where(), "exec"), namespace)
    finally:
        os.chdir(old)
    return out.getvalue()


def run_page(doc, tmp_path):
    """Runs the blocks of `doc` this test runs, in order; returns how many ran, the namespace
    of its Python blocks and what they printed."""
    env = _scratch(tmp_path)
    namespace = {}
    printed_all = []
    ran = 0
    for b in doc_blocks.blocks(doc):
        if b.how == "file":
            path = tmp_path / b.attrs["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(b.code, encoding="utf-8")
        elif b.how == "commands" and any(l.startswith("$ ") for l in b.code.splitlines()):
            _console(b, tmp_path, env)
        elif b.how == "commands":
            status, out = _shell(b.code, tmp_path, env)
            assert status == 0, "%s failed (%d):\n%s" % (b.where(), status, out)
            if b.output is not None:
                assert out == b.output.code, "%s printed:\n%s" % (b.where(), out)
        elif b.how == "python":
            printed = _python(b, namespace, tmp_path)
            printed_all.append(printed)
            if b.output is not None:
                assert printed == b.output.code, "%s printed:\n%s" % (b.where(), printed)
        else:
            continue
        ran += 1
    return ran, namespace, "".join(printed_all)


@pytest.mark.parametrize("doc", [d for d in doc_blocks.docs() if d != "docs/python.md"])
def test_page_examples_run(doc, tmp_path):
    """docs/python.md's run in test_doc_examples_run."""
    if any(b.how == "python" for b in doc_blocks.blocks(doc)):
        pytest.importorskip("networkx")
    run_page(doc, tmp_path)


def test_every_block_is_accounted_for():
    counts, not_run, unmarked, wrong = {}, [], [], []
    for doc in doc_blocks.docs():
        for b in doc_blocks.blocks(doc):
            counts[b.how or "unmarked"] = counts.get(b.how or "unmarked", 0) + 1
            if not b.how:
                unmarked.append(b.where())
            elif b.how == "not-run":
                not_run.append("%s: %s" % (b.where(), b.detail))
            elif b.how == "run-by":
                path = os.path.join(SOURCE_DIR, b.detail)
                name = os.path.basename(doc)
                if not os.path.isfile(path) or name not in open(path, encoding="utf-8").read():
                    wrong.append("%s: %s does not exist or does not name %s" % (
                        b.where(), b.detail, name))
    print("code blocks:", ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    print("not run:\n  " + "\n  ".join(not_run))
    assert not unmarked, "blocks neither run nor marked (tests/python/doc_blocks.py): %s" % (
        ", ".join(unmarked))
    assert not wrong, "\n".join(wrong)
    assert len(not_run) == NOT_RUN, "\n".join(not_run)
