"""Values of chapters/who-came-home.md."""

from __future__ import annotations

from repatriation import figures, metrics, views
from repatriation.pipeline import Results

from ..figure_files import downloads_line
from ..glue import cite
from ..links import profile_href
from ..tables import Link, fmt_int, markdown_table


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    ev = r.events
    k = metrics.key_figures(r)
    countries = metrics.by_country(ev)
    others = countries[countries["country"] != "IRQ"]
    origin = metrics.origin_shares(ev)
    peak_all = metrics.yearly_peak(ev)
    peak_others = metrics.yearly_peak(ev, exclude=("IRQ",))
    latest = metrics.latest_stated_vs_counted(ev, r.stated)
    cover = metrics.coverage(latest)
    share = metrics.contingent_share(ev, r.contingents)
    iraq = views.country_events(r, "IRQ")
    iraq_camps = metrics.held_in(iraq, "camp")
    iraq_prisons = metrics.held_in(iraq, "prison")
    iraq_stated = latest[latest["country"] == "IRQ"].iloc[0]
    top = views.with_stated_totals(r, countries.head(15))
    top = top.assign(country_name=[Link(n, profile_href(c)) for n, c in zip(top["country_name"], top["country"])])
    return {
        "k_people_floor": k["people_floor"], "k_people_low": k["people_low"], "k_people_high": k["people_high"],
        "k_n_events": k["n_events"], "k_n_countries": k["n_countries"],
        "k_first_year": k["first_year"], "k_last_year": k["last_year"],
        "iraq_pct": k["iraq_pct"],
        "top_others": views.top_list(others, 5),
        "origin_syria_people": origin["syria_people"], "origin_syria_events": origin["syria_events"],
        "origin_syria_pct": origin["syria_pct"],
        "origin_iraq_people": origin["iraq_people"], "origin_iraq_events": origin["iraq_events"],
        "origin_other_people": origin["other_people"], "origin_other_events": origin["other_events"],
        "peak_year": peak_all["year"], "peak_people": peak_all["people"],
        "peak_year_others": peak_others["year"], "peak_people_others": peak_others["people"],
        "iraq_convoys": len(iraq_camps), "iraq_convoy_people": int(iraq_camps["people"].sum()),
        "iraq_handovers": len(iraq_prisons), "iraq_handover_people": int(iraq_prisons["people"].sum()),
        "iraq_stated": int(iraq_stated["stated"]), "iraq_stated_date": iraq_stated["as_of"],
        "iraq_stated_counted": int(iraq_stated["counted"]),
        "iraq_cite_stated": cite([iraq_stated["source"]]),
        "iraq_cite_convoys": cite(iraq_camps["preferred_source"].iloc[[0, -1]]),
        "cover_states": cover["states"], "cover_full": cover["full"], "cover_under_half": cover["under_half"],
        "cover_median": int(cover["median_pct"]), "cover_threshold": cover["full_threshold_pct"],
        "share_states": len(share),
        "share_top": views.top_list(share.assign(per100=share["per100_mid"].round()), 3, value="per100"),
        "share_bottom": views.top_list(share.iloc[::-1].assign(per100=share.iloc[::-1]["per100_mid"].round(1)), 3, value="per100"),
        "cite_contingents": cite(views.contingent_sources(r.contingents, list(share["country"].iloc[:3]) + list(share["country"].iloc[-3:]))),
        "fig_country_totals": figures.figure("country_totals", r),
        "dl_fig_country_totals": downloads_line("fig-country-totals"),
        "fig_iraq_returns": figures.figure("iraq_returns", r),
        "dl_fig_iraq_returns": downloads_line("fig-iraq-returns"),
        "fig_stated_counted": figures.figure("stated_vs_counted", r),
        "dl_fig_stated_counted": downloads_line("fig-stated-counted"),
        "fig_contingent_share": figures.figure("contingent_share", r),
        "dl_fig_contingent_share": downloads_line("fig-contingent-share"),
        "tbl_countries": markdown_table(
            top[["country_name", "events", "people", "people_low", "people_high", "children", "stated_total"]].rename(
                columns={"country_name": "State", "events": "Events", "people": "People (at least)",
                         "people_low": "Lowest report", "people_high": "Highest report", "children": "Children",
                         "stated_total": "Latest stated total (who stated it, as of)"}),
            {c: fmt_int for c in ("People (at least)", "Lowest report", "Highest report", "Children")}),
    }
