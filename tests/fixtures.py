"""A small, valid data folder for tests, and ways to change exactly one thing in it.

`write_data(folder)` writes a copy of the real `data/datapackage.json` and small CSVs (from `ROWS`,
in the column order that datapackage.json gives), a bibliography and an allow-list that satisfy
every rule of `repatriation.load`. Pass `overrides={"file name": text | bytes | None}` to replace
one file's text (str) or raw bytes (bytes), or to leave the file out (None). `replaced(name, old,
new)` gives the valid text of one file with one exact, unique substring changed, so that a
bad-input test changes exactly one thing.

What the valid fixture contains on purpose:

* qualifiers `about` (IRQ event, detained, contingents) and `more_than` (USA event, stated total,
  detained);
* a month-precision date (FRA-2019-03, and several `as_of` values);
* an event with two conflicting reports: DEU-2019-08-19, stated by `govdeu` (a government source
  of the receiving state, jurisdiction DEU; total 4, no breakdown) and by `mediadeu` (media;
  0 men, 1 woman, 4 children, total 5);
* a parts-vs-total mismatch (KAZ-2019-01-06: 5 + 11 + 30 = 46 against a total of 47), listed in
  known_discrepancies.yml;
* a detained row with a low-high range (al-Hol, 2020-06, 60,000 to 65,000), and al-Hol figures for
  the Iraqi and third-country groups (for the population-group chart);
* a multi-day operation with `date_end` (IRQ-2021-05-26 to 2021-05-28);
* every report row of kind `repatriation` (the default); `with_movements()` adds movements of other
  kinds: a transfer of 50 people from the north-east's prisons into Iraqi custody (IRQ-2022-06, with a
  nationality breakdown), a stage of it (IRQ-2022-06-10, part_of the transfer), and a return that was
  not carried out (AUS-2022-10).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT / "data"

# The rows of each table as {column: text}; a column the datapackage describes but a row leaves out is
# written empty, so the CSVs follow the column order of the copied datapackage.json.
ROWS: dict[str, list[dict[str, str]]] = {
    "repatriations": [
        dict(event_id="KAZ-2019-01-06", country="KAZ", date="2019-01-06", origin="syria", facility="al-Hol", men="5",
             women="11", children="30", total="47", operation="Zhusan", source="mediakaz",
             note="PARTS != TOTAL: total 47, parts add up to 46"),
        dict(event_id="FRA-2019-03", country="FRA", date="2019-03", origin="syria", children="5", orphans="5",
             total="5", source="govfra", note="month precision only"),
        dict(event_id="DEU-2019-08-19", country="DEU", date="2019-08-19", origin="syria", facility="Roj", total="4",
             source="govdeu", note="government of the receiving state"),
        dict(event_id="DEU-2019-08-19", country="DEU", date="2019-08-19", origin="syria", facility="Roj", men="0",
             women="1", children="4", total="5", source="mediadeu", note="media report with a breakdown"),
        dict(event_id="IRQ-2021-05-26", country="IRQ", date="2021-05-26", date_end="2021-05-28", origin="syria",
             facility="al-Hol", men="30", women="30", children="40", total="100", qualifier="about", source="unsrc"),
        dict(event_id="USA-2020-10", country="USA", date="2020-10", origin="syria", total="27", qualifier="more_than",
             source="ngosrc"),
    ],
    "nationalities": [],
    "stated_totals": [
        dict(country="FRA", since="2019", as_of="2020-01", origin="syria", scope="all", total="10",
             qualifier="more_than", source="govfra"),
        dict(country="DEU", as_of="2021-12-31", origin="syria_iraq", scope="all", children="20", source="govdeu",
             note="children only"),
        dict(country="WLD", as_of="2021-06", origin="all", scope="all", total="1000", qualifier="about", source="unsrc"),
    ],
    "detained": [
        dict(place="al_hol", nationality_group="all", sex_age="all", as_of="2019-04", value="73000", qualifier="about",
             unit="people", source="unsrc"),
        dict(place="al_hol", nationality_group="all", sex_age="all", as_of="2020-06", low="60000", high="65000",
             unit="people", source="ngosrc", note="a range"),
        dict(place="al_hol", nationality_group="all", sex_age="all", as_of="2021-01-15", value="62000", unit="people",
             source="unsrc"),
        dict(place="roj", nationality_group="national", nationality="FRA", sex_age="children", as_of="2021-01",
             value="200", qualifier="more_than", unit="people", source="ngosrc"),
        dict(place="al_hol", nationality_group="iraqi", sex_age="all", as_of="2020-06", value="30000", unit="people",
             source="ngosrc"),
        dict(place="al_hol", nationality_group="third_country", sex_age="all", as_of="2020-06", value="10000",
             unit="people", source="ngosrc"),
    ],
    "contingents": [
        dict(country="FRA", measure="travelled", as_of="2018", value="1900", qualifier="about", source="research"),
        dict(country="DEU", measure="travelled", as_of="2019", low="900", high="1100", source="research"),
        dict(country="KAZ", measure="travelled", as_of="2019", value="800", source="research"),
    ],
}


DEFAULTS = {"repatriations": {"kind": "repatriation"}}
MOVEMENTS: dict[str, list[dict[str, str]]] = {
    "repatriations": [
        dict(event_id="IRQ-2022-06", country="IRQ", date="2022-06", origin="syria", facility="SDF prisons",
             held_in="prison", kind="transfer", held_by="nes", handed_to="iraq", men="50", total="50", source="unsrc",
             note="foreign men moved into Iraqi custody"),
        dict(event_id="IRQ-2022-06-10", country="IRQ", date="2022-06-10", origin="syria", held_in="prison",
             kind="transfer", held_by="nes", handed_to="iraq", part_of="IRQ-2022-06", total="20", source="ngosrc",
             note="the first stage"),
        dict(event_id="AUS-2022-10", country="AUS", date="2022-10", origin="syria", facility="Roj", held_in="camp",
             kind="not_carried_out", held_by="nes", total="16", source="ngosrc", note="announced, turned back"),
    ],
    "nationalities": [
        dict(event_id="IRQ-2022-06", source="unsrc", nationality_group="national", nationality="FRA", value="12"),
        dict(event_id="IRQ-2022-06", source="unsrc", nationality_group="third_country", value="50", qualifier="about"),
    ],
}


def with_movements() -> dict[str, str]:
    """Overrides for `write_data` that add the movements of other kinds (see the module docstring)."""
    package = (REAL_DATA / "datapackage.json").read_text(encoding="utf-8")
    columns = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in json.loads(package)["resources"]}
    return {f"{name}.csv": _csv(columns[name], ROWS[name] + rows, DEFAULTS.get(name)) for name, rows in MOVEMENTS.items()}


def _csv(columns: list[str], rows: list[dict[str, str]], defaults: dict[str, str] | None = None) -> str:
    rows = [{**(defaults or {}), **row} for row in rows]
    unknown = {c for row in rows for c in row} - set(columns)
    if unknown:
        raise AssertionError(f"fixture: columns {sorted(unknown)} are not in datapackage.json")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return buf.getvalue()


def _entry(key: str, title: str, org: str, date: str, sourcetype: str, jurisdiction: str = "",
           month: str = "") -> str:
    lines = [
        f"@misc{{{key},",
        f"  title = {{{title}}},",
        f"  author = {{{{{org}}}}},",
        f"  organization = {{{org}}},",
        f"  date = {{{date}}},",
        f"  year = {{{date[:4]}}},",
    ]
    if month:
        lines.append(f"  month = {{{month}}},")
    lines += [
        f"  url = {{https://example.org/{key}}},",
        "  urldate = {2025-01-15},",
        f"  sourcetype = {{{sourcetype}}},",
        f"  jurisdiction = {{{jurisdiction}}},",
        "  language = {en},",
        "  note = {Test entry}",
        "}",
        "",
    ]
    return "\n".join(lines)


SOURCES_BIB = "".join([
    _entry("mediakaz", "Kazakhstan brings home citizens from {Syria}", "The Example Post", "2019-01-09", "media",
           month="jan"),
    _entry("govfra", "Retour de mineurs", "Ministry of Foreign Affairs of France", "2019-03-15", "government", "FRA"),
    _entry("govdeu", "Rueckholung aus Syrien", "Federal Foreign Office of Germany", "2019-08-20", "government", "DEU"),
    _entry("mediadeu", "Germany repatriates a woman and four children", "Example Wire", "2019-08-21", "media"),
    _entry("unsrc", "Update on north-east Syria", "UN Office for the Coordination of Humanitarian Affairs", "2021-06",
           "un"),
    _entry("ngosrc", "Camp report", "Example Rights Watch", "2021-02-01", "ngo"),
    _entry("research", "Foreign fighters by country", "Example Centre for the Study of Radicalisation", "2019",
           "research"),
])

KNOWN_DISCREPANCIES = """\
# Reports whose men + women + children do not add up to their own total.
- event_id: KAZ-2019-01-06
  source: mediakaz
  why: >-
    The article gives the president's total of 47 and the SDF's 5 men, 11 women and 30 children.
