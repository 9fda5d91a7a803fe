"""Charts: each takes tidy frames and returns a matplotlib Figure in the house style."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .countries import REGIONS
from .metrics import by_year, event_groups
from .metrics import cumulative as running_by_quarter
from .style import GROUP_COLOURS, PALETTE, house_style, new_figure, source_line

REGION_COLOURS = dict(zip(REGIONS, PALETTE))
THOUSANDS = FuncFormatter(lambda x, _: f"{x:,.0f}")
DATASET = "Repatriation Record dataset (data/repatriations.csv), preferred report per event"


def shown(table: pd.DataFrame, top: int | None) -> tuple[pd.DataFrame, str]:
    """The rows a chart draws (the first `top`, or all) and the words its title needs to say so:
    "top 20 of 26" when rows are left out, "all 26" otherwise."""
    n = len(table)
    if top is None or top >= n:
        return table, f"all {n}"
    return table.head(top), f"top {top} of {n}"


def timeline(events: pd.DataFrame) -> Figure:
    """People repatriated per year (stacked by region) and cumulatively by quarter, from the events."""
    yearly, cumulative = by_year(events), running_by_quarter(events)
    with house_style():
        fig = new_figure(9, 4.6)
        ax1, ax2 = fig.subplots(1, 2, width_ratios=[1, 1.15])
        bottom = np.zeros(len(yearly))
        for region in yearly.columns:
            ax1.bar(yearly.index, yearly[region], bottom=bottom, color=REGION_COLOURS[region], label=region, width=0.75)
            bottom += yearly[region].to_numpy()
        ax1.set_title("People repatriated per year")
        ax1.set_xlabel("Year of arrival")
        ax1.set_ylabel("People (preferred figure per event)")
        ax1.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax1.yaxis.set_major_formatter(THOUSANDS)
        x = cumulative.index.to_timestamp(how="end")
        for region in cumulative.columns:
            ax2.plot(x, cumulative[region], color=REGION_COLOURS[region], label=region, linewidth=2)
        ax2.set_title("Cumulative, by region")
        ax2.set_xlabel("Quarter")
        ax2.set_ylabel("People since the first event")
        ax2.set_yscale("log")
        ax2.yaxis.set_major_formatter(THOUSANDS)
        ax1.legend(*ax2.get_legend_handles_labels(), loc="upper left", fontsize=8, title="Region", title_fontsize=8)
        source_line(fig, f"Source: {DATASET}; {len(events)} events. Log scale on the right.")
    return fig


def country_totals(table: pd.DataFrame, top: int = 25) -> Figure:
    """People repatriated per receiving state on a linear scale, each bar labelled with its number, with the
    band over all reports as whiskers."""
    t, which = shown(table, top)
    t = t.iloc[::-1]
    with house_style():
        fig = new_figure(8, 0.28 * len(t) + 1.6)
        ax = fig.subplots()
        colours = [REGION_COLOURS[r] for r in t["region"]]
        ax.barh(t["country_name"], t["people"], color=colours)
        err = np.vstack([t["people"] - t["people_low"], t["people_high"] - t["people"]]).clip(min=0)
        ax.errorbar(t["people"], t["country_name"], xerr=err, fmt="none", ecolor="#333333", capsize=2, linewidth=0.8)
        for y, (n, hi) in enumerate(zip(t["people"], t["people_high"].fillna(t["people"]))):
            ax.text(max(n, hi) + t["people"].max() * 0.01, y, f"{int(n):,}", va="center", fontsize=8)
        ax.set_xlim(0, t["people_high"].fillna(t["people"]).max() * 1.12)
        ax.xaxis.set_major_formatter(THOUSANDS)
        ax.set_xlabel("People repatriated; whiskers: lowest and highest report")
        ax.set_title(f"Receiving states by people repatriated ({which} states)")
        ax.grid(axis="y", visible=False)
        handles = [ax.bar(0, 0, color=REGION_COLOURS[r], label=r) for r in REGIONS if r in set(t["region"])]
        ax.legend(handles=handles, loc="lower right", fontsize=8)
        source_line(fig, f"Source: {DATASET}; sum over events per state.")
    return fig


def composition(table: pd.DataFrame, top: int | None = None) -> Figure:
    """Shares of children, women, men and people not placed in a group, per state (every state given)."""
    t, which = shown(table, top)
    t = t.iloc[::-1]
    with house_style():
        fig = new_figure(8, 0.3 * len(t) + 1.9)
        ax = fig.subplots()
        left = np.zeros(len(t))
        for g in ("children", "women", "men", "not_stated"):
            share = (100 * t[f"share_{g}"]).to_numpy(dtype=float)
            ax.barh(t["country_name"], share, left=left, color=GROUP_COLOURS[g], label=g.replace("_", " ").capitalize())
            left += share
        for i, n in enumerate(t["people"]):
            ax.text(101, i, f"{int(n):,}", va="center", fontsize=8)
        ax.set_xlim(0, 110)
        ax.set_xlabel("Share of people repatriated (%); at the right: people counted")
        ax.set_title(f"Who came home: children, women and men ({which} states)", pad=24)
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4, fontsize=8)
        source_line(fig, f"Source: {DATASET}. 'Not stated': people the preferred report does not place in a group.")
    return fig


def population(series: pd.DataFrame, title: str, note: str = "") -> Figure:
    """A detained population over time: every sourced point, and the spread where sources disagree."""
    with house_style():
        fig = new_figure(8.5, 4.4)
        ax = fig.subplots()
        s = series.copy()
        s["month"] = s["as_of_mid"].dt.to_period("M").dt.to_timestamp()
        lo = s["low_f"].fillna(s["estimate"])
        hi = s["high_f"].fillna(s["estimate"])
        band = s.assign(lo=lo, hi=hi).groupby("month").agg(lo=("lo", "min"), hi=("hi", "max"), mid=("estimate", "median"))
        spread = band[band["hi"] > band["lo"]]
        ax.vlines(spread.index, spread["lo"], spread["hi"], color=PALETTE[4], linewidth=7, alpha=0.6,
                  label="Spread between sources (same month)")
        ax.plot(band.index, band["mid"], color=PALETTE[0], linewidth=1.5, label="Median of sources per month")
        exact = s["estimate_basis"] == "stated"
        ax.scatter(s.loc[exact, "as_of_mid"], s.loc[exact, "estimate"], s=14, color=PALETTE[5], zorder=3, label="A sourced figure")
        rng = s[~exact]
        if len(rng):
            ax.vlines(rng["as_of_mid"], rng["low_f"], rng["high_f"], color=PALETTE[5], linewidth=2, label="A sourced range")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(THOUSANDS)
        ax.set_ylabel("People")
        ax.set_xlabel("Date the figure refers to")
        ax.set_title(title)
        ax.legend(loc="upper right")
        n_src = s["source"].nunique()
        source_line(fig, f"Source: data/detained.csv, {len(s)} figures from {n_src} sources. {note}".strip())
    return fig


def contingent_share(table: pd.DataFrame, top: int | None = None) -> Figure:
    """People repatriated per 100 who travelled, with the range the contingent estimates allow."""
    t, which = shown(table, top)
    t = t.iloc[::-1]
    with house_style():
        fig = new_figure(8, 0.3 * len(t) + 1.6)
        ax = fig.subplots()
        y = np.arange(len(t))
        ax.hlines(y, t["per100_low"], t["per100_high"], color="#888888", linewidth=2)
        ax.scatter(t["per100_mid"], y, color=[REGION_COLOURS[r] for r in t["region"]], zorder=3, s=30)
        ax.set_yticks(y, t["country_name"])
        ax.axvline(100, color="#333333", linewidth=0.8, linestyle=":")
        ax.set_xlabel("People repatriated per 100 who travelled (line: range of contingent estimates)")
        ax.set_title(f"Repatriated relative to the contingent that travelled ({which} states)")
        ax.grid(axis="y", visible=False)
        source_line(fig, "Sources: data/repatriations.csv (preferred figure per event), data/contingents.csv.\n"
                         "Children born abroad count among the repatriated, not among those who travelled.")
    return fig


def stated_vs_counted(table: pd.DataFrame, top: int | None = None) -> Figure:
    """Each state's latest stated total against the events this record counts up to that date."""
    t, which = shown(table, top)
    t = t.iloc[::-1]
    with house_style():
        fig = new_figure(8, 0.3 * len(t) + 1.6)
        ax = fig.subplots()
        y = np.arange(len(t))
        ax.hlines(y, t[["stated", "counted"]].min(axis=1), t[["stated", "counted"]].max(axis=1), color="#aaaaaa", linewidth=2)
        ax.scatter(t["stated"], y, color=PALETTE[5], label="Stated total (latest)", zorder=3, marker="D", s=28)
        ax.scatter(t["counted"], y, color=PALETTE[0], label="Sum of events counted here", zorder=3, s=28)
        ax.set_yticks(y, [f"{n} ({d}, {m})" for n, d, m in zip(t["country_name"], t["as_of"], t["measure"])])
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(THOUSANDS)
        ax.set_xlabel("Count on the measure in brackets (log scale)")
        ax.set_title(f"Stated totals against counted events ({which} states)")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
        source_line(fig, "Sources: data/stated_totals.csv (date and measure of each total in brackets) and "
                         "data/repatriations.csv, summed on the same measure, scope and window.")
    return fig


