package command

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/spf13/cobra"
)

// globalOptions are the flags every command takes (persistent flags of the
// root): how much to say on stderr, and whether colour is allowed.
type globalOptions struct {
	quiet   bool // no progress, no notes; warnings and errors still print
	verbose bool // timings and details
	noColor bool
}

// stream is standard output or standard error as the commands see them: the
// process's stream, whether it is a terminal, and the global options. Commands
// keep writing to an io.Writer; the helpers below (colorFor, notef, verbosef,
// newProgress) recover the stream to decide what to print.
type stream struct {
	w    io.Writer
	term bool
	opts *globalOptions
}

func (s *stream) Write(p []byte) (int, error) { return s.w.Write(p) }

func newStream(w io.Writer, opts *globalOptions) *stream {
	return &stream{w: w, term: isTerminal(w), opts: opts}
}

// isTerminal tells whether w is a terminal (a *os.File on a tty).
func isTerminal(w io.Writer) bool {
	if s, ok := w.(*stream); ok {
		return s.term
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// optionsOf returns the global options a writer carries (the zero options for
// a writer that is not one of the process's streams).
func optionsOf(w io.Writer) globalOptions {
	if s, ok := w.(*stream); ok && s.opts != nil {
		return *s.opts
	}
	return globalOptions{}
}

// colorFor tells whether to colour output written to w. One rule for every
// command and output: only on a terminal, never with NO_COLOR set (to anything
// but ""), never with --no-color (the root's flag, or a command's own noColor).
func colorFor(w io.Writer, noColor bool) bool {
	if noColor || optionsOf(w).noColor {
		return false
	}
	if v, ok := os.LookupEnv("NO_COLOR"); ok && v != "" {
		return false
	}
	return isTerminal(w)
}

// quiet tells whether --quiet was given.
func quiet(w io.Writer) bool { return optionsOf(w).quiet }

// verbose tells whether --verbose was given.
func verbose(w io.Writer) bool { return optionsOf(w).verbose }

// notef prints an informational note (what was written, what was recorded,
// how a period was clipped) unless --quiet. Warnings and errors are not notes.
func notef(w io.Writer, format string, args ...any) {
	if quiet(w) {
		return
	}
	fmt.Fprintf(w, format, args...)
}

// verbosef prints a detail (timings, counts) only with --verbose.
func verbosef(w io.Writer, format string, args ...any) {
	if !verbose(w) {
		return
	}
	fmt.Fprintf(w, format, args...)
}

// progress draws a one-line progress bar on stderr, only when stderr is a
// terminal and --quiet was not given; otherwise every method does nothing, so
// CI logs and pipes never see it. It is safe for concurrent use, since the
// engine reports from its workers. With --verbose, each stage's duration is
// printed when the next begins (on any stderr: timings are not a bar).
type progress struct {
	w       io.Writer
	draw    bool
	timings bool

	mu      sync.Mutex
	stage   string
	begun   time.Time
	done    int
	total   int
	drawn   time.Time
	visible bool
}

// progressInterval is the least time between two redraws.
const progressInterval = 80 * time.Millisecond

func newProgress(stderr io.Writer) *progress {
	o := optionsOf(stderr)
	return &progress{w: stderr, draw: isTerminal(stderr) && !o.quiet, timings: o.verbose && !o.quiet}
}

// Update reports that done of total steps of stage are complete. A new stage
// name starts a new bar.
func (p *progress) Update(stage string, done, total int) {
	if p == nil || (!p.draw && !p.timings) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if stage != p.stage {
		p.endStage(now)
		p.stage, p.begun, p.drawn = stage, now, time.Time{}
	}
	p.done, p.total = done, total
	if p.draw && (done >= total || now.Sub(p.drawn) >= progressInterval) {
		p.drawn = now
		p.visible = true
		fmt.Fprintf(p.w, "\r%s\x1b[K", progressLine(stage, done, total))
	}
}

// Func adapts the bar to a callback that reports one stage's counts.
func (p *progress) Func(stage string) func(done, total int) {
	return func(done, total int) { p.Update(stage, done, total) }
}

// Done clears the bar, so what follows starts on a clean line.
func (p *progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endStage(time.Now())
	p.stage = ""
}

// endStage clears the bar and, with --verbose, prints the stage's timing.
func (p *progress) endStage(now time.Time) {
	if p.visible {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.visible = false
	}
	if p.timings && p.stage != "" {
		fmt.Fprintf(p.w, "%s: %d of %d in %s\n", p.stage, p.done, p.total, now.Sub(p.begun).Round(time.Millisecond))
	}
}

// progressLine renders "stage [=====>     ] 12/40" within 79 columns.
func progressLine(stage string, done, total int) string {
	const width = 30
	if len(stage) > 30 {
		stage = stage[:29] + "…"
	}
	filled := 0
	if total > 0 {
		filled = min(width, done*width/total)
	}
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	return fmt.Sprintf("%s [%s] %d/%d", stage, bar, done, total)
}

// addGlobalFlags adds the flags every command takes to the root.
func addGlobalFlags(root *cobra.Command, opts *globalOptions) {
	f := root.PersistentFlags()
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "print no progress and no notes on stderr (warnings and errors still print)")
	f.BoolVarP(&opts.verbose, "verbose", "v", false, "print timings and details on stderr")
	f.BoolVar(&opts.noColor, "no-color", false, "never colour output (colour is used only on a terminal; NO_COLOR is honoured too)")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if opts.quiet && opts.verbose {
			return usageError("--quiet and --verbose contradict each other: give one")
		}
		return nil
	}
}

// checkChoice refuses a flag value that is not one of the choices, naming
// them and the closest one.
func checkChoice(flag, value string, choices ...string) error {
	if slices.Contains(choices, value) {
		return nil
	}
	list := strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
	return usageError("invalid %s %q: give %s.%s", flag, value, list, addrs.Suggest(value, choices))
}

// writeOutput writes a command's data to path (whole or not at all, see
// writeFileAtomic) and then prints the note to stderr; without a path it
// writes the data to stdout and no note.
func writeOutput(io IO, path string, data []byte, note string) error {
	if path != "" {
		if err := writeFileAtomic(path, data); err != nil {
			return &exitError{code: result.ExitConfig, msg: err.Error()}
		}
		notef(io.Stderr, "%s", note)
		return nil
	}
	if _, err := io.Stdout.Write(data); err != nil {
		return &exitError{code: result.ExitConfig, msg: err.Error()}
	}
	return nil
}
