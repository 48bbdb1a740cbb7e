"""The user config file: where it is, what it sets, and that a bad one is one clear message
per problem (file:line) while the app opens with the defaults."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import awstui.cli.config as cli_config
from awstui.cli import main
from awstui.config import Config, check_names, default_config_path, load_config
from awstui.state import open_store

THEMES = {"nord", "textual-dark", "gruvbox"}


def messages(config):
    return [str(p) for p in config.problems]


def write(tmp_path, text, name="config.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------- where


def test_the_default_path_is_in_the_user_config_dir():
    assert default_config_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "awstui" / "config.toml"


@pytest.mark.parametrize(
    "argv", [["config", "path"], ["config", "path", "--config", "X"], ["--config", "X", "config", "path"]]
)
def test_config_path_prints_the_path(capsys, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 0
    out, err = capsys.readouterr()
    expected = "X" if "X" in argv else str(default_config_path())
    assert out == f"{expected}\n"
    assert "does not exist yet" in err


def test_config_path_says_nothing_more_when_the_file_exists(capsys, tmp_path):
    path = write(tmp_path, 'theme = "nord"\n')
    assert main(["config", "path", "--config", str(path)]) == 0
    assert capsys.readouterr() == (f"{path}\n", "")


# ---------------------------------------------------------------------- reading


def test_no_file_is_no_problem():
    assert load_config() == Config(path=default_config_path())


def test_a_good_file_sets_the_theme_and_keys(tmp_path):
    path = write(
        tmp_path, '# mine\ntheme = "nord"\n\n[keys]\n"app.search" = "ctrl+f"\nnext = ["j", "down"]\nprev = "k,up"\n'
    )
    config = load_config(path)
    assert config.problems == ()
    assert config.theme == "nord"
    assert config.keys == {"app.search": "ctrl+f", "next": "j,down", "prev": "k,up"}


def test_a_toml_syntax_error_names_file_and_line_and_leaves_the_defaults(tmp_path):
    path = write(tmp_path, 'theme = "nord"\n\n[keys]\nsearch = ctrl+f\n')
    config = load_config(path)
    assert (config.theme, dict(config.keys)) == (None, {})
    (problem,) = config.problems
    assert str(problem).startswith(f"{path}:4: invalid TOML: ")


def test_a_wrong_type_names_the_setting_and_its_line_and_keeps_the_rest(tmp_path):
    path = write(tmp_path, 'theme = 3\n[keys]\nsearch = "ctrl+f"\nhelp = 5\nquit = []\n')
    config = load_config(path)
    assert messages(config) == [
        f"{path}:1: theme must be a string (a Textual theme name), not a number: ignored",
        f'{path}:4: keys.help must be a key or a list of keys ("ctrl+f", ["j", "down"]), not a number: ignored',
        f'{path}:5: keys.quit must be a key or a list of keys ("ctrl+f", ["j", "down"]), not an array: ignored',
    ]
    assert config.theme is None
    assert config.keys == {"search": "ctrl+f"}


def test_keys_that_are_not_a_table(tmp_path):
    path = write(tmp_path, 'theme = "nord"\nkeys = "ctrl+f"\n')
    config = load_config(path)
    assert messages(config) == [f"{path}:2: keys must be a table ([keys]), not a string: ignored"]
    assert config.theme == "nord"


def test_an_unknown_setting_is_named_with_its_line(tmp_path):
    path = write(tmp_path, 'theme = "nord"\n\ncolour = "red"\n[review]\nretention = 0.9\n')
    config = load_config(path)
    assert messages(config) == [
        f"{path}:3: unknown setting 'colour' (known: theme, keys, review): ignored",
        f"{path}:5: review: unknown setting 'retention' (known: new_per_day, reviews_per_day, desired_retention): "
        "ignored",
    ]
    assert config.theme == "nord"


def test_a_missing_config_given_on_the_command_line_is_a_problem(tmp_path):
    config = load_config(tmp_path / "nope.toml")
    assert messages(config) == [f"{tmp_path / 'nope.toml'}: cannot read file: No such file or directory"]


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "nord"\ntheme2 = "\xff"\n')
    (problem,) = load_config(path).problems
    assert str(problem) == f"{path}:2: not valid UTF-8 text"


# ---------------------------------------------------------------------- names the app knows


def test_an_unknown_theme_or_binding_id_is_a_warning_with_a_suggestion(tmp_path):
    path = write(tmp_path, 'theme = "nordd"\n[keys]\n"app.serch" = "ctrl+f"\n"app.quit" = "ctrl+q"\nzzz = "z"\n')
    config = check_names(load_config(path), THEMES, {"app.search", "app.quit"})
    assert messages(config) == [
        f"{path}:1: theme 'nordd' is not a theme of this app; did you mean 'nord'?: ignored",
        f"{path}:3: keys: unknown binding id 'app.serch'; did you mean 'app.search'?: ignored",
        f"{path}:5: keys: unknown binding id 'zzz' (known: app.quit, app.search): ignored",
    ]
    assert config.theme is None
    assert config.keys == {"app.quit": "ctrl+q"}


def test_binding_ids_are_collected_from_the_apps_classes(monkeypatch):
    from textual.binding import Binding

    from awstui.tui.app import AwsTuiApp

    monkeypatch.setattr(AwsTuiApp, "BINDINGS", [*AwsTuiApp.BINDINGS, Binding("f9", "help", "Help", id="test.help")])
    ids = cli_config.binding_ids()
    assert "test.help" in ids
    assert all(isinstance(i, str) and i for i in ids)


# ---------------------------------------------------------------------- the app opens anyway


@pytest.fixture
def opened(monkeypatch):
    """Run the composition root with the App's run replaced: what the app was given."""
    from awstui.tui.app import AwsTuiApp

    seen = {}

    def run(self, *args, **kwargs):
        seen.update(
            app=self, theme=self.store.get_setting("theme"), keymap=dict(self._keymap), notices=list(self.notices)
        )
        return 0

    monkeypatch.setattr(AwsTuiApp, "run", run)
    return seen


