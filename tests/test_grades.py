"""Grades: the written rule (A to D), reprints and relays counted once, and the grade in the exports."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from fixtures import write_data
from repatriation import export, grades
from repatriation.grades import disagree, grade_events, publisher_key, relayed_from, voice
from repatriation.pipeline import run
from test_reconcile import reports


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(write_data(tmp_path_factory.mktemp("grades") / "data"))


def sources(*rows: tuple) -> pd.DataFrame:
    """(key, sourcetype, jurisdiction, organization, note) rows, with a publication date."""
    return pd.DataFrame([(*r, "2020-01-01") for r in rows],
                        columns=["key", "sourcetype", "jurisdiction", "organization", "note", "date"])


SRC = sources(
    ("govdeu", "government", "DEU", "Federal Foreign Office", ""),
    ("govdeu2", "government", "DEU", "Federal Ministry of the Interior", ""),
    ("govfra", "government", "FRA", "Ministry for Europe and Foreign Affairs", ""),
    ("afp", "media", "", "Agence France-Presse", ""),
    ("arabnews", "media", "", "Arab News", "Carries AFP copy"),
    ("dawn", "media", "", "Dawn", "Carries AFP wire copy; date inferred"),
    ("mirror", "media", "", "Arab News (mirror)", "Reprint of Arab News (AFP copy); headline paraphrased"),
    ("rudaw", "media", "", "Rudaw", ""),
    ("nova", "media", "", "Agenzia Nova", "Relays Rudaw; headline translated from the URL slug"),
    ("k24", "media", "", "Kurdistan 24", ""),
    ("k24b", "media", "", "Kurdistan24", "Headline not shown in the stored copy; descriptive title given"),
    ("kginform", "media", "", "KGinform", "Relays the Kyrgyz Foreign Ministry press service"),
    ("hrw", "ngo", "", "Human Rights Watch", ""),
)
EVENT = "DEU-2019-08-19"


def graded(*rows: dict) -> pd.Series:
    rep = reports(*[{"event_id": EVENT, **r} for r in rows])
    out = grade_events(rep, SRC)
    assert len(out) == 1
    return out.iloc[0]


# --------------------------------------------------------------------------- the four grades
def test_a_single_source_is_c():
    g = graded({"source": "rudaw", "total": 10})
    assert (g["grade"], g["voices"]) == ("C", 1)


def test_two_independent_sources_that_agree_are_b():
    assert graded({"source": "rudaw", "total": 10}, {"source": "hrw", "total": 10})["grade"] == "B"


def test_the_receiving_states_statement_confirmed_independently_is_a():
    g = graded({"source": "govdeu", "total": 10}, {"source": "rudaw", "total": 10})
    assert g["grade"] == "A" and g["grade_reason"] == grades.GRADE_LABELS["A"]


def test_another_states_statement_is_not_the_receiving_states():
    assert graded({"source": "govfra", "total": 10}, {"source": "rudaw", "total": 10})["grade"] == "B"


def test_sources_that_disagree_beyond_the_margin_are_d_whatever_else():
    assert graded({"source": "govdeu", "total": 10}, {"source": "rudaw", "total": 14})["grade"] == "D"


def test_sources_within_the_margin_agree():
    assert graded({"source": "rudaw", "total": 46}, {"source": "hrw", "total": 47})["grade"] == "B"


def test_a_source_that_states_no_number_still_confirms():
    assert graded({"source": "govdeu", "total": 10}, {"source": "hrw"})["grade"] == "A"


def test_the_receiving_states_statement_alone_is_c_and_two_of_its_offices_are_one_voice():
    assert graded({"source": "govdeu", "total": 10})["grade"] == "C"
    g = graded({"source": "govdeu", "total": 10}, {"source": "govdeu2", "total": 10})
    assert (g["grade"], g["voices"]) == ("C", 1)


# --------------------------------------------------------------------------- reprints and relays count once
def test_reprints_and_relays_of_one_agency_count_once():
    # the agency's own page, two outlets carrying its copy and a mirror of one of them: one voice, AFP
    g = graded({"source": "afp", "total": 10}, {"source": "arabnews", "total": 10},
               {"source": "dawn", "total": 10}, {"source": "mirror", "total": 10})
    assert (g["grade"], g["voices"]) == ("C", 1)


def test_a_relay_confirms_nothing_but_another_publisher_does():
    assert graded({"source": "rudaw", "total": 10}, {"source": "nova", "total": 10})["grade"] == "C"
    assert graded({"source": "rudaw", "total": 10}, {"source": "nova", "total": 10},
                  {"source": "arabnews", "total": 10})["grade"] == "B"


def test_the_receiving_states_statement_and_a_relay_of_one_of_its_ministries_are_one_voice():
    rep = reports({"event_id": "KGZ-2021-03-17", "source": "kginform", "total": 79},
                  {"event_id": "KGZ-2021-03-17", "source": "govkgz", "total": 79})
    src = pd.concat([SRC, sources(("govkgz", "government", "KGZ", "Kyrgyz Foreign Ministry", ""))])
    g = grade_events(rep, src).iloc[0]
    assert (g["grade"], g["voices"]) == ("C", 1)


def test_spellings_of_one_publisher_are_one_voice():
    assert graded({"source": "k24", "total": 10}, {"source": "k24b", "total": 10})["grade"] == "C"


@pytest.mark.parametrize("note,original", [
    ("Carries AFP copy", "AFP"),
    ("Carries AFP wire copy", "AFP"),
    ("Reprint of Arab News (AFP copy); headline paraphrased", "AFP"),
    ("Reprint of dts Nachrichtenagentur, relaying Der Spiegel", "Der Spiegel"),
    ("Relays Rudaw; day not shown (URL gives April 2025)", "Rudaw"),
    ("dpa copy; date inferred from the Sunday confirmation", "dpa"),
    ("Title not shown; relays the Libyan Red Crescent", "Libyan Red Crescent"),
    ("Reprint of an AFP dispatch of 23 April 2020", "AFP"),
    ("Machine-translated copy of RIA Novosti", "RIA Novosti"),
    ("Mirror (Qurium) of Meydan TV; date inferred from content", "Meydan TV"),
    ("Carries a report by Al3omk; date inferred", "Al3omk"),
    ("Carries AFP copy of UN Resident Coordinator briefing in Geneva", "AFP"),
    ("Copy of a UN News story on midline-ngo.ch; the UN original was not found", "UN News"),
    ("Reprint of UN News (automatically reworded copy); original not found", "UN News"),
    ("Headline not shown in the stored copy; descriptive title given", None),
    ("Stored copy is a CDN mirror of hurriyetdailynews.com; date not shown", "hurriyetdailynews.com"),
    ("Relays 24.ae; title paraphrased", "24.ae"),
    ("Reprint of U.S. Department of State press statement", "U.S. Department of State"),
    ("Reprint in the Santa Fe New Mexican (via PressReader) of The New York Times", "New York Times"),
    ("Carries AFP. Title paraphrased", "AFP"),
    ("Stored copy on the publishing-platform host", None),
    ("Page date not shown; date inferred from the Canadian Press copy of 6 July 2023", None),
    ("", None),
])
def test_relayed_from_finds_the_original_publisher(note, original):
    assert relayed_from(note) == original


def test_publisher_keys_ignore_spelling_and_spell_out_short_forms():
    assert publisher_key("Hürriyet Daily News") == publisher_key("Hurriyet Daily News")
    assert publisher_key("AP") == publisher_key("Associated Press (mirror)") == "associatedpress"
    assert publisher_key("The Canadian Press") == publisher_key("Canadian Press")
    assert publisher_key("Rudaw") != publisher_key("Rudaw English TV")


def test_voice_of_a_government_source_is_its_government_and_a_relayed_ministry_is_official():
    assert voice({"sourcetype": "government", "jurisdiction": "KAZ", "organization": "Akorda"}) == "government:KAZ"
    assert voice({"sourcetype": "media", "organization": "X", "note": "Relays the Sudanese Foreign Ministry"}) == "official"
    assert voice({"sourcetype": "media", "organization": "Dawn", "note": "Carries AFP copy"}) == "publisher:afp"


# --------------------------------------------------------------------------- the margin
@pytest.mark.parametrize("figures,expected", [
    ([(46, ""), (47, "")], False),
    ([(3, ""), (4, "")], True),
    ([(5700, "more_than"), (5704, "")], False),
    ([(20, "more_than"), (25, "")], False),
    ([(25, "more_than"), (20, "")], True),
    ([(300, "up_to"), (47, "")], False),
    ([(30, "up_to"), (47, "")], True),
    ([(100, "about"), (91, "")], False),
    ([(100, ""), (None, ""), (float("nan"), "")], False),
    ([], False),
])
def test_disagree_takes_qualifiers_into_account(figures, expected):
    assert disagree(figures) is expected


def test_groups_disagree_only_beyond_the_margin_of_the_events_size():
    # 4 or 5 women among 21 people agree; 3 or 4 children with no total do not
    assert graded({"source": "rudaw", "women": 5, "children": 15, "total": 21},
                  {"source": "hrw", "women": 4, "children": 15, "total": 21})["grade"] == "B"
    assert graded({"source": "rudaw", "children": 3}, {"source": "hrw", "children": 4})["grade"] == "D"


def test_a_partial_breakdown_does_not_contradict_a_total():
    # "two women" says nothing of the children: no conflict with 2 women and 13 children (15)
    assert graded({"source": "rudaw", "women": 2}, {"source": "hrw", "women": 2, "children": 13, "total": 15})["grade"] == "B"


def test_the_margin_is_stated_in_the_rule():
    assert f"{round(100 * grades.MARGIN)} per cent" in grades.RULE
    assert math.isclose(grades.MARGIN, 0.10)


# --------------------------------------------------------------------------- the pipeline and the exports
def test_every_event_of_every_kind_has_a_grade(results):
    assert results.movements["grade"].isin(grades.GRADES).all()
    assert results.events["grade"].isin(grades.GRADES).all()
    assert (results.movements["voices"] >= 1).all()


def test_grades_on_the_fixture(results):
    by_id = results.movements.set_index("event_id")["grade"]
    assert by_id["DEU-2019-08-19"] == "D"  # the government's 4 against the media's 5 (more than 10 per cent)
    assert by_id["FRA-2019-03"] == "C"


def test_add_grades_refuses_an_event_without_reports(results):
    extra = results.movements.head(1).assign(event_id="ZZZ-2099")
    with pytest.raises(ValueError, match="ZZZ-2099"):
        grades.add_grades(pd.concat([results.movements, extra]), results.reports, results.data.sources)


def test_shares_list_every_grade_and_add_up(results):
    t = grades.shares(results.events)
    assert list(t["grade"]) == list(grades.GRADES)
    assert t["events"].sum() == len(results.events)
    assert math.isclose(t["people_pct"].sum(), 100.0) and math.isclose(t["events_pct"].sum(), 100.0)


def test_the_events_export_carries_the_grade(results):
    events = export.tables(results)["events.csv"]
    movements = export.tables(results)["movements.csv"]
    assert events["grade"].isin(grades.GRADES).all() and movements["grade"].isin(grades.GRADES).all()
