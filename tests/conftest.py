"""Shared fixtures and tiers.

The book is built once per test session, strictly and with no network (`unshare -n`), into a temporary
folder. Every test that needs a build (the `built_book` or `scratch_book` fixture) is marked `book`
here, so `make test-fast` (`-m "not book and not browser"`) never builds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))  # the developer tools (bench) are plain modules, not a package
JB = Path(sys.executable).with_name("jupyter-book")
STRICT = ["--all", "-W", "-n", "--keep-going"]


def build_book(source: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the strict Jupyter Book build of `source` into `out`; return the finished process."""
    return subprocess.run([str(JB), "build", str(source), *STRICT, "--path-output", str(out), *extra],
                          capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The HTML folder of one strict build of the real book (the build failing fails every user)."""
    out = Path(os.environ["REPATRIATION_BUILT_BOOK"]) if os.environ.get("REPATRIATION_BUILT_BOOK") else None
    if out is not None and (out / "_build" / "html" / "index.html").exists():
        return out / "_build" / "html"
    from offline import offline

    out = tmp_path_factory.mktemp("book")
    done = subprocess.run(offline(str(JB), "build", str(ROOT), *STRICT, "--path-output", str(out)),
                          capture_output=True, text=True, timeout=1800)
    (out / "_build" / "OFFLINE").write_text("built under unshare -n\n", encoding="utf-8")
    if done.returncode != 0:
        pytest.fail(f"strict book build failed ({done.returncode}):\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}")
    return out / "_build" / "html"


@pytest.fixture
def scratch_book(tmp_path) -> Path:
    """A throw-away copy of the book's configuration, data and bibliography page, with no chapters yet."""
    for name in ("_config.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "chapters").mkdir()
    shutil.copy(ROOT / "chapters" / "references.md", tmp_path / "chapters" / "references.md")
    return tmp_path


BUILD_FIXTURES = {"built_book", "scratch_book"}
CACHE_ENV = "REPATRIATION_CACHE"  # repatriation.pipeline.CACHE_ENV, named here so that conftest imports no library


def pytest_configure(config):
    """One pipeline cache for the whole run, shared by the xdist workers (started after this hook, they
    inherit the variable): every test that calls `pipeline.run()` on the same data and code reads the
    results back instead of computing them again, as a book build does. The cache is keyed by a digest
    of the data folder and the library's code, so a test that changes either computes afresh; tests of
    the computation itself call `pipeline.compute()`."""
    if hasattr(config, "workerinput") or os.environ.get(CACHE_ENV):
        return
    import tempfile

    folder = tempfile.mkdtemp(prefix="repatriation-pipeline-")
    os.environ[CACHE_ENV] = folder
    config._repatriation_cache = folder


def pytest_unconfigure(config):
    folder = getattr(config, "_repatriation_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(CACHE_ENV, None)


def pytest_collection_modifyitems(items):
    """Mark every test that needs a book build `book`, whatever file it is in."""
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.book)
