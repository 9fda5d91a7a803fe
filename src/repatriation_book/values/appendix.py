"""Values of chapters/appendix-data.md: every event, the data dictionary, and links to the downloads
that the build writes into its own output (`sphinx_pipeline`)."""

from __future__ import annotations

from repatriation import export, views
from repatriation.paths import ROOT
from repatriation.pipeline import Results

from ..glue import link_list
from ..links import event_href, profile_href
from ..sphinx_pipeline import DOWNLOADS, figure_files
from ..tables import Link, markdown_table

BASE = f"../{DOWNLOADS}/"  # the appendix is one folder below the book's root


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    events = views.events_table(r)
    events["Event"] = [Link(e, event_href(e)) for e in events["Event"]]  # each event's record on its state's profile
    events["State"] = [Link(t, profile_href(c)) for t, c in zip(events["State"], r.events["country"])]
    names = [n for n in export.file_names(r, figure_files(ROOT)) if not n.startswith(("json/events/", "json/states/"))]
    return {
        "n_events": len(events),
        "tbl_events": markdown_table(events, citations=("Sources (preferred first)",)),
        "dictionary": markdown_table(export.source_dictionary(r)),
        "downloads_tables": link_list([n for n in names if n.endswith((".csv", ".xlsx", ".md", ".json"))], BASE),
        "downloads_png": link_list([n for n in names if n.endswith(".png")], BASE),
        "downloads_svg": link_list([n for n in names if n.endswith(".svg")], BASE),
    }