def event_reports(reports: pd.DataFrame) -> Figure:
    """Each report of one event side by side: men, women, children and the stated total.
    `reports` are the rows of one event with a `label` (the publisher) per report."""
    r = reports.sort_values("source")
    event_id = r["event_id"].iloc[0]
    groups = ["men", "women", "children", "total"]
    colours = [GROUP_COLOURS["men"], GROUP_COLOURS["women"], GROUP_COLOURS["children"], "#555555"]
    with house_style():
        fig = new_figure(8.5, 4.4)
        ax = fig.subplots()
        width = 0.8 / len(groups)
        x = np.arange(len(r))
        for i, (g, c) in enumerate(zip(groups, colours)):
            vals = r[g].astype("Float64").fillna(0).to_numpy(dtype=float)
            bars = ax.bar(x + (i - 1.5) * width, vals, width, color=c, label=g.capitalize())
            for b, v, stated in zip(bars, vals, r[g].notna()):
                ax.text(b.get_x() + b.get_width() / 2, v + 0.6, f"{int(v)}" if stated else "n/s",
                        ha="center", fontsize=8)
        ax.set_xticks(x, [textwrap.fill(label, 22) for label in r["label"]], fontsize=8)
        ax.set_ylabel("People, as each report states them")
        ax.set_title(f"What each report said ({event_id})")
        ax.grid(axis="x", visible=False)
        ax.legend(ncol=4, loc="upper left")
        source_line(fig, "Source: data/repatriations.csv, one group of bars per report; n/s = not stated.")
    return fig


