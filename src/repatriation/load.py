"""Load every table of `data/` and `sources.bib`, validated, or raise one DataError listing every problem.

The contract of each CSV is `data/datapackage.json` (checked with frictionless); the rules that span
files or need a calendar (real dates, nothing in the future, known country codes, source keys that
resolve, event ids of one country, parts that add up to totals) are checked here.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from .bib import read_sources
from .clean import COUNTS
from .countries import has_region
from .csvtable import Records, cell_problems, read_records
from .dates import parse_date
from .descriptor import read_descriptor
from .errors import ACROSS, FILE, ROW, DataError, Problem
from .movements import problems as movement_problems
from .paths import data_dir
from .textfile import read_utf8

# The fields the library reads, by table: a data folder's datapackage.json must describe each of them (it
# may describe more); the counts and value, low and high as integers, every other as a string. The
# project's own datapackage.json describes exactly these (tests/test_checklist.py).
FIELDS: dict[str, tuple[str, ...]] = {
    "repatriations": ("event_id", "country", "date", "date_end", "origin", "facility", "held_in", "kind", "held_by",
                      "handed_to", "part_of", *COUNTS, "qualifier", "operation", "source", "note"),
    "nationalities": ("event_id", "source", "nationality_group", "nationality", "value", "qualifier", "note"),
    "stated_totals": ("country", "since", "as_of", "origin", "scope", *COUNTS, "qualifier", "source", "note"),
    "detained": ("place", "nationality_group", "nationality", "sex_age", "as_of", "value", "low", "high", "qualifier",
                 "unit", "source", "note"),
    "contingents": ("country", "measure", "as_of", "value", "low", "high", "qualifier", "source", "note"),
}
INTEGERS = (*COUNTS, "value", "low", "high")
TABLES = tuple(FIELDS)
# Tables that may hold a header and no rows; any other table with no rows is a damaged file, refused.
MAY_BE_EMPTY: tuple[str, ...] = ("nationalities",)
DISCREPANCIES = "known_discrepancies.yml"


@dataclass
class Dataset:
    """The validated tables, each with a `line` column pointing back to its file."""

    repatriations: pd.DataFrame
    nationalities: pd.DataFrame
    stated_totals: pd.DataFrame
    detained: pd.DataFrame
    contingents: pd.DataFrame
    sources: pd.DataFrame
    schema: dict = field(repr=False, default_factory=dict)
    folder: Path | None = None   # the data folder the tables were read from

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


def _plain_rule(err, field: dict) -> str:
    """A frictionless error in plain words, naming the constraint it breaks."""
    constraints = field.get("constraints", {})
    broken = re.search(r'constraint "(\w+)"', err.note or "")
    name = broken.group(1) if broken else ""
    if err.type == "type-error":
        return f"is not a valid {field['type']}" + (" (a whole number)" if field["type"] == "integer" else "")
    if name == "required":
        return "a value is required but the cell is empty"
    if name == "pattern":
        return f"does not match the column's pattern {constraints['pattern']}"
    if name == "enum":
        return "is not one of the allowed values (enum): " + ", ".join(v or "(empty)" for v in constraints["enum"])
    if name in ("minimum", "maximum"):
        return f"is {'below the minimum' if name == 'minimum' else 'above the maximum'} of {constraints[name]}"
    return f"{err.type}: {err.note}" if err.note else err.type


def _frictionless_problems(records: Records, schema: dict, name: str, label: str) -> tuple[list[Problem], list[Problem]]:
    """The schema checks and the row rules (`checklist`) of frictionless, run on the very rows that are loaded
    (not on a path): (problems of single cells, rows breaking a row rule)."""
    from frictionless import Resource, Schema  # here, not at the top: reading a build's cached results needs neither

    from .checklist import broken, checklist

    fields = {f["name"]: f for f in schema["fields"]}
    order = list(fields)
    checked = Schema.from_descriptor({k: v for k, v in schema.items() if k != "primaryKey"})
    report = Resource(data=[records.header, *records.rows], schema=checked).validate(checklist(name))
    cells, rows = [], []
    for task in report.tasks:
        for err in task.errors:
            record = getattr(err, "row_number", None) or 1
            line = records.lines[record - 2] if 2 <= record <= len(records.lines) + 1 else 1
            if err.type == "row-constraint":
                rule = broken(name, err.note)
                written = dict(zip(order, records.rows[record - 2]))
                rows.append(Problem(label, line, f"{order.index(rule.column) + 1} ({rule.column})", written[rule.column],
                                    rule.rule.format(**written), fix=rule.fix, stage=rule.stage))
                continue
            col = getattr(err, "field_name", None) or getattr(err, "label", None) or ""
            num = getattr(err, "field_number", None)
            column = f"{num} ({col})" if num and col else str(col or num or "")
            cell = getattr(err, "cell", None)
            value = "" if cell is None else str(cell)
            field_ = fields.get(col, {"type": "", "constraints": {}})
            fix = f"see the column's description: {field_['description']}" if field_.get("description") else ""
            cells.append(Problem(label, line, column, value, _plain_rule(err, field_), fix=fix))
    return cells, rows


def record_lines(text: str) -> list[int]:
    """The physical line on which each CSV record starts (index 0: the header), so that a quoted cell
    spanning several lines does not shift the line numbers of the records after it."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = [], 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts


