"""Reader-facing views (phrases, population points, repeated figures, stated totals, labels), on the
small fixture (tests/fixtures.py) and on hand-made frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import fixtures
from fixtures import write_data
from repatriation import views
from repatriation.clean import clean_ranges
from repatriation.pipeline import run

NAN = math.nan


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(write_data(tmp_path_factory.mktemp("views") / "data"))


def _results_with_rows(tmp_path, table: str, extra: list[dict]):
    """The fixture's results with `extra` rows appended to one table (the fixture itself is restored)."""
    saved = fixtures.ROWS[table]
    fixtures.ROWS[table] = saved + extra
    try:
        return run(write_data(tmp_path / "data"))
    finally:
        fixtures.ROWS[table] = saved


# --------------------------------------------------------------------------- phrase
@pytest.mark.parametrize("row,expected", [
    ({"value": 10000, "low": NAN, "high": NAN, "qualifier": "about", "estimate": 10000.0}, "about 10,000"),
    ({"value": 35000, "low": NAN, "high": NAN, "qualifier": "more_than", "estimate": 35000.0}, "more than 35,000"),
    ({"value": 12, "low": NAN, "high": NAN, "qualifier": "at_least", "estimate": 12.0}, "at least 12"),
    ({"value": 900, "low": NAN, "high": NAN, "qualifier": "up_to", "estimate": 900.0}, "up to 900"),
    ({"value": 1234567, "low": NAN, "high": NAN, "qualifier": "", "estimate": 1234567.0}, "1,234,567"),
    ({"value": NAN, "low": 400, "high": 500, "qualifier": "", "estimate": 450.0}, "400 to 500"),
    ({"value": pd.NA, "low": 60000, "high": 65000, "qualifier": "", "estimate": 62500.0}, "60,000 to 65,000"),
])
def test_phrase(row, expected):
    assert views.phrase(row) == expected
    assert views.phrase(pd.Series(row)) == expected


def test_phrase_of_the_fixture_rows(results):
    d = results.detained.set_index(["place", "nationality_group", "as_of"])
    assert views.phrase(d.loc[("al_hol", "all", "2019-04")]) == "about 73,000"
    assert views.phrase(d.loc[("al_hol", "all", "2020-06")]) == "60,000 to 65,000"
    assert views.phrase(d.loc[("roj", "national", "2021-01")]) == "more than 200"


# --------------------------------------------------------------------------- series_points
def test_series_points_on_the_fixture(results):
    from repatriation.metrics import detained_series

    p = views.series_points(detained_series(results.detained))
    assert p == {
        "n_points": 3, "n_sources": 2,
        "peak": 73000, "peak_text": "about 73,000", "peak_date": "April 2019", "peak_source": "unsrc",
        "first": 73000, "first_text": "about 73,000", "first_date": "April 2019", "first_source": "unsrc",
        "last": 62000, "last_text": "62,000", "last_date": "January 2021", "last_source": "unsrc",
    }


def _series(rows):
    """A cleaned series from (as_of, value, low, high, qualifier, source)."""
    df = pd.DataFrame([{"as_of": a, "value": v, "low": lo, "high": hi, "qualifier": q, "source": s}
                       for a, v, lo, hi, q, s in rows])
    for c in ("value", "low", "high"):
        df[c] = df[c].astype("Int64")
    return clean_ranges(df)


def test_series_points_peak_in_the_middle_and_a_range_last():
    s = _series([("2019-06", 10, None, None, "", "b"), ("2019-01", 5, None, None, "at_least", "a"),
                 ("2020-03", 80, None, None, "about", "c"), ("2021", None, 30, 40, "", "a")])
    p = views.series_points(s)
    assert (p["n_points"], p["n_sources"]) == (4, 3)
    assert (p["first"], p["first_text"], p["first_date"], p["first_source"]) == (5, "at least 5", "January 2019", "a")
    assert (p["peak"], p["peak_text"], p["peak_date"], p["peak_source"]) == (80, "about 80", "March 2020", "c")
    assert (p["last"], p["last_text"], p["last_date"]) == (35, "30 to 40", "July 2021")  # the middle of a year
    assert all(type(p[k]) is int for k in ("n_points", "n_sources", "peak", "first", "last"))


# --------------------------------------------------------------------------- repeated_figures
def test_repeated_figures_names_the_other_sources_of_the_same_figure(tmp_path):
    r = _results_with_rows(tmp_path, "detained", [
        dict(place="al_hol", nationality_group="all", sex_age="all", as_of="2019-04", value="73000", qualifier="about",
             unit="people", source="mediadeu", note="repeats the UN figure"),
        dict(place="al_hol", nationality_group="all", sex_age="all", as_of="2019-04", value="73000",
             unit="people", source="mediakaz", note="repeats it too"),
    ])
    t = views.repeated_figures(r, "mediadeu")
    assert len(t) == 1
    row = t.iloc[0]
    assert (row["place"], row["as_of"], row["source"]) == ("al_hol", "2019-04", "mediadeu")
    assert row["first_sources"] == "mediakaz;unsrc"
    # a source whose figures nobody else gives: its rows, with no first sources
    alone = views.repeated_figures(r, "ngosrc").set_index(["place", "nationality_group"])
    assert alone.loc[("roj", "national"), "first_sources"] == ""


