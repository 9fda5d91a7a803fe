"""Load every table of `data/` and `sources.bib`, validated, or raise one DataError listing every problem.

The contract of each CSV is `data/datapackage.json` (checked with frictionless); the rules that span
files or need a calendar (real dates, nothing in the future, known country codes, source keys that
resolve, event ids of one country, parts that add up to totals) are checked here.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import yaml
from frictionless import Package

from .bib import read_sources
from .countries import is_known_code
from .dates import parse_date
from .errors import DataError, Problem
from .movements import problems as movement_problems
from .paths import data_dir
from .textfile import read_utf8

TABLES = ("repatriations", "nationalities", "stated_totals", "detained", "contingents")
COUNTS = ("men", "women", "children", "orphans", "families", "total")
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

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


def _frictionless_problems(package: Package, name: str, label: str, starts: list[int]) -> list[Problem]:
    report = package.get_resource(name).validate()
    problems = []
    for task in report.tasks:
        for err in task.errors:
            record = getattr(err, "row_number", None) or 1
            row = starts[record - 1] if 0 < record <= len(starts) else record
            col = getattr(err, "field_name", None) or getattr(err, "label", None) or ""
            num = getattr(err, "field_number", None)
            column = f"{num} ({col})" if num and col else str(col or num or "")
            cell = getattr(err, "cell", None)
            value = "" if cell is None else str(cell)
            rule = f"{err.type}: {err.note}" if err.note else err.type
            if err.type == "primary-key":
                rule = "duplicate (event_id, source): " + err.note
            problems.append(Problem(label, row, column, value, rule))
    return problems


def record_lines(text: str) -> list[int]:
    """The physical line on which each CSV record starts (index 0: the header), so that a quoted cell
    spanning several lines does not shift the line numbers of the records after it."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = [], 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts


def _read_table(text: str, fields: list[dict]) -> pd.DataFrame:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    starts = record_lines(text)
    rows = []
    for i, row in enumerate(reader, start=1):
        rows.append({"line": starts[i], **{f["name"]: (row.get(f["name"]) or "").strip() for f in fields}})
    df = pd.DataFrame(rows, columns=["line"] + [f["name"] for f in fields])
    for f in fields:
        if f["type"] == "integer":
            df[f["name"]] = pd.to_numeric(df[f["name"]].replace("", None)).astype("Int64")
        else:
            df[f["name"]] = df[f["name"]].astype(object)
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
            if code and not (is_known_code(code) or (allow_world and code == "WLD")):
                problems.append(Problem(label, line, _col(schema, name, column), code, "unknown country code (ISO 3166-1 alpha-3, XKX for Kosovo)"))
    return problems


def _number_rules(df: pd.DataFrame, name: str, label: str, schema: dict) -> list[Problem]:
    problems = []
    if name == "stated_totals":
        present = df[list(COUNTS)].notna().any(axis=1)
        for line in df.loc[~present, "line"]:
            problems.append(Problem(label, line, _col(schema, name, "total"), "", "a stated total needs at least one number"))
    if name in ("repatriations", "stated_totals"):
        bad = df["orphans"].notna() & df["children"].notna() & (df["orphans"] > df["children"])
        for line, v in zip(df.loc[bad, "line"], df.loc[bad, "orphans"]):
            problems.append(Problem(label, line, _col(schema, name, "orphans"), str(v), "more orphans than children"))
    if name in ("detained", "contingents"):
        for row in df.itertuples():
            has_value = not pd.isna(row.value)
            has_low, has_high = not pd.isna(row.low), not pd.isna(row.high)
            if not has_value and not (has_low and has_high):
                problems.append(Problem(label, row.line, _col(schema, name, "value"), "", "needs a value, or both low and high"))
            if has_low != has_high:
                problems.append(Problem(label, row.line, _col(schema, name, "high" if has_low else "low"), "", "a range needs both low and high"))
            if has_low and has_high and row.low > row.high:
                problems.append(Problem(label, row.line, _col(schema, name, "low"), str(row.low), f"low is above high ({row.high})"))
    if name in ("detained", "nationalities"):
        for row in df.itertuples():
            if (row.nationality_group == "national") != bool(row.nationality):
                problems.append(Problem(label, row.line, _col(schema, name, "nationality"), row.nationality,
                                        "nationality is required exactly when nationality_group is 'national'"))
    return problems


