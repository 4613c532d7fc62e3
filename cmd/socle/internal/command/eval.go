package command

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/bundle"
	"github.com/socle-dev/socle/evaluator/cache"
	"github.com/socle-dev/socle/evaluator/output"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/socle-dev/socle/evaluator/store"
	"github.com/spf13/cobra"
)

type evalOptions struct {
	repoOptions
	storeOptions
	record   bool
	notify   bool
	noCache  bool
	signKey  string
	formats  []string
	output   string
	controls []string
	failOn   string
	snapshot string
	shard    string
	runGroup string
}

func newEval(io IO) *cobra.Command {
	o := &evalOptions{}
	cmd := &cobra.Command{
		Use:   "eval [DIR]",
		Short: "Evaluate every control against its providers' snapshots",
		Long: `eval loads the policy repository, loads each provider's snapshot once, and
evaluates every automated control on each of its targets, concurrently.

Results go to stdout (or --output, written whole or not at all); diagnostics go to
stderr. Exit codes: 0 every evaluated control passed (or failed below --fail-on);
1 a control failed at or above --fail-on; 2 the configuration, the command line or
a snapshot is wrong, or --record could not record the run; 3 a control errored (it
did not operate).

With --record, the run, one evidence record per control and target, and the input
documents and policy modules they used are appended to the evidence store (see
socle evidence --help); without it nothing is written. With --sign-key, the recorded
run's hash is also signed (a DSSE envelope of an in-toto statement, stored with the
run) with that ed25519 private key; socle evidence verify --pub-key checks it. With
--notify, once the run is recorded, what changed since the latest earlier record of
each control and target (controls newly failing, fixed, waivers about to expire) is sent to each notify block
of the repository (a signed webhook, Slack, e-mail); a failed delivery is retried with
exponential backoff and logged to stderr, and never changes the exit code.

What each policy decided about each input is kept in DIR/.socle/cache, keyed by
everything the decision depends on (the policy modules, the input documents'
hashes, the as-of day, the socle and OPA versions), so that a control whose
policy and inputs are unchanged is not evaluated again, and an unchanged snapshot
is not parsed again; waivers and the controls' attributes are applied afresh.
--no-cache neither reads nor writes it; --record never reads it (evidence comes
only from an evaluation).

With --shard I/N, only the (control, target) pairs of shard I of N are evaluated
(I counts from 0, as Kubernetes' JOB_COMPLETION_INDEX does): a pair's shard is a
hash of the control's address and the target's name, so it never moves when
controls or targets are added. The N shards of one run share a run group
(--run-group; by default $SOCLE_RUN_GROUP, else $GITHUB_RUN_ID with
$GITHUB_RUN_ATTEMPT, else $CI_PIPELINE_ID), which the result document and the
recorded run carry; socle merge joins the shards' results into one. Unused-waiver
warnings are left to the whole run (a shard sees only part of each control's
targets). See docs/scaling.md.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = dirArg(args)
			return o.run(cmd.Context(), io)
		},
	}
	f := cmd.Flags()
	o.addFlags(f)
	f.StringArrayVar(&o.formats, "format", []string{"text"}, "output format: "+strings.Join(output.Names(), ", ")+"; FORMAT=FILE writes that format to FILE (repeatable: --format sarif=out.sarif --format markdown=summary.md --format text)")
	f.StringVarP(&o.output, "output", "o", "", "write the format given without a file to this file instead of stdout")
	f.StringArrayVar(&o.controls, "control", nil, "only these controls: a label, a ref or a glob (repeatable)")
	f.StringVar(&o.snapshot, "snapshot", "", "evaluate the documents of this snapshot bundle (written by socle collect) instead of the providers' snapshots")
	f.BoolVar(&o.record, "record", false, "append the run and its evidence records, with the inputs and policies they used, to the evidence store (without it nothing is written)")
	f.BoolVar(&o.notify, "notify", false, "with --record, send what changed since the previous recorded run (newly failing, fixed, waivers expiring) to the repository's notify blocks; a failed delivery is retried, logged, and never fails the run")
	f.BoolVar(&o.noCache, "no-cache", false, "neither read nor write the result cache in DIR/.socle/cache")
	f.StringVar(&o.signKey, "sign-key", "", "with --record, sign the recorded run with this ed25519 private key (PEM PKCS#8, as socle evidence keygen writes)")
	f.StringVar(&o.shard, "shard", "", "evaluate only shard I of N (I/N, I from 0): the (control, target) pairs whose hash falls in it; socle merge joins the shards' results")
	f.StringVar(&o.runGroup, "run-group", "", "the logical run this one belongs to, shared by its shards (default $SOCLE_RUN_GROUP, else $GITHUB_RUN_ID[-$GITHUB_RUN_ATTEMPT], else $CI_PIPELINE_ID)")
	o.addStoreFlags(f)
	f.StringVar(&o.failOn, "fail-on", "low", "lowest severity of a failed control that makes the exit code 1: low, medium, high, critical, or none")
	return cmd
}

func (o *evalOptions) run(ctx context.Context, io IO) error {
	threshold, err := result.ParseThreshold(o.failOn)
	if err != nil {
		return usageError("%s.%s", err, addrs.Suggest(o.failOn, append(slices.Clone(result.Severities), "none")))
	}
	if err := evaluator.ValidatePatterns(o.controls); err != nil {
		return usageError("%s", err)
	}
	if o.store != "" && !o.record {
		return usageError("--store names where --record writes: add --record to record this run")
	}
	if o.signKey != "" && !o.record {
		return usageError("--sign-key signs the run --record writes: add --record to record this run")
	}
	if o.notify && !o.record {
		return usageError("--notify sends what changed with the run --record writes: add --record")
	}
	var shard *result.Shard
	if o.shard != "" {
		sh, err := result.ParseShard(o.shard)
		if err != nil {
			return usageError("--shard: %s", err)
		}
		shard = &sh
	}
	runGroup, err := runGroupOf(o.runGroup, shard)
	if err != nil {
		return err
	}
	var signer ed25519.PrivateKey
	if o.signKey != "" {
		// Read before evaluating: a bad key fails the command before any work.
		if signer, err = store.LoadPrivateKey(o.signKey); err != nil {
			return usageError("%s", err)
		}
	}
	toTerminal := o.output == "" && colorFor(io.Stdout, false)
	targets, err := o.outputs(toTerminal)
	if err != nil {
		return err
	}
	repo, asOf, err := o.load(io.Stderr)
	if err != nil {
		return err
	}
	if err := checkPatterns(repo, o.controls); err != nil {
		return err
	}
	if o.notify && len(repo.Notifies) == 0 {
		return usageError("--notify: the policy repository %s declares no notify block (see docs/language.md, notify)", o.dir)
	}
	var b *bundle.Bundle
	if o.snapshot != "" {
		if b, err = bundle.Read(o.snapshot); err != nil {
			return usageError("%s", err)
		}
	}
	var st store.Store
	if o.record {
		// Opened before evaluating: a store that cannot be reached fails the
		// command before any work.
		if st, err = openStore(ctx, o.explicit(), repo.Settings.Store, o.dir); err != nil {
			return err
		}
		defer st.Close()
	}
	var c *cache.Cache
	if !o.noCache && !o.record {
		c = cache.Open(filepath.Join(o.dir, ".socle", "cache"))
	}
	bar := newProgress(io.Stderr)
	doc, diags := repo.Evaluate(ctx, evaluator.EvalOptions{
		Cache:       c,
		Progress:    bar.Update,
		PlanOptions: evaluator.PlanOptions{Controls: o.controls, Shard: shard},
		Bundle:      b,
		AsOf:        asOf,
		Context:     runContext(ctx, o.dir),
		KeepInputs:  o.record,
		RunGroup:    runGroup,
	})
	bar.Done()
	o.printDiags(io.Stderr, repo.Sources(), diags)

	// Render every format before writing any, so a failure writes nothing.
	// Outputs show at most limits { findings } findings of a result, each
	// message cut at limits { message_size }; evidence records keep every
	// verdict.
	shown := repo.LimitOutput(doc)
	rendered := make([][]byte, len(targets))
	for i, t := range targets {
		var buf bytes.Buffer
		view := shown
		if t.name == "evidence" {
			view = doc
		}
		if err := t.formatter.Format(&buf, view); err != nil {
			return &exitError{code: result.ExitNotOperated, msg: fmt.Sprintf("writing %s results: %v", t.name, err)}
		}
		rendered[i] = buf.Bytes()
	}
	for i, t := range targets {
		if t.path == "" {
			if _, err := io.Stdout.Write(rendered[i]); err != nil {
				return &exitError{code: result.ExitNotOperated, msg: "writing results: " + err.Error()}
			}
			continue
		}
		if err := writeFileAtomic(t.path, rendered[i]); err != nil {
			return &exitError{code: result.ExitConfig, msg: err.Error()}
		}
	}
	if st != nil {
		if err := recordRun(ctx, io.Stderr, st, doc, signer); err != nil {
			return err
		}
		if o.notify {
			notifyRun(ctx, io.Stderr, &o.repoOptions, st, repo, doc, asOf)
		}
	}
	if diags.HasErrors() {
		return exit(result.ExitConfig)
	}
	if code := doc.ExitCode(threshold); code != 0 {
		return exit(code)
	}
	return nil
}

// runContext describes where the run happens: the git commit and the CI job,
// from the variables CI systems set, else from git itself.
func runContext(ctx context.Context, dir string) map[string]string {
	out := map[string]string{}
	for _, k := range []string{"GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION", "GIT_COMMIT"} {
		if v := os.Getenv(k); v != "" {
			out["git_commit"] = v
			break
		}
	}
	if _, ok := out["git_commit"]; !ok {
		if _, err := exec.LookPath("git"); err == nil {
			gctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			b, err := exec.CommandContext(gctx, "git", "-C", dir, "rev-parse", "HEAD").Output()
			cancel()
			if err == nil {
				out["git_commit"] = strings.TrimSpace(string(b))
			}
		}
	}
	if v := os.Getenv("GITHUB_RUN_ID"); v != "" {
		if a := os.Getenv("GITHUB_RUN_ATTEMPT"); a != "" {
			v += "/" + a
		}
		out["ci_job"] = v
	} else {
		for _, k := range []string{"CI_JOB_ID", "BUILD_BUILDID", "BUILD_ID"} {
			if v := os.Getenv(k); v != "" {
				out["ci_job"] = v
				break
			}
		}
	}
	return out
}

// runGroupEnv are the variables a run group is read from when --run-group is
// not given, in order: socle's own, then what CI systems set the same for
// every job of one pipeline run.
var runGroupEnv = []string{"SOCLE_RUN_GROUP", "GITHUB_RUN_ID", "CI_PIPELINE_ID"}

// runGroupOf is the run's group: the flag, else the environment (GitHub's
// run id with its attempt, so a re-run is a new group). A shard must have
// one, so that socle merge and the store can tell its run from others.
func runGroupOf(flag string, shard *result.Shard) (string, error) {
	group := strings.TrimSpace(flag)
	if group == "" {
		for _, k := range runGroupEnv {
			if v := strings.TrimSpace(os.Getenv(k)); v != "" {
				group = v
				if a := os.Getenv("GITHUB_RUN_ATTEMPT"); k == "GITHUB_RUN_ID" && a != "" {
					group += "-" + a
				}
				break
			}
		}
	}
	if len(group) > 200 || strings.ContainsFunc(group, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "", usageError("--run-group %q: a run group is at most 200 characters, without control characters", group)
	}
	if group == "" && shard != nil && shard.Count > 1 {
		return "", usageError("--shard %s needs a run group shared by the run's %d shards: give --run-group ID (the same for every shard), or set SOCLE_RUN_GROUP", shard, shard.Count)
	}
	return group, nil
}

// outputTarget is one --format: a formatter and where it goes ("" = stdout).
type outputTarget struct {
	name      string
	path      string
	formatter output.Formatter
}

// outputs reads the --format flags: FORMAT or FORMAT=FILE. At most one format
// goes to stdout (or --output); each file is named once.
func (o *evalOptions) outputs(color bool) ([]outputTarget, error) {
	var out []outputTarget
	toStdout := 0
	seen := map[string]bool{}
	for _, f := range o.formats {
		name, path, hasPath := strings.Cut(f, "=")
		if hasPath && path == "" {
			return nil, usageError("--format %s= names no file", name)
		}
		if !hasPath {
			toStdout++
			path = o.output
		}
		if path != "" {
			if seen[path] {
				return nil, usageError("%s is the destination of two formats", path)
			}
			seen[path] = true
		}
		formatter, err := output.Lookup(name, output.Options{Color: color && path == ""})
		if err != nil {
			return nil, usageError("%s", err)
		}
		out = append(out, outputTarget{name: name, path: path, formatter: formatter})
	}
	if toStdout > 1 {
		return nil, usageError("only one --format can go to standard output (or --output); give the others a file, as --format sarif=results.sarif")
	}
	return out, nil
}
