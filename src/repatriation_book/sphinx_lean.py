"""A Sphinx extension that keeps every page light (the goal: a page with everything it loads under 1 MB).

Icons from a few kilobytes instead of 1.8 MB.
The theme loads Font Awesome whole on every page: a 1.5 MB script that redraws icons as inline SVG and a
300 kB style sheet for about two thousand icons, where the book shows a dozen. After an HTML build this
writes `_static/icons.css`: Font Awesome's base rules, the rules of the icons the pages actually use, and
its solid font cut down to those icons and to the characters the theme's own style sheets draw
(admonition titles, arrows), embedded as a data URI. Every page then links that file instead, and the
script is dropped. The icons look the same; pages work from file:// with no font request.

Citation links carry no tooltip: sphinxcontrib-bibtex repeats the whole reference as the `title` of
every in-text citation, which in the appendix's table of every event alone weighs some 200 kB; the
label links to the entry instead.

Components a page does not use are left out of it: sphinx-design's style sheet and tab script (60 kB)
where the body has no sphinx-design element; myst-nb's style sheet (43 kB) where it has no notebook
cell or glued output; the code highlighting and copy-button files where it has no code block; the
toggle-button files where nothing toggles; sphinx-thebe's style sheet everywhere (Thebe is off).
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

USED_CLASS = re.compile(r'class="([^"]*\bfa-[^"]*)"')
RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
ICON_RULE = re.compile(r'^content:"\\([0-9a-f]{4})"$')
FA_LINK = re.compile(r'<link href="([^"]*?)vendor/fontawesome/[^"]*/css/all\.min\.css[^"]*" rel="stylesheet" />')
FA_SCRIPT = re.compile(r'\s*<(?:script|link)[^>]*vendor/fontawesome/[^>]*all\.min\.js[^>]*>(?:</script>)?')
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
OUT = "_static/icons.css"


def used_classes(pages: list[str]) -> set[str]:
    """The `fa-*` class names used in the pages' markup."""
    found = set()
    for html in pages:
        for classes in USED_CLASS.findall(html):
            found |= {c for c in classes.split() if c.startswith("fa-")}
    return found


def trim_css(css: str, used: set[str]) -> tuple[str, set[int]]:
    """Font Awesome's style sheet without its @font-face rules and without the rules of unused icons;
    returns the trimmed sheet and the code points of the icons kept."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    kept, points = [], set()
    pos = 0
    for m in RULE.finditer(css):
        if css[pos:m.start()].strip():  # @keyframes and @media wrappers stay as they are
            kept.append(css[pos:m.start()])
        pos = m.end()
        selector, body = m.group(1), m.group(2)
        icon = ICON_RULE.match(body)
        if icon is None:
            kept.append(m.group(0))
            continue
        names = {s.strip().removeprefix(".").removesuffix(":before") for s in selector.split(",")}
        if names & used:
            kept.append(m.group(0))
            points.add(int(icon.group(1), 16))
    kept.append(css[pos:])
    return "".join(kept), points


def subset_font(font: bytes, points: set[int]) -> bytes:
    """The font cut down to `points`, as WOFF (zlib: no extra package needed), with the font's own
    timestamp kept (fontTools would stamp the time of the build: the same icons give the same bytes)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    face = TTFont(io.BytesIO(font), recalcTimestamp=False)
    sub = subset.Subsetter(subset.Options(flavor="woff", layout_features=[], name_IDs=["*"], notdef_outline=True))
    sub.populate(unicodes=sorted(points))
    sub.subset(face)
    face.flavor = "woff"
    out = io.BytesIO()
    face.save(out)
    return out.getvalue()


CITATION_TITLE = re.compile(r'(<a class="reference internal" href="[^"]*references\.html#[^"]*") title="[^"]*"')


def without_citation_titles(html: str) -> str:
    """The page without the `title` tooltip of its citation links (links into the reference list)."""
    return CITATION_TITLE.sub(r"\1", html)


def _write_icons(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    if not getattr(app, "repatriation_pages_written", 0) and (out / OUT).exists():
        return  # no page written (a no-op rebuild): the pages and their icons are as the last build left them
    sheets = sorted(out.glob("_static/vendor/fontawesome/*/css/all.min.css"))
    if not sheets:
        return
    fa = sheets[0].parent.parent
    pages = {p: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    css, points = trim_css(sheets[0].read_text(encoding="utf-8"), used_classes(list(pages.values())))
    for theme_css in (out / "_static").rglob("*.css"):
        if "fontawesome" not in theme_css.parts:
            points |= {ord(c) for c in PRIVATE_USE.findall(theme_css.read_text(encoding="utf-8", errors="replace"))}
    font = subset_font((fa / "webfonts" / "fa-solid-900.ttf").read_bytes(), points)
    face = ("@font-face{font-display:block;font-family:\"Font Awesome 6 Free\";font-style:normal;font-weight:900;"
            f"src:url(data:font/woff;base64,{base64.b64encode(font).decode('ascii')}) format(\"woff\")}}")
    (out / OUT).write_text(face + css, encoding="utf-8")
    for path, html in pages.items():
        new = without_citation_titles(FA_SCRIPT.sub("", html))
        new = FA_LINK.sub(lambda m: f'<link href="{m.group(1)}icons.css" rel="stylesheet" />', new)
        if new != html:
            path.write_text(new, encoding="utf-8")


UNLESS = [  # (a part of the file's name, the markup that shows the page needs it)
    ("sphinx-design", "sd-"), ("design-tabs", "sd-"),
    ("mystnb.", 'class="cell'), ("mystnb.", "pasted-"), ("mystnb.", 'class="output'),
    ("pygments", "highlight"), ("copybutton", "highlight"), ("clipboard", "highlight"),
    ("togglebutton", "toggle"),
    ("sphinx-thebe", "\0never\0"),
]


def unused(name: str, body: str) -> bool:
    """Whether a page whose body is `body` can do without the static file `name` (see UNLESS)."""
    rules = [marker for part, marker in UNLESS if part in name]
    return bool(rules) and not any(marker in body for marker in rules)


def _drop_unused(app, pagename, templatename, context, doctree):
    app.repatriation_pages_written = getattr(app, "repatriation_pages_written", 0) + 1
    body = context.get("body", "")
    for key in ("css_files", "script_files"):
        if context.get(key) is not None:
            context[key] = [f for f in context[key] if not unused(str(f), body)]


def setup(app):
    app.connect("html-page-context", _drop_unused, priority=900)
    app.connect("build-finished", _write_icons, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
