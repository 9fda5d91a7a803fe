"""Bad input: every broken rule of the data contract raises one DataError that says where and why.

Each case starts from the valid fixture (tests/fixtures.py) and changes exactly one thing in one
file: its text, or the file itself (a folder, a pipe or a link in its place). The error must name the
file, the line (where a file has lines), the column (or the bib field) and the rule, and its first
problem must be the fault itself, not a follow-on. Run as a user runs it (`export`), the same fault
must end with exit code 1, the same report, no traceback, and nothing written.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from fixtures import ROOT, bib_line, line_of, replaced, snapshot, valid_texts, write_data
from repatriation import cli, pipeline
from repatriation.errors import DataError
from repatriation.load import load

R, S, D, C = "repatriations.csv", "stated_totals.csv", "detained.csv", "contingents.csv"
B, P, Y = "sources.bib", "datapackage.json", "known_discrepancies.yml"
FUTURE = f"{date.today().year + 3}-01"


@dataclass(frozen=True)
class Made:
    """A data file replaced by something that is not a text file: a folder, a pipe, or a link that leads out
    of the data folder or to nothing."""

    kind: str


@dataclass(frozen=True)
class Fault:
    """One change to one file, and where and how the error must report it."""

    file: str                   # the file changed
    content: str | bytes | Made | None  # its new content (None: the file is removed)
    label: str                  # the file the error must name
    line: int | None            # the line it must name (None: a file without a line, e.g. missing)
    column: str | None          # text the column part must contain (None: a whole-file problem)
    rule: str                   # text the rule must contain


def _csv_without_last_column(text: str) -> str:
    """A CSV whose last column is always empty, with that column removed from the header and every row."""
    lines = text.splitlines()
    header = lines[0].rsplit(",", 1)[0]
    rows = []
    for row in lines[1:]:
        assert row.endswith(","), row
        rows.append(row[:-1])
    return "\n".join([header, *rows]) + "\n"


def _without_field(name: str, key: str, field: str) -> str:
    """The valid bib with one field line of one entry removed."""
    lines = valid_texts()[name].splitlines(keepends=True)
    at = bib_line(valid_texts()[name], key, field)
    return "".join(lines[: at - 1] + lines[at:])


def _bib_with(key: str, field: str, new_value: str) -> str:
    """The valid bib with one field of one entry given a new value."""
    text = valid_texts()[B]
    lines = text.splitlines(keepends=True)
    at = bib_line(text, key, field)
    old = lines[at - 1]
    lines[at - 1] = old[: old.index("{") + 1] + new_value + "},\n"
    return "".join(lines)


def _bad_byte(name: str, old: str, new_with_surrogate: str) -> bytes:
    return replaced(name, old, new_with_surrogate).encode("utf-8", "surrogateescape")


def _package(change) -> str:
    """The valid datapackage.json after `change(resources)`, laid out as json.dumps(indent=2) lays it out."""
    descriptor = json.loads(V[P])
    change({r["name"]: r for r in descriptor["resources"]}, descriptor["resources"])
    return json.dumps(descriptor, indent=2)


def _set(table: str, key: str, value) -> str:
    return _package(lambda by_name, _: by_name[table].update({key: value}))


def _set_field(table: str, field: str, key: str, value) -> str:
    def change(by_name, _):
        found = next(f for f in by_name[table]["schema"]["fields"] if f["name"] == field)
        found.setdefault("constraints", {})
        (found["constraints"] if key in ("pattern", "enum", "minimum") else found)[key] = value
    return _package(change)


def _field_line(text: str, table: str, field: str | None = None, key: str = "name") -> int:
    """The line of datapackage.json `text` that names `table` (or, given, the `field` of that table, or
    the first line with `key` after the table's name)."""
    at = line_of(text, f'"name": "{table}"')
    if field is None and key == "name":
        return at
    lines = text.splitlines()
    needle = f'"name": "{field}"' if field else f'"{key}":'
    return next(i for i in range(at, len(lines) + 1) if needle in lines[i - 1])


def make(path: Path, made: Made, outside: Path) -> None:
    """Put `made` at `path` (a data file), with `outside` a folder beside the data folder."""
    if made.kind == "folder":
        path.mkdir()
    elif made.kind == "pipe":
        os.mkfifo(path)
    elif made.kind == "link_out":
        outside.mkdir(exist_ok=True)
        (outside / path.name).write_bytes(b"a,b\n1,2\n")
        path.symlink_to(outside / path.name)
    elif made.kind == "link_missing":
        path.symlink_to(path.parent / "nothing-here.csv")
    else:
        raise AssertionError(made.kind)


def write_fault(tmp_path: Path, fault: Fault) -> Path:
    """The valid fixture in tmp_path/data with `fault` applied; return the data folder."""
    made = fault.content if isinstance(fault.content, Made) else None
    folder = write_data(tmp_path / "data", {fault.file: None if made else fault.content})
    if made:
        make(folder / fault.file, made, tmp_path / "elsewhere")
    return folder


def _last_row_note(name: str, new: str) -> str:
    """The valid text of `name` whose last row ends (in its last cell, note) with `new` instead of nothing."""
    text = V[name]
    assert text.endswith(",\n")
    return text[:-1] + new + "\n"


V = valid_texts()
DUP_ROW = next(x for x in V[R].splitlines() if x.startswith("USA-2020-10,")) + "\n"  # the same report again
STALE = "- event_id: FRA-2019-03\n  source: govfra\n  why: it used to differ\n"
BAD_YAML = "- event_id: FRA-2019-03\n  source: govfra\n  why: a: b\n"
_dup_bib_text = V[B] + V[B][: V[B].index("@misc{govfra")]
FRA_NOTE = ",govfra,month precision only"
USA_TOTAL = ",27,more_than"
HEADER_R = V[R].splitlines()[0]
LIST_ENTRY = "- event_id: [FRA-2019-03]\n  source: govfra\n  why: listed\n"

FAULTS = {
    # ---------------------------------------------------------------- repatriations.csv
    "extra_column": Fault(R, replaced(R, "source,note\n", "source,note,extra\n"), R, 1, "extra", "is not described in datapackage.json"),
    "unknown_country": Fault(R, replaced(R, "USA-2020-10,USA", "ZZZ-2020-10,ZZZ"), R, 7, "country",
                             "unknown country code"),
    "negative_count": Fault(R, replaced(R, "30,30,40,,,100,", "30,30,40,,,-100,"), R, 6, "total", "minimum"),
    "non_integer_count": Fault(R, replaced(R, "30,30,40,", "30,30,40.5,"), R, 6, "children", "integer"),
    "malformed_date": Fault(R, replaced(R, "USA,2020-10,", "USA,10/2020,"), R, 7, "date", "pattern"),
    "impossible_date": Fault(R, replaced(R, "USA,2020-10,", "USA,2019-02-30,"), R, 7, "date",
                             "not a real calendar date"),
    "future_date": Fault(R, replaced(R, "USA,2020-10,", f"USA,{FUTURE},"), R, 7, "date", "in the future"),
    "date_end_before_date": Fault(R, replaced(R, "2021-05-26,2021-05-28", "2021-05-26,2021-05-20"), R, 6,
                                  "date_end", "date_end is before date"),
    "unknown_source_key": Fault(R, replaced(R, ",ngosrc,", ",nosuchsource,"), R, 7, "source",
                                "not in sources.bib"),
    "bad_enum_origin": Fault(R, replaced(R, "USA,2020-10,,syria", "USA,2020-10,,mars"), R, 7, "origin", "enum"),
    "bad_enum_qualifier": Fault(R, replaced(R, "27,more_than,", "27,roughly,"), R, 7, "qualifier", "enum"),
    "event_id_of_another_country": Fault(R, replaced(R, "USA-2020-10,USA", "CAN-2020-10,USA"), R, 7, "event_id",
                                         "must start with the row's country"),
    "malformed_event_id": Fault(R, replaced(R, "USA-2020-10,USA", "usa-2020-10,USA"), R, 7, "event_id", "pattern"),
    "duplicate_event_and_source": Fault(R, V[R] + DUP_ROW, R, 8, None, "duplicate (event_id, source)"),
    "orphans_above_children": Fault(R, replaced(R, ",,,5,5,,5,", ",,,5,6,,5,"), R, 3, "orphans",
                                    "more orphans than children"),
    "parts_total_mismatch_not_listed": Fault(R, replaced(R, "30,30,40,,,100", "30,30,41,,,100"), R, 6, "total",
                                             "known_discrepancies.yml"),
    "non_utf8_byte": Fault(R, _bad_byte(R, "al-Hol,,repatriation,,,,30", "al-H\udcf6l,,repatriation,,,,30"), R, 6, "byte 52", "not valid UTF-8"),
    # ---------------------------------------------------------------- stated_totals.csv
    "byte_order_mark": Fault(S, "\ufeff" + V[S], S, 1, "byte 1", "byte-order mark"),
    "stated_total_without_number": Fault(S, replaced(S, "all,,,,,,1000,about", "all,,,,,,,about"), S, 4, "total",
                                         "needs at least one number"),
    "bad_enum_stated_origin": Fault(S, replaced(S, "2021-12-31,syria_iraq", "2021-12-31,turkey"), S, 3, "origin",
                                    "enum"),
    "as_of_before_since": Fault(S, replaced(S, "FRA,2019,2020-01", "FRA,2021,2020-01"), S, 2, "as_of",
                                "as_of is before since"),
    "unknown_country_stated": Fault(S, replaced(S, "FRA,2019", "FRX,2019"), S, 2, "country",
                                    "unknown country code"),
    # ---------------------------------------------------------------- detained.csv
    "empty_file": Fault(D, "", D, 1, None, "file is empty"),
    "bad_enum_place": Fault(D, replaced(D, "roj,national", "mars,national"), D, 5, "place", "enum"),
    "low_above_high": Fault(D, replaced(D, ",60000,65000,", ",66000,65000,"), D, 3, "low", "low is above high"),
    "range_with_only_low": Fault(D, replaced(D, ",60000,65000,", ",60000,,"), D, 3, "high",
                                 "a range needs both low and high"),
    "nationality_missing_for_national": Fault(D, replaced(D, "roj,national,FRA", "roj,national,"), D, 5,
                                              "nationality", "nationality is required"),
    "nationality_for_all": Fault(D, replaced(D, "al_hol,all,,all,2019-04", "al_hol,all,FRA,all,2019-04"), D, 2,
                                 "nationality", "nationality is required exactly when"),
    "bad_enum_unit": Fault(D, replaced(D, ",about,people,", ",about,tents,"), D, 2, "unit", "enum"),
    # ---------------------------------------------------------------- contingents.csv
    "missing_column": Fault(C, _csv_without_last_column(V[C]), C, 1, "note", "is missing from the header"),
    "bad_enum_measure": Fault(C, replaced(C, "KAZ,travelled", "KAZ,flew"), C, 4, "measure", "enum"),
    "neither_value_nor_range": Fault(C, replaced(C, "KAZ,travelled,2019,800", "KAZ,travelled,2019,"), C, 4,
                                     "value", "needs a value, or both low and high"),
    "missing_file": Fault(C, None, C, None, None, "file is missing"),
    # ---------------------------------------------------------------- sources.bib
    "duplicate_bib_key": Fault(B, _dup_bib_text, B, line_of(_dup_bib_text, "@misc{mediakaz,", nth=2), "key",
                               "duplicate key (first defined on line 1)"),
    "bib_missing_url": Fault(B, _without_field(B, "govdeu", "url"), B, bib_line(V[B], "govdeu"), "url",
                             "required field 'url' is missing"),
    "bib_missing_title": Fault(B, _without_field(B, "ngosrc", "title"), B, bib_line(V[B], "ngosrc"), "title",
                               "required field 'title' is missing"),
    "bib_missing_urldate": Fault(B, _without_field(B, "mediadeu", "urldate"), B, bib_line(V[B], "mediadeu"),
                                 "urldate", "required field 'urldate' is missing"),
    "bib_missing_date": Fault(B, _without_field(B, "unsrc", "date"), B, bib_line(V[B], "unsrc"), "date",
                              "required field 'date' is missing"),
    "bib_date_not_real": Fault(B, _bib_with("mediadeu", "date", "2019-02-30"), B,
                               bib_line(V[B], "mediadeu", "date"), "date", "not a real"),
    "bib_year_disagrees": Fault(B, _bib_with("mediadeu", "year", "2018"), B, bib_line(V[B], "mediadeu", "year"),
                                "year", "year does not agree with date"),
    "bib_bad_sourcetype": Fault(B, _bib_with("ngosrc", "sourcetype", "blog"), B,
                                bib_line(V[B], "ngosrc", "sourcetype"), "sourcetype", "sourcetype must be one of"),
    "bib_government_without_jurisdiction": Fault(B, _bib_with("govdeu", "jurisdiction", ""), B,
                                                 bib_line(V[B], "govdeu", "sourcetype"), "sourcetype",
                                                 "government source needs a jurisdiction"),
    "bib_future_urldate": Fault(B, _bib_with("govfra", "urldate", f"{FUTURE}-01"), B,
                                bib_line(V[B], "govfra", "urldate"), "urldate", "in the future"),
    "bib_non_utf8_byte": Fault(B, _bad_byte(B, "Camp report", "Camp r\udce9port"), B,
                               bib_line(V[B], "ngosrc", "title"), "byte 18", "not valid UTF-8"),
    # ---------------------------------------------------------------- datapackage.json
    "invalid_json": Fault(P, V[P].replace('"profile": "tabular-data-package",', '"profile": "tabular-data-package"', 1),
                          P, line_of(V[P], '"profile": "tabular-data-package"') + 1, "char", "not valid JSON"),
    # ---------------------------------------------------------------- known_discrepancies.yml
    "stale_allow_list_entry": Fault(Y, V[Y] + STALE, Y, line_of(V[Y] + STALE, "- event_id: FRA-2019-03"),
                                    "event_id", "no longer occurs"),
    "allow_list_entry_without_why": Fault(Y, V[Y].split("  why:")[0], Y, line_of(V[Y], "- event_id: KAZ"), "why",
                                          "needs a reason"),
    "allow_list_not_yaml": Fault(Y, V[Y] + BAD_YAML, Y, line_of(V[Y] + BAD_YAML, "why: a: b"), None,
                                 "not valid YAML"),
    # ================================================================ issue 15: every byte validated or rejected
    # ---------------------------------------------------------------- headers, matched exactly
    "header_name_with_a_trailing_space": Fault(R, replaced(R, ",total,qualifier", ",total ,qualifier"), R, 1, "total ",
                                               "spaces around it"),
    "header_name_with_a_leading_space": Fault(D, replaced(D, ",value,low", ", value,low"), D, 1, " value",
                                              "spaces around it"),
    "header_name_in_other_case": Fault(R, replaced(R, ",total,qualifier", ",Total,qualifier"), R, 1, "Total",
                                       "differs from 'total'"),
    "header_columns_swapped": Fault(R, replaced(R, "part_of,men,women,", "part_of,women,men,"), R, 1, "women",
                                    "not in the order of datapackage.json"),
    "header_column_named_twice": Fault(S, replaced(S, ",orphans,", ",total,"), S, 1, "total",
                                       "appears more than once"),
    "header_with_a_blank_name": Fault(C, replaced(C, ",note\n", ",\n"), C, 1, "9", "column has no name"),
    "header_moved_down_a_line": Fault(S, "\n".join([V[S].splitlines()[1], V[S].splitlines()[0], *V[S].splitlines()[2:]])
                                      + "\n", S, 1, None, "the first line is not the header: the header is on line 2"),
    "header_line_deleted": Fault(D, "\n".join(V[D].splitlines()[1:]) + "\n", D, 1, None, "the first line is not the header"),
    "semicolon_separated": Fault(C, V[C].replace(",", ";"), C, 1, None, "does not separate cells with commas"),
    "header_only": Fault(S, V[S].splitlines()[0] + "\n", S, 1, None, "header but no rows"),
    "header_only_detained": Fault(D, V[D].splitlines()[0] + "\n", D, 1, None, "header but no rows"),
    # ---------------------------------------------------------------- quotes and rows: one record, one row
    "unclosed_quote_near_the_end": Fault(R, _last_row_note(R, '"left open'), R, 7, "note", "never closed"),
    "unclosed_quote_swallows_the_rest": Fault(R, replaced(R, FRA_NOTE, ',govfra,"month precision only'), R, 3, "note",
                                              "never closed"),
    "quote_closed_rows_later": Fault(R, replaced(R, FRA_NOTE, ',govfra,"month precision only').replace(
        ",mediadeu,media report", ',mediadeu,"media" report'), R, 3, "note", "runs on to line 5"),
    "quote_not_doubled": Fault(R, replaced(R, FRA_NOTE, ',govfra,"month "precision" only"'), R, 3, "note",
                               "not written twice"),
    "quote_swallows_a_whole_row": Fault(R, replaced(R, FRA_NOTE, ',govfra,"month precision only').replace(
        "government of the receiving state", 'government of the receiving state"'), R, 3, "note",
        "looks like a row of its own"),
    "row_missing_a_comma": Fault(R, replaced(R, ",more_than,,ngosrc,", ",more_than,ngosrc,"), R, 7, "note",
                                 "row has 20 cells but the header has 21"),
    "row_with_a_comma_too_many": Fault(R, replaced(R, ",more_than,,ngosrc,", ",more_than,,,ngosrc,"), R, 7, "22",
                                       "row has 22 cells"),
    "unquoted_comma_in_a_note": Fault(D, replaced(D, ",ngosrc,a range", ",ngosrc,a range, wide"), D, 3, "13",
                                      "row has 13 cells"),
    "blank_line_between_rows": Fault(R, replaced(R, "\nUSA-2020-10", "\n\nUSA-2020-10"), R, 7, None, "row is empty"),
    "row_of_commas_only": Fault(S, replaced(S, "\nWLD,", "\n" + "," * 13 + "\nWLD,"), S, 4, None, "row is empty"),
    # ---------------------------------------------------------------- numbers: plain digits, exactly countable
    "numeral_with_an_underscore": Fault(R, replaced(R, USA_TOTAL, ",2_7,more_than"), R, 7, "total", "digits 0-9"),
    "thousands_separator": Fault(D, replaced(D, ",73000,", ',"73,000",'), D, 2, "value", "digits 0-9"),
    "number_with_a_plus_sign": Fault(R, replaced(R, USA_TOTAL, ",+27,more_than"), R, 7, "total", "digits 0-9"),
    "number_with_decimals": Fault(C, replaced(C, ",1900,", ",1900.0,"), C, 2, "value", "digits 0-9"),
    "number_with_an_exponent": Fault(R, replaced(R, USA_TOTAL, ",2.7e1,more_than"), R, 7, "total", "digits 0-9"),
    "arabic_indic_digits": Fault(R, replaced(R, USA_TOTAL, ",\u0662\u0667,more_than"), R, 7, "total", "digits 0-9"),
    "fullwidth_digits": Fault(S, replaced(S, ",1000,about", ",\uff11\uff10\uff10\uff10,about"), S, 4, "total",
                              "digits 0-9"),
    "number_too_large": Fault(R, replaced(R, USA_TOTAL, ",99999999999999999999999,more_than"), R, 7, "total",
                              "cannot be counted exactly"),
    "number_of_five_thousand_digits": Fault(D, replaced(D, ",73000,", "," + "7" * 5000 + ","), D, 2, "value",
                                            "cannot be counted exactly"),
    "negative_detained_value": Fault(D, replaced(D, "2021-01-15,62000", "2021-01-15,-62000"), D, 4, "value",
                                     "minimum"),
    "space_before_a_number": Fault(R, replaced(R, USA_TOTAL, ", 27,more_than"), R, 7, "total", "spaces"),
    # ---------------------------------------------------------------- cells: no hidden characters
    "space_after_a_source_key": Fault(R, replaced(R, ",ngosrc,\n", ",ngosrc ,\n"), R, 7, "source", "spaces"),
    "non_breaking_space_after_a_code": Fault(C, replaced(C, "KAZ,travelled", "KAZ\u00a0,travelled"), C, 4, "country",
                                             "spaces"),
    "empty_required_cell": Fault(C, replaced(C, "800,,,,research", "800,,,,"), C, 4, "source", "a value is required"),
    "control_character_in_a_note": Fault(R, replaced(R, "month precision", "month\x07precision"), R, 3, "character",
                                         "control character"),
    "nul_byte": Fault(D, replaced(D, ",a range", ",a\x00range"), D, 3, "character", "control character"),
    # ---------------------------------------------------------------- duplicates, in every table
    "duplicate_detained_row": Fault(D, V[D] + V[D].splitlines()[1] + "\n", D, 8, "place", "duplicate row"),
    "duplicate_detained_row_with_another_note": Fault(D, V[D] + V[D].splitlines()[3] + "said twice\n", D, 8, "place",
                                                      "the same as on line 4"),
    "duplicate_stated_total": Fault(S, V[S] + V[S].splitlines()[1] + "\n", S, 5, "country", "duplicate row"),
    "duplicate_contingent": Fault(C, V[C] + V[C].splitlines()[3] + "\n", C, 5, "country", "the same as on line 4"),
    # ---------------------------------------------------------------- every accepted code is one the pipeline handles
    "country_without_a_region": Fault(R, replaced(R, "USA-2020-10,USA", "ATA-2020-10,ATA"), R, 7, "country",
                                      "without a report region"),
    "contingent_country_without_a_region": Fault(C, replaced(C, "KAZ,travelled", "FJI,travelled"), C, 4, "country",
                                                 "without a report region"),
    "world_as_a_receiving_state": Fault(R, replaced(R, "USA-2020-10,USA", "WLD-2020-10,WLD"), R, 7, "country",
                                        "unknown country code"),
    "nationality_without_a_region": Fault(D, replaced(D, "roj,national,FRA", "roj,national,PNG"), D, 5, "nationality",
                                          "without a report region"),
    # ---------------------------------------------------------------- only regular files inside the data folder
    "table_is_a_folder": Fault(R, Made("folder"), R, None, None, "is a folder, not a regular file"),
    "table_is_a_pipe": Fault(D, Made("pipe"), D, None, None, "is a pipe, not a regular file"),
    "table_links_out_of_the_data_folder": Fault(S, Made("link_out"), S, None, None, "outside the data folder"),
    "table_links_to_nothing": Fault(C, Made("link_missing"), C, None, None, "file is missing"),
    "bib_is_a_folder": Fault(B, Made("folder"), B, None, None, "is a folder"),
    "bib_links_out_of_the_data_folder": Fault(B, Made("link_out"), B, None, None, "outside the data folder"),
    "datapackage_is_a_pipe": Fault(P, Made("pipe"), P, None, None, "is a pipe"),
    "allow_list_links_out_of_the_data_folder": Fault(Y, Made("link_out"), Y, None, None, "outside the data folder"),
    "allow_list_is_a_pipe": Fault(Y, Made("pipe"), Y, None, None, "is a pipe"),
    "bib_missing": Fault(B, None, B, None, None, "file is missing"),
    "allow_list_missing": Fault(Y, None, Y, None, None, "file is missing"),
    "bib_control_character": Fault(B, replaced(B, "Camp report", "Camp\x0creport"), B, bib_line(V[B], "ngosrc", "title"),
                                   "character", "control character"),
    # ---------------------------------------------------------------- datapackage.json: each table validated from its own file
    "path_of_another_file": Fault(P, _set("repatriations", "path", "stated_totals.csv"), P,
                                  _field_line(V[P], "repatriations", key="path"), "path", "must have path 'repatriations.csv'"),
    "path_out_of_the_data_folder": Fault(P, _set("detained", "path", "../detained.csv"), P,
                                         _field_line(V[P], "detained", key="path"), "path", "must have path 'detained.csv'"),
    "path_to_a_web_address": Fault(P, _set("contingents", "path", "https://example.org/contingents.csv"), P,
                                   _field_line(V[P], "contingents", key="path"), "path", "must have path"),
    "dialect_with_semicolons": Fault(P, _package(lambda t, _: t["stated_totals"]["dialect"].update(delimiter=";")), P,
                                     _field_line(V[P], "stated_totals", key="delimiter"), "dialect.delimiter", "comma-separated"),
    "field_of_an_unhandled_type": Fault(P, _set_field("repatriations", "men", "type", "number"), P,
                                        _field_line(V[P], "repatriations", "men"), "type", "string, integer"),
    "pattern_not_a_regular_expression": Fault(P, _set_field("detained", "as_of", "pattern", "(["), P,
                                              _field_line(V[P], "detained", "as_of"), "pattern",
                                              "not a regular expression"),
    "other_missing_values": Fault(P, _package(lambda t, _: t["detained"]["schema"].update(missingValues=["", "NA"])),
                                  P, _field_line(V[P], "detained", key="missingValues"), "missingValues", "only an empty cell"),
    "primary_key_of_an_unknown_field": Fault(P, _package(lambda t, _: t["repatriations"]["schema"].update(
        primaryKey=["event_id", "src"])), P, _field_line(V[P], "repatriations", key="primaryKey"), "primaryKey",
        "must name fields"),
    "table_described_twice": Fault(P, _package(lambda t, resources: resources.append(dict(t["detained"]))), P,
                                   _field_line(V[P], "detained"), "name", "described more than once"),
    "json_key_twice_in_one_object": Fault(P, V[P].replace('"type": "integer",', '"type": "integer", "type": "string",', 1), P,
                                          _field_line(V[P], "repatriations", "men") + 1, "type", "appears twice in one object"),
    "json_number_of_five_thousand_digits": Fault(P, V[P].replace('"minimum": 0', '"minimum": ' + "9" * 5000, 1), P, 1, None,
                                                 "not valid JSON"),
    "json_nested_too_deeply": Fault(P, "[" * 100000 + "]" * 100000, P, 1, None, "nested too deeply"),
    # ---------------------------------------------------------------- known_discrepancies.yml
    "allow_list_value_is_a_list": Fault(Y, V[Y] + LIST_ENTRY, Y, line_of(V[Y] + LIST_ENTRY, "- event_id: [FRA"),
                                        "event_id", "must be a single value"),
    "allow_list_nested_too_deeply": Fault(Y, "[" * 100000 + "]" * 100000, Y, 1, None, "nested too deeply"),
}


def _check(err: DataError, fault: Fault) -> None:
    report = str(err)
    assert report == err.report()
    where = f"{fault.label}:{fault.line}:" if fault.line is not None else f"{fault.label}:"
    matching = [line for line in report.splitlines() if line.strip().startswith(where) and fault.rule in line]
    assert matching, f"no line of the report starts with {where!r} and states {fault.rule!r}:\n{report}"
    if fault.column is not None:
        assert any(f"column {fault.column}" in line or f"({fault.column})" in line for line in matching), \
            f"no line names column {fault.column!r}:\n{report}"
    if fault.line is None:
        assert any(p.file == fault.label and fault.rule in p.rule for p in err.problems)
    else:
        assert any(p.file == fault.label and p.line == fault.line and fault.rule in p.rule for p in err.problems)


def test_at_least_sixty_distinct_faults_in_every_file():
    assert len(FAULTS) >= 60
    assert {f.file for f in FAULTS.values()} == {R, S, D, C, B, P, Y}
    changes = [(f.file, f.content.encode() if isinstance(f.content, str) else f.content) for f in FAULTS.values()]
    assert len(set(changes)) == len(changes)


def test_the_valid_fixture_loads(tmp_path):
    data = load(write_data(tmp_path / "data"))
    assert len(data.repatriations) == 6
    assert len(data.sources) == 7


@pytest.fixture(autouse=True)
def no_hang():
    """Fail a test that takes more than a minute: no input may make the program wait for ever."""
    def stop(*_):
        raise TimeoutError("the program hangs on this input")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)



