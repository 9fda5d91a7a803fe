"""The one way data flow: load and validate, clean, reconcile. Chapters and the CLI start here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .clean import clean_ranges, clean_repatriations, with_country
from .clean import add_dates
from .load import Dataset, load
from .reconcile import reconcile


@dataclass
class Results:
    """Validated inputs and their cleaned, reconciled forms."""

    data: Dataset
    reports: pd.DataFrame      # one cleaned row per report
    events: pd.DataFrame       # one row per event, preferred figure and band
    status: pd.DataFrame       # one row per report: preferred or superseded, and why
    stated: pd.DataFrame       # stated cumulative totals, cleaned
    detained: pd.DataFrame     # detained populations, cleaned
    contingents: pd.DataFrame  # contingents who travelled, cleaned


def run(path=None) -> Results:
    """Load `data/` (or `path`), validate it, and return every cleaned table."""
    data = load(path)
    reports = clean_repatriations(data.repatriations)
    events, status = reconcile(reports, data.sources)
    stated = with_country(add_dates(data.stated_totals, "as_of"))
    detained = clean_ranges(data.detained)
    contingents = with_country(clean_ranges(data.contingents))
    return Results(data, reports, events, status, stated, detained, contingents)
