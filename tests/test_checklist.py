"""The row rules are a Frictionless checklist run with the schema, and the library's fields are the contract.

`checklist.RULES` holds the rules of one row that read several cells; `load.FIELDS` the fields the
library reads. Both are checked against the project's own datapackage.json, and a data folder that
drops or retypes a field the library reads is refused with a clear error, not an internal one.
"""

from __future__ import annotations

import json

import pytest

from fixtures import REAL_DATA, replaced, valid_texts, write_data
from repatriation import checklist, descriptor
from repatriation.errors import DataError
from repatriation.load import FIELDS, INTEGERS, TABLES, load


def _schema() -> dict:
    return {r["name"]: r["schema"] for r in json.loads((REAL_DATA / "datapackage.json").read_text())["resources"]}


def test_the_library_fields_are_the_project_contract():
    schema = _schema()
    assert tuple(schema) == TABLES
    for table, names in FIELDS.items():
        assert tuple(f["name"] for f in schema[table]["fields"]) == names, table
        for f in schema[table]["fields"]:
            assert f["type"] == ("integer" if f["name"] in INTEGERS else "string"), (table, f["name"])


@pytest.mark.parametrize("table", list(checklist.RULES))
def test_every_rule_reads_fields_of_its_table_and_blames_one(table):
    for rule in checklist.RULES[table]:
        assert checklist.names(rule) <= set(FIELDS[table]), rule.formula
        assert rule.column in FIELDS[table] and rule.column in checklist.names(rule), rule.formula
    assert len(checklist.checklist(table).checks) == len(checklist.RULES[table])


def test_a_rule_names_the_cells_it_quotes():
    for rules in checklist.RULES.values():
        for rule in rules:
            rule.rule.format(**{name: "x" for name in checklist.names(rule)})


def test_a_row_breaking_two_rules_is_reported_under_both(tmp_path):
    text = replaced("detained.csv", *_low_high_row())
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {"detained.csv": text}))
    rules = sorted(p.rule for p in caught.value.problems)
    assert rules == ["a range needs both low and high", "needs a value, or both low and high"], rules


def _low_high_row() -> tuple[str, str]:
    """A detained row with a value, changed to one with neither value nor high (only low)."""
    for line in valid_texts()["detained.csv"].splitlines()[1:]:
        cells = line.split(",")
        value, low, high = (FIELDS["detained"].index(c) for c in ("value", "low", "high"))
        if cells[value] and not cells[low] and not cells[high]:
            broken = cells.copy()
            broken[value], broken[low] = "", "5"
            return line, ",".join(broken)
    raise AssertionError("the fixture has no detained row with a single value")


def test_row_rules_wait_for_cells_that_can_be_read(tmp_path):
    """A table with a cell of the wrong type is reported for that cell only: its row rules would read a guess."""
    line, broken = _low_high_row()
    cells = broken.split(",")
    cells[FIELDS["detained"].index("low")] = "five"
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {"detained.csv": replaced("detained.csv", line, ",".join(cells))}))
    assert [p.column for p in caught.value.problems] == [f"{FIELDS['detained'].index('low') + 1} (low)"]


@pytest.mark.parametrize("table,field", [("repatriations", "orphans"), ("detained", "place"), ("stated_totals", "men")])
def test_a_data_folder_without_a_field_the_library_reads_is_refused(tmp_path, table, field):
    package = json.loads(valid_texts()["datapackage.json"])
    resource = next(r for r in package["resources"] if r["name"] == table)
    resource["schema"]["fields"] = [f for f in resource["schema"]["fields"] if f["name"] != field]
    schema, problems = descriptor.read_descriptor(write_data(tmp_path / "data", {"datapackage.json": json.dumps(package, indent=2)}),
                                                  TABLES, {table: {field: "integer" if field in INTEGERS else "string"}})
    assert schema is None
    assert [(p.file, p.column, p.value) for p in problems] == [("datapackage.json", "fields", field)]
    assert f"must describe the field '{field}'" in problems[0].rule and problems[0].line > 1


def test_a_field_the_library_reads_as_a_number_cannot_be_text(tmp_path):
    package = json.loads(valid_texts()["datapackage.json"])
    total = next(f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "total")
    total.update(type="string")
    total.get("constraints", {}).pop("minimum", None)
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {"datapackage.json": json.dumps(package, indent=2)}))
    [problem] = caught.value.problems
    assert (problem.file, problem.column, problem.value) == ("datapackage.json", "type", "string")
    assert "must be of type integer" in problem.rule and problem.line > 1