@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_is_refused_with_its_cause_first_exit_1_and_nothing_written(tmp_path, name, capsys, monkeypatch):
    """One run of `export` per fault: the DataError it raises names the fault's file, line, column and rule
    first (the root cause, not a follow-on), the command exits 1 with that report and no traceback, and
    nothing is written."""
    fault = FAULTS[name]
    folder = write_fault(tmp_path, fault)
    before = snapshot(tmp_path)
    raised = []

    def recording_load(*args, **kwargs):
        try:
            return load(*args, **kwargs)
        except DataError as err:
            raised.append(err)
            raise

    monkeypatch.setattr(pipeline, "load", recording_load)
    assert cli.main(["--data", str(folder), "export", str(tmp_path / "out")]) == 1
    out, err = capsys.readouterr()
    assert len(raised) == 1, err
    error = raised[0]
    _check(error, fault)
    first = error.problems[0]  # the root cause leads: the fault itself, not a follow-on
    assert (first.file, first.line if fault.line is not None else None) == (fault.label, fault.line), error.report()
    assert "Traceback" not in err and out == ""
    where = f"{fault.label}:{fault.line}:" if fault.line is not None else f"{fault.label}:"
    report = err.splitlines()
    assert report[0].endswith("nothing was loaded or written:")
    assert report[1].strip().startswith(where), err
    matching = [line for line in report if line.strip().startswith(where) and fault.rule in line]
    assert matching, err
    if fault.column is not None:
        assert any(f"column {fault.column}" in line or f"({fault.column})" in line for line in matching), err
    assert snapshot(tmp_path) == before  # no export folder, and the data as they were


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_other_line_endings_load_the_same_numbers(tmp_path, ending):
    # A spreadsheet may save CRLF (or, old Macs, CR): the same records, the same numbers, the same lines.
    plain = load(write_data(tmp_path / "lf"))
    other = load(write_data(tmp_path / "other", {n: V[n].replace("\n", ending) for n in (R, S, D, C)}))
    for name in ("repatriations", "stated_totals", "detained", "contingents"):
        pd.testing.assert_frame_equal(other.table(name), plain.table(name))


