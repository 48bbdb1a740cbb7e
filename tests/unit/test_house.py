"""The house sizes: no code file in src/ over 400 lines, no function or method over 60 lines.

A function's size runs from its ``def`` line to its last line (docstring, comments and blank
lines inside it included; decorators above it not). Nested functions count on their own too.
Aim well under: ~300 lines a file. Something that grows past a limit splits along a seam (one
job per file, one step per function); it gets no exception here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
CODE_SUFFIXES = (".py", ".pyi", ".tcss")  # the bundled content (Markdown, TOML) is data, not code


def code_files(root: Path = SRC) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in CODE_SUFFIXES)


def file_lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def function_sizes(source: str) -> list[tuple[int, str, int]]:
    """(line of the ``def``, qualified name, lines from the ``def`` to the end) of every function."""
    sizes: list[tuple[int, str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                sizes.append((child.lineno, name, (child.end_lineno or child.lineno) - child.lineno + 1))
                visit(child, f"{name}.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return sizes


def _rel(path: Path) -> str:
    return str(path.relative_to(SRC.parent))


def test_the_measures_count_what_the_rule_says():
    body = "\n".join(f"    x{i} = {i}" for i in range(58))
    source = (
        "import functools\n\n\n"
        "@functools.cache\n"  # a decorator line is not counted
        f'def sixty():\n    """Docstring."""\n{body}\n\n\n'
        "class K:\n"
        "    async def method(self):\n"
        "        def inner():\n"
        "            return 1\n"
        "        return inner\n"
    )
    assert function_sizes(source) == [(5, "sixty", 60), (68, "K.method", 4), (69, "K.method.inner", 2)]
    assert SRC.is_dir() and any(p.name == "__init__.py" for p in code_files())


def test_no_code_file_in_src_is_over_400_lines():
    offenders = sorted(((file_lines(p), _rel(p)) for p in code_files()), reverse=True)
    offenders = [(n, p) for n, p in offenders if n > MAX_FILE_LINES]
    if offenders:
        listed = "\n".join(f"  {p}: {n} lines" for n, p in offenders)
        pytest.fail(f"{len(offenders)} file(s) in src/ over {MAX_FILE_LINES} lines:\n{listed}", pytrace=False)


def test_no_function_or_method_is_over_60_lines():
    offenders = [
        (size, f"{_rel(p)}:{line}: {name}")
        for p in code_files()
        if p.suffix in (".py", ".pyi")
        for line, name, size in function_sizes(p.read_text(encoding="utf-8"))
        if size > MAX_FUNCTION_LINES
    ]
    offenders.sort(key=lambda o: (-o[0], o[1]))
    if offenders:
        listed = "\n".join(f"  {where} ({size} lines)" for size, where in offenders)
        pytest.fail(
            f"{len(offenders)} function(s) over {MAX_FUNCTION_LINES} lines (def line to last line):\n{listed}",
            pytrace=False,
        )
