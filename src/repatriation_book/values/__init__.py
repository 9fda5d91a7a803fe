"""One module per chapter, each with one function `values(r)` that returns every value the chapter
glues, under literal keys: `grep` for a key finds the line that computes it, and a test checks that
every key returned is shown in the chapter and every key shown is returned."""
