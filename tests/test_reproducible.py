"""Trustworthy builds: the exports are byte-identical run to run and carry no date, the book builds with
the network unavailable (the session's one strict build runs offline), and the tests themselves pass
offline."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from offline import offline

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATE = re.compile(rb"(19|20)\d\d[-:/]\d\d[-:/]\d\d|\b(date|time)\b", re.IGNORECASE)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()



def png_text_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(chunk type, content) of every tEXt, iTXt, zTXt and tIME chunk of a PNG."""
    assert data.startswith(PNG_SIGNATURE), "not a PNG"
    pos, found = len(PNG_SIGNATURE), []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        if kind in (b"tEXt", b"iTXt", b"zTXt", b"tIME"):
            found.append((kind, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return found


# In a new process: every exported file of the real data (tables, workbook, dictionary, JSON records) and
# two charts drawn with different code paths (a plot and the map), as {path: sha256}. The command line's own export is
# tested in test_cli; every chart's rendering, twice in one process, in test_charts.
FILES = """
import hashlib, json, sys
from repatriation import export, pipeline
charts = [f for f in export.plain_figure_files()
          if f.recipe in ("timeline", "receiving_states_map")]
files = export.files(pipeline.compute(), charts)
json.dump({k: hashlib.sha256(v).hexdigest() for k, v in files.items()}, sys.stdout)
"""


def start_files(seed: str) -> subprocess.Popen:
    """Start a new process, with its own hash seed, that hashes every exported file (see FILES)."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen([sys.executable, "-c", FILES], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish_files(process: subprocess.Popen) -> dict[str, str]:
    """Wait for a process started by `start_files`; return {file: sha256}."""
    stdout, stderr = process.communicate(timeout=900)
    assert process.returncode == 0, f"export failed:\n{stderr}"
    return json.loads(stdout)


@pytest.mark.slow  # two whole exports, every chart drawn twice: run by make test
def test_exports_are_byte_identical_across_processes():
    one, two = start_files("1"), start_files("2")  # side by side
    first, second = finish_files(one), finish_files(two)
    assert any(n.endswith(".png") for n in first) and any(n.endswith(".svg") for n in first)
    assert any(n.endswith(".xlsx") for n in first) and any(n.endswith(".json") for n in first)
    assert first.keys() == second.keys()
    differ = sorted(n for n in first if first[n] != second[n])
    assert not differ, f"files that differ between two exports: {differ}"


def test_exported_images_carry_no_date():
    from repatriation import export, figures
    from repatriation.pipeline import run
    from repatriation.render import png_bytes, svg_bytes

    r = run()
    for name in ("timeline", "after_populations"):
        fig = export.add_edition(figures.figure(name, r), export.edition(r).line)
        svg, png = svg_bytes(fig), png_bytes(fig)
        assert b"<dc:date>" not in svg, f"{name}.svg carries a date (<dc:date>)"
        for kind, content in png_text_chunks(png):
            assert kind != b"tIME", f"{name}.png has a tIME chunk (a modification time)"
            assert not DATE.search(content), f"{name}.png has a {kind.decode()} chunk with a date: {content[:80]!r}"


def test_the_session_build_ran_without_network(built_book):
    """The one strict build of the session (conftest.built_book) runs under `unshare -n`: the book builds,
    executes every chapter and writes every page with no network but loopback."""
    probe = subprocess.run(offline(sys.executable, "-c", "import socket; socket.create_connection(('1.1.1.1', 53), timeout=5)"),
                           capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "OSError" in probe.stderr, f"the network is still reachable offline:\n{probe.stderr}"
    assert (built_book / "index.html").exists()
    assert (built_book.parent / "OFFLINE").read_text(encoding="utf-8") == "built under unshare -n\n"


def test_fast_tests_pass_offline():
    done = subprocess.run(offline(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_dates.py"), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"tests/test_dates.py fails without network:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}"
    assert " passed" in done.stdout
