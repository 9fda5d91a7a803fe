"""Frames as an analyst downloads them: every column of its documented type (`columns`), dates with their
parts, and the CSV bytes a spreadsheet program opens with the right characters.

The choice about spreadsheets and UTF-8: every downloaded CSV is UTF-8 with a byte-order mark
(`utf-8-sig`). Excel, on Windows and macOS, reads a CSV without the mark in the machine's legacy code
page and turns "Çalışkan" or "الهول" into mojibake; with the mark it reads UTF-8. LibreOffice, Google
Sheets, pandas (`encoding="utf-8"` or `"utf-8-sig"`), R's readr and Python's `csv` with
`encoding="utf-8-sig"` read the mark and drop it. The workbook (`workbook.py`) needs no such choice.
"""

from __future__ import annotations

import math

import pandas as pd

from .columns import DECIMALS, SIGNIFICANT, describe
from .dates import parse_date
from .spreadsheet import neutralised

BOM = "\ufeff"
RATIOS = ("per100_",)


def with_date_parts(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """`df` with `year`, `month` and `day` columns after `column` (a partial ISO date): month and day are
    empty where the date is not that precise, never a guessed 1st."""
    parsed = [parse_date(t) if isinstance(t, str) else None for t in df[column]]
    parts = {
        "year": [p.start.year if p else None for p in parsed],
        "month": [p.start.month if p and p.precision in ("month", "day") else None for p in parsed],
        "day": [p.start.day if p and p.precision == "day" else None for p in parsed],
    }
    out = df.drop(columns=[c for c in parts if c in df.columns])
    at = list(out.columns).index(column) + 1
    if f"{column}_precision" in out.columns:
        at = list(out.columns).index(f"{column}_precision") + 1
    for offset, (name, values) in enumerate(parts.items()):
        out.insert(at + offset, name, pd.array(values, dtype="Int64"))
    return out


def round_significant(x: float, digits: int = SIGNIFICANT) -> float:
    """`x` rounded to `digits` significant digits (NaN and 0 as they are)."""
    if x is None or pd.isna(x) or x == 0:
        return x
    return round(float(x), digits - 1 - int(math.floor(math.log10(abs(x)))))


def _integers(values: pd.Series, where: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="raise").astype("Float64")
    whole = numbers.dropna()
    if not (whole == whole.round()).all():
        raise ValueError(f"{where}: not whole numbers: {list(whole[whole != whole.round()][:3])}")
    return numbers.round().astype("Int64")


def _text(values: pd.Series) -> pd.Series:
    return pd.Series([None if v is None or v == "" or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in values],
                     index=values.index, dtype=object)


def _date_text(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.Series([None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in values], index=values.index, dtype=object)
    return _text(values)


def typed(df: pd.DataFrame, stem: str) -> pd.DataFrame:
    """`df` with every column cast to its documented type for the file `stem` (KeyError for a column that
    is not documented): integers as nullable integers (ValueError if one is not whole), ratios rounded
    to significant digits, other numbers to `DECIMALS` places, dates as ISO text, empty for not stated."""
    out = pd.DataFrame(index=df.index)
    for column in df.columns:
        kind, _ = describe(stem, column)
        values = df[column]
        if kind == "integer":
            out[column] = _integers(values, f"{stem}.{column}")
        elif kind == "number":
            numbers = pd.to_numeric(values, errors="raise").astype(float)
            if column.startswith(RATIOS):
                out[column] = numbers.map(round_significant)
            else:
                out[column] = numbers.round(DECIMALS)
        elif kind == "boolean":
            out[column] = values.astype("boolean")
        elif kind == "date":
            out[column] = _date_text(values)
        else:
            out[column] = _text(values)
    return out.reset_index(drop=True)


def _number(x: float) -> str:
    return format(x, ".15g")


def csv_bytes(df: pd.DataFrame) -> bytes:
    """A typed frame as CSV bytes for spreadsheets: UTF-8 with a byte-order mark (see the module),
    `\\n` line ends, integers without a decimal point, booleans as true/false, empty cells for missing
    values, and every text cell that a spreadsheet would run as a formula neutralised."""
    out = neutralised(df)
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: "true", False: "false"}).astype(object)
    text = out.to_csv(index=False, lineterminator="\n", float_format=_number)
    return (BOM + text).encode("utf-8")
