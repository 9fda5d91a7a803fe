"""The profiles as HTML (no book build): escaped data, an anchor per event, the finder's data, the charts
drawn once and redrawn on change, the Sphinx hooks, and the checked addresses and table links."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from fixtures import with_movements, write_data
from repatriation import pipeline
from repatriation.profiles import profiles, states_table
from repatriation_book import links, profile_pages, sphinx_profiles, tables
from repatriation_book.values import states as states_values


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory):
    return write_data(tmp_path_factory.mktemp("pages") / "data", with_movements())


@pytest.fixture(scope="module")
def results(data_folder):
    return pipeline.run(data_folder)


@pytest.fixture(scope="module")
def record(results):
    return profiles(results)


class Ids(HTMLParser):
    """The ids, tags and link addresses of an HTML fragment (and whether it parses as balanced)."""

    def __init__(self):
        super().__init__()
        self.ids, self.tags, self.hrefs, self.stack = set(), [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])
        if tag not in ("img", "br", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("img", "br", "input"):
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def parse(fragment: str) -> Ids:
    p = Ids()
    p.feed(fragment)
    assert not p.stack, f"unclosed: {p.stack}"
    return p


def body(results, record, code: str, chart: str | None = "X.png") -> str:
    return profile_pages.page_body(record[code], results.data.sources.set_index("key"), chart)


# --------------------------------------------------------------------------- one page
def test_a_profile_has_its_headline_chart_events_table_and_a_record_per_event(results, record):
    html = body(results, record, "DEU", "DEU.png")
    p = parse(html)
    assert {"state-DEU", "events", "event-records", "event-DEU-2019-08-19"} <= p.ids
    assert '<img src="DEU.png"' in html and "at least 4 people repatriated to Germany" in html
    assert "#event-DEU-2019-08-19" in p.hrefs and "../chapters/methods.html#how-events-are-graded" in p.hrefs
    assert html.count('<table class="table event-reports">') == 1
    assert "superseded: authority" in html and "Grade <strong>" in html


def test_every_event_of_every_state_has_its_anchor(results, record):
    for code, p in record.items():
        ids = parse(body(results, record, code)).ids
        assert {links.event_anchor(e) for e in p.movements["event_id"]} <= ids


def test_a_stage_of_a_transfer_links_the_operation_it_is_part_of(results, record):
    html = body(results, record, "IRQ")
    assert 'Part of <a href="IRQ.html#event-IRQ-2022-06">IRQ-2022-06</a>' in html
    fra = body(results, record, "FRA")
    assert '<a href="IRQ.html#event-IRQ-2022-06">IRQ-2022-06</a>' in fra and "Nationals held" in fra


def test_columns_empty_for_every_row_are_left_out():
    html = profile_pages.table(["A", "B", "C", "Empty", "Kept"], [["1", "2", "3", "–", ""], ["4", "5", "6", "", "x"]])
    assert "<th>Empty</th>" not in html and "<th>Kept</th>" in html and html.count("<td>") == 8


def test_no_chart_is_explained(results, record):
    assert "No chart:" in body(results, record, "AUS", None) and "<img" not in body(results, record, "AUS", None)
    alone = profile_pages.page_body(record["AUS"], results.data.sources.set_index("key"), None, points=1)
    assert "a single event of known size" in alone and "<img" not in alone


def test_data_strings_are_escaped_and_only_http_addresses_are_linked(results, record):
    sources = results.data.sources.set_index("key").copy()
    sources.loc["govdeu", "organization"] = '<script>alert("x")</script>'
    sources.loc["govdeu", "title"] = '" onmouseover="alert(1)'
    sources.loc["mediadeu", "url"] = "javascript:alert(1)"
    html = profile_pages.page_body(record["DEU"], sources, None)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'title="&quot; onmouseover=&quot;alert(1)"' in html
    assert "javascript:" not in html
    parse(html)


def test_the_page_toc_lists_the_sections_the_body_has(record):
    toc = profile_pages.page_toc(record["FRA"])
    assert "#held" in toc and "#transfers" in toc and "#contingents" in toc and "#stated-totals" in toc
    assert "#held" not in profile_pages.page_toc(record["KAZ"])


# --------------------------------------------------------------------------- the finder
def test_the_finder_lists_every_state_and_event_with_its_address(results, record):
    entries = profile_pages.finder_entries(record)
    assert sum(e["kind"] == "state" for e in entries) == len(record)
    assert sum(e["kind"] == "event" for e in entries) == len(results.movements)
    kaz = next(e for e in entries if e["label"].startswith("KAZ-2019-01-06"))
    assert kaz["href"] == "../states/KAZ.html#event-KAZ-2019-01-06" and "Zhusan" in kaz["words"]


def test_the_finder_script_cannot_close_its_script_tag():
    script = profile_pages.finder_script([{"label": "</script><script>x()</script>"}])
    assert "</script>" not in script and script.startswith("window.REPATRIATION_FINDER = ")
    assert json.loads(script.split("= ", 1)[1].rstrip(";\n").replace("<\\/", "</"))[0]["label"].startswith("</script>")


# --------------------------------------------------------------------------- the build step
def test_build_draws_each_chart_once_and_again_when_its_data_change(tmp_path, data_folder, monkeypatch):
    r = pipeline.run(data_folder)
    monkeypatch.setattr(pipeline, "run", lambda path=None: r)
    out, store = tmp_path / "html", tmp_path / "private" / "profiles.json"
    stored = profile_pages.build(out, store)
    assert json.loads(store.read_text(encoding="utf-8")) == stored
    charts = sorted(p.name for p in (out / "states").glob("*.png"))
    assert charts and "FRA.png" in charts and "AUS.png" not in charts  # AUS: nothing to draw
    alone = [code for code, p in profiles(r).items() if len(profile_pages.chart_data(r, p)) == 1]
    assert "KAZ" in alone and not any(f"{code}.png" in charts for code in alone)  # one point draws no line
    assert all("a single event of known size" in stored["pages"][code]["body"] for code in alone)
    (out / "states" / "KAZ.png").write_bytes(b"a chart of an earlier build")
    profile_pages.build(out, store)
    assert not (out / "states" / "KAZ.png").exists()  # no longer shown: removed
    assert (out / "_static" / "finder-data.js").exists()
    assert set(stored["pages"]) == set(profiles(r)) and all({"title", "body", "toc"} <= set(v) for v in stored["pages"].values())
    before = {n: (out / "states" / n).stat().st_mtime_ns for n in charts}
    os.utime(out / "states" / "FRA.png", ns=(1, 1))
    profile_pages.build(out, store)
    assert (out / "states" / "FRA.png").stat().st_mtime_ns == 1, "an unchanged chart was redrawn"
    manifest = json.loads((out / "states" / "charts.json").read_text(encoding="utf-8"))
    manifest["FRA"] = "stale"
    (out / "states" / "charts.json").write_text(json.dumps(manifest), encoding="utf-8")
    profile_pages.build(out, store)
    assert (out / "states" / "FRA.png").stat().st_mtime_ns != 1, "a chart whose key changed was not redrawn"
    assert all((out / "states" / n).stat().st_mtime_ns == before[n] for n in charts if n != "FRA.png")


def test_a_state_with_no_repatriation_charts_its_counted_relocations(results):
    moves = results.movements
    syr = moves.iloc[[0]].assign(event_id="SYR-2025-01", country="SYR", kind="relocation", counted=True, people=40.0)
    r = pipeline.Results(**{**results.__dict__, "movements": pd.concat([moves, syr], ignore_index=True)})
    p = SimpleNamespace(code="SYR", facts={"events": 0}, movements=syr)
    series = profile_pages.chart_data(r, p)
    assert list(series["id"]) == ["SYR-2025-01"] and list(series["people"]) == [40.0]


def test_the_command_line_needs_two_arguments(capsys):
    assert profile_pages.main([]) == 2 and "usage" in capsys.readouterr().err


def test_chart_png_is_small(results):
    from repatriation.profiles import chart_series

    png = profile_pages.chart_png(chart_series(results, "IRQ"), "Iraq")
    assert png.startswith(b"\x89PNG") and 5_000 < len(png) < 150_000


# --------------------------------------------------------------------------- the Sphinx hooks
def app(name: str = "html", outdir: Path | None = None):
    added = []
    return SimpleNamespace(builder=SimpleNamespace(name=name), outdir=str(outdir or "/nonexistent/html"),
                           add_js_file=added.append, added=added)


def test_the_finder_scripts_go_on_the_states_index_only():
    a = app()
    sphinx_profiles._finder(a, "chapters/who-came-home", "page.html", {}, None)
    assert a.added == []
    sphinx_profiles._finder(a, links.INDEX, "page.html", {}, None)
    assert a.added == [profile_pages.FINDER, "states-index.js"]
    single = app("singlehtml")
    sphinx_profiles._finder(single, links.INDEX, "page.html", {}, None)
    assert single.added == []


def test_collect_waits_for_the_process_and_yields_one_page_per_state(tmp_path):
    store = sphinx_profiles.store_path(tmp_path / "html")
    store.parent.mkdir(parents=True)
    store.write_text(json.dumps({"pages": {"BEL": {"title": "Belgium", "body": "<p>b</p>", "toc": "<ul></ul>"}}}))
    a = app(outdir=tmp_path / "html")
    a.repatriation_profiles = subprocess.Popen([sys.executable, "-c", "pass"], stdout=subprocess.PIPE,
                                               stderr=subprocess.PIPE, text=True)
    pages = sphinx_profiles._collect(a)
    assert pages == [("states/BEL", {"title": "Belgium", "body": "<p>b</p>", "toc": "<ul></ul>", "display_toc": True},
                      "page.html")]
    assert sphinx_profiles._collect(a) == [] and sphinx_profiles._collect(app("singlehtml")) == []


def test_a_build_that_collects_no_page_stops_the_process():
    a = app()
    a.repatriation_profiles = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process = a.repatriation_profiles
    sphinx_profiles._stop(a, None)
    assert process.returncode is not None and a.repatriation_profiles is None
    sphinx_profiles._stop(a, None)  # nothing left to stop


def test_files_are_written_whole(tmp_path):
    from repatriation.safe_write import write_file

    target = tmp_path / "deep" / "x.png"
    write_file(target, b"abc")
    assert target.read_bytes() == b"abc" and [p.name for p in target.parent.iterdir()] == ["x.png"]


def test_a_failed_profiles_process_fails_the_build(tmp_path):
    from sphinx.errors import ExtensionError

    failing = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit('broken data')"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    with pytest.raises(ExtensionError, match="broken data"):
        sphinx_profiles.finish(failing, tmp_path / "profiles.json")


def test_start_runs_the_profiles_in_the_background_for_html_only(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(sphinx_profiles.subprocess, "Popen", lambda args, **kw: started.append(args) or "process")
    a = app(outdir=tmp_path / "html")
    sphinx_profiles._start(a, None, ["chapters/index"])
    assert a.repatriation_profiles == "process" and started[0][1:3] == ["-m", "repatriation_book.profile_pages"]
    sphinx_profiles._start(app("singlehtml"), None, ["chapters/index"])
    assert len(started) == 1
    quiet = app(outdir=tmp_path / "html2")
    sphinx_profiles._start(quiet, None, [])  # a no-op rebuild reads nothing and writes no page
    assert len(started) == 1 and getattr(quiet, "repatriation_profiles", None) is None


# --------------------------------------------------------------------------- addresses and table links
def test_addresses_are_built_from_checked_codes_and_ids():
    assert links.profile_href("BEL") == "../states/BEL.html" and links.pagename("BEL") == "states/BEL"
    assert links.event_href("IRQ-2026-01-21-b") == "../states/IRQ.html#event-IRQ-2026-01-21-b"
    assert links.event_href("KAZ-2019", base="") == "KAZ.html#event-KAZ-2019"
    for bad in ("bel", "BE", "BEL/../x", '"><script>'):
        with pytest.raises(ValueError):
            links.profile_href(bad)
    with pytest.raises(ValueError):
        links.event_anchor("BEL-2019-06 onclick=x")


def test_a_link_cell_is_an_escaped_relative_link():
    cell = tables.escape(tables.Link("Bosnia [and] Herzegovina", "../states/BIH.html"))
    assert cell == '<a href="../states/BIH.html">Bosnia \\[and\\] Herzegovina</a>'
    for bad in ("https://example.org/x.html", "javascript:alert(1)", "../states/BIH.html#a b", '../x.html"><b'):
        with pytest.raises(ValueError):
            tables.Link("x", bad)


def test_the_states_index_table_links_every_state(record):
    frame = states_values.states_frame(states_table(record))
    md = tables.markdown_table(frame).data
    assert md.count('<a href="../states/') == len(record)
    assert "more than 10 people \\(2020\\-01\\)" in md and "| – |" in md
