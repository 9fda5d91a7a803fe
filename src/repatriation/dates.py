"""Dates as precise as their source: a day, a month or a year."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to a day, a month or a year, with the first and last day it may stand for."""

    text: str
    precision: str  # "day", "month" or "year"
    start: date
    end: date

    @property
    def middle(self) -> date:
        """The middle of the period: a sortable point for charts."""
        return date.fromordinal((self.start.toordinal() + self.end.toordinal()) // 2)


def parse_date(text: str) -> PartialDate | None:
    """Parse `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; None when it is not a real date."""
    m = PATTERN.match(text or "")
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            d = date(year, int(month), int(day))
            return PartialDate(text, "day", d, d)
        if month is not None:
            last = calendar.monthrange(year, int(month))[1]
            return PartialDate(text, "month", date(year, int(month), 1), date(year, int(month), last))
        return PartialDate(text, "year", date(year, 1, 1), date(year, 12, 31))
    except ValueError:
        return None
