"""Export what an analyst takes away: the typed tables as CSV, the same tables as a workbook, each chart
with the numbers it draws (CSV, PNG, SVG), a JSON file per state and per event, and a data dictionary
that documents every column of every file, all stamped with the edition.

The book's build names the figure files by their figure number in the book (`FigureFile`, made by
`repatriation_book.figure_files`); a plain `python -m repatriation export` names them by chart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import changes, columns, downloads, figure_data, records
from . import figures as registry
from .edition import Edition, edition
from .pipeline import Results
from .render import png_bytes, svg_bytes
from .safe_write import MANIFEST, check_destination, write_folder
from .style import add_edition
from .typed import csv_bytes
from .workbook import xlsx_bytes

WORKBOOK = "repatriation-record.xlsx"
DICTIONARY = "data_dictionary.md"
FIGURES = "figures"


@dataclass(frozen=True)
class FigureFile:
    """One chart's files: its registry name, the file stem (`fig01-timeline` in the book, else the name),
    and, in the book, its figure number, caption title and citation text."""

    recipe: str
    stem: str
    number: int | None = None
    title: str = ""
    citation: str = ""

    def path(self, ext: str) -> str:
        """The file's path inside the export (`figures/<stem>.<ext>`)."""
        return f"{FIGURES}/{self.stem}.{ext}"


def plain_figure_files() -> list[FigureFile]:
    """Every chart of the registry, named by its registry name (no book numbering)."""
    return [FigureFile(name, name, title=recipe.title) for name, recipe in registry.RECIPES.items()]


def tables(r: Results) -> dict[str, pd.DataFrame]:
    """The downloaded tables, typed, by file name (`events.csv`...)."""
    return {f"{stem}.csv": df for stem, df in downloads.tables(r).items()}


def figures(r: Results) -> dict[str, object]:
    """Every chart of the report, by registry name: the figure registry's, the same as the book's."""
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


def _column_table(stem: str, df_columns) -> list[str]:
    lines = ["| column | type | meaning |", "| --- | --- | --- |"]
    lines += [f"| {c} | {columns.describe(stem, c)[0]} | {columns.describe(stem, c)[1]} |" for c in df_columns]
    return lines + [""]


HOW_WRITTEN = [
    "- CSV files are UTF-8 with a byte-order mark, so that Excel opens them with the right characters; "
    "LibreOffice, Google Sheets, pandas and R read the mark and drop it. The workbook needs no such care.",
    "- Whole numbers are written as integers. An empty cell means the source does not state the value: "
    "it is never written as 0.",
    "- Dates are ISO 8601 text as precise as the source (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), with their "
    "precision and their year, month and day in columns of their own (month and day empty where unknown).",
    f"- Ratios are rounded to {columns.SIGNIFICANT} significant digits, other fractional numbers to "
    f"{columns.DECIMALS} decimal.",
    "- Text that a spreadsheet would run as a formula (starting with =, +, - or @) has a ' in front.",
    "- Every row names its source by key (`source`, `sources`, `preferred_source`): `sources.csv` and the "
    "book's reference list show each key.",
]