def test_a_table_that_may_be_empty_loads_with_no_rows(tmp_path, monkeypatch):
    monkeypatch.setattr("repatriation.load.MAY_BE_EMPTY", ("nationalities", "detained"))
    data = load(write_data(tmp_path / "data", {D: FAULTS["header_only_detained"].content}))
    assert len(data.detained) == 0 and list(data.detained.columns) == ["line", *V[D].splitlines()[0].split(",")]


def test_every_record_is_one_row_and_a_multiline_note_is_kept_whole(tmp_path):
    text = replaced(R, FRA_NOTE, ',govfra,"month precision only,\nsee the next line"')
    data = load(write_data(tmp_path / "data", {R: text}))
    assert len(data.repatriations) == len(V[R].splitlines()) - 1
    assert data.repatriations.loc[1, "note"] == "month precision only,\nsee the next line"
    assert list(data.repatriations["line"]) == [2, 3, 5, 6, 7, 8]


def test_one_fault_repeated_on_every_line_is_reported_briefly(tmp_path, capsys):
    rows = [f"DEU-2019-08-{d:02d},DEU,08/{d:02d}/2019,,syria,,,repatriation,,,,,,,,,{d},,,govdeu," for d in range(1, 29)]
    text = V[R] + "\n".join(rows) + "\n"
    assert cli.main(["--data", str(write_data(tmp_path / "data", {R: text})), "validate"]) == 1
    report = capsys.readouterr().err.splitlines()
    assert report[0].startswith("28 problems found")
    assert report[1].startswith(f"  {R}:8: column 3 (date): does not match the column's pattern")
    assert "  ... and 25 more lines of column 3 (date) of repatriations.csv break the same rule" in report
    assert len(report) < 15


