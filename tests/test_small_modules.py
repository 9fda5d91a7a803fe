"""The small modules, each function on small inputs: book (glue, downloads, citations), load.record_lines,
export's dictionaries, tables.fmt_int, render.freeze, style, countries, paths, textfile, reconcile.rank_reports,
the command line in-process, the PDF steps (with the build and the browser replaced by stand-ins), the
Sphinx hooks, and the benchmark's helpers (no book build)."""

from __future__ import annotations

import csv
import io
import math
import os
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from IPython.display import Image, Markdown
from matplotlib.layout_engine import ConstrainedLayoutEngine, PlaceHolderLayoutEngine

from fixtures import write_data
import bench
from repatriation import cli, countries, export, figures, paths, reconcile, render, style, textfile
from repatriation_book import glue as book
from repatriation_book import cli as book_cli
from repatriation_book import pdf, sphinx_edition, sphinx_offline, tables
from repatriation.countries import UnknownCountry
from repatriation.errors import Problem
from repatriation.load import record_lines
from repatriation.pipeline import run

NAN = math.nan


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run(write_data(tmp_path_factory.mktemp("small") / "data"))


# =========================================================================== book
@pytest.fixture
def glued(monkeypatch):
    calls = []
    monkeypatch.setattr("myst_nb.glue", lambda key, value, display=True: calls.append((key, value, display)))
    return calls


def test_glue_glues_plain_values_without_display(glued):
    md = Markdown("| a |")
    book.glue_ready(book.glueable({"n": 3, "x": 1.5, "s": "text", "md": md}))
    assert glued == [("n", 3, False), ("x", 1.5, False), ("s", "text", False), ("md", md, False)]


def test_glue_turns_a_figure_into_png(glued):
    fig = style.new_figure(2, 1)
    fig.add_subplot().plot([0, 1], [1, 0])
    book.glue_ready(book.glueable({"fig_x": fig}))
    [(key, value, display)] = glued
    assert (key, display) == ("fig_x", False)
    assert isinstance(value, Image) and value.format == "png"
    assert value.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert value.data == render.png_bytes(fig, dpi=book.BOOK_DPI)


@pytest.mark.parametrize("value", [np.int64(3), np.float64(1.5), np.bool_(True), True, False,
                                   pd.DataFrame({"a": [1]}), None, [1, 2], {"a": 1}, pd.NA])
def test_glue_rejects_anything_but_plain_values(glued, value):
    with pytest.raises(TypeError, match="glue 'k'"):
        book.glue_ready(book.glueable({"k": value}))
    assert glued == []


def test_glue_checks_every_value_before_it_glues_any(glued):
    with pytest.raises(TypeError):
        book.glue_ready(book.glueable({"ok": 1, "bad": np.int64(2)}))
    assert glued == []


def test_link_list_links_each_file_under_its_base():
    md = book.link_list(["figures/a-b_1.png", "events.csv"], "../downloads/")
    assert isinstance(md, Markdown)
    assert md.data == ('- <a href="../downloads/events.csv" download>events.csv</a>\n'
                       '- <a href="../downloads/figures/a-b_1.png" download>a-b_1.png</a>\n')


@pytest.mark.parametrize("name", ["a b.csv", "x`y.csv", "x<y>.csv", "a;b.csv", "a(1).csv", "../x.csv", "x\".csv"])
def test_link_list_rejects_odd_file_names(name):
    with pytest.raises(ValueError, match="unexpected file name"):
        book.link_list(["ok.csv", name], "../downloads/")


def test_show_lists_plain_values_and_shows_figures_and_tables(monkeypatch):
    shown = []
    monkeypatch.setattr(book, "display", lambda *objs: shown.extend(objs))
    image = Image(data=b"\x89PNG\r\n\x1a\n", format="png")
    book.show({"n": 3, "cite": Markdown("{cite:p}`k`"), "fig_x": image, "tbl_x": Markdown("| a |")})
    assert shown[0].data == "- `n`: 3\n- `cite`: {cite:p}`k`"
    assert shown[1].data == "**fig_x**" and shown[2] is image
    assert shown[3].data == "**tbl_x**" and shown[4].data == "| a |"


def test_cite_sorts_and_deduplicates_keys():
    assert book.cite(["b2", "a1", "b2"]).data == "{cite:p}`a1,b2`"
    assert book.cite(iter(["x"]), form="t").data == "{cite:t}`x`"
    assert book.cite(pd.Series(["k", "k"])).data == "{cite:p}`k`"


@pytest.mark.parametrize("keys,form", [([], "p"), (["Upper"], "p"), (["a-b"], "p"), (["a`}{b"], "p"),
                                       (["ok", "no space"], "p"), (["ok"], "x"), (["ok"], "")])
def test_cite_rejects_what_is_not_a_plain_key(keys, form):
    with pytest.raises(ValueError, match="not citable"):
        book.cite(keys, form)


# =========================================================================== load.record_lines
def test_record_lines_of_plain_records():
    assert record_lines("a,b\n1,2\n3,4\n") == [1, 2, 3]


