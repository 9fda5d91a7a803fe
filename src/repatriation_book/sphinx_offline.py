"""A Sphinx extension that keeps the built pages clean when opened from file:// with no network.

- Thebe is off in this book, but sphinx-thebe still adds its script, and adds its inline setup twice
  (a console error); both are dropped.
- The theme preloads Font Awesome's webfonts with `crossorigin`, and browsers refuse to load fonts
  for file:// pages (a console error on every page): the preloads are removed after the build (the
  icons come from `sphinx_icons`, with their font embedded).
- MathJax comes from a CDN. Sphinx adds it to a page when any document under it has an equation, which
  for the single-page build (the PDF edition) means whenever any chapter has one; it is dropped from
  every page whose own content has no math.
"""

from __future__ import annotations

import re
from pathlib import Path

PRELOAD_FONT = re.compile(r'\s*<link rel="preload" as="font"[^>]*>')


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
    for html in Path(app.outdir).rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        new = PRELOAD_FONT.sub("", text)
        if new != text:
            html.write_text(new, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("html-page-context", _drop_unused_mathjax, priority=900)
    app.connect("build-finished", _strip_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