def test_an_entry_that_cannot_be_parsed_is_reported_once_not_on_every_row_citing_it(tmp_path):
    bib = V[B].replace("@misc{ngosrc,\n  title = {Camp report},", "@misc{ngosrc,\n  title = {Camp report,", 1)
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {B: bib}))
    assert [(p.file, p.value) for p in caught.value.problems] == [(B, "ngosrc")], caught.value.report()
    assert "entry cannot be parsed" in caught.value.problems[0].rule


def test_a_follow_on_problem_comes_after_its_cause(tmp_path):
    # An allow-list that cannot be read leaves the row it would excuse unexcused: the list leads.
    text = V[Y] + "- event_id: FRA-2019-03\n  source: [govfra]\n  why: x\n"
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {Y: text}))
    assert caught.value.problems[0].file == Y, caught.value.report()


def test_duplicate_event_and_source_names_both_columns(tmp_path):
    fault = FAULTS["duplicate_event_and_source"]
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {fault.file: fault.content}))
    line = next(x for x in str(caught.value).splitlines() if "duplicate" in x)
    assert "event_id" in line and "source" in line


def test_several_faults_are_all_reported_in_one_error(tmp_path):
    folder = write_data(tmp_path / "data", {
        R: FAULTS["impossible_date"].content,
        S: FAULTS["stated_total_without_number"].content,
        D: FAULTS["low_above_high"].content,
        B: FAULTS["bib_missing_url"].content,
        Y: FAULTS["stale_allow_list_entry"].content,
    })
    with pytest.raises(DataError) as caught:
        load(folder)
    err = caught.value
    for name in ("impossible_date", "stated_total_without_number", "low_above_high", "bib_missing_url",
                 "stale_allow_list_entry"):
        _check(err, FAULTS[name])
    assert len(err.problems) == 5
    assert err.report().splitlines()[0].startswith("5 problems found")


