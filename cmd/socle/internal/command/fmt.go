package command

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/socle-dev/socle/evaluator/policy"
	"github.com/spf13/cobra"
)

type fmtOptions struct {
	check bool
	diff  bool
}

func newFmt(io IO) *cobra.Command {
	o := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [-check] [-diff] [DIR]",
		Short: "Format the repository's .hcl files (as terraform fmt) and .rego files (as opa fmt)",
		Long: `fmt rewrites, in canonical form, every *.hcl file directly in DIR or in DIR/tests (the
test blocks) and every *.rego file under DIR (hidden directories skipped), and lists the
files it changed. With
-check it changes nothing, lists the files that are not formatted and exits 1 if there
are any; -diff prints what would change. A file that does not parse is reported with
its position and left as it is (exit 2).`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			files, err := formattable(dir)
			if err != nil {
				return usageError("%s", err)
			}
			unformatted, broken := 0, 0
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					return usageError("%s", err)
				}
				out, err := formatFile(f, src)
				if err != nil {
					broken++
					fmt.Fprintf(io.Stderr, "%s\n", err)
					continue
				}
				if bytes.Equal(out, src) {
					continue
				}
				unformatted++
				fmt.Fprintln(io.Stdout, f)
				if o.diff {
					fmt.Fprint(io.Stdout, lineDiff(src, out))
				}
				if !o.check {
					if err := writeFileAtomic(f, out); err != nil {
						return usageError("%s", err)
					}
				}
			}
			switch {
			case broken > 0:
				return exit(2)
			case o.check && unformatted > 0:
				return exit(1)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&o.check, "check", false, "change nothing; exit 1 when a file is not formatted")
	cmd.Flags().BoolVar(&o.diff, "diff", false, "print the changes")
	return cmd
}

// formattable lists the *.hcl files directly in dir and in dir/tests (where
// test blocks may go), and the *.rego files under dir, sorted.
func formattable(dir string) ([]string, error) {
	var files []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	tests, err := os.ReadDir(filepath.Join(dir, "tests"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, list := range []struct {
		dir     string
		entries []os.DirEntry
	}{{dir, entries}, {filepath.Join(dir, "tests"), tests}} {
		for _, e := range list.entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".hcl") {
				files = append(files, filepath.Join(list.dir, e.Name()))
			}
		}
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".rego") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

func formatFile(name string, src []byte) ([]byte, error) {
	if strings.HasSuffix(name, ".rego") {
		return policy.Format(name, src)
	}
	// hclwrite formats even what does not parse; check the syntax first so a
	// broken file is reported, not rewritten.
	if _, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos); diags.HasErrors() {
		return nil, diags
	}
	return hclwrite.Format(src), nil
}

// lineDiff is a small line diff: the lines removed (-) and added (+), in
// order, enough to see what fmt changes.
func lineDiff(a, b []byte) string {
	al := strings.Split(string(a), "\n")
	bl := strings.Split(string(b), "\n")
	// Longest common subsequence over lines.
	n, m := len(al), len(bl)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if al[i] == bl[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && al[i] == bl[j]:
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			fmt.Fprintf(&out, "-%s\n", al[i])
			i++
		default:
			fmt.Fprintf(&out, "+%s\n", bl[j])
			j++
		}
	}
	return out.String()
}