def composition_by_year(events: pd.DataFrame) -> Figure:
    """Children, women, men and people not placed in a group, per year, for states other than Iraq."""
    groups = event_groups(events[events["country"] != "IRQ"])
    with house_style():
        fig = new_figure(8.5, 4.2)
        ax = fig.subplots()
        t = groups.groupby("year")[["men", "women", "children", "not_stated"]].sum()
        bottom = np.zeros(len(t))
        for g in ("children", "women", "men", "not_stated"):
            ax.bar(t.index, t[g], bottom=bottom, color=GROUP_COLOURS[g], label=g.replace("_", " ").capitalize())
            bottom += t[g].to_numpy(dtype=float)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(THOUSANDS)
        ax.set_ylabel("People repatriated")
        ax.set_xlabel("Year of arrival")
        ax.set_title("Children, women and men repatriated per year, states other than Iraq")
        ax.legend(loc="upper left")
        source_line(fig, f"Source: {DATASET}; {len(groups)} events of known size.")
    return fig


def country_events(series: pd.DataFrame, name: str) -> Figure:
    """One state's returns over time in two panels on one date axis: above, the running sum of its events
    with its stated cumulative totals as markers; below, the people of each event.

    `series` is `metrics.country_series`: rows of kind `event` (people per event, in date order, with
    their running sum) and `stated` (a stated cumulative total)."""
    ev = series[series["kind"] == "event"]
    st = series[series["kind"] == "stated"]
    with house_style():
        fig = new_figure(8.5, 5.2)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[2, 1])
        top.plot(ev["date_mid"], ev["running_sum"], color=PALETTE[5], drawstyle="steps-post", linewidth=2,
                 label="Running sum of the events in this record")
        if len(st):
            top.scatter(st["date_mid"], st["people"], marker="D", color=PALETTE[1], zorder=3,
                        label="Cumulative total stated by a source")
        top.set_ylim(bottom=0)
        top.yaxis.set_major_formatter(THOUSANDS)
        top.set_ylabel("Cumulative people")
        top.set_title(f"{name}: returns over time")
        top.legend(loc="upper left")
        bottom.bar(ev["date_mid"], ev["people"], width=12, color=PALETTE[0])
        bottom.yaxis.set_major_formatter(THOUSANDS)
        bottom.set_ylabel("People per event")
        bottom.set_xlabel("Date of arrival")
        source_line(fig, f"Source: {DATASET} and data/stated_totals.csv (cumulative totals only).")
    return fig


