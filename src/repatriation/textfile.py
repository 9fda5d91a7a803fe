"""Reading an input file as UTF-8 text, with a located error when it is not one.

Only a regular file inside its folder is read: a folder, a pipe or a device in its place is
refused without opening it for long (a pipe is opened without waiting, so nothing can hang), and a
link that leads out of the folder is refused. A file larger than MAX_BYTES is refused before it is
read; so is text with a control character (anything below U+0020 but tab, line feed and carriage
return, and U+007F), which no hand-edited table, bibliography or list contains on purpose.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import FILE, Problem

MAX_BYTES = 32 * 1024 * 1024
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe"), (stat.S_ISSOCK, "a socket"),
         (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _refused(label: str, value: str, rule: str, fix: str) -> tuple[None, list[Problem]]:
    return None, [Problem(label, 0, "", value, rule, fix=fix, stage=FILE)]


def _inside(path: Path, folder: Path) -> bool:
    real, home = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, home]) == home


def _read_regular(path: Path, label: str) -> tuple[bytes | None, list[Problem]]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return _refused(label, str(path), "file is missing", f"put {label} back into the data folder")
    except OSError as exc:
        return _refused(label, str(path), f"file cannot be opened: {exc.strerror}", "check the file's permissions")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = next((name for test, name in KINDS if test(info.st_mode)), "not a regular file")
        return _refused(label, str(path), f"is {kind}, not a regular file", f"replace it with the text file {label}")
    with os.fdopen(fd, "rb") as fh:
        if info.st_size > MAX_BYTES:
            return _refused(label, str(path), f"file is larger than {MAX_BYTES // 2**20} MB",
                            "check that this is the right file")
        try:
            raw = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            return _refused(label, str(path), f"file cannot be read: {exc.strerror}", "check the file and the disk")
    if len(raw) > MAX_BYTES:
        return _refused(label, str(path), f"file is larger than {MAX_BYTES // 2**20} MB", "check that this is the right file")
    return raw, []


def read_utf8(path: Path, label: str, folder: Path | None = None) -> tuple[str | None, list[Problem]]:
    """Return the text of `path`, or None with the problems (missing, not a regular file inside `folder`
    (default: the file's own folder), too large, not UTF-8, a byte-order mark, a control character, empty)."""
    path = Path(path)
    folder = Path(folder) if folder is not None else path.parent
    if os.path.islink(path) and not _inside(path, folder):
        return _refused(label, str(path), f"is a link to {os.path.realpath(path)}, outside the data folder",
                        f"put the file itself into {folder}")
    raw, problems = _read_regular(path, label)
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return None, [Problem(label, line, f"byte {col}", f"0x{bad}", "file is not valid UTF-8",
                              fix="save the file as UTF-8 (in a spreadsheet: CSV UTF-8)", stage=FILE)]
    if text.startswith("\ufeff"):
        return None, [Problem(label, 1, "byte 1", "BOM", "file starts with a byte-order mark; save as UTF-8 without BOM",
                              stage=FILE)]
    bad_char = CONTROL.search(text)
    if bad_char:
        at = bad_char.start()
        line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        return None, [Problem(label, line, f"character {col}", f"U+{ord(bad_char.group()):04X}",
                              "file contains a control character, which a text file should not",
                              fix="delete the character (it is invisible in most editors)", stage=FILE)]
    if not text.strip():
        return None, [Problem(label, 1, "", "", "file is empty", stage=FILE)]
    return text, []
