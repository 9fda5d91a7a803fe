"""The state profiles as HTML: one page body per state, its chart as PNG, and the data of the offline
finder, all from `repatriation.profiles` in one process.

`python -m repatriation_book.profile_pages OUTDIR STORE` (what `sphinx_profiles` starts at each HTML build)
draws every chart into `OUTDIR/states/`, writes the finder's data into `OUTDIR/_static/`, and stores the
page bodies in `STORE` (a JSON file outside the published output), which the build reads back to render
them in the book's theme. Charts whose data have not changed since the last build into OUTDIR are kept.

Every data string is escaped (`html.escape`) and every address is built from a checked code or event id
(`links`); a source's address is used only when it is an http(s) URL.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import json
import os
import re
import sys
from pathlib import Path

import pandas as pd

from repatriation import grades, views
from repatriation.movements import KIND_LABELS
from repatriation.safe_write import write_file
from repatriation.pipeline import Results
from repatriation.profiles import (ORIGIN_LABELS, SOURCE_TYPES, Profile, chart_series, date_words, number_words,
                                   profiles)

from .links import FINDER, FOLDER, INDEX, event_anchor, event_href, profile_href

CHART_DPI = 90
CHART_MARGINS = {"left": 0.09, "right": 0.985, "top": 0.935, "bottom": 0.155, "hspace": 0.12}
METHODS_GRADES = "../chapters/methods.html#how-events-are-graded"
STATES_INDEX = f"../{INDEX}.html"
URL = re.compile(r"^https?://[^\s\"'<>]+$")


def esc(value) -> str:
    """Text safe inside HTML (element content or a quoted attribute); empty for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def num(value) -> str:
    """An integer with thousands separators, or "–" when not stated."""
    return number_words(value)


def source_link(sources: pd.DataFrame, key: str) -> str:
    """A source as a link: its publisher and publication date, linking its address (when an http(s) URL)."""
    row = sources.loc[key]
    text = f"{esc(row['organization'])}, {esc(row['date'])}"
    title = esc(row["title"])
    if URL.match(str(row["url"])):
        return f'<a class="reference external" href="{esc(row["url"])}" title="{title}">{text}</a>'
    return f'<span title="{title}">{text}</span>'


EMPTY = ("", "–")


