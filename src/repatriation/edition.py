"""This edition of the report and dataset: title, version, the "data to" date, licence, and the one line
that says all four (in every export, under every exported chart, in the page footer and in print)."""

from __future__ import annotations

from dataclasses import dataclass

from . import citing
from .dates import parse_date
from .pipeline import Results

# Where each table keeps the date its row refers to (the date of the event or figure, not of publication).
DATE_COLUMNS = {"repatriations": ("date", "date_end"), "stated_totals": ("as_of",), "detained": ("as_of",),
                "contingents": ("as_of",)}


@dataclass(frozen=True)
class Edition:
    """The facts that identify an edition."""

    title: str
    version: str
    data_to: str  # the latest date in the record, as precise as the row that gives it
    licence: str
    licence_url: str
    citation: str

    @property
    def line(self) -> str:
        """Title · edition · data to · licence, on one line."""
        return f"{self.title} · edition {self.version} · data to {self.data_to} · {self.licence}"


def data_to(r: Results) -> str:
    """The latest date of any row of any table (events and their last days, stated totals, detained
    populations, contingents), as its row gives it ("2026-03"): the latest by the last day the date may
    stand for, then by its first day (a full date of that month beats the month alone)."""
    found = []
    for table, columns in DATE_COLUMNS.items():
        df = r.data.table(table)
        for column in columns:
            for text in df[column]:
                d = parse_date(text) if isinstance(text, str) and text else None
                if d is not None:
                    found.append((d.end, d.start, text))
    if not found:
        raise ValueError("the record holds no dated row")
    return max(found)[2]


def edition(r: Results, cff: dict | None = None) -> Edition:
    """This edition: the report's title, version and licence from CITATION.cff, and the data-to date of `r`."""
    entry = citing.report(cff)
    return Edition(title=entry["title"], version=str(entry["version"]), data_to=data_to(r),
                   licence=citing.licence(entry), licence_url=entry["license-url"], citation=citing.report_text(cff))
