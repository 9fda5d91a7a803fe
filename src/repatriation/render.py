"""Turning a Figure into bytes, the same way for the book and for exports: fixed dpi, no dates or random ids."""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.text import Text

from .style import PRINT_DPI, house_style


def freeze(fig: Figure) -> Figure:
    """Settle the layout once and fix it, so every later rendering of the figure gives the same bytes
    (a constrained layout is otherwise recomputed, slightly differently, at each save)."""
    if fig.get_layout_engine() is not None:
        with house_style():
            fig.get_layout_engine().execute(fig)  # the layout alone: what a first drawing would settle, at less cost
            for text in fig.findobj(Text):  # break wrapped lines once, not again at every rendering
                if text.get_wrap():
                    text.set_text(text._get_wrapped_text())
                    text.set_wrap(False)
        fig.set_layout_engine("none")
    return fig


def png_bytes(fig: Figure, dpi: int = PRINT_DPI) -> bytes:
    """PNG at a fixed resolution, with no software or date metadata."""
    freeze(fig)
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def svg_bytes(fig: Figure) -> bytes:
    """SVG with a fixed hash salt and no date, so the same figure gives the same bytes."""
    freeze(fig)
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()
