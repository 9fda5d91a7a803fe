"""Export the cleaned tables, a data dictionary and every chart (PNG and SVG) for use outside the book."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import figures as registry
from . import metrics
from .pipeline import Results
from .render import png_bytes, svg_bytes
from .safe_write import MANIFEST, check_destination, write_folder
from .spreadsheet import csv_bytes

EVENT_COLUMNS = ["event_id", "kind", "counted", "part_of", "country", "country_name", "region", "date",
                 "date_precision", "year", "origin", "facility", "held_in", "held_by", "handed_to", "operation", "men", "women", "children", "orphans", "families", "total", "people",
                 "people_basis", "qualifier", "people_low", "people_high", "n_reports", "preferred_source",
                 "preferred_authority", "sources", "grade"]
DERIVED = {
    "events.csv": "One row per event of every kind (kind; counted says whether it enters the totals of its kind): the preferred report's figures, the band (people_low, people_high) over all reports, every source, and the grade (A to D, see the methods chapter).",
    "reports_status.csv": "One row per report row of data/repatriations.csv: preferred or superseded, and the reason.",
    "by_country.csv": "Events and people per receiving state (sum of the preferred figure per event).",
    "stated_vs_counted.csv": "Every stated cumulative total beside the sum of the events counted in the same window.",
    "contingent_share.csv": "People repatriated per 100 who travelled, with the range the contingent estimates allow.",
    "detained.csv": "Detained populations, cleaned: dates with precision, value/low/high and a point estimate.",
}


def tables(r: Results) -> dict[str, pd.DataFrame]:
    """The cleaned tables that are exported, by file name."""
    return {
        "events.csv": r.movements[EVENT_COLUMNS],
        "reports_status.csv": r.status,
        "by_country.csv": metrics.by_country(r.events).drop(columns=["first", "last"]),
        "stated_vs_counted.csv": metrics.stated_vs_counted(r.events, r.stated).drop(columns=["as_of_end"]),
        "contingent_share.csv": metrics.contingent_share(r.events, r.contingents),
        "detained.csv": r.detained.drop(columns=["as_of_start", "as_of_end", "as_of_mid"]),
    }


def figures(r: Results) -> dict[str, object]:
    """Every chart of the report, by file stem: the figure registry's, the same as the book's."""
    return {name: registry.figure(name, r) for name in registry.RECIPES}


def source_dictionary(r: Results) -> pd.DataFrame:
    """One row per column of each source table: table, column, type, required, allowed values, meaning."""
    rows = []
    for name, schema in r.data.schema.items():
        for f in schema["fields"]:
            c = f.get("constraints", {})
            rows.append({"Table": f"{name}.csv", "Column": f["name"], "Type": f["type"],
                         "Required": "yes" if c.get("required") else "",
                         "Allowed": ", ".join(v or "(empty)" for v in c["enum"]) if "enum" in c else c.get("pattern", ""),
                         "Meaning": f.get("description", "")})
    return pd.DataFrame(rows)


def dictionary(r: Results) -> str:
    """A Markdown data dictionary of the source tables (from datapackage.json) and the exported tables."""
    lines = ["# Data dictionary", "", "## Source tables (data/)", ""]
    for table, cols in source_dictionary(r).groupby("Table", sort=False):
        lines += [f"### {table}", "", "| column | type | meaning |", "| --- | --- | --- |"]
        lines += [f"| {c.Column} | {c.Type} | {c.Meaning} |" for c in cols.itertuples()]
        lines.append("")
    lines += ["## Exported tables", ""]
    for name, text in DERIVED.items():
        lines.append(f"- `{name}`: {text}")
    return "\n".join(lines) + "\n"


def file_names() -> list[str]:
    """The files `export` writes, relative to its folder, without computing them."""
    names = [*DERIVED, "data_dictionary.md", "manifest.json"]
    names += [f"figures/{stem}.{ext}" for stem in registry.RECIPES for ext in ("png", "svg")]
    return sorted(names)


def export(r: Results, out: Path) -> list[Path]:
    """Write every table, the dictionary and every chart into `out`; return the files written.

    All files are written at once, or none (see `safe_write`): `out` must be new, empty or a previous
    export, and outside the data folder. Text cells that a spreadsheet would run as a formula are
    neutralised in the CSVs (see `spreadsheet.neutralise`)."""
    out = Path(out)
    check_destination(out, data=r.data.folder)  # refuse before the work, not after
    made: dict[str, bytes] = {}
    for name, df in tables(r).items():
        made[name] = csv_bytes(df)
    made["data_dictionary.md"] = dictionary(r).encode("utf-8")
    for stem, fig in figures(r).items():
        made[f"figures/{stem}.png"] = png_bytes(fig)
        made[f"figures/{stem}.svg"] = svg_bytes(fig)
    made[MANIFEST] = (json.dumps(sorted(made), indent=1) + "\n").encode()
    return write_folder(out, made, data=r.data.folder)
