"""The build's data work, done once beside the build: chapters' values prepared in reading order and read
back by the kernels, a chapter that cannot be prepared computed by its own kernel (so its error is its
own), and downloads staged, moved in only after a successful build, and kept by a no-op rebuild."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from IPython.display import Image, Markdown

from repatriation_book import glue, prepare, sphinx_pipeline
from repatriation_book.glue import CELL, values_module

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def glued(monkeypatch):
    calls = []
    monkeypatch.setattr("myst_nb.glue", lambda key, value, display=True: calls.append((key, value)))
    monkeypatch.setattr(glue, "show", lambda ready: None)
    return calls


def test_a_chapter_names_its_values_module_in_its_cell():
    assert values_module('x\nglue_chapter("who_came_home")  # comment\n') == "who_came_home"
    assert values_module("glue_chapter('children')") == "children"
    assert values_module("glue_all(values(pipeline.run()))") is None
    assert not CELL.search('glue_chapter("../etc")')


def test_chapters_are_prepared_in_the_order_sphinx_reads_them(tmp_path):
    (tmp_path / "chapters").mkdir()
    for doc, module in (("b", "second"), ("a", "first"), ("c", None)):
        cell = f'glue_chapter("{module}")' if module else "no code here"
        (tmp_path / "chapters" / f"{doc}.md").write_text(cell, encoding="utf-8")
    assert prepare.chapter_values(tmp_path, ["chapters/c", "chapters/b", "chapters/a", "chapters/gone"]) == ["first", "second"]


def test_prepare_keeps_each_chapter_ready_to_glue_and_marks_a_failure(tmp_path, monkeypatch):
    def compute(name):
        if name == "broken":
            raise KeyError("a column the chapter needs")
        return {"n": 3, "md": Markdown("**x**")}

    monkeypatch.setattr(glue, "compute", compute)
    failed = prepare.prepare(tmp_path / "ready", ["fine", "broken"])
    assert failed == 1
    with (tmp_path / "ready" / "fine.pickle").open("rb") as f:
        ready = pickle.load(f)
    assert ready["n"] == 3 and ready["md"].data == "**x**"
    assert "a column the chapter needs" in (tmp_path / "ready" / "broken.failed").read_text(encoding="utf-8")
    assert not (tmp_path / "ready" / "broken.pickle").exists()
    assert (tmp_path / "ready" / "pid").read_text(encoding="utf-8") == str(os.getpid())


def test_prepared_values_are_read_back(tmp_path, monkeypatch):
    (tmp_path / "pid").write_text(str(os.getpid()))
    (tmp_path / "x.pickle").write_bytes(pickle.dumps({"k": 1}))
    monkeypatch.setenv(glue.PREPARED_ENV, str(tmp_path))
    assert glue.prepared("x") == {"k": 1}


def test_without_a_build_nothing_is_prepared(monkeypatch):
    monkeypatch.delenv(glue.PREPARED_ENV, raising=False)
    assert glue.prepared("x") is None


def test_a_failed_chapter_or_a_stopped_process_is_computed_by_the_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv(glue.PREPARED_ENV, str(tmp_path))
    (tmp_path / "pid").write_text(str(os.getpid()))
    (tmp_path / "x.failed").write_text("Traceback")
    assert glue.prepared("x") is None
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / "pid").write_text(gone.stdout.strip())  # a process that has ended
    started = time.monotonic()
    assert glue.prepared("y") is None
    assert time.monotonic() - started < 5


def test_a_chapter_waits_for_the_preparing_process(tmp_path, monkeypatch):
    monkeypatch.setenv(glue.PREPARED_ENV, str(tmp_path))
    writer = subprocess.Popen([sys.executable, "-c", (
        "import pickle, time, sys; from pathlib import Path; time.sleep(0.5); "
        f"p = Path({str(tmp_path)!r}); (p / '.z.tmp').write_bytes(pickle.dumps({{'k': 2}})); "
        "(p / '.z.tmp').replace(p / 'z.pickle')")])
    (tmp_path / "pid").write_text(str(writer.pid))
    assert glue.prepared("z") == {"k": 2}
    writer.wait()


def test_glue_chapter_glues_what_was_prepared(tmp_path, monkeypatch, glued):
    monkeypatch.setenv(glue.PREPARED_ENV, str(tmp_path))
    (tmp_path / "pid").write_text(str(os.getpid()))
    png = Image(data=b"\x89PNG\r\n\x1a\n", format="png")
    (tmp_path / "some_chapter.pickle").write_bytes(pickle.dumps({"n": 5, "fig_a": png}))
    monkeypatch.setattr(glue, "compute", lambda name: pytest.fail("computed although prepared"))
    glue.glue_chapter("some_chapter")
    assert [k for k, _ in glued] == ["n", "fig_a"] and glued[1][1].data == png.data


def test_glue_chapter_computes_what_was_not_prepared(monkeypatch, glued):
    monkeypatch.delenv(glue.PREPARED_ENV, raising=False)
    monkeypatch.setattr(glue, "compute", lambda name: {"n": 7, "name": name})
    glue.glue_chapter("methods")
    assert glued == [("n", 7), ("name", "methods")]


@pytest.mark.parametrize("name", ["", "../x", "Methods", "a-b", "x y"])
def test_glue_chapter_refuses_what_is_not_a_module_name(name, glued):
    with pytest.raises(ValueError):
        glue.glue_chapter(name)


def test_a_real_chapter_prepared_is_what_its_kernel_would_compute(tmp_path):
    prepare.prepare(tmp_path, ["methods"])
    with (tmp_path / "methods.pickle").open("rb") as f:
        ready = pickle.load(f)
    fresh = glue.glueable(glue.compute("methods"))
    assert list(ready) == list(fresh)
    assert [getattr(v, "data", v) for v in ready.values()] == [getattr(v, "data", v) for v in fresh.values()]


# ----------------------------------------------------------------------------------- Sphinx hooks

class Builder:
    format = "html"


def app_for(tmp_path) -> object:
    srcdir = tmp_path / "src"
    (srcdir / "chapters").mkdir(parents=True, exist_ok=True)
    return type("App", (), {"outdir": str(tmp_path / "_build" / "html"), "srcdir": str(srcdir), "builder": Builder()})()


def test_a_no_op_rebuild_starts_nothing_and_keeps_the_downloads(tmp_path, monkeypatch):
    app = app_for(tmp_path)
    monkeypatch.setattr(sphinx_pipeline, "figure_files", lambda srcdir: [])
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: started.append(a) or pytest.fail("started"))
    sphinx_pipeline.chapters_folder(app.outdir).mkdir(parents=True)
    app.repatriation_prepare = None
    staging = sphinx_pipeline.staging_folder(app.outdir)
    staging.mkdir(parents=True)
    (staging / "manifest.json").write_text("[]")
    sphinx_pipeline.move_downloads(app, sphinx_pipeline.downloads_key(app.srcdir))
    assert (Path(app.outdir) / "downloads" / "manifest.json").exists() and not staging.exists()
    assert sphinx_pipeline.downloads_current(app)
    sphinx_pipeline._prepare(app, None, [])  # nothing to read, downloads current: no process
    assert started == [] and app.repatriation_prepare is None
    (Path(app.outdir) / "downloads" / "manifest.json").unlink()
    assert not sphinx_pipeline.downloads_current(app)  # gone: written again by the next build


def test_a_build_moves_in_new_downloads_in_place_of_the_old(tmp_path, monkeypatch):
    app = app_for(tmp_path)
    monkeypatch.setattr(sphinx_pipeline, "figure_files", lambda srcdir: [])
    out = Path(app.outdir) / "downloads"
    out.mkdir(parents=True)
    (out / "old.csv").write_text("old")
    staging = sphinx_pipeline.staging_folder(app.outdir)
    staging.mkdir(parents=True)
    (staging / "manifest.json").write_text("[]")
    sphinx_pipeline.move_downloads(app, "k1")
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json"]
    assert [p.name for p in sphinx_pipeline.cache_folder(app.outdir).glob("downloads-*")] == ["downloads-k1"]


def test_a_failed_build_stops_the_process_and_moves_nothing(tmp_path):
    app = app_for(tmp_path)
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    app.repatriation_prepare = ([process], "k")
    sphinx_pipeline._finish(app, RuntimeError("a chapter failed"))
    assert process.poll() is not None and app.repatriation_prepare is None
    assert not (Path(app.outdir) / "downloads").exists()


def test_a_failed_preparation_fails_the_build_with_its_error(tmp_path):
    from sphinx.errors import ExtensionError

    app = app_for(tmp_path)
    process = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit('the workbook could not be written')"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    app.repatriation_prepare = ([process], "k")
    with pytest.raises(ExtensionError, match="the workbook could not be written"):
        sphinx_pipeline._finish(app, None)


def test_the_floor_build_prepares_nothing(tmp_path, monkeypatch):
    app = app_for(tmp_path)
    monkeypatch.setenv(sphinx_pipeline.FLOOR_ENV, "1")
    sphinx_pipeline._start(app)
    sphinx_pipeline._prepare(app, None, ["chapters/index"])
    assert getattr(app, "repatriation_prepare", None) is None


def test_the_downloads_are_made_again_when_a_chapter_or_the_toc_changes(tmp_path):
    app = app_for(tmp_path)
    src = Path(app.srcdir)
    (src / "_toc.yml").write_text("root: index\n")
    (src / "chapters" / "a.md").write_text("# A\n")
    key = sphinx_pipeline.downloads_key(src)
    assert sphinx_pipeline.downloads_key(src) == key
    (src / "chapters" / "a.md").write_text("# A\n\nA figure more, and the numbers after it move.\n")
    changed = sphinx_pipeline.downloads_key(src)
    assert changed != key
    (src / "_toc.yml").write_text("root: index\nchapters: [a]\n")
    assert sphinx_pipeline.downloads_key(src) not in (key, changed)


# --------------------------------------------------------------------------- the build's processes
def test_a_process_that_ended_does_not_run_though_not_yet_collected(tmp_path):
    """A child that has ended stays a zombie until its parent collects it (the build does so at its end):
    it is not running, or the profiles would wait for it to the end of the build."""
    from repatriation_book import background

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        deadline = time.monotonic() + 20
        while background.running(ended.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not background.running(ended.pid)  # ended, and not yet collected: no poll() before this line
        assert Path(f"/proc/{ended.pid}").exists()  # still there, as a zombie
        assert background.running(sleeper.pid)
        (tmp_path / "pid").write_text(str(sleeper.pid))
        assert background.preparing(tmp_path)
        (tmp_path / "pid").write_text(str(ended.pid))
        assert not background.preparing(tmp_path)
        (tmp_path / "pid").write_text("not a number")
        assert not background.preparing(tmp_path)
    finally:
        sleeper.kill()
        sleeper.wait()
        ended.wait()


def test_the_profiles_wait_for_the_chapters_process_and_no_longer(tmp_path):
    from repatriation_book import background

    started = time.monotonic()
    background.wait_for_chapters(None)
    background.wait_for_chapters(tmp_path)  # no chapters' process in this build
    assert time.monotonic() - started < 1
    chapters = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1)"])
    (tmp_path / "pid").write_text(str(chapters.pid))
    started = time.monotonic()
    background.wait_for_chapters(tmp_path)
    assert 0.5 < time.monotonic() - started < 10  # until it ended, though nobody has collected it yet
    assert chapters.poll() is not None
    slow = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    (tmp_path / "pid").write_text(str(slow.pid))
    started = time.monotonic()
    background.wait_for_chapters(tmp_path, limit=0.3)
    assert time.monotonic() - started < 5  # and never beyond its limit
    slow.kill()
    slow.wait()
