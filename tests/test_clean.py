"""Cleaning on small inputs: bounds from qualifiers and ranges, people from totals or parts, dates, countries."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from repatriation import clean
from repatriation.countries import UnknownCountry

NAN = float("nan")


def same(a, b) -> bool:
    return all((math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(a, b, strict=True))


# --------------------------------------------------------------------------- bounds
@pytest.mark.parametrize("qualifier,expected", [
    ("", (120.0, 120.0, 120.0)),
    ("about", (120.0, 120.0, 120.0)),
    ("at_least", (120.0, 120.0, NAN)),
    ("more_than", (120.0, 120.0, NAN)),
    ("up_to", (120.0, NAN, 120.0)),
])
def test_bounds_for_each_qualifier(qualifier, expected):
    got = clean.bounds(120, qualifier)
    assert same(got, expected), got
    assert all(isinstance(x, float) for x in got)


def test_bounds_of_a_stated_range_keep_its_ends_and_have_no_value():
    got = clean.bounds(None, "", 60000, 65000)
    assert same(got, (NAN, 60000.0, 65000.0))


def test_bounds_of_a_range_accept_pandas_missing_values():
    assert same(clean.bounds(pd.NA, "about", 5, 9), (NAN, 5.0, 9.0))
    assert same(clean.bounds(pd.NA, "", pd.NA, pd.NA), (NAN, NAN, NAN))


def test_bounds_with_a_value_ignore_low_and_high():
    assert same(clean.bounds(10, "", 1, 100), (10.0, 10.0, 10.0))


def test_bounds_of_zero_is_zero_not_missing():
    assert same(clean.bounds(0, ""), (0.0, 0.0, 0.0))


# --------------------------------------------------------------------------- people
def _row(**values) -> pd.Series:
    base = {c: pd.NA for c in ("men", "women", "children", "orphans", "families", "total")}
    base.update(values)
    return pd.Series(base, dtype="Int64")


def test_people_is_the_stated_total_when_there_is_one():
    assert clean.people(_row(men=5, women=11, children=30, total=47)) == (47.0, "total")


def test_people_is_the_total_even_without_parts():
    assert clean.people(_row(total=4)) == (4.0, "total")


def test_people_is_the_sum_of_parts_without_a_total():
    assert clean.people(_row(men=0, women=1, children=4)) == (5.0, "sum_of_parts")


def test_people_sums_only_the_stated_parts():
    assert clean.people(_row(women=3, children=7)) == (10.0, "sum_of_parts")


def test_people_ignores_orphans_and_families_in_the_sum():
    assert clean.people(_row(children=7, orphans=7, families=3)) == (7.0, "sum_of_parts")


def test_people_without_any_number_is_nan():
    n, basis = clean.people(_row(families=2))
    assert math.isnan(n) and basis == "none"


# --------------------------------------------------------------------------- add_dates
def test_add_dates_adds_start_end_middle_precision_and_year():
    df = pd.DataFrame({"date": ["2019-03-15", "2019-03", "2019"], "x": [1, 2, 3]})
    out = clean.add_dates(df, "date")
    assert list(out["date_precision"]) == ["day", "month", "year"]
    assert list(out["date_start"]) == [pd.Timestamp("2019-03-15"), pd.Timestamp("2019-03-01"), pd.Timestamp("2019-01-01")]
    assert list(out["date_end"]) == [pd.Timestamp("2019-03-15"), pd.Timestamp("2019-03-31"), pd.Timestamp("2019-12-31")]
    assert list(out["date_mid"]) == [pd.Timestamp("2019-03-15"), pd.Timestamp("2019-03-16"), pd.Timestamp("2019-07-02")]
    assert list(out["year"]) == [2019, 2019, 2019]
    assert pd.api.types.is_datetime64_any_dtype(out["date_start"])
    assert list(out["x"]) == [1, 2, 3]
    assert "date_start" not in df  # the input is not changed


def test_add_dates_with_a_prefix():
    out = clean.add_dates(pd.DataFrame({"as_of": ["2021-01"]}), "as_of", prefix="ref")
    assert {"ref_start", "ref_end", "ref_mid", "ref_precision", "year"} <= set(out.columns)
    assert out["ref_end"].iloc[0] == pd.Timestamp("2021-01-31")


def test_add_dates_rejects_a_date_that_is_not_real():
    with pytest.raises(ValueError, match="2019-02-30"):
        clean.add_dates(pd.DataFrame({"date": ["2019-03", "2019-02-30"]}), "date")


# --------------------------------------------------------------------------- countries
def test_with_country_adds_names_and_regions():
    df = pd.DataFrame({"country": ["FRA", "IRQ", "KAZ", "XKX", "WLD", "TTO"]})
    out = clean.with_country(df)
    assert list(out["country_name"]) == ["France", "Iraq", "Kazakhstan", "Kosovo", "All receiving states",
                                         "Trinidad and Tobago"]
    assert list(out["region"]) == ["Europe, North America and Oceania", "Iraq", "Central Asia, Russia and the Caucasus",
                                   "Western Balkans", "All", "Latin America and the Caribbean"]


def test_with_country_on_another_column():
    out = clean.with_country(pd.DataFrame({"nationality": ["DEU"]}), column="nationality")
    assert out["country_name"].iloc[0] == "Germany"


@pytest.mark.parametrize("code", ["ZZZ", "FR", "", "QQQ"])
def test_with_country_raises_unknown_country_on_an_unknown_code(code):
    with pytest.raises(UnknownCountry):
        clean.with_country(pd.DataFrame({"country": ["FRA", code]}))


def test_unknown_country_is_a_key_error():
    assert issubclass(UnknownCountry, KeyError)


# --------------------------------------------------------------------------- whole tables
def _reports() -> pd.DataFrame:
    rows = [
        dict(line=2, event_id="FRA-2019-03", country="FRA", date="2019-03", men=pd.NA, women=pd.NA, children=5,
             total=5, qualifier=""),
        dict(line=3, event_id="USA-2020-10", country="USA", date="2020-10", men=pd.NA, women=pd.NA, children=pd.NA,
             total=27, qualifier="more_than"),
        dict(line=4, event_id="DEU-2019-08-19", country="DEU", date="2019-08-19", men=0, women=1, children=4,
             total=pd.NA, qualifier="up_to"),
    ]
    df = pd.DataFrame(rows)
    for c in ("men", "women", "children", "orphans", "families", "total"):
        df[c] = pd.array(df[c] if c in df else [pd.NA] * len(df), dtype="Int64")
    return df


def test_clean_repatriations_people_bounds_and_breakdown():
    out = clean.clean_repatriations(_reports())
    assert list(out["people"]) == [5.0, 27.0, 5.0]
    assert list(out["people_basis"]) == ["total", "total", "sum_of_parts"]
    assert out["people_low"].iloc[1] == 27.0 and math.isnan(out["people_high"].iloc[1])
    assert math.isnan(out["people_low"].iloc[2]) and out["people_high"].iloc[2] == 5.0
    assert list(out["has_breakdown"]) == [False, False, True]
    assert list(out["country_name"]) == ["France", "United States", "Germany"]
    assert list(out["date_precision"]) == ["month", "month", "day"]


def test_clean_ranges_estimate_is_the_value_or_the_middle_of_the_range():
    df = pd.DataFrame({
        "as_of": ["2019-04", "2020-06", "2021-01"],
        "value": pd.array([73000, pd.NA, 200], dtype="Int64"),
        "low": pd.array([pd.NA, 60000, pd.NA], dtype="Int64"),
        "high": pd.array([pd.NA, 65000, pd.NA], dtype="Int64"),
        "qualifier": ["about", "", "more_than"],
    })
    out = clean.clean_ranges(df)
    assert list(out["estimate"]) == [73000.0, 62500.0, 200.0]
    assert list(out["estimate_basis"]) == ["stated", "range_middle", "stated"]
    assert list(out["low_f"]) == [73000.0, 60000.0, 200.0]
    assert out["high_f"].iloc[1] == 65000.0 and math.isnan(out["high_f"].iloc[2])
    assert list(out["as_of_precision"]) == ["month", "month", "month"]
