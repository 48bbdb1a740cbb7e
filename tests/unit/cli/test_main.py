"""The command line: --version, check, and a non-editable install finding the bundled content."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from awstui import get_version
from awstui.cli import main

ROOT = Path(__file__).resolve().parents[3]


def test_version_comes_from_metadata(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"awstui {get_version()}"
    assert get_version() != "0+unknown"


def test_check_bundled_content(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    for label, n in (("services", 55), ("categories", 10), ("note bullets", 129), ("open questions", 19)):
        assert any(line.split() == [*label.split(), str(n)] for line in out.splitlines()), (label, out)
    assert "no problems found" in out


def test_check_prints_the_banks_figures(tmp_path, capsys):
    exam = tmp_path / "exam"
    exam.mkdir()
    (tmp_path / "services").mkdir()
    (tmp_path / "categories.toml").write_text('[[category]]\nid = "compute"\nname = "Compute"\n')
    (tmp_path / "services" / "lambda.md").write_text(
        '+++\nid = "lambda"\nname = "AWS Lambda"\ncategory = "compute"\n'
        'docs = ["https://docs.aws.amazon.com/lambda/"]\n+++\n- a note\n'
    )
    (exam / "e.toml").write_text(
        '[[question]]\nid = "q1"\ndomain = 1\ntasks = ["1.2"]\nservices = ["lambda"]\nstem = "Which?"\n'
        'options = ["a", "bbbb", "c", "d"]\nanswer = ["b"]\n\n'
        '[[question]]\nid = "q2"\ndomain = 2\nservices = ["lambda"]\nstem = "Which? (Choose two.)"\n'
        'options = ["a", "b", "c", "d", "e"]\nanswer = ["a", "b"]\n'
    )
    assert main(["check", str(tmp_path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "exam bank: 1 single answer, 1 multiple response (50 %; 0 choose three)" in out
    assert "1.2 Develop code for AWS Lambda 1" in out and "4.3 Optimize applications by using AWS services" in out
    assert "no task statement 1" in out
    assert "lambda (AWS Lambda) 2" in out
    assert (
        "right option strictly the longest in 1 of 1 single-answer questions (100 %), strictly the shortest in 0" in out
    )
    assert "in 0 of 1 multiple-response ones (0 %)" in out
    assert "possible repeats (same scenario, same answer): 0" in out


def test_check_reports_problems_and_exits_1(tmp_path, capsys):
    (tmp_path / "questions.toml").write_text('[[question]]\nid = "x"\n')
    assert main(["check", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'questions.toml'}:1:1: question[0]: missing key 'services'" in err
    assert "Traceback" not in err


def test_check_includes_the_learners_content_dir(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "content").mkdir(parents=True)
    (data / "content" / "questions.toml").write_text('[[question]]\nid = "mine"\nservices = ["vpc"]\ntext = "t"\n')
    assert main(["--data-dir", str(data), "check"]) == 0
    out = capsys.readouterr().out
    assert any(line.split() == ["open", "questions", "20"] for line in out.splitlines())


def test_non_editable_wheel_ships_the_content(tmp_path):
    """Build the wheel, install it away from the source tree, and run `awstui check` from it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("awstui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "awstui/_content/services/lambda.md" in names and "awstui/_content/questions.toml" in names
    assert not any(n.startswith("awstui/bundled/") for n in names)
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = "import sys, awstui.cli; print(awstui.__file__); sys.exit(awstui.cli.main(['check']))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith(str(site))
    assert str(site / "awstui" / "_content") in out.stdout
    shipped = sorted(p.name for p in (site / "awstui" / "_content" / "services").glob("*.md"))
    assert shipped == sorted(p.name for p in (ROOT / "content" / "services").glob("*.md"))


def test_a_checkout_finds_the_content_at_its_root():
    """Editable installs and runs from the checkout (no awstui/_content) read content/ beside src/."""
    from awstui.paths import bundled_content_dir

    assert bundled_content_dir() == ROOT / "content"
    assert not (ROOT / "src" / "awstui" / "bundled").exists()
