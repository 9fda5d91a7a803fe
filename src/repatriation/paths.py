"""Where the project's data live."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """The data folder: `path` if given, else $REPATRIATION_DATA, else `data/` of the repository."""
    if path is not None:
        return Path(path)
    if os.environ.get("REPATRIATION_DATA"):
        return Path(os.environ["REPATRIATION_DATA"])
    return ROOT / "data"
