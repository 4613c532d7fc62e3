package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The getting-started guide is run as written: this test reads
// docs/getting-started.md, writes each file it shows (a fenced block whose
// info string names it, as ```hcl file=acme/main.hcl), runs each command of
// its ```console blocks ("$ socle …", "$ echo $?") in a temporary directory,
// in the order a reader meets them, and checks that every output line the
// guide shows is printed. "…" in a shown line stands for any text. A command
// that fails must be followed by "$ echo $?" showing its exit code. So the
// guide and socle cannot drift apart.

// guideStep is a file to write or a command to run, with its expected output.
type guideStep struct {
	line    int    // in the guide
	file    string // a file to write, or
	content string
	command string // a command to run
	want    []string
}

func readGuide(t *testing.T, path string) []guideStep {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var steps []guideStep
	sc := bufio.NewScanner(f)
	n := 0
	inFence, console := false, false
	var file *guideStep
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			if inFence {
				inFence, console = false, false
				if file != nil {
					steps = append(steps, *file)
					file = nil
				}
				continue
			}
			inFence = true
			info := strings.Fields(strings.TrimPrefix(line, "```"))
			console = len(info) > 0 && info[0] == "console"
			for _, attr := range info {
				if name, ok := strings.CutPrefix(attr, "file="); ok {
					file = &guideStep{line: n, file: name}
				}
			}
			continue
		}
		switch {
		case !inFence:
		case file != nil:
			file.content += line + "\n"
		case console:
			if cmd, ok := strings.CutPrefix(line, "$ "); ok {
				steps = append(steps, guideStep{line: n, command: cmd})
			} else if len(steps) > 0 && steps[len(steps)-1].command != "" && strings.TrimSpace(line) != "" {
				steps[len(steps)-1].want = append(steps[len(steps)-1].want, strings.TrimSpace(line))
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return steps
}

// shellWords splits a command line as a shell would for the simple commands
// the guide uses: words separated by spaces, "double" or 'single' quotes.
func shellWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errors.New("unterminated quote")
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}

// shownLine matches one line the guide shows against an output line: "…"
// stands for any text, and a run of spaces for any run of spaces (columns
// widen with what they hold).
func shownLine(want string) *regexp.Regexp {
	parts := strings.Split(want, "…")
	for i, p := range parts {
		words := strings.Fields(p)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
		if strings.HasPrefix(p, " ") && i > 0 {
			parts[i] = `\s+` + parts[i]
		}
		if strings.HasSuffix(p, " ") && i < len(parts)-1 {
			parts[i] += `\s+`
		}
	}
	return regexp.MustCompile(strings.Join(parts, ".*"))
}

func TestGettingStarted(t *testing.T) {
	steps := readGuide(t, filepath.Join(repoRoot(t), "docs", "getting-started.md"))
	commands := 0
	for _, s := range steps {
		if s.command != "" {
			commands++
		}
	}
	if commands < 10 {
		t.Fatalf("the guide shows %d commands; the parser must have missed its console blocks", commands)
	}
	dir := t.TempDir()
	env := []string{"NO_COLOR=1"}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SOCLE_") && !strings.HasPrefix(kv, "NO_COLOR=") {
			env = append(env, kv)
		}
	}
	lastCode, lastChecked := 0, true
	lastCommand := ""
	for _, s := range steps {
		where := fmt.Sprintf("docs/getting-started.md:%d", s.line)
		if s.file != "" {
			p := filepath.Join(dir, filepath.FromSlash(s.file))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(s.content), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		words, err := shellWords(s.command)
		if err != nil || len(words) == 0 {
			t.Fatalf("%s: cannot read the command %q: %v", where, s.command, err)
		}
		var output string
		switch {
		case s.command == "echo $?":
			output = strconv.Itoa(lastCode) + "\n"
			lastChecked = true
		case words[0] == "socle":
			if !lastChecked {
				t.Errorf("%s: %q exited %d, but the guide does not show it (follow it with $ echo $?)", where, lastCommand, lastCode)
			}
			cmd := exec.Command(binary, words[1:]...)
			cmd.Dir, cmd.Env = dir, env
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			lastCode = 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				lastCode = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			lastChecked, lastCommand = lastCode == 0, s.command
			output = out.String()
		default:
			t.Fatalf("%s: the guide runs %q; this test runs socle commands and echo $? only (extend it, or show the step another way)", where, s.command)
		}
		lines := strings.Split(output, "\n")
		for _, w := range s.want {
			if strings.Trim(w, "… ") == "" {
				continue
			}
			re, found := shownLine(w), false
			for _, l := range lines {
				if re.MatchString(l) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: $ %s\nthe guide shows %q, socle printed:\n%s", where, s.command, w, output)
			}
		}
	}
	if !lastChecked {
		t.Errorf("the guide's last command %q exited %d without showing it", lastCommand, lastCode)
	}
}