def test_missing_datapackage_is_reported(tmp_path):
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {P: None}))
    assert any(p.file == P and "file is missing" in p.rule for p in caught.value.problems)


def test_datapackage_without_a_table_is_reported(tmp_path):
    descriptor = json.loads(V[P])
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "detained"]
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {P: json.dumps(descriptor, indent=2)}))
    assert [(p.file, p.value) for p in caught.value.problems] == [(P, "detained")]
    assert "table is not described" in str(caught.value)


def test_datapackage_that_is_not_a_json_object_is_a_data_error(tmp_path):
    # Valid JSON, but not a data package: must be reported, not crash with AttributeError.
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {P: "[]\n"}))
    assert any(p.file == P for p in caught.value.problems)


@pytest.mark.parametrize("text", ["event_id: KAZ-2019-01-06\nsource: mediakaz\n", "- KAZ-2019-01-06\n",
                                  "just some words\n"], ids=["mapping", "list_of_strings", "scalar"])
def test_allow_list_that_is_not_a_list_of_entries_is_a_data_error(tmp_path, text):
    # Valid YAML of the wrong shape: must be reported against the file, not crash with AttributeError.
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {Y: text}))
    assert any(p.file == Y for p in caught.value.problems)


def test_stale_allow_list_entry_is_located_on_its_own_line_whatever_its_key_order(tmp_path):
    entry = "- source: govfra\n  event_id: FRA-2019-03\n  why: it used to differ\n"
    text = V[Y] + entry
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {Y: text}))
    assert [(p.file, p.line) for p in caught.value.problems] == [(Y, line_of(text, "- source: govfra"))]


