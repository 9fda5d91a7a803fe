"""The bridge between the module and the book: glue numbers, figures, tables and citations for prose."""

from __future__ import annotations

import re

from IPython.display import Image, Markdown
from matplotlib.figure import Figure

from .render import png_bytes

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
    """Glue every value under its key, without display: plain numbers and strings, figures as PNG,
    and Markdown (tables, citations) as it is."""
    from myst_nb import glue

    for key, value in values.items():
        if isinstance(value, Figure):
            value = Image(data=png_bytes(value, dpi=BOOK_DPI), format="png")
        elif type(value) not in (int, float, str) and not isinstance(value, Markdown):  # exact: no NumPy, no bool
            raise TypeError(f"glue {key!r}: {type(value).__name__} is not a plain int, float, str, Markdown or Figure")
        glue(key, value, display=False)


def download_list(files: list) -> Markdown:
    """A Markdown list of `{download}` links (MyST) to exported files, relative to the running chapter."""
    import os
    from pathlib import Path

    lines = []
    for f in sorted(Path(p) for p in files):
        rel = Path(os.path.relpath(f)).as_posix()
        if not re.match(r"^[\w./-]+$", rel):
            raise ValueError(f"unexpected file name {rel!r}")
        lines.append(f"- {{download}}`{f.name} <{rel}>`")
    return Markdown("\n".join(lines) + "\n")
