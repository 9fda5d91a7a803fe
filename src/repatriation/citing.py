"""How to cite the report, one of its figures and its dataset, as plain text read from CITATION.cff: the
one place the citation is written down. The book's "How to cite" page (`repatriation_book.citation`)
and the downloads (the workbook's README sheet, each figure's citation) use these texts.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .paths import ROOT

CFF = ROOT / "CITATION.cff"
LICENCE_NAMES = {"CC-BY-4.0": "CC BY 4.0", "MIT": "MIT"}


def load(path: str | Path | None = None) -> dict:
    """The parsed CITATION.cff (the repository's, unless `path` is given)."""
    return yaml.safe_load(Path(path or CFF).read_text(encoding="utf-8"))


def authors(entry: dict) -> str:
    """The authors of a CFF entry as one phrase ("A", "A and B", "A, B and C")."""
    names = []
    for a in entry["authors"]:
        if "name" in a:
            names.append(a["name"])
        else:
            names.append(" ".join(p for p in (a.get("given-names"), a.get("name-particle"), a.get("family-names")) if p))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def year(entry: dict) -> str:
    """The year of a CFF entry (its `year`, else the year it was released)."""
    return str(entry.get("year") or str(entry["date-released"])[:4])


def licence(entry: dict) -> str:
    """The short name of the entry's licence (CC BY 4.0)."""
    lic = entry.get("license", "")
    return LICENCE_NAMES.get(lic, lic)


def report(cff: dict | None = None) -> dict:
    """The preferred citation (the report), with the repository's licence where it gives none."""
    cff = cff or load()
    entry = dict(cff["preferred-citation"])
    for field in ("license", "license-url", "version", "date-released"):
        entry.setdefault(field, cff.get(field))
    return entry


def report_text(cff: dict | None = None) -> str:
    """The report's citation as one line of plain text."""
    e = report(cff)
    return (f"{authors(e)} ({year(e)}). {e['title']}. Report, version {e['version']}, "
            f"released {e['date-released']}. Licensed {licence(e)} ({e['license-url']}).")


def figure_text(number: int | str, title: str, cff: dict | None = None) -> str:
    """The citation of one figure, given its number and title, as one line of plain text."""
    e = report(cff)
    return (f"{authors(e)} ({year(e)}). Figure {number}: {title.rstrip('.')}. In: {e['title']}. "
            f"Report, version {e['version']}. Licensed {licence(e)} ({e['license-url']}).")


def dataset_text(cff: dict | None = None) -> str:
    """The dataset's citation (the top level of CITATION.cff) as one line of plain text."""
    cff = cff or load()
    return (f"{authors(cff)} ({year(cff)}). {cff['title']} (version {cff['version']}) [Data set]. "
            f"Licensed {licence(cff)} ({cff['license-url']}).")