def test_repeated_figures_of_a_source_with_no_detained_figures_is_empty(results):
    assert views.repeated_figures(results, "govfra").empty


def test_repeated_figures_does_not_match_a_figure_of_another_unit(tmp_path):
    # unsrc gives the camp's population in people and in households on the same date: only the figure
    # in people is the one ngosrc repeats, and unsrc is named once.
    r = _results_with_rows(tmp_path, "detained", [
        dict(place="al_hol", nationality_group="all", sex_age="all", as_of="2020-06", value="62000",
             unit="people", source="unsrc", note="whole camp"),
        dict(place="al_hol", nationality_group="all", sex_age="all", as_of="2020-06", value="17000",
             unit="families", source="unsrc", note="households"),
    ])
    t = views.repeated_figures(r, "ngosrc").set_index(["nationality_group", "unit"])
    assert t.loc[("all", "people"), "first_sources"] == "unsrc"


def test_repeated_figures_does_not_match_a_figure_of_another_nationality_group(tmp_path):
    # The same place, date and ages, but ngosrc's figure of the Iraqis in al-Hol is not the same
    # figure as unsrc's whole population of the camp.
    r = _results_with_rows(tmp_path, "detained", [
        dict(place="al_hol", nationality_group="all", sex_age="all", as_of="2020-06", value="62000",
             unit="people", source="unsrc", note="whole camp"),
    ])
    t = views.repeated_figures(r, "ngosrc").set_index(["nationality_group", "unit"])
    assert t.loc[("all", "people"), "first_sources"] == "unsrc"
    assert t.loc[("iraqi", "people"), "first_sources"] == ""
    assert t.loc[("third_country", "people"), "first_sources"] == ""


# --------------------------------------------------------------------------- stated_for
def test_stated_for_one_state(results):
    fra = views.stated_for(results, "FRA")
    assert len(fra) == 1
    row = fra.iloc[0]
    assert (row["measure"], row["stated"], row["counted"], row["gap"], row["source"]) == ("people", 10, 5, 5, "govfra")
    deu = views.stated_for(results, "DEU")
    assert list(deu["measure"]) == ["children"] and list(deu["stated"]) == [20]
    assert views.stated_for(results, "KAZ").empty
    assert list(fra.index) == [0]


def test_stated_for_sorts_by_date(tmp_path):
    r = _results_with_rows(tmp_path, "stated_totals", [
        dict(country="FRA", as_of="2019-06", origin="syria", scope="all", total="3", source="mediakaz"),
        dict(country="FRA", as_of="2021-01", origin="syria", scope="all", total="12", source="govfra"),
    ])
    t = views.stated_for(r, "FRA")
    assert list(t["as_of"]) == ["2019-06", "2020-01", "2021-01"]
    assert list(t["stated"]) == [3, 10, 12]
    assert list(t.index) == [0, 1, 2]


# --------------------------------------------------------------------------- headline_held
def test_headline_held_labels_group_and_places(tmp_path):
    r = _results_with_rows(tmp_path, "detained", [
        dict(place="nes_camps", nationality_group="third_country", sex_age="all", as_of="2021-01", value="10000",
             qualifier="about", unit="people", source="unsrc"),
        dict(place="nes_all", nationality_group="non_syrian", sex_age="all", as_of="2020-03", low="40000",
             high="45000", unit="people", source="ngosrc"),
        dict(place="nes_camps", nationality_group="third_country", sex_age="children", as_of="2021-01",
             value="7000", unit="people", source="unsrc", note="children only: not a headline"),
        dict(place="nes_camps", nationality_group="third_country", sex_age="all", as_of="2021-02", value="2500",
             unit="families", source="unsrc", note="households: not a headline"),
    ])
    t = views.headline_held(r.detained, r.data.sources)
    assert list(t.columns) == ["Date", "Who and where", "Figure", "Source"]
    assert t.to_dict("records") == [
        {"Date": "2020-03", "Who and where": "Non-Syrians (Iraqis included), camps and prisons",
         "Figure": "40,000 to 45,000", "Source": "ngosrc"},
        {"Date": "2021-01", "Who and where": "Third-country nationals, al-Hol and Roj", "Figure": "about 10,000",
         "Source": "unsrc"},
    ]


def test_headline_held_of_the_fixture_is_empty(results):
    # al-Hol's own figures are not a headline of foreigners held
    assert views.headline_held(results.detained, results.data.sources).empty


# --------------------------------------------------------------------------- source_label
def test_source_label_prefers_the_author(results):
    assert views.source_label(results.data.sources, "govfra") == "Ministry of Foreign Affairs of France, 2019"
    assert views.source_label(results.data.sources, "unsrc") == "UN Office for the Coordination of Humanitarian Affairs, 2021"


