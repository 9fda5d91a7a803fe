"""Tables for the book: a DataFrame as an inert MyST Markdown table, ready to glue inside a `{table}`.

Every cell is escaped, so a source title or note that contains HTML, a Markdown link or a MyST role
is shown as text, never rendered or executed.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown

KEY = re.compile(r"^[a-z0-9]+$")
SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$:])")
RELATIVE = re.compile(r"^(?:\.\./)*[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.html(?:#[A-Za-z0-9_-]+)?$")


@dataclass(frozen=True)
class Link:
    """A table cell that links a page of the book (a relative address such as `../states/BEL.html#event-x`,
    checked), its text escaped like any other cell."""

    text: str
    href: str

    def __post_init__(self):
        if not RELATIVE.match(self.href):
            raise ValueError(f"not a relative address of a page of the book: {self.href!r}")


def escape(value) -> str:
    """Text safe to place in a MyST table cell: HTML-escaped, Markdown punctuation backslash-escaped."""
    if isinstance(value, Link):
        return f'<a href="{value.href}">{escape(value.text)}</a>'
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = html.escape(" ".join(str(value).split()), quote=False)  # <, >, & become entities, shown as text
    return SPECIAL.sub(r"\\\1", text)


NOT_STATED = "not stated"


def fmt_int(x) -> str:
    """An integer with thousands separators, or "not stated" for a missing value (never 0)."""
    return NOT_STATED if x is None or pd.isna(x) else f"{int(round(float(x))):,}"


def citation(keys: str) -> str:
    """A cell of ";"-separated source keys as one citation role, each key checked, so the table cites the
    same labelled entries as the prose (never a label that two entries share)."""
    found = [k for k in str(keys).split(";") if k]
    if not found or not all(KEY.match(k) for k in found):
        raise ValueError(f"not a list of source keys: {keys!r}")
    return "{cite:p}`" + ",".join(dict.fromkeys(found)) + "`"


def markdown_table(df: pd.DataFrame, formats: dict | None = None, citations: tuple[str, ...] = ()) -> Markdown:
    """The frame as a Markdown table (header row first), each cell formatted then escaped; the columns
    named in `citations` hold source keys and become citation roles (`citation`)."""
    formats = formats or {}
    head = "| " + " | ".join(escape(c) for c in df.columns) + " |"
    rule = "| " + " | ".join("---" for _ in df.columns) + " |"
    rows = []
    for _, row in df.iterrows():
        cells = [citation(row[c]) if c in citations else escape(formats[c](row[c]) if c in formats else row[c])
                 for c in df.columns]
        rows.append("| " + " | ".join(cells) + " |")
    return Markdown("\n".join([head, rule, *rows]) + "\n")
