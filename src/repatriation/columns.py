"""What every column of every downloaded file means, and its type: the one source of the downloads'
data dictionary, of the types the CSVs, the workbook and the JSON files are written with, and of the
check that no file carries a column the dictionary does not document.

A column has one meaning wherever it appears (`COLUMNS`); where a file gives a name a meaning of its
own, `IN_FILE` says so. Types:

- `integer`: a whole number (a count); empty where the source does not state it, never 0 for "not stated".
- `number`: a number with a fractional part, rounded to `DECIMALS` places (ratios: `SIGNIFICANT` digits).
- `text`, `code` (a fixed vocabulary or an identifier), `date` (ISO 8601 as precise as the source:
  `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; see the `*_precision` column beside it) and `boolean` (true or false).
"""

from __future__ import annotations

TYPES = ("integer", "number", "text", "code", "date", "boolean")
SIGNIFICANT = 2  # ratios of an uncertain count to a rough estimate: two significant digits
DECIMALS = 1     # other fractional numbers (medians, middles of ranges, percentages)

_COUNT = "as the preferred report states it; empty where it does not state it"
_GROUP = "Sum over the state's events that state it (a floor where some events do not); empty where none does."

COLUMNS: dict[str, tuple[str, str]] = {
    # identifiers and places
    "event_id": ("code", "Stable identifier of an event: receiving state, date as precise as known, and -b, -c for a second event of that state and date."),
    "line": ("integer", "Line of the row in its data file (data/repatriations.csv, data/detained.csv, data/contingents.csv or data/stated_totals.csv), the header being line 1."),
    "country": ("code", "ISO 3166-1 alpha-3 code of the receiving state (XKX for Kosovo; WLD for a figure covering every state)."),
    "country_name": ("text", "Short English name of the state."),
    "region": ("text", "The report's region of the state."),
    "kind": ("code", "repatriation (to the people's own state), transfer (into another state's custody), relocation (inside Syria) or not_carried_out (announced or attempted, did not happen)."),
    "counted": ("boolean", "Whether the event enters the totals of its kind (false for a stage or subset of a larger operation, and for every not_carried_out)."),
    "part_of": ("code", "event_id of the larger operation this event is a stage or subset of; empty if none."),
    "origin": ("code", "Where the people came from: syria, iraq, turkey, afghanistan, libya or other (stated totals: also syria_iraq or all)."),
    "facility": ("text", "Camp or prison named by the source."),
    "held_in": ("code", "Kind of place the people left: camp, prison, other; empty where not stated."),
    "held_by": ("code", "Who held the people before the event (nes, syrian_government, iraq, turkey, united_states, home_state, other); empty where not stated."),
    "handed_to": ("code", "Who held them after (same vocabulary as held_by); empty where not stated."),
    "operation": ("text", "The operation's name, where it has one."),
    # dates
    "date": ("date", "Date of the event (arrival or hand-over) as precise as the preferred report gives it."),
    "date_precision": ("code", "How precise `date` is: day, month or year."),
    "date_end": ("date", "Last day of a multi-day operation, as the report gives it; empty if none."),
    "year": ("integer", "Year of the row's date."),
    "month": ("integer", "Month (1-12) of the row's date; empty where the date gives only a year."),
    "day": ("integer", "Day of the month of the row's date; empty where the date gives only a year or a month."),
    "as_of": ("date", "Date the figure refers to (not the date it was published), as precise as the source."),
    "as_of_precision": ("code", "How precise `as_of` is: day, month or year."),
    "since": ("date", "Start of the period a stated total counts, where the source states one."),
    "drawn_at": ("date", "Day the chart places the point at: the middle of the period its date stands for (a whole day)."),
    # counts of people
    "men": ("integer", f"Men (or fighters counted apart from women and children), {_COUNT}."),
    "women": ("integer", f"Women, {_COUNT}."),
    "children": ("integer", f"Children, {_COUNT}."),
    "orphans": ("integer", f"Children the source calls orphaned or unaccompanied, {_COUNT}."),
    "families": ("integer", f"Families, {_COUNT}."),
    "total": ("integer", f"Total number of people, {_COUNT}."),
    "people": ("integer", "People in the event: the preferred report's stated total, else the sum of the groups it states; empty where it gives no number."),
    "people_basis": ("code", "How `people` was found: total (stated), sum_of_parts (men + women + children as stated) or none."),
    "people_low": ("integer", "Lowest figure for the people over every report of the event (the band's low end); empty where open or unknown."),
    "people_high": ("integer", "Highest figure over every report of the event (the band's high end); empty where open (\"at least\") or unknown."),
    "qualifier": ("code", "How exact the numbers are: empty (as stated), about, at_least, more_than or up_to."),
    "not_stated": ("integer", "People of the preferred figure that the report does not place among men, women or children."),
    # reports and sources
    "n_reports": ("integer", "Number of reports (data rows) of the event."),
    "n_events": ("integer", "Number of events counted."),
    "preferred_source": ("code", "Key of the source whose report gives the preferred figure (a row of sources.csv)."),
    "preferred_authority": ("text", "What kind of authority the preferred source is, in words."),
    "sources": ("text", "Keys of every source of the event, separated by semicolons, the preferred one first."),
    "grade": ("code", "How well the event is attested, by the rule of the methods chapter: A, the receiving state's own statement confirmed by an independent source; B, two or more independent sources that agree; C, a single source; D, sources that disagree beyond the stated margin."),
    "source": ("code", "Key of the source of the row: a row of sources.csv and an entry of the book's reference list, which shows the key."),
    "status": ("code", "preferred (this report gives the event's figure) or superseded."),
    "reason": ("text", "Why the report is preferred or superseded: the criterion of the reconciliation rule that decided."),
    "note": ("text", "The project's own words on the row: discrepancies, derivations, caveats."),
    "publisher": ("text", "Name of the publisher or organisation, as the book's reference list shows it."),
    # detained populations and contingents
    "place": ("code", "Where the people are held: al_hol, roj, sdf_prisons, nes_camps, nes_all, iraq_prisons, syria, syria_iraq."),
    "nationality_group": ("code", "Who is counted, in the source's own definition: all, syrian, iraqi, third_country, non_syrian, foreign_unspecified, national."),
    "nationality": ("code", "ISO3 code of the nationality, where nationality_group is national."),
    "sex_age": ("code", "all, children, women, men or women_children."),
    "unit": ("code", "people or families."),
    "measure": ("code", "What is counted."),
    "value": ("integer", "The number as the source states it; empty where it states a range."),
    "low": ("integer", "Low end of a stated range (or of the monthly spread, for month_median rows); empty otherwise."),
    "high": ("integer", "High end of a stated range (or of the monthly spread); empty otherwise."),
    "estimate": ("number", "Point estimate: the stated value, or the middle of a stated range."),
    "estimate_basis": ("code", "stated (the value) or range_middle (the middle of the range)."),
    # derived tables
    "stated": ("integer", "The stated cumulative total, on `measure`."),
    "events_sum": ("integer", "Sum of the preferred figures, on the same measure, of the events counted in the same window, scope and origin."),
    "gap": ("integer", "stated minus events_sum: people the stated total covers that no event in the record accounts for (negative where the record counts more)."),
    "scope": ("code", "Who a stated total covers: all, camps (families from the camps) or detainees (suspects from prisons)."),
    "annual": ("boolean", "Whether the total covers one year only (a `since` in the same year as `as_of`)."),
    "travelled_low": ("integer", "Lowest estimate of the people who travelled from the state to Syria and Iraq."),
    "travelled_high": ("integer", "Highest estimate of the people who travelled."),
    "n_estimates": ("integer", "Number of contingent estimates the range is drawn from."),
    "repatriated": ("integer", "People repatriated to the state: the sum of the preferred figures of its counted events."),
    "per100_low": ("number", f"People repatriated per 100 who travelled, with the highest contingent estimate (rounded to {SIGNIFICANT} significant digits)."),
    "per100_high": ("number", f"The same with the lowest contingent estimate (rounded to {SIGNIFICANT} significant digits)."),
    "per100_mid": ("number", f"The same with the middle of the contingent range (rounded to {SIGNIFICANT} significant digits)."),
    # figures
    "panel": ("code", "Which part of the chart the row is drawn in."),
    "period": ("text", "The year (2019) or quarter (2019Q3) the number belongs to."),
    "series": ("text", "Which line, bar or mark of the chart the row is drawn as."),
    "running_sum": ("integer", "Running sum of the people of the state's events, in date order, up to and including this one."),
    "pct_children": ("number", f"Children as a percentage of the people counted ({DECIMALS} decimal)."),
    "pct_women": ("number", f"Women as a percentage of the people counted ({DECIMALS} decimal)."),
    "pct_men": ("number", f"Men as a percentage of the people counted ({DECIMALS} decimal)."),
    "pct_not_stated": ("number", f"People not placed in a group, as a percentage of the people counted ({DECIMALS} decimal)."),
    "label": ("text", "How the chart labels the row."),
}

