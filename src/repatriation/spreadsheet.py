"""Cells that a spreadsheet would run as a formula, made inert: for the exported CSVs and any workbook."""

from __future__ import annotations

import pandas as pd

# What makes a spreadsheet read a cell as a formula: =, +, - and @ at its start; tab and carriage
# return are included because some spreadsheets skip them before looking for those characters.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """The value as it may be written into a spreadsheet cell without being run as a formula.

    The rule: a text value (a `str`) that starts with `=`, `+`, `-` or `@` (or a tab or a carriage
    return) gets a single quote `'` in front of it, which spreadsheets show as text; every other text
    is left as it is. Anything that is not text (an int, a float, NaN, a date) is returned unchanged:
    a negative number is a number, not a formula. Apply it to each cell before writing a CSV (see
    `csv_bytes`) or a workbook (e.g. each cell value given to openpyxl).
    """
    return "'" + value if _runs_as_formula(value) else value


def _runs_as_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with `neutralise` applied to every text cell; numeric columns are not touched, and a
    column in which no cell changes keeps its values and type exactly."""
    out = df.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_numeric_dtype(values):
            continue
        if any(_runs_as_formula(v) for v in values):
            out[column] = pd.Series([neutralise(v) for v in values], index=values.index, dtype=object)
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    """`df` as UTF-8 CSV bytes (no index, `\\n` line ends), every text cell neutralised for spreadsheets."""
    return neutralised(df).to_csv(index=False, lineterminator="\n").encode("utf-8")
