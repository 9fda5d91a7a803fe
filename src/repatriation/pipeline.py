"""The one way data flow: load and validate, clean, reconcile. Chapters and the CLI start here.

A build runs the pipeline once: when $REPATRIATION_CACHE names a folder (the book's build sets it to a
folder of its own output), `run()` keeps its results there under a digest of the data files and of the
library's code, and every chapter of the build reads them back instead of computing them again.
"""

from __future__ import annotations

import os
import pickle
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .clean import clean_ranges, clean_repatriations, with_country
from .clean import add_dates
from .digest import CACHE_ENV, data_and_code, files_digest
from .grades import add_grades
from .load import Dataset, load
from .movements import counted, mark_counted
from .reconcile import reconcile
from .safe_write import write_file


@dataclass
class Results:
    """Validated inputs and their cleaned, reconciled forms."""

    data: Dataset
    reports: pd.DataFrame      # one cleaned row per report, every kind of movement
    events: pd.DataFrame       # the repatriation events counted in totals: preferred figure, band and grade
    movements: pd.DataFrame    # every event of every kind (repatriations included), reconciled and graded alike, `counted` or not
    status: pd.DataFrame       # one row per report: preferred or superseded, and why
    stated: pd.DataFrame       # stated cumulative totals, cleaned
    detained: pd.DataFrame     # detained populations, cleaned
    contingents: pd.DataFrame  # contingents who travelled, cleaned


def digest(path=None) -> str:
    """A digest of every file of the data folder (names and bytes) and of the library's source code."""
    return files_digest(data_and_code(path))


def run(path=None) -> Results:
    """Load `data/` (or `path`), validate it, and return every cleaned table; read back from the build's
    cache when $REPATRIATION_CACHE is set and holds the results for these data and this code."""
    cache = os.environ.get(CACHE_ENV)
    if not cache:
        return compute(path)
    stored = Path(cache) / f"results-{digest(path)}.pickle"
    with _one_at_a_time(Path(cache) / "lock"):  # the processes of a build compute once: the others wait, then read
        if stored.exists():
            with stored.open("rb") as f:
                return pickle.load(f)
        results = compute(path)
        write_file(stored, pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    return results


@contextmanager
def _one_at_a_time(lock: Path):
    """Hold an exclusive lock on the file `lock` (where the system has `fcntl`; elsewhere, none)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on this project's systems
        yield
        return
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def compute(path=None) -> Results:
    """Load `data/` (or `path`), validate it, and return every cleaned table (no cache)."""
    data = load(path)
    reports = clean_repatriations(data.repatriations)
    movements, status = reconcile(reports, data.sources)
    movements = add_grades(mark_counted(movements), reports, data.sources)
    events = counted(movements, "repatriation").reset_index(drop=True)
    stated = with_country(add_dates(data.stated_totals, "as_of"))
    detained = clean_ranges(data.detained)
    contingents = with_country(clean_ranges(data.contingents))
    return Results(data, reports, events, movements, status, stated, detained, contingents)
