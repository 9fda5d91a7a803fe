"""Cleaning: dates with their precision, qualifiers into value/low/high, country names and regions."""

from __future__ import annotations

import math

import pandas as pd

from . import countries
from .dates import parse_date

COUNTS = ("men", "women", "children", "orphans", "families", "total")
OPEN_ABOVE = ("at_least", "more_than")


def add_dates(df: pd.DataFrame, column: str, prefix: str | None = None) -> pd.DataFrame:
    """Add `<prefix>_start`, `_end`, `_mid` (Timestamps), `_precision` and `year` for a partial-date column."""
    prefix = prefix or column
    parsed = [parse_date(t) for t in df[column]]
    if any(p is None for p in parsed):
        bad = [t for t, p in zip(df[column], parsed) if p is None]
        raise ValueError(f"cannot parse dates in column {column!r}: {bad[:5]}")
    out = df.copy()
    out[f"{prefix}_start"] = pd.to_datetime([p.start for p in parsed])
    out[f"{prefix}_end"] = pd.to_datetime([p.end for p in parsed])
    out[f"{prefix}_mid"] = pd.to_datetime([p.middle for p in parsed])
    out[f"{prefix}_precision"] = [p.precision for p in parsed]
    out["year"] = [p.start.year for p in parsed]
    return out


def bounds(value, qualifier: str, low=None, high=None) -> tuple[float, float, float]:
    """(value, low, high) for a stated number and its qualifier; NaN where a side is open or unknown.

    An exact or "about" figure is its own low and high; "at least"/"more than" leave high open;
    "up to" leaves low open; a stated range keeps its ends and has no single value.
    """
    nan = math.nan
    v = nan if value is None or pd.isna(value) else float(value)
    lo = nan if low is None or pd.isna(low) else float(low)
    hi = nan if high is None or pd.isna(high) else float(high)
    if math.isnan(v):
        return nan, lo, hi
    if qualifier in OPEN_ABOVE:
        return v, v, nan
    if qualifier == "up_to":
        return v, nan, v
    return v, v, v


def people(row) -> tuple[float, str]:
    """The number of people a report states, and how it was found: 'total' or 'sum_of_parts'.

    The stated total wins; without one, the stated men, women and children are added up in code
    (never by hand in the data), which may undercount when a group is left unstated.
    """
    if not pd.isna(row["total"]):
        return float(row["total"]), "total"
    parts = [row[c] for c in ("men", "women", "children") if not pd.isna(row[c])]
    if parts:
        return float(sum(parts)), "sum_of_parts"
    return math.nan, "none"


def with_country(df: pd.DataFrame, column: str = "country") -> pd.DataFrame:
    """Add `country_name` and `region`; UnknownCountry on an unknown code (WLD stays 'All states')."""
    out = df.copy()
    out["country_name"] = [("All receiving states" if c == "WLD" else countries.name(c)) for c in out[column]]
    out["region"] = [("All" if c == "WLD" else countries.region(c)) for c in out[column]]
    return out


def clean_repatriations(df: pd.DataFrame) -> pd.DataFrame:
    """One clean row per report: dates, people with its basis, low/high from the qualifier, names, regions."""
    out = add_dates(df, "date")
    found = [people(r) for _, r in out.iterrows()]
    out["people"] = [p for p, _ in found]
    out["people_basis"] = [b for _, b in found]
    b = [bounds(p, q) for p, q in zip(out["people"], out["qualifier"])]
    out["people_low"] = [x[1] for x in b]
    out["people_high"] = [x[2] for x in b]
    out["has_breakdown"] = out[["men", "women", "children"]].notna().sum(axis=1) >= 2
    return with_country(out)


def clean_ranges(df: pd.DataFrame, date_column: str = "as_of") -> pd.DataFrame:
    """Detained and contingent rows: dates, and value/low/high with a point estimate `estimate`.

    The estimate is the stated value, or the middle of a stated range when only a range is given
    (`estimate_basis` says which).
    """
    out = add_dates(df, date_column)
    b = [bounds(v, q, lo, hi) for v, q, lo, hi in zip(out["value"], out["qualifier"], out["low"], out["high"])]
    out["value_f"] = [x[0] for x in b]
    out["low_f"] = [x[1] for x in b]
    out["high_f"] = [x[2] for x in b]
    mid = (out["low_f"] + out["high_f"]) / 2
    out["estimate"] = out["value_f"].where(out["value_f"].notna(), mid)
    out["estimate_basis"] = ["stated" if not math.isnan(v) else "range_middle" for v in out["value_f"]]
    return out
