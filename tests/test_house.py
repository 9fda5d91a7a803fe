"""The house rules that code can check: two rooms (the data library imports no book tooling), a
docstring on every public function, and the layout of the packages.

That every function is tested is measured, not matched by name: `make test-fast` runs the fast tier
under coverage with a floor (see the Makefile), so an untested function lowers the measured share.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIBRARY = ROOT / "src" / "repatriation"
BOOK = ROOT / "src" / "repatriation_book"
TOOLS = ROOT / "tools"
BOOK_ONLY = ("sphinx", "docutils", "IPython", "myst_nb", "myst_parser", "playwright", "jupyter_book",
             "nbclient", "repatriation_book")

# Entry points documented where they are registered: `main` of each command line (its module's
# docstring describes it) and the Sphinx hook `setup(app)` that Sphinx calls by that fixed name.
NO_DOCSTRING_NEEDED = {"main", "setup", "machine"}


def public_functions(folder: Path) -> list[tuple[str, ast.FunctionDef]]:
    """(file stem, function node) for every top-level function in `folder` not starting with '_'."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [(path.stem, node) for node in tree.body
                  if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_")]
    return found


def imported_modules(folder: Path) -> set[str]:
    """The top-level names of every module imported anywhere in `folder` (inside functions too)."""
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_the_data_library_imports_no_book_tooling_in_its_source():
    assert not imported_modules(LIBRARY) & set(BOOK_ONLY)


def test_the_data_library_loads_and_exports_without_book_modules(tmp_path):
    code = ("import sys, repatriation.cli, repatriation.pipeline, repatriation.export, repatriation.charts;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in %r))" % (BOOK_ONLY,))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_book_tooling_and_tools_depend_on_the_library_not_the_reverse():
    assert "repatriation" in imported_modules(BOOK)
    assert "repatriation" in imported_modules(TOOLS)


@pytest.mark.parametrize("folder", [LIBRARY, BOOK, TOOLS], ids=["library", "book", "tools"])
def test_every_public_function_has_a_docstring(folder):
    found = public_functions(folder)
    assert len(found) > 5
    missing = [f"{m}.{f.name} (line {f.lineno})" for m, f in found
               if not ast.get_docstring(f) and f.name not in NO_DOCSTRING_NEEDED]
    assert not missing, "public functions without a docstring:\n  " + "\n  ".join(missing)


def test_the_book_tooling_declares_its_dependencies():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name in ("jupyter-book", "myst-nb", "sphinx", "ipython", "playwright"):
        assert f'"{name}' in text, name
