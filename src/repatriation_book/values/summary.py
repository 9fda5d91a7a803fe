"""Values of the summary page (chapters/index.md)."""

from __future__ import annotations

from repatriation import figures, grades, metrics, views
from repatriation.pipeline import Results

from ..figure_files import downloads_line
from ..glue import cite


def values(r: Results) -> dict:
    """Every value the summary glues, by key."""
    ev = r.events
    k = metrics.key_figures(r)
    countries = metrics.by_country(ev)
    al_hol = views.series_points(metrics.detained_series(r.detained, "al_hol"))
    cover = metrics.coverage(metrics.latest_stated_vs_counted(ev, r.stated))
    closed = views.latest_movement(r, "relocation", "al-Hol")
    transfer = views.latest_movement(r, "transfer")
    graded = grades.shares(ev).set_index("grade")["people_pct"]
    return {
        "dl_fig_timeline": downloads_line("fig-timeline"),
        "data_to": views.long_date(metrics.data_to(r)),
        "k_people_floor": k["people_floor"], "k_people_low": k["people_low"], "k_people_high": k["people_high"],
        "k_n_events": k["n_events"], "k_n_countries": k["n_countries"], "k_n_reports": k["n_reports"],
        "k_n_sources": k["n_sources"], "k_first_year": k["first_year"], "k_last_year": k["last_year"],
        "k_share_children_non_iraq_pct": round(k["share_children_non_iraq_pct"]),
        "iraq_pct": k["iraq_pct"],
        "top_others": views.top_list(countries[countries["country"] != "IRQ"], 3),
        "alhol_peak": al_hol["peak_text"], "alhol_peak_date": al_hol["peak_date"],
        "alhol_last": al_hol["last_text"], "alhol_last_date": al_hol["last_date"],
        "alhol_cite": cite([al_hol["peak_source"], al_hol["last_source"]]),
        "alhol_closed_date": views.long_date(closed["date"]), "alhol_closed_cite": cite([closed["preferred_source"]]),
        "transfer_people": views.phrase({"value": transfer["people"], "qualifier": transfer["qualifier"],
                                         "estimate": transfer["people"]}),
        "transfer_year": int(transfer["year"]), "transfer_cite": cite([transfer["preferred_source"]]),
        "cover_under_half": cover["under_half"], "cover_states": cover["states"],
        "fig_timeline": figures.figure("timeline", r),
        "grade_ab_pct": round(float(graded["A"] + graded["B"])), "grade_c_pct": round(float(graded["C"])),
        "grade_d_pct": round(float(graded["D"])),
    }
