"""``awstui serve``: the app in a web browser, served by textual-serve.

Every browser session gets its own app process (textual-serve runs the command below through
the shell for each websocket), all on the same data dir: the store already copes with several
instances (``PRAGMA data_version``). The global options (``--data-dir``, ``--content``) are
passed on to each of them, quoted with ``shlex``. It listens on 127.0.0.1 unless ``--host``
says otherwise; any address that is not the loopback one gets a warning on stderr, since there
is no login: whoever reaches the port gets the learner's data.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from pathlib import Path

PROG = "awstui"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``serve`` to the subcommands."""
    p = sub.add_parser(
        "serve",
        help="serve the app to web browsers (each browser session runs its own app)",
        description="Serve awstui to web browsers with textual-serve. Each browser session runs its own "
        "app on the same data dir. There is no login: anyone who can reach the address gets your data.",
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    p.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help=f"the port to listen on (default: {DEFAULT_PORT})"
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use to reach it (default: http://HOST:PORT; set it with --host 0.0.0.0)",
    )
    p.set_defaults(handler=run_serve)


def port_number(text: str) -> int:
    """``--port``: a whole number from 1 to 65535 (0, "any free port", would leave the page's URL unknown)."""
    try:
        port = int(text, 10)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give a whole number from 1 to 65535")
    return port


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses; any other name may reach other machines."""
    name = host.strip().rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """The warning for a non-loopback ``host``, or None."""
    if is_loopback(host):
        return None
    return (
        f"{PROG}: warning: listening on {host}, not only on this machine. There is no login: anyone who "
        "can reach this address gets your awstui data (progress, answers, notes) and can change it."
    )


def public_url(host: str, port: int) -> str:
    """The URL the page points its websocket at (an IPv6 address goes in brackets)."""
    name = host.strip("[]")
    return f"http://[{name}]:{port}" if ":" in name else f"http://{name}:{port}"


def app_command(args: argparse.Namespace, python: str = sys.executable) -> str:
    """The shell command textual-serve runs for each browser session: this Python's awstui with
    the same global options (data dir, content dirs, config file), the data dir resolved now
    (absolute), every word quoted."""
    from ..paths import resolve_data_dir

    data_dir = resolve_data_dir(getattr(args, "data_dir", None)).absolute()
    words = [python, "-m", "awstui", f"--data-dir={data_dir}"]
    words += [f"--content={path.expanduser().absolute()}" for path in getattr(args, "content", None) or []]
    if getattr(args, "config", None):
        words.append(f"--config={Path(args.config).expanduser().absolute()}")
    return shlex.join(words)


def _check_store(args: argparse.Namespace) -> str | None:
    """Open the store once before serving, so a store that cannot open is said here, not in a browser."""
    from ..paths import resolve_data_dir
    from ..state import StoreError, open_store

    try:
        open_store(resolve_data_dir(getattr(args, "data_dir", None))).close()
    except StoreError as exc:
        return str(exc)
    return None


def run_serve(args: argparse.Namespace) -> int:
    """The ``serve`` handler: warn when exposed, then serve until Ctrl+C."""
    problem = _check_store(args)
    if problem:
        print(f"{PROG}: error: {problem}", file=sys.stderr)
        return 1
    warning = exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr)
    from textual_serve.server import Server

    url = args.public_url or public_url(args.host, args.port)
    server = Server(app_command(args), host=args.host, port=args.port, title=PROG, public_url=url)
    try:
        server.serve()
    except OSError as exc:
        print(f"{PROG}: error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
