"""Values of chapters/how-to-cite.md, from CITATION.cff."""

from __future__ import annotations

from .. import citation


def values(r=None) -> dict:
    """Every value the page glues, by key (the data are not needed: `r` is ignored)."""
    cff = citation.load()
    first = citation.figures()[0]
    return {
        "cite_version": str(cff["preferred-citation"]["version"]),
        "cite_released": str(cff["preferred-citation"]["date-released"]),
        "cite_report_text": citation.code_block(citation.report_text(cff)),
        "cite_report_bibtex": citation.code_block(citation.report_bibtex(cff), "bibtex"),
        "cite_figure_number": first.number,
        "cite_figure_title": first.title,
        "cite_figure_text": citation.code_block(citation.figure_text(first.number, first.title, cff)),
        "cite_figure_bibtex": citation.code_block(citation.figure_bibtex(first.number, first.title, cff), "bibtex"),
        "cite_dataset_text": citation.code_block(citation.dataset_text(cff)),
        "cite_dataset_bibtex": citation.code_block(citation.dataset_bibtex(cff), "bibtex"),
    }
