"""Shared fixtures of the Python tests: the source and build trees, the sample database."""

import os
import sys

import pytest

SOURCE_DIR = os.environ.get(
    "SILKGRAPH_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BUILD_DIR = os.environ.get("SILKGRAPH_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))
SAMPLE = os.path.join(SOURCE_DIR, "samples", "central-asia-korea")

if os.path.join(BUILD_DIR, "python") not in sys.path:
    sys.path.insert(0, os.path.join(BUILD_DIR, "python"))


@pytest.fixture(scope="session")
def sample_db():
    import silkgraph
    return silkgraph.Database([SAMPLE])


@pytest.fixture
def db():
    import silkgraph
    return silkgraph.Database()
