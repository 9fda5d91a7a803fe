"""Grades: how well each event is attested, by a written and tested rule.

Every event (of every kind) gets one grade from its reports, in the spirit of event-level conflict data:

- **D**: the reports disagree beyond the margin: two of them give numbers of people that cannot both
  be right within MARGIN (ten per cent) of the larger, their qualifiers taken into account ("more than
  20" and 25 agree; 3 and 4 do not); or numbers of men, of women or of children that differ by more
  than ten per cent of the event's size (4 or 5 women among 21 people agree);
- **A**: otherwise, the receiving state's own statement (a government source of that state) and at
  least one independent source;
- **B**: otherwise, two or more independent sources;
- **C**: otherwise: a single source.

Sources are counted by voice, not by page. The voice of a government source is its government (two
ministries of one state are one voice). The voice of any other source is its publisher, or, where the
entry's note says the page reprints, mirrors, relays or carries another publisher's copy, that original
publisher: an AFP story on five sites is one voice, AFP. A page relaying an office of government (a
ministry, a president) speaks for the receiving state's government, never independently of it.
Publisher names are compared without case, accents, spaces, punctuation or a bracketed remark
("Kurdistan 24" and "Kurdistan24" are one voice).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from .clean import OPEN_ABOVE
from .reconcile import AUTHORITY, rank_reports

MARGIN = 0.10
GRADES = ("A", "B", "C", "D")
GRADE_LABELS = {
    "A": "the receiving state's own statement, confirmed by an independent source",
    "B": "two or more independent sources that agree",
    "C": "a single source",
    "D": "sources that disagree by more than the margin",
}
RULE = (
    f"D where two reports give numbers of people that differ by more than {round(100 * MARGIN)} per cent of "
    "the larger (their qualifiers taken into account), or numbers of men, women or children that differ by "
    "more than that share of the event's size; otherwise A where the receiving state's own statement is "
    "confirmed by an independent source; otherwise B where two or more independent sources report it; "
    "otherwise C (a single source). A reprint, mirror or relay of another publisher's report counts as "
    "that publisher, and all the statements of one government count as one source"
)

# Where a note names the publisher a page copies: "(X copy)", "Carries X copy", "Relays X", "relaying X",
# "copy of X", "X copy" at the start of a clause, "Reprint of X", "Reprint in Y of X", "Mirror of X". The first pattern that
# matches wins, in this order, so the innermost name is found: "Reprint of Arab News (AFP copy)" is
# AFP's story, "Reprint of dts, relaying Der Spiegel" is Der Spiegel's.
_NAME = r"((?:[A-Za-z]|\d+\.[a-z])[\w&.'/ -]*?)"  # a name, or a site such as "24.ae", not a date
_END = r"(?=\s*(?:[;,()]|(?<!\b[A-Z])\.(?:\s|$)|$| on | via | from | for | in | with | of the | reporting | speaking | remarks ))"
PATTERNS = [
    re.compile(r"\(\s*([A-Z][\w&.'/ -]*?)\s+(?:wire\s+)?copy\s*\)"),  # a name in brackets: "(AFP copy)", not "(reworded copy)"
    re.compile(r"\bcarries\s+(?:a report by\s+)?(?:the\s+)?" + _NAME
               + r"(?:\s+(?:wire\s+)?(?:copy|reporting|report|figures)\b|" + _END + ")", re.I),
    re.compile(r"\brelay(?:s|ing)\s+(?:a report by\s+|the\s+)?" + _NAME + _END, re.I),
    re.compile(r"\bcopy of\s+(?:the\s+)?" + _NAME + _END, re.I),
    re.compile(r"(?:^|[;.]\s*)(?!stored\b)([A-Za-z][\w&/-]*(?:\s[A-Z][\w&/-]*){0,2})\s+(?:wire\s+)?copy\b", re.I),
    re.compile(r"\b(?:reprint|mirror)(?:\s*\([^)]*\))?(?:\s+in\s+[^;]*?)?\s+of\s+(?:the\s+)?" + _NAME + _END, re.I),
]
# What is cut from a name found: an article in front; a kind of text after it ("AFP dispatch of 23
# April" is AFP, "Save the Children press release" is Save the Children).
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_KIND_OF_TEXT = re.compile(r"\s+(?:special\s+|quarterly\s+)?(?:report|reporting|dispatch|statement|press release|press statement|press service|"
                           r"statistics|figures|IntelBrief|source|spokesman|copy|wire|story|article)\b.*$", re.I)
# A relayed name that is an office of government: its voice is a government's (see `grade_events`).
OFFICIAL = re.compile(r"\b(?:ministry|government|president|presidential|embassy|akorda|prime minister|cabinet|foreign office|"
                      r"department of state|state department|security service)\b", re.I)
ALIASES = {"ap": "associatedpress", "agencefrancepresse": "afp", "apadpa": "dpa", "sdadpa": "dpa",
           "reutersnewsagency": "reuters", "rferl": "radiofreeeuroperadioliberty",
           "rferltajikservice": "radiofreeeuroperadioliberty", "radioozodi": "radiofreeeuroperadioliberty"}


def publisher_key(name: str) -> str:
    """A publisher's name for comparison: no bracketed remark, accents, case, spaces or punctuation;
    known short forms spelt out ("AP" and "Associated Press (mirror)" give the same key)."""
    text = re.sub(r"\([^)]*\)", "", str(name or ""))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"^\s*the\s+", "", text, flags=re.I)
    key = re.sub(r"[^a-z0-9]", "", text.lower())
    return ALIASES.get(key, key)


def relayed_from(note: str) -> str | None:
    """The publisher whose copy a page carries, as its note names it ("Carries AFP copy" -> "AFP"), or
    None when the note names none. Of several, the one found by the earliest pattern of PATTERNS (the
    innermost: an agency credited in brackets before the outlet that reprinted it)."""
    text = str(note or "")
    for pattern in PATTERNS:
        m = pattern.search(text)
        if m:
            name = _KIND_OF_TEXT.sub("", _ARTICLE.sub("", m.group(1).strip())).strip()
            if publisher_key(name):
                return name
    return None


def voice(source) -> str:
    """Who speaks through one source entry (a mapping of its fields): "government:XXX" for a government
    source of jurisdiction XXX; "official" for a page relaying an office of government (a ministry, a
    president: whose, the entry does not say); else "publisher:" and the publisher key of the original
    publisher (see `relayed_from`) or of the entry's own."""
    if source.get("sourcetype") == "government" and source.get("jurisdiction"):
        return f"government:{source['jurisdiction']}"
    original = relayed_from(source.get("note", ""))
    if original and OFFICIAL.search(original):
        return "official"
    return "publisher:" + publisher_key(original if original else (source.get("organization") or source.get("key")))


