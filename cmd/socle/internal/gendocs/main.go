// Command gendocs writes socle's CLI reference from its cobra commands:
// Markdown into docs/cli (kept in the repository and checked by a test) and,
// with -man DIR, man pages (generated on demand, for release archives).
//
//	go generate ./cmd/socle          # rewrites docs/cli
//	go run ./cmd/socle/internal/gendocs -markdown docs/cli -man dist/man
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/socle-dev/socle/cmd/socle/internal/command"
)

func main() {
	markdown := flag.String("markdown", "", "write the Markdown reference into this directory")
	man := flag.String("man", "", "write the man pages into this directory")
	flag.Parse()
	if *markdown == "" && *man == "" {
		fmt.Fprintln(os.Stderr, "gendocs: give -markdown DIR, -man DIR or both")
		os.Exit(2)
	}
	for _, job := range []struct {
		dir string
		gen func(string) error
	}{{*markdown, command.GenerateMarkdown}, {*man, command.GenerateMan}} {
		if job.dir == "" {
			continue
		}
		if err := os.MkdirAll(job.dir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
		if err := job.gen(job.dir); err != nil {
			fmt.Fprintln(os.Stderr, "gendocs:", err)
			os.Exit(1)
		}
	}
}
