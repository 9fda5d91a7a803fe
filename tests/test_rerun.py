"""A chapter's notebook, re-run by a reader in Jupyter from any folder with the project's environment,
shows every number, table and figure it glues (the book page removes that cell; the notebook keeps it)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from test_values import CHAPTERS

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.notebook


def test_a_chapter_rerun_from_another_folder_shows_every_value_it_glues(tmp_path):
    from myst_nb.core.read import read_myst_markdown_notebook
    from nbclient import NotebookClient

    from repatriation.pipeline import run

    path = ROOT / "chapters" / "who-came-home.md"
    nb = read_myst_markdown_notebook(path.read_text(encoding="utf-8"), path=path)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    shown = "\n".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    keys = importlib.import_module(f"repatriation_book.values.{CHAPTERS['who-came-home']}").values(run())
    for key, value in keys.items():
        if key.startswith("fig_"):
            continue
        assert f"`{key}`" in shown or f"**{key}**" in shown, key
    assert len(images) == sum(k.startswith("fig_") for k in keys)
    assert f"- `k_n_events`: {keys['k_n_events']}" in shown
