"""Writing a folder of files so that nothing is ever damaged: all of it, or none of it, and never over
anything but a previous export.

The files are written into a new hidden folder beside the destination and moved into place only when
every one of them is complete; a failure on the way removes that folder and leaves the destination as
it was. The destination must be new, an empty folder, or a previous export (recognised by its
MANIFEST, which lists every other file it holds); a previous export is replaced whole, so that no
stale file survives. The data folder, anything inside it and anything that holds it are refused.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path

from .paths import ROOT, data_dir

MANIFEST = "manifest.json"


def write_file(path: str | os.PathLike, data: bytes) -> None:
    """Write one file whole or not at all: another process reading it never sees it half-written, and a
    process stopped on the way leaves at most a hidden temporary file beside it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(path)


class ExportRefused(Exception):
    """The destination is not safe to write into; nothing was written."""


def _refuse(out: Path, why: str) -> ExportRefused:
    return ExportRefused(f"export refused: {out}: {why}; nothing was written")


def _within(inner: str, outer: str) -> bool:
    return os.path.commonpath([inner, outer]) == outer


def _previous_export(out: Path) -> str | None:
    """Why the folder `out` is not a previous export (None when it is one)."""
    manifest = out / MANIFEST
    if manifest.is_symlink() or not manifest.is_file():
        return f"it is not empty and holds no {MANIFEST} of a previous export"
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"its {MANIFEST} cannot be read ({exc})"
    if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
        return f"its {MANIFEST} is not a list of files"
    listed = set(listed) | {MANIFEST}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            return f"it holds {rel}, which is not a plain file or folder"
        if path.is_file() and rel not in listed:
            return f"it holds {rel}, which the previous export did not write"
    return None


def check_destination(out: Path, data: str | os.PathLike | None = None) -> None:
    """Raise ExportRefused unless `out` may be written: outside the data folder (`data`, default the one in
    use) and the repository's data/, and new, an empty folder, or a previous export."""
    out = Path(out)
    real = os.path.realpath(out)
    for folder in {os.path.realpath(data_dir(data)), os.path.realpath(ROOT / "data")}:
        if _within(real, folder):
            raise _refuse(out, "it is the data folder or inside it")
        if _within(folder, real):
            raise _refuse(out, "it holds the data folder")
    if out.is_symlink():
        raise _refuse(out, "it is a link; give the folder itself")
    if not out.exists():
        return
    if not out.is_dir():
        raise _refuse(out, "it is not a folder")
    if any(out.iterdir()):
        why = _previous_export(out)
        if why:
            raise _refuse(out, why + ": give a new or empty folder")


def _new_folder(parent: Path, prefix: str) -> Path:
    while True:
        path = parent / f"{prefix}{secrets.token_hex(4)}"
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


def write_folder(out: Path, files: dict[str, bytes], data: str | os.PathLike | None = None) -> list[Path]:
    """Write `files` ({path relative to `out`: bytes}) as the folder `out`, all at once (see the module);
    return the paths written. Raises ExportRefused (see `check_destination`) before writing anything."""
    out = Path(out)
    check_destination(out, data)
    parent = out.absolute().parent
    made = [p for p in (parent, *parent.parents) if not p.exists()]
    parent.mkdir(parents=True, exist_ok=True)
    partial = None
    try:
        partial = _new_folder(parent, f".{out.name}.partial-")
        for rel, content in files.items():
            path = partial / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        if out.exists():
            previous = parent / f".{out.name}.previous-{secrets.token_hex(4)}"
            os.rename(out, previous)
            try:
                os.rename(partial, out)
            except BaseException:
                os.rename(previous, out)
                raise
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.rename(partial, out)
    except BaseException:
        if partial is not None:
            shutil.rmtree(partial, ignore_errors=True)
        for folder in made:  # the folders made for `out`, innermost first
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    return sorted(out / rel for rel in files)
