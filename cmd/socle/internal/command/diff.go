package command

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/socle-dev/socle/evaluator/diff"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/spf13/cobra"
)

type diffOptions struct {
	format         string
	output         string
	failOnExisting bool
}

func newDiff(io IO) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff BASE HEAD",
		Short: "Compare two results (socle eval --format json): new failures, fixed, changed populations",
		Long: `diff compares two result documents per control and target — typically the base
branch and a pull request — and reports what is newly failing, what has new failing
resources, what stopped operating, what was added or removed, fixed, newly waived,
still failing, and whose population changed.

Exit 1 only when something is newly failing (the usual pull-request gate); with
--fail-on-existing, also when anything fails in HEAD. Exit 2 when an input is not
a result document.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkChoice("--format", o.format, diff.Formats...); err != nil {
				return err
			}
			base, err := readResult(args[0])
			if err != nil {
				return usageError("%s", err)
			}
			head, err := readResult(args[1])
			if err != nil {
				return usageError("%s", err)
			}
			for i, d := range []*result.Document{base, head} {
				if sh := d.Run.Shard; sh != nil && sh.Count > 1 {
					return usageError("%s is the result of shard %s of a run: merge the shards' results first (socle merge), then compare", args[i], sh)
				}
			}
			rep := diff.Compare(base, head)
			var buf bytes.Buffer
			if err := rep.Write(&buf, o.format); err != nil {
				return usageError("%s", err)
			}
			if o.output != "" {
				if err := writeFileAtomic(o.output, buf.Bytes()); err != nil {
					return usageError("%s", err)
				}
			} else if _, err := io.Stdout.Write(buf.Bytes()); err != nil {
				return err
			}
			if rep.HasNewFailures() || (o.failOnExisting && head.Summary.Fail+head.Summary.Error > 0) {
				return exit(1)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: "+strings.Join(diff.Formats, ", "))
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the report to this file instead of stdout")
	cmd.Flags().BoolVar(&o.failOnExisting, "fail-on-existing", false, "exit 1 when anything fails in HEAD, not only what is new")
	return cmd
}

func readResult(path string) (*result.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v; give the files socle eval --format json wrote (--output FILE)", path, errors.Unwrap(err))
	}
	defer f.Close()
	return diff.Read(f, path)
}
