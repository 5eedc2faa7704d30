#!/usr/bin/env bash
# Fails when the committed generated code (plugins/internal/policyv1) differs from what policy.proto generates:
# it regenerates into a temporary directory and compares. CI runs it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$here/generate.sh" "$tmp"
gen="plugins/internal/policyv1"
stale=0
# every generated file must be committed unchanged, and no committed *.pb.go may be left over from an old .proto
# (hand-written files there, such as doc.go, are not compared)
for f in "$tmp/$gen"/*.pb.go; do
	diff -u "$root/$gen/$(basename "$f")" "$f" || stale=1
done
for f in "$root/$gen"/*.pb.go; do
	[ -e "$tmp/$gen/$(basename "$f")" ] || { echo "$gen/$(basename "$f") is no longer generated" >&2; stale=1; }
done
if [ "$stale" -ne 0 ]; then
	echo "$gen is stale: run plugins/proto/generate.sh (make proto) and commit the result" >&2
	exit 1
fi
echo "plugins/internal/policyv1 is up to date"
