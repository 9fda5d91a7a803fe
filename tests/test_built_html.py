"""Checks of the built HTML: links and anchors resolve, images have alt text, nothing points outside."""

from __future__ import annotations

import re

from htmlcheck import is_external, pages, read_page, resolve

FONT_URL = re.compile(r"url\(\s*['\"]?(https?:)?//", re.IGNORECASE)


# The PDF edition is printed from the built book by `make pdf` into the book's root, after the HTML
# build: the header of every page links it, and it is the one file a fresh HTML build does not hold.
PDF = "report.pdf"


def test_every_internal_link_and_anchor_resolves(built_book):
    cache = {}
    broken = []
    for page in pages(built_book):
        for tag, attr, url in page.links:
            if is_external(url) or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            target, fragment = resolve(page.path, url)
            if target is None:
                continue
            if target == (built_book / PDF).resolve():
                continue
            if not target.exists():
                broken.append(f"{page.path.relative_to(built_book)}: {tag}[{attr}]={url} -> missing file")
                continue
            if fragment and target.suffix == ".html":
                ids = cache.setdefault(target, read_page(target).ids)
                if fragment not in ids:
                    broken.append(f"{page.path.relative_to(built_book)}: {url} -> no id '{fragment}'")
    assert not broken, "\n".join(broken[:50])


def test_every_image_has_alt_text(built_book):
    missing = [f"{p.path.relative_to(built_book)}: {img.get('src')}" for p in pages(built_book)
               for img in p.images if not (img.get("alt") or "").strip()]
    assert not missing, "\n".join(missing)


def test_nothing_is_loaded_from_outside_the_book(built_book):
    outside = []
    for page in pages(built_book):
        for tag, attr, url in page.links:
            if tag != "a" and is_external(url):
                outside.append(f"{page.path.relative_to(built_book)}: <{tag} {attr}={url}>")
        for css in page.styles:
            if FONT_URL.search(css):
                outside.append(f"{page.path.relative_to(built_book)}: inline style loads a remote url()")
    for css in built_book.rglob("*.css"):
        if FONT_URL.search(css.read_text(encoding="utf-8", errors="replace")):
            outside.append(f"{css.relative_to(built_book)}: url() points outside the book")
    assert not outside, "\n".join(outside[:50])


def test_the_checker_sees_a_broken_link(tmp_path):
    page = tmp_path / "a.html"
    page.write_text('<a href="missing.html#x">x</a><img src="i.png"><script src="https://cdn.example/x.js"></script>')
    p = read_page(page)
    target, fragment = resolve(page, p.links[0][2])
    assert not target.exists() and fragment == "x"
    assert not p.images[0].get("alt")
    assert is_external(p.links[2][2])


CITATION = re.compile(r'<a class="reference internal" href="references\.html#(id\d+)"[^>]*>([^<]+)</a>')
LIST_LABEL = re.compile(r'<div class="citation" id="(id\d+)" role="doc-biblioentry">\s*<span class="label">'
                        r'<span class="fn-bracket">\[</span>(.*?)<span class="fn-bracket">\]</span>', re.S)


def test_every_in_text_citation_shows_exactly_its_reference_list_label(built_book):
    html = (built_book / "chapters" / "references.html").read_text(encoding="utf-8")
    labels = dict(LIST_LABEL.findall(html))
    assert len(labels) > 100 and len(set(labels.values())) == len(labels), "reference-list labels must be unique"
    cited, wrong = 0, []
    for page in sorted((built_book / "chapters").glob("*.html")):
        for anchor, text in CITATION.findall(page.read_text(encoding="utf-8")):
            cited += 1
            if labels.get(anchor) != text.strip():
                wrong.append(f"{page.name}: '{text}' links to {anchor} labelled '{labels.get(anchor)}'")
    assert cited > 30 and not wrong, "\n".join(wrong[:20])



def test_every_page_with_everything_it_loads_stays_under_one_megabyte(built_book):
    import bench

    pages = bench.page_sizes(built_book)
    assert len(pages) > 8
    heavy = [f"{name}: {total / 1e6:.2f} MB" for name, _, _, total in pages if total > bench.PAGE_LIMIT]
    assert not heavy, heavy
