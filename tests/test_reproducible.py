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


def start_export(out: Path, seed: str) -> subprocess.Popen:
    """Start `python -m repatriation export out` in a new process with its own hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen([sys.executable, "-m", "repatriation", "export", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_export(process: subprocess.Popen, out: Path) -> dict[str, str]:
    """Wait for an export started by `start_export`; return {file in the manifest: sha256}."""
    stdout, stderr = process.communicate(timeout=900)
    assert process.returncode == 0, f"export failed:\n{stdout}\n{stderr}"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert on_disk == sorted({*manifest, "manifest.json"}), "manifest.json must list exactly the files written"
    return {name: sha256(out / name) for name in on_disk}


def test_exports_are_byte_identical_across_processes(tmp_path):
    one, two = start_export(tmp_path / "one", "1"), start_export(tmp_path / "two", "2")  # side by side
    first, second = finish_export(one, tmp_path / "one"), finish_export(two, tmp_path / "two")
    assert any(n.endswith(".png") for n in first) and any(n.endswith(".svg") for n in first)
    differ = sorted(n for n in first if first[n] != second.get(n))
    assert first.keys() == second.keys()
    assert not differ, f"files that differ between two exports: {differ}"

    for name in first:
        data = (tmp_path / "one" / name).read_bytes()
        if name.endswith(".svg"):
            assert b"<dc:date>" not in data, f"{name} carries a date (<dc:date>)"
        elif name.endswith(".png"):
            for kind, content in png_text_chunks(data):
                assert kind != b"tIME", f"{name} has a tIME chunk (a modification time)"
                assert not DATE.search(content), f"{name} has a {kind.decode()} chunk with a date: {content[:80]!r}"


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
                           "tests/test_reconcile.py"), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"tests/test_reconcile.py fails without network:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}"
    assert " passed" in done.stdout