def table(head: list[str], rows: list[list[str]], css: str = "", keep: int = 3) -> str:
    """An HTML table from header texts (escaped here) and ready cells (already escaped or built); a column
    past the first `keep` whose every cell is empty or "–" is left out."""
    shown = [i for i in range(len(head)) if i < keep or any(row[i] not in EMPTY for row in rows)]
    head, rows = [head[i] for i in shown], [[row[i] for i in shown] for row in rows]
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (f'<div class="pst-scrollable-table-container"><table class="table {css}"><thead><tr>{th}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def section(anchor: str, title: str, content: str, level: int = 2) -> str:
    """A titled section with an anchor and a link to itself, as the theme styles them."""
    return (f'<section id="{esc(anchor)}"><h{level}>{esc(title)}<a class="headerlink" href="#{esc(anchor)}" '
            f'title="Link to this heading">#</a></h{level}>{content}</section>')


def grade_cell(grade: str) -> str:
    """A grade with its meaning as a tooltip."""
    return f'<span class="event-grade grade-{esc(grade)}" title="{esc(grades.GRADE_LABELS[grade])}">{esc(grade)}</span>'


def people_cell(row) -> str:
    """The preferred figure with its qualifier ("about 1,200"), or "–"."""
    return esc(number_words(row["people"], row["qualifier"]))


def band_cell(row) -> str:
    """The band over all reports ("44" or "40–47"), or "–" when no report states a number."""
    lo, hi = row["people_low"], row["people_high"]
    if pd.isna(lo):
        return "–"
    return esc(f"{int(lo):,}" if lo == hi else f"{int(lo):,}–{int(hi):,}")


def origin_words(row) -> str:
    """Where the people came from: the origin, and the facility where the report names one."""
    origin = ORIGIN_LABELS.get(row["origin"], row["origin"])
    return f"{origin} ({row['facility']})" if row["facility"] else origin


def headline_html(p: Profile, sources: pd.DataFrame) -> str:
    """The headline sentences as a list, each followed by links to the sources it rests on."""
    items = []
    for s in p.headline:
        cited = "".join(f" ({source_link(sources, k)})" for k in s.sources)
        items.append(f"<li>{esc(s.text)}{cited}</li>")
    return '<ul class="state-headline">' + "".join(items) + "</ul>"


def events_table(p: Profile) -> str:
    """Every event of the state (all kinds), one row each, linking its record below."""
    rows = []
    for _, e in p.movements.iterrows():
        kind = KIND_LABELS[e["kind"]] + ("" if e["counted"] or e["kind"] == "not_carried_out" else " (part of a larger operation)")
        rows.append([
            esc(e["date"]), f'<a href="#{event_anchor(e["event_id"])}">{esc(e["event_id"])}</a>', esc(kind),
            esc(e["operation"]), esc(origin_words(e)), esc(num(e["children"])), esc(num(e["women"])),
            esc(num(e["men"])), people_cell(e), band_cell(e), esc(e["n_reports"]), grade_cell(e["grade"]),
        ])
    return table(["Date", "Event", "Kind", "Operation", "From", "Children", "Women", "Men", "People", "Band",
                  "Reports", "Grade"], rows, "state-events")


def report_rows(reports: pd.DataFrame, sources: pd.DataFrame) -> list[list[str]]:
    """One row per report of an event: source, type, the numbers as stated, status and reason."""
    rows = []
    for _, r in reports.iterrows():
        status = esc(r["status"]) if r["status"] == "preferred" else f"superseded: {esc(r['reason'])}"
        rows.append([source_link(sources, r["source"]), esc(SOURCE_TYPES.get(r["sourcetype"], r["sourcetype"])),
                     esc(r["date"]), *[esc(num(r[c])) for c in ("men", "women", "children", "orphans", "total")],
                     esc(r["qualifier"].replace("_", " ") if r["qualifier"] else ""), status])
    return rows


def event_record(e: pd.Series, reports: pd.DataFrame, sources: pd.DataFrame) -> str:
    """An event's record: what the rule chose and why, its band and grade, and every report side by side."""
    counted = ("counted in its state's totals" if e["counted"] else
               "recorded, never counted" if e["kind"] == "not_carried_out" else
               f"a stage or subset of {e['part_of']}, not counted again")
    part_of = ""
    if e["part_of"]:
        part_of = f' Part of <a href="{event_href(e["part_of"], base="")}">{esc(e["part_of"])}</a>.'
    text = (f"<p>{esc(KIND_LABELS[e['kind']])}, {esc(date_words(e['date']))}; from {esc(origin_words(e))}"
            f"{'; operation ' + esc(e['operation']) if e['operation'] else ''}: {esc(counted)}.{part_of} "
            f"Preferred figure: <strong>{people_cell(e)}</strong> people ({esc(e['people_basis'].replace('_', ' '))}, "
            f"from {source_link(sources, e['preferred_source'])}); band over all reports: {band_cell(e)}. "
            f'Grade <strong>{grade_cell(e["grade"])}</strong>: {esc(e["grade_reason"])} '
            f'({esc(e["voices"])} independent {"source" if e["voices"] == 1 else "sources"}; '
            f'<a href="{METHODS_GRADES}">how events are graded</a>).</p>')
    body = text + table(["Source", "Type", "Event date as reported", "Men", "Women", "Children", "Orphans", "Total",
                         "Qualifier", "Status"], report_rows(reports, sources), "event-reports")
    return section(event_anchor(e["event_id"]), f"{date_words(e['date'])}: {e['event_id']}", body, level=3)


def simple_table(frame: pd.DataFrame, head: list[str], columns: list[str], sources: pd.DataFrame) -> str:
    """A table of plain columns, the column `source` shown as a source link."""
    rows = [[source_link(sources, row[c]) if c == "source" else esc(row[c]) for c in columns] for _, row in frame.iterrows()]
    return table(head, rows)


def chart_html(p: Profile, chart: str | None, points: int = 0) -> str:
    """The chart of the state's returns over time, or why there is none (`points`: what it would draw)."""
    if chart is None and points == 1:
        return (f"<p>No chart: the record holds a single event of known size for {esc(p.name)} and no cumulative "
                "total of people stated for it, which draw no line over time; the event is in the table below.</p>")
    if chart is None:
        return (f"<p>No chart: the record holds no event of known size for {esc(p.name)} and no cumulative total "
                "of people stated for it.</p>")
    what = "relocations" if p.facts["events"] == 0 else "repatriation events"
    alt = (f"{p.name}: the running sum of the {what} in the record over time, each event's size below, and the "
           f"cumulative totals stated by sources as diamonds.")
    return (f'<figure class="state-chart"><img src="{esc(chart)}" alt="{esc(alt)}" width="765" height="468" />'
            f"<figcaption>{esc(p.name)}: returns over time ({esc(what)} in this record and cumulative totals "
            "stated by sources). Sources: the dataset's repatriation reports and the dataset's stated totals, as listed on this "
            "page.</figcaption></figure>")


def page_body(p: Profile, sources: pd.DataFrame, chart: str | None, points: int = 0) -> str:
    """The HTML body of one state's profile (rendered inside the book's theme)."""
    for eid in p.movements["event_id"]:
        if eid[:3] != p.code:
            raise ValueError(f"event {eid} is listed under {p.code}: its anchor would not be on its state's page")
    parts = [f'<h1>{esc(p.name)}<a class="headerlink" href="#" title="Link to this heading">#</a></h1>',
             f'<p class="state-meta">{esc(p.region)} · ISO code {esc(p.code)} · '
             f'<a href="{STATES_INDEX}">all receiving states</a></p>', headline_html(p, sources), chart_html(p, chart, points)]
    parts.append(section("events", "Events", events_table(p) if len(p.movements) else "<p>No event in the record.</p>"))
    if len(p.stated):
        rows = [[esc(s["as_of"]), esc(s["since"]), esc(views.SCOPES.get(s["scope"], s["scope"])), esc(s["measure"]),
                 esc(number_words(s["stated"], s["qualifier"])), esc(num(s["counted"])), esc(s["events"]),
                 source_link(sources, s["source"])] for _, s in p.stated.iterrows()]
        parts.append(section("stated-totals", "Stated totals", "<p>Every cumulative total a source states for "
                             f"{esc(p.name)}, beside the events of this record counted in the same window.</p>" + table(
                                 ["As of", "Since", "Scope", "Measure", "Stated", "Events in the record add up to",
                                  "Events", "Source"], rows)))
    if len(p.held):
        parts.append(section("held", "Nationals held", f"<p>Sourced figures of {esc(p.name)}'s nationals held in "
                             "Syria or Iraq, each as of its date: the latest rows say who is still held.</p>" + simple_table(
                                 p.held, ["As of", "Who", "Where", "Figure", "Source"],
                                 ["as_of", "who", "where", "figure", "source"], sources)))
    if len(p.transfers):
        rows = [[esc(t["date"]), f'<a href="{event_href(t["event_id"], base="")}">{esc(t["event_id"])}</a>',
                 esc(t["to"]), esc(t["figure"]), source_link(sources, t["source"])] for _, t in p.transfers.iterrows()]
        parts.append(section("transfers", "Nationals transferred into another state's custody", table(
            ["Date", "Event", "Into the custody of", f"Nationals of {p.name}", "Source"], rows)))
    if len(p.contingents):
        parts.append(section("contingents", "Contingent estimates", "<p>Estimates of the nationals who travelled "
                             "to Syria and Iraq, returned or died there, as each source states them.</p>" + simple_table(
                                 p.contingents, ["As of", "Measure", "Figure", "Source"],
                                 ["as_of", "measure", "figure", "source"], sources)))
    if len(p.movements):
        records = "".join(event_record(e, p.reports[e["event_id"]], sources) for _, e in p.movements.iterrows())
        parts.append(section("event-records", "Every event, report by report",
                             "<p>Each event with all its reports: the figures each states, which report the rule "
                             "prefers and why the others are superseded, the band and the grade.</p>" + records))
    return f'<section id="state-{esc(p.code)}" class="state-profile">' + "".join(parts) + "</section>"


def page_toc(p: Profile) -> str:
    """The page's table of contents (the theme's "Contents" sidebar): the sections the body has."""
    titles = [("events", "Events", True), ("stated-totals", "Stated totals", len(p.stated)),
              ("held", "Nationals held", len(p.held)),
              ("transfers", "Nationals transferred into another state's custody", len(p.transfers)),
              ("contingents", "Contingent estimates", len(p.contingents)),
              ("event-records", "Every event, report by report", len(p.movements))]
    items = "".join(f'<li class="toc-h2 nav-item toc-entry"><a class="reference internal nav-link" href="#{a}">'
                    f"{esc(t)}</a></li>" for a, t, shown in titles if shown)
    return (f'<ul><li><a class="reference internal" href="#">{esc(p.name)}</a><ul>{items}</ul></li></ul>')


def finder_entries(all_profiles: dict[str, Profile]) -> list[dict]:
    """What the offline finder searches: one entry per state and per event, each with its address from the
    states index, a label and the words it is found by."""
    out = []
    for code, p in all_profiles.items():
        f = p.facts
        out.append({"kind": "state", "label": p.name, "href": profile_href(code),
                    "detail": f"{f['people']:,} people repatriated in {f['events']} events",
                    "words": f"{p.name} {code} {p.region}"})
        for _, e in p.movements.iterrows():
            out.append({"kind": "event", "label": f"{e['event_id']} ({p.name})", "href": event_href(e["event_id"]),
                        "detail": f"{date_words(e['date'])}: {KIND_LABELS[e['kind']].lower()}, "
                                  f"{number_words(e['people'], e['qualifier'])} people, grade {e['grade']}",
                        "words": " ".join(str(x) for x in (e["event_id"], p.name, code, e["operation"], e["facility"],
                                                           e["date"], e["kind"]) if x)})
    return out


def finder_script(entries: list[dict]) -> str:
    """The finder's data as a script that sets `window.REPATRIATION_FINDER` (loads from file://, unlike JSON)."""
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.REPATRIATION_FINDER = {data};\n"


def chart_png(series: pd.DataFrame, name: str) -> bytes:
    """A state's chart (the figure registry's `charts.country_events`) as a small PNG."""
    import io

    from repatriation.charts import country_events
    from repatriation.style import house_style

    fig = country_events(series, name)
    # Every state's chart has the same shape, so fixed margins replace the constrained layout, which costs
    # a second drawing of each chart (the left margin fits a label of six digits).
    fig.set_layout_engine("none")
    fig.axes[0].get_gridspec().update(**CHART_MARGINS)
    for ax in fig.axes:
        ax.set_position(ax.get_subplotspec().get_position(fig))
    buf = io.BytesIO()
    with house_style():
        fig.savefig(buf, format="png", dpi=CHART_DPI, metadata={"Software": None})
    return buf.getvalue()


def chart_data(r: Results, p: Profile) -> pd.DataFrame:
    """What a state's chart draws: its repatriation events and stated totals, or, for a state with no
    repatriation (Syria), its counted relocations."""
    if p.facts["events"] == 0 and p.movements["counted"].any():
        return chart_series(dataclasses.replace(r, events=r.movements[r.movements["counted"]]), p.code)
    return chart_series(r, p.code)


def code_digest() -> str:
    """A digest of this module and the chart code: a chart is redrawn when either changes."""
    from repatriation import charts, style

    h = hashlib.sha256()
    for mod in (sys.modules[__name__], charts, style):
        h.update(Path(mod.__file__).read_bytes())
    return h.hexdigest()[:16]


def build(outdir: Path, store: Path) -> dict:
    """Draw every chart into `outdir/states`, write the finder's data into `outdir/_static`, and store every
    page's title and body in `store`; return what was stored."""
    from repatriation import pipeline

    r = pipeline.run()
    all_profiles = profiles(r)
    sources = r.data.sources.set_index("key")
    folder = Path(outdir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / "charts.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    code_key = code_digest()
    pages, drawn = {}, {}
    for code, p in all_profiles.items():
        series = chart_data(r, p)
        chart = None
        if len(series) > 1:  # one point alone draws no line over time
            key = hashlib.sha256((code_key + p.name + series.to_csv()).encode()).hexdigest()[:16]
            png = folder / f"{code}.png"
            if manifest.get(code) != key or not png.exists():
                write_file(png, chart_png(series, p.name))
            drawn[code] = key
            chart = png.name
        pages[code] = {"title": p.name, "body": page_body(p, sources, chart, len(series)), "toc": page_toc(p)}
    for stale in folder.glob("*.png"):  # a chart no state page shows any longer
        if stale.stem not in drawn:
            stale.unlink()
    write_file(manifest_path, (json.dumps(drawn, indent=1, sort_keys=True) + "\n").encode())
    write_file(Path(outdir) / "_static" / FINDER, finder_script(finder_entries(all_profiles)).encode())
    stored = {"pages": pages}
    write_file(Path(store), json.dumps(stored, ensure_ascii=False).encode())
    return stored


def main(argv: list[str] | None = None) -> int:
    """Command line: `python -m repatriation_book.profile_pages OUTDIR STORE`."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m repatriation_book.profile_pages OUTDIR STORE", file=sys.stderr)
        return 2
    from .background import wait_for_chapters
    from .sphinx_pipeline import PREPARED_ENV

    prepared = os.environ.get(PREPARED_ENV)
    wait_for_chapters(Path(prepared) if prepared else None)  # the reading waits for the chapters, not for this
    build(Path(args[0]), Path(args[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
