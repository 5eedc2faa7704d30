#!/usr/bin/env bash
# Regenerates the Go code of the plugin protocol (plugins/internal/policyv1) from
# plugins/proto/jenjang/policy/v1/policy.proto. Idempotent; needs only Go (buf and the protoc plugins run from the Go
# module proxy at pinned versions).
#
#   plugins/proto/generate.sh            # write into the repository
#   plugins/proto/generate.sh DIR        # write the tree under DIR instead (used by check.sh)
set -euo pipefail

BUF_VERSION=v1.75.0

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root}"

cd "$here"
go run "github.com/bufbuild/buf/cmd/buf@${BUF_VERSION}" lint
go run "github.com/bufbuild/buf/cmd/buf@${BUF_VERSION}" generate --template buf.gen.yaml -o "$out"
