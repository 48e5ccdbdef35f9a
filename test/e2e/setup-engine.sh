#!/usr/bin/env bash
# Builds the real Terraform engine the end-to-end tests deploy with: OpenTofu from its Go module (the wrapper
# module in test/e2e/engine pins the release and repeats OpenTofu's replace and godebug lines), into
# .cache/go-bin (ignored by git), and writes a CLI config that lets `tofu init` install providers only from
# a local filesystem mirror, never from a registry. A no-op when the cache is complete.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$root/.cache"
bin="$cache/go-bin/tofu"
stamp="$cache/go-bin/tofu.version"
version="$(sed -n 's/^require github.com\/opentofu\/opentofu \(v[0-9.]*\)$/\1/p' "$root/test/e2e/engine/go.mod")"
t0=$(date +%s)
elapsed() { echo "$(( $(date +%s) - t0 )) s"; }

if [[ -x "$bin" && "$(cat "$stamp" 2>/dev/null)" == "$version" ]]; then
  echo "[engine] OpenTofu $version already built ($(elapsed))" >&2
else
  command -v go >/dev/null || { echo "[engine] the Go toolchain is needed to build OpenTofu" >&2; exit 1; }
  export GOMODCACHE="$cache/gomod" GOCACHE="$cache/gocache" GOFLAGS=-modcacherw GOTOOLCHAIN=local
  (cd "$root/test/e2e/engine" && go mod download github.com/opentofu/opentofu)
  echo "[engine] modules downloaded ($(elapsed))" >&2
  (cd "$root/test/e2e/engine" && go build -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$bin" github.com/opentofu/opentofu/cmd/tofu)
  echo "$version" >"$stamp"
  echo "[engine] OpenTofu $version built ($(elapsed))" >&2
fi

# The RGW and VersityGW stacks need no provider at all (terraform_data is built in); the mirror is where
# any provider a stack needs would go, as registry.opentofu.org/hashicorp/<type>/<version>/linux_amd64/.
mkdir -p "$cache/e2e/mirror"
cat >"$cache/e2e/tofurc" <<RC
provider_installation {
  filesystem_mirror {
    path = "$cache/e2e/mirror"
  }
}
RC
echo "[engine] CLI config at $cache/e2e/tofurc ($(elapsed))" >&2
