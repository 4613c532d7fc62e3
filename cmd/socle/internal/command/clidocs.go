package command

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/socle-dev/socle/evaluator"
	"github.com/spf13/cobra/doc"
)

// GenerateMarkdown writes the Markdown CLI reference, one file per command
// (socle.md is the index), into dir, which must exist. docs/cli is this
// output, checked by TestCLIReferenceUpToDate.
func GenerateMarkdown(dir string) error {
	if err := clean(dir, ".md"); err != nil {
		return err
	}
	return doc.GenMarkdownTree(Tree(), dir)
}

// GenerateMan writes one man page (section 1) per command into dir, which
// must exist. They are generated on demand (release archives, packagers), not
// kept in the repository: a man page carries its date.
func GenerateMan(dir string) error {
	if err := clean(dir, ".1"); err != nil {
		return err
	}
	return doc.GenManTree(Tree(), &doc.GenManHeader{
		Title:   "SOCLE",
		Section: "1",
		Source:  "socle " + evaluator.Version,
		Manual:  "socle manual",
	}, dir)
}

// clean removes the files with the extension that a previous generation
// wrote, so a command that was removed leaves no page behind.
func clean(dir, ext string) error {
	old, err := filepath.Glob(filepath.Join(dir, "socle*"+ext))
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return fmt.Errorf("removing the old %s: %w", f, err)
		}
	}
	return nil
}
