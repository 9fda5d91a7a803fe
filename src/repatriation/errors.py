"""One error type for bad input: it lists every problem with file, line, column, value and rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule at one place of one input file."""

    file: str
    line: int
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" column {self.column}:" if self.column else ""
        shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
        return f"{where}:{col} {self.rule} (value: {shown!r})"


class DataError(ValueError):
    """Raised when the data break the contract; `problems` holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """A readable report: a count, then one line per problem."""
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} found in the data; nothing was loaded or written:"]
        lines += [f"  {p}" for p in self.problems]
        return "\n".join(lines)
