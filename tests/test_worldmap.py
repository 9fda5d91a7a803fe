"""The map of the receiving states: public-domain shapes read offline from an installed package, the Equal
Earth projection, the colour classes, and what the figure draws."""

from __future__ import annotations

import math
import sys

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

from repatriation import figures, metrics, pipeline, worldmap


@pytest.fixture(scope="module")
def results():
    return pipeline.run()


def test_the_shapes_ship_inside_an_installed_package_and_are_read_offline():
    path = worldmap.archive()
    assert path.exists() and path.parent.name == worldmap.PACKAGE and path.suffix == ".zip"
    world = worldmap.shapes(0.25)
    assert {"FRA", "NOR", "XKX", "IRQ", "KAZ", "MDV", "TTO", "BRB"} <= set(world)  # FRA, NOR: -99 in ISO_A3
    assert worldmap.PACKAGE not in sys.modules, "the package's own code (and its dependencies) is not imported"


def test_every_receiving_state_of_the_record_has_a_shape(results):
    assert set(results.events["country"]) <= set(worldmap.shapes(0.25))


def test_small_states_are_tiny_and_large_ones_are_not():
    world = worldmap.shapes(0.25)
    assert world["MDV"].span < worldmap.TINY and world["BRB"].span < worldmap.TINY
    assert world["RUS"].span > 50 and world["BEL"].span > worldmap.TINY


def test_thinning_snaps_to_the_grid_and_drops_rings_too_small_for_it():
    square = np.array([[0, 0], [0.01, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float)
    thinned = worldmap.thin(square, 0.5)
    assert len(thinned) == 5 and set(thinned.ravel()) <= {0.0, 1.0}
    assert worldmap.thin(square * 0.01, 0.5).shape == (0, 2)


def test_equal_earth_projection_at_known_points():
    x, y = worldmap.equal_earth([0, 180, 0, -180], [0, 0, 90, 0])
    assert x[0] == pytest.approx(0) and y[0] == pytest.approx(0)
    assert x[1] == pytest.approx(2.70663, abs=1e-4) and x[3] == pytest.approx(-x[1])
    assert y[2] == pytest.approx(1.31736, abs=1e-4)


@pytest.mark.parametrize("people,k", [(None, -1), (0, -1), (math.nan, -1), (1, 0), (9, 0), (10, 1), (499, 3),
                                      (500, 4), (999, 4), (1000, 5), (25000, 5)])
def test_colour_classes(people, k):
    assert worldmap.colour_class(people) == k


def test_the_map_colours_each_receiving_state_by_its_class_and_labels_it():
    table = pd.DataFrame({"country": ["IRQ", "BEL", "MDV"], "people": [20000.0, 55.0, 3.0]})
    fig = worldmap.receiving_map(table)
    world, zoom = fig.axes[0], fig.axes[1]
    faces = {tuple(np.round(c, 3)) for c in world.collections[0].get_facecolors()}
    from matplotlib.colors import to_rgba

    colour = lambda people: tuple(np.round(to_rgba(worldmap.COLOURS[worldmap.colour_class(people)]), 3))
    assert colour(20000) in faces and colour(55) in faces
    assert colour(3) not in faces  # the Maldives are too small for a shape: a dot of their colour instead
    dots = [line for line in world.get_lines() if line.get_marker() == "o"]
    assert [tuple(np.round(to_rgba(d.get_markerfacecolor()), 3)) for d in dots] == [colour(3)]
    assert isinstance(world.collections[0], PolyCollection)
    world_labels = {t.get_text() for t in world.texts}
    zoom_labels = {t.get_text() for t in zoom.texts}
    assert "MDV" in world_labels and {"IRQ", "BEL"} <= zoom_labels  # Europe and the Middle East: in the zoom
    legend = fig.axes[2].get_legend()
    assert "1,000 or more (1 state)" in [t.get_text() for t in legend.get_texts()]
    assert "Natural Earth" in fig._supxlabel.get_text()


def test_the_registry_draws_the_map_from_the_people_per_state(results):
    data = figures.data("receiving_states_map", results)
    assert data.equals(metrics.by_country(results.events))
    fig = figures.figure("receiving_states_map", results)
    assert f"({len(data)} states;" in fig.axes[0].get_title(loc="left")