def _read_table(records: Records, fields: list[dict]) -> pd.DataFrame:
    """One row per record, the cells as written; integer fields as Int64 (empty: missing)."""
    columns = {"line": records.lines}
    for i, f in enumerate(fields):
        cells = [row[i] for row in records.rows]
        if f["type"] == "integer":
            columns[f["name"]] = pd.array([int(c) if c else None for c in cells], dtype="Int64")
        else:
            columns[f["name"]] = pd.Series(cells, dtype=object)
    df = pd.DataFrame(columns)
    if len(df) != len(records.rows):
        raise AssertionError(f"{len(records.rows)} records became {len(df)} rows")
    return df


def _col(schema: dict, name: str, column: str) -> str:
    names = [f["name"] for f in schema[name]["fields"]]
    return f"{names.index(column) + 1} ({column})" if column in names else column


def _date_rules(df: pd.DataFrame, name: str, label: str, schema: dict, today: date) -> list[Problem]:
    problems = []
    for column in ("date", "date_end", "since", "as_of"):
        if column not in df:
            continue
        for line, text in zip(df["line"], df[column]):
            if not text:
                continue
            parsed = parse_date(text)
            if parsed is None:
                problems.append(Problem(label, line, _col(schema, name, column), text, "not a real calendar date"))
            elif parsed.start > today:
                problems.append(Problem(label, line, _col(schema, name, column), text, "date is in the future"))
    for start, end in (("date", "date_end"), ("since", "as_of")):
        if start in df and end in df:
            for line, a, b in zip(df["line"], df[start], df[end]):
                pa, pb = parse_date(a), parse_date(b)
                if pa and pb and pb.end < pa.start:
                    problems.append(Problem(label, line, _col(schema, name, end), b, f"{end} is before {start} ({a})"))
    return problems


def _country_rules(df: pd.DataFrame, name: str, label: str, schema: dict) -> list[Problem]:
    problems = []
    for column in ("country", "nationality"):
        if column not in df:
            continue
        allow_world = name in ("stated_totals", "contingents") and column == "country"
        for line, code in zip(df["line"], df[column]):
            if code and not (has_region(code) or (allow_world and code == "WLD")):
                problems.append(Problem(label, line, _col(schema, name, column), code,
                                        "unknown country code (ISO 3166-1 alpha-3, XKX for Kosovo), or one without a report region",
                                        fix="correct the code, or give its region in countries.py"))
    return problems


def _event_rules(df: pd.DataFrame, label: str, schema: dict) -> list[Problem]:
    problems = []
    for event_id, group in df.groupby("event_id"):
        if group["country"].nunique() > 1:
            for line in group["line"]:
                problems.append(Problem(label, line, _col(schema, "repatriations", "country"), event_id,
                                        "one event_id mixes several countries"))
    return problems


def parts_mismatch(row) -> str | None:
    """Why a row's men, women and children do not add up to its total, or None when they do."""
    if pd.isna(row["total"]):
        return None
    parts = [row[c] for c in ("men", "women", "children")]
    known = [int(p) for p in parts if not pd.isna(p)]
    if not known:
        return None
    if sum(known) > row["total"]:
        return f"parts add up to {sum(known)}, more than the total {row['total']}"
    if len(known) == 3 and sum(known) != row["total"]:
        return f"men + women + children = {sum(known)}, but the total is {row['total']}"
    return None


def _allow_list(folder: Path) -> tuple[dict[tuple[str, str], int] | None, list[Problem]]:
    """The allow-list of known discrepancies, {(event_id, source): line}, or None when it cannot be read."""
    label = DISCREPANCIES
    text, problems = read_utf8(folder / DISCREPANCIES, label)
    if text is None:
        return None, problems
    try:
        root = yaml.compose(text)
        entries = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(label, (mark.line + 1) if mark else 1, "", "", f"not valid YAML: {exc}", stage=FILE)]
    except RecursionError:
        return None, [Problem(label, 1, "", "", "not valid YAML: nested too deeply", stage=FILE)]
    nodes = root.value if isinstance(root, yaml.SequenceNode) else []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        bad = next((n for n, e in zip(nodes, entries if isinstance(entries, list) else []) if not isinstance(e, dict)), root)
        line = bad.start_mark.line + 1 if bad is not None else 1
        return None, [Problem(label, line, "", "", "must be a list of entries with event_id, source and why", stage=FILE)]
    listed: dict[tuple[str, str], int] = {}
    for node, entry in zip(nodes, entries):
        at = node.start_mark.line + 1
        nested = [k for k in ("event_id", "source", "why") if isinstance(entry.get(k), (dict, list))]
        if nested:
            return None, [Problem(label, at, nested[0], "", f"'{nested[0]}' must be a single value, not a list or a mapping",
                                  stage=FILE)]
        key = (str(entry.get("event_id", "")), str(entry.get("source", "")))
        if not entry.get("why"):
            problems.append(Problem(label, at, "why", key[0], "every allowed discrepancy needs a reason ('why')"))
        listed[key] = at
    return listed, problems


