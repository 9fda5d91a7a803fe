"""Values of chapters/who-is-held.md."""

from __future__ import annotations

from repatriation import figures, metrics, views
from repatriation.pipeline import Results

from ..figure_files import downloads_line
from ..glue import cite
from ..tables import markdown_table


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    d = r.detained
    al_hol = views.series_points(metrics.detained_series(d, "al_hol"))
    iraqi = views.series_points(metrics.detained_series(d, "al_hol", "iraqi"))
    third = views.series_points(metrics.detained_series(d, "al_hol", "third_country"))
    roj = views.series_points(metrics.detained_series(d, "roj"))
    prisons = views.series_points(metrics.detained_series(d, "sdf_prisons", "all", "men"))
    foreign_men = views.series_points(metrics.detained_series(d, "sdf_prisons", "foreign_unspecified", "men"))
    camps_non_syrian = views.series_points(metrics.detained_series(d, "nes_camps", "non_syrian"))
    iraq_children = views.series_points(metrics.detained_series(d, "iraq_prisons", "foreign_unspecified", "children"))
    closed = views.latest_movement(r, "relocation", "al-Hol")
    transfer = views.latest_movement(r, "transfer")
    roj_events = r.events[r.events["facility"].fillna("").str.contains("Roj", regex=False)]
    return {
        "closed_date": views.long_date(closed["date"]), "closed_cite": cite([closed["preferred_source"]]),
        "transfer_people": views.phrase({"value": transfer["people"], "qualifier": transfer["qualifier"],
                                         "estimate": transfer["people"]}),
        "transfer_year": int(transfer["year"]), "transfer_cite": cite([transfer["preferred_source"]]),
        "roj_events": len(roj_events), "roj_people": int(roj_events["people"].sum()),
        "alhol_n_points": al_hol["n_points"],
        "alhol_n_sources": al_hol["n_sources"],
        "alhol_peak_text": al_hol["peak_text"],
        "alhol_peak_date": al_hol["peak_date"],
        "alhol_first_text": al_hol["first_text"],
        "alhol_first_date": al_hol["first_date"],
        "alhol_last_text": al_hol["last_text"],
        "alhol_last_date": al_hol["last_date"],
        "alhol_peak_cite": cite([al_hol["peak_source"]]),
        "alhol_first_cite": cite([al_hol["first_source"]]),
        "alhol_last_cite": cite([al_hol["last_source"]]),
        "iraqi_peak_text": iraqi["peak_text"],
        "iraqi_peak_date": iraqi["peak_date"],
        "iraqi_last_text": iraqi["last_text"],
        "iraqi_last_date": iraqi["last_date"],
        "iraqi_peak_cite": cite([iraqi["peak_source"]]),
        "iraqi_last_cite": cite([iraqi["last_source"]]),
        "third_first_text": third["first_text"],
        "third_first_date": third["first_date"],
        "third_last_text": third["last_text"],
        "third_last_date": third["last_date"],
        "third_first_cite": cite([third["first_source"]]),
        "third_last_cite": cite([third["last_source"]]),
        "roj_n_points": roj["n_points"],
        "roj_first_text": roj["first_text"],
        "roj_first_date": roj["first_date"],
        "roj_last_text": roj["last_text"],
        "roj_last_date": roj["last_date"],
        "roj_first_cite": cite([roj["first_source"]]),
        "roj_last_cite": cite([roj["last_source"]]),
        "prisons_last_text": prisons["last_text"],
        "prisons_last_date": prisons["last_date"],
        "prisons_last_cite": cite([prisons["last_source"]]),
        "foreignmen_first_text": foreign_men["first_text"],
        "foreignmen_first_date": foreign_men["first_date"],
        "foreignmen_last_text": foreign_men["last_text"],
        "foreignmen_last_date": foreign_men["last_date"],
        "foreignmen_first_cite": cite([foreign_men["first_source"]]),
        "foreignmen_last_cite": cite([foreign_men["last_source"]]),
        "nonsyrian_first_text": camps_non_syrian["first_text"],
        "nonsyrian_first_date": camps_non_syrian["first_date"],
        "nonsyrian_last_text": camps_non_syrian["last_text"],
        "nonsyrian_last_date": camps_non_syrian["last_date"],
        "nonsyrian_first_cite": cite([camps_non_syrian["first_source"]]),
        "nonsyrian_last_cite": cite([camps_non_syrian["last_source"]]),
        "iraqchildren_peak_text": iraq_children["peak_text"],
        "iraqchildren_peak_date": iraq_children["peak_date"],
        "iraqchildren_first_text": iraq_children["first_text"],
        "iraqchildren_first_date": iraq_children["first_date"],
        "iraqchildren_last_text": iraq_children["last_text"],
        "iraqchildren_last_date": iraq_children["last_date"],
        "iraqchildren_peak_cite": cite([iraq_children["peak_source"]]),
        "iraqchildren_first_cite": cite([iraq_children["first_source"]]),
        "iraqchildren_last_cite": cite([iraq_children["last_source"]]),
        "fig_al_hol": figures.figure("al_hol", r),
        "dl_fig_al_hol": downloads_line("fig-al-hol"),
        "fig_al_hol_groups": figures.figure("al_hol_groups", r),
        "dl_fig_al_hol_groups": downloads_line("fig-al-hol-groups"),
        "fig_foreigners_held": figures.figure("foreigners_held", r),
        "dl_fig_foreigners_held": downloads_line("fig-foreigners-held"),
        "tbl_held": markdown_table(views.headline_held(d, r.data.sources), citations=("Source",)),
    }
