#!/usr/bin/env bash
# Runs every Go fuzz target of the repository briefly, in addition to the seed
# corpora that `go test` always runs. Targets are found by their declaration
# (func FuzzXxx in a _test.go file), so a new target is fuzzed without editing
# this script.
#
#   scripts/fuzz.sh                 # every target, FUZZTIME each (default 20s)
#   FUZZTIME=2m scripts/fuzz.sh FuzzLoad FuzzRead   # only these targets
#
# FUZZJOBS targets run at once (default 2), each with one worker, so the total
# is about (number of targets / FUZZJOBS) × FUZZTIME plus compilation: 25
# targets at 20s, 2 at a time, take about 5 minutes. A failing target's input
# is written by go test under the package's testdata/fuzz/<target>/; fix the
# bug and commit that file as a seed.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZTIME="${FUZZTIME:-20s}"
FUZZJOBS="${FUZZJOBS:-2}"
# Minimizing each new interesting input (60s by default) would take most of a
# brief run's time for the targets whose inputs are whole files.
FUZZMINIMIZETIME="${FUZZMINIMIZETIME:-3s}"
export FUZZTIME FUZZMINIMIZETIME

targets=$(grep -rEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+' . \
  | grep -v '/testdata/' \
  | sed -E 's#^\./(.*)/[^/]+_test\.go:func (Fuzz[A-Za-z0-9_]+)$#\1 \2#; s#^\./[^/]+_test\.go:func (Fuzz[A-Za-z0-9_]+)$#. \1#' \
  | sort -u)
if [ "$#" -gt 0 ]; then
  want=" $* "
  targets=$(echo "$targets" | while read -r pkg name; do
    case "$want" in *" $name "*) echo "$pkg $name" ;; esac
  done)
fi
if [ -z "$targets" ]; then
  echo "fuzz.sh: no fuzz target matches" >&2
  exit 2
fi
count=$(echo "$targets" | wc -l)
echo "fuzz.sh: $count targets, $FUZZTIME each, $FUZZJOBS at a time"

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
export logs

fuzz_one() {
  pkg=$1 name=$2
  log="$logs/${pkg//\//_}.$name.log"
  start=$(date +%s)
  if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$FUZZMINIMIZETIME" -parallel 1 "./$pkg" >"$log" 2>&1; then
    echo "ok    ./$pkg $name ($(( $(date +%s) - start ))s, $(grep -Eo 'execs: [0-9]+' "$log" | tail -n 1))"
  elif grep -q '^    context deadline exceeded$' "$log" && ! grep -q 'Failing input written to' "$log" \
    && [ "$(grep -Eo 'execs: [0-9]+' "$log" | tail -n 3 | sort -u | wc -l)" -gt 1 ]; then
    # Go 1.26's fuzzing coordinator can report its own -fuzztime deadline
    # as a failure when a worker is mid-input at that instant on a loaded
    # machine (go.dev/issue/75804, fixed in Go 1.27). It is taken as that
    # only when no failing input was written and inputs were still being
    # run in the last seconds (a stuck input is a FAIL).
    echo "ok    ./$pkg $name ($(( $(date +%s) - start ))s, $(grep -Eo 'execs: [0-9]+' "$log" | tail -n 1); the coordinator's deadline race, go.dev/issue/75804, no failing input)"
  else
    echo "FAIL  ./$pkg $name"
    sed 's/^/      /' "$log"
    touch "$logs/failed"
  fi
}
export -f fuzz_one

echo "$targets" | xargs -P "$FUZZJOBS" -L 1 bash -c 'fuzz_one "$0" "$1"'

if [ -e "$logs/failed" ]; then
  echo "fuzz.sh: a fuzz target failed; its input is under the package's testdata/fuzz/" >&2
  exit 1
fi
echo "fuzz.sh: every target ran clean"
