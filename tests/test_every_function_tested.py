"""Every public top-level function of the package has a docstring and is used by at least one test.

Both rules are read from the source with `ast`, so a new function without either fails here, by name.
"Used by a test" means that the function's name is referenced in the code of a file under tests/
(a name, an attribute or an import; a word in a comment or a string does not count). This file
itself is not searched, so naming a function in the allow-list below does not count as testing it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "repatriation"
TESTS = Path(__file__).resolve().parent

# Entry points that need no docstring: they are documented where they are registered or called
# (`python -m repatriation` and `python -m repatriation.bench`, whose modules' docstrings describe
# them, and the Sphinx hook `setup(app)` of each extension, which Sphinx calls by that fixed name).
# machine() is the benchmark's one-line description of the computer it ran on.
# This allow-list exempts these from the docstring rule only: they must still be used by a test.
NO_DOCSTRING_NEEDED = {
    ("cli", "main"),
    ("bench", "main"),
    ("bench", "machine"),
    ("sphinx_bib", "setup"),
    ("sphinx_edition", "setup"),
    ("sphinx_offline", "setup"),
}


def public_functions() -> list[tuple[str, ast.FunctionDef]]:
    """(module, function node) for every top-level function of the package not starting with '_'."""
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
                found.append((path.stem, node))
    return found


def names_used_in_tests() -> set[str]:
    """Every name the code of the tests refers to: names, attributes and imported names."""
    used: set[str] = set()
    for path in sorted(TESTS.rglob("*.py")):
        if path.resolve() == Path(__file__).resolve():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                used.add(node.id)
            elif isinstance(node, ast.Attribute):
                used.add(node.attr)
            elif isinstance(node, ast.alias):
                used.add(node.name.rsplit(".", 1)[-1])
    return used


def test_the_package_has_public_functions_to_check():
    found = {(m, f.name) for m, f in public_functions()}
    assert ("metrics", "by_country") in found and ("cli", "main") in found
    assert len(found) > 50


def test_the_allow_list_names_only_existing_functions():
    found = {(m, f.name) for m, f in public_functions()}
    assert NO_DOCSTRING_NEEDED <= found, sorted(NO_DOCSTRING_NEEDED - found)


def test_every_public_function_has_a_docstring():
    missing = [f"{m}.{f.name} (line {f.lineno})" for m, f in public_functions()
               if not ast.get_docstring(f) and (m, f.name) not in NO_DOCSTRING_NEEDED]
    assert not missing, "public functions without a docstring:\n  " + "\n  ".join(missing)


def test_every_public_function_is_used_by_a_test():
    used = names_used_in_tests()
    missing = [f"{m}.{f.name}" for m, f in public_functions() if f.name not in used]
    assert not missing, "public functions that no test refers to:\n  " + "\n  ".join(missing)
