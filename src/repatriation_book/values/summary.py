"""Values of the summary page (chapters/index.md)."""

from __future__ import annotations

from repatriation import figures, grades, metrics, views
from repatriation.pipeline import Results

from ..glue import cite


def values(r: Results) -> dict:
    """Every value the summary glues, by key."""
    ev = r.events
    k = metrics.key_figures(r)
    countries = metrics.by_country(ev)
    al_hol = views.series_points(metrics.detained_series(r.detained, "al_hol"))
    nonsyrian = views.series_points(metrics.detained_series(r.detained, "nes_camps", "non_syrian"))
    third = views.series_points(metrics.detained_series(r.detained, "al_hol", "third_country"))
    cover = metrics.coverage(metrics.latest_stated_vs_counted(ev, r.stated))
    graded = grades.shares(ev).set_index("grade")["people_pct"]
    return {
        "k_people": k["people"], "k_people_low": k["people_low"], "k_people_high": k["people_high"],
        "k_n_events": k["n_events"], "k_n_countries": k["n_countries"], "k_n_reports": k["n_reports"],
        "k_n_sources": k["n_sources"], "k_first_year": k["first_year"], "k_last_year": k["last_year"],
        "k_share_children_non_iraq_pct": k["share_children_non_iraq_pct"],
        "iraq_pct": round(100 * k["people_iraq"] / k["people"], 1),
        "top_others": views.top_list(countries[countries["country"] != "IRQ"], 3),
        "alhol_peak": al_hol["peak_text"], "alhol_peak_date": al_hol["peak_date"],
        "alhol_last": al_hol["last_text"], "alhol_last_date": al_hol["last_date"],
        "alhol_cite": cite([al_hol["peak_source"], al_hol["last_source"]]),
        "third_last": third["last_text"], "third_last_date": third["last_date"], "third_cite": cite([third["last_source"]]),
        "nonsyrian_last": nonsyrian["last_text"], "nonsyrian_last_date": nonsyrian["last_date"],
        "nonsyrian_cite": cite([nonsyrian["last_source"]]),
        "cover_under_half": cover["under_half"], "cover_states": cover["states"],
        "fig_timeline": figures.figure("timeline", r),
        "grade_ab_pct": round(float(graded["A"] + graded["B"])), "grade_c_pct": round(float(graded["C"])),
        "grade_d_pct": round(float(graded["D"])),
    }
