package command

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/output"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/spf13/cobra"
)

type mergeOptions struct {
	formats []string
	output  string
	failOn  string
}

func newMerge(io IO) *cobra.Command {
	o := &mergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge RESULT...",
		Short: "Join the results of a sharded run (socle eval --shard I/N) into one result",
		Long: `merge reads the result documents (socle eval --format json) of every shard of one
run — socle eval --shard 0/N … --shard N-1/N with one --run-group — and writes the
result the run would have made whole, in the formats socle eval writes (json by
default; not evidence: record the shards instead), so that socle diff and the pull-request formats (sarif, markdown, junit…)
work on a sharded run.

It refuses, naming the files: a document that is not a shard's result, two
documents for one shard, a missing shard, shards of different run groups, shard
counts, policy hashes or socle versions, and a control and target given twice or in
the wrong shard. Nothing is written then (exit 2).

The merged run's id is the run group; as_of and started_at are the shards'
earliest; run.shard_runs lists the shards' run ids. See docs/scaling.md.

Exit 0 when the merged result was written. With --fail-on, the exit code is the one
socle eval gives the whole run: 1 when a control failed at or above that severity, 3
when a control errored.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.run(io, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.formats, "format", []string{"json"}, "output format: "+strings.Join(mergeFormats(), ", ")+"; FORMAT=FILE writes that format to FILE (repeatable)")
	f.StringVarP(&o.output, "output", "o", "", "write the format given without a file to this file instead of stdout")
	f.StringVar(&o.failOn, "fail-on", "", "exit as socle eval would on the merged run: low, medium, high, critical, or none (only errors); default exit 0")
	return cmd
}

// mergeFormats are the formats socle merge writes: socle eval's but the
// evidence records, which need what result documents leave out.
func mergeFormats() []string {
	return slices.DeleteFunc(output.Names(), func(n string) bool { return n == "evidence" })
}

func (o *mergeOptions) run(io IO, paths []string) error {
	var threshold *result.Threshold
	if o.failOn != "" {
		th, err := result.ParseThreshold(o.failOn)
		if err != nil {
			return usageError("%s.%s", err, addrs.Suggest(o.failOn, append(slices.Clone(result.Severities), "none")))
		}
		threshold = &th
	}
	eo := &evalOptions{formats: o.formats, output: o.output}
	targets, err := eo.outputs(o.output == "" && colorFor(io.Stdout, false))
	if err != nil {
		return err
	}
	for _, t := range targets {
		if t.name == "evidence" {
			return usageError("socle merge cannot write the evidence format: its records hold every resource's verdict, which result documents do not carry; record each shard (socle eval --record --shard I/N), or write --format evidence=FILE in each shard")
		}
	}
	parts := make([]result.Part, 0, len(paths))
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			return usageError("%s is named twice: give each shard's result once", p)
		}
		seen[p] = true
		doc, err := readResult(p)
		if err != nil {
			return usageError("%s", err)
		}
		parts = append(parts, result.Part{Name: p, Doc: doc})
	}
	doc, err := result.Merge(parts)
	if err != nil {
		var me *result.MergeError
		if errors.As(err, &me) && len(me.Problems) > 1 {
			return usageError("cannot merge these results:\n  - %s", strings.Join(me.Problems, "\n  - "))
		}
		return usageError("cannot merge these results: %s", err)
	}
	rendered := make([][]byte, len(targets))
	for i, t := range targets {
		var buf bytes.Buffer
		if err := t.formatter.Format(&buf, doc); err != nil {
			return usageError("writing %s results: %v", t.name, err)
		}
		rendered[i] = buf.Bytes()
	}
	for i, t := range targets {
		if t.path == "" {
			if _, err := io.Stdout.Write(rendered[i]); err != nil {
				return fmt.Errorf("writing results: %v", err)
			}
			continue
		}
		if err := writeFileAtomic(t.path, rendered[i]); err != nil {
			return usageError("%s", err)
		}
	}
	notef(io.Stderr, "Merged %d shards of run group %q: %d results.\n", len(parts), doc.Run.RunGroup, len(doc.Results))
	if threshold != nil {
		if code := doc.ExitCode(*threshold); code != 0 {
			return exit(code)
		}
	}
	return nil
}
