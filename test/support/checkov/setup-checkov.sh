#!/usr/bin/env bash
# Installs checkov (an open-source IaC security scanner, from PyPI) into a virtualenv under .cache (ignored by
# git); a no-op when it is there. Only the tests use it (test/security-scan.test.ts calls this script itself).
# Prints the path of the checkov executable on stdout; progress goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
venv="$root/.cache/checkov-venv"
version="${CHECKOV_VERSION:-3.3.30}"
# a venv's scripts name its interpreter by absolute path, so a moved checkout needs a new one
if [[ -x "$venv/bin/checkov" && "$(cat "$venv/.checkov-version" 2>/dev/null)" == "$version" \
  && "$(head -1 "$venv/bin/checkov")" == "#!$venv/bin/python"* ]]; then
  echo "[checkov] $version already installed" >&2
  echo "$venv/bin/checkov"
  exit 0
fi
start=$(date +%s)
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "checkov==$version" >&2
echo "$version" >"$venv/.checkov-version"
echo "[checkov] $version installed in $(( $(date +%s) - start )) s" >&2
echo "$venv/bin/checkov"
