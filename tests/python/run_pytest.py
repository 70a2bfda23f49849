"""Runs the Python module's pytest suite for ctest (python/CMakeLists.txt): exit 77 (ctest's
skip) when pytest is missing or the module was not built, else pytest's exit status."""

import glob
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    build = os.environ.get("SILKGRAPH_BUILD_DIR", os.path.join(HERE, "..", "..", "build"))
    if not glob.glob(os.path.join(build, "python", "silkgraph", "_native*.so")):
        print("silkgraph Python module not built: skipping the Python tests")
        return 77
    try:
        import pytest
    except ImportError:
        print("pytest is missing (python3-pytest): skipping the Python tests")
        return 77
    return pytest.main([HERE, "-q", "-p", "no:cacheprovider"])


if __name__ == "__main__":
    sys.exit(main())
