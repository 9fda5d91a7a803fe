"""The bridge between the data library and the book: glue numbers, figures, tables and citations for
prose, and show them to a reader who re-runs a chapter's notebook in Jupyter."""

from __future__ import annotations

import re

from IPython.display import Image, Markdown, display
from matplotlib.figure import Figure

from repatriation.render import png_bytes

BOOK_DPI = 110
KEY = re.compile(r"^[a-z0-9]+$")


def cite(keys, form: str = "p") -> Markdown:
    """A citation role for the given source keys, to glue with `{glue:md}` and `:myst`, so prose cites
    whichever sources the data point to. Keys are checked, so no other markup can pass through."""
    keys = sorted(set(keys))
    if not keys or not all(KEY.match(k) for k in keys) or form not in ("p", "t"):
        raise ValueError(f"not citable: {keys!r} ({form})")
    return Markdown(f"{{cite:{form}}}`{','.join(keys)}`")


def glue_all(values: dict) -> None:
    """Glue every value under its key (plain numbers and strings, figures as PNG, Markdown tables and
    citations as they are), then show them all (`show`): the book page removes the cell, so only a
    reader who re-runs the notebook sees that output."""
    from myst_nb import glue

    ready = {}
    for key, value in values.items():
        if isinstance(value, Figure):
            value = Image(data=png_bytes(value, dpi=BOOK_DPI), format="png")
        elif type(value) not in (int, float, str) and not isinstance(value, Markdown):  # exact: no NumPy, no bool
            raise TypeError(f"glue {key!r}: {type(value).__name__} is not a plain int, float, str, Markdown or Figure")
        glue(key, value, display=False)
        ready[key] = value
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
