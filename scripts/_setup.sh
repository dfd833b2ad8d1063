# Shared by scripts/demo and scripts/test: find Python 3.12+, create .venv, install the project.
# Sourced, not run. Set PYTHON=/path/to/python3.12 to choose the interpreter yourself.

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      command -v "$candidate" 2>/dev/null || echo "$candidate"
      return 0
    fi
  done
  # pyenv keeps versions that its shims only expose when selected: look for them directly.
  local root
  root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
  for candidate in "$root"/versions/3.1[2-9]*/bin/python3; do
    if [ -x "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

setup_venv() {
  if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
    local python
    if ! python="$(find_python)"; then
      echo "Klimatläget needs Python 3.12 or newer (Django 6 requires it)." >&2
      echo "Install it (for example with your package manager or pyenv) or set PYTHON=/path/to/python3.12." >&2
      exit 1
    fi
    echo "Creating .venv with $python"
    rm -rf .venv
    "$python" -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[$1]"
}