def test_a_bad_config_is_reported_on_stderr_and_in_the_app_which_opens(capsys, tmp_path, opened):
    path = write(tmp_path, 'theme = "nord"\n[keys\n')
    assert main(["--config", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"awstui: config: {path}:2: invalid TOML" in err
    assert any(n.startswith(f"config: {path}:2: invalid TOML") for n in opened["notices"])
    assert opened["theme"] is None and opened["keymap"] == {}


def test_the_config_theme_and_keys_reach_the_app(capsys, tmp_path, data_dir, opened, monkeypatch):
    monkeypatch.setattr(cli_config, "binding_ids", lambda: {"app.search"})
    path = write(tmp_path, 'theme = "gruvbox"\n[keys]\n"app.search" = "ctrl+f"\n"app.nope" = "x"\n')
    assert main(["--config", str(path)]) == 0
    assert opened["theme"] == "gruvbox"
    assert opened["keymap"] == {"app.search": "ctrl+f"}
    assert opened["notices"] == [f"config: {path}:4: keys: unknown binding id 'app.nope' (known: app.search): ignored"]
    store = open_store(data_dir)
    assert store.get_setting("theme") == "gruvbox"  # remembered, as a theme picked in the app is
    store.close()


def test_a_config_that_cannot_be_checked_still_opens_the_app(capsys, tmp_path, opened, monkeypatch):
    def broken():
        raise ImportError("a screen module failed")

    monkeypatch.setattr(cli_config, "binding_ids", broken)
    path = write(tmp_path, '[keys]\nsearch = "ctrl+f"\n')
    assert main(["--config", str(path)]) == 0
    assert "config file was not applied: ImportError: a screen module failed" in capsys.readouterr().err
    assert opened["keymap"] == {}


def test_serve_hands_the_config_file_on_to_every_browser_session(tmp_path):
    import shlex

    from awstui.cli import parse_args
    from awstui.cli.serve import app_command

    for argv in (["--config", "c.toml", "serve"], ["serve", "--config", "c.toml"]):
        words = shlex.split(app_command(parse_args(argv)))
        assert words[-1] == f"--config={Path('c.toml').absolute()}"
    assert not any(w.startswith("--config") for w in shlex.split(app_command(parse_args(["serve"]))))


def test_the_review_table_sets_the_limits_and_the_desired_retention(tmp_path):
    path = write(tmp_path, "[review]\nnew_per_day = 5\nreviews_per_day = 80\ndesired_retention = 0.85\n")
    config = load_config(path)
    assert config.problems == ()
    assert config.review == {"new_per_day": 5, "reviews_per_day": 80, "desired_retention": 0.85}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("new_per_day = -1", "review.new_per_day must be a whole number from 0-9999, not -1: ignored"),
        ("reviews_per_day = 2.5", "review.reviews_per_day must be a whole number from 0-9999, not 2.5: ignored"),
        ("desired_retention = 0.99", "review.desired_retention must be a number from 0.7-0.97, not 0.99: ignored"),
        ('desired_retention = "high"', "review.desired_retention must be a number from 0.7-0.97, not 'high'"),
        ("new_per_day = true", "review.new_per_day must be a whole number from 0-9999, not True"),
        ("retention = 0.9", "review: unknown setting 'retention' (known: new_per_day, reviews_per_day"),
    ],
)
def test_a_bad_review_setting_names_its_line_and_keeps_the_others(tmp_path, line, message):
    other = "new_per_day" if line.startswith("reviews_per_day") else "reviews_per_day"
    path = write(tmp_path, f"[review]\n{other} = 7\n{line}\n")
    config = load_config(path)
    assert [m.split(": ", 1)[0] for m in messages(config)] == [f"{path}:3"]
    assert message in messages(config)[0]
    assert config.review == {other: 7}