"""

FILES = ("datapackage.json", "repatriations.csv", "nationalities.csv", "stated_totals.csv", "detained.csv", "contingents.csv",
         "sources.bib", "known_discrepancies.yml")


def valid_texts() -> dict[str, str]:
    """The text of every file of the valid fixture, by file name."""
    package = (REAL_DATA / "datapackage.json").read_text(encoding="utf-8")
    columns = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in json.loads(package)["resources"]}
    return {
        "datapackage.json": package,
        **{f"{name}.csv": _csv(columns[name], rows, DEFAULTS.get(name)) for name, rows in ROWS.items()},
        "sources.bib": SOURCES_BIB,
        "known_discrepancies.yml": KNOWN_DISCREPANCIES,
    }


def replaced(name: str, old: str, new: str, count: int = 1) -> str:
    """The valid text of `name` with `old` (which must occur exactly `count` times) replaced by `new`."""
    text = valid_texts()[name]
    found = text.count(old)
    if found != count:
        raise AssertionError(f"fixture: {old!r} occurs {found} times in {name}, expected {count}")
    return text.replace(old, new)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line number of the `nth` line of `text` that contains `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    if len(hits) < nth:
        raise AssertionError(f"fixture: {needle!r} not found {nth} times")
    return hits[nth - 1]


def bib_line(text: str, key: str, field: str | None = None) -> int:
    """The 1-based line of entry `key` in a .bib text, or of its `field = ...` line when `field` is given."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines, 1) if line.startswith("@") and "{" + key + "," in line), None)
    if start is None:
        raise AssertionError(f"fixture: no entry {key!r}")
    if field is None:
        return start
    for i in range(start, len(lines) + 1):
        if i > start and lines[i - 1].startswith("@"):
            break
        if lines[i - 1].strip().startswith(field + " =") or lines[i - 1].strip().startswith(field + "="):
            return i
    raise AssertionError(f"fixture: no field {field!r} in entry {key!r}")


def write_data(folder: Path, overrides: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the valid fixture into `folder` (created if needed), with `overrides` applied; return `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    overrides = overrides or {}
    unknown = set(overrides) - set(FILES)
    if unknown:
        raise AssertionError(f"fixture: unknown file(s) {sorted(unknown)}")
    texts = valid_texts()
    for name in FILES:
        content = overrides.get(name, texts[name])
        target = folder / name
        if content is None:
            if target.exists():
                target.unlink()
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))
    return folder


def snapshot(folder: Path) -> dict[str, object]:
    """Every entry under `folder`: a regular file by its bytes, anything else by its kind (never opened)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        mode = os.lstat(path).st_mode
        found[str(path.relative_to(folder))] = path.read_bytes() if stat.S_ISREG(mode) else stat.S_IFMT(mode)
    return found
