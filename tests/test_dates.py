"""Partial dates: a day, a month or a year, with the first, last and middle day they stand for."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from repatriation.dates import PartialDate, parse_date


def test_day_precision():
    d = parse_date("2019-03-15")
    assert isinstance(d, PartialDate)
    assert (d.text, d.precision, d.start, d.end, d.middle) == (
        "2019-03-15", "day", date(2019, 3, 15), date(2019, 3, 15), date(2019, 3, 15))


def test_month_precision():
    d = parse_date("2019-02")
    assert (d.precision, d.start, d.end) == ("month", date(2019, 2, 1), date(2019, 2, 28))
    assert d.middle == date(2019, 2, 14)


def test_month_precision_in_a_leap_year_ends_on_the_29th():
    assert parse_date("2020-02").end == date(2020, 2, 29)


@pytest.mark.parametrize("text,last", [("2019-01", 31), ("2019-04", 30), ("2019-12", 31), ("2100-02", 28)])
def test_month_ends_on_its_last_day(text, last):
    d = parse_date(text)
    assert d.end.day == last and d.end.month == int(text[5:]) and d.start.day == 1


def test_year_precision():
    d = parse_date("2019")
    assert (d.precision, d.start, d.end) == ("year", date(2019, 1, 1), date(2019, 12, 31))
    assert d.middle == date(2019, 7, 2)


@pytest.mark.parametrize("text", ["2019", "2019-03", "2019-03-15", "2020-02", "2024"])
def test_middle_lies_between_start_and_end(text):
    d = parse_date(text)
    assert d.start <= d.middle <= d.end


def test_middle_is_sortable_across_precisions():
    texts = ["2019", "2019-01", "2019-12-31", "2018-12-31"]
    middles = [parse_date(t).middle for t in texts]
    assert sorted(zip(middles, texts))[0][1] == "2018-12-31"
    assert parse_date("2019-01").middle < parse_date("2019").middle < parse_date("2019-12-31").middle


@pytest.mark.parametrize("text", [
    "2019-02-30", "2019-02-29", "2019-04-31", "2019-13", "2019-00", "2019-01-00", "2019-01-32", "0000",
    "19-01-01", "2019/01/01", "2019-1-5", "2019-01-5", " 2019", "2019 ", "2019-03-15T00:00", "abcd", "",
    "20190315", "2019-", "15.03.2019",
])
def test_invalid_dates_give_none(text):
    assert parse_date(text) is None


def test_none_gives_none():
    assert parse_date(None) is None


def test_leap_day_is_real_in_a_leap_year():
    assert parse_date("2020-02-29").start == date(2020, 2, 29)


def test_partial_date_is_immutable():
    d = parse_date("2019")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.precision = "day"
