"""Downloads an analyst can use as they are: integers as integers, empty where not stated (never 0), dates
with their precision and parts, ratios rounded, CSVs that spreadsheet programs read in UTF-8, a data
dictionary that documents every column of every file, and a complete sources.csv."""

from __future__ import annotations

import csv
import io
import json
import math
import re

import pandas as pd
import pytest

from repatriation import columns, downloads, export, figure_data, figures, typed
from repatriation.pipeline import run


@pytest.fixture(scope="module")
def results():
    return run()


@pytest.fixture(scope="module")
def frames(results):
    return downloads.tables(results)


@pytest.fixture(scope="module")
def exported(results, tmp_path_factory):
    out = tmp_path_factory.mktemp("downloads") / "out"
    export.export(results, out, images=False)  # every data file; the images are tested in test_reproducible
    return out


def read(path) -> pd.DataFrame:
    """A CSV as an analyst's pandas reads it, with no options."""
    return pd.read_csv(path)


# ---------------------------------------------------------------- types


def test_every_column_of_every_table_has_its_documented_type(frames):
    for stem, df in frames.items():
        for column in df.columns:
            kind, meaning = columns.describe(stem, column)
            assert kind in columns.TYPES and len(meaning) > 10, (stem, column)
            values = df[column]
            if kind == "integer":
                assert str(values.dtype) == "Int64", (stem, column, values.dtype)
            elif kind == "number":
                assert values.dtype == float, (stem, column)
            elif kind == "boolean":
                assert str(values.dtype) == "boolean", (stem, column)
            else:
                assert all(v is None or isinstance(v, str) for v in values), (stem, column)


def test_counts_are_integers_in_the_csv_as_an_analyst_reads_it(exported):
    events = read(exported / "events.csv")
    assert events.columns[0] == "event_id"  # the byte-order mark is not part of the first name
    for column in ("year", "n_reports"):
        assert events[column].dtype == "int64", column
    raw = (exported / "events.csv").read_text(encoding="utf-8-sig")
    assert not re.search(r",\d+\.0(,|\n)", raw), "a count written as a float"
    people = [row["people"] for row in csv.DictReader(io.StringIO(raw)) if row["people"]]
    assert people and all(p.isdigit() for p in people)


def test_not_stated_is_empty_never_zero(frames, results):
    states = frames["states"].set_index("country")
    # no event of Iraq states women: the sum is empty, not 0
    iraq_events = results.events[results.events["country"] == "IRQ"]
    assert iraq_events["women"].isna().all()
    assert pd.isna(states.loc["IRQ", "women"])
    assert states.loc["IRQ", "people"] > 0
    # a stated zero stays 0: the fixture of a report of 0 men is covered by the reports table
    reports = frames["reports"]
    raw = results.reports.set_index("line")
    for line, men in zip(reports["line"], reports["men"]):
        assert (pd.isna(men) and pd.isna(raw.loc[line, "men"])) or men == raw.loc[line, "men"]


def test_dates_carry_their_precision_and_parts(frames):
    for stem, column in (("events", "date"), ("detained", "as_of"), ("stated_totals", "as_of"), ("contingents", "as_of")):
        df = frames[stem]
        precision = df[f"{column}_precision"]
        assert set(precision) <= {"day", "month", "year"} and len(set(precision)) >= 2, stem
        for text, p, y, m, d in zip(df[column], precision, df["year"], df["month"], df["day"]):
            parts = text.split("-")
            assert y == int(parts[0]) and p == {1: "year", 2: "month", 3: "day"}[len(parts)], (stem, text)
            assert (pd.isna(m) if len(parts) < 2 else m == int(parts[1])), (stem, text)
            assert (pd.isna(d) if len(parts) < 3 else d == int(parts[2])), (stem, text)


def test_with_date_parts_never_guesses_a_first_day():
    df = typed.with_date_parts(pd.DataFrame({"date": ["2019", "2019-03", "2019-03-07"]}), "date")
    assert list(df.columns) == ["date", "year", "month", "day"]
    assert df["month"].tolist()[1:] == [3, 3] and pd.isna(df["month"][0])
    assert pd.isna(df["day"][1]) and df["day"][2] == 7


def test_ratios_are_rounded_to_what_the_data_support(frames):
    share = frames["contingent_share"]
    for column in ("per100_low", "per100_high", "per100_mid"):
        for x in share[column].dropna():
            assert typed.round_significant(x) == x, (column, x)
    assert typed.round_significant(111.2) == 110 and typed.round_significant(0.4321) == 0.43
    assert typed.round_significant(62.70588) == 63 and typed.round_significant(0) == 0
    assert math.isnan(typed.round_significant(float("nan")))


def test_typed_refuses_a_count_that_is_not_whole_and_a_column_it_cannot_describe():
    with pytest.raises(ValueError, match="not whole"):
        typed.typed(pd.DataFrame({"people": [1.5]}), "events")
    with pytest.raises(KeyError, match="not documented"):
        typed.typed(pd.DataFrame({"mystery": [1]}), "events")


# ---------------------------------------------------------------- spreadsheets and UTF-8


