"""The house sizes: no code file in src/ over 400 lines, no function or method over 60 lines.

A function's size runs from its ``def`` line to its last line (docstring, comments and blank
lines inside it included; decorators above it not). Nested functions count on their own too.
Aim well under: ~300 lines a file. Something that grows past a limit splits along a seam (one
job per file, one step per function).

``NOT_YET_SPLIT`` is the one exception, a ratchet: what issue 9 has not split yet, at the size it
has. An entry may only shrink; one that is under the limit must leave the list; nothing new
joins it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
CODE_SUFFIXES = (".py", ".pyi", ".tcss")  # the bundled content (Markdown, TOML) is data, not code

# What is still waiting for its split (issue 9), at its size today: may only shrink, then leaves.
NOT_YET_SPLIT_FILES: dict[str, int] = {}
# "path: qualified name" -> lines
NOT_YET_SPLIT_FUNCTIONS: dict[str, int] = {}


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


def _ratchet(sizes: dict[str, int], waiting: dict[str, int], limit: int, what: str) -> None:
    """Fail on anything over ``limit`` that is not waiting, anything waiting that grew, and
    anything waiting that is already under the limit (take it off the list)."""
    problems = [f"  {k}: {n} lines" for k, n in sorted(sizes.items()) if n > limit and k not in waiting]
    problems += [
        f"  {k}: {sizes[k]} lines, more than the {n} it had" for k, n in waiting.items() if sizes.get(k, 0) > n
    ]
    problems += [
        f"  {k}: {sizes.get(k, 0)} lines now: take it off NOT_YET_SPLIT" for k in waiting if sizes.get(k, 0) <= limit
    ]
    if problems:
        listed = "\n".join(problems)
        pytest.fail(f"{len(problems)} {what} over {limit} lines (or a stale exception):\n{listed}", pytrace=False)


def test_no_code_file_in_src_is_over_400_lines():
    sizes = {_rel(p): file_lines(p) for p in code_files()}
    _ratchet(sizes, NOT_YET_SPLIT_FILES, MAX_FILE_LINES, "file(s) in src/")


def test_no_function_or_method_is_over_60_lines():
    sizes = {
        f"{_rel(p)}: {name}": size
        for p in code_files()
        if p.suffix in (".py", ".pyi")
        for _line, name, size in function_sizes(p.read_text(encoding="utf-8"))
    }
    _ratchet(sizes, NOT_YET_SPLIT_FUNCTIONS, MAX_FUNCTION_LINES, "function(s)")


def test_the_ratchet_fails_on_growth_on_newcomers_and_on_stale_entries():
    with pytest.raises(pytest.fail.Exception, match=r"new\.py: 401"):
        _ratchet({"new.py": 401}, {}, 400, "files")
    with pytest.raises(pytest.fail.Exception, match="more than the 500"):
        _ratchet({"big.py": 501}, {"big.py": 500}, 400, "files")
    with pytest.raises(pytest.fail.Exception, match="take it off"):
        _ratchet({"big.py": 380}, {"big.py": 500}, 400, "files")
    _ratchet({"big.py": 450, "small.py": 10}, {"big.py": 500}, 400, "files")  # shrinking is fine


def _dataclasses_without_a_docstring(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        for d in node.decorator_list:
            target = d.func if isinstance(d, ast.Call) else d
            if isinstance(target, ast.Name) and target.id == "dataclass" and not ast.get_docstring(node):
                found.append(node.name)
    return found


def test_every_dataclass_says_what_it_is():
    """A docstring on every dataclass: it says what the record is, and Python 3.11's dataclass
    otherwise makes one at import time with ``inspect.signature`` (~0.07 ms a class, ~1 ms of
    the start)."""
    assert _dataclasses_without_a_docstring("@dataclass\nclass A:\n    x: int\n") == ["A"]
    assert _dataclasses_without_a_docstring('@dataclass(frozen=True)\nclass B:\n    """B."""\n') == []
    missing = [
        f"{path.relative_to(SRC)}: {name}"
        for path in code_files()
        if path.suffix == ".py"
        for name in _dataclasses_without_a_docstring(path.read_text(encoding="utf-8"))
    ]
    assert missing == []