def population_groups(points: pd.DataFrame, title: str) -> Figure:
    """Several population series over time, one line of sourced points per `label`
    (`metrics.population_groups`), in the order the labels first appear."""
    with house_style():
        fig = new_figure(8.5, 4.4)
        ax = fig.subplots()
        labels = list(dict.fromkeys(points["label"]))
        for i, label in enumerate(labels):
            s = points[points["label"] == label]
            ax.plot(s["as_of_mid"], s["estimate"], marker="o", markersize=4, linewidth=1.2, color=PALETTE[i], label=label)
        top = float(points["estimate"].max()) if len(points) else 1.0
        ax.set_ylim(0, top * (1.2 + 0.09 * len(labels)))  # room for the legend above the lines
        ax.yaxis.set_major_formatter(THOUSANDS)
        ax.set_ylabel("People")
        ax.set_xlabel("Date the figure refers to")
        ax.set_title(title)
        ax.legend(loc="upper right", fontsize=8)
        source_line(fig, f"Source: data/detained.csv, {len(points)} figures; each group as the cited source defines it.")
    return fig


def event_sizes(events: pd.DataFrame) -> Figure:
    """The size of every event by region: each dot one event (log scale), a bar at the median."""
    ev = events.dropna(subset=["people"])
    regions = [r for r in REGIONS if r in set(ev["region"])]
    with house_style():
        fig = new_figure(8.5, 0.45 * len(regions) + 1.8)
        ax = fig.subplots()
        for i, region in enumerate(regions):
            sizes = ev.loc[ev["region"] == region, "people"].clip(lower=1).sort_values().to_numpy()
            jitter = ((np.arange(len(sizes)) % 7) - 3) * 0.05
            ax.scatter(sizes, i + jitter, s=12, alpha=0.7, color=REGION_COLOURS[region])
            ax.vlines(np.median(sizes), i - 0.3, i + 0.3, color="#222222", linewidth=2)
        ax.set_yticks(range(len(regions)), regions)
        ax.invert_yaxis()
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(THOUSANDS)
        ax.set_xlabel("People per event (log scale); black bar: median")
        ax.set_title("How big is a repatriation? Event sizes by region")
        ax.grid(axis="y", visible=False)
        source_line(fig, f"Source: {DATASET}; {len(ev)} events of known size.")
    return fig


