"""One error type for bad input: it lists every problem with file, line, column, value and rule.

The report leads with the root cause: problems are ordered by stage (a file that cannot be read
comes before its layout, its layout before its cells, its cells before rules that span rows or
files), then by file and line; a rule broken on many lines of one column is shown a few times and
then counted, so that one mistake repeated a thousand times does not bury the others.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Stages, from the most fundamental: each can cause problems at the later ones, never the reverse.
FILE, LAYOUT, CELL, ROW, ACROSS = 0, 1, 2, 3, 4
SHOWN_PER_RULE = 3   # lines shown for one rule in one column of one file before the rest are counted


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule at one place of one input file, and what to do about it (`fix`, optional)."""

    file: str
    line: int
    column: str
    value: str
    rule: str
    fix: str = field(default="", compare=False)
    stage: int = field(default=CELL, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" column {self.column}:" if self.column else ""
        shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return f"{where}:{col} {self.rule} (value: {shown!r})"


def _order(p: Problem) -> tuple:
    number = re.match(r"\d+", p.column)   # column 9 before column 11
    return (p.stage, p.file, p.line, int(number.group()) if number else 0, p.column, p.value, p.rule)


class DataError(ValueError):
    """Raised when the data break the contract; `problems` holds every problem found, root causes first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_order)
        super().__init__(self.report())

    def report(self) -> str:
        """A readable report: a count, then the problems, root cause first, each with what to do."""
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} found in the data; nothing was loaded or written:"]
        total = Counter((p.file, p.column, p.rule) for p in self.problems)
        shown: Counter = Counter()
        for p in self.problems:
            group = (p.file, p.column, p.rule)
            shown[group] += 1
            if shown[group] > SHOWN_PER_RULE:
                continue
            lines.append(f"  {p}")
            if p.fix:
                lines.append(f"      what to do: {p.fix}")
            if shown[group] == SHOWN_PER_RULE and total[group] > SHOWN_PER_RULE:
                where = f"column {p.column} of {p.file}" if p.column else p.file
                lines.append(f"  ... and {total[group] - SHOWN_PER_RULE} more lines of {where} break the same rule")
        return "\n".join(lines)
