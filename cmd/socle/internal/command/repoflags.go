package command

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/socle-dev/socle/evaluator/diag"
	"github.com/spf13/pflag"
)

// repoOptions are the flags every command that loads a repository shares.
type repoOptions struct {
	dir        string
	vars       []evaluator.VarArg
	asOf       string
	pluginDirs []string
	allowExec  bool
}

// varValue appends -var and -var-file arguments to one list, keeping their
// command-line order (later values win).
type varValue struct {
	list *[]evaluator.VarArg
	file bool
}

func (v *varValue) String() string { return "" }
func (v *varValue) Type() string {
	if v.file {
		return "FILE"
	}
	return "NAME=VALUE"
}
func (v *varValue) Set(s string) error {
	*v.list = append(*v.list, evaluator.VarArg{File: v.file, Value: s})
	return nil
}

func (o *repoOptions) addFlags(fs *pflag.FlagSet) {
	fs.Var(&varValue{list: &o.vars}, "var", "set a variable: -var NAME=VALUE (repeatable)")
	fs.Var(&varValue{list: &o.vars, file: true}, "var-file", "read variables from an HCL or JSON file inside the repository (repeatable)")
	fs.StringVar(&o.asOf, "as-of", "", "judge waivers at this date (YYYY-MM-DD) or RFC 3339 time; default now")
	fs.BoolVar(&o.allowExec, "allow-exec", false, "allow providers that run a program the repository names (command); for scheduled jobs you control, never for untrusted pull requests (SOCLE_ALLOW_EXEC=1 too)")
	fs.StringArrayVar(&o.pluginDirs, "plugin-dir", nil, "look for provider plug-ins (socle-provider-TYPE) in this directory before PATH (repeatable; SOCLE_PLUGIN_PATH too)")
}

// parseAsOf reads --as-of: a date (its start, UTC) or an RFC 3339 time.
func parseAsOf(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC().Truncate(time.Second), nil
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("invalid --as-of %q: give a date (2026-11-25) or an RFC 3339 time (2026-11-25T12:00:00Z)", s)
}

// load loads the repository and prints its diagnostics to stderr. It returns an
// exit error (2) when the configuration has errors.
func (o *repoOptions) load(stderr io.Writer) (*evaluator.Repo, time.Time, error) {
	asOf, err := parseAsOf(o.asOf)
	if err != nil {
		return nil, asOf, usageError("%s", err)
	}
	dirs := append([]string{}, o.pluginDirs...)
	if env := os.Getenv("SOCLE_PLUGIN_PATH"); env != "" {
		dirs = append(dirs, filepath.SplitList(env)...)
	}
	allowExec := o.allowExec || os.Getenv("SOCLE_ALLOW_EXEC") == "1"
	started := time.Now()
	repo, diags := evaluator.Load(evaluator.Options{Dir: o.dir, Vars: o.vars, AsOf: asOf, PluginDirs: dirs, AllowExec: allowExec})
	var sources map[string][]byte
	if repo != nil {
		sources = repo.Sources()
	}
	o.printDiags(stderr, sources, diags)
	if diags.HasErrors() || repo == nil {
		return nil, asOf, exit(2)
	}
	verbosef(stderr, "loaded %s in %s: %d objectives, %d controls, %d provider instances, %d policy packages\n", o.dir,
		time.Since(started).Round(time.Millisecond), len(repo.Objectives), len(repo.Controls), len(repo.Providers), len(repo.Policies.Packages()))
	return repo, asOf, nil
}

func (o *repoOptions) printDiags(stderr io.Writer, sources map[string][]byte, diags hcl.Diagnostics) {
	if len(diags) == 0 {
		return
	}
	w := diag.NewWriter(stderr, sources, 0, colorFor(stderr, false))
	_ = w.Write(diags)
}

func dirArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}

// checkPatterns refuses --control patterns that select no control.
func checkPatterns(repo *evaluator.Repo, patterns []string) error {
	if missing := repo.UnmatchedPatterns(patterns); len(missing) > 0 {
		if s, ok := addrs.Closest(missing[0], repo.ControlNames()); ok {
			return usageError("--control %q matches no control. Did you mean %q? ('socle plan' lists the controls)", missing[0], s)
		}
		return usageError("--control %q matches no control; give a control name, a ref or a glob ('socle plan' lists them)", missing[0])
	}
	return nil
}

// settingsOptions are the load options of a command that reads only a
// repository's settings (report, evidence, sample): the operator's
// SOCLE_ALLOW_EXEC and SOCLE_PLUGIN_PATH, so a repository with a command
// provider or a plug-in loads there as it does for eval.
func settingsOptions(dir string) evaluator.Options {
	o := evaluator.Options{Dir: dir, AllowExec: os.Getenv("SOCLE_ALLOW_EXEC") == "1"}
	if env := os.Getenv("SOCLE_PLUGIN_PATH"); env != "" {
		o.PluginDirs = filepath.SplitList(env)
	}
	return o
}
