"""A Sphinx extension with the bibliography style of the report.

pybtex's plain style lower-cases every title that is not protected by braces ("25 french
children"); source titles are kept exactly as published here. Entries are labelled by publisher and
year, like the author-year citations in the text ("Rudaw 2019b"), instead of by number.
"""

from __future__ import annotations

from collections import Counter

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, sentence


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


class ReportStyle(PlainStyle):
    """pybtex's plain style, with titles kept as written and publisher-year labels."""

    default_label_style = "publisher_year"

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title


def setup(app):
    register_plugin("pybtex.style.labels", "publisher_year", PublisherYearLabels)
    register_plugin("pybtex.style.formatting", "report", ReportStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