# A column that means something else in one file: {file stem: {column: (type, meaning)}}.
IN_FILE: dict[str, dict[str, tuple[str, str]]] = {
    "reports": {
        "date": ("date", "Date of the event as this report gives it."),
        "people": ("integer", "People in this report: its stated total, else the sum of the groups it states; empty where it gives no number."),
        "people_low": ("integer", "Low end this report allows (its own number, or empty for \"up to\")."),
        "people_high": ("integer", "High end this report allows (its own number, or empty for \"at least\", \"more than\")."),
        "men": ("integer", "Men, as this report states them; empty where it does not."),
        "women": ("integer", "Women, as this report states them; empty where it does not."),
        "children": ("integer", "Children, as this report states them; empty where it does not."),
        "orphans": ("integer", "Orphaned or unaccompanied children, as this report states them; empty where it does not."),
        "families": ("integer", "Families, as this report states them; empty where it does not."),
        "total": ("integer", "Total, as this report states it; empty where it does not."),
    },
    "states": {
        "people": ("integer", "Sum of the preferred figure of the state's counted repatriation events."),
        "people_low": ("integer", "Sum of the low ends of the events' bands."),
        "people_high": ("integer", "Sum of the high ends of the events' bands (an open end counts as its stated number)."),
        "men": ("integer", _GROUP), "women": ("integer", _GROUP), "children": ("integer", _GROUP),
        "orphans": ("integer", _GROUP),
        "n_events": ("integer", "Number of counted repatriation events of the state."),
    },
    "stated_totals": {
        "men": ("integer", "Men in the stated total; empty where not stated."),
        "women": ("integer", "Women in the stated total; empty where not stated."),
        "children": ("integer", "Children in the stated total; empty where not stated."),
        "orphans": ("integer", "Orphans in the stated total; empty where not stated."),
        "families": ("integer", "Families in the stated total; empty where not stated."),
        "total": ("integer", "People in the stated total; empty where not stated."),
    },
    "contingents": {
        "measure": ("code", "What is counted: travelled, women, minors, returned or died."),
        "country": ("code", "ISO3 code of the country of origin (WLD for a global estimate)."),
    },
    "stated_vs_counted": {
        "measure": ("code", "What the total counts: people, children, families, women, men or orphans."),
        "n_events": ("integer", "Number of events summed in events_sum."),
    },
    "sources": {
        "key": ("code", "The source's key: the value of `source` (or one of `sources`) in every other table, and the key shown in the book's reference list."),
        "title": ("text", "Title of the page or report (a translation in square brackets where it is not in English)."),
        "date": ("date", "Publication date, as precise as the page gives it."),
        "date_precision": ("code", "How precise `date` is: day, month or year."),
        "type": ("code", "government, un, ngo, research or media."),
        "language": ("code", "Language of the page (ISO 639-1)."),
        "url": ("text", "Web address of the page."),
        "accessed": ("date", "Date the page was read."),
        "jurisdiction": ("code", "For a government source: the state (ISO3) or AANES, the administration of north-east Syria."),
        "note": ("text", "For a reprint, mirror or relay: the original publisher; other remarks on the source."),
        "n_rows": ("integer", "Number of data rows (in every table) that cite the source."),
    },
}

