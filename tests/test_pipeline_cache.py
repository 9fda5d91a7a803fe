"""The pipeline's cache: a build (and this test session) computes the results once per data and code, and
reads them back everywhere else; different data or code never read another's results."""

from __future__ import annotations

import pandas as pd

from fixtures import replaced, write_data
from repatriation import pipeline


def test_without_a_cache_run_computes(tmp_path, monkeypatch):
    monkeypatch.delenv(pipeline.CACHE_ENV, raising=False)
    data = write_data(tmp_path / "data")
    r = pipeline.run(data)
    assert len(r.events) and not list(tmp_path.glob("**/results-*.pickle"))


def test_a_second_run_reads_back_what_the_first_computed(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv(pipeline.CACHE_ENV, str(cache))
    data = write_data(tmp_path / "data")
    first = pipeline.run(data)
    stored = list(cache.glob("results-*.pickle"))
    assert [p.name for p in stored] == [f"results-{pipeline.digest(data)}.pickle"]
    assert not list(cache.glob("*.tmp"))  # written whole, then renamed

    def must_not_compute(path=None):
        raise AssertionError("computed again although the cache holds these results")

    monkeypatch.setattr(pipeline, "compute", must_not_compute)
    again = pipeline.run(data)
    pd.testing.assert_frame_equal(again.events, first.events)
    pd.testing.assert_frame_equal(again.reports, first.reports)
    assert again is not first  # a fresh copy: a caller that changes its frames changes no one else's


def test_other_data_are_computed_afresh(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv(pipeline.CACHE_ENV, str(cache))
    one = write_data(tmp_path / "one")
    two = write_data(tmp_path / "two", overrides={
        "repatriations.csv": replaced("repatriations.csv", ",27,more_than", ",28,more_than")})
    assert pipeline.digest(one) != pipeline.digest(two)
    a, b = pipeline.run(one), pipeline.run(two)
    assert len(list(cache.glob("results-*.pickle"))) == 2
    usa = lambda r: int(r.events.loc[r.events["event_id"] == "USA-2020-10", "total"].iloc[0])  # noqa: E731
    assert (usa(a), usa(b)) == (27, 28)


def test_the_digest_follows_the_library_code(tmp_path, monkeypatch):
    data = write_data(tmp_path / "data")
    before = pipeline.digest(data)
    code = tmp_path / "lib"
    code.mkdir()
    (code / "digest.py").write_text("# another version of the library\n", encoding="utf-8")
    from repatriation import digest

    monkeypatch.setattr(digest, "__file__", str(code / "digest.py"))
    assert pipeline.digest(data) != before


def test_processes_of_one_build_compute_once(tmp_path, monkeypatch):
    """Processes that start together with an empty cache (a build's chapters, downloads and profiles)
    compute the results once: the first holds the cache's lock, the others wait for it and read."""
    import multiprocessing

    cache, log = tmp_path / "cache", tmp_path / "computed.log"
    monkeypatch.setenv(pipeline.CACHE_ENV, str(cache))
    data = write_data(tmp_path / "data")
    real = pipeline.compute

    def slow_compute(path=None):
        with log.open("a") as f:
            f.write("computed\n")
        import time

        time.sleep(0.5)  # long enough for the other processes to arrive while it works
        return real(path)

    monkeypatch.setattr(pipeline, "compute", slow_compute)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=pipeline.run, args=(data,)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert log.read_text().splitlines() == ["computed"]
    assert [p.name for p in cache.glob("results-*.pickle")] == [f"results-{pipeline.digest(data)}.pickle"]
