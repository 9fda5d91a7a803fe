"""The hash-pinned lock installs on a fresh machine.

pip (23.x, the one a new venv brings) treats a dependency asked for with extras, such as pytest-cov's
``coverage[toml]``, as a requirement of its own: when the lock pins ``coverage==X`` without the extras,
pip looks for the newest ``coverage`` and, once a newer release than X is published, refuses the
install in ``--require-hashes`` mode. The lock must therefore keep the extras
(``uv pip compile --no-strip-extras``, the command in its header)."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[([^\]]+)\])?==\S+")


def locked() -> dict[str, set[str]]:
    """Every pinned distribution of requirements.txt and the extras it is pinned with."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            pins[canonicalize_name(m.group(1))] = {e.strip() for e in (m.group(2) or "").split(",") if e.strip()}
    return pins


def extras_asked(pins: dict[str, set[str]]) -> dict[str, set[str]]:
    """For every locked distribution that is installed: the extras its locked dependants ask of it."""
    env = default_environment()
    asked: dict[str, set[str]] = {}
    for name in pins:
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            req = Requirement(text)
            if req.marker and not req.marker.evaluate({**env, "extra": ""}):
                continue  # an optional or platform-specific dependency the lock does not install
            if req.extras:
                asked.setdefault(canonicalize_name(req.name), set()).update(req.extras)
    return asked


def test_the_lock_header_names_the_command_that_keeps_extras():
    head = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()[:3]
    assert any("--no-strip-extras" in line and "--generate-hashes" in line for line in head)


def test_every_dependency_asked_with_extras_is_locked_with_them():
    pins = locked()
    assert len(pins) > 50
    missing = {name: sorted(extras - pins[name]) for name, extras in extras_asked(pins).items()
               if name in pins and extras - pins[name]}
    assert not missing, f"pinned without the extras a dependant asks for (re-lock with --no-strip-extras): {missing}"
