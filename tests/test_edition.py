"""The edition: title, version, licence and the "data to" date (the latest date in the record), and the
book tooling that shows it: each figure's files and citation, the What changed page's values and each
chapter's cited sources."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from repatriation import citing, edition
from repatriation.pipeline import run


def fake(**tables):
    empty = {"repatriations": pd.DataFrame({"date": [], "date_end": []}), "stated_totals": pd.DataFrame({"as_of": []}),
             "detained": pd.DataFrame({"as_of": []}), "contingents": pd.DataFrame({"as_of": []})}
    empty.update({k: pd.DataFrame(v) for k, v in tables.items()})
    return SimpleNamespace(data=SimpleNamespace(table=lambda name: empty[name]))


def test_data_to_is_the_latest_row_date_of_any_table():
    r = fake(repatriations={"date": ["2025-12-30", "2024"], "date_end": ["", "2026-01-02"]},
             detained={"as_of": ["2025-12"]}, contingents={"as_of": ["2019"]})
    assert edition.data_to(r) == "2026-01-02"  # a multi-day operation's last day counts
    r = fake(repatriations={"date": ["2026-03-12"], "date_end": [""]}, detained={"as_of": ["2026-03"]})
    assert edition.data_to(r) == "2026-03"  # the month may stand for its last day, later than the 12th
    r = fake(repatriations={"date": ["2026-03-31"], "date_end": [""]}, detained={"as_of": ["2026-03"]})
    assert edition.data_to(r) == "2026-03-31"  # same last day: the full date, which is more precise
    with pytest.raises(ValueError):
        edition.data_to(fake())


def test_the_edition_of_the_real_data():
    r = run()
    ed = edition.edition(r)
    cff = citing.load()
    assert ed.version == str(cff["version"]) and ed.title == cff["preferred-citation"]["title"]
    assert ed.data_to >= "2026" and ed.licence == "CC BY 4.0"
    assert ed.line == f"{ed.title} · edition {ed.version} · data to {ed.data_to} · CC BY 4.0"
    assert ed.citation == citing.report_text()
    latest = max(pd.concat([r.data.table("detained")["as_of"], r.data.table("repatriations")["date"]]))
    assert ed.data_to >= latest[:7]


# ---------------------------------------------------------------- the book's figures and their files


def test_every_book_figure_has_its_chart_numbered_files_and_citation():
    from repatriation.figures import RECIPES
    from repatriation_book import citation, figure_files

    book = figure_files.book_figures()
    numbered = citation.figures()
    assert [f.number for f in book] == [f.number for f in numbered] == list(range(1, len(book) + 1))
    assert all(f.recipe in RECIPES for f in book)
    assert len({f.stem for f in book}) == len(book)
    for f in book:
        assert f.stem == f"fig{f.number:02d}-{f.recipe.replace('_', '-')}"
        assert f.citation == citing.figure_text(f.number, f.title) and f"Figure {f.number}: " in f.citation
    assert figure_files.by_label("fig-al-hol").recipe == "al_hol"
    with pytest.raises(KeyError):
        figure_files.by_label("fig-nothing")


def test_the_line_under_a_figure_links_its_three_files_and_cites_it():
    from repatriation_book import figure_files

    f = figure_files.by_label("fig-country-totals")
    line = figure_files.downloads_line("fig-country-totals").data
    for ext in ("csv", "png", "svg"):
        assert f'href="../downloads/figures/{f.stem}.{ext}" download' in line
    assert f"<strong>Figure {f.number}</strong>" in line and "Licensed CC BY 4.0" in line


def test_glued_charts_are_read_from_the_values_module(tmp_path):
    from repatriation_book import figure_files

    (tmp_path / "m.py").write_text('def values(r):\n    return {"fig_a": figures.figure("timeline", r), "n": 1,\n'
                                   '            "fig_b": other(r)}\n', encoding="utf-8")
    assert figure_files.glued_charts("m", tmp_path) == {"fig_a": "timeline"}
    assert figure_files.slug("composition_by_year") == "composition-by-year"


def test_the_build_names_every_chart_once(tmp_path):
    from repatriation.figures import RECIPES
    from repatriation_book.sphinx_pipeline import figure_files as build_files
    from repatriation.paths import ROOT

    made = build_files(ROOT)
    assert sorted(f.recipe for f in made) == sorted(RECIPES)
    assert all(f.stem.startswith("fig") for f in made if f.number)


# ---------------------------------------------------------------- each chapter's cited sources


def test_cited_keys_are_the_page_s_in_first_cited_order():
    from repatriation_book import sphinx_cited

    target = lambda key: SimpleNamespace(key=key)
    domain = SimpleNamespace(citation_refs=[
        SimpleNamespace(docname="chapters/a", targets=[target("b2020"), target("a2019")]),
        SimpleNamespace(docname="chapters/b", targets=[target("c2021")]),
        SimpleNamespace(docname="chapters/a", targets=[target("a2019"), target("d2022")])])
    assert sphinx_cited.cited_keys(domain, "chapters/a") == ["b2020", "a2019", "d2022"]
    assert sphinx_cited.cited_keys(domain, "chapters/c") == []


def _fake_app(builder="html"):
    cit = lambda key, label, url: SimpleNamespace(
        key=key, citation_id=f"id-{key}", bibliography_key=SimpleNamespace(docname="chapters/references"),
        formatted_entry=SimpleNamespace(label=label),
        entry=SimpleNamespace(fields={"title": "{Syria} camp", "organization": "Org", "date": "2020-01", "url": url},
                              persons={}))
    domain = SimpleNamespace(
        citations=[cit("zz2020", "Zeta 2020", "https://x.org/%D8%A7"), cit("aa2019", "Alpha 2019", "")],
        citation_refs=[SimpleNamespace(docname="chapters/a", targets=[SimpleNamespace(key="zz2020"), SimpleNamespace(key="aa2019")])])
    return SimpleNamespace(env=SimpleNamespace(get_domain=lambda name: domain),
                           builder=SimpleNamespace(name=builder, format="html",
                                                   get_relative_uri=lambda a, b: "references.html"))


def test_the_sources_list_names_label_key_title_publisher_date_and_address():
    from repatriation_book import sphinx_cited

    box = sphinx_cited.sources_list(_fake_app(), "chapters/a", ["zz2020", "aa2019", "missing"])
    text = box.astext()
    assert text.startswith(sphinx_cited.TITLE)
    assert text.index("Alpha 2019") < text.index("Zeta 2020")  # by label, as the reference list
    assert "Zeta 2020 [zz2020]: Syria camp. Org, 2020-01. https://x.org/ا" in text
    refs = [n["refuri"] for n in box.findall(lambda n: n.tagname == "reference")]
    assert refs == ["references.html#id-aa2019", "references.html#id-zz2020", "https://x.org/%D8%A7"]
    single = sphinx_cited.sources_list(_fake_app("singlehtml"), "index", ["aa2019"])
    assert [n["refuri"] for n in single.findall(lambda n: n.tagname == "reference")] == ["#id-aa2019"]


def test_each_page_gets_its_list_at_the_end_of_its_section():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from repatriation_book import sphinx_cited

    doc = new_document("a", get_default_settings(Parser))
    section = nodes.section("", nodes.title("", "A"), nodes.paragraph("", "text"))
    doc += section
    sphinx_cited._resolved(_fake_app(), doc, "chapters/a")
    assert section.children[-1]["classes"] == ["chapter-sources"]
    other = new_document("b", get_default_settings(Parser))
    other += nodes.section("", nodes.title("", "B"))
    sphinx_cited._resolved(_fake_app(), other, "chapters/b")  # cites nothing: no list
    assert not list(other.findall(nodes.container))
