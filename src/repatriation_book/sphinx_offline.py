"""A Sphinx extension that keeps the built pages clean when opened from file:// with no network.

- Thebe is off in this book, but sphinx-thebe still adds its script, and adds its inline setup twice
  (a console error); both are dropped.
- The theme preloads Font Awesome's webfonts with `crossorigin`, and browsers refuse to load fonts
  for file:// pages (a console error on every page). Font Awesome's JavaScript draws the icons of the
  page as inline SVG; only the theme's CSS icons (admonition titles) need the solid webfont, which is
  embedded as a data URI. The preloads and every other `@font-face` rule are removed after the build.
- MathJax comes from a CDN. Sphinx adds it to a page when any document under it has an equation, which
  for the single-page build (the PDF edition) means whenever any chapter has one; it is dropped from
  every page whose own content has no math.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

PRELOAD_FONT = re.compile(r'\s*<link rel="preload" as="font"[^>]*>')
FONT_FACE = re.compile(r"@font-face\{[^}]*\}")
SOLID = "Font Awesome\\ 6 Free;font-style:normal;font-weight:900"


def _drop_thebe(app, pagename, templatename, context, doctree):
    files = context.get("script_files")
    if files is not None:
        context["script_files"] = [f for f in files if "sphinx-thebe" not in str(f)
                                   and "THEBE_JS_URL" not in str(getattr(f, "attributes", {}).get("body", ""))]


def _drop_unused_mathjax(app, pagename, templatename, context, doctree):
    from docutils import nodes

    files = context.get("script_files")
    if files is None or (doctree is not None and (doctree.next_node(nodes.math) or doctree.next_node(nodes.math_block))):
        return
    mathjax = str(getattr(app.config, "mathjax_path", "") or "mathjax")
    context["script_files"] = [f for f in files if mathjax not in str(f) and "mathjax" not in str(f).lower()
                               and "MathJax" not in str(getattr(f, "attributes", {}).get("body", ""))]


def _strip_fonts(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for html in out.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        new = PRELOAD_FONT.sub("", text)
        if new != text:
            html.write_text(new, encoding="utf-8")
    for css in out.glob("_static/vendor/fontawesome/*/css/*.css"):
        text = css.read_text(encoding="utf-8")
        woff2 = css.parent.parent / "webfonts" / "fa-solid-900.woff2"

        def keep_solid(m: re.Match) -> str:
            if SOLID not in m.group(0) or not woff2.exists():
                return ""
            data = base64.b64encode(woff2.read_bytes()).decode("ascii")
            return ("@font-face{font-display:block;font-family:Font Awesome\\ 6 Free;font-style:normal;"
                    f"font-weight:900;src:url(data:font/woff2;base64,{data}) format(\"woff2\")}}")

        css.write_text(FONT_FACE.sub(keep_solid, text), encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _drop_unused_mathjax, priority=900)
    app.connect("build-finished", _strip_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