def test_record_lines_skip_the_lines_inside_a_quoted_cell():
    text = 'a,b\n1,"first line\nsecond line\nthird"\n2,x\n3,"y\r\nz"\n4,w'
    assert record_lines(text) == [1, 2, 5, 6, 8]
    assert len(record_lines(text)) == len(list(csv.reader(io.StringIO(text, newline=""))))


def test_record_lines_of_a_header_only():
    assert record_lines("a,b\n") == [1]
    assert record_lines("") == []


# =========================================================================== export
def test_source_dictionary_has_one_row_per_column(results):
    t = export.source_dictionary(results)
    assert list(t.columns) == ["Table", "Column", "Type", "Required", "Allowed", "Meaning"]
    schema = results.data.schema
    assert len(t) == sum(len(s["fields"]) for s in schema.values())
    assert set(t["Table"]) == {f"{n}.csv" for n in schema}
    assert list(t.loc[t["Table"] == "repatriations.csv", "Column"]) == [f["name"] for f in schema["repatriations"]["fields"]]
    for name, s in schema.items():
        for f in s["fields"]:
            row = t[(t["Table"] == f"{name}.csv") & (t["Column"] == f["name"])].iloc[0]
            c = f.get("constraints", {})
            assert row["Type"] == f["type"]
            assert row["Required"] == ("yes" if c.get("required") else "")
            assert row["Meaning"] == f.get("description", "")
            if "enum" in c:
                assert row["Allowed"].split(", ") == [v or "(empty)" for v in c["enum"]]


def test_source_dictionary_shows_an_empty_allowed_value(results):
    t = export.source_dictionary(results).set_index(["Table", "Column"])
    qualifier = t.loc[("repatriations.csv", "qualifier"), "Allowed"]
    assert "(empty)" in qualifier.split(", ") and "about" in qualifier.split(", ")


def test_dictionary_lists_source_and_exported_tables(results):
    text = export.dictionary(results)
    assert text.startswith("# Data dictionary\n")
    assert text.endswith("\n") and not text.endswith("\n\n\n")
    for name, s in results.data.schema.items():
        assert f"### data/{name}.csv" in text
        for f in s["fields"]:
            assert f"| {f['name']} | {f['type']} | {f.get('description', '')} |" in text
    for name in export.tables(results):
        assert f"### {name}\n" in text and f"- `{name}`: " in text  # every exported table is described
    assert text.index("## Exported tables") < text.index("## Figures") < text.index("## JSON files") < text.index("## Source tables")


# =========================================================================== tables.fmt_int
@pytest.mark.parametrize("x,expected", [(0, "0"), (7, "7"), (1234, "1,234"), (1234567.0, "1,234,567"),
                                        (999.6, "1,000"), (12.4, "12"), (-1500, "-1,500"), (np.int64(2500), "2,500"),
                                        (None, "not stated"), (NAN, "not stated"), (pd.NA, "not stated"), (np.nan, "not stated")])
def test_fmt_int(x, expected):
    assert tables.fmt_int(x) == expected


# =========================================================================== render.freeze
def _chart():
    fig = style.new_figure(4, 3)
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [3, 1, 2])
    ax.set_title("A title")
    style.source_line(fig, "Source: a test")
    return fig


def test_freeze_fixes_the_layout():
    fig = _chart()
    assert isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
    assert render.freeze(fig) is fig
    engine = fig.get_layout_engine()
    assert engine is None or isinstance(engine, PlaceHolderLayoutEngine)  # matplotlib's "none"
    pos = fig.axes[0].get_position().bounds
    render.png_bytes(fig, dpi=50)
    assert fig.axes[0].get_position().bounds == pos
    assert render.freeze(fig) is fig  # freezing again changes nothing
    assert fig.axes[0].get_position().bounds == pos


def test_freeze_settles_the_constrained_layout_first():
    fig = _chart()
    before = fig.axes[0].get_position().bounds
    render.freeze(fig)
    assert fig.axes[0].get_position().bounds != before  # the layout was computed, then kept


def test_two_png_renders_after_freeze_are_identical():
    fig = render.freeze(_chart())
    assert render.png_bytes(fig, dpi=60) == render.png_bytes(fig, dpi=60)
    assert render.svg_bytes(fig) == render.svg_bytes(fig)


# =========================================================================== style
def test_house_style_applies_and_restores_rc():
    before = matplotlib.rcParams["axes.spines.top"], matplotlib.rcParams["svg.hashsalt"]
    with style.house_style():
        for key in ("font.size", "axes.grid", "axes.spines.top", "svg.hashsalt", "svg.fonttype"):
            assert matplotlib.rcParams[key] == style.RC[key], key
        assert list(matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]) == style.PALETTE
    assert (matplotlib.rcParams["axes.spines.top"], matplotlib.rcParams["svg.hashsalt"]) == before


def test_house_style_restores_rc_after_an_error():
    before = matplotlib.rcParams["font.size"]
    with pytest.raises(RuntimeError), style.house_style():
        raise RuntimeError("inside")
    assert matplotlib.rcParams["font.size"] == before


def test_new_figure_is_detached_and_constrained():
    open_before = plt.get_fignums()
    fig = style.new_figure()
    assert plt.get_fignums() == open_before  # not attached to pyplot
    assert tuple(fig.get_size_inches()) == (8.0, 4.5)
    assert fig.dpi == style.DPI
    assert isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine)
    small = style.new_figure(3, 2, facecolor="#ff0000")
    assert tuple(small.get_size_inches()) == (3.0, 2.0)
    assert matplotlib.colors.to_hex(small.get_facecolor()) == "#ff0000"


