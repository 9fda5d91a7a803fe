"""Values of chapters/what-changed.md: this edition against the latest edition kept in `editions/`."""

from __future__ import annotations

from repatriation import changes, downloads
from repatriation.edition import edition
from repatriation.pipeline import Results

from ..tables import markdown_table


def values(r: Results) -> dict:
    """Every value the page glues, by key."""
    ed = edition(r)
    previous = changes.previous(ed.version)
    if previous is None:
        raise ValueError(f"no edition older than {ed.version} is kept in {changes.EDITIONS}")
    folder = changes.EDITIONS / previous
    tables = downloads.tables(r)
    diff = changes.compare(changes.read_events(folder), changes.current_events(tables))
    count = changes.summary(diff)
    old_sources = changes.read_sources(folder)
    added = changes.sources_added(old_sources, tables["sources"])
    removed = changes.sources_removed(old_sources, tables["sources"])
    columns = {"key": "Key", "publisher": "Publisher", "date": "Published", "title": "Title"}
    return {
        "wc_version": ed.version,
        "wc_previous": previous,
        "wc_data_to": ed.data_to,
        "wc_n_added": count["added"],
        "wc_n_changed": count["changed"],
        "wc_n_removed": count["removed"],
        "wc_n_sources_added": len(added),
        "wc_n_sources_removed": len(removed),
        "tbl_wc_added": markdown_table(changes.readable(diff, "added")),
        "tbl_wc_changed": markdown_table(changes.readable(diff, "changed")),
        "tbl_wc_removed": markdown_table(changes.readable(diff, "removed")),
        "tbl_wc_sources_added": markdown_table(added[list(columns)].rename(columns=columns)),
    }
