"""The bridge between the module and the book: glue numbers and figures for a chapter's prose."""

from __future__ import annotations

from matplotlib.figure import Figure

from .render import png_bytes

BOOK_DPI = 110


def glue_all(values: dict) -> None:
    """Glue every value under its key, without display: numbers as plain Python types, figures as PNG."""
    from IPython.display import Image
    from myst_nb import glue

    for key, value in values.items():
        if isinstance(value, Figure):
            value = Image(data=png_bytes(value, dpi=BOOK_DPI), format="png")
        elif not isinstance(value, (int, float, str)) or isinstance(value, bool):
            raise TypeError(f"glue {key!r}: {type(value).__name__} is not a plain int, float, str or Figure")
        glue(key, value, display=False)
