#!/usr/bin/env bash
# Builds a real Storj satellite (storj.io/storj/cmd/satellite) and its identity tool (cmd/identity) from the
# storj.io/storj Go module into .cache/go-bin (ignored by git); a no-op when that version is already built.
# The Go module and build caches live in .cache too.
#
# Why a wrapper module (test/support/storj/module) instead of `go install storj.io/storj/cmd/satellite@vX`:
# `go install pkg@version` looks up the module's deprecation, which needs the version LIST, and the Go module
# proxy refuses to list storj.io/storj (403 "This module version is not available"); an exact version in a
# go.mod resolves fine. storj.io/storj has no replace directives, so the wrapper needs none. The version is
# the one `require storj.io/storj vX` line of module/go.mod.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
module="$root/test/support/storj/module"
version="$(sed -n 's/^require storj.io\/storj \(v[0-9][0-9.]*\)$/\1/p' "$module/go.mod")"
[[ -n "$version" ]] || { echo "[storj] no 'require storj.io/storj vX' line in $module/go.mod" >&2; exit 1; }
bindir="$root/.cache/go-bin"
stamp="$bindir/storj-satellite.version"
export GOMODCACHE="$root/.cache/gomod" GOCACHE="$root/.cache/gocache" GOFLAGS=-modcacherw GOTOOLCHAIN=local
# the e-mail templates the satellite parses at start ship in the module's source (start-satellite.sh)
emails="$GOMODCACHE/storj.io/storj@$version/web/satellite/static/emails"
t0=$(date +%s)
elapsed() { echo "$(( $(date +%s) - t0 )) s"; }

if [[ -x "$bindir/satellite" && -x "$bindir/identity" && -d "$emails" && "$(cat "$stamp" 2>/dev/null)" == "$version" ]]; then
  echo "[storj] satellite $version already built in $bindir ($(elapsed))" >&2
  exit 0
fi
command -v go >/dev/null || { echo "[storj] the Go toolchain is needed to build the satellite" >&2; exit 1; }
mkdir -p "$bindir"
rm -f "$stamp"
cd "$module"
# download everything the two commands need first, so the log shows network time and compile time apart
go list -deps storj.io/storj/cmd/satellite storj.io/storj/cmd/identity >/dev/null
echo "[storj] modules for storj.io/storj $version downloaded ($(elapsed))" >&2
# one build for both (they share most packages); -s -w: no symbol table / DWARF, which shortens the link
go build -ldflags "-s -w" -o "$bindir/" storj.io/storj/cmd/satellite storj.io/storj/cmd/identity
[[ -d "$emails" ]] || { echo "[storj] $emails is missing after the build" >&2; exit 1; }
echo "$version" >"$stamp"
echo "[storj] satellite and identity $version built in $bindir ($(elapsed))" >&2
