"""awstui completion: shtab's scripts, generated from the real parser."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from awstui.cli import build_parser, main
from awstui.cli.completion import SHELLS


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return list(sub.choices)


def _script(capsys, shell):
    assert main(["completion", shell]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_the_bash_script_completes_every_subcommand_and_option(capsys):
    script = _script(capsys, "bash")
    assert "-F _shtab_awstui awstui" in script.splitlines()[-1]
    commands = _commands()
    assert "export-anki" in commands and "completion" in commands
    line = next(x for x in script.splitlines() if x.startswith("_shtab_awstui_subparsers="))
    assert line.split("=", 1)[1].strip("()").replace("'", "").split() == commands
    options = {}  # subcommand -> the options its completion offers
    for x in script.splitlines():
        if x.startswith("_shtab_awstui") and "option_strings=(" in x:
            name = x[len("_shtab_awstui_") : x.index("option_strings=")].rstrip("_")
            options[name] = set(x.split("=(", 1)[1].rstrip(")").split())
    for command in commands:
        assert {"--data-dir", "--content"} <= options[command.replace("-", "_")], command  # before or after
    assert {"--missed", "--domain", "--service", "--force"} <= options["export_anki"]
    assert {"--json"} <= options["stats"]
    assert {"--version", "--data-dir", "--content"} <= options[""]  # _shtab_awstui_option_strings: awstui itself
    assert "_shtab_compgen_dirs" in script  # --data-dir completes folders


@pytest.mark.parametrize("shell", [s for s in SHELLS if s != "bash"])
def test_the_other_shells_get_a_script_naming_every_subcommand(capsys, shell):
    script = _script(capsys, shell)
    for command in _commands():
        assert command in script, (shell, command)


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash here")
def test_bash_accepts_the_script_and_completes_a_subcommand(capsys, tmp_path):
    path = tmp_path / "awstui.bash"
    path.write_text(_script(capsys, "bash"))
    probe = (
        f"source {path}\n"
        "COMP_WORDS=(awstui export-); COMP_CWORD=1; COMP_LINE='awstui export-'; COMP_POINT=${#COMP_LINE}\n"
        "_shtab_awstui awstui export- awstui\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    out = subprocess.run(["bash", "--norc", "-c", probe], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert sorted(out.stdout.split()) == ["export-anki", "export-state"]


def test_an_unknown_shell_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["completion", "cmd.exe"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