def after_populations(points: pd.DataFrame) -> Figure:
    """Population series (kind `point`, one line per `label`) with dated milestones (kind `mark`) as
    vertical lines, in two panels sharing the y-axis: the whole period, and the weeks from the first
    milestone's month to the last point (`after.population_points`). Figures dated to the day are joined
    by a line; figures dated only to a month or a year are drawn as open circles at the period's middle."""
    import matplotlib.dates as mdates

    pts, marks = points[points["kind"] == "point"], points[points["kind"] == "mark"]
    labels = list(dict.fromkeys(pts["label"]))
    dates = pd.concat([pts["date_mid"], marks["date_mid"]]).dropna()
    first = dates.min() if len(dates) else pd.Timestamp("2026-01-01")
    start = marks["date_mid"].min().to_period("M").to_timestamp() if len(marks) else first
    end = dates.max() if len(dates) else first
    with house_style():
        fig = new_figure(9, 4.8)
        whole, zoom = fig.subplots(1, 2, sharey=True, width_ratios=[1.3, 1])
        for ax in (whole, zoom):
            for i, label in enumerate(labels):
                s = pts[pts["label"] == label]
                day = s[s["precision"] == "day"]
                ax.plot(day["date_mid"], day["estimate"], marker="o", markersize=3.5, linewidth=1.2, color=PALETTE[i],
                        label=textwrap.fill(label, 34))
                vague = s[s["precision"] != "day"]
                ax.scatter(vague["date_mid"], vague["estimate"], s=22, facecolors="white", edgecolors=PALETTE[i],
                           linewidths=1.2, zorder=3)
            for _, m in marks.iterrows():
                ax.axvline(m["date_mid"], color="#555555", linestyle=":", linewidth=1)
            locator = mdates.AutoDateLocator(maxticks=6)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
        for _, m in marks.iterrows():
            zoom.text(m["date_mid"], 0.98, f" {m['label']}", transform=zoom.get_xaxis_transform(), rotation=90,
                      va="top", ha="right", fontsize=8, color="#333333")
        top = float(pts["estimate"].max()) if len(pts) else 1.0
        whole.set_ylim(0, top * 1.15)
        whole.yaxis.set_major_formatter(THOUSANDS)
        whole.set_ylabel("People")
        whole.set_xlabel("Date the figure refers to")
        whole.set_title(f"Camps and prisons, every figure since {(pts['date_mid'].min() if len(pts) else first):%Y}")
        zoom.set_xlim(start - pd.Timedelta(days=2), end + pd.Timedelta(days=4))
        zoom.set_xlabel("Dotted lines: dates the sources report")
        zoom.set_title(f"From {start:%B %Y}")
        if labels:
            whole.legend(loc="upper right", fontsize=8)
        source_line(fig, f"Sources: data/detained.csv, {len(pts)} figures from {pts['source'].nunique()} sources, "
                         "everyone held as each source counts them; open circles: figures dated only to a month. "
                         "Milestones dated by the publication of the sources that report them (data/sources.bib).")
    return fig


def movements_by_kind(table: pd.DataFrame) -> Figure:
    """People per month for each kind of movement, one panel per kind on its own scale, each bar labelled
    (`after.movements_by_month`); returns not carried out hatched, as announced, never counted."""
    import matplotlib.dates as mdates

    from .movements import KIND_LABELS, KINDS

    kinds = list(KINDS)
    notes = {"repatriation": "counted in repatriation totals", "transfer": "counted apart",
             "relocation": "counted apart", "not_carried_out": "as announced; never counted"}
    with house_style():
        fig = new_figure(8.5, 1.7 * len(kinds) + 1.4)
        axes = np.atleast_1d(fig.subplots(len(kinds), 1, sharex=True))
        for i, (ax, kind) in enumerate(zip(axes, kinds)):
            t = table[(table["kind"] == kind) & ((table["people"] > 0) | (table["no_number"] > 0))]
            x = [p.to_timestamp() + pd.Timedelta(days=14) for p in t["month"]]
            hatched = kind == "not_carried_out"
            bars = ax.bar(x, t["people"], width=22, color="white" if hatched else PALETTE[i],
                          edgecolor=PALETTE[i], hatch="///" if hatched else None, linewidth=1 if hatched else 0)
            peak = float(t["people"].max()) if len(t) and t["people"].max() > 0 else 1.0
            for b, n, missing in zip(bars, t["people"], t["no_number"]):
                text = "\n".join(([f"{int(n):,}"] if n else []) + ([f"+{missing} n/s"] if missing else []))
                ax.text(b.get_x() + b.get_width() / 2, b.get_height() + peak * 0.04, text,
                        ha="center", va="bottom", fontsize=7, linespacing=1.0)
            ax.set_ylim(0, peak * 1.6)
            ax.yaxis.set_major_formatter(THOUSANDS)
            ax.yaxis.set_major_locator(MaxNLocator(3))
            ax.set_ylabel("People", fontsize=8)
            ax.grid(axis="x", visible=False)
            ax.text(0.01, 0.95, f"{KIND_LABELS[kind]} ({notes[kind]})", transform=ax.transAxes, va="top",
                    fontsize=8.5, fontweight="bold", color="#333333")
        axes[0].set_title("Movements out of detention, per month and kind")
        if table.empty:
            axes[0].text(0.5, 0.5, "No movement in this period", transform=axes[0].transAxes, ha="center")
        axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
        axes[-1].set_xlabel("Month the movement started")
        source_line(fig, f"Source: {DATASET}; each kind on its own scale. A stage of a larger operation of the same "
                         "kind is not counted again; n/s = events whose reports state no number.")
    return fig