_SERIES = {
    "people": ("integer", "People in the event (series event) or the stated cumulative total (series stated)."),
    "series": ("code", "event (an event of the state, drawn as a bar and added to the running sum) or stated (a cumulative total stated by a source, drawn as a diamond)."),
    "date": ("date", "Date of the event, or the date the stated total refers to."),
}
_POPULATION = {
    "series": ("code", "sourced_figure (a number as a source states it, a dot), sourced_range (a range a source states, a vertical line) or month_median (the median over the sources of one month, the line, with the spread over them as low and high)."),
    "low": ("number", "Low end of a stated range, or of the spread over the month's sources."),
    "high": ("number", "High end of a stated range, or of the spread over the month's sources."),
}
_BY_STATE = {
    "people": ("integer", "People repatriated to the state: the sum of the preferred figures of its counted events."),
    "people_low": ("integer", "Sum of the low ends of the events' bands."),
    "people_high": ("integer", "Sum of the high ends of the events' bands."),
}
_PARTS = "Sum over the events of known size; a group a report leaves out counts as none only when the stated groups make up its people, otherwise those people are not_stated."
IN_FILE.update({
    "timeline": {"people": ("integer", "People repatriated in the period (panel per_year), or since the first event up to the end of the quarter (panel cumulative_by_quarter)."),
                 "panel": ("code", "per_year (the bars: people per year of arrival) or cumulative_by_quarter (the lines: running sum by the end of each quarter).")},
    "country_totals": _BY_STATE,
    "receiving_states_map": _BY_STATE,
    "composition": {**_BY_STATE, "people": ("integer", "People counted for the state (events of known size)."),
                    "children": ("integer", _PARTS), "women": ("integer", _PARTS), "men": ("integer", _PARTS)},
    "composition_by_year": {"year": ("integer", "Year of arrival."), "children": ("integer", _PARTS),
                            "women": ("integer", _PARTS), "men": ("integer", _PARTS),
                            "n_events": ("integer", "Events of known size in the year (states other than Iraq).")},
    "al_hol": _POPULATION,
    "al_hol_groups": {"series": ("text", "The line the point belongs to: place and nationality group, as the chart's legend names them.")},
    "foreigners_held": {"series": ("text", "The line the point belongs to: place and nationality group, as the chart's legend names them.")},
    "stated_vs_counted": IN_FILE["stated_vs_counted"],
    "iraq_returns": _SERIES,
    "kazakhstan_operations": _SERIES,
    "kazakhstan_reports": {"source": ("code", "Key of the report's source (a row of sources.csv)."),
                           "men": ("integer", "Men, as the report states them; empty where it does not (drawn as n/s)."),
                           "women": ("integer", "Women, as the report states them; empty where it does not (n/s)."),
                           "children": ("integer", "Children, as the report states them; empty where it does not (n/s)."),
                           "total": ("integer", "Total, as the report states it; empty where it does not (n/s).")},
    "event_sizes": {"people": ("integer", "People in the event (its preferred figure).")},
    "after_populations": {
        "kind": ("code", "point (a population figure as a source states it) or milestone (a dated change of the camps, marked on the chart)."),
        "label": ("text", "The line or marker the row belongs to, as the chart's legend names it."),
        "place": ("code", "Where the people were held (see detained.csv), for points."),
        "precision": ("code", "How precise the date is: day, month or year."),
        "value": ("integer", "People, as the source states the figure (a range's middle where only a range is given); empty for a milestone."),
    },
    "movements_by_kind": {
        "month": ("date", "Month of the events, YYYY-MM."),
        "kind": ("code", "Kind of movement: repatriation, transfer, relocation or not_carried_out."),
        "events": ("integer", "Events of that kind in the month (stages of a larger operation of the same kind not counted again)."),
        "people": ("integer", "People in those events (their preferred figures); for not_carried_out, the number announced."),
        "no_number": ("integer", "Events of the month whose reports give no number of people."),
    },
})