def _event_rules(df: pd.DataFrame, label: str, schema: dict) -> list[Problem]:
    problems = []
    for row in df.itertuples():
        if row.event_id[:3] != row.country:
            problems.append(Problem(label, row.line, _col(schema, "repatriations", "event_id"), row.event_id,
                                    f"event_id must start with the row's country ({row.country})"))
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


def _discrepancy_rules(df: pd.DataFrame, label: str, schema: dict, folder: Path) -> list[Problem]:
    """Every parts-vs-total mismatch must be on the commented allow-list, and every listed one must exist."""
    allow_label = DISCREPANCIES
    text, problems = read_utf8(folder / DISCREPANCIES, allow_label)
    listed: dict[tuple[str, str], int] = {}
    if text is not None:
        try:
            root = yaml.compose(text)
            entries = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            return [Problem(allow_label, (mark.line + 1) if mark else 1, "", "", f"not valid YAML: {exc}")]
        nodes = root.value if isinstance(root, yaml.SequenceNode) else []
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            bad = next((n for n, e in zip(nodes, entries if isinstance(entries, list) else []) if not isinstance(e, dict)), root)
            line = bad.start_mark.line + 1 if bad is not None else 1
            return [Problem(allow_label, line, "", "", "must be a list of entries with event_id, source and why")]
        for node, entry in zip(nodes, entries):
            key = (str(entry.get("event_id", "")), str(entry.get("source", "")))
            at = node.start_mark.line + 1
            if not entry.get("why"):
                problems.append(Problem(allow_label, at, "why", key[0], "every allowed discrepancy needs a reason ('why')"))
            listed[key] = at
    found = set()
    for _, row in df.iterrows():
        why = parts_mismatch(row)
        if why is None:
            continue
        key = (row["event_id"], row["source"])
        found.add(key)
        if key not in listed:
            problems.append(Problem(label, row["line"], _col(schema, "repatriations", "total"), str(row["total"]),
                                    f"{why}; explain it in data/{DISCREPANCIES} or correct the row"))
    for key, at in listed.items():
        if key not in found:
            problems.append(Problem(allow_label, at, "event_id", f"{key[0]} / {key[1]}", "allowed discrepancy no longer occurs in the data; remove it"))
    return problems


def _source_rules(tables: dict[str, pd.DataFrame], sources: pd.DataFrame, schema: dict) -> list[Problem]:
    keys = set(sources["key"])
    problems = []
    for name, df in tables.items():
        for line, key in zip(df["line"], df["source"]):
            if key and key not in keys:
                problems.append(Problem(f"{name}.csv", line, _col(schema, name, "source"), key, "source key is not in sources.bib"))
    return problems


def load(path=None, today: date | None = None) -> Dataset:
    """Read and validate all of `data/`; return a Dataset or raise DataError with every problem."""
    folder = data_dir(path)
    today = today or date.today()
    problems: list[Problem] = []
    text, problems_pkg = read_utf8(folder / "datapackage.json", "datapackage.json")
    if text is None:
        raise DataError(problems_pkg)
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem("datapackage.json", exc.lineno, f"char {exc.colno}", "", f"not valid JSON: {exc.msg}")]) from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError([Problem("datapackage.json", 1, "resources", str(type(descriptor).__name__),
                                 "must be a JSON object with a list of resources")])
    schema = {r["name"]: r["schema"] for r in descriptor["resources"]}
    missing = [t for t in TABLES if t not in schema]
    if missing:
        raise DataError([Problem("datapackage.json", 1, "resources", t, "table is not described") for t in missing])
    package = Package(descriptor, basepath=str(folder))
    tables: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        label = f"{name}.csv"
        text, file_problems = read_utf8(folder / label, label)
        if text is None:
            problems += file_problems
            continue
        found = _frictionless_problems(package, name, label, record_lines(text))
        problems += found
        if found:
            continue
        df = _read_table(text, schema[name]["fields"])
        problems += _date_rules(df, name, label, schema, today)
        problems += _country_rules(df, name, label, schema)
        problems += _number_rules(df, name, label, schema)
        if name == "repatriations":
            problems += _event_rules(df, label, schema)
            problems += _discrepancy_rules(df, label, schema, folder)
        tables[name] = df
    if "repatriations" in tables:
        problems += movement_problems(tables["repatriations"], tables.get("nationalities"), schema)
    sources, bib_problems = read_sources(folder / "sources.bib", today=today)
    problems += bib_problems
    problems += _source_rules(tables, sources, schema)
    if problems:
        raise DataError(problems)
    return Dataset(**tables, sources=sources, schema=schema)
