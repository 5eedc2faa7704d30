#!/usr/bin/env bash
# Fails when the committed generated code (plugins/internal/policyv1) differs from what policy.proto generates:
# it regenerates into a temporary directory and compares. CI runs it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$here/generate.sh" "$tmp"
if ! diff -ru "$root/plugins/internal/policyv1" "$tmp/plugins/internal/policyv1"; then
	echo "plugins/internal/policyv1 is stale: run plugins/proto/generate.sh (make proto) and commit the result" >&2
	exit 1
fi
echo "plugins/internal/policyv1 is up to date"