def ranges(numbers, qualifiers) -> tuple[np.ndarray, np.ndarray]:
    """The range each stated number stands for, as (bottoms, tops): an exact or "about" number for itself,
    "at least" and "more than" for itself and anything above (top infinite), "up to" for anything up to
    it (bottom 0); NaN for a number not stated."""
    v = pd.to_numeric(pd.Series(list(numbers), dtype="object"), errors="coerce").to_numpy(dtype=float)
    q = np.array([x if isinstance(x, str) else "" for x in qualifiers], dtype=object)
    above, below = np.isin(q, OPEN_ABOVE), q == "up_to"
    bottom = np.where(below & ~np.isnan(v), 0.0, v)
    top = np.where(above & ~np.isnan(v), np.inf, v)
    return bottom, top


def apart(highest_bottom, lowest_top, size, margin: float = MARGIN):
    """Whether ranges cannot all be right within the margin: their lowest top falls below their highest
    bottom by more than `margin` times `size` (works on numbers and on arrays)."""
    return (highest_bottom - lowest_top) > margin * size


def disagree(figures, margin: float = MARGIN, scale: float | None = None) -> bool:
    """True when figures of one measure, each (number, qualifier), cannot all be right within the margin:
    `margin` times `scale` (by default the largest figure given). See `ranges` for what a figure stands
    for: 46 and 47 agree, 3 and 4 do not, "more than 5,700" and 5,704 agree. Missing numbers are ignored."""
    pairs = list(figures)
    bottom, top = ranges([n for n, _ in pairs], [q for _, q in pairs])
    stated = ~np.isnan(bottom)
    if not stated.any():
        return False
    highest = float(bottom[stated].max())
    size = highest if scale is None or pd.isna(scale) else max(float(scale), highest)
    return bool(apart(highest, float(top[stated].min()), size, margin))