def test_source_label_falls_back_to_the_organization():
    sources = pd.DataFrame({"key": ["a", "b"], "author": ["", "Jane Doe"], "organization": ["Org A", "Org B"],
                            "year": ["2020", "2018"]})
    assert views.source_label(sources, "a") == "Org A, 2020"
    assert views.source_label(sources, "b") == "Jane Doe, 2018"


# --------------------------------------------------------------------------- contingent_sources
def test_contingent_sources():
    c = pd.DataFrame({"country": ["FRA", "FRA", "DEU", "KAZ", "FRA"],
                      "measure": ["travelled", "travelled", "travelled", "travelled", "returned"],
                      "source": ["s2", "s1", "s1", "s3", "s4"]})
    assert views.contingent_sources(c, ["FRA", "DEU"]) == ["s1", "s2"]  # sorted, once each, not 'returned'
    assert views.contingent_sources(c, ["KAZ"]) == ["s3"]
    assert views.contingent_sources(c, []) == []


def test_contingent_sources_on_the_fixture(results):
    assert views.contingent_sources(results.contingents, ["FRA", "DEU", "KAZ"]) == ["research"]
    assert views.contingent_sources(results.contingents, ["USA"]) == []


# --------------------------------------------------------------------------- global_children_totals
def test_global_children_totals(tmp_path):
    r = _results_with_rows(tmp_path, "stated_totals", [
        dict(country="WLD", since="2019", as_of="2022-12", origin="all", scope="all", children="3000",
             qualifier="more_than", source="ngosrc"),
        dict(country="WLD", since="2020", as_of="2020", origin="all", scope="all", children="600", source="unsrc"),
        dict(country="WLD", as_of="2021-06", origin="all", scope="all", children="1500", qualifier="about",
             source="unsrc"),
        dict(country="FRA", as_of="2021-06", origin="syria", scope="all", children="99", source="govfra",
             note="one state: not a global total"),
    ])
    t = views.global_children_totals(r)
    assert t.to_dict("records") == [
        {"Period": "2020", "From": "anywhere", "Children": "600", "Sources": "unsrc"},
        {"Period": "up to 2021-06", "From": "anywhere", "Children": "about 1,500", "Sources": "unsrc"},
        {"Period": "2019 to 2022-12", "From": "anywhere", "Children": "more than 3,000", "Sources": "ngosrc"},
    ]


def test_one_figure_given_by_several_sources_is_one_row_and_a_camp_or_libya_figure_is_left_out(tmp_path):
    r = _results_with_rows(tmp_path, "stated_totals", [
        dict(country="WLD", as_of="2020-03", origin="iraq", scope="all", children="828", source="unsrc"),
        dict(country="WLD", as_of="2020-03", origin="iraq", scope="all", children="828", source="ngosrc"),
        dict(country="WLD", as_of="2020-01", origin="libya", scope="all", children="30", source="ngosrc"),
        dict(country="WLD", as_of="2019-10", origin="syria", scope="camps", children="350", source="ngosrc"),
    ])
    assert views.global_children_totals(r).to_dict("records") == [
        {"Period": "up to 2020-03", "From": "Iraq", "Children": "828", "Sources": "ngosrc;unsrc"}]


def test_global_children_totals_leaves_out_totals_without_children(results):
    # the fixture's one WLD row states a total of people, no children
    assert views.global_children_totals(results).empty


# --------------------------------------------------------------------------- one_per_publisher
def test_one_per_publisher_keeps_the_latest_of_each():
    sources = pd.DataFrame({
        "key": ["a1", "a2", "a3", "b1", "c1", "c2"],
        "organization": ["A", "A", "A", "B", "C", "C"],
        "date": ["2019-05-01", "2021", "2020-12-31", "2018-01", "2022-03", "2022-03"],
    })
    assert views.one_per_publisher(sources, ["a1", "a2", "a3", "b1", "c1", "c2"]) == ["a2", "b1", "c2"]
    # only among the keys given, each key once however often it is given
    assert views.one_per_publisher(sources, ["a1", "a3", "a3", "c1"]) == ["a3", "c1"]
    assert views.one_per_publisher(sources, iter(["b1"])) == ["b1"]
    assert views.one_per_publisher(sources, []) == []


def test_one_per_publisher_on_the_fixture(results):
    keys = ["govfra", "govdeu", "mediadeu", "unsrc"]
    assert sorted(views.one_per_publisher(results.data.sources, keys)) == sorted(keys)  # four publishers


def test_a_total_is_called_official_only_when_the_state_itself_stated_it():
    sources = pd.DataFrame([
        {"key": "gov", "organization": "Ministry of X", "sourcetype": "government", "jurisdiction": "KAZ"},
        {"key": "other", "organization": "Ministry of Y", "sourcetype": "government", "jurisdiction": "RUS"},
        {"key": "news", "organization": "Wire", "sourcetype": "media", "jurisdiction": ""}])
    assert views.stated_by(sources, "gov", "KAZ") == "Ministry of X, official"
    assert "official" not in views.stated_by(sources, "other", "KAZ")
    assert views.stated_by(sources, "news", "KAZ") == "Wire, news report"
