#!/usr/bin/env bash
# Builds the real VersityGW from its Go module into .cache/go-bin (ignored by git); a no-op when it is there.
# The Go module and build caches live in .cache too, so a second machine run only links.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
version="${VERSITYGW_VERSION:-v1.8.0}"
bin="$root/.cache/go-bin/versitygw"
stamp="$root/.cache/go-bin/versitygw.version"
if [[ -x "$bin" && "$(cat "$stamp" 2>/dev/null)" == "$version" ]]; then
  echo "[versitygw] $version already built at $bin" >&2
  exit 0
fi
command -v go >/dev/null || { echo "[versitygw] the Go toolchain is needed to build versitygw" >&2; exit 1; }
start=$(date +%s)
GOBIN="$root/.cache/go-bin" GOMODCACHE="$root/.cache/gomod" GOCACHE="$root/.cache/gocache" GOFLAGS=-modcacherw \
  go install "github.com/versity/versitygw/cmd/versitygw@$version"
echo "$version" >"$stamp"
echo "[versitygw] built $version in $(( $(date +%s) - start )) s" >&2
