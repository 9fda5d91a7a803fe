"""Values of chapters/states.md: the states index (the map, and every state with a link to its profile)."""

from __future__ import annotations

import pandas as pd

from repatriation import figures, profiles
from repatriation.pipeline import Results
from repatriation.profiles import number_words

from ..figure_files import downloads_line
from ..links import profile_href
from ..tables import Link, markdown_table


def _number(value, suffix: str = "") -> str:
    return "–" if value is None or pd.isna(value) else f"{int(value):,}{suffix}"


def states_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The states index's table as the reader sees it: names linked to their profiles, numbers formatted,
    a dash where the record has nothing."""
    stated = [("–" if pd.isna(s) else f"{number_words(s, q)} {m} ({d})") for s, q, m, d in
              zip(table["stated"], table["stated_qualifier"], table["stated_measure"], table["stated_as_of"])]
    return pd.DataFrame({
        "State": [Link(n, profile_href(c)) for n, c in zip(table["name"], table["code"])],
        "Events": [_number(n) for n in table["events"]],
        "People documented (at least)": [_number(n) for n in table["people"]],
        "Latest stated total (measure, as of)": stated,
        "Documented share of it": [_number(p, " %") for p in table["coverage_pct"]],
        "Children named": [_number(n) for n in table["children"]],
        "Latest return": [d or "–" for d in table["latest"]],
    })


def values(r: Results) -> dict:
    """Every value the chapter glues, by key."""
    table = profiles.states_table(profiles.profiles(r))
    receiving = table[table["events"] > 0]
    return {
        "dl_fig_states_map": downloads_line("fig-states-map"),
        "n_states": len(table),
        "n_receiving": len(receiving),
        "n_stated": int(table["stated"].notna().sum()),
        "n_events": int(len(r.movements)),
        "fig_map": figures.figure("receiving_states_map", r),
        "tbl_states": markdown_table(states_frame(table)),
    }
