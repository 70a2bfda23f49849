"""Every example of docs/python.md runs, in order, as a notebook would; the acceptance command
of the README and the install command (`make python`, into a temporary user site) work."""

import contextlib
import io
import os
import re
import shutil
import subprocess

import pytest

from conftest import BUILD_DIR, SOURCE_DIR

DOC = os.path.join(SOURCE_DIR, "docs", "python.md")
ACCEPTANCE = ("import silkgraph; print(silkgraph.Database(['samples/central-asia-korea'])"
              ".execute('MATCH (n:Nation) RETURN count(n) AS n').to_df())")


def _blocks(language):
    with open(DOC, encoding="utf-8") as f:
        text = f.read()
    return re.findall(r"```" + language + r"\n(.*?)```", text, re.S)


def test_doc_examples_run(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    pytest.importorskip("networkx")
    pytest.importorskip("matplotlib")
    os.symlink(os.path.join(SOURCE_DIR, "samples"), tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    namespace = {}
    out = io.StringIO()
    blocks = _blocks("python")
    assert len(blocks) >= 5
    with contextlib.redirect_stdout(out):
        for block in blocks:
            exec(compile(block, DOC, "exec"), namespace)
    text = out.getvalue()
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
