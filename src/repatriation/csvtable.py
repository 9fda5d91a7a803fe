"""Reading one CSV table strictly: every record becomes exactly one row, or the file is refused.

The layout is checked before any cell, and a file with a broken layout is not checked further, so
that the report names the root cause (a quote never closed, a misspelt column name, a row with a
cell too many) and not the thousand cells that follow from it:

* quotes: a quoted cell must be closed, and a quote inside it written twice (`""`); a quoted cell
  that runs on over a line that looks like a whole row of its own is taken for a missing quote;
* the header: the first line, with exactly the field names of datapackage.json, in their order (a
  name with spaces around it, or in other case, is named and refused, never dropped);
* every row: as many cells as the header, and not empty; at least one row, unless the table may be
  empty.

Then every cell is checked against its field's type, strictly: no spaces around a cell, and a whole
number written with the digits 0-9 only, small enough to be counted exactly.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass

from .errors import CELL, LAYOUT, Problem

INTEGER = re.compile(r"^-?[0-9]+$")
LARGEST = 2**53   # beyond this a float (used in sums and charts) no longer holds every whole number


@dataclass
class Records:
    """The data rows of one CSV file (cells as written) and the physical line each row starts on."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]


def _problem(label: str, line: int, column: str, value: str, rule: str, fix: str = "", stage: int = LAYOUT) -> Problem:
    return Problem(label, line, column, value, rule, fix=fix, stage=stage)


def _quote_problem(lines: list[str], start: int, label: str, names: list[str]) -> Problem | None:
    """Locate the quote that breaks the record starting on line `start`: the cell it opens and why."""
    cell, in_quote, at_cell_start, opened, closed = 1, False, True, start, False

    def column() -> str:
        return f"{cell} ({names[cell - 1]})" if cell <= len(names) else f"{cell}"

    for number, chunk in enumerate(lines[start - 1:], start):
        i = 0
        while i < len(chunk):
            ch = chunk[i]
            if in_quote:
                if ch == '"' and chunk[i + 1:i + 2] == '"':
                    i += 2
                    continue
                if ch == '"':
                    in_quote, closed = False, True
            elif closed and ch not in ",\r\n":
                if number == opened:
                    return _problem(label, number, column(), chunk.strip()[:60],
                                    "a quote inside a quoted cell is not written twice",
                                    fix='write each " inside a quoted cell as ""')
                return _problem(label, opened, column(), lines[opened - 1].strip()[:60],
                                f"the quoted cell that starts here is not closed on this line: it runs on to line "
                                f"{number} and swallows the rows in between", fix="add the missing closing quote (\")")
            elif ch == '"' and at_cell_start:
                in_quote, opened, at_cell_start = True, number, False
            elif ch == ",":
                cell, at_cell_start, closed = cell + 1, True, False
            elif ch in "\r\n":
                return None
            else:
                at_cell_start = False
            i += 1
    if in_quote:
        return _problem(label, opened, column(), lines[opened - 1].strip()[:60],
                        "the quoted cell that starts here is never closed: every line after it would be read into it",
                        fix="add the missing closing quote (\"), or remove the opening one")
    return None


def _parse(text: str, label: str, names: list[str]) -> tuple[list[list[str]], list[int], list[Problem]]:
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, starts = [], []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows, starts, []
        except csv.Error as exc:
            found = _quote_problem(lines, start, label, names)
            return rows, starts, [found or _problem(label, start, "", "", f"cannot be read as CSV: {exc}",
                                                    fix="check the quotes of this row")]
        rows.append(row)
        starts.append(start)


def _header_problems(header: list[str], names: list[str], label: str) -> list[Problem]:
    if len(header) == 1 and len(names) > 1:
        other = next((sep for sep in (";", "\t", "|") if sep in header[0]), "")
        found = f" (it uses {other!r})" if other else ""
        return [_problem(label, 1, "", header[0][:60],
                         f"the header is a single cell: the file does not separate cells with commas{found}",
                         fix="save the file as comma-separated CSV")]
    expected, lower = set(names), {n.lower(): n for n in names}
    counts, problems, accounted = Counter(header), [], set()
    for i, h in enumerate(header, 1):
        col = f"{i} ({h})"
        if counts[h] > 1 and header.index(h) + 1 != i:
            problems.append(_problem(label, 1, col, h, f"column name '{h}' appears more than once",
                                     fix="remove or rename the repeated column"))
        elif h in expected:
            accounted.add(h)
        elif not h.strip():
            problems.append(_problem(label, 1, f"{i}", h, "column has no name", fix="name the column as datapackage.json does"))
        elif h.strip() in expected:
            accounted.add(h.strip())
            problems.append(_problem(label, 1, col, h, f"column name '{h}' has spaces around it",
                                     fix=f"rename the column to '{h.strip()}'"))
        elif h.strip().lower() in lower:
            meant = lower[h.strip().lower()]
            accounted.add(meant)
            problems.append(_problem(label, 1, col, h, f"column name '{h}' differs from '{meant}' (names are exact, "
                                     "case included)", fix=f"rename the column to '{meant}'"))
        else:
            problems.append(_problem(label, 1, col, h, f"column '{h}' is not described in datapackage.json",
                                     fix="remove the column, or describe it in datapackage.json"))
    for i, n in enumerate(names, 1):
        if n not in accounted:
            problems.append(_problem(label, 1, f"{i} ({n})", "", f"column '{n}' is missing from the header",
                                     fix=f"add the column '{n}' (in the order of datapackage.json)"))
    if not problems and header != names:
        i = next(i for i, (h, n) in enumerate(zip(header, names)) if h != n)
        problems.append(_problem(label, 1, f"{i + 1} ({header[i]})", header[i],
                                 f"columns are not in the order of datapackage.json: '{names[i]}' should come here",
                                 fix="put the columns in the order of datapackage.json"))
    return problems


