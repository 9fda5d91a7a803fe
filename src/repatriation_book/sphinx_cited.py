"""A Sphinx extension that lists, at the end of each chapter, the sources the chapter cites, so that a
printed chapter can be checked on paper: each with its reference-list label (linked to its entry),
its key, title, publisher, date and address.

The list is made from sphinxcontrib-bibtex's record of the citations of each page (every `{cite}`,
glued citations included), after references are resolved. In the single-page build (the PDF
edition) each chapter gets its own list at its end.
"""

from __future__ import annotations

from urllib.parse import unquote

from docutils import nodes


TITLE = "Sources cited in this chapter"


def cited_keys(domain, docname: str) -> list[str]:
    """The keys cited on the page `docname`, each once, in the order first cited."""
    keys = []
    for ref in domain.citation_refs:
        if ref.docname == docname:
            keys += [t.key for t in ref.targets]
    return list(dict.fromkeys(keys))


def _entry(citation, href: str) -> nodes.list_item:
    from repatriation.bib import plain  # here: the library's table code is needed only when pages are read

    fields = citation.entry.fields
    persons = citation.entry.persons.get("author") or []
    publisher = plain(" ".join(str(p) for p in persons)) or plain(fields.get("organization", ""))
    para = nodes.paragraph()
    para += nodes.reference("", citation.formatted_entry.label, internal=True, refuri=href)
    para += nodes.Text(f" [{citation.key}]: {plain(fields.get('title', ''))}. {publisher}, {plain(fields.get('date', fields.get('year', '')))}. ")
    url = fields.get("url", "")
    if url:
        para += nodes.reference("", unquote(url), refuri=url)  # shown readable, linked as it is
    return nodes.list_item("", para)


def sources_list(app, docname: str, keys: list[str]) -> nodes.container:
    """The list of the sources `keys` as cited from `docname`, each linked to its reference-list entry."""
    domain = app.env.get_domain("cite")
    by_key = {c.key: c for c in domain.citations}
    box = nodes.container(classes=["chapter-sources"])
    box += nodes.rubric("", TITLE)
    items = nodes.bullet_list(classes=["chapter-sources-list"])
    for key in sorted(keys, key=lambda k: by_key[k].formatted_entry.label.lower() if k in by_key else k):
        c = by_key.get(key)
        if c is None:
            continue
        if app.builder.name == "singlehtml":
            href = f"#{c.citation_id}"
        else:
            href = f"{app.builder.get_relative_uri(docname, c.bibliography_key.docname)}#{c.citation_id}"
        items += _entry(c, href)
    box += items
    return box


def _first_section(node):
    return next(iter(node.findall(nodes.section)), None)


def _resolved(app, doctree, docname):
    if app.builder.format != "html":
        return
    domain = app.env.get_domain("cite")
    from sphinx import addnodes

    files = list(doctree.findall(addnodes.start_of_file))
    for name, part in [(n["docname"], n) for n in files]:  # the single-page build: each chapter in its part
        keys = cited_keys(domain, name)
        section = _first_section(part)
        if keys and section is not None:
            section += sources_list(app, docname, keys)
    root, keys = _first_section(doctree), cited_keys(domain, docname)
    if root is None or not keys:
        return
    if files:  # the root page's own list goes before the chapters inlined into it
        node = files[0]
        while node.parent is not None and node.parent is not root:
            node = node.parent
        if node.parent is root:
            root.insert(root.index(node), sources_list(app, docname, keys))
            return
    root += sources_list(app, docname, keys)


def setup(app):
    app.connect("doctree-resolved", _resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
