"""The book's tooling: Sphinx extensions, glue helpers, tables and citations for the chapters, PDF printing.

It depends on the data library `repatriation`; the library never imports it.
"""
