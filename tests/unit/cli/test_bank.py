"""``awstui import-bank``: arguments, the printed report, exit codes, and no traceback ever."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from awstui.cli import bank, build_parser
from awstui.content import parse_exam_text

SIMPLE = "### Which service stores objects?\n- [ ] EBS\n- [x] S3\n- [ ] EFS\n### No answer?\n- [ ] a\n- [ ] b\n"


def parser() -> argparse.ArgumentParser:
    """The real parser: import-bank is registered by ``awstui.cli.bank.register``."""
    p = build_parser()
    sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    assert sub.choices["import-bank"].get_default("handler") is bank.run_import_bank
    return p


def run(argv: list[str]) -> tuple[int, str, str]:
    args = parser().parse_args(argv)
    out, err = io.StringIO(), io.StringIO()
    code = args.handler(
        args,
        Console(file=out, width=80, highlight=False, soft_wrap=True),
        Console(file=err, width=80, highlight=False, soft_wrap=True),
    )
    return code, out.getvalue(), err.getvalue()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_import_prints_the_report_and_exits_0(tmp_path):
    src = write(tmp_path / "bank.md", SIMPLE)
    code, out, err = run(["import-bank", str(src)])
    target = tmp_path / "data" / "content" / "exam" / "imported-bank.toml"  # $AWSTUI_DATA_DIR
    assert code == 0 and err == ""
    assert out.splitlines() == [
        f"Imported 1 question from {src} into {target}",
        "  services: 1 of 1 tagged by the service names in their text (0 untagged)",
        out.splitlines()[2],
        "  explanations: 1 of 1 came without one (the source gave none)",
        "Skipped 1:",
        f"  {src}:5: no option is marked right (- [x])",
    ]
    assert len(parse_exam_text(target.read_text(encoding="utf-8"), str(target))) == 1


def test_skips_are_summarised_by_reason(tmp_path):
    good = "".join(f"### Question {i}\nWhich {i}?\n- [x] yes {i}\n- [ ] no {i}\n\n" for i in range(3))
    unmarked = "".join(f"### Unmarked {i}\nWhich {i}?\n- [ ] a {i}\n- [ ] b {i}\n\n" for i in range(50))
    src = write(tmp_path / "bank.md", good + unmarked + good)
    code, out, _ = run(["import-bank", str(src)])
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Imported 3 questions")
    assert lines[1] == "  services: 0 of 3 tagged by the service names in their text (3 untagged)"
    assert lines[2] == "  domain: none inferred, all 3 stay unclassified (--domain N sets one)"
    assert lines[3] == "  explanations: 3 of 3 came without one (the source gave none)"  # said once
    assert lines[4] == "Skipped 53:"
    reasons = [line for line in lines[5:] if not line.startswith("  ...")]
    assert len(reasons) == 6  # the first 3 lines of each of the two reasons
    assert sum("no option is marked right" in line for line in reasons) == 3
    assert sum("duplicate of the question at line" in line for line in reasons) == 3
    assert "  ... and 47 more like the line above" in lines


def test_global_data_dir_domain_name_and_dry_run(tmp_path):
    src = write(tmp_path / "bank.md", SIMPLE)
    code, out, _ = run(
        [
            "--data-dir",
            str(tmp_path / "elsewhere"),
            "import-bank",
            str(src),
            "--domain",
            "2",
            "--name",
            "DVA set",
            "--dry-run",
        ]
    )
    target = tmp_path / "elsewhere" / "content" / "exam" / "imported-dva-set.toml"
    assert code == 0 and out.startswith(f"Would import 1 question from {src} into {target} (dry run")
    assert "  domain: 2 for all 1 (given with --domain)" in out.splitlines()
    assert not target.exists()
    code, _, _ = run(
        ["--data-dir", str(tmp_path / "elsewhere"), "import-bank", str(src), "--domain", "2", "--name", "DVA set"]
    )
    (q,) = parse_exam_text(target.read_text(encoding="utf-8"), str(target))
    assert code == 0 and q.domain == 2 and q.id.startswith("imp-dva-set-")


def test_duplicates_from_content_dirs(tmp_path):
    extra = tmp_path / "extra"
    write(
        extra / "exam" / "x.toml",
        '[[question]]\nid = "x1"\ndomain = 1\nservices = []\n'
        'stem = "Which service stores objects?"\noptions = ["EBS", "S3", "EFS"]\nanswer = ["b"]\n',
    )
    src = write(tmp_path / "bank.md", SIMPLE)
    code, out, err = run(["--content", str(extra), "import-bank", str(src)])
    assert code == 1
    assert f"  {src}:1: already in {extra / 'exam' / 'x.toml'} (id x1)" in out.splitlines()
    assert err == f"{src}: nothing imported: no question could be used\n"


@pytest.mark.parametrize("value", ["0", "5", "two", ""])
def test_bad_domain_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as exit_:
        parser().parse_args(["import-bank", "x.md", "--domain", value])
    assert exit_.value.code == 2
    assert "must be 1, 2, 3, 4 or unclassified" in capsys.readouterr().err


def test_domain_values():
    assert parser().parse_args(["import-bank", "x.md", "--domain", "4"]).domain == 4
    assert parser().parse_args(["import-bank", "x.md", "--domain", "Unclassified"]).domain == "unclassified"
    assert parser().parse_args(["import-bank", "x.md"]).domain is None  # inferred per question


def test_help_documents_the_exit_codes(capsys):
    with pytest.raises(SystemExit):
        parser().parse_args(["import-bank", "--help"])
    out = capsys.readouterr().out
    assert "exit status:" in out and "0  questions were imported" in out and "1  nothing was imported" in out


def test_failures_are_one_line_naming_the_file(tmp_path):
    code, out, err = run(["import-bank", str(tmp_path / "missing.md")])
    assert code == 1 and out == ""
    assert err == f"{tmp_path / 'missing.md'}: error: cannot read the file: No such file or directory\n"
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"### Which?\n- [x] caf\xe9\n")
    code, _, err = run(["import-bank", str(bad)])
    assert code == 1 and err.startswith(f"{bad}:2: error: not UTF-8 text")


def test_file_names_are_not_markup_nor_escape_codes(tmp_path):
    src = write(tmp_path / "[red]bank[/red] \x1b[31m.md", SIMPLE)
    code, out, _ = run(["import-bank", str(src)])
    assert code == 0
    assert "[red]bank[/red] \\x1b[31m.md" in out and "\x1b" not in out


def test_an_unexpected_error_is_one_line(tmp_path, monkeypatch):
    import awstui.content.importers as importers

    def boom(*_a, **_k):
        raise RuntimeError("boom [bold]x[/bold]\nsecond")

    monkeypatch.setattr(importers, "import_bank", boom)
    code, out, err = run(["import-bank", str(tmp_path / "b.md")])
    assert code == 1 and out == ""
    assert err == f"{tmp_path / 'b.md'}: import-bank failed: RuntimeError: boom [bold]x[/bold]\\x0asecond\n"


def test_a_terminal_that_cannot_encode_the_text_still_gets_the_report(tmp_path):
    src = write(tmp_path / "café.md", SIMPLE)
    args = parser().parse_args(["import-bank", str(src)])
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict", write_through=True)
    code = args.handler(
        args,
        Console(file=stream, highlight=False, soft_wrap=True),
        Console(file=stream, highlight=False, soft_wrap=True),
    )
    assert code == 0
    assert raw.getvalue().decode("ascii").startswith("Imported 1 question from ")
    assert "caf\\xe9.md" in raw.getvalue().decode("ascii")


def test_a_real_process_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe### broken")
    code = "import sys\nfrom awstui.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    proc = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(tmp_path / "d"), "import-bank", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert proc.stderr.strip() == f"{bad}:1: error: not UTF-8 text (byte 0xff): save the file as UTF-8 and try again"


@pytest.mark.parametrize("module", ["awstui.content.importers", "awstui.cli.bank"])
def test_import_bank_never_imports_textual(module):
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print(','.join(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == ""
