"""The house style of every chart: colour-blind-safe colours, readable sizes, a source line."""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.figure import Figure

# Okabe & Ito's palette, safe for the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GROUP_COLOURS = {"men": "#0072B2", "women": "#E69F00", "children": "#009E73", "not_stated": "#BBBBBB"}
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "svg.hashsalt": "repatriation-record",
    "svg.fonttype": "none",
    "path.simplify": True,
}
DPI = 100
PRINT_DPI = 200


@contextmanager
def house_style():
    """Apply the house rcParams while a chart is drawn or saved."""
    with mpl.rc_context(RC):
        yield


def new_figure(width: float = 8.0, height: float = 4.5, **kwargs) -> Figure:
    """A Figure (not attached to pyplot) in the house size and layout."""
    return Figure(figsize=(width, height), dpi=DPI, layout="constrained", **kwargs)


def source_line(fig: Figure, text: str) -> None:
    """Write the sources under the plot, left-aligned, in small grey type."""
    fig.get_layout_engine().set(h_pad=0.1)
    fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color="#555555", wrap=True)


def add_edition(fig: Figure, line: str) -> Figure:
    """Add the edition line (title, edition, data-to date, licence) under the figure's source line, as
    the exported images carry it; returns `fig`."""
    current = fig.get_supxlabel()
    text = f"{current}\n{line}" if current else line
    if fig.get_layout_engine() is not None:
        fig.get_layout_engine().set(h_pad=0.1)
    fig.supxlabel(text, x=0.01, ha="left", fontsize=8, color="#555555", wrap=True)
    return fig