def test_source_line_writes_small_grey_left_aligned_text():
    fig = style.new_figure()
    fig.add_subplot()
    style.source_line(fig, "Source: UN (2021)")
    label = fig._supxlabel
    assert label.get_text() == "Source: UN (2021)"
    assert label.get_horizontalalignment() == "left"
    assert label.get_position()[0] == pytest.approx(0.01)
    assert label.get_fontsize() == 8
    assert matplotlib.colors.to_hex(label.get_color()) == "#555555"
    assert label.get_wrap()
    assert fig.get_layout_engine().get()["h_pad"] == pytest.approx(0.1)


# =========================================================================== countries
@pytest.mark.parametrize("code,known", [("XKX", True), ("FRA", True), ("IRQ", True), ("ZZZ", False),
                                        ("WLD", False), ("", False), ("FR", False)])
def test_is_known_code(code, known):
    assert countries.is_known_code(code) is known


@pytest.mark.parametrize("code,region", [("IRQ", "Iraq"), ("XKX", "Western Balkans"), ("FRA", "Europe, North America and Oceania"),
                                         ("KAZ", "Central Asia, Russia and the Caucasus"), ("RUS", "Central Asia, Russia and the Caucasus"),
                                         ("NGA", "Sub-Saharan Africa"), ("IDN", "South and South-East Asia"),
                                         ("TUN", "Middle East and North Africa"), ("TTO", "Latin America and the Caribbean")])
def test_region(code, region):
    assert countries.region(code) == region
    assert region in countries.REGIONS


def test_region_of_an_unknown_code():
    with pytest.raises(UnknownCountry):
        countries.region("ZZZ")


@pytest.mark.parametrize("code,placed", [("FRA", True), ("XKX", True), ("IRQ", True), ("ATA", False), ("FJI", False),
                                         ("ZZZ", False), ("", False)])
def test_has_region(code, placed):
    # ATA and FJI are real codes, but the report has no region for them: the loader must refuse them.
    assert countries.has_region(code) is placed


# =========================================================================== paths
def test_data_dir_argument_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("REPATRIATION_DATA", str(tmp_path / "env"))
    assert paths.data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert paths.data_dir(str(tmp_path / "arg")) == tmp_path / "arg"
    assert isinstance(paths.data_dir(str(tmp_path)), Path)


