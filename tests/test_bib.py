"""The bibliography: plain values, a good entry parsed into a row, each field problem on the field's line."""

from __future__ import annotations

from datetime import date

import pytest

from fixtures import SOURCES_BIB, bib_line
from repatriation.bib import COLUMNS, plain, read_sources

TODAY = date(2026, 1, 1)

GOOD = """\
% a comment before the first entry
@misc{govfra2019,
  title = {Retour de mineurs fran{\\c c}ais depuis la {Syrie}},
  author = {{Minist{\\`e}re de l'Europe et des Affaires {\\'e}trang{\\`e}res}},
  organization = {Ministry of Foreign Affairs of France},
  date = {2019-03-15},
  year = {2019},
  month = {mar},
  url = {https://www.diplomatie.gouv.fr/fr/a?b=c},
  urldate = {2025-01-15},
  sourcetype = {government},
  jurisdiction = {FRA},
  language = {fr},
  note = {Press
          statement}
}
"""


def write(tmp_path, text: str):
    path = tmp_path / "sources.bib"
    path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path, text: str):
    return read_sources(write(tmp_path, text), today=TODAY)


# --------------------------------------------------------------------------- plain
@pytest.mark.parametrize("value,expected", [
    ("{ISIS} fighters", "ISIS fighters"),
    ("{{The Defense Post}}", "The Defense Post"),
    ("  two\n   lines\tand  tabs ", "two lines and tabs"),
    ("no braces", "no braces"),
    ("", ""),
    ("{}", ""),
])
def test_plain(value, expected):
    assert plain(value) == expected


# --------------------------------------------------------------------------- a good entry
def test_a_good_entry_gives_one_row_and_no_problem(tmp_path):
    df, problems = read(tmp_path, GOOD)
    assert problems == []
    assert list(df.columns) == COLUMNS
    assert len(df) == 1
    row = df.iloc[0]
    assert row["key"] == "govfra2019"
    assert row["line"] == 2
    assert row["entrytype"] == "misc"
    assert row["date"] == "2019-03-15" and row["year"] == "2019" and row["urldate"] == "2025-01-15"
    assert row["url"] == "https://www.diplomatie.gouv.fr/fr/a?b=c"
    assert (row["sourcetype"], row["jurisdiction"], row["language"]) == ("government", "FRA", "fr")
    assert row["organization"] == "Ministry of Foreign Affairs of France"
    assert "{" not in row["title"] and "Syrie" in row["title"]
    assert row["note"] == "Press statement"
    assert row["author"] and "{" not in row["author"]


def test_the_fixture_bibliography_is_good(tmp_path):
    df, problems = read(tmp_path, SOURCES_BIB)
    assert problems == []
    assert list(df["key"]) == ["mediakaz", "govfra", "govdeu", "mediadeu", "unsrc", "ngosrc", "research"]
    assert list(df["line"]) == [bib_line(SOURCES_BIB, k) for k in df["key"]]


def test_local_administration_is_a_jurisdiction(tmp_path):
    _, problems = read(tmp_path, GOOD.replace("{FRA}", "{AANES}"))
    assert problems == []


def test_month_and_year_precision_dates_are_accepted(tmp_path):
    text = GOOD.replace("date = {2019-03-15}", "date = {2019-03}")
    assert read(tmp_path, text)[1] == []
    text = GOOD.replace("date = {2019-03-15}", "date = {2019}").replace("  month = {mar},\n", "")
    assert read(tmp_path, text)[1] == []


# --------------------------------------------------------------------------- field problems, located
def field_line(text: str, field: str) -> int:
    return bib_line(text, "govfra2019", field)


def with_value(field: str, value: str) -> str:
    lines = GOOD.splitlines(keepends=True)
    at = field_line(GOOD, field)
    old = lines[at - 1]
    lines[at - 1] = old[: old.index("{") + 1] + value + "},\n"
    return "".join(lines)


def without(field: str) -> str:
    lines = GOOD.splitlines(keepends=True)
    at = field_line(GOOD, field)
    return "".join(lines[: at - 1] + lines[at:])


BAD_VALUES = [
    ("date", "2019-02-30", "date", "not a real"),
    ("date", "15 March 2019", "date", "not a real"),
    ("date", "2027-01-01", "date", "in the future"),
    ("year", "2018", "year", "year does not agree with date"),
    ("month", "apr", "month", "month does not agree with date"),
    ("month", "Marc", "month", "month must be"),
    ("month", "13", "month", "month must be"),
    ("urldate", "2025-01", "urldate", "urldate must be a real YYYY-MM-DD"),
    ("urldate", "2025-02-30", "urldate", "urldate must be a real YYYY-MM-DD"),
    ("urldate", "2026-06-01", "urldate", "access date is in the future"),
    ("url", "www.example.org/page", "url", "url must start with http"),
    ("url", "https://example.org/a page", "url", "url must start with http"),
    ("sourcetype", "blog", "sourcetype", "sourcetype must be one of"),
    ("jurisdiction", "France", "jurisdiction", "jurisdiction must be an ISO3 code or AANES"),
    ("jurisdiction", "", "sourcetype", "a government source needs a jurisdiction"),
]


