"""The real data held to the contract of data/datapackage.json and the recording rules."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml
from frictionless import Package

from repatriation.dates import parse_date
from repatriation.load import load, parts_mismatch
from repatriation.pipeline import run

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CITE = re.compile(r"\{(?:foot)?cite(?::\w+)?\}`([^`]+)`")


@pytest.fixture(scope="module")
def data():
    return load()


def test_frictionless_validation_of_every_table_passes():
    report = Package(str(DATA / "datapackage.json")).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, "\n".join(errors[:30])


def test_every_csv_is_described_in_the_datapackage():
    described = {r["path"] for r in Package(str(DATA / "datapackage.json")).to_descriptor()["resources"]}
    assert described == {p.name for p in DATA.glob("*.csv")}


def test_every_source_key_resolves(data):
    keys = set(data.sources["key"])
    for name in ("repatriations", "stated_totals", "detained", "contingents"):
        missing = set(data.table(name)["source"]) - keys
        assert not missing, f"{name}.csv cites keys not in sources.bib: {sorted(missing)[:10]}"


def test_every_bib_entry_is_used_by_data_or_prose(data):
    used = set()
    for name in ("repatriations", "stated_totals", "detained", "contingents"):
        used |= set(data.table(name)["source"])
    for md in (ROOT / "chapters").glob("*.md"):
        for group in CITE.findall(md.read_text(encoding="utf-8")):
            used |= {k.strip() for k in group.split(",")}
    unused = set(data.sources["key"]) - used
    assert not unused, f"unused bib entries: {sorted(unused)[:10]}"


def test_every_bib_entry_has_title_publisher_date_url_and_access_date(data):
    s = data.sources
    for field in ("title", "organization", "date", "url", "urldate"):
        empty = s.loc[s[field].str.strip() == "", "key"].tolist()
        assert not empty, f"entries without {field}: {empty[:10]}"
    assert s["url"].str.match(r"^https?://").all()


def test_no_event_id_mixes_countries(data):
    r = data.repatriations
    per_event = r.groupby("event_id")["country"].nunique()
    assert (per_event == 1).all(), per_event[per_event > 1]
    assert (r["event_id"].str[:3] == r["country"]).all()


def test_dates_are_real_and_not_in_the_future(data):
    today = date.today()
    for name, cols in (("repatriations", ["date", "date_end"]), ("stated_totals", ["since", "as_of"]),
                       ("detained", ["as_of"]), ("contingents", ["as_of"])):
        for col in cols:
            for text in data.table(name)[col]:
                if text:
                    parsed = parse_date(text)
                    assert parsed is not None and parsed.start <= today, f"{name}.{col}: {text}"


def test_the_allow_list_is_exactly_the_set_of_parts_vs_total_mismatches(data):
    listed = yaml.safe_load((DATA / "known_discrepancies.yml").read_text(encoding="utf-8"))
    assert all(e.get("why") for e in listed), "every allowed discrepancy needs a reason"
    found = {(r["event_id"], r["source"]) for _, r in data.repatriations.iterrows() if parts_mismatch(r)}
    assert found == {(e["event_id"], e["source"]) for e in listed}


def test_the_allow_list_file_explains_itself_in_comments():
    text = (DATA / "known_discrepancies.yml").read_text(encoding="utf-8")
    assert text.lstrip().startswith("#")


def test_coverage_at_least_250_events_from_45_receiving_states(data):
    r = data.repatriations
    assert r["event_id"].nunique() >= 250
    assert r["country"].nunique() >= 45


def test_al_hol_series_has_a_sourced_point_in_every_year_2017_to_2025(data):
    d = data.detained
    al_hol = d[(d["place"] == "al_hol") & (d["source"] != "")]
    years = {parse_date(t).start.year for t in al_hol["as_of"]}
    assert set(range(2017, 2026)) <= years, sorted(set(range(2017, 2026)) - years)


def test_seed_event_is_kept_as_each_source_states_it(data):
    r = data.repatriations
    kaz = r[r["event_id"] == "KAZ-2019-01-06"]
    official = kaz[kaz["source"] == "primeministerkz2019nazarbayev"].iloc[0]
    assert (official["total"], official["children"]) == (47, 30)
    seed = kaz[kaz["source"] == "thedefensepost2019kazakhstan"].iloc[0]
    assert (seed["men"], seed["women"], seed["children"], seed["total"]) == (5, 11, 30, 47)
    assert parts_mismatch(seed) is not None


def test_seed_context_figures_carry_their_first_publication_dates(data):
    d = data.detained
    seed = d[d["source"] == "thedefensepost2019kazakhstan"]
    assert not seed.empty
    for _, row in seed.iterrows():
        first = d[(d["place"] == row["place"]) & (d["sex_age"] == row["sex_age"]) & (d["as_of"] == row["as_of"])
                  & (d["source"] != row["source"])]
        assert not first.empty, f"no original source for the seed's figure {row.to_dict()}"
        assert row["as_of"] < "2019-01", "a repeated figure keeps the date it was first published"


def test_every_report_row_is_accounted_for_after_reconciliation():
    r = run()
    assert len(r.status) == len(r.data.repatriations)
    assert set(r.status["line"]) == set(r.data.repatriations["line"])
    assert set(r.status["status"]) <= {"preferred", "superseded"}
    assert (r.status["reason"].str.len() > 0).all()
    assert (r.status.groupby("event_id")["status"].apply(lambda s: (s == "preferred").sum()) == 1).all()


def test_the_data_readme_documents_every_table_and_column():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for resource in Package(str(DATA / "datapackage.json")).to_descriptor()["resources"]:
        assert f"`{resource['path']}`" in readme, resource["path"]
        for field in resource["schema"]["fields"]:
            assert f"`{field['name']}`" in readme, f"{resource['path']}: {field['name']}"


def test_every_source_s_author_is_an_organisation_never_a_private_person():
    """`author` is the publishing organisation in double braces (one name, never split into a person's
    first and last names), and equals the entry's organization (review of 0.1.0, item 15)."""
    text = (DATA / "sources.bib").read_text(encoding="utf-8")
    authors = re.findall(r"^\s*author\s*=\s*(.+?),?\s*$", text, flags=re.MULTILINE)
    assert len(authors) > 800
    odd = [a for a in authors if not (a.startswith("{{") and a.rstrip(",").endswith("}}"))]
    assert not odd, odd[:10]
