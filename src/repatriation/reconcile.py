"""Reconciliation: one row per event from all its reports, by a written and tested rule.

The preferred report of an event is the first after sorting its reports by:

0. a report that states a number of people over one that states none;
1. authority: an official statement of the receiving state, then another state's or the local
   administration's statement, then the UN, then NGOs, then research institutes, then the media;
2. a report with a breakdown (at least two of men, women, children) over one without;
3. the later publication (a correction or fuller account) over the earlier, a publication date
   counting as the first day of its period: a page dated only "2025-12" or "2025" may precede one
   dated 15 December 2025, so it never outranks it;
4. the source key, so that ties are broken the same way every time.

The band of an event is the lowest and highest number of people over all its reports. Every report
row is accounted for: `preferred`, or `superseded` with the criterion that put it below.

The date of an event is the most precise date its reports give (a day over a month over a year),
taken from the highest-ranked report among those that give it: a preferred report that says only
"last year" does not move a convoy that other reports date to the day.
"""

from __future__ import annotations

import pandas as pd

from .clean import COUNTS

AUTHORITY = {"receiving_government": 0, "government": 1, "un": 2, "ngo": 3, "research": 4, "media": 5}
AUTHORITY_LABEL = {
    0: "an official statement of the receiving state",
    1: "an official statement of another state or the local administration",
    2: "a UN source",
    3: "an NGO source",
    4: "a research institute",
    5: "a media report",
}
RULE = (
    "a report with a number over one without; official statement of the receiving state > other official (state or local administration) > UN > "
    "NGO > research > media; then a report with a breakdown; then the later publication (a partial date counts from the "
    "start of its period); then the source key"
)


def rank_reports(reports: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add the ranking columns (`authority`, `published`) to cleaned report rows."""
    src = sources.set_index("key")
    out = reports.copy()
    kind = src.loc[out["source"], "sourcetype"].to_numpy()
    juris = src.loc[out["source"], "jurisdiction"].to_numpy()
    out["authority"] = [
        AUTHORITY["receiving_government"] if k == "government" and j == c else AUTHORITY[k]
        for k, j, c in zip(kind, juris, out["country"])
    ]
    out["published"] = src.loc[out["source"], "date"].to_numpy()
    out["sourcetype"] = kind
    return out


def publication_start(published: str) -> str:
    """The first day a (possibly partial) publication date may stand for: '2025-12' -> '2025-12-01',
    '2025' -> '2025-01-01'. Sorting by it, a partial date never outranks a full date it may precede."""
    text = str(published or "")
    return {4: text + "-01-01", 7: text + "-01"}.get(len(text), text)


def _order(group: pd.DataFrame) -> pd.DataFrame:
    """Reports in preference order (within each event when several events are passed)."""
    g = group.assign(_no_number=group["people"].isna(), _no_breakdown=~group["has_breakdown"],
                     _pub=group["published"].map(publication_start))
    g = g.sort_values(["event_id", "_no_number", "authority", "_no_breakdown", "_pub", "source"],
                      ascending=[True, True, True, True, False, True], kind="stable")
    return g.drop(columns=["_no_number", "_no_breakdown", "_pub"])


PRECISION = {"day": 0, "month": 1, "year": 2}


def dated_by(ordered: pd.DataFrame) -> pd.Series:
    """The report whose date an event takes: the most precise date among the event's reports, from the
    first of them in preference order (`ordered` is in that order)."""
    return ordered.iloc[int(ordered["date_precision"].map(PRECISION).to_numpy().argmin())]  # argmin: the first of the least


def _why(best: pd.Series, other: pd.Series) -> str:
    if pd.isna(other["people"]) and not pd.isna(best["people"]):
        return "number: this report states no number of people"
    if other["authority"] != best["authority"]:
        return f"authority: {AUTHORITY_LABEL[best['authority']]} ranks above {AUTHORITY_LABEL[other['authority']]}"
    if bool(other["has_breakdown"]) != bool(best["has_breakdown"]):
        return "breakdown: the preferred report gives men, women and children; this one does not"
    if publication_start(other["published"]) != publication_start(best["published"]):
        return f"recency: the preferred report ({best['published']}) is later than this one ({other['published']})"
    return "tie: equal rank, the preferred report comes first by source key"


def reconcile(reports: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (events, status): one row per event, and one status row per report row.

    `reports` are cleaned repatriation rows (see `clean.clean_repatriations`).
    """
    ranked = _order(rank_reports(reports, sources))
    events, status = [], []
    for event_id, ordered in ranked.groupby("event_id", sort=True):
        best = ordered.iloc[0]
        dated = dated_by(ordered)
        counted = ordered["people"].dropna()
        events.append({
            "event_id": event_id,
            "country": best["country"],
            "country_name": best["country_name"],
            "region": best["region"],
            "date": dated["date"],
            "date_start": dated["date_start"],
            "date_last": dated["date_end"],
            "date_mid": dated["date_mid"],
            "date_precision": dated["date_precision"],
            "year": dated["year"],
            "origin": best["origin"],
            "facility": best["facility"],
            "held_in": best["held_in"],
            "kind": best["kind"],
            "held_by": best["held_by"],
            "handed_to": best["handed_to"],
            "part_of": best["part_of"],
            "operation": best["operation"],
            **{c: best[c] for c in COUNTS},
            "people": best["people"],
            "people_basis": best["people_basis"],
            "qualifier": best["qualifier"],
            "people_low": counted.min() if len(counted) else float("nan"),
            "people_high": counted.max() if len(counted) else float("nan"),
            "n_reports": len(ordered),
            "preferred_source": best["source"],
            "preferred_authority": AUTHORITY_LABEL[best["authority"]],
            "sources": ";".join(ordered["source"]),
            "disagree": counted.nunique() > 1,
        })
        for i, (_, row) in enumerate(ordered.iterrows()):
            status.append({
                "event_id": event_id, "source": row["source"], "line": row["line"],
                "status": "preferred" if i == 0 else "superseded",
                "reason": RULE if i == 0 else _why(best, row),
            })
    ev = pd.DataFrame(events)
    for c in (*COUNTS, "people", "people_low", "people_high"):
        ev[c] = pd.to_numeric(ev[c], errors="raise").astype(float)
    return ev.sort_values(["date_start", "event_id"]).reset_index(drop=True), pd.DataFrame(status)