def test_stale_allow_list_entry_for_a_listed_event_is_located_on_its_own_line(tmp_path):
    # A second entry for KAZ-2019-01-06, with another source, that matches no mismatch.
    entry = "- event_id: KAZ-2019-01-06\n  source: govfra\n  why: another report of the same event\n"
    text = V[Y] + entry
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {Y: text}))
    assert [(p.file, p.line, p.value) for p in caught.value.problems] == [
        (Y, line_of(text, "- event_id: KAZ-2019-01-06", nth=2), "KAZ-2019-01-06 / govfra")]


def test_line_numbers_count_physical_lines_after_a_multiline_cell(tmp_path):
    # Row 2's note spans two physical lines, so the USA row is on line 8 of the file, not 7.
    text = replaced(R, '"PARTS != TOTAL: total 47, parts add up to 46"',
                    '"PARTS != TOTAL: total 47,\nparts add up to 46"')
    text = text.replace("USA,2020-10,", "USA,2019-02-30,")
    assert line_of(text, "USA,2019-02-30") == 8
    with pytest.raises(DataError) as caught:
        load(write_data(tmp_path / "data", {R: text}))
    assert [(p.file, p.line) for p in caught.value.problems] == [(R, 8)]


def test_cli_export_writes_nothing_when_the_data_are_bad(tmp_path):
    fault = FAULTS["impossible_date"]
    folder = write_data(tmp_path / "data", {fault.file: fault.content})
    out = tmp_path / "out"
    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-m", "repatriation", "--data", str(folder), "export", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert done.returncode == 1
    assert f"{R}:7:" in done.stderr
    assert "not a real calendar date" in done.stderr
    assert "nothing was loaded or written" in done.stderr
    assert "wrote" not in done.stdout
    assert not out.exists()
