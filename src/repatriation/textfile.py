"""Reading an input file as UTF-8 text, with a located error when it is not."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem


def read_utf8(path: Path, label: str) -> tuple[str | None, list[Problem]]:
    """Return the text of `path`, or None with the problems (missing, not UTF-8, empty)."""
    if not path.exists():
        return None, [Problem(label, 0, "", str(path), "file is missing")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        return None, [Problem(label, line, f"byte {col}", f"0x{bad}", "file is not valid UTF-8")]
    if text.startswith("\ufeff"):
        return None, [Problem(label, 1, "byte 1", "BOM", "file starts with a byte-order mark; save as UTF-8 without BOM")]
    if not text.strip():
        return None, [Problem(label, 1, "", "", "file is empty")]
    return text, []
