"""How to cite the report, one of its figures and its dataset, read from CITATION.cff.

CITATION.cff is the one place the citation is written down (the plain texts are made by
`repatriation.citing`, the BibTeX entries here); the book's "How to cite" page glues these texts, so the page and the file cannot disagree. Figure numbers follow the book: Sphinx
numbers figures through the whole book in the order of `_toc.yml` (the chapters are not numbered).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from IPython.display import Markdown

from repatriation.citing import CFF, dataset_text, figure_text, load, report, report_text  # noqa: F401 (re-exported)
from repatriation.citing import authors as _authors, licence as _licence, year as _year
from repatriation.paths import ROOT

FIGURE = re.compile(r"^(`{3,}|:{3,})\{(?P<directive>glue:figure|figure)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^\1\s*$", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
ROLE = re.compile(r"\{(?:glue:md|glue:text|glue|cite:p|cite:t|cite|numref|ref|doc)\}`[^`]*`")


@dataclass(frozen=True)
class BookFigure:
    """A numbered figure of the book: its number, the page it is on, its label, its caption's first sentence
    and, for a glued figure, its glue key."""

    number: int
    page: str
    name: str
    title: str
    key: str = ""


def _bib_authors(entry: dict) -> str:
    out = []
    for a in entry["authors"]:
        if "name" in a:
            out.append("{" + a["name"] + "}")  # an organisation: one name, never split into first and last
        else:
            out.append(f"{a.get('family-names', '')}, {a.get('given-names', '')}".strip(", "))
    return " and ".join(out)


def _bibtex(kind: str, key: str, fields: dict) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name:<12} = {{{value}}}," for name, value in fields.items() if value]
    return "\n".join(lines) + "\n}"


def _key(entry: dict, suffix: str = "") -> str:
    word = re.sub(r"[^a-z]", "", entry["title"].split(":")[0].split()[0].lower())
    return f"repatriationrecord{_year(entry)}{word}{suffix}"


def report_bibtex(cff: dict | None = None) -> str:
    """The report's citation as a BibTeX entry (`@techreport`)."""
    e = report(cff)
    return _bibtex("techreport", _key(e), {
        "author": _bib_authors(e), "title": "{" + e["title"] + "}", "institution": e["authors"][0].get("name", ""),
        "type": "Report", "year": _year(e), "month": str(e.get("month", "")),
        "note": f"Version {e['version']}, released {e['date-released']}. Licensed {_licence(e)}",
        "url": e.get("url", ""),
    })


def figure_bibtex(number: int | str, title: str, cff: dict | None = None) -> str:
    """The citation of one figure, given its number and title, as a BibTeX entry (`@misc`)."""
    e = report(cff)
    return _bibtex("misc", _key(e, f"fig{number}"), {
        "author": _bib_authors(e), "title": "{Figure " + str(number) + ": " + title.rstrip(".") + "}",
        "howpublished": "In: " + e["title"] + ", version " + str(e["version"]), "year": _year(e),
        "note": f"Licensed {_licence(e)}", "url": e.get("url", ""),
    })


def dataset_bibtex(cff: dict | None = None) -> str:
    """The dataset's citation as a BibTeX entry (`@misc`)."""
    cff = cff or load()
    return _bibtex("misc", f"repatriationrecord{_year(cff)}data", {
        "author": _bib_authors(cff), "title": "{" + cff["title"] + "}", "howpublished": "Data set",
        "year": _year(cff),
        "note": f"Version {cff['version']}, released {cff['date-released']}. Licensed {_licence(cff)}",
        "url": cff.get("url", ""),
    })


def code_block(text: str, language: str = "text") -> Markdown:
    """`text` as a fenced code block, to glue with `{glue:md}` and `:format: myst`."""
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return Markdown(f"{fence}{language}\n{text}\n{fence}")


def toc_files(root: str | Path | None = None) -> list[Path]:
    """The book's source files in reading order (root first), as `_toc.yml` lists them."""
    root = Path(root or ROOT)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(items):
        for item in items or []:
            if "file" in item:
                files.append(item["file"])
            walk(item.get("sections"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return [root / (f if Path(f).suffix else f + ".md") for f in files]


def chapter_title(path: str | Path) -> str:
    """The first level-1 heading of a chapter file."""
    m = HEADING.search(Path(path).read_text(encoding="utf-8"))
    if not m:
        raise ValueError(f"{path}: no level-1 heading")
    return m.group(1)


def _caption_title(body: str) -> str:
    lines = body.splitlines()
    while lines and (lines[0].startswith(":") or not lines[0].strip()):
        lines.pop(0)
    caption = ROLE.sub("", " ".join(line.strip() for line in lines if line.strip()))
    first = re.split(r"(?<=[.!?])\s", caption, maxsplit=1)[0]
    return re.sub(r"\s+", " ", first).strip().rstrip(".")


def figures(root: str | Path | None = None) -> list[BookFigure]:
    """Every `{glue:figure}` or `{figure}` with a caption, numbered as the book numbers them."""
    out = []
    for path in toc_files(root):
        text = path.read_text(encoding="utf-8")
        for m in FIGURE.finditer(text):
            body = m.group("body")
            name = re.search(r"^:name:\s*(\S+)", body, re.MULTILINE)
            title = _caption_title(body)
            if title:  # Sphinx numbers only figures with a caption
                key = m.group("arg").strip() if m.group("directive") == "glue:figure" else ""
                out.append(BookFigure(len(out) + 1, path.stem, name.group(1) if name else "", title, key))
    return out