def complete_figures(reports: pd.DataFrame) -> pd.Series:
    """The number of people each report states in full: its total, or men, women and children when it
    states all three; NaN otherwise (a report of "four children" says nothing of the adults)."""
    groups = reports[["men", "women", "children"]].astype(float)
    summed = groups.sum(axis=1).where(groups.notna().all(axis=1))
    return reports["total"].astype(float).where(reports["total"].notna(), summed)


def disagreeing_events(reports: pd.DataFrame, margin: float = MARGIN) -> pd.Series:
    """Per event id, whether its reports disagree (see `disagree`): on the number of people stated in
    full (`complete_figures`), or on a group they state (men, women, children) by more than `margin` of
    the event's size (its largest number of people stated in full, or of the group, whichever is larger)."""
    ids = reports["event_id"].to_numpy()
    qualifiers = reports["qualifier"].fillna("")
    bottom, top = ranges(complete_figures(reports), qualifiers)
    frame = pd.DataFrame({"event_id": ids, "bottom": bottom, "top": top}).groupby("event_id")
    highest, lowest = frame["bottom"].max(), frame["top"].min()
    out = apart(highest, lowest, highest, margin).fillna(False)
    for group in ("men", "women", "children"):
        bottom, top = ranges(reports[group], qualifiers)
        g = pd.DataFrame({"event_id": ids, "bottom": bottom, "top": top}).groupby("event_id")
        g_high, g_low = g["bottom"].max(), g["top"].min()
        size = np.fmax(g_high, highest.reindex(g_high.index))
        out = out | apart(g_high, g_low, size, margin).fillna(False)
    return out.astype(bool)


def grade_events(reports: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per event of the cleaned `reports`: `grade`, `voices` (independent sources counted once),
    `grade_reason` (the rule's words for it)."""
    ranked = rank_reports(reports, sources)
    voice_of = {k: voice(row.to_dict() | {"key": k}) for k, row in sources.set_index("key").iterrows()}
    voices = ranked["source"].map(voice_of)
    # a relayed official speaks for the receiving state: never a source independent of its government
    voices = voices.where(voices != "official", "government:" + ranked["country"])
    own = voices.where(ranked["authority"] == AUTHORITY["receiving_government"])
    frame = pd.DataFrame({"event_id": ranked["event_id"], "voice": voices, "own": own})
    per_event = frame.groupby("event_id").agg(voices=("voice", "nunique"), own=("own", "nunique"))
    # every voice of an event but its receiving state's own (one voice at most) is independent of it
    confirmed = (per_event["own"] > 0) & (per_event["voices"] > per_event["own"])
    conflict = disagreeing_events(reports).reindex(per_event.index, fill_value=False)
    grade = np.select([conflict, confirmed, per_event["voices"] >= 2], ["D", "A", "B"], default="C")
    out = pd.DataFrame({"event_id": per_event.index, "grade": grade, "voices": per_event["voices"].to_numpy()})
    out["grade_reason"] = out["grade"].map(GRADE_LABELS)
    return out.reset_index(drop=True)


def add_grades(events: pd.DataFrame, reports: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """`events` with the columns of `grade_events` joined on `event_id` (every event has a grade)."""
    graded = events.drop(columns=[c for c in ("grade", "voices", "grade_reason") if c in events.columns])
    out = graded.merge(grade_events(reports, sources), on="event_id", how="left", validate="one_to_one")
    if out["grade"].isna().any():
        raise ValueError(f"events without reports: {sorted(out.loc[out['grade'].isna(), 'event_id'])[:5]}")
    return out


def shares(events: pd.DataFrame) -> pd.DataFrame:
    """Per grade (A to D, every grade listed): events, people (preferred figure) and their shares in per
    cent of the events and of the people given."""
    t = events.groupby("grade").agg(events=("event_id", "count"), people=("people", "sum")).reindex(list(GRADES))
    t = t.fillna(0)
    t["events_pct"] = 100 * t["events"] / max(1, t["events"].sum())
    t["people_pct"] = 100 * t["people"] / max(1.0, float(t["people"].sum()))
    return t.rename_axis("grade").reset_index()
