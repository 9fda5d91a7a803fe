"""Values of chapters/children.md."""

from __future__ import annotations

from repatriation import figures, metrics, views
from repatriation.pipeline import Results

from ..figure_files import downloads_line
from ..glue import cite
from ..tables import markdown_table


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    c = metrics.children_figures(r)
    held_iraq = views.series_points(metrics.detained_series(r.detained, "iraq_prisons", "foreign_unspecified", "children"))
    global_children = views.global_children_totals(r)
    orphan_events = r.events[r.events["orphans"].gt(0)]
    return {
        "c_events": c["events"], "c_people": c["people"], "c_children": c["children"], "c_women": c["women"],
        "c_men": c["men"], "c_children_pct": c["children_pct"], "c_children_per_adult": c["children_per_adult"],
        "c_only_children_events": c["only_children_events"], "c_only_children_pct": c["only_children_pct"],
        "c_iraq_events": c["iraq_events"], "c_iraq_children": c["iraq_children"],
        "c_iraq_children_pct": c["iraq_children_pct"], "c_orphans": c["orphans"], "c_orphan_events": c["orphan_events"],
        "c_iraq_top": views.top_list(metrics.children_by_state(r.events, "iraq"), 4, value="children"),
        "iraq_held_first": held_iraq["first_text"], "iraq_held_first_date": held_iraq["first_date"],
        "iraq_held_cite": cite([held_iraq["first_source"], held_iraq["peak_source"]]),
        "iraq_held_peak": held_iraq["peak_text"], "iraq_held_peak_date": held_iraq["peak_date"],
        "cite_orphans": cite(orphan_events.sort_values("orphans", ascending=False)["preferred_source"].head(4)),
        "fig_composition": figures.figure("composition", r),
        "dl_fig_composition": downloads_line("fig-composition"),
        "fig_composition_year": figures.figure("composition_by_year", r),
        "dl_fig_composition_year": downloads_line("fig-composition-year"),
        "tbl_global_children": markdown_table(
            global_children, citations=("Sources",)),
    }
