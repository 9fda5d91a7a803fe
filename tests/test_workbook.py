"""The workbook opened as a spreadsheet program opens it (openpyxl): a README sheet with the edition and a
dictionary of every column of every sheet, one sheet per table with typed cells, and the same bytes
at every build."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from repatriation import columns, downloads, workbook
from repatriation.edition import edition
from repatriation.pipeline import run

SHEETS = ["events", "movements", "reports", "states", "stated_totals", "stated_vs_counted", "detained",
          "contingents", "contingent_share", "sources"]


@pytest.fixture(scope="module")
def made():
    r = run()
    frames = downloads.tables(r)
    ed = edition(r)
    data = workbook.xlsx_bytes(frames, ed, downloads.DESCRIPTIONS)
    return r, frames, ed, data, load_workbook(io.BytesIO(data))


def test_the_workbook_has_a_readme_and_one_sheet_per_table(made):
    _, frames, _, _, wb = made
    assert wb.sheetnames == [workbook.README, *SHEETS] and list(frames) == SHEETS


def readme_facts(ws) -> dict:
    return {row[0]: row[1] for row in ws.iter_rows(min_row=2, max_row=8, values_only=True) if row[0]}


def test_the_readme_says_title_edition_data_to_licence_and_how_to_cite(made):
    _, _, ed, _, wb = made
    facts = readme_facts(wb[workbook.README])
    assert facts["Title"] == ed.title and facts["Edition"] == ed.version and facts["Data to"] == ed.data_to
    assert ed.licence in facts["Licence"] and ed.licence_url in facts["Licence"]
    assert facts["How to cite"] == ed.citation and f"version {ed.version}" in ed.citation


def test_the_readme_dictionary_documents_every_column_of_every_sheet(made):
    _, _, _, _, wb = made
    rows = list(wb[workbook.README].iter_rows(values_only=True))
    start = rows.index(("sheet", "column", "type", "meaning")) + 1
    documented = [(r[0], r[1]) for r in rows[start:] if r[0]]
    in_sheets = [(name, c.value) for name in SHEETS for c in wb[name][1]]
    assert documented == in_sheets
    for sheet, column, kind, meaning in rows[start:]:
        assert (kind, meaning) == columns.describe(sheet, column)


def test_cells_keep_their_types(made):
    _, frames, _, _, wb = made
    for name in SHEETS:
        ws, df = wb[name], frames[name]
        header = [c.value for c in ws[1]]
        assert header == list(df.columns)
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        for i, column in enumerate(header):
            kind, _ = columns.describe(name, column)
            values = [row[i] for row in rows]
            assert len(values) == len(df)
            present = [v for v in values if v is not None]
            if kind == "integer":
                assert all(type(v) is int for v in present), (name, column)
            elif kind == "boolean":
                assert all(type(v) is bool for v in present), (name, column)
            elif kind in ("text", "code", "date"):
                assert all(isinstance(v, str) for v in present), (name, column)
            # empty where not stated, never 0: the cells are empty exactly where the table is
            assert [v is None for v in values] == [pd.isna(x) for x in df[column]], (name, column)


def test_not_stated_is_an_empty_cell_and_text_is_intact(made):
    _, frames, _, _, wb = made
    ws = wb["states"]
    header = [c.value for c in ws[1]]
    iraq = next(row for row in ws.iter_rows(min_row=2, values_only=True) if row[0] == "IRQ")
    assert iraq[header.index("women")] is None and iraq[header.index("people")] > 0
    titles = [row[1] for row in wb["sources"].iter_rows(min_row=2, values_only=True)]
    assert titles == list(frames["sources"]["title"])
    assert any(any(ord(ch) > 127 for ch in t) for t in titles + [r[2] for r in wb["sources"].iter_rows(min_row=2, values_only=True) if r[2]])


def test_the_workbook_is_the_same_at_every_build(made):
    r, frames, ed, data, _ = made
    again = workbook.xlsx_bytes(downloads.tables(r), ed, downloads.DESCRIPTIONS)
    assert again == data


def test_cell_values():
    assert workbook.cell(None) is None and workbook.cell(pd.NA) is None and workbook.cell(float("nan")) is None
    assert workbook.cell(True) is True and type(workbook.cell(pd.array([3], dtype="Int64")[0])) is int
    assert workbook.cell("=1+1") == "'=1+1" and workbook.cell(-2) == -2 and workbook.cell("al-Hol") == "al-Hol"
