"""Trustworthy builds: the exports are byte-identical run to run and carry no date, the book builds with
the network unavailable and gives the same numbers, images and downloads as the session's build, and
the tests themselves pass offline."""

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

from conftest import JB, ROOT, STRICT

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Run inside `unshare -n`: bring up the namespace's own loopback (Jupyter kernels talk to the build over
# 127.0.0.1), then exec the command. No other interface exists there, so nothing outside is reachable.
LOOPBACK_THEN_EXEC = (
    "import fcntl, os, socket, struct, sys\n"
    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
    "ifr = fcntl.ioctl(s, 0x8913, struct.pack('16sh22x', b'lo', 0))\n"  # SIOCGIFFLAGS
    "flags = struct.unpack('16sh22x', ifr)[1]\n"
    "fcntl.ioctl(s, 0x8914, struct.pack('16sh22x', b'lo', flags | 1))\n"  # SIOCSIFFLAGS: IFF_UP
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)
DATE = re.compile(rb"(19|20)\d\d[-:/]\d\d[-:/]\d\d|\b(date|time)\b", re.IGNORECASE)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unshare() -> str:
    """The `unshare` binary, checked to work; a missing or failing one FAILS the test (never skips it):
    without it the offline claim is untested."""
    exe = shutil.which("unshare")
    if exe is None:
        pytest.fail("`unshare` (util-linux) is not installed: the offline build and tests cannot be checked. "
                    "Install util-linux (apt-get install util-linux) and run as root or with user namespaces.")
    probe = subprocess.run([exe, "-n", "true"], capture_output=True, text=True, timeout=60)
    if probe.returncode != 0:
        pytest.fail(f"`unshare -n` does not work here ({probe.returncode}: {probe.stderr.strip()}): run the tests as "
                    "root or enable unprivileged user namespaces to check the offline build.")
    return exe


def offline(*cmd: str) -> list[str]:
    """`cmd` run in a new network namespace: loopback only, no route to any other host."""
    return [unshare(), "-n", sys.executable, "-c", LOOPBACK_THEN_EXEC, *cmd]


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


def export(out: Path, seed: str) -> dict[str, str]:
    """Run `python -m repatriation export out` in a new process; return {file in the manifest: sha256}."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "repatriation", "export", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"export failed:\n{done.stdout}\n{done.stderr}"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert on_disk == sorted({*manifest, "manifest.json"}), "manifest.json must list exactly the files written"
    return {name: sha256(out / name) for name in on_disk}


def test_exports_are_byte_identical_across_processes(tmp_path):
    first = export(tmp_path / "one", "1")
    second = export(tmp_path / "two", "2")
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


def glued(build: Path) -> dict[str, dict[str, str | None]]:
    """{chapter: {glue key: its text/plain}} of one build (`build` is the output's _build folder)."""
    files = sorted((build / "jupyter_execute" / "chapters").glob("*.glue.json"))
    assert files, f"no glue files under {build}"
    return {f.name: {k: v.get("data", {}).get("text/plain") for k, v in json.loads(f.read_text(encoding="utf-8")).items()}
            for f in files}


def downloads(html: Path) -> dict[str, str]:
    """{file name: sha256} of every download. Sphinx names each one's folder by a hash of its source path,
    which for an executed notebook lies in the build's own output folder, so files are matched by name.
    A notebook is hashed without its cell ids: myst-nb's MyST reader gives every cell a random id at each
    build (nbformat 4.5), the one difference between two builds' notebooks."""
    files = [p for p in (html / "_downloads").glob("*/*") if p.is_file()]
    names = [p.name for p in files]
    assert len(set(names)) == len(names), f"two downloads share a name: {sorted(n for n in names if names.count(n) > 1)}"
    out = {}
    for p in files:
        if p.suffix == ".ipynb":
            nb = json.loads(p.read_text(encoding="utf-8"))
            for cell in nb.get("cells", []):
                cell.pop("id", None)
            out[p.name] = hashlib.sha256(json.dumps(nb, sort_keys=True).encode()).hexdigest()
        else:
            out[p.name] = sha256(p)
    return out


@pytest.mark.book
def test_offline_build_gives_the_same_book(built_book, tmp_path):
    probe = subprocess.run(offline(sys.executable, "-c", "import socket; socket.create_connection(('1.1.1.1', 53), timeout=5)"),
                           capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "OSError" in probe.stderr, f"the network is still reachable offline:\n{probe.stderr}"

    out = tmp_path / "offline"
    done = subprocess.run(offline(str(JB), "build", str(ROOT), *STRICT, "--path-output", str(out)),
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, f"strict build without network failed ({done.returncode}):\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}"

    html = out / "_build" / "html"
    assert (html / "index.html").exists()

    first, second = glued(built_book.parent), glued(out / "_build")
    assert first.keys() == second.keys()
    for chapter in first:
        changed = {k: (first[chapter].get(k), second[chapter].get(k)) for k in first[chapter].keys() | second[chapter].keys()
                   if first[chapter].get(k) != second[chapter].get(k)}
        assert not changed, f"glued values differ between two builds in {chapter}: {changed}"

    images_1 = {p.name for p in (built_book / "_images").iterdir()}
    images_2 = {p.name for p in (html / "_images").iterdir()}
    assert images_1 == images_2, f"images differ: only first {sorted(images_1 - images_2)}, only second {sorted(images_2 - images_1)}"

    dl_1, dl_2 = downloads(built_book), downloads(html)
    assert any(n.endswith(".csv") for n in dl_1) and any(n.endswith(".ipynb") for n in dl_1), "the build has no downloads"
    assert dl_1.keys() == dl_2.keys(), f"download files differ: {sorted(dl_1.keys() ^ dl_2.keys())}"
    differ = sorted(n for n in dl_1 if dl_1[n] != dl_2[n])
    assert not differ, f"downloads not byte-identical between two builds: {differ}"


def test_fast_tests_pass_offline():
    done = subprocess.run(offline(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_reconcile.py"), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"tests/test_reconcile.py fails without network:\n{done.stdout[-4000:]}\n{done.stderr[-2000:]}"
    assert " passed" in done.stdout
