#!/usr/bin/env bash
# The shell logic of the socle GitHub Action (action.yml), one mode per step, so that
# a test can run exactly what the runner runs (cmd/socle/action_test.go):
#
#   run.sh build    build socle from the action's own source with the runner's Go
#   run.sh eval     run socle eval once: SARIF, a Markdown job summary, annotations;
#                   record the exit code in the step's outputs and succeed
#   run.sh finish   exit with the exit code eval recorded
#
# Inputs reach this script through the environment, never through its text:
#
#   SOCLE_DIRECTORY   the policy repository, relative to the workspace (default .)
#   SOCLE_FAIL_ON     low, medium, high, critical or none (default low)
#   SOCLE_SARIF_FILE  where to write the SARIF log (default socle.sarif)
#   SOCLE_EXTRA_ARGS  more arguments for socle eval, split on whitespace: no quoting,
#                     no globbing, no expansion of any kind
#   SOCLE_BIN         a socle binary to use; eval builds one when it is empty
#   SOCLE_EXIT_CODE   (finish) the exit code eval recorded
#
# and the runner's own variables: GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY. Without the runner's variables it still works (locally, in a
# test): the source is this script's repository and outputs are not recorded.
set -euo pipefail

# escape_data escapes a workflow command's message as the runner expects.
escape_data() {
	local s=$1
	s=${s//'%'/%25}
	s=${s//$'\r'/%0D}
	s=${s//$'\n'/%0A}
	printf '%s' "$s"
}

# die reports a problem of the action itself (not a verdict of socle) and exits 2.
die() {
	printf '::error title=socle action::%s\n' "$(escape_data "$*")"
	exit 2
}

# output records a step output; values are single lines (checked before).
output() {
	if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
		printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
	fi
}

# single_line refuses a value that would break the one-line output format.
single_line() {
	if [[ "$2" == *$'\n'* || "$2" == *$'\r'* ]]; then
		die "the input $1 must be a single line"
	fi
}

temp_root() {
	printf '%s' "${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
}

# stop_token is an unguessable token for ::stop-commands::, so that text quoted from
# the repository (reports, diagnostics) cannot issue workflow commands.
stop_token() {
	printf 'socle-%s' "$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
}

# show_verbatim prints a file to the log with workflow commands stopped.
show_verbatim() {
	local token
	token=$(stop_token)
	printf '::stop-commands::%s\n' "$token"
	cat -- "$1"
	printf '\n::%s::\n' "$token"
}

# html_escape makes text safe inside <pre> in the job summary.
html_escape() {
	sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'
}

# build compiles socle from the action's source and sets SOCLE_BIN. Go fetches
# modules (and, if the runner's Go is older than go.mod asks, the toolchain) from the
# Go module proxy; nothing else is downloaded.
build() {
	local src dir
	src=${GITHUB_ACTION_PATH:-$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)}
	dir="$(temp_root)/socle-action"
	command -v go >/dev/null 2>&1 || die "Go is not installed on this runner; socle is built from source with the runner's Go"
	mkdir -p -- "$dir"
	echo "Building socle from $src"
	go version
	if ! (cd -- "$src" && GOWORK=off GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath -o "$dir/socle" ./cmd/socle); then
		die "building socle from $src failed"
	fi
	SOCLE_BIN="$dir/socle"
	"$SOCLE_BIN" version
}

evaluate() {
	local dir=${SOCLE_DIRECTORY:-.}
	local fail_on=${SOCLE_FAIL_ON:-low}
	local sarif=${SOCLE_SARIF_FILE:-socle.sarif}
	single_line directory "$dir"
	single_line sarif-file "$sarif"

	local -a extra=()
	if [[ -n "${SOCLE_EXTRA_ARGS:-}" ]]; then
		# read splits on IFS and neither globs nor expands: the words are literal.
		IFS=$' \t\n' read -r -d '' -a extra <<<"$SOCLE_EXTRA_ARGS" || true
	fi

	if [[ -z "${SOCLE_BIN:-}" ]]; then
		build
	fi
	[[ -x "$SOCLE_BIN" ]] || die "SOCLE_BIN is not an executable: $SOCLE_BIN"

	local tmp summary report errors
	tmp=$(mktemp -d "$(temp_root)/socle-eval.XXXXXX")
	summary="$tmp/summary.md"
	report="$tmp/report.txt"
	errors="$tmp/stderr.txt"
	# A SARIF file left by an earlier run must not be uploaded as this run's.
	rm -f -- "$sarif"
	mkdir -p -- "$(dirname -- "$sarif")"

	# Annotations (--format github) go to stdout, so the runner turns them into
	# annotations; everything else goes to files, shown below with commands stopped
	# (the log has a single stream for both, so diagnostics follow the report).
	local code=0
	"$SOCLE_BIN" eval --no-color --fail-on "$fail_on" \
		--format "sarif=$sarif" \
		--format "markdown=$summary" \
		--format "text=$report" \
		--format github \
		${extra[@]+"${extra[@]}"} -- "$dir" 2>"$errors" || code=$?

	if [[ -s "$report" ]]; then
		echo "::group::socle eval report"
		show_verbatim "$report"
		echo "::endgroup::"
	fi
	if [[ -s "$errors" ]]; then
		show_verbatim "$errors"
	fi

	if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
		{
			if [[ -s "$summary" ]]; then
				cat -- "$summary"
			else
				printf '### socle: ⚠️ nothing was evaluated (exit %d)\n' "$code"
			fi
			if [[ "$code" -ge 2 && -s "$errors" ]]; then
				printf '\n<details open><summary>socle diagnostics</summary>\n\n<pre>\n'
				head -c 60000 -- "$errors" | html_escape
				printf '</pre>\n</details>\n'
			fi
		} >>"$GITHUB_STEP_SUMMARY"
	fi

	output exit-code "$code"
	if [[ -s "$sarif" ]]; then
		output sarif-file "$sarif"
	else
		output sarif-file ""
		echo "socle wrote no SARIF log (exit $code); there is nothing to upload"
	fi
	if [[ -s "$summary" ]]; then
		output summary-file "$summary"
	fi
	echo "socle eval exited $code"
}

finish() {
	local code=${SOCLE_EXIT_CODE:-}
	if [[ ! "$code" =~ ^[0-9]+$ ]]; then
		echo "::error title=socle::socle eval did not run: no exit code was recorded"
		exit 2
	fi
	case "$code" in
	0) echo "socle: every evaluated control passed, or failed below fail-on" ;;
	1) echo "::error title=socle::a control failed at or above fail-on (exit 1); see the annotations and the job summary" ;;
	2) echo "::error title=socle::the configuration, the command line or a snapshot is wrong (exit 2); see the Evaluate step's log" ;;
	3) echo "::error title=socle::a control did not operate (exit 3); see the job summary" ;;
	*) echo "::error title=socle::socle eval exited $code" ;;
	esac
	exit "$code"
}

usage() {
	echo "usage: run.sh build|eval|finish" >&2
	exit 2
}

case "${1:-}" in
build)
	build
	output bin "$SOCLE_BIN"
	;;
eval) evaluate ;;
finish) finish ;;
*) usage ;;
esac
