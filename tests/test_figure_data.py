"""Each figure's data file holds exactly the numbers the chart draws, and each exported image carries the
edition in its source line."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection

from repatriation import figure_data, figures
from repatriation.edition import edition
from repatriation.pipeline import run
from repatriation.style import add_edition


@pytest.fixture(scope="module")
def results():
    return run()


def bars(ax) -> list[float]:
    return [p.get_height() for p in ax.patches if p.get_width() > 0]


def test_timeline_per_year_is_what_the_bars_draw(results):
    t = figure_data.table("timeline", results)
    per_year = t[t["panel"] == "per_year"]
    ax = figures.figure("timeline", results).axes[0]
    drawn = sorted(bars(ax))
    assert sorted(float(x) for x in per_year["people"]) == drawn
    cumulative = t[t["panel"] == "cumulative_by_quarter"]
    lines = figures.figure("timeline", results).axes[1].get_lines()
    assert sorted(float(v) for line in lines for v in line.get_ydata()) == sorted(float(x) for x in cumulative["people"])


def test_country_totals_rows_are_the_bars(results):
    t = figure_data.table("country_totals", results)
    ax = figures.figure("country_totals", results).axes[0]
    widths = [p.get_width() for p in ax.patches if p.get_height() > 0 and p.get_width() > 0]
    assert sorted(widths) == sorted(float(x) for x in t["people"])
    assert [lab.get_text() for lab in ax.get_yticklabels()][::-1] == list(t["country_name"])


def test_composition_by_year_is_what_the_bars_draw(results):
    t = figure_data.table("composition_by_year", results)
    ax = figures.figure("composition_by_year", results).axes[0]
    expected = [float(v) for g in ("children", "women", "men", "not_stated") for v in t[g]]
    assert sorted(bars(ax)) == sorted(expected)


def test_al_hol_points_and_monthly_medians_are_what_is_drawn(results):
    t = figure_data.table("al_hol", results)
    ax = figures.figure("al_hol", results).axes[0]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in points) == (t["series"] == "sourced_figure").sum()
    median = ax.get_lines()[0]
    assert list(np.round(median.get_ydata(), 1)) == list(t.loc[t["series"] == "month_median", "estimate"])
    assert any(isinstance(c, LineCollection) for c in ax.collections)


@pytest.mark.parametrize("name", ["iraq_returns", "kazakhstan_operations"])
def test_country_series_running_sum_and_stated_marks(results, name):
    t = figure_data.table(name, results)
    top, bottom = figures.figure(name, results).axes[:2]
    events = t[t["series"] == "event"]
    assert list(top.get_lines()[0].get_ydata()) == [float(x) for x in events["running_sum"]]
    assert events["running_sum"].is_monotonic_increasing
    assert sorted(bars(bottom)) == sorted(float(x) for x in events["people"])
    assert events["event_id"].notna().all() and t.loc[t["series"] == "stated", "source"].notna().all()


def test_event_sizes_has_one_row_per_dot(results):
    t = figure_data.table("event_sizes", results)
    ax = figures.figure("event_sizes", results).axes[0]
    assert sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)) == len(t)


def test_kazakhstan_reports_are_the_groups_of_bars(results):
    t = figure_data.table("kazakhstan_reports", results)
    ax = figures.figure("kazakhstan_reports", results).axes[0]
    assert len(ax.get_xticks()) == len(t)
    stated = [float(v) for g in ("men", "women", "children", "total") for v in t[g].dropna()]
    assert sorted(h for h in bars(ax) if h > 0) == sorted(v for v in stated if v > 0)


def test_population_groups_points_per_series(results):
    for name in ("al_hol_groups", "foreigners_held"):
        t = figure_data.table(name, results)
        ax = figures.figure(name, results).axes[0]
        assert [line.get_label() for line in ax.get_lines()] == list(dict.fromkeys(t["series"]))
        assert sum(len(line.get_xdata()) for line in ax.get_lines()) == len(t)


def test_contingent_share_and_stated_vs_counted_one_row_per_mark(results):
    for name in ("contingent_share", "stated_vs_counted"):
        t = figure_data.table(name, results)
        ax = figures.figure(name, results).axes[0]
        assert len(ax.get_yticks()) == len(t), name


def test_exported_images_carry_title_edition_data_to_and_licence(results):
    ed = edition(results)
    fig = add_edition(figures.figure("al_hol", results), ed.line)
    text = fig.get_supxlabel()
    assert text.startswith("Source: data/detained.csv") and text.endswith(ed.line)
    for part in (ed.title, f"edition {ed.version}", f"data to {ed.data_to}", ed.licence):
        assert part in text
