#!/usr/bin/env bash
# Print the path of a `uv` executable, installing it for this user when missing.
set -euo pipefail
python=${1:-python3}
if command -v uv >/dev/null 2>&1; then command -v uv; exit 0; fi
for candidate in "$HOME/.local/bin/uv"; do
  [ -x "$candidate" ] && { echo "$candidate"; exit 0; }
done
"$python" -m pip install --quiet --user uv >&2 2>/dev/null \
  || "$python" -m pip install --quiet --user --break-system-packages uv >&2
bin=$("$python" -c 'import site, os; print(os.path.join(site.USER_BASE, "bin"))')
echo "$bin/uv"
