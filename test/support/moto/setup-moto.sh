#!/usr/bin/env bash
# Installs moto's server (an AWS API emulator, from PyPI) into a virtualenv under .cache (ignored by git);
# a no-op when it is there. Only the tests use it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
venv="$root/.cache/moto-venv"
version="${MOTO_VERSION:-5.2.5}"
# a venv's scripts name its interpreter by absolute path, so a moved checkout needs a new one
if [[ -x "$venv/bin/moto_server" && "$(cat "$venv/.moto-version" 2>/dev/null)" == "$version" \
  && "$(head -1 "$venv/bin/moto_server")" == "#!$venv/bin/python"* ]]; then
  echo "[moto] $version already installed" >&2
  exit 0
fi
start=$(date +%s)
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$version"
echo "$version" >"$venv/.moto-version"
echo "[moto] $version installed in $(( $(date +%s) - start )) s" >&2
