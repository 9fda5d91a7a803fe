"""The bibliography style of the report: publisher-year labels with a, b suffixes, and titles kept as written."""

from __future__ import annotations

import pytest
from pybtex.database import Entry, Person
from pybtex.plugin import find_plugin
from pybtex.style.formatting.plain import Style as PlainStyle

from repatriation.paths import ROOT
from repatriation_book import sphinx_bib
from repatriation_book.sphinx_bib import PublisherYearLabels, ReportStyle, _letters


class _App:
    def __init__(self):
        self.handlers = []

    def connect(self, event, handler, priority=500):
        self.handlers.append((event, handler, priority))


@pytest.fixture(scope="module", autouse=True)
def registered():
    """The plugins as the book registers them (setup is what Sphinx calls)."""
    assert sphinx_bib.setup(_App()) == {"parallel_read_safe": True, "parallel_write_safe": True}


def _entry(key: str, org: str | None = None, year: str | None = "2019", title: str = "A title",
           author: str | None = None, editor: str | None = None) -> Entry:
    fields = {"title": title, "howpublished": "Online"}
    if org:
        fields["organization"] = org
    if year:
        fields["year"] = year
    persons = {}
    if author:
        persons["author"] = [Person(author)]
    if editor:
        persons["editor"] = [Person(editor)]
    e = Entry("misc", fields=fields, persons=persons)
    e.key = key
    return e


def test_setup_registers_both_plugins():
    assert find_plugin("pybtex.style.labels", "publisher_year") is PublisherYearLabels
    assert find_plugin("pybtex.style.formatting", "report") is ReportStyle
    assert sphinx_bib.setup(_App())["parallel_write_safe"] is True  # a second setup is harmless


@pytest.mark.parametrize("n,letters", [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"),
                                       (53, "ba"), (702, "zz"), (703, "aaa")])
def test_letters(n, letters):
    assert _letters(n) == letters


def test_letters_are_distinct_and_in_order():
    got = [_letters(n) for n in range(1, 200)]
    assert len(set(got)) == len(got)
    assert got == sorted(got, key=lambda s: (len(s), s))


def test_labels_are_publisher_and_year():
    labels = PublisherYearLabels()
    assert labels.format_label(_entry("a", author="{Rudaw}", year="2019")) == "Rudaw 2019"
    assert labels.format_label(_entry("b", author="{Human Rights Watch}", year="2021")) == "Human Rights Watch 2021"
    assert labels.format_label(_entry("c", org="UNICEF", year="2020")) == "UNICEF 2020"  # no author: the organization
    assert labels.format_label(_entry("d", editor="{Example Centre}", year="2018")) == "Example Centre 2018"
    assert labels.format_label(_entry("e", org="Org", year=None)) == "Org n.d."


def test_labels_get_a_b_suffixes_only_where_shared():
    entries = [_entry("r1", author="{Rudaw}", year="2019"), _entry("u", org="UNICEF", year="2019"),
               _entry("r2", author="{Rudaw}", year="2019"), _entry("r3", author="{Rudaw}", year="2020"),
               _entry("r4", author="{Rudaw}", year="2019")]
    assert list(PublisherYearLabels().format_labels(entries)) == [
        "Rudaw 2019a", "UNICEF 2019", "Rudaw 2019b", "Rudaw 2020", "Rudaw 2019c"]


def test_labels_beyond_z():
    entries = [_entry(f"k{i}", org="OCHA", year="2019") for i in range(28)]
    labels = list(PublisherYearLabels().format_labels(entries))
    assert labels[0] == "OCHA 2019a" and labels[25] == "OCHA 2019z" and labels[26:] == ["OCHA 2019aa", "OCHA 2019ab"]
    assert len(set(labels)) == 28


def _render(style, entry) -> tuple[str, str]:
    [formatted] = list(style.format_entries([entry]))
    return formatted.label, formatted.text.render_as("text")


def test_report_style_keeps_a_title_as_written():
    entry = _entry("fra", author="{Ministry of Foreign Affairs of France}", year="2019",
                   title="25 French children return from Syria; UNICEF welcomes it")
    label, text = _render(ReportStyle(), entry)
    assert "25 French children return from Syria; UNICEF welcomes it" in text
    assert label == "Ministry of Foreign Affairs of France 2019"
    # pybtex's plain style would have lower-cased it: what ReportStyle is for
    _, plain = _render(PlainStyle(), entry)
    assert "25 french children" in plain


def test_report_style_labels_by_publisher_year():
    style = ReportStyle()
    entries = [_entry("x1", org="Rudaw", year="2019", title="One"), _entry("x2", org="Rudaw", year="2019", title="Two")]
    assert [f.label for f in style.format_entries(entries)] == ["Rudaw 2019a", "Rudaw 2019b"]


def test_in_text_citations_use_the_full_label_with_its_suffix():
    from sphinxcontrib.bibtex.plugin import find_plugin as find_bibtex_plugin

    style = find_bibtex_plugin("sphinxcontrib.bibtex.style.referencing", "publisher_year")()
    assert isinstance(style.role_style["p"], sphinx_bib.LabelParenthetical)
    assert isinstance(style.role_style["t"], sphinx_bib.LabelTextual)


def test_text_without_latex_takes_the_short_way_and_gives_the_same_text():
    from pybtex.database import parse_file

    from repatriation_book.sphinx_bib import _FROM_LATEX, LATEX_SYNTAX, text_from_latex

    db = parse_file(str(ROOT / "data" / "sources.bib"))
    values = [v for e in db.entries.values() for v in e.fields.values()]
    assert sum(not LATEX_SYNTAX.search(v) for v in values) > len(values) / 2
    for v in values:
        assert text_from_latex(v) == _FROM_LATEX(v), v
    for latex in ("Caf{\\'e}", "a -- b", "50~per cent", "``quoted''"):
        assert LATEX_SYNTAX.search(latex) and text_from_latex(latex) == _FROM_LATEX(latex)
    for braced in ("{ISIS} in {Syria}", "{a {b}} c"):  # braces only: parsed, not decoded
        assert not LATEX_SYNTAX.search(braced) and text_from_latex(braced) == _FROM_LATEX(braced)


class _Env:
    def __init__(self, app):
        self.app = app


class _Domain:
    """Stands in for the bibliography's domain: counts how often the entries are formatted."""

    def __init__(self, app):
        self.env, self.formatted = _Env(app), 0


def test_the_bibliography_is_formatted_again_only_when_a_page_was_read_or_removed():
    from sphinxcontrib.bibtex.domain import BibtexDomain

    app = _App()
    sphinx_bib.setup(app)
    assert BibtexDomain.env_updated.__wrapped__  # the domain's own method, wrapped once
    handlers = {event: handler for event, handler, _ in app.handlers}

    def counting(self):
        self.formatted += 1
        return ["page"]

    updated, domain = sphinx_bib._skip_unchanged(counting), _Domain(app)
    handlers["env-before-read-docs"](app, None, [])  # a rebuild with nothing to read
    assert updated(domain) == [] and domain.formatted == 0
    handlers["env-before-read-docs"](app, None, ["chapters/index"])
    assert updated(domain) == ["page"] and domain.formatted == 1
    app.repatriation_bib_changed = False
    handlers["env-purge-doc"](app, None, "chapters/old")  # a page removed
    assert updated(domain) == ["page"] and domain.formatted == 2
    assert ("env-before-read-docs", sphinx_bib._note_reading, 900) in app.handlers  # after other extensions add pages