def _discrepancy_rules(df: pd.DataFrame, label: str, schema: dict, folder: Path) -> list[Problem]:
    """Every parts-vs-total mismatch must be on the commented allow-list, and every listed one must exist."""
    listed, problems = _allow_list(folder)
    if listed is None:
        return problems
    found = set()
    for _, row in df.iterrows():
        why = parts_mismatch(row)
        if why is None:
            continue
        key = (row["event_id"], row["source"])
        found.add(key)
        if key not in listed:
            problems.append(Problem(label, row["line"], _col(schema, "repatriations", "total"), str(row["total"]),
                                    f"{why}; explain it in data/{DISCREPANCIES} or correct the row", stage=ROW))
    for key, at in listed.items():
        if key not in found:
            problems.append(Problem(DISCREPANCIES, at, "event_id", f"{key[0]} / {key[1]}",
                                    "allowed discrepancy no longer occurs in the data; remove it", stage=ACROSS))
    return problems


def _duplicate_rules(df: pd.DataFrame, name: str, label: str, schema: dict) -> list[Problem]:
    """No two rows alike: alike in the table's primaryKey when it has one, else in every column but the
    free-text ones (strings without constraints, such as note)."""
    fields = schema[name]["fields"]
    key = schema[name].get("primaryKey")
    key = [key] if isinstance(key, str) else key
    free = [f["name"] for f in fields if f["type"] == "string" and not f.get("constraints")]
    same = key or [f["name"] for f in fields if f["name"] not in free]
    if key:
        rule = f"duplicate ({', '.join(key)}): the same as on line {{first}}"
        fix = f"each row needs its own {' and '.join(key)}: remove or merge one of the rows"
    else:
        rule = "duplicate row: the same as on line {first}" + (f" in every column but {', '.join(free)}" if free else "")
        fix = "remove one of the two rows"
    first: dict[tuple, int] = {}
    problems = []
    for line, values in zip(df["line"], df[same].astype(object).itertuples(index=False, name=None)):
        values = tuple("" if pd.isna(v) else v for v in values)
        if values in first:
            problems.append(Problem(label, line, _col(schema, name, same[0]), " / ".join(map(str, values))[:80],
                                    rule.format(first=first[values]), fix=fix, stage=ROW))
        else:
            first[values] = line
    return problems


def _source_rules(tables: dict[str, pd.DataFrame], sources: pd.DataFrame, schema: dict,
                  unreadable: set[str]) -> list[Problem]:
    """Every source key resolves; a key whose entry cannot be parsed is reported there, not on every row."""
    keys = set(sources["key"]) | unreadable
    problems = []
    for name, df in tables.items():
        for line, key in zip(df["line"], df["source"]):
            if key and key not in keys:
                problems.append(Problem(f"{name}.csv", line, _col(schema, name, "source"), key, "source key is not in sources.bib",
                                        fix="add the source to sources.bib or correct the key", stage=ACROSS))
    return problems


def load(path=None, today: date | None = None) -> Dataset:
    """Read and validate all of `data/`; return a Dataset or raise DataError with every problem."""
    folder = data_dir(path)
    today = today or date.today()
    if not folder.is_dir():
        raise DataError([Problem(str(folder), 0, "", "", "data folder is missing or not a folder", stage=FILE)])
    schema, problems = read_descriptor(folder, TABLES, {t: {f: "integer" if f in INTEGERS else "string" for f in names}
                                                         for t, names in FIELDS.items()})
    if schema is None:
        raise DataError(problems)
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        label = f"{name}.csv"
        fields = schema[name]["fields"]
        text, found = read_utf8(folder / label, label)
        records = None
        if text is not None:
            records, found = read_records(text, label, [f["name"] for f in fields], may_be_empty=name in MAY_BE_EMPTY)
        if records is not None:
            found = cell_problems(records, fields, label)
            taken = {(p.line, p.column) for p in found}
            in_cells, in_rows = _frictionless_problems(records, schema[name], name, label)
            found += [p for p in in_cells if (p.line, p.column) not in taken]
        problems += found
        if found:
            continue
        df = _read_table(records, fields)
        problems += in_rows
        problems += _date_rules(df, name, label, schema, today)
        problems += _country_rules(df, name, label, schema)
        problems += _duplicate_rules(df, name, label, schema)
        if name == "repatriations":
            problems += _event_rules(df, label, schema)
            problems += _discrepancy_rules(df, label, schema, folder)
        tables[name] = df
    if "repatriations" in tables:
        problems += movement_problems(tables["repatriations"], tables.get("nationalities"), schema)
    sources, bib_problems = read_sources(folder / "sources.bib", today=today)
    problems += bib_problems
    if not sources.empty:
        unreadable = {p.value for p in bib_problems if p.stage == FILE}
        problems += _source_rules(tables, sources, schema, unreadable)
    if problems:
        raise DataError(problems)
    return Dataset(**tables, sources=sources, schema=schema, folder=folder)
