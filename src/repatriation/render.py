"""Turning a Figure into bytes, the same way for the book and for exports: fixed dpi, no dates or random ids."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from .style import PRINT_DPI, house_style


def png_bytes(fig: Figure, dpi: int = PRINT_DPI) -> bytes:
    """PNG at a fixed resolution, with no software or date metadata."""
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def svg_bytes(fig: Figure) -> bytes:
    """SVG with a fixed hash salt and no date, so the same figure gives the same bytes."""
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    return buf.getvalue()
