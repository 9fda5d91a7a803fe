"""Each figure of the book with its downloads: the chart of the registry it shows, its files named by
figure number and a short slug (`figures/fig07-country-totals.csv`, `.png`, `.svg`), its citation,
and the line under the figure that links them.

The chart behind a figure is read from the sources, not listed by hand: the chapter's `{glue:figure}`
names a glue key, the chapter's code cell names its values module, and that module's `values()`
returns the key as `figures.figure("<chart>", r)`.
"""

from __future__ import annotations

import ast
import html
from functools import lru_cache
from pathlib import Path

from IPython.display import Markdown

from repatriation import citing
from repatriation.export import FigureFile
from repatriation.paths import ROOT

from . import citation
from .glue import values_module
from .sphinx_pipeline import DOWNLOADS

VALUES = ROOT / "src" / "repatriation_book" / "values"
BASE = f"../{DOWNLOADS}/"  # every chapter is one folder below the book's root


def glued_charts(module: str, folder: Path = VALUES) -> dict[str, str]:
    """{glue key: chart name} for every `"key": figures.figure("chart", r)` in the values module."""
    tree = ast.parse((folder / f"{module}.py").read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if (isinstance(key, ast.Constant) and isinstance(value, ast.Call) and value.args
                        and isinstance(value.func, ast.Attribute) and value.func.attr == "figure"
                        and isinstance(value.args[0], ast.Constant)):
                    found[key.value] = value.args[0].value
    return found


def slug(chart: str) -> str:
    """A chart's name as a file-name slug: `country_totals` -> `country-totals`."""
    return chart.replace("_", "-")


@lru_cache(maxsize=4)
def book_figures(root: str | None = None) -> tuple[FigureFile, ...]:
    """Every numbered figure of the book with its chart, file stem, title and citation; ValueError for a
    figure whose chart cannot be found (draw it with `figures.figure("<chart>", r)` in its values module)."""
    root_path = Path(root) if root else ROOT
    out = []
    for f in citation.figures(root_path):
        page = next(p for p in citation.toc_files(root_path) if p.stem == f.page)
        module = values_module(page.read_text(encoding="utf-8"))
        chart = glued_charts(module, root_path / "src" / "repatriation_book" / "values").get(f.key) if module else None
        if chart is None:
            raise ValueError(f"{page.name}: figure {f.name} ({f.key}) is not drawn by figures.figure(...) in its values module")
        out.append(FigureFile(chart, f"fig{f.number:02d}-{slug(chart)}", f.number, f.title,
                              citing.figure_text(f.number, f.title)))
    return tuple(out)


def by_label(label: str) -> FigureFile:
    """The book figure whose `:name:` is `label` (KeyError if none)."""
    for f, bf in zip(book_figures(), citation.figures()):
        if bf.name == label:
            return f
    raise KeyError(f"no figure named {label!r} in the book")


def downloads_line(label: str) -> Markdown:
    """The line under a figure: its data (CSV), PNG and SVG, and its citation, to glue with `{glue:md}`
    and `:format: myst`. Plain HTML links: the files are written beside the pages at the end of the build."""
    f = by_label(label)
    links = " · ".join(f'<a href="{BASE}{f.path(ext)}" download>{name}</a>'
                       for ext, name in (("csv", "data (CSV)"), ("png", "PNG"), ("svg", "SVG")))
    return Markdown(f'<div class="figure-downloads"><p><strong>Figure {f.number}</strong>: {links}. '
                    f'Cite as: <span class="figure-citation">{html.escape(f.citation)}</span></p></div>\n')