def _row_problems(row: list[str], line: int, names: list[str], label: str) -> list[Problem]:
    n = len(names)
    if not any(cell.strip() for cell in row):
        return [_problem(label, line, "", ",".join(row), "row is empty", fix="delete the line")]
    if len(row) != n:
        at = min(len(row), n) + 1
        column = f"{at} ({names[at - 1]})" if at <= n else f"{at}"
        return [_problem(label, line, column, ",".join(row)[:60], f"row has {len(row)} cells but the header has {n}",
                         fix="a comma is missing or one too many; quote a cell that contains a comma")]
    for i, cell in enumerate(row):
        for piece in re.split(r"\r\n|\r|\n", cell)[1:]:
            if piece and len(next(csv.reader([piece]))) >= n:
                at = line + sum(len(re.findall(r"\r\n|\r|\n", c)) for c in row[:i])
                return [_problem(label, at, f"{i + 1} ({names[i]})", piece[:60],
                                 "the quoted cell that starts here runs on over a line that looks like a row of its own",
                                 fix="add the missing closing quote (\") at the end of the cell")]
    return []


def _too_large(digits: str) -> bool:
    significant = digits.lstrip("-").lstrip("0")
    return len(significant) > len(str(LARGEST)) or (significant != "" and int(significant) > LARGEST)


def read_records(text: str, label: str, names: list[str], may_be_empty: bool = False) -> tuple[Records | None, list[Problem]]:
    """The rows of a CSV text whose header must be exactly `names`, or None with the layout problems; a
    header without rows is one of them unless `may_be_empty`."""
    rows, starts, problems = _parse(text, label, names)
    if problems:
        return None, problems
    header, rows, starts = rows[0], rows[1:], starts[1:]
    if len(header) > 1 and 2 * len(set(header) & set(names)) < len(names):
        at = next((line for row, line in zip(rows, starts) if row == names), None)
        return None, [_problem(label, 1, "", ",".join(header)[:60], "the first line is not the header"
                               + (f": the header is on line {at}" if at else ""),
                               fix="make the first line the header: " + ",".join(names))]
    problems = _header_problems(header, names, label)
    if problems:
        return None, problems
    for row, line in zip(rows, starts):
        problems += _row_problems(row, line, names, label)
    if not rows and not may_be_empty:
        problems.append(_problem(label, 1, "", "", "file has a header but no rows", fix="add the rows, or restore the file"))
    if problems:
        return None, problems
    return Records(header, rows, starts), []


def cell_problems(records: Records, fields: list[dict], label: str) -> list[Problem]:
    """Cells that are not exactly what their field's type allows: spaces around them, or a whole number
    not written with plain digits or too large to be counted exactly."""
    problems = []
    for row, line in zip(records.rows, records.lines):
        for i, (cell, field) in enumerate(zip(row, fields), 1):
            column = f"{i} ({field['name']})"
            if cell != cell.strip():
                problems.append(_problem(label, line, column, cell, "cell has spaces (or a line break) at its start or end",
                                         fix="remove them", stage=CELL))
            elif field["type"] == "integer" and cell and not INTEGER.match(cell):
                problems.append(_problem(label, line, column, cell, "is not a whole number (integer) written with the digits 0-9",
                                         fix="write the number with digits only: no spaces, separators, signs, "
                                             "decimals or exponents", stage=CELL))
            elif field["type"] == "integer" and cell and _too_large(cell):
                problems.append(_problem(label, line, column, cell, f"number is larger than {LARGEST:,} and cannot be counted exactly",
                                         fix="check the number", stage=CELL))
    return problems
