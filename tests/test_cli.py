"""The command line: `validate` and `export`, run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures import ROOT, replaced, write_data

TABLES = ("events.csv", "movements.csv", "reports.csv", "states.csv", "stated_totals.csv", "stated_vs_counted.csv",
          "detained.csv", "contingents.csv", "contingent_share.csv", "sources.csv")


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "repatriation", *args], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg", **(env or {})})


def test_validate_on_the_real_data_exits_0_and_says_valid():
    env = {k: v for k, v in os.environ.items() if k != "REPATRIATION_DATA"}
    done = subprocess.run([sys.executable, "-m", "repatriation", "validate"], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("valid")
    assert done.stderr.strip() == "" or "problem" not in done.stderr


def test_validate_on_the_fixture_counts_its_rows(tmp_path):
    done = cli("--data", str(write_data(tmp_path / "data")), "validate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("valid: 6 reports of 5 events, 3 stated totals")
    assert "7 sources" in done.stdout


def test_validate_on_bad_data_exits_1_naming_file_and_line(tmp_path):
    bad = replaced("detained.csv", ",60000,65000,", ",66000,65000,")
    done = cli("--data", str(write_data(tmp_path / "data", {"detained.csv": bad})), "validate")
    assert done.returncode == 1
    assert "detained.csv:3:" in done.stderr
    assert "low is above high" in done.stderr
    assert "valid" not in done.stdout


def test_export_into_the_data_folder_exits_1_and_changes_nothing(tmp_path):
    folder = write_data(tmp_path / "data")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    done = cli("--data", str(folder), "export", str(folder))
    assert done.returncode == 1
    assert "export refused" in done.stderr and "data folder" in done.stderr and "Traceback" not in done.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_data_file_that_is_a_pipe_exits_1_at_once(tmp_path):
    folder = write_data(tmp_path / "data", {"detained.csv": None})
    os.mkfifo(folder / "detained.csv")
    done = cli("--data", str(folder), "validate")  # cli() times out rather than hang for ever
    assert done.returncode == 1
    assert "detained.csv: is a pipe, not a regular file" in done.stderr and "Traceback" not in done.stderr


def test_unknown_command_is_a_usage_error():
    done = cli("frobnicate")
    assert done.returncode == 2
    assert "usage" in done.stderr


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    out = root / "out"
    done = cli("--data", str(write_data(root / "data")), "export", "--no-images", str(out))
    return done, out


@pytest.fixture(scope="module")
def exported_with_images(tmp_path_factory):
    root = tmp_path_factory.mktemp("export-images")
    out = root / "out"
    done = cli("--data", str(write_data(root / "data")), "export", str(out))
    return done, out


def test_export_exits_0(exported):
    done, out = exported
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("wrote ")


def test_export_writes_the_tables(exported):
    _, out = exported
    for name in TABLES:
        assert (out / name).is_file(), name
        rows = 1 if name == "movements.csv" else 2  # the fixture has no movement but repatriations
        assert (out / name).read_text(encoding="utf-8-sig").count("\n") >= rows, name  # a header (and rows)
    events = (out / "events.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(events) == 1 + 5
    reports = (out / "reports.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(reports) == 1 + 6
    assert "\r" not in (out / "events.csv").read_text(encoding="utf-8")


def test_export_writes_the_data_dictionary(exported):
    _, out = exported
    text = (out / "data_dictionary.md").read_text(encoding="utf-8")
    for name in ("repatriations", "stated_totals", "detained", "contingents"):
        assert f"### data/{name}.csv" in text
    for name in TABLES:
        assert f"### {name}" in text and f"`{name}`" in text
    assert "| event_id | string |" in text  # the source tables, from datapackage.json
    assert "| event_id | code |" in text  # the downloaded tables


def test_export_without_images_writes_each_chart_s_data_and_no_image(exported):
    _, out = exported
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert any(p.startswith("figures/") and p.endswith(".csv") for p in manifest)
    assert not any(p.endswith((".png", ".svg")) for p in manifest)


@pytest.mark.slow
def test_export_manifest_lists_every_file_and_a_png_and_svg_per_chart(exported_with_images):
    done, out = exported_with_images
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == sorted(manifest)
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.name != "manifest.json")
    assert manifest == on_disk
    assert done.stdout.startswith(f"wrote {len(manifest) + 1} files")
    for name in (*TABLES, "data_dictionary.md"):
        assert name in manifest
    charts = {Path(p).stem for p in manifest if p.startswith("figures/")}
    assert len(charts) >= 8
    for stem in charts:
        png, svg = out / "figures" / f"{stem}.png", out / "figures" / f"{stem}.svg"
        assert {f"figures/{stem}.{ext}" for ext in ("csv", "png", "svg")} <= set(manifest)
        assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n"), stem
        assert svg.read_bytes().lstrip().startswith(b"<?xml"), stem
        assert b"<dc:date>" not in svg.read_bytes()
    assert {"timeline", "country_totals", "al_hol"} <= charts
