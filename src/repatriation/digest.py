"""Digests of files, to tell whether results made from them are still current (no pandas: cheap to
import, so a rebuild with nothing to do stays quick)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .paths import data_dir

CACHE_ENV = "REPATRIATION_CACHE"  # names the folder where `pipeline.run` keeps its results


def files_digest(files) -> str:
    """A digest of the files' names and bytes, in the order given."""
    h = hashlib.sha256()
    for f in files:
        h.update(Path(f).name.encode() + b"\0" + Path(f).read_bytes() + b"\0")
    return h.hexdigest()[:32]


def data_and_code(path: str | os.PathLike | None = None) -> list[Path]:
    """Every file of the data folder and the library's source code: what the pipeline's results depend on."""
    folder = data_dir(path)
    return [*sorted(p for p in folder.rglob("*") if p.is_file()), *sorted(Path(__file__).parent.glob("*.py"))]
