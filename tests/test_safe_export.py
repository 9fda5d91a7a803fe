"""Exports that cannot damage anything: written whole or not at all, never into the data folder or over
anything but a previous export, and with no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from fixtures import replaced, snapshot, write_data
from repatriation import cli, export, safe_write, spreadsheet, typed
from repatriation.pipeline import run

R, D = "repatriations.csv", "detained.csv"
# Text cells that a spreadsheet would run, in columns that reach the exported CSVs.
FORMULAS = {
    R: replaced(R, "IRQ,2021-05-26,2021-05-28,syria,al-Hol,,repatriation,,,,30,30,40,,,100,about,,",
                "IRQ,2021-05-26,2021-05-28,syria,@SUM(A1),,repatriation,,,,30,30,40,,,100,about,-2+3,"),
    D: replaced(D, ",ngosrc,a range", ',ngosrc,"=HYPERLINK(""http://example.org"",""x"")"'),
}



def previous_export(out: Path, files: dict[str, bytes]) -> None:
    """Lay out `out` as a previous export of `files` (with its manifest.json)."""
    for rel, data in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    (out / "manifest.json").write_text(json.dumps(sorted(files)), encoding="utf-8")


# =========================================================================== spreadsheet
@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+33 1 23 45", "'+33 1 23 45"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("a=b", "a=b"), ("", ""), ("'=already", "'=already"),
    (-5, -5), (-2.5, -2.5), (None, None),
])
def test_neutralise(value, expected):
    assert spreadsheet.neutralise(value) == expected


def test_neutralise_keeps_nan_as_nan():
    assert math.isnan(spreadsheet.neutralise(math.nan))


def test_neutralised_touches_text_cells_only():
    df = pd.DataFrame({"n": [-1, 2], "x": [-0.5, math.nan], "t": ["=a", "b"], "ints": pd.array([-3, None], dtype="Int64"),
                       "mixed": pd.Series([1, None], dtype=object)})
    out = spreadsheet.neutralised(df)
    assert list(out["t"]) == ["'=a", "b"]
    for column in ("n", "x", "ints", "mixed"):
        pd.testing.assert_series_equal(out[column], df[column])
    assert list(df["t"]) == ["=a", "b"]  # a copy is changed, not the input


def test_csv_bytes_is_the_plain_csv_when_no_cell_runs_as_a_formula():
    df = pd.DataFrame({"a": ["x", None, "y-z"], "n": [-1, 0, 3], "f": [1.5, math.nan, -2.0],
                       "d": pd.to_datetime(["2019-01-01", "2020-02-02", None])})
    assert spreadsheet.csv_bytes(df) == df.to_csv(index=False, lineterminator="\n").encode("utf-8")


@pytest.fixture(scope="module")
def formula_export(tmp_path_factory):
    root = tmp_path_factory.mktemp("formulas")
    r = run(write_data(root / "data", FORMULAS))
    files = export.export(r, root / "out", figure_files=[])  # text cells only: no chart needed
    return r, root / "out", files


def _cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_exported_csvs_neutralise_formula_cells_and_nothing_else(formula_export, monkeypatch):
    r, out, _ = formula_export
    neutralised = set()
    for name, df in export.tables(r).items():
        with monkeypatch.context() as m:  # the same CSV, written without neutralising anything
            m.setattr(typed, "neutralised", lambda frame: frame.copy())
            text = typed.csv_bytes(df).decode("utf-8-sig")
        plain = list(csv.reader(io.StringIO(text, newline="")))
        written = _cells(out / name)
        assert len(written) == len(plain), name
        for row_plain, row_written in zip(plain, written):
            for a, b in zip(row_plain, row_written):
                if a != b:
                    assert b == "'" + a and a[:1] in "=+-@", (name, a, b)
                    neutralised.add(a)
    assert {"@SUM(A1)", "-2+3", '=HYPERLINK("http://example.org","x")'} <= neutralised


def test_the_workbook_neutralises_formula_cells_and_keeps_numbers(formula_export):
    from openpyxl import load_workbook

    _, out, _ = formula_export
    wb = load_workbook(out / export.WORKBOOK)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"'@SUM(A1)", "'-2+3", "'=HYPERLINK(\"http://example.org\",\"x\")"} <= texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_no_exported_text_cell_starts_a_formula(formula_export):
    _, out, files = formula_export
    for path in files:
        if path.suffix == ".csv":
            for row in _cells(path)[1:]:
                for cell in row:
                    # a number may start with '-' (none here is negative, but it would stay a number)
                    assert not cell.startswith(("=", "+", "@")), (path.name, cell)
                    assert not cell.startswith("-") or cell.lstrip("-").replace(".", "", 1).isdigit(), (path.name, cell)


# =========================================================================== where an export may go
@pytest.fixture
def data(tmp_path):
    return write_data(tmp_path / "data")


def _refused(tmp_path, capsys, data, out) -> str:
    before = snapshot(tmp_path)
    assert cli.main(["--data", str(data), "export", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    assert snapshot(tmp_path) == before, "something was written"
    return captured.err


def test_export_into_the_data_folder_is_refused(tmp_path, capsys, data):
    assert "export refused" in _refused(tmp_path, capsys, data, data)
    assert "is the data folder or inside it" in _refused(tmp_path, capsys, data, data / "exports")


def test_export_into_a_folder_holding_the_data_folder_is_refused(tmp_path, capsys, data):
    assert "holds the data folder" in _refused(tmp_path, capsys, data, tmp_path)


def test_export_into_the_repositorys_data_folder_is_refused(tmp_path, capsys, data):
    with pytest.raises(safe_write.ExportRefused):
        safe_write.check_destination(safe_write.ROOT / "data", data=data)


def test_export_over_a_folder_that_is_not_an_export_is_refused(tmp_path, capsys, data):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "table.csv").write_text("hand-curated\n", encoding="utf-8")
    assert "holds no manifest.json" in _refused(tmp_path, capsys, data, tmp_path / "notes")


def test_export_over_a_previous_export_with_a_file_of_its_own_is_refused(tmp_path, capsys, data):
    previous_export(tmp_path / "out", {"events.csv": b"x\n"})
    (tmp_path / "out" / "mine.txt").write_text("my notes\n", encoding="utf-8")
    assert "holds mine.txt, which the previous export did not write" in _refused(tmp_path, capsys, data, tmp_path / "out")


@pytest.mark.parametrize("manifest", [b"not json", b'{"a": 1}', b"[1, 2]"])
def test_export_over_a_folder_with_a_broken_manifest_is_refused(tmp_path, capsys, data, manifest):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "manifest.json").write_bytes(manifest)
    assert "manifest.json" in _refused(tmp_path, capsys, data, tmp_path / "out")


def test_export_onto_a_file_or_a_link_is_refused(tmp_path, capsys, data):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert "is not a folder" in _refused(tmp_path, capsys, data, tmp_path / "file")
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert "is a link" in _refused(tmp_path, capsys, data, tmp_path / "link")


# =========================================================================== written whole or not at all
def test_write_folder_into_a_new_folder(tmp_path):
    written = safe_write.write_folder(tmp_path / "a" / "b" / "out", {"x.csv": b"1\n", "figures/y.svg": b"<svg/>"},
                                      data=tmp_path / "data")
    assert written == [tmp_path / "a" / "b" / "out" / "figures" / "y.svg", tmp_path / "a" / "b" / "out" / "x.csv"]
    assert snapshot(tmp_path / "a") == {"b": stat.S_IFDIR, "b/out": stat.S_IFDIR, "b/out/figures": stat.S_IFDIR,
                                        "b/out/figures/y.svg": b"<svg/>", "b/out/x.csv": b"1\n"}


def test_write_folder_into_an_empty_folder(tmp_path):
    (tmp_path / "out").mkdir()
    safe_write.write_folder(tmp_path / "out", {"x.csv": b"1\n"}, data=tmp_path / "data")
    assert sorted(os.listdir(tmp_path)) == ["out"] and (tmp_path / "out" / "x.csv").read_bytes() == b"1\n"


def test_write_folder_replaces_a_previous_export_whole(tmp_path):
    previous_export(tmp_path / "out", {"x.csv": b"old\n", "figures/stale.png": b"old"})
    safe_write.write_folder(tmp_path / "out", {"x.csv": b"new\n", "manifest.json": b'["x.csv"]\n'}, data=tmp_path / "data")
    assert snapshot(tmp_path) == {"out": stat.S_IFDIR, "out/manifest.json": b'["x.csv"]\n', "out/x.csv": b"new\n"}


@pytest.fixture
def disk_full_on_the_third_file(monkeypatch):
    """Call it to make the disk fill up on the third file written from then on; it returns the files tried."""
    real, calls = Path.write_bytes, []

    def failing(self, content):
        calls.append(self)
        if len(calls) == 3:
            real(self, content[: len(content) // 2])  # half a file, as a full disk leaves it
            raise OSError(28, "No space left on device")
        return real(self, content)

    def start() -> list[Path]:
        monkeypatch.setattr(Path, "write_bytes", failing)
        return calls

    return start


@pytest.mark.parametrize("before", ["absent", "empty", "previous_export"])
def test_a_failed_export_leaves_the_destination_as_it_was(tmp_path, monkeypatch, disk_full_on_the_third_file, before):
    r = run(write_data(tmp_path / "data"))
    monkeypatch.setattr(export, "plain_figure_files", lambda: [])  # the tables are enough to fail on the third file
    out = tmp_path / "exports" / "out"
    if before == "empty":
        out.mkdir(parents=True)
    elif before == "previous_export":
        previous_export(out, {"events.csv": b"old\n", "figures/old.png": b"old"})
    state = snapshot(tmp_path)
    tried = disk_full_on_the_third_file()
    with pytest.raises(OSError):
        export.export(r, out)
    assert len(tried) == 3
    assert snapshot(tmp_path) == state  # no half-written file, no partial folder, no stale one removed


def test_cli_export_that_fails_exits_2_and_leaves_the_destination(tmp_path, monkeypatch, capsys,
                                                                   disk_full_on_the_third_file):
    data = write_data(tmp_path / "data")
    monkeypatch.setattr(export, "plain_figure_files", lambda: [])
    previous_export(tmp_path / "out", {"events.csv": b"old\n"})
    state = snapshot(tmp_path)
    disk_full_on_the_third_file()
    assert cli.main(["--data", str(data), "export", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "as it was" in err and "Traceback" not in err
    assert snapshot(tmp_path) == state


def test_an_export_without_images_writes_every_data_file_and_no_image(tmp_path):
    r = run(write_data(tmp_path / "data"))
    written = {str(p.relative_to(tmp_path / "out")) for p in export.export(r, tmp_path / "out", images=False)}
    assert any(n.startswith("figures/") and n.endswith(".csv") for n in written)
    assert not any(n.endswith((".png", ".svg")) for n in written)
    assert set(export.file_names(r)) - written == {n for n in export.file_names(r) if n.endswith((".png", ".svg"))}
