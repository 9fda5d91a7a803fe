"""How a figure, a date or a list reads in prose: the words the chapters glue, built in code.

A figure keeps its qualifier ("about", "more than", "up to"); figures that sources disagree on are
listed side by side, never averaged or added up.
"""

from __future__ import annotations

import pandas as pd

from .dates import parse_date
from .views import QUALIFIER_WORDS, phrase


def date_text(text: str) -> str:
    """A partial date as a reader says it: '21 February 2026', 'February 2026' or '2026'."""
    d = parse_date(str(text))
    if d is None:
        raise ValueError(f"not a date: {text!r}")
    fmt = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}[d.precision]
    return d.start.strftime(fmt)


def figure_text(people, qualifier: str, low=None, high=None) -> str:
    """A movement's preferred figure with its qualifier, and the band over reports where they differ:
    'more than 5,700 (reports: 5,700 to 5,704)'; 'no number stated' when there is none."""
    if people is None or pd.isna(people):
        return "no number stated"
    text = f"{QUALIFIER_WORDS[qualifier or '']}{int(people):,}"
    if low is not None and high is not None and not pd.isna(low) and not pd.isna(high) and low != high:
        text += f" (reports: {int(low):,} to {int(high):,})"
    return text


def alternatives(values, qualifiers) -> str:
    """The distinct figures stated for one thing, smallest first, as a reader says them:
    '460 or 467', 'more than 5,700, 5,703 or 5,704'. Empty when nothing is stated."""
    pairs = sorted({(float(v), q or "") for v, q in zip(values, qualifiers) if not pd.isna(v)})
    words = list(dict.fromkeys(f"{QUALIFIER_WORDS[q]}{int(v):,}" for v, q in pairs))
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def joined(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('' for no items)."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def count_words(n: int, noun: str) -> str:
    """A count and its noun as prose says it: 'no movement', 'one return', '3 figures'."""
    n = int(n)
    return f"no {noun}" if n == 0 else f"one {noun}" if n == 1 else f"{n:,} {noun}s"


def people_phrase(children, women, men) -> str:
    """Children, women and men as prose gives them, leaving out a group of none: '32 children and 10 women'."""
    parts = [(children, "child", "children"), (women, "woman", "women"), (men, "man", "men")]
    return joined([f"{int(n):,} {one if int(n) == 1 else many}" for n, one, many in parts if int(n)])


def span(series: pd.DataFrame) -> str:
    """The lowest and the highest figure of a set of population figures, as a reader says them:
    'about 23,000 to about 26,500' (one figure alone when they are all the same)."""
    s = series.dropna(subset=["estimate"]).sort_values(["estimate", "source"])
    low, high = phrase(s.iloc[0]), phrase(s.iloc[-1])
    return low if low == high else f"{low} to {high}"


def stated_phrase(stated: pd.DataFrame) -> str:
    """Rows of `stated_since` as one phrase: 'about 19,000 (21 January 2026) and more than 20,000 (22 February 2026)'."""
    return joined([f"{f} ({d})" for f, d in zip(stated["figure"], stated["as_of_text"])])
