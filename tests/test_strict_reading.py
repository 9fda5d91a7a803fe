"""The strict readers under `repatriation.load`, each on small inputs: a data file (textfile), a CSV
table's layout and cells (csvtable), datapackage.json (descriptor) and the report of DataError."""

from __future__ import annotations

import json
import os

import pytest

from fixtures import valid_texts, write_data
from repatriation import csvtable, descriptor, textfile
from repatriation.errors import ACROSS, CELL, FILE, LAYOUT, DataError, Problem

NAMES = ["id", "n", "note"]
FIELDS = [{"name": "id", "type": "string"}, {"name": "n", "type": "integer"}, {"name": "note", "type": "string"}]


def where(problems: list[Problem]) -> list[tuple[int, str]]:
    return [(p.line, p.column) for p in problems]


# =========================================================================== textfile: only regular files inside the folder
def test_read_utf8_refuses_a_folder(tmp_path):
    (tmp_path / "a.csv").mkdir()
    text, problems = textfile.read_utf8(tmp_path / "a.csv", "a.csv")
    assert text is None and "is a folder, not a regular file" in problems[0].rule


def test_read_utf8_refuses_a_pipe_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "a.csv")
    text, problems = textfile.read_utf8(tmp_path / "a.csv", "a.csv")  # would hang if it waited for a writer
    assert text is None and "is a pipe" in problems[0].rule


def test_read_utf8_refuses_a_link_out_of_the_folder(tmp_path):
    (tmp_path / "outside.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").symlink_to(tmp_path / "outside.csv")
    text, problems = textfile.read_utf8(tmp_path / "data" / "a.csv", "a.csv")
    assert text is None and "outside the data folder" in problems[0].rule