def test_data_dir_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("REPATRIATION_DATA", str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"


def test_data_dir_default(monkeypatch):
    monkeypatch.delenv("REPATRIATION_DATA", raising=False)
    assert paths.data_dir() == paths.ROOT / "data"
    assert (paths.data_dir() / "datapackage.json").is_file()
    monkeypatch.setenv("REPATRIATION_DATA", "")  # set but empty: the default
    assert paths.data_dir() == paths.ROOT / "data"


# =========================================================================== textfile
def test_read_utf8_of_a_good_file(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes("a,b\nZürich,1\n".encode("utf-8"))
    assert textfile.read_utf8(f, "a.csv") == ("a,b\nZürich,1\n", [])


def test_read_utf8_of_a_missing_file(tmp_path):
    text, problems = textfile.read_utf8(tmp_path / "nope.csv", "nope.csv")
    assert text is None
    assert problems == [Problem("nope.csv", 0, "", str(tmp_path / "nope.csv"), "file is missing")]


def test_read_utf8_with_a_byte_order_mark(tmp_path):
    f = tmp_path / "bom.csv"
    f.write_bytes(b"\xef\xbb\xbfa,b\n1,2\n")
    text, problems = textfile.read_utf8(f, "bom.csv")
    assert text is None
    assert [(p.file, p.line, p.column, p.value) for p in problems] == [("bom.csv", 1, "byte 1", "BOM")]
    assert "byte-order mark" in problems[0].rule


def test_read_utf8_locates_a_bad_byte(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_bytes(b"a,b\nok,1\nZ\xc3\xbcr\xffch,2\n")  # a valid two-byte character, then 0xff
    text, problems = textfile.read_utf8(f, "bad.csv")
    assert text is None
    assert problems == [Problem("bad.csv", 3, "byte 5", "0xff", "file is not valid UTF-8")]


def test_read_utf8_bad_byte_on_the_first_line(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_bytes(b"\xe9t\xe9")  # latin-1
    _, problems = textfile.read_utf8(f, "bad.csv")
    assert (problems[0].line, problems[0].column, problems[0].value) == (1, "byte 1", "0xe9")


@pytest.mark.parametrize("content", [b"", b"\n", b"  \n\t\n"])
def test_read_utf8_of_an_empty_file(tmp_path, content):
    f = tmp_path / "empty.csv"
    f.write_bytes(content)
    assert textfile.read_utf8(f, "empty.csv") == (None, [Problem("empty.csv", 1, "", "", "file is empty")])


# =========================================================================== reconcile.rank_reports
def test_rank_reports_puts_the_receiving_state_first():
    sources = pd.DataFrame({"key": ["govfra", "govdeu", "un", "ngo", "res", "med"],
                            "sourcetype": ["government", "government", "un", "ngo", "research", "media"],
                            "jurisdiction": ["FRA", "DEU", "", "", "", ""],
                            "date": ["2019-03-15", "2019-08", "2020", "2021-01-01", "2018", "2019-01-09"]})
    reports = pd.DataFrame({"event_id": ["FRA-1", "FRA-1", "DEU-1", "FRA-1", "FRA-1", "FRA-1", "FRA-1"],
                            "country": ["FRA", "FRA", "DEU", "FRA", "FRA", "FRA", "FRA"],
                            "source": ["govfra", "govdeu", "govdeu", "un", "ngo", "res", "med"]})
    before = reports.copy()
    out = reconcile.rank_reports(reports, sources)
    # France's government on a French event: 0; Germany's government on it: 1; on its own event: 0
    assert list(out["authority"]) == [0, 1, 0, 2, 3, 4, 5]
    assert list(out["published"]) == ["2019-03-15", "2019-08", "2019-08", "2020", "2021-01-01", "2018", "2019-01-09"]
    assert list(out["sourcetype"]) == ["government", "government", "government", "un", "ngo", "research", "media"]
    pd.testing.assert_frame_equal(reports, before)  # a copy is ranked, not the input


def test_rank_reports_on_the_fixture(results):
    ranked = reconcile.rank_reports(results.reports, results.data.sources).set_index("source")
    assert ranked.loc["govdeu", "authority"] == 0 and ranked.loc["govfra", "authority"] == 0
    assert ranked.loc["mediadeu", "authority"] == 5 and ranked.loc["unsrc", "authority"] == 2


# =========================================================================== cli.main, in-process
def test_cli_main_validate(tmp_path, capsys):
    assert cli.main(["--data", str(write_data(tmp_path / "data")), "validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("valid: 6 reports of 5 events, 3 stated totals, 6 detained figures, 3 contingent figures, 7 sources")


def test_cli_main_validate_bad_data(tmp_path, capsys):
    folder = write_data(tmp_path / "data", {"sources.bib": None})
    assert cli.main(["--data", str(folder), "validate"]) == 1
    err = capsys.readouterr().err
    assert "sources.bib" in err and "nothing was loaded" in err


def _crash(path=None):
    raise RuntimeError("boom")


def test_cli_main_internal_error_exits_2_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("repatriation.pipeline.run", _crash)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    assert cli.main(["--data", str(write_data(tmp_path / "data")), "validate"]) == 2
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: boom" in err and "--debug" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("how", ["flag", "env"])
def test_cli_main_internal_error_shows_the_traceback_when_asked(tmp_path, monkeypatch, capsys, how):
    monkeypatch.setattr("repatriation.pipeline.run", _crash)
    monkeypatch.setenv(cli.DEBUG_ENV, "1" if how == "env" else "0")
    args = ["--debug"] if how == "flag" else []
    assert cli.main([*args, "--data", str(write_data(tmp_path / "data")), "validate"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: boom" in err


def test_cli_main_needs_a_command():
    with pytest.raises(SystemExit) as exc:
        cli.main([])
    assert exc.value.code == 2


def test_cli_main_pdf_reports_a_failure(monkeypatch, capsys, tmp_path):
    def failing(out):
        raise pdf.PdfError("no chromium here")

    monkeypatch.setattr(pdf, "build_pdf", failing)
    assert book_cli.main(["pdf", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "no chromium here" in capsys.readouterr().err


def test_cli_main_pdf_reports_the_file_written(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(pdf, "build_pdf", lambda out: out)
    assert book_cli.main(["pdf", "--out", str(tmp_path / "x.pdf")]) == 0
    assert f"wrote {tmp_path / 'x.pdf'}" in capsys.readouterr().out


def test_the_library_cli_has_no_pdf_command(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["pdf"])
    assert stop.value.code == 2 and "invalid choice: 'pdf'" in capsys.readouterr().err


# =========================================================================== pdf (stand-ins for the build and the browser)
def _fake_book(tmp_path) -> Path:
    source = tmp_path / "book"
    source.mkdir()
    (source / "_toc.yml").write_text("format: jb-book\nroot: chapters/index\n", encoding="utf-8")
    return source


def test_build_singlehtml_places_the_page_at_the_top(tmp_path, monkeypatch):
    source, out = _fake_book(tmp_path), tmp_path / "out"
    seen = []

    def fake_run(cmd, **kwargs):
        seen.append(cmd)
        page = out / "_build" / "singlehtml" / "chapters" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text('<a href="chapters/index.html#who">Who</a> <a href="other.html#x">x</a>', encoding="utf-8")
        return type("Done", (), {"returncode": 0, "stdout": "", "stderr": ""})()

    monkeypatch.setattr(pdf.subprocess, "run", fake_run)
    report = pdf.build_singlehtml(source, out)
    assert report == out / "_build" / "singlehtml" / "report.html"
    assert report.read_text(encoding="utf-8") == '<a href="#who">Who</a> <a href="other.html#x">x</a>'
    [cmd] = seen
    assert cmd[1:3] == ["build", str(source)] and "singlehtml" in cmd
    assert all(flag in cmd for flag in pdf.STRICT)
    assert cmd[cmd.index("--path-output") + 1] == str(out)


def test_build_singlehtml_raises_when_the_build_fails(tmp_path, monkeypatch):
    source = _fake_book(tmp_path)
    monkeypatch.setattr(pdf.subprocess, "run", lambda cmd, **kw: type(
        "Done", (), {"returncode": 1, "stdout": "WARNING: a glue key is missing", "stderr": ""})())
    with pytest.raises(pdf.PdfError, match="a glue key is missing"):
        pdf.build_singlehtml(source, tmp_path / "out")


class _FakeBrowser:
    """Stands in for Playwright's chromium: records what print_pdf asks, requests `urls` on goto."""

    def __init__(self, urls=(), broken=()):
        self.urls, self.broken = list(urls), list(broken)
        self.launched, self.closed, self.pdf_kwargs, self.media = None, False, None, None

    # sync_playwright() -> context manager -> p.chromium.launch(...) -> browser
    def __call__(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @property
    def chromium(self):
        return self

    def launch(self, **kwargs):
        self.launched = kwargs
        return self

    def new_context(self):
        return self

    def route(self, pattern, handler):
        self.handler = handler

    def new_page(self):
        return self

    def goto(self, url):
        self.url = url
        for u in self.urls:
            self.handler(_FakeRoute(u))

    def wait_for_load_state(self, state):
        pass

    def emulate_media(self, media):
        self.media = media

    def evaluate(self, expression):
        return self.broken if "naturalWidth" in expression else None

    def wait_for_function(self, expression, timeout=None):
        pass

    def pdf(self, path, **kwargs):
        self.pdf_kwargs = kwargs
        Path(path).write_bytes(b"%PDF-1.7 fake")

    def close(self):
        self.closed = True


class _FakeRoute:
    def __init__(self, url):
        self.request = type("Request", (), {"url": url})()
        self.outcome = None

    def continue_(self):
        self.outcome = "continue"

    def abort(self):
        self.outcome = "abort"


def test_print_pdf_prints_a4_with_the_edition(tmp_path, monkeypatch):
    browser = _FakeBrowser(urls=["file:///x/style.css", "data:image/png;base64,AA=="])
    monkeypatch.setattr("playwright.sync_api.sync_playwright", browser)
    page = tmp_path / "report.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    out = pdf.print_pdf(page, tmp_path / "new" / "folder" / "r.pdf")
    assert out == tmp_path / "new" / "folder" / "r.pdf" and out.read_bytes().startswith(b"%PDF-")
    assert browser.launched["executable_path"] == pdf.CHROMIUM and browser.launched["headless"] is True
    assert browser.url == page.resolve().as_uri() and browser.media == "print"
    # the edition and page number come from the page's own print styles (sphinx_edition.print_css)
    assert browser.pdf_kwargs["format"] == "A4" and browser.pdf_kwargs["prefer_css_page_size"]
    assert not browser.pdf_kwargs.get("display_header_footer")
    assert browser.closed


def test_print_pdf_refuses_a_page_that_asks_outside_the_book(tmp_path, monkeypatch):
    browser = _FakeBrowser(urls=["file:///x/a.js", "https://cdn.example.org/mathjax.js"])
    monkeypatch.setattr("playwright.sync_api.sync_playwright", browser)
    with pytest.raises(pdf.PdfError, match="cdn.example.org"):
        pdf.print_pdf(tmp_path / "r.html", tmp_path / "r.pdf")
    assert browser.closed


def test_print_pdf_refuses_broken_images(tmp_path, monkeypatch):
    browser = _FakeBrowser(broken=["../_images/missing.png"])
    monkeypatch.setattr("playwright.sync_api.sync_playwright", browser)
    with pytest.raises(pdf.PdfError, match="missing.png"):
        pdf.print_pdf(tmp_path / "r.html", tmp_path / "r.pdf")
    assert browser.closed and browser.pdf_kwargs is None


def test_build_pdf_builds_then_prints(tmp_path, monkeypatch):
    calls = []

    def fake_build(source, workdir):
        calls.append(("build", source, Path(workdir)))
        assert Path(workdir).is_dir()
        return Path(workdir) / "report.html"

    def fake_print(html, out):
        calls.append(("print", html, out))
        return Path(out)

    monkeypatch.setattr(pdf, "build_singlehtml", fake_build)
    monkeypatch.setattr(pdf, "print_pdf", fake_print)
    source = _fake_book(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    assert pdf.build_pdf(tmp_path / "a.pdf", source, work) == tmp_path / "a.pdf"
    assert calls == [("build", source, work), ("print", work / "report.html", tmp_path / "a.pdf")]
    calls.clear()
    pdf.build_pdf(tmp_path / "b.pdf", source)
    temporary = calls[0][2]
    assert temporary.name.startswith("repatriation-pdf-") and not temporary.exists()  # removed afterwards


# =========================================================================== Sphinx hooks
class _FakeApp:
    def __init__(self, srcdir="."):
        self.srcdir = srcdir
        self.config = type("Config", (), {"mathjax_path": "https://cdn.example.org/tex-mml-chtml.js"})()
        self.connected, self.css, self.js = [], [], []

    def connect(self, event, handler, priority=500):
        self.connected.append((event, handler, priority))

    def add_css_file(self, name):
        self.css.append(name)

    def add_js_file(self, name):
        self.js.append(name)


def test_sphinx_edition_setup_marks_every_page(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    app = _FakeApp(srcdir=str(tmp_path))
    app.builder = type("Builder", (), {"format": "html"})()
    app.outdir = str(tmp_path / "html")
    assert sphinx_edition.setup(app) == {"parallel_read_safe": True, "parallel_write_safe": True}
    assert app.css == ["report.css", sphinx_edition.PRINT_CSS]
    assert app.js == ["filter-table.js"]
    assert (sphinx_edition.STATIC / "filter-table.js").exists()
    hooks = {event: handler for event, handler, _ in app.connected}
    assert set(hooks) == {"config-inited", "html-page-context", "build-finished"}
    config = type("Config", (), {"html_static_path": ["_static"]})()
    hooks["config-inited"](app, config)
    assert config.html_static_path == ["_static", str(sphinx_edition.STATIC)]
    context = {"theme_extra_footer": "<p>licence</p>", "last_updated": "Nov 26, 2026",
               "pathto": lambda name, resource: f"../{name}"}
    hooks["html-page-context"](app, "chapters/x", "page.html", context, None)
    assert app.repatriation_edition.endswith("built 1970-01-01")
    assert context["last_updated"] is None
    assert context["theme_extra_footer"].startswith("<p>licence</p><p class=\"report-edition\">Coming home: ")
    assert " · data to " in context["theme_extra_footer"] and " · CC BY 4.0 · built 1970-01-01</p>" in context["theme_extra_footer"]
    assert '<a class="report-pdf" href="../report.pdf">PDF edition</a>' in context["theme_announcement"]
    assert context["theme_announcement"].startswith('<p class="report-edition-header">Edition ')
    hooks["build-finished"](app, None)
    css = (tmp_path / "html" / "_static" / sphinx_edition.PRINT_CSS).read_text(encoding="utf-8")
    assert "@bottom-left" in css and "counter(page)" in css and "built 1970-01-01" in css


def test_css_string_escapes_quotes_and_non_ascii():
    assert sphinx_edition.css_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert sphinx_edition.css_string("x · y") == '"x \\0000B7  y"'  # the escape's own space, then the text's


def test_sphinx_offline_setup_connects_its_hooks():
    app = _FakeApp()
    assert sphinx_offline.setup(app) == {"parallel_read_safe": True, "parallel_write_safe": True}
    events = sorted((e, p) for e, _, p in app.connected)
    assert events == [("build-finished", 500), ("html-page-context", 900), ("html-page-context", 900)]
    context = {"script_files": ["_static/sphinx-thebe.js", "_static/main.js",
                                "https://cdn.example.org/tex-mml-chtml.js"]}
    for event, handler, _ in app.connected:
        if event == "html-page-context":
            handler(app, "index", "page.html", context, None)  # a page with no doctree: no math
    assert context["script_files"] == ["_static/main.js"]


# =========================================================================== bench (no book build)
def test_floor_copy_empties_every_code_cell(tmp_path):
    dest = bench.floor_copy(tmp_path)
    assert dest == tmp_path
    assert (dest / "_config.yml").is_file() and (dest / "_toc.yml").is_file()
    assert (dest / "data" / "repatriations.csv").read_bytes() == (bench.ROOT / "data" / "repatriations.csv").read_bytes()
    assert not (dest / "chapters" / "downloads").exists()
    chapters = sorted(p.relative_to(dest) for p in (dest / "chapters").rglob("*.md"))
    assert chapters and chapters == sorted(p.relative_to(bench.ROOT) for p in (bench.ROOT / "chapters").rglob("*.md")
                                           if "downloads" not in p.parts and not any(s.startswith(".") for s in p.parts))
    cells = 0
    for md in (dest / "chapters").rglob("*.md"):
        lines = md.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if bench.CELL_START.match(line):
                cells += 1
                body = lines[i + 1:lines.index(line[:3], i + 1)]
                code = [b for b in body if not b.startswith(":")]
                if code and code[0].strip() == "---":
                    code = code[code.index("---", 1) + 1:]
                assert code == ["pass"], (md.name, body)
    assert cells > 0
    # the real book is not touched
    assert "pass\n```" not in (bench.ROOT / "chapters" / "who-came-home.md").read_text(encoding="utf-8")[:200]


def test_page_sizes_counts_each_image_once(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"x" * 1000)
    (tmp_path / "img" / "b c.png").write_bytes(b"y" * 300)
    page = ('<html><img src="img/a.png"><img src="img/a.png?v=1"><img src="img/b%20c.png">'
            '<img src="data:image/png;base64,AAAA"><img src="https://example.org/z.png"><img src="img/missing.png">'
            '<img alt="no src"></html>')
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text('<img src="../img/a.png">', encoding="utf-8")
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "skip.html").write_text("x" * 5000, encoding="utf-8")
    rows = bench.page_sizes(tmp_path)
    size = len(page.encode("utf-8"))
    assert rows == [("index.html", size, 1300, size + 1300), ("sub/page.html", 24, 1000, 1024)]


def test_page_sizes_of_an_empty_folder(tmp_path):
    assert bench.page_sizes(tmp_path) == []


def test_machine_describes_the_computer():
    text = bench.machine()
    assert isinstance(text, str) and text.strip()
    assert f"{os.cpu_count()} CPUs" in text and "Python " in text and re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC$", text)


def test_pipeline_seconds_on_the_fixture(tmp_path):
    took, res = bench.pipeline_seconds(write_data(tmp_path / "data"), repeat=2)
    assert took > 0 and len(res.events) == 5


def test_charts_seconds_times_the_charts_and_closes_them(results, monkeypatch):
    drawn = []
    some = lambda r: {name: (drawn.append(name), figures.figure(name, r))[1] for name in ("timeline", "event_sizes")}
    monkeypatch.setattr(export, "figures", some)
    plt.close("all")
    assert bench.charts_seconds(results) > 0
    assert drawn == ["timeline", "event_sizes"] and plt.get_fignums() == []


def test_chapter_seconds_runs_one_chapter(tmp_path, monkeypatch):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "tiny.md").write_text(
        "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n"
        "  display_name: Python 3\n---\n\n# Tiny\n\n```{code-cell} ipython3\n"
        "from pathlib import Path\nPath('ran.txt').write_text('yes')\n```\n", encoding="utf-8")
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    took = bench.chapter_seconds("tiny.md")
    assert took > 0
    assert (tmp_path / "chapters" / "ran.txt").read_text() == "yes"  # run in the chapter's folder


def _fake_bench(monkeypatch, noop: float):
    """bench.main with its builds, chapter, pipeline and charts replaced by fixed timings."""
    cleans = iter([12.0, 10.0])  # the second round's clean build is the faster: it is the one kept

    def fake_build(source, out, *args, env=None):
        html = Path(out) / "_build" / "html"
        html.mkdir(parents=True, exist_ok=True)
        (html / "index.html").write_text("<p>tiny</p>", encoding="utf-8")
        return next(cleans) if "-W" in args else (6.0 if "--all" in args else noop)

    fake = type("Results", (), {"events": [1, 2], "reports": [1, 2, 3]})()
    monkeypatch.setattr(bench, "_build", fake_build)
    monkeypatch.setattr(bench, "floor_copy", lambda dest: dest)
    monkeypatch.setattr(bench, "chapter_seconds", lambda name=bench.CHAPTER: 1.0)
    monkeypatch.setattr(bench, "pipeline_seconds", lambda data=None, repeat=5: (0.01, fake))
    monkeypatch.setattr(bench, "make_synthetic", lambda out, factor=10, data=None: Path(out))
    monkeypatch.setattr(bench, "charts_seconds", lambda results: 0.5)


def test_bench_main_reports_the_targets(monkeypatch, capsys):
    _fake_bench(monkeypatch, noop=0.5)
    assert bench.main() == 0
    out = capsys.readouterr().out
    assert out.startswith("bench: ")
    for target in ("clean <= 2 x floor", "no-op <= 10% of clean", "every page <= 1 MB with all it loads",
                   "pipeline <= 20% of one chapter"):
        line = next(l for l in out.splitlines() if l.startswith(target))
        assert line.endswith("holds"), line
    assert "DOES NOT HOLD" not in out
    assert re.search(r"clean / floor\s+1\.667", out) and re.search(r"clean strict build\s+10\.0 s", out)
    assert re.search(r"rounds \(each build's fastest is kept\)\s+2", out)
    assert "index.html" in out


def test_bench_main_flags_a_slow_noop_rebuild(monkeypatch, capsys):
    _fake_bench(monkeypatch, noop=5.0)
    assert bench.main() == 0
    out = capsys.readouterr().out
    line = next(l for l in out.splitlines() if l.startswith("no-op <= 10% of clean"))
    assert line.endswith("DOES NOT HOLD")
    assert next(l for l in out.splitlines() if l.startswith("clean <= 2 x floor")).endswith("holds")


def test_page_sizes_count_scripts_style_sheets_and_their_fonts(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "a.js").write_bytes(b"j" * 100)
    (tmp_path / "_static" / "s.css").write_text("@font-face{src:url(f.woff)} .x{background:url('data:x')}", encoding="utf-8")
    (tmp_path / "_static" / "f.woff").write_bytes(b"f" * 400)
    page = ('<script src="_static/a.js?d=1"></script><script src="_static/a.js"></script>'
            '<link href="_static/s.css" rel="stylesheet" /><link rel="preload" href="_static/f.woff">')
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    css = (tmp_path / "_static" / "s.css").stat().st_size
    size = len(page.encode("utf-8"))
    assert bench.page_sizes(tmp_path) == [("index.html", size, 100 + css + 400, size + 100 + css + 400)]


def test_the_readme_section_is_replaced_between_its_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{bench.BEGIN}\nstale figures\n{bench.END}\n\nafter\n", encoding="utf-8")
    bench.write_readme(readme, bench.readme_section("here", [("a", "1 s")], [("t", "1 s vs 2 s", "holds")]))
    text = readme.read_text(encoding="utf-8")
    assert "stale figures" not in text and "| a | 1 s |" in text and "| t | 1 s vs 2 s | holds |" in text and text.endswith("after\n")
    plain = tmp_path / "plain.md"
    plain.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ValueError):
        bench.write_readme(plain, "x")


@pytest.mark.parametrize("name,body,dropped", [
    ("_static/sphinx-design.min.css", "<p>text</p>", True), ("_static/sphinx-design.min.css", '<div class="sd-card">', False),
    ("_static/mystnb.123.css", "<p>a cell of output</p>", True), ("_static/mystnb.123.css", '<span class="pasted-text">', False),
    ("_static/pygments.css", "<p>x</p>", True), ("_static/pygments.css", '<div class="highlight-bibtex">', False),
    ("_static/copybutton.js", "<p>x</p>", True), ("_static/togglebutton.js", '<div class="toggle">', False),
    ("_static/sphinx-thebe.css", "anything", True), ("_static/styles/theme.css", "<p>x</p>", False),
])
def test_a_page_loads_only_the_assets_it_uses(name, body, dropped):
    from repatriation_book import sphinx_lean

    assert sphinx_lean.unused(name, body) is dropped


def test_citation_links_lose_their_tooltip_and_nothing_else():
    from repatriation_book.sphinx_lean import without_citation_titles

    html = ('<a class="reference internal" href="references.html#id5" title="Rudaw. A long title.">Rudaw 2019c</a>'
            '<a class="reference internal" href="#fig-x" title="Figure 1">Figure 1</a>')
    assert without_citation_titles(html) == ('<a class="reference internal" href="references.html#id5">Rudaw 2019c</a>'
                                             '<a class="reference internal" href="#fig-x" title="Figure 1">Figure 1</a>')


def test_the_icon_font_subset_is_the_same_bytes_at_every_build(monkeypatch):
    """fontTools stamps a saved font with the time unless told not to: two builds a few seconds apart
    must still give the same icons.css."""
    import time as clock
    from pathlib import Path

    import pydata_sphinx_theme

    from repatriation_book.sphinx_lean import subset_font

    ttf = next(Path(pydata_sphinx_theme.__file__).parent.glob("theme/pydata_sphinx_theme/static/vendor/fontawesome/*/webfonts/fa-solid-900.ttf"))
    font = ttf.read_bytes()
    first = subset_font(font, {0xF019, 0xF002})
    now = clock.time()
    monkeypatch.setattr(clock, "time", lambda: now + 86_400 * 400)  # as if built 400 days later
    assert subset_font(font, {0xF019, 0xF002}) == first
    assert subset_font(font, {0xF019}) != first


def test_icons_are_cut_again_only_when_a_page_was_written(tmp_path):
    import shutil
    from pathlib import Path
    from types import SimpleNamespace

    import pydata_sphinx_theme

    from repatriation_book import sphinx_lean

    vendor = next(Path(pydata_sphinx_theme.__file__).parent.glob("theme/pydata_sphinx_theme/static/vendor/fontawesome/*"))
    out = tmp_path / "html"
    shutil.copytree(vendor, out / "_static" / "vendor" / "fontawesome" / vendor.name)
    page = out / "index.html"
    page.write_text(f'<link href="_static/vendor/fontawesome/{vendor.name}/css/all.min.css" rel="stylesheet" />'
                    '<i class="fa-solid fa-download"></i>', encoding="utf-8")
    app = SimpleNamespace(outdir=str(out), builder=SimpleNamespace(format="html"))
    (out / sphinx_lean.OUT).write_text("left by the last build", encoding="utf-8")
    sphinx_lean._write_icons(app, None)  # nothing written in this build: nothing to do
    assert (out / sphinx_lean.OUT).read_text(encoding="utf-8") == "left by the last build"
    sphinx_lean._drop_unused(app, "index", "page.html", {"body": ""}, None)  # a page is written
    sphinx_lean._write_icons(app, None)
    assert ".fa-download:before" in (out / sphinx_lean.OUT).read_text(encoding="utf-8")
    assert 'href="_static/icons.css"' in page.read_text(encoding="utf-8")


def test_the_print_rule_is_written_again_only_when_the_edition_line_changes(monkeypatch, tmp_path):
    """A rebuild with nothing to do keeps the print rule (and imports no library module for it); another
    build date, or other data, code or CITATION.cff, writes it again."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    app = _FakeApp(srcdir=str(tmp_path))
    app.builder = type("Builder", (), {"format": "html"})()
    app.outdir = str(tmp_path / "out" / "html")
    sphinx_edition._write_print_css(app, None)
    css = tmp_path / "out" / "html" / "_static" / sphinx_edition.PRINT_CSS
    stamps = lambda: sorted(p.name for p in (tmp_path / "out" / ".pipeline").glob("print-css-*"))  # noqa: E731
    assert "built 1970-01-01" in css.read_text(encoding="utf-8") and len(stamps()) == 1
    css.write_text("kept\n", encoding="utf-8")
    fresh = _FakeApp(srcdir=str(tmp_path))  # a new build: no edition line computed yet
    fresh.builder, fresh.outdir = app.builder, app.outdir
    sphinx_edition._write_print_css(fresh, None)
    assert css.read_text(encoding="utf-8") == "kept\n" and not hasattr(fresh, "repatriation_edition")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 365))
    sphinx_edition._write_print_css(fresh, None)
    assert "built 1971-01-01" in css.read_text(encoding="utf-8") and len(stamps()) == 1
