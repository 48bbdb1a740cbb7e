# Sourced by ./run and ./run-tests: make .venv/ with awstui and its test extra, once per change
# of pyproject.toml. Needs python3 (3.11+) on PATH, or PYTHON=/path/to/python3.11.
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "awstui needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi
stamp=.venv/.installed
if [ ! -x .venv/bin/python ] || [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  # byte-compile awstui as pip does for a wheel install: a start then reads .pyc files even where
  # PYTHONDONTWRITEBYTECODE is set (Python would otherwise compile every module on every start)
  .venv/bin/python -m compileall -q src >/dev/null
  touch "$stamp"
fi