def dictionary(r: Results, ed: Edition | None = None, figure_files: list[FigureFile] | None = None,
               frames: dict[str, pd.DataFrame] | None = None) -> str:
    """The Markdown data dictionary of every downloaded file (tables, figures' data, JSON) and of the
    source tables in data/ (from datapackage.json), headed by the edition."""
    ed = ed or edition(r)
    figure_files = figure_files if figure_files is not None else plain_figure_files()
    frames = frames if frames is not None else downloads.tables(r)
    lines = ["# Data dictionary", "", f"{ed.title}. Edition {ed.version}; data to {ed.data_to}. "
             f"Licensed {ed.licence} ({ed.licence_url}).", "", f"How to cite: {ed.citation}", "",
             "## How the files are written", "", *HOW_WRITTEN, "",
             "## Exported tables", "", f"Each table is a CSV file and a sheet of `{WORKBOOK}` of the same name; "
             "the workbook's README sheet repeats this dictionary.", ""]
    for stem, df in frames.items():
        lines += [f"### {stem}.csv", "", f"- `{stem}.csv`: {downloads.DESCRIPTIONS[stem]}", ""]
        lines += _column_table(stem, df.columns)
    lines += ["## Figures", "", "Each figure's data file holds exactly the numbers the chart draws; its PNG "
              "and SVG carry the edition in their source line.", ""]
    for f in figure_files:
        head = f"Figure {f.number}: {f.title}" if f.number else f.title
        lines += [f"### {f.path('csv')}", "", f"{head}. Also `{f.path('png')}` and `{f.path('svg')}`.", ""]
        if f.citation:
            lines += [f"Cite as: {f.citation}", ""]
        lines += _column_table(f.recipe, figure_data.table(f.recipe, r).columns)
    lines += ["## JSON files", "", f"`{records.FOLDER}/index.json` names every file; "
              f"`{records.FOLDER}/states/<code>.json` holds one state, `{records.FOLDER}/events/<event_id>.json` one event. "
              "Their rows repeat the tables' rows, with the same column names and types (missing values are null).", "",
              "| key | meaning |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in columns.JSON_KEYS.items()]
    lines += ["", "The `edition` object:", "", "| key | meaning |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in columns.EDITION_KEYS.items()]
    lines += ["", "## Source tables (data/)", "", "The curated tables the downloads are made from, as "
              "data/datapackage.json describes them.", ""]
    for table, cols in source_dictionary(r).groupby("Table", sort=False):
        lines += [f"### data/{table}", "", "| column | type | meaning |", "| --- | --- | --- |"]
        lines += [f"| {c.Column} | {c.Type} | {c.Meaning} |" for c in cols.itertuples()]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def files(r: Results, figure_files: list[FigureFile] | None = None, images: bool = True) -> dict[str, bytes]:
    """Every exported file, by path inside the export, as bytes (the manifest included); with
    `images=False`, each figure's data but not its PNG and SVG (nothing is drawn)."""
    ed = edition(r)
    figure_files = figure_files if figure_files is not None else plain_figure_files()
    frames = downloads.tables(r)
    made: dict[str, bytes] = {f"{stem}.csv": csv_bytes(df) for stem, df in frames.items()}
    made[WORKBOOK] = xlsx_bytes(frames, ed, downloads.DESCRIPTIONS)
    made[DICTIONARY] = dictionary(r, ed, figure_files, frames).encode("utf-8")
    for f in figure_files:
        made[f.path("csv")] = csv_bytes(figure_data.table(f.recipe, r))
        if not images:
            continue
        fig = add_edition(registry.figure(f.recipe, r), ed.line)
        made[f.path("png")] = png_bytes(fig)
        made[f.path("svg")] = svg_bytes(fig)
    made.update(records.files(frames, ed))
    made[MANIFEST] = (json.dumps(sorted(made), indent=1) + "\n").encode()
    return made


def file_names(r: Results, figure_files: list[FigureFile] | None = None) -> list[str]:
    """The files `export` writes, relative to its folder, without drawing a chart."""
    figure_files = figure_files if figure_files is not None else plain_figure_files()
    frames = downloads.tables(r)
    names = [f"{stem}.csv" for stem in frames] + [WORKBOOK, DICTIONARY, MANIFEST]
    names += [f.path(ext) for f in figure_files for ext in ("csv", "png", "svg")]
    names += [f"{records.FOLDER}/index.json"]
    names += [f"{records.FOLDER}/events/{e}.json" for e in pd.concat([frames["events"], frames["movements"]])["event_id"]]
    names += [f"{records.FOLDER}/states/{c}.json" for c in records.state_codes(frames)]
    return sorted(names)


def edition_snapshot(r: Results) -> dict[str, bytes]:
    """The files to keep in `editions/<version>/` when this edition is released (see `changes`)."""
    return changes.snapshot({f"{stem}.csv": csv_bytes(df) for stem, df in downloads.tables(r).items()})


def export(r: Results, out: Path, figure_files: list[FigureFile] | None = None, images: bool = True) -> list[Path]:
    """Write every exported file into `out`; return the files written.

    All files are written at once, or none (see `safe_write`): `out` must be new, empty or a previous
    export, and outside the data folder. Text cells that a spreadsheet would run as a formula are
    neutralised in the CSVs and the workbook (see `spreadsheet.neutralise`)."""
    out = Path(out)
    check_destination(out, data=r.data.folder)  # refuse before the work, not after
    return write_folder(out, files(r, figure_files, images), data=r.data.folder)
