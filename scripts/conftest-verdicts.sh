#!/usr/bin/env bash
# Regenerates testdata/conftest/conftest-verdicts.json: conftest's own verdicts on
# the conftest-compatibility fixtures, which TestConftestParity compares with
# socle's. Builds conftest from the Go module proxy at a pinned version into a
# temporary directory (it takes a few minutes; not part of the default test run).
set -euo pipefail
cd "$(dirname "$0")/.."
version="${CONFTEST_VERSION:-v0.71.1}"
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
GOBIN="$bin" go install "github.com/open-policy-agent/conftest@$version"
cd testdata/conftest
# conftest exits 1 when a policy fails; the verdicts are what we want.
"$bin/conftest" test --policy policies --namespace k8s --output json --no-color manifests > conftest-verdicts.json || true
echo "conftest $version verdicts written to testdata/conftest/conftest-verdicts.json"