# The JSON files (json/states/<code>.json, json/events/<event_id>.json, json/index.json): their keys
# beyond the table columns, which they reuse.
JSON_KEYS: dict[str, str] = {
    "edition": "The edition the file belongs to: title, version, data_to, licence, licence_url and citation (how to cite the report).",
    "state": "The state's row of states.csv (its figures), or only country, country_name and region for a state with no counted repatriation.",
    "event": "The event's row of events.csv (a repatriation) or movements.csv (another kind).",
    "events": "In a state's file: its events of every kind, each as its row of events.csv or movements.csv. In index.json: the file of each event, by event_id.",
    "reports": "Every report of the event, each as its row of reports.csv.",
    "stated_totals": "The totals stated for the state, each as its row of stated_totals.csv.",
    "sources": "Every source the file cites, each as its row of sources.csv.",
    "states": "In index.json: the file of each state, by code.",
}
EDITION_KEYS = {
    "title": "Title of the report.", "version": "Edition (version) of the report and dataset.",
    "data_to": "Latest date in the record (the latest date of any row of any table), as precise as that row gives it.",
    "licence": "Licence of the data.", "licence_url": "Address of the licence.", "citation": "How to cite the report.",
}


def describe(stem: str, column: str) -> tuple[str, str]:
    """(type, meaning) of `column` in the downloaded file `stem` (e.g. "events" or a figure's stem);
    KeyError naming the file and column when the dictionary does not document it."""
    if column in IN_FILE.get(stem, {}):
        return IN_FILE[stem][column]
    if column in COLUMNS:
        return COLUMNS[column]
    raise KeyError(f"{stem}: column {column!r} is not documented: add it to repatriation.columns.COLUMNS "
                   f"(or IN_FILE[{stem!r}])")
