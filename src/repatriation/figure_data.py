"""The numbers each chart draws, as a table to download beside the chart: for a chart that aggregates its
frame (sums per year, running sums, medians per month), the aggregated numbers, computed by the same
functions the chart calls; for the others, the rows and columns the chart reads.

`table(name, r)` is typed for download (`typed.typed`, documented in `columns`). A chart of the
registry without an entry in `DRAWN` is downloaded as its whole frame, which must then use documented
columns only (the export fails otherwise, naming the column).
"""

from __future__ import annotations

import inspect

import pandas as pd

from . import charts, figures, metrics
from .pipeline import Results
from .typed import typed

PARTS = ["children", "women", "men", "not_stated"]


def _default(function, parameter: str):
    return inspect.signature(function).parameters[parameter].default


def _timeline(events: pd.DataFrame) -> pd.DataFrame:
    yearly = metrics.by_year(events).rename_axis("period").reset_index().melt(
        id_vars="period", var_name="region", value_name="people").assign(panel="per_year")
    running = metrics.cumulative(events)
    running.index = running.index.astype(str)
    running = running.rename_axis("period").reset_index().melt(
        id_vars="period", var_name="region", value_name="people").assign(panel="cumulative_by_quarter")
    out = pd.concat([yearly, running], ignore_index=True)
    out["period"] = out["period"].astype(str)
    return out[["panel", "period", "region", "people"]]


def _country_totals(table: pd.DataFrame) -> pd.DataFrame:
    top = _default(charts.country_totals, "top")
    shown, _ = charts.shown(table, top)
    return shown[["country", "country_name", "region", "people", "people_low", "people_high"]]


def _composition(table: pd.DataFrame) -> pd.DataFrame:
    out = table[["country", "country_name", "region", "people", *PARTS]].copy()
    for part in PARTS:
        out[f"pct_{part}"] = 100 * table[f"share_{part}"]
    return out


def _composition_by_year(events: pd.DataFrame) -> pd.DataFrame:
    groups = metrics.event_groups(events[events["country"] != "IRQ"])
    out = groups.groupby("year")[PARTS].sum().reset_index()
    return out.assign(n_events=groups.groupby("year")["event_id"].count().to_numpy())


def _population(series: pd.DataFrame) -> pd.DataFrame:
    s = series.copy()
    points = pd.DataFrame({
        "series": ["sourced_figure" if b == "stated" else "sourced_range" for b in s["estimate_basis"]],
        "as_of": s["as_of"], "drawn_at": s["as_of_mid"], "estimate": s["estimate"],
        "low": s["low_f"], "high": s["high_f"], "source": s["source"]})
    s["month"] = s["as_of_mid"].dt.to_period("M").dt.to_timestamp()
    s["lo"], s["hi"] = s["low_f"].fillna(s["estimate"]), s["high_f"].fillna(s["estimate"])
    band = s.groupby("month").agg(low=("lo", "min"), high=("hi", "max"), estimate=("estimate", "median")).reset_index()
    months = pd.DataFrame({"series": "month_median", "as_of": band["month"].dt.strftime("%Y-%m"),
                           "drawn_at": band["month"], "estimate": band["estimate"],
                           "low": band["low"], "high": band["high"], "source": None})
    return pd.concat([points, months], ignore_index=True)


def _population_groups(points: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"series": points["label"], "place": points["place"],
                         "nationality_group": points["nationality_group"], "as_of": points["as_of"],
                         "drawn_at": points["as_of_mid"], "estimate": points["estimate"], "source": points["source"]})


def _contingent_share(table: pd.DataFrame) -> pd.DataFrame:
    return table[["country", "country_name", "region", "per100_low", "per100_high", "per100_mid"]]


def _stated_vs_counted(table: pd.DataFrame) -> pd.DataFrame:
    out = table.rename(columns={"counted": "events_sum"})
    return out[["country", "country_name", "as_of", "measure", "stated", "events_sum", "source"]]


def _country_series(series: pd.DataFrame) -> pd.DataFrame:
    ev = series["kind"] == "event"
    return pd.DataFrame({"series": series["kind"], "event_id": series["id"].where(ev),
                         "source": series["id"].where(~ev), "date": series["date"], "drawn_at": series["date_mid"],
                         "people": series["people"], "running_sum": series["running_sum"]})


def _event_sizes(events: pd.DataFrame) -> pd.DataFrame:
    return events.dropna(subset=["people"])[["event_id", "country", "country_name", "region", "date", "people"]]


def _event_reports(reports: pd.DataFrame) -> pd.DataFrame:
    out = reports.sort_values("source").rename(columns={"label": "publisher"})
    return out[["event_id", "source", "publisher", "men", "women", "children", "total"]]


def _after_populations(points: pd.DataFrame) -> pd.DataFrame:
    out = points.drop(columns=["date_mid"]).rename(columns={"estimate": "value"})
    return out[["kind", "label", "place", "date", "precision", "value", "qualifier", "source"]]


DRAWN = {
    "after_populations": _after_populations,
    "timeline": _timeline,
    "country_totals": _country_totals,
    "receiving_states_map": _country_totals,
    "composition": _composition,
    "composition_by_year": _composition_by_year,
    "al_hol": _population,
    "al_hol_groups": _population_groups,
    "foreigners_held": _population_groups,
    "contingent_share": _contingent_share,
    "stated_vs_counted": _stated_vs_counted,
    "iraq_returns": _country_series,
    "event_sizes": _event_sizes,
    "kazakhstan_reports": _event_reports,
    "kazakhstan_operations": _country_series,
}


def table(name: str, r: Results) -> pd.DataFrame:
    """The numbers the chart `name` draws, typed for download (its columns documented under `name`)."""
    frame = figures.data(name, r)
    drawn = DRAWN.get(name, lambda f: f)(frame)
    return typed(drawn, name)
