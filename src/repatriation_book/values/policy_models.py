"""Values of chapters/policy-models.md."""

from __future__ import annotations

from repatriation import figures, metrics
from repatriation.pipeline import Results

from ..figure_files import downloads_line
from ..tables import fmt_int, markdown_table


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    regions = metrics.by_region(r.events)
    f = metrics.region_figures(r.events)
    convoys = metrics.held_in(r.events[r.events["country"] == "IRQ"], "camp")
    casia = r.events[r.events["region"] == "Central Asia, Russia and the Caucasus"]
    return {
        "iraq_events": f["iraq_events"], "iraq_people": f["iraq_people"],
        "iraq_convoy_median": float(convoys["people"].median()), "iraq_convoys": len(convoys),
        "casia_named_events": int((casia["operation"].fillna("") != "").sum()),
        "casia_states": f["casia_states"], "casia_events": f["casia_events"], "casia_people": f["casia_people"],
        "casia_median": f["casia_median"], "casia_children_pct": f["casia_children_pct"],
        "west_states": f["west_states"], "west_events": f["west_events"], "west_people": f["west_people"],
        "west_median": f["west_median"], "west_children_pct": f["west_children_pct"],
        "balkans_events": f["balkans_events"], "balkans_people": f["balkans_people"],
        "mena_states": f["mena_states"], "mena_people": f["mena_people"], "mena_non_syria_pct": f["mena_non_syria_pct"],
        "asia_states": f["asia_states"], "asia_people": f["asia_people"], "asia_non_syria_pct": f["asia_non_syria_pct"],
        "africa_states": f["africa_states"], "africa_people": f["africa_people"],
        "fig_event_sizes": figures.figure("event_sizes", r),
        "dl_fig_event_sizes": downloads_line("fig-event-sizes"),
        "tbl_regions": markdown_table(
            regions[["region", "states", "events", "people", "median_event", "children_pct"]].rename(columns={
                "region": "Region", "states": "States", "events": "Events", "people": "People",
                "median_event": "Median event (people)", "children_pct": "Children (%)"}),
            {"People": fmt_int, "Median event (people)": fmt_int,
             "Children (%)": lambda v: "" if v != v else f"{v:.0f}"}),
    }
