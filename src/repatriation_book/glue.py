"""The bridge between the data library and the book: glue numbers, figures, tables and citations for
prose, and show them to a reader who re-runs a chapter's notebook in Jupyter."""

from __future__ import annotations

import importlib
import os
import pickle
import re
import time
from pathlib import Path

from IPython.display import Image, Markdown, display

from .background import preparing
from .sphinx_pipeline import PREPARED_ENV  # set by a book build: where its chapters' values are prepared

BOOK_DPI = 110
KEY = re.compile(r"^[a-z0-9]+$")
MODULE = r"[a-z][a-z0-9_]*"  # the name of a module of repatriation_book.values
CHAPTER = re.compile(f"^{MODULE}$")
CELL = re.compile(rf"""glue_chapter\(\s*["']({MODULE})["']\s*\)""")  # a chapter's code cell names its values module
WAIT = 600  # seconds a chapter waits for its prepared values before computing them itself


def cite(keys, form: str = "p") -> Markdown:
    """A citation role for the given source keys, to glue with `{glue:md}` and `:myst`, so prose cites
    whichever sources the data point to. Keys are checked, so no other markup can pass through."""
    keys = sorted(set(keys))
    if not keys or not all(KEY.match(k) for k in keys) or form not in ("p", "t"):
        raise ValueError(f"not citable: {keys!r} ({form})")
    return Markdown(f"{{cite:{form}}}`{','.join(keys)}`")


def glue_chapter(name: str) -> None:
    """Glue and show every value of the chapter whose values function is `repatriation_book.values.<name>`.

    In a book build the values are prepared once, outside the chapter's kernel (`prepare`), and read
    back here; a reader who re-runs the notebook, or a build that could not prepare them, computes them
    here with the same function."""
    if not CHAPTER.match(name):
        raise ValueError(f"not a values module: {name!r}")
    ready = prepared(name)
    if ready is None:
        ready = glueable(compute(name))
    glue_ready(ready)


def values_module(chapter_text: str) -> str | None:
    """The values module a chapter's Markdown names in its `glue_chapter("...")` cell, or None."""
    found = CELL.search(chapter_text)
    return found.group(1) if found else None


def compute(name: str) -> dict:
    """The values of `repatriation_book.values.<name>`, from the data pipeline's results."""
    from repatriation import pipeline

    return importlib.import_module(f"repatriation_book.values.{name}").values(pipeline.run())


def prepared(name: str, wait: float = WAIT) -> dict | None:
    """The glue-ready values the build prepared for `name`, waiting while the preparing process works on
    them; None when no build prepares them, or the preparation of this chapter failed or stopped."""
    folder = os.environ.get(PREPARED_ENV)
    if not folder:
        return None
    folder = Path(folder)
    done, failed = folder / f"{name}.pickle", folder / f"{name}.failed"
    deadline = time.monotonic() + wait
    while not done.exists():
        if failed.exists() or not preparing(folder) or time.monotonic() > deadline:
            return None
        time.sleep(0.02)
    with done.open("rb") as f:
        return pickle.load(f)


def glueable(values: dict) -> dict:
    """The values ready to glue: plain numbers and strings and Markdown as they are, figures as PNG.
    Anything else is refused, before any value is glued."""
    from matplotlib.figure import Figure

    from repatriation.render import png_bytes

    ready = {}
    for key, value in values.items():
        if isinstance(value, Figure):
            value = Image(data=png_bytes(value, dpi=BOOK_DPI), format="png")
        elif type(value) not in (int, float, str) and not isinstance(value, Markdown):  # exact: no NumPy, no bool
            raise TypeError(f"glue {key!r}: {type(value).__name__} is not a plain int, float, str, Markdown or Figure")
        ready[key] = value
    return ready


def glue_ready(ready: dict) -> None:
    """Glue every value of `glueable` under its key, then show them all (`show`): the book page removes
    the cell, so only a reader who re-runs the notebook sees that output."""
    from myst_nb import glue

    for key, value in ready.items():
        glue(key, value, display=False)
    show(ready)


def show(values: dict) -> None:
    """Display every glued value with its key: the numbers, strings and citations as one Markdown list,
    then each figure and table under its key."""
    plain = [f"- `{key}`: {value.data if isinstance(value, Markdown) and not key.startswith('tbl_') else value}"
             for key, value in values.items() if not isinstance(value, Image) and not key.startswith("tbl_")]
    display(Markdown("\n".join(plain)))
    for key, value in values.items():
        if isinstance(value, Image) or key.startswith("tbl_"):
            display(Markdown(f"**{key}**"), value)


def link_list(names: list[str], base: str) -> Markdown:
    """A Markdown list of plain links to files the build writes beside the pages (`base` + name, e.g.
    `../downloads/events.csv`): HTML links, since Sphinx only checks files of the source tree."""
    lines = []
    for name in sorted(names):
        if not re.match(r"^[\w-]+(/[\w-]+)*\.[a-z]+$", name) or not re.match(r"^[\w./-]+$", base):
            raise ValueError(f"unexpected file name {base}{name!r}")
        lines.append(f'- <a href="{base}{name}" download>{name.rsplit("/", 1)[-1]}</a>')
    return Markdown("\n".join(lines) + "\n")