def test_read_utf8_follows_a_link_inside_the_folder(tmp_path):
    (tmp_path / "real.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "a.csv").symlink_to("real.csv")
    assert textfile.read_utf8(tmp_path / "a.csv", "a.csv") == ("a\n1\n", [])


def test_read_utf8_refuses_a_control_character(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"a,b\nx,y\x00z\n")
    _, problems = textfile.read_utf8(tmp_path / "a.csv", "a.csv")
    assert [(p.line, p.column, p.value) for p in problems] == [(2, "character 4", "U+0000")]


def test_read_utf8_refuses_a_file_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(textfile, "MAX_BYTES", 10)
    (tmp_path / "a.csv").write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    _, problems = textfile.read_utf8(tmp_path / "a.csv", "a.csv")
    assert "larger than" in problems[0].rule and problems[0].stage == FILE


# =========================================================================== csvtable: layout
def test_read_records_keeps_cells_as_written_with_their_lines():
    records, problems = csvtable.read_records('id,n,note\na,1,"two\nlines"\nb,,x\n', "t.csv", NAMES)
    assert problems == []
    assert records.rows == [["a", "1", "two\nlines"], ["b", "", "x"]]
    assert records.lines == [2, 4]


@pytest.mark.parametrize("text,line,column,rule", [
    ('id,n,note\na,1,"open\nb,2,x\n', 2, "3 (note)", "never closed"),
    ('id,n,note\na,1,"open\nb,2,"x"\n', 2, "3 (note)", "runs on to line 3"),
    ('id,n,note\na,1,"say "hi" now"\n', 2, "3 (note)", "not written twice"),
    ('id,n,note\na,1,"open\nb,2,x\n"\nc,3,y\n', 2, "3 (note)", "looks like a row of its own"),
    ("id,n ,note\na,1,x\n", 1, "2 (n )", "spaces around it"),
    ("id,N,note\na,1,x\n", 1, "2 (N)", "differs from 'n'"),
    ("id,n,note,more\na,1,x,y\n", 1, "4 (more)", "not described"),
    ("id,n\na,1\n", 1, "3 (note)", "missing from the header"),
    ("id,n,note,n\na,1,x,1\n", 1, "4 (n)", "appears more than once"),
    ("n,id,note\n1,a,x\n", 1, "1 (n)", "not in the order"),
    ("id;n;note\na;1;x\n", 1, "", "does not separate cells with commas (it uses ';')"),
    ("id,n,note\na,1\n", 2, "3 (note)", "row has 2 cells but the header has 3"),
    ("id,n,note\na,1,x,y\n", 2, "4", "row has 4 cells"),
    ("id,n,note\na,1,x\n\nb,2,y\n", 3, "", "row is empty"),
    ("id,n,note\n,,\n", 2, "", "row is empty"),
    ("id,n,note\n", 1, "", "header but no rows"),
    ("a,1,x\nid,n,note\nb,2,y\n", 1, "", "the first line is not the header: the header is on line 2"),
    ("a,1,x\nb,2,y\n", 1, "", "the first line is not the header"),
])
def test_read_records_refuses_a_broken_layout_with_one_root_cause(text, line, column, rule):
    records, problems = csvtable.read_records(text, "t.csv", NAMES)
    assert records is None
    assert len(problems) == 1, problems
    assert where(problems) == [(line, column)] and rule in problems[0].rule
    assert problems[0].stage == LAYOUT and problems[0].fix


def test_read_records_of_a_table_that_may_be_empty():
    records, problems = csvtable.read_records("id,n,note\n", "t.csv", NAMES, may_be_empty=True)
    assert problems == [] and records.rows == [] and records.lines == []


# =========================================================================== csvtable: cells
@pytest.mark.parametrize("cell,rule", [(" 1", "spaces"), ("1 ", "spaces"), ("1_000", "digits 0-9"), ("+1", "digits 0-9"),
                                       ("1,000", "digits 0-9"), ("1.0", "digits 0-9"), ("1e3", "digits 0-9"),
                                       ("١", "digits 0-9"), ("9007199254740993", "larger than"),
                                       ("9" * 5000, "larger than")])
def test_cell_problems_of_a_bad_integer_cell(cell, rule):
    records = csvtable.Records(NAMES, [["a", cell, "x"]], [2])
    problems = csvtable.cell_problems(records, FIELDS, "t.csv")
    assert where(problems) == [(2, "2 (n)")] and problems[0].stage == CELL
    assert rule in problems[0].rule


@pytest.mark.parametrize("cell", ["9007199254740992", "-3", "007", "0", ""])
def test_cell_problems_of_a_good_integer_cell(cell):
    # A negative number is written as digits; the field's minimum (checked by frictionless) refuses it.
    assert csvtable.cell_problems(csvtable.Records(NAMES, [["a", cell, "x"]], [2]), FIELDS, "t.csv") == []


def test_cell_problems_of_a_text_cell_with_spaces():
    records = csvtable.Records(NAMES, [["a", "1", "fine"], ["b", "2", "trailing "]], [2, 3])
    assert where(csvtable.cell_problems(records, FIELDS, "t.csv")) == [(3, "3 (note)")]


# =========================================================================== descriptor
def _descriptor(change) -> str:
    d = json.loads(valid_texts()["datapackage.json"])
    change(d["resources"][0])
    return json.dumps(d, indent=2)


def test_read_descriptor_of_the_fixture(tmp_path):
    schema, problems = descriptor.read_descriptor(write_data(tmp_path / "data"), ("repatriations", "detained"))
    assert problems == [] and list(schema) == ["repatriations", "nationalities", "stated_totals", "detained", "contingents"]
    assert schema["repatriations"]["primaryKey"] == ["event_id", "source"]


@pytest.mark.parametrize("change,column,rule", [
    (lambda r: r.update(path="other.csv"), "path", "must have path 'repatriations.csv'"),
    (lambda r: r.update(path="../repatriations.csv"), "path", "must have path"),
    (lambda r: r["dialect"].update(delimiter=";"), "dialect.delimiter", "comma-separated"),
    (lambda r: r.update(encoding="latin-1"), "encoding", "must be utf-8"),
    (lambda r: r["schema"]["fields"][6].update(type="number"), "type", "string, integer"),
    (lambda r: r["schema"]["fields"][0]["constraints"].update(pattern="(["), "pattern", "not a regular expression"),
    (lambda r: r["schema"]["fields"][4]["constraints"].update(enum="syria"), "enum", "list of strings"),
    (lambda r: r["schema"]["fields"][6]["constraints"].update(minimum="0"), "minimum", "whole number"),
    (lambda r: r["schema"].update(missingValues=["", "NA"]), "missingValues", "only an empty cell"),
    (lambda r: r["schema"].update(primaryKey=["event_id", "nope"]), "primaryKey", "must name fields"),
    (lambda r: r["schema"]["fields"].append({"name": "total", "type": "integer"}), "name", "described twice"),
    (lambda r: r["schema"].update(fields=[]), "schema", "list of fields"),
])
def test_read_descriptor_refuses_what_the_loader_cannot_read(tmp_path, change, column, rule):
    text = _descriptor(change)
    schema, problems = descriptor.read_descriptor(write_data(tmp_path / "data", {"datapackage.json": text}),
                                                  ("repatriations",))
    assert schema is None
    assert any(p.column == column and rule in p.rule and p.line > 1 for p in problems), problems


def test_read_descriptor_refuses_a_table_described_twice(tmp_path):
    d = json.loads(valid_texts()["datapackage.json"])
    d["resources"].append(d["resources"][0])
    _, problems = descriptor.read_descriptor(write_data(tmp_path / "data", {"datapackage.json": json.dumps(d)}),
                                             ("repatriations",))
    assert [p.rule for p in problems] == ["table is described more than once"]


def test_read_descriptor_checks_a_table_the_loader_does_not_read_yet(tmp_path):
    d = json.loads(valid_texts()["datapackage.json"])
    d["resources"].append({**d["resources"][3], "name": "extra", "path": "extra.csv"})
    folder = write_data(tmp_path / "data", {"datapackage.json": json.dumps(d)})
    schema, problems = descriptor.read_descriptor(folder, ("repatriations",))
    assert problems == [] and list(schema)[-1] == "extra"
    d["resources"][-1]["path"] = "elsewhere.csv"
    folder = write_data(tmp_path / "data", {"datapackage.json": json.dumps(d)})
    schema, problems = descriptor.read_descriptor(folder, ("repatriations",))
    assert schema is None and [p.value for p in problems] == ["elsewhere.csv"]


def test_read_descriptor_of_json_nested_too_deeply(tmp_path):
    folder = write_data(tmp_path / "data", {"datapackage.json": "[" * 100000 + "]" * 100000})
    schema, problems = descriptor.read_descriptor(folder, ("repatriations",))
    assert schema is None and "not valid JSON" in problems[0].rule


# =========================================================================== errors: the report
def test_report_leads_with_the_root_cause_and_counts_repeats():
    follow_on = [Problem("a.csv", line, "2 (n)", "x", "is not a whole number", stage=CELL) for line in range(2, 1002)]
    cause = Problem("sources.bib", 9, "", "k", "entry cannot be parsed", fix="close the brace", stage=FILE)
    across = Problem("a.csv", 3, "3 (source)", "k", "source key is not in sources.bib", stage=ACROSS)
    report = DataError([across, *follow_on, cause]).report().splitlines()
    assert report[0] == "1002 problems found in the data; nothing was loaded or written:"
    assert report[1] == "  sources.bib:9: entry cannot be parsed (value: 'k')"
    assert report[2] == "      what to do: close the brace"
    assert report[3].startswith("  a.csv:2: column 2 (n):")
    assert report[6] == "  ... and 997 more lines of column 2 (n) of a.csv break the same rule"
    assert report[7].startswith("  a.csv:3: column 3 (source)")
    assert len(report) == 8