@pytest.mark.parametrize("field,value,reported,rule", BAD_VALUES, ids=[f"{f}={v!r}" for f, v, _, _ in BAD_VALUES])
def test_a_bad_value_is_located_on_the_field_line(tmp_path, field, value, reported, rule):
    text = with_value(field, value)
    _, problems = read(tmp_path, text)
    hits = [p for p in problems if rule in p.rule]
    assert len(hits) == 1, problems
    p = hits[0]
    assert (p.file, p.line, p.column) == ("sources.bib", field_line(text, reported), reported)
    assert "govfra2019" in p.rule


@pytest.mark.parametrize("field", ["title", "author", "organization", "date", "year", "url", "urldate", "sourcetype"])
def test_a_missing_required_field_is_located_on_the_entry_line(tmp_path, field):
    text = without(field)
    if field == "date":
        text = text.replace("  month = {mar},\n", "")
    _, problems = read(tmp_path, text)
    hits = [p for p in problems if f"required field '{field}' is missing" in p.rule]
    assert len(hits) == 1, problems
    assert (hits[0].line, hits[0].column) == (2, field)


def test_an_empty_required_field_counts_as_missing_on_its_line(tmp_path):
    text = with_value("title", "")
    _, problems = read(tmp_path, text)
    assert [(p.line, p.column) for p in problems] == [(field_line(text, "title"), "title")]
    assert "required field 'title' is missing" in problems[0].rule


@pytest.mark.parametrize("month", ["{mar}", "mar", "{March}", "{march}"])
def test_month_as_macro_or_name_agreeing_with_date_is_accepted(tmp_path, month):
    _, problems = read(tmp_path, GOOD.replace("month = {mar}", f"month = {month}"))
    assert problems == []


@pytest.mark.parametrize("month", ["apr", "{April}"])
def test_month_as_macro_or_name_disagreeing_with_date_is_located(tmp_path, month):
    text = GOOD.replace("month = {mar}", f"month = {month}")
    _, problems = read(tmp_path, text)
    assert [(p.line, p.column, p.value) for p in problems] == [(field_line(text, "month"), "month", "apr")]
    assert "month does not agree with date" in problems[0].rule


def test_a_field_after_a_blank_line_is_located_on_its_own_line(tmp_path):
    text = GOOD.replace("  url = {https://www.diplomatie.gouv.fr/fr/a?b=c},",
                        "\n  url = {www.diplomatie.gouv.fr/fr/a?b=c},")
    _, problems = read(tmp_path, text)
    assert [(p.line, p.column) for p in problems] == [(field_line(text, "url"), "url")]


def test_a_field_name_in_upper_case_is_found(tmp_path):
    text = GOOD.replace("  year = {2019},", "  YEAR = {2018},")
    _, problems = read(tmp_path, text)
    assert [(p.line, p.column) for p in problems] == [(text.splitlines().index("  YEAR = {2018},") + 1, "year")]


def test_duplicate_key_is_located_on_the_second_entry(tmp_path):
    text = GOOD + "\n" + GOOD.split("\n", 1)[1]
    df, problems = read(tmp_path, text)
    second = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith("@misc{govfra2019,")][1]
    assert [(p.line, p.column, p.value) for p in problems] == [(second, "key", "govfra2019")]
    assert "first defined on line 2" in problems[0].rule
    assert len(df) == 1


def test_key_with_other_characters_is_reported(tmp_path):
    _, problems = read(tmp_path, GOOD.replace("@misc{govfra2019,", "@misc{Gov-FRA_2019,"))
    assert [(p.line, p.column, p.value) for p in problems] == [(2, "key", "Gov-FRA_2019")]


def test_an_entry_that_cannot_be_parsed_is_reported_with_its_key(tmp_path):
    text = GOOD.replace("  language = {fr},", "  language = {fr,")
    _, problems = read(tmp_path, text)
    assert len(problems) == 1
    assert problems[0].value == "govfra2019" and "cannot be parsed" in problems[0].rule
    assert 2 <= problems[0].line <= len(text.splitlines()) + 1


def test_no_entry_at_all(tmp_path):
    df, problems = read(tmp_path, "% only a comment\n")
    assert df.empty and list(df.columns) == COLUMNS
    assert [(p.line, p.rule) for p in problems] == [(1, "no BibTeX entry found")]


def test_missing_file(tmp_path):
    df, problems = read_sources(tmp_path / "nope.bib", today=TODAY)
    assert df.empty
    assert [(p.file, p.rule) for p in problems] == [("sources.bib", "file is missing")]


def test_not_utf8_is_located(tmp_path):
    path = tmp_path / "sources.bib"
    path.write_bytes(GOOD.replace("Press", "Pr\udce9ss").encode("utf-8", "surrogateescape"))
    _, problems = read_sources(path, today=TODAY)
    line = GOOD.splitlines().index("  note = {Press") + 1
    assert [(p.line, p.column, p.value) for p in problems] == [(line, "byte 13", "0xe9")]


def test_today_defaults_to_the_real_date(tmp_path):
    _, problems = read_sources(write(tmp_path, with_value("urldate", f"{date.today().year + 1}-01-01")))
    assert [p.column for p in problems] == ["urldate"]
