"""Every chart: a Figure with a title, labelled axes and a source line, rendered to the same bytes every time."""

from __future__ import annotations

import inspect
from datetime import date

import pytest
from matplotlib.figure import Figure

from fixtures import write_data
from repatriation import after, charts, metrics
from repatriation.pipeline import run
from repatriation.render import png_bytes, svg_bytes

# How to draw each chart function of charts.py from the cleaned fixture.
BUILDERS = {
    "timeline": lambda r: charts.timeline(r.events),
    "country_totals": lambda r: charts.country_totals(metrics.by_country(r.events)),
    "composition": lambda r: charts.composition(metrics.composition(r.events)),
    "population": lambda r: charts.population(metrics.detained_series(r.detained), "al-Hol camp population",
                                              note="A note."),
    "contingent_share": lambda r: charts.contingent_share(metrics.contingent_share(r.events, r.contingents)),
    "stated_vs_counted": lambda r: charts.stated_vs_counted(metrics.latest_stated_vs_counted(r.events, r.stated)),
    "event_reports": lambda r: charts.event_reports(
        r.reports[r.reports["event_id"] == "DEU-2019-08-19"].assign(label="German government")),
    "composition_by_year": lambda r: charts.composition_by_year(r.events),
    "country_events": lambda r: charts.country_events(metrics.country_series(r.events, r.stated, "IRQ"), "Iraq"),
    "population_groups": lambda r: charts.population_groups(metrics.population_groups(
        r.detained, [("al_hol", "iraqi", "Iraqi"), ("al_hol", "third_country", "Third-country nationals")]),
        "al-Hol by nationality group"),
    "event_sizes": lambda r: charts.event_sizes(r.events),
    "after_populations": lambda r: charts.after_populations(after.population_points(
        r, since="2019", marks=(after.Milestone("m", "A turning point", "Turning point", ("unsrc",)),))),
    "movements_by_kind": lambda r: charts.movements_by_kind(after.movements_by_month(r.movements, since="2019")),
}


def chart_functions() -> set[str]:
    return {name for name, f in inspect.getmembers(charts, inspect.isfunction)
            if f.__module__ == charts.__name__ and not name.startswith("_")
            and inspect.signature(f).return_annotation in (Figure, "Figure")}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(write_data(tmp_path_factory.mktemp("charts") / "data"))


def test_every_chart_function_is_tested():
    assert chart_functions() == set(BUILDERS)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_chart_has_title_labelled_axes_and_source_line(results, name):
    fig = BUILDERS[name](results)
    assert isinstance(fig, Figure)
    axes = fig.get_axes()
    assert axes
    titles = [ax.get_title(loc=loc).strip() for ax in axes for loc in ("left", "center", "right")]
    assert any(titles), "no title"
    for ax in axes:
        assert ax.get_xlabel().strip() or ax.get_ylabel().strip(), f"an axes of {name} has no label"
    assert any(ax.get_xlabel().strip() for ax in axes) or any(ax.get_ylabel().strip() for ax in axes)
    texts = [t.get_text() for t in fig.texts]
    assert any("Source" in t for t in texts), texts


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_the_same_chart_drawn_and_rendered_twice_gives_identical_bytes(results, name):
    fig, again = BUILDERS[name](results), BUILDERS[name](results)
    svg1, png1 = svg_bytes(fig), png_bytes(fig, dpi=50)
    assert png1.startswith(b"\x89PNG\r\n\x1a\n")
    assert svg1.lstrip().startswith(b"<?xml")
    assert png_bytes(fig, dpi=50) == png1, f"{name}: the second PNG render differs from the first"
    assert svg_bytes(again) == svg1, f"{name}: the same chart drawn again gives another SVG"


@pytest.mark.parametrize("name", ["timeline", "population"])
def test_svg_and_png_carry_no_date_or_software(results, name):
    fig = BUILDERS[name](results)
    svg, png = svg_bytes(fig), png_bytes(fig)
    assert b"<dc:date>" not in svg
    assert date.today().isoformat().encode() not in svg
    assert b"<dc:creator>" not in svg
    assert b"Software" not in png
    assert date.today().isoformat().encode() not in png


@pytest.mark.parametrize("name", ["movements_by_kind", "stated_vs_counted", "after_populations"])
def test_a_frozen_chart_keeps_its_wrapped_lines_inside_the_figure(results, name, dpi=200):
    """`freeze` breaks a wrapped line (the source line, the edition line) once, as the layout saw it (at
    the figure's own resolution); at the downloads' higher resolution those lines stay inside the figure."""
    from repatriation.render import freeze
    from repatriation.style import add_edition

    fig = freeze(add_edition(BUILDERS[name](results), "Coming home · edition 9.9.9 · data to 2026-03-12 · CC BY 4.0"))
    texts = [t for t in fig.findobj(lambda a: hasattr(a, "get_wrap")) if t.get_text() and t.get_visible()]
    assert texts and not any(t.get_wrap() for t in texts)
    assert any("\n" in t.get_text() and "edition 9.9.9" in t.get_text() for t in texts)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig.set_dpi(dpi)
    renderer = FigureCanvasAgg(fig).get_renderer()
    for t in [t for t in texts if "edition 9.9.9" in t.get_text()]:  # the source and edition lines, once wrapped
        box = t.get_window_extent(renderer)
        assert -1 <= box.x0 and box.x1 <= fig.bbox.x1 + 1, f"{name} at {dpi} dpi: {t.get_text()[:60]!r} runs off the figure"
