"""Reading and checking `data/sources.bib`: one entry per page or report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexError

from .dates import parse_date
from .errors import FILE, Problem
from .textfile import read_utf8

REQUIRED = ("title", "author", "organization", "date", "year", "url", "urldate", "sourcetype")
SOURCETYPES = ("government", "un", "ngo", "research", "media")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
KEY = re.compile(r"^[a-z0-9]+$")
START = re.compile(r"^@(\w+)\s*\{\s*([^,\s]*)\s*,", re.MULTILINE)
COLUMNS = ["key", "line", "entrytype", "title", "author", "organization", "date", "year", "url",
           "urldate", "sourcetype", "jurisdiction", "language", "note"]


@dataclass(frozen=True)
class _Chunk:
    entrytype: str
    key: str
    line: int
    text: str


def plain(value: str) -> str:
    """A BibTeX value without its protecting braces and with collapsed white space."""
    return re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()


def _month(value: str) -> str:
    """A month field (macro `jan` expands to 'January') as its three-letter abbreviation."""
    v = value.strip().lower()
    return MONTHS[MONTH_NAMES.index(v)] if v in MONTH_NAMES else v


def _chunks(text: str) -> list[_Chunk]:
    starts = list(START.finditer(text))
    chunks, line, counted_to = [], 1, 0
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        line += text.count("\n", counted_to, m.start())  # counted on from the previous entry, not from the top
        counted_to = m.start()
        chunks.append(_Chunk(m.group(1).lower(), m.group(2), line, text[m.start():end]))
    return chunks


def _field_line(chunk: _Chunk, field: str) -> int:
    m = re.search(rf"^[ \t]*{field}[ \t]*=", chunk.text, re.MULTILINE | re.IGNORECASE)
    return chunk.line + (chunk.text.count("\n", 0, m.start()) if m else 0)


def _check_entry(chunk: _Chunk, fields: dict[str, str], label: str, today: date) -> list[Problem]:
    problems = []

    def bad(field: str, value: str, rule: str) -> None:
        problems.append(Problem(label, _field_line(chunk, field), field, value, f"entry '{chunk.key}': {rule}"))

    for field in REQUIRED:
        if not fields.get(field):
            bad(field, "", f"required field '{field}' is missing")
    if fields.get("date"):
        parsed = parse_date(fields["date"])
        if parsed is None:
            bad("date", fields["date"], "date is not a real YYYY-MM-DD, YYYY-MM or YYYY date")
        else:
            if parsed.start > today:
                bad("date", fields["date"], "publication date is in the future")
            if fields.get("year") and fields["year"] != fields["date"][:4]:
                bad("year", fields["year"], "year does not agree with date")
            month = _month(fields.get("month", ""))
            if month in MONTHS and len(fields["date"]) >= 7 and MONTHS.index(month) + 1 != int(fields["date"][5:7]):
                bad("month", month, "month does not agree with date")
    if fields.get("month") and _month(fields["month"]) not in MONTHS:
        bad("month", fields["month"], "month must be a BibTeX month macro (jan ... dec)")
    if fields.get("urldate"):
        parsed = parse_date(fields["urldate"])
        if parsed is None or parsed.precision != "day":
            bad("urldate", fields["urldate"], "urldate must be a real YYYY-MM-DD date")
        elif parsed.start > today:
            bad("urldate", fields["urldate"], "access date is in the future")
    if fields.get("url") and not re.match(r"^https?://\S+$", fields["url"]):
        bad("url", fields["url"], "url must start with http:// or https:// and contain no spaces")
    if fields.get("sourcetype") and fields["sourcetype"] not in SOURCETYPES:
        bad("sourcetype", fields["sourcetype"], f"sourcetype must be one of {', '.join(SOURCETYPES)}")
    if fields.get("sourcetype") == "government" and not fields.get("jurisdiction"):
        bad("sourcetype", "government", "a government source needs a jurisdiction (ISO3 code or AANES)")
    if fields.get("jurisdiction") and not re.match(r"^([A-Z]{3}|AANES)$", fields["jurisdiction"]):
        bad("jurisdiction", fields["jurisdiction"], "jurisdiction must be an ISO3 code or AANES")
    return problems


def read_sources(path: Path, label: str = "sources.bib", today: date | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse the bibliography into one row per entry, with every problem found."""
    today = today or date.today()
    text, problems = read_utf8(path, label)
    if text is None:
        return pd.DataFrame(columns=COLUMNS), problems
    chunks = _chunks(text)
    if not chunks:
        return pd.DataFrame(columns=COLUMNS), [Problem(label, 1, "", text[:40], "no BibTeX entry found")]
    seen: dict[str, int] = {}
    rows = []
    for chunk in chunks:
        if not KEY.match(chunk.key):
            problems.append(Problem(label, chunk.line, "key", chunk.key, "key must be lowercase letters and digits only"))
        if chunk.key in seen:
            problems.append(Problem(label, chunk.line, "key", chunk.key, f"duplicate key (first defined on line {seen[chunk.key]})"))
            continue
        seen[chunk.key] = chunk.line
        try:
            entry = Parser().parse_string(chunk.text).entries[chunk.key]
        except (PybtexError, KeyError) as exc:
            lineno = getattr(exc, "lineno", None) or 1
            problems.append(Problem(label, chunk.line + lineno - 1, "", chunk.key, f"entry cannot be parsed: {exc}",
                                    fix="check the braces and commas of the entry", stage=FILE))
            continue
        fields = {k.lower(): plain(v) for k, v in entry.fields.items()}
        fields["author"] = plain(" and ".join(str(p) for p in entry.persons.get("author", [])))
        problems += _check_entry(chunk, fields, label, today)
        rows.append({"key": chunk.key, "line": chunk.line, "entrytype": chunk.entrytype,
                     **{c: fields.get(c, "") for c in COLUMNS[3:]}})
    return pd.DataFrame(rows, columns=COLUMNS), problems
