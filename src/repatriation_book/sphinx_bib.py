"""A Sphinx extension with the bibliography style of the report.

pybtex's plain style lower-cases every title that is not protected by braces ("25 french
children"); source titles are kept exactly as published here. Entries are labelled by publisher and
year ("Rudaw 2019b"), instead of by number, and an in-text citation shows exactly that label: "(Rudaw
2019b)" in parentheses, "Rudaw 2019b" in running text. sphinxcontrib-bibtex's own author-year style
would drop the a/b suffix, so that one in-text citation could stand for two entries of the list.
"""

from __future__ import annotations

import re
from collections import Counter

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from dataclasses import dataclass

from urllib.parse import urlsplit

from pybtex.markup import LaTeXParser
from pybtex.richtext import Text
from pybtex.style.template import field, href, join, node, optional, sentence, tag, words
from sphinxcontrib.bibtex.plugin import register_plugin as register_bibtex_plugin
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle, BasicAuthorYearTextualReferenceStyle)
from sphinxcontrib.bibtex.style.template import entry_label, join2, post_text, pre_text, reference


LATEX_SYNTAX = re.compile(r"[\\~$%&#^_]|--|``|''|!`|\?`")  # what latexcodec would decode (braces aside)
_FROM_LATEX = Text.from_latex


def text_from_latex(latex: str) -> Text:
    """pybtex's `Text.from_latex`, with a short way for the text of most entries, which holds no LaTeX but
    braces: decoding it (latexcodec) gives the same text, slowly, at every build, no-op rebuilds
    included, so only the braces are parsed. Text with other LaTeX syntax (a backslash, ~, dashes,
    quotes) goes the long way."""
    if LATEX_SYNTAX.search(latex):
        return _FROM_LATEX(latex)
    return LaTeXParser(latex).parse()


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: a suffix that tells apart entries with the same label."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


class PublisherYearLabels(BaseLabelStyle):
    """'Publisher Year', with a, b, ... appended where several entries share one."""

    def format_label(self, entry) -> str:
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        name = " ".join(str(p) for p in people).replace("{", "").replace("}", "") or entry.fields.get("organization", "")
        return f"{name} {entry.fields.get('year', 'n.d.')}".strip()

    def format_labels(self, sorted_entries):
        labels = [self.format_label(e) for e in sorted_entries]
        counts, seen = Counter(labels), Counter()
        for label in labels:
            if counts[label] > 1:
                seen[label] += 1
                yield label + _letters(seen[label])
            else:
                yield label


@node
def url_host(children, data):
    """The host of the entry's address ("rudaw.net"): the text of its link in the reference list."""
    assert not children
    return Text(urlsplit(data["entry"].fields.get("url", "")).netloc.removeprefix("www."))


@node
def entry_key(children, data):
    """The entry's key in data/sources.bib, which the data rows cite in their `source` column."""
    assert not children
    return Text(data["entry"].key)


class ReportStyle(PlainStyle):
    """pybtex's plain style, with titles kept as written, publisher-year labels, each address linked
    under its host name (not printed twice in full), and the entry's key, so a data row's `source`
    leads to its entry."""

    default_label_style = "publisher_year"

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_url(self, e):
        return words["Online:", href(field("url", raw=True))[url_host]]

    def format_web_refs(self, e):
        return sentence[optional[self.format_url(e), optional[" (visited on ", field("urldate"), ")"]],
                        join["source key ", tag("code")[entry_key]]]


@dataclass
class LabelParenthetical(BasicAuthorYearParentheticalReferenceStyle):
    """{cite:p}: "(Label, post-text)", the label exactly as in the reference list."""

    def inner(self, role_name: str):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[entry_label], post_text]


@dataclass
class LabelTextual(BasicAuthorYearTextualReferenceStyle):
    """{cite:t}: "Label" in running text, the label exactly as in the reference list."""

    def inner(self, role_name: str):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[entry_label], post_text]


@dataclass
class PublisherYearReferences(AuthorYearReferenceStyle):
    """Author-year referencing in which every citation shows its entry's full label ("Rudaw 2019b")."""

    def __post_init__(self):
        super().__post_init__()
        self.styles[0] = LabelParenthetical(bracket=self.bracket_parenthetical, person=self.person,
                                            author_year_sep=self.author_year_sep, pre_text_sep=self.pre_text_sep,
                                            post_text_sep=self.post_text_sep)
        self.role_style.update((name, style) for style in self.styles[:2] for name in style.role_names())
        self.styles[1] = LabelTextual(bracket=self.bracket_textual, person=self.person,
                                      text_reference_sep=self.text_reference_sep, pre_text_sep=self.pre_text_sep,
                                      post_text_sep=self.post_text_sep)
        self.role_style.update((name, style) for style in self.styles[:2] for name in style.role_names())


def _note_reading(app, env, docnames) -> None:
    app.repatriation_bib_changed = app.repatriation_bib_changed or bool(docnames)


def _note_purge(app, env, docname) -> None:
    app.repatriation_bib_changed = True


def _skip_unchanged(original):
    """`BibtexDomain.env_updated`, run only when a page was read or removed: it formats every entry of the
    bibliography again, and with nothing read the citations kept with the environment are still current."""
    def env_updated(self):
        if not getattr(self.env.app, "repatriation_bib_changed", True):
            return []
        return original(self)
    env_updated.__wrapped__ = original
    return env_updated


def setup(app):
    from sphinxcontrib.bibtex.domain import BibtexDomain

    Text.from_latex = staticmethod(text_from_latex)  # the same entries, about a second sooner
    if not hasattr(BibtexDomain.env_updated, "__wrapped__"):
        BibtexDomain.env_updated = _skip_unchanged(BibtexDomain.env_updated)
    app.repatriation_bib_changed = False
    app.connect("env-before-read-docs", _note_reading, priority=900)  # after any extension adds pages to read
    app.connect("env-purge-doc", _note_purge)
    register_plugin("pybtex.style.labels", "publisher_year", PublisherYearLabels)
    register_plugin("pybtex.style.formatting", "report", ReportStyle)
    register_bibtex_plugin("sphinxcontrib.bibtex.style.referencing", "publisher_year", PublisherYearReferences)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
