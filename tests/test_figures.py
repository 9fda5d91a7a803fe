"""The figure registry: one recipe per chart, used by the chapters and the exports, and what each chart
draws checked against the data it is drawn from."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from repatriation import export, figures
from repatriation.pipeline import run


@pytest.fixture(scope="module")
def results():
    return run()


def test_the_exports_draw_every_registered_figure_and_nothing_else(results):
    names = export.file_names(results)
    assert {n.split("/")[1].rsplit(".", 1)[0] for n in names if n.startswith("figures/")} == set(figures.RECIPES)


@pytest.mark.parametrize("name", sorted(figures.RECIPES))
def test_every_recipe_draws_a_figure_from_a_non_empty_frame(results, name):
    frame = figures.data(name, results)
    assert isinstance(frame, pd.DataFrame) and len(frame) > 0
    assert isinstance(figures.figure(name, results), Figure)


def bar_widths(ax) -> list[float]:
    return [p.get_width() for p in ax.patches if p.get_height() > 0 and p.get_width() > 0]


def test_country_totals_draws_the_people_of_its_top_states(results):
    data = figures.data("country_totals", results).head(25)
    ax = figures.figure("country_totals", results).axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(data["country_name"].iloc[::-1])
    widths = [p.get_width() for p in ax.patches[:len(data)]]
    assert widths == pytest.approx(list(data["people"].iloc[::-1]))


def test_the_iraq_chart_draws_each_event_and_a_running_sum_that_never_falls(results):
    data = figures.data("iraq_returns", results)
    events = data[data["kind"] == "event"]
    fig = figures.figure("iraq_returns", results)
    top, bottom = fig.axes[0], fig.axes[1]
    assert len(fig.axes) == 2 and top.get_shared_x_axes().joined(top, bottom), "two panels on one date axis, no twin y-axis"
    heights = [p.get_height() for p in bottom.patches]
    assert heights == pytest.approx(list(events["people"]))
    line = top.get_lines()[0].get_ydata()
    assert np.all(np.diff(line) >= 0), "the running sum steps backwards"
    assert line[-1] == pytest.approx(events["people"].sum())
    stated = data[data["kind"] == "stated"]
    marks = [c for c in top.collections if isinstance(c, PathCollection)]
    assert len(marks) == 1 and len(marks[0].get_offsets()) == len(stated)


def test_annual_totals_are_not_drawn_as_cumulative(results):
    from repatriation.metrics import is_annual

    data = figures.data("iraq_returns", results)
    s = results.stated
    annual = s[(s["country"] == "IRQ") & is_annual(s) & s["total"].notna()]
    drawn = set(zip(data.loc[data["kind"] == "stated", "id"], data.loc[data["kind"] == "stated", "date"]))
    assert len(annual) and not set(zip(annual["source"], annual["as_of"])) & drawn


@pytest.mark.parametrize("name", sorted(figures.RECIPES))
def test_a_chart_that_leaves_rows_out_says_top_n_of_m_in_its_title(results, name):
    from repatriation.charts import shown

    fig = figures.figure(name, results)
    title = " ".join(ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center"))
    data = figures.data(name, results)
    ticks = max((len(ax.get_yticklabels()) for ax in fig.axes), default=0)
    if name in ("country_totals", "composition", "contingent_share", "stated_vs_counted"):
        drawn, words = shown(data, 25 if name == "country_totals" else None)
        assert words in title, title
        assert ticks == len(drawn)
        if len(drawn) < len(data):
            assert f"of {len(data)}" in title


def test_the_iraq_chart_leaves_out_detainee_totals_as_its_caption_says(results):
    data = figures.data("iraq_returns", results)
    s = results.stated
    detainees = s[(s["country"] == "IRQ") & (s["scope"] == "detainees") & s["total"].notna()]
    drawn = set(zip(data.loc[data["kind"] == "stated", "id"], data.loc[data["kind"] == "stated", "people"]))
    assert len(detainees) and not set(zip(detainees["source"], detainees["total"].astype(float))) & drawn


def test_the_population_chart_draws_every_sourced_point(results):
    data = figures.data("al_hol", results)
    ax = figures.figure("al_hol", results).axes[0]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    stated = data[data["estimate_basis"] == "stated"]
    assert sum(len(c.get_offsets()) for c in points) == len(stated)


def test_population_groups_draw_one_line_per_group_with_its_points(results):
    data = figures.data("al_hol_groups", results)
    ax = figures.figure("al_hol_groups", results).axes[0]
    lines = {line.get_label(): len(line.get_ydata()) for line in ax.get_lines()}
    assert lines == data.groupby("label").size().to_dict()


def test_the_after_populations_chart_draws_each_series_and_marks_each_milestone(results):
    import matplotlib.dates as mdates

    data = figures.data("after_populations", results)
    points, marks = data[data["kind"] == "point"], data[data["kind"] == "mark"]
    fig = figures.figure("after_populations", results)
    assert len(fig.axes) == 2
    for ax in fig.axes:
        lines = [line for line in ax.get_lines() if line.get_linestyle() == "-"]
        assert len(lines) == points["label"].nunique()
        for line, (label, s) in zip(lines, points.groupby("label", sort=False)):
            assert list(line.get_ydata()) == list(s.loc[s["precision"] == "day", "estimate"]), label
        vague = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
        assert vague == (points["precision"] != "day").sum()
        dotted = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
        at = [pd.Timestamp(mdates.num2date(x) if isinstance(x, float) else x).date() for x in (line.get_xdata()[0] for line in dotted)]
        assert at == [d.date() for d in marks["date_mid"]]
    assert len(marks) == 3 and {t.get_text().strip() for t in fig.axes[1].texts} == set(marks["label"])


def test_the_movements_chart_draws_each_kind_in_its_own_panel(results):
    data = figures.data("movements_by_kind", results)
    fig = figures.figure("movements_by_kind", results)
    kinds = list(dict.fromkeys(data["kind"]))
    assert len(fig.axes) == len(kinds) == 4
    for ax, kind in zip(fig.axes, kinds):
        t = data[(data["kind"] == kind) & ((data["people"] > 0) | (data["no_number"] > 0))]
        assert [p.get_height() for p in ax.patches] == pytest.approx(list(t["people"])), kind
    transfer = data[data["kind"] == "transfer"]
    assert transfer["people"].max() == pytest.approx(results.movements.set_index("event_id").loc["IRQ-2026-01-21", "people"])
