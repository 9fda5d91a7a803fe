"""The figure registry: every chart of the report, by name, with the data it draws.

Each recipe is a pair: `data(results)` gives the tidy frame the chart is drawn from, and `draw(frame)`
draws it. The book's chapters, the exports and the tests all go through `figure(name, results)`, so a
downloaded figure is always the book's figure, and a test can compare what a chart draws with its data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

import pandas as pd
from matplotlib.figure import Figure

from . import after, charts, metrics, worldmap
from .pipeline import Results

AL_HOL_GROUPS = [("al_hol", "iraqi", "Iraqi"), ("al_hol", "syrian", "Syrian"),
                 ("al_hol", "third_country", "Third-country nationals")]
FOREIGNERS_HELD = [("nes_camps", "non_syrian", "Non-Syrians in al-Hol and Roj (Iraqis included)"),
                   ("nes_all", "non_syrian", "Non-Syrians in camps and prisons (Iraqis included)"),
                   ("nes_camps", "third_country", "Third-country nationals in al-Hol and Roj"),
                   ("al_hol", "third_country", "Third-country nationals in al-Hol")]
KAZAKHSTAN_2019 = "KAZ-2019-01-06"
AFTER_SINCE, AFTER_MOVEMENTS_SINCE = "2024", "2025"  # the chapter on 2025 and 2026: populations, movements


@dataclass(frozen=True)
class Recipe:
    """One chart: its name (file stem), a short title, the data it draws and how it is drawn."""

    name: str
    title: str
    data: Callable[[Results], pd.DataFrame]
    draw: Callable[[pd.DataFrame], Figure]


def _stated_without_detainees(r: Results) -> pd.DataFrame:
    return r.stated[r.stated["scope"] != "detainees"]


def _event_reports(r: Results, event_id: str) -> pd.DataFrame:
    rep = r.reports[r.reports["event_id"] == event_id]
    names = r.data.sources.set_index("key")["organization"]
    return rep.assign(label=[names.get(s, s) for s in rep["source"]])[
        ["event_id", "source", "label", "men", "women", "children", "total"]]


RECIPES: dict[str, Recipe] = {r.name: r for r in [
    Recipe("timeline", "People repatriated per year and cumulatively",
           lambda r: r.events, charts.timeline),
    Recipe("country_totals", "People repatriated per receiving state",
           lambda r: metrics.by_country(r.events), charts.country_totals),
    Recipe("composition", "Children, women and men repatriated, per state",
           lambda r: metrics.composition(r.events, min_people=20), charts.composition),
    Recipe("composition_by_year", "Children, women and men repatriated per year, states other than Iraq",
           lambda r: r.events, charts.composition_by_year),
    Recipe("al_hol", "al-Hol camp population",
           lambda r: metrics.detained_series(r.detained, "al_hol"),
           partial(charts.population, title="al-Hol camp population")),
    Recipe("al_hol_groups", "al-Hol by nationality group",
           lambda r: metrics.population_groups(r.detained, AL_HOL_GROUPS),
           partial(charts.population_groups, title="al-Hol by nationality group")),
    Recipe("foreigners_held", "Foreigners held in north-east Syria",
           lambda r: metrics.population_groups(r.detained, FOREIGNERS_HELD),
           partial(charts.population_groups, title="Foreigners held in north-east Syria")),
    Recipe("contingent_share", "Repatriated per hundred who travelled",
           lambda r: metrics.contingent_share(r.events, r.contingents), charts.contingent_share),
    Recipe("stated_vs_counted", "Stated totals against counted events",
           lambda r: metrics.latest_stated_vs_counted(r.events, r.stated), charts.stated_vs_counted),
    Recipe("iraq_returns", "Iraq's returns from north-east Syria",
           lambda r: metrics.country_series(r.events, _stated_without_detainees(r), "IRQ"),
           partial(charts.country_events, name="Iraq")),
    Recipe("event_sizes", "Event sizes by region",
           lambda r: r.events, charts.event_sizes),
    Recipe("kazakhstan_reports", "What each report of Kazakhstan's January 2019 evacuation said",
           lambda r: _event_reports(r, KAZAKHSTAN_2019), charts.event_reports),
    Recipe("kazakhstan_operations", "Kazakhstan's operations and stated totals",
           lambda r: metrics.country_series(r.events, r.stated, "KAZ"),
           partial(charts.country_events, name="Kazakhstan")),
    Recipe("after_populations", "al-Hol, Roj and the prisons from 2024, with the takeover and the closure",
           lambda r: after.population_points(r, since=AFTER_SINCE), charts.after_populations),
    Recipe("movements_by_kind", "Movements by kind per month from 2025",
           lambda r: after.movements_by_month(r.movements, since=AFTER_MOVEMENTS_SINCE), charts.movements_by_kind),
    Recipe("receiving_states_map", "Receiving states by people repatriated (map)",
           lambda r: metrics.by_country(r.events), worldmap.receiving_map),
]}


def data(name: str, r: Results) -> pd.DataFrame:
    """The frame the chart `name` is drawn from."""
    return RECIPES[name].data(r)


def figure(name: str, r: Results) -> Figure:
    """The chart `name`, drawn from its data."""
    recipe = RECIPES[name]
    return recipe.draw(recipe.data(r))
