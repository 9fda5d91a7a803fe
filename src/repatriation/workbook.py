"""The workbook (.xlsx): a README sheet (title, edition, data-to date, licence, how to cite, and a
dictionary of every column of every sheet), then one sheet per downloaded table, written with openpyxl
from the same typed frames as the CSVs.

Cells keep their types (whole numbers as numbers, true/false as booleans, empty cells where nothing is
stated); partial dates stay ISO text, with their year, month and day in columns of their own. Text
that a spreadsheet would run as a formula is neutralised (`spreadsheet.neutralise`). The bytes are the
same at every build: fixed document dates and fixed times inside the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .columns import describe
from .edition import Edition
from .spreadsheet import neutralise

README = "README"
FIXED = dt.datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")  # openpyxl stamps the clock at save
BOLD = Font(bold=True)


def cell(value: object) -> object:
    """A frame's value as an openpyxl cell value: None for missing, plain int, float and bool, and text
    neutralised so that it is never run as a formula."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return value
    if hasattr(value, "item"):  # a NumPy scalar
        value = value.item()
    if isinstance(value, (int, float)):
        return value
    return neutralise(str(value))


def dictionary_rows(frames: dict[str, pd.DataFrame]) -> list[tuple[str, str, str, str]]:
    """(sheet, column, type, meaning) for every column of every sheet, in sheet and column order."""
    return [(stem, column, *describe(stem, column)) for stem, df in frames.items() for column in df.columns]


def _readme(ws, edition: Edition, frames: dict[str, pd.DataFrame], descriptions: dict[str, str]) -> None:
    facts = [("Title", edition.title), ("Edition", edition.version), ("Data to", edition.data_to),
             ("Licence", f"{edition.licence} ({edition.licence_url})"), ("How to cite", edition.citation),
             ("Cells", "Whole numbers are numbers; an empty cell means the source does not state the value (never 0). "
                       "Dates are ISO text as precise as the source (YYYY, YYYY-MM or YYYY-MM-DD), with their "
                       "precision and their year, month and day in columns of their own. Every row names its "
                       "source by key: the sheet 'sources', and the book's reference list, show each key.")]
    ws.append(["About this workbook"])
    ws["A1"].font = Font(bold=True, size=13)
    for name, value in facts:
        ws.append([name, cell(value)])
        ws.cell(ws.max_row, 1).font = BOLD
    ws.append([])
    ws.append(["Sheets"])
    ws.cell(ws.max_row, 1).font = BOLD
    for stem in frames:
        ws.append([stem, cell(descriptions.get(stem, ""))])
    ws.append([])
    ws.append(["Dictionary: every column of every sheet"])
    ws.cell(ws.max_row, 1).font = BOLD
    ws.append(["sheet", "column", "type", "meaning"])
    for c in range(1, 5):
        ws.cell(ws.max_row, c).font = BOLD
    for row in dictionary_rows(frames):
        ws.append([cell(v) for v in row])
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["D"].width = 110
    for row in ws.iter_rows(min_row=2, max_row=len(facts) + 1):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")


def _sheet(ws, df: pd.DataFrame) -> None:
    ws.append(list(df.columns))
    for c in range(1, len(df.columns) + 1):
        ws.cell(1, c).font = BOLD
    for row in df.itertuples(index=False):
        ws.append([cell(v) for v in row])
    ws.freeze_panes = "A2"
    if len(df.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(df.columns))}{len(df) + 1}"
    for i, column in enumerate(df.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in df[column].head(200) if v is not None and v is not pd.NA])
        ws.column_dimensions[get_column_letter(i)].width = min(max(8, longest + 2), 60)


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's time and the document's modification date fixed, so the bytes do
    not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = MODIFIED.sub(rb"\g<1>" + FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def xlsx_bytes(frames: dict[str, pd.DataFrame], edition: Edition, descriptions: dict[str, str]) -> bytes:
    """The workbook of `frames` ({sheet name: typed frame}) with its README sheet, as .xlsx bytes."""
    wb = Workbook()
    wb.properties.created = wb.properties.modified = FIXED
    wb.properties.creator = "The Repatriation Record project"
    wb.properties.title = f"{edition.title} (edition {edition.version})"
    readme = wb.active
    readme.title = README
    _readme(readme, edition, frames, descriptions)
    for stem, df in frames.items():
        _sheet(wb.create_sheet(stem), df)
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())
