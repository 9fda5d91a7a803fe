"""The benchmark's synthetic dataset (no book builds here): valid, ten times the events, clearly marked."""

from __future__ import annotations

import csv

import pytest

import bench
from repatriation import pipeline
from repatriation.paths import ROOT


def test_synthetic_copies_validate(tmp_path):
    """Three copies (the bench makes ten the same way: copy k moved k x 30 years back)."""
    real = pipeline.run()
    folder = bench.make_synthetic(tmp_path / "x3", 3)
    big = pipeline.run(folder)  # raises DataError on any invalid row
    assert len(big.events) == 3 * len(real.events)
    assert len(big.reports) == 3 * len(real.reports)
    assert big.events["event_id"].is_unique
    assert set(real.events["event_id"]) <= set(big.events["event_id"])
    assert "SYNTHETIC" in (folder / "README.txt").read_text(encoding="utf-8")
    with open(folder / "repatriations.csv", newline="", encoding="utf-8") as f:
        assert all(row["note"].startswith("SYNTHETIC") for row in csv.DictReader(f))


def test_synthetic_never_written_into_data():
    with pytest.raises(ValueError):
        bench.make_synthetic(ROOT / "data", 10)


def test_empty_code_cells_keeps_options():
    text = "# T\n\n```{code-cell} ipython3\n:tags: [remove-cell]\nx = 1\nprint(x)\n```\n\nProse.\n"
    assert bench.empty_code_cells(text) == "# T\n\n```{code-cell} ipython3\n:tags: [remove-cell]\npass\n```\n\nProse.\n"
