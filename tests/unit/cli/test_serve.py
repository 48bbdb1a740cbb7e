"""``awstui serve``: the command each browser session runs, the exposure warning, the port, and
what is handed to textual-serve (a stand-in Server: nothing listens here; tests/browser does)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from awstui.cli import build_parser, main
from awstui.cli.serve import app_command, exposure_warning, is_loopback, port_number, public_url


def parse(*argv: str):
    return build_parser().parse_args(list(argv))


def test_the_command_runs_this_python_on_the_same_data_dir_and_content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = parse("--data-dir", "d", "--content", "c1", "--content", str(tmp_path / "c2"), "serve")
    words = shlex.split(app_command(args))
    assert words == [
        sys.executable,
        "-m",
        "awstui",
        f"--data-dir={tmp_path / 'd'}",
        f"--content={tmp_path / 'c1'}",
        f"--content={tmp_path / 'c2'}",
    ]


def test_without_data_dir_the_command_names_the_resolved_one(data_dir):
    assert shlex.split(app_command(parse("serve")))[3:] == [f"--data-dir={data_dir}"]


@pytest.mark.parametrize("name", ["da ta", "it's", "$(touch pwned)", "a;b|c&d", "-x", 'q"uo`te`\\'])
def test_every_word_reaches_the_app_as_it_was_through_a_real_shell(tmp_path, name):
    # textual-serve runs the command with the shell: a script that prints each word stands in for Python
    echo = tmp_path / "echo args"
    echo.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n', encoding="utf-8")
    echo.chmod(0o755)
    args = parse("--data-dir", str(tmp_path / name), "--content", str(tmp_path / name / "c"), "serve")
    command = app_command(args, python=str(echo))
    out = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.splitlines() == [
        "-m",
        "awstui",
        f"--data-dir={tmp_path / name}",
        f"--content={tmp_path / name / 'c'}",
    ]
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST.", "app.localhost"])
def test_loopback_hosts_get_no_warning(host):
    assert is_loopback(host)
    assert exposure_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "myhost", ""])
def test_any_other_host_is_warned_about(host):
    assert not is_loopback(host)
    warning = exposure_warning(host)
    assert warning is not None
    assert f"listening on {host}" in warning
    assert "anyone who can reach this address gets your awstui data" in warning


@pytest.mark.parametrize(("text", "port"), [("1", 1), ("8000", 8000), ("65535", 65535)])
def test_ports_from_1_to_65535(text, port):
    assert port_number(text) == port


@pytest.mark.parametrize("text", ["0", "65536", "-1", "80.5", "http", "", "0x50"])
def test_anything_else_is_refused_by_the_parser(text, capsys):
    with pytest.raises(SystemExit) as exit_:
        parse("serve", "--port", text)
    assert exit_.value.code == 2
    assert "is not a port: give a whole number from 1 to 65535" in capsys.readouterr().err


def test_defaults_are_localhost_8000():
    args = parse("serve")
    assert (args.host, args.port, args.public_url) == ("127.0.0.1", 8000, None)


def test_public_url_brackets_ipv6():
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 9000) == "http://[::1]:9000"
    assert public_url("[::1]", 9000) == "http://[::1]:9000"


class FakeServer:
    """Records what serve() hands to textual-serve's Server instead of listening."""

    made: list[FakeServer] = []
    error: OSError | None = None

    def __init__(self, command: str, host: str, port: int, title: str, public_url: str) -> None:
        self.command, self.host, self.port, self.title, self.public_url = command, host, port, title, public_url
        self.served = False
        FakeServer.made.append(self)

    def serve(self) -> None:
        if FakeServer.error:
            raise FakeServer.error
        self.served = True


@pytest.fixture
def fake_server(monkeypatch):
    import textual_serve.server

    FakeServer.made, FakeServer.error = [], None
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return FakeServer


def test_serve_hands_the_command_host_and_port_to_textual_serve(fake_server, data_dir, capsys):
    assert main(["serve", "--port", "8123"]) == 0
    (server,) = fake_server.made
    assert server.served
    assert (server.host, server.port, server.title) == ("127.0.0.1", 8123, "awstui")
    assert server.public_url == "http://127.0.0.1:8123"
    assert shlex.split(server.command)[3] == f"--data-dir={data_dir}"
    assert (data_dir / "state.db").is_file()  # the store was opened once before serving
    assert capsys.readouterr().err == ""


def test_serving_on_all_addresses_warns_on_stderr(fake_server, capsys):
    assert main(["serve", "--host", "0.0.0.0", "--public-url", "http://box.lan:8000"]) == 0
    (server,) = fake_server.made
    assert (server.host, server.public_url) == ("0.0.0.0", "http://box.lan:8000")
    err = capsys.readouterr().err
    assert "warning: listening on 0.0.0.0" in err
    assert "anyone who can reach this address gets your awstui data" in err


def test_a_port_in_use_is_one_line_and_exit_1(fake_server, capsys):
    fake_server.error = OSError(98, "Address already in use")
    assert main(["serve", "--port", "8124"]) == 1
    assert capsys.readouterr().err == "awstui: error: cannot listen on 127.0.0.1:8124: Address already in use\n"


def test_a_store_that_cannot_open_stops_it_before_serving(fake_server, data_dir, capsys):
    import sqlite3

    data_dir.mkdir()
    con = sqlite3.connect(data_dir / "state.db")
    con.execute("PRAGMA user_version = 999")
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('app', 'awstui')")
    con.commit()
    con.close()
    assert main(["serve"]) == 1
    assert fake_server.made == []
    assert capsys.readouterr().err.startswith("awstui: error: ")


def test_help_names_the_risk(capsys):
    with pytest.raises(SystemExit):
        parse("serve", "--help")
    assert "anyone who can reach the address gets your data" in " ".join(capsys.readouterr().out.split())


def test_paths_are_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    words = shlex.split(app_command(parse("--data-dir", "rel", "serve")))
    assert Path(words[3].removeprefix("--data-dir=")).is_absolute()