def test_csv_is_utf8_with_a_byte_order_mark_and_round_trips_non_ascii_text(exported, frames):
    for path in [*exported.glob("*.csv"), *exported.glob("figures/*.csv")]:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf"), path.name
        assert b"\r" not in data, path.name
        data.decode("utf-8")
    sources = frames["sources"]
    non_ascii = sources[sources["publisher"].fillna("").map(lambda t: any(ord(c) > 127 for c in t))
                        | sources["title"].fillna("").map(lambda t: any(ord(c) > 127 for c in t))]
    assert len(non_ascii), "the check needs a source with text beyond ASCII"
    back = pd.read_csv(exported / "sources.csv", keep_default_na=False).set_index("key")
    for row in non_ascii.itertuples():
        assert back.loc[row.key, "title"] == row.title and back.loc[row.key, "publisher"] == (row.publisher or "")
    # what Excel does without the mark: read the bytes as Windows-1252 (mojibake); with it, it reads UTF-8
    sample = next(t for t in [*non_ascii["title"], *non_ascii["publisher"].dropna()] if any(ord(c) > 127 for c in t))
    assert sample.encode("utf-8").decode("cp1252", errors="replace") != sample


def test_booleans_are_true_and_false(exported):
    cells = {row["counted"] for row in csv.DictReader(io.StringIO((exported / "events.csv").read_text(encoding="utf-8-sig")))}
    assert cells <= {"true", "false"} and "true" in cells


# ---------------------------------------------------------------- the dictionary documents every column


def dictionary_sections(text: str) -> dict[str, list[str]]:
    """{file heading: [documented column, ...]} from the Markdown dictionary."""
    out, current = {}, None
    for line in text.splitlines():
        if line.startswith("### "):
            current = line[4:].strip()
            out[current] = []
        elif line.startswith("## "):
            current = None
        elif current and line.startswith("| ") and not line.startswith(("| column", "| ---")):
            out[current].append(line.split("|")[1].strip())
    return out


def test_the_dictionary_documents_every_column_of_every_downloaded_csv(exported):
    sections = dictionary_sections((exported / export.DICTIONARY).read_text(encoding="utf-8"))
    csvs = sorted(p.relative_to(exported).as_posix() for p in exported.rglob("*.csv"))
    assert len(csvs) == len(downloads.TABLES) + len(figures.RECIPES)
    for name in csvs:
        header = next(csv.reader(io.StringIO((exported / name).read_text(encoding="utf-8-sig"))))
        assert sections.get(name) == header, f"{name}: the dictionary documents {sections.get(name)}, the file has {header}"


def test_the_dictionary_documents_every_key_of_the_json_files(exported):
    text = (exported / export.DICTIONARY).read_text(encoding="utf-8")
    documented = set(columns.JSON_KEYS) | set(columns.EDITION_KEYS)
    for path in [exported / "json" / "index.json", *sorted((exported / "json").glob("*/*.json"))[:40]]:
        obj = json.loads(path.read_text(encoding="utf-8"))
        assert set(obj) <= documented, path.name
        assert set(obj["edition"]) == set(columns.EDITION_KEYS)
    for key in documented:
        assert f"| {key} |" in text


def test_the_dictionary_and_the_workbook_say_the_edition(exported, results):
    from repatriation.edition import edition

    ed = edition(results)
    text = (exported / export.DICTIONARY).read_text(encoding="utf-8")
    assert f"Edition {ed.version}; data to {ed.data_to}." in text and ed.citation in text


# ---------------------------------------------------------------- sources as data


def test_sources_csv_has_every_entry_and_every_key_used(frames, results, exported):
    sources = read(exported / "sources.csv")
    assert list(sources.columns[:8]) == ["key", "title", "publisher", "date", "date_precision", "type", "language", "url"]
    assert sorted(sources["key"]) == sorted(results.data.sources["key"])
    assert sources["key"].is_unique and sources["title"].notna().all() and sources["url"].notna().all()
    used = set()
    for stem in ("events", "movements", "reports", "stated_totals", "detained", "contingents"):
        df = frames[stem]
        for column in ("source", "preferred_source", "sources"):
            if column in df.columns:
                used |= {k for v in df[column].dropna() for k in v.split(";")}
    assert used <= set(sources["key"])
    counted = sources.set_index("key")["n_rows"]
    assert counted.sum() == sum(len(results.data.table(t)) for t in
                                ("repatriations", "nationalities", "stated_totals", "detained", "contingents"))


# ---------------------------------------------------------------- each figure's data


@pytest.mark.parametrize("name", sorted(figures.RECIPES))
def test_every_figure_has_a_typed_non_empty_data_table(results, name):
    t = figure_data.table(name, results)
    assert len(t) > 0 and len(t.columns) >= 3
    for column in t.columns:
        columns.describe(name, column)


def test_a_chart_without_a_drawn_table_is_downloaded_as_its_frame_of_documented_columns(results, monkeypatch):
    monkeypatch.delitem(figure_data.DRAWN, "event_sizes")
    with pytest.raises(KeyError, match="date_start"):  # the events frame has columns the dictionary lacks
        figure_data.table("event_sizes", results)
    monkeypatch.setitem(figures.RECIPES, "event_sizes",
                        figures.Recipe("event_sizes", "t", lambda r: r.events[["event_id", "people"]], lambda f: None))
    assert list(figure_data.table("event_sizes", results).columns) == ["event_id", "people"]