def test_the_review_settings_reach_the_store_and_the_scheduler(capsys, tmp_path, data_dir, opened):
    path = write(tmp_path, "[review]\nnew_per_day = 3\ndesired_retention = 0.8\n")
    assert main(["--config", str(path)]) == 0
    with open_store(data_dir) as store:
        assert store.reviews.limits()["review.new_per_day"] == 3
        assert store.reviews.desired_retention() == 0.8
        assert store.reviews.srs.scheduler.desired_retention == 0.8
    with open_store(data_dir) as store:  # and a shorter interval than at the default 0.9 for the same grades
        store.set_setting("review.desired_retention", 0.95)
        assert store.reviews.srs.scheduler.desired_retention == 0.95


def test_a_config_without_keys_imports_no_package_walker(tmp_path):
    """pkgutil (for the binding ids of every TUI module) is imported only for a [keys] table:
    the app's start reads the config before its first frame."""
    import subprocess
    import sys

    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    code = (
        "import argparse, sys\n"
        "from awstui.cli.config import app_config\n"
        f"config = app_config(argparse.Namespace(config={str(path)!r}))\n"
        "assert config.theme == 'nord', config\n"
        "print('pkgutil' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_with_no_config_file_neither_the_toml_reader_nor_textual_is_imported(tmp_path):
    """Most starts have no config file: reading it costs no TOML reader, no difflib, and no
    Textual (the theme check imports it only for a theme the file names: cli/app.py forks the
    content parse before Textual is loaded)."""
    import subprocess
    import sys

    code = (
        "import sys, argparse\n"
        "from awstui.cli.config import app_config\n"
        "config = app_config(argparse.Namespace(config=None))\n"
        "assert config.theme is None and not config.problems, config\n"
        "print(sorted(m for m in ('awstui.content.toml_source', 'difflib', 'textual') if m in sys.modules))\n"
    )
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "no-config"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.strip() == "[]"
