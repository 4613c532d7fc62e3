package command

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/socle-dev/socle/evaluator/config"
	"github.com/socle-dev/socle/evaluator/frameworks"
	"github.com/socle-dev/socle/evaluator/output"
	"github.com/socle-dev/socle/evaluator/owners"
	"github.com/socle-dev/socle/evaluator/readiness"
	"github.com/socle-dev/socle/evaluator/result"
	"github.com/spf13/cobra"
	"github.com/zclconf/go-cty/cty"
)

// Shell completion: cobra's completion command (bash, zsh, fish, powershell)
// and its hidden __complete command, which calls the functions below. They are
// registered on the whole command tree at once, by flag name, so a command
// that declares --control or --provider completes them without code of its own.

// flagCompletions complete a flag by its name, on every command that has it.
var flagCompletions = map[string]cobra.CompletionFunc{
	"control":   completeControls,
	"provider":  completeProviders,
	"objective": completeObjectives,
	"owner":     completeOwners,
	"fail-on":   cobra.FixedCompletions([]string{"low", "medium", "high", "critical", "none"}, cobra.ShellCompDirectiveNoFileComp),
	"status":    cobra.FixedCompletions([]string{string(result.StatusPass), string(result.StatusFail), string(result.StatusNotTested), string(result.StatusError)}, cobra.ShellCompDirectiveNoFileComp),
	"repo":      dirCompletion,
	"store":     cobra.NoFileCompletions,
	"framework": cobra.FixedCompletions(frameworks.Names(), cobra.ShellCompDirectiveNoFileComp),
	"criteria":  completeCriteria,
}

// completeCriteria completes --criteria with the groups of the framework
// --framework names, after any given before a comma.
func completeCriteria(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	name, _ := cmd.Flags().GetString("framework")
	f, ok := frameworks.Lookup(name)
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	before := toComplete[:strings.LastIndexByte(toComplete, ',')+1]
	var out []string
	for _, g := range f.Groups() {
		out = append(out, before+g)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// formatCompletions complete --format per command path (the formats differ).
var formatCompletions = map[string][]string{
	"socle eval":      output.Names(),
	"socle merge":     mergeFormats(),
	"socle readiness": readiness.Formats,
	"socle owners":    owners.Formats,
}

// registerCompletions walks the command tree: flags by name, [DIR] arguments
// as directories, and a did-you-mean for unknown subcommands of a command
// that only groups others.
func registerCompletions(cmd *cobra.Command) {
	for name, f := range flagCompletions {
		if cmd.Flags().Lookup(name) != nil || cmd.PersistentFlags().Lookup(name) != nil {
			_ = cmd.RegisterFlagCompletionFunc(name, f) // a flag inherited from a parent is registered there
		}
	}
	if values, ok := formatCompletions[cmd.CommandPath()]; ok {
		_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
	}
	if cmd.ValidArgsFunction == nil && strings.HasSuffix(cmd.Use, "[DIR]") && !strings.Contains(cmd.Use, " CONTROL") {
		cmd.ValidArgsFunction = dirCompletion
	}
	if cmd.HasParent() && cmd.HasSubCommands() && cmd.Run == nil && cmd.RunE == nil {
		// cobra shows the help of a command that only groups others,
		// whatever its arguments: refuse an unknown one instead.
		cmd.Args = knownSubcommand
		cmd.RunE = func(cmd *cobra.Command, args []string) error { return cmd.Help() }
	}
	for _, c := range cmd.Commands() {
		registerCompletions(c)
	}
}

// knownSubcommand refuses an unknown subcommand with a suggestion (cobra
// suggests only for the root's commands).
func knownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	cmd.SuggestionsMinimumDistance = 2
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(". Did you mean %q?", s[0])
	}
	return usageError("%s; '%s --help' lists its commands", msg, cmd.CommandPath())
}

func dirCompletion(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return nil, cobra.ShellCompDirectiveFilterDirs
}

// completionConfig parses the policy repository a completion is about:
// --repo when the command has it, else the first argument that is a
// directory, else the current directory. Only the HCL is parsed (no Rego is
// compiled, no provider configured), so a shell's tab stays quick; errors are
// ignored: completion offers what parsed.
func completionConfig(cmd *cobra.Command, args []string) *config.Config {
	dir := "."
	if f := cmd.Flags().Lookup("repo"); f != nil && f.Value.String() != "" {
		dir = f.Value.String()
	} else {
		for _, a := range args {
			if st, err := os.Stat(a); err == nil && st.IsDir() {
				dir = a
				break
			}
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil
	}
	defer root.Close()
	cfg, _ := config.Load(root.FS(), dir)
	return cfg
}

// described is a completion candidate with a literal string expression (a
// title) as the description shells show.
func described(name string, expr hcl.Expression) string {
	if expr != nil {
		if v, diags := expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			return name + "\t" + oneLine(v.AsString())
		}
	}
	return name
}

// controlNames lists a repository's control names, each with its title.
func controlNames(cfg *config.Config) []string {
	if cfg == nil {
		return nil
	}
	var out []string
	for name, c := range cfg.Controls {
		out = append(out, described(name, c.Title))
	}
	slices.Sort(out)
	return out
}

func completeControls(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	return controlNames(completionConfig(cmd, args)), cobra.ShellCompDirectiveNoFileComp
}

func completeProviders(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	cfg := completionConfig(cmd, args)
	if cfg == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for a := range cfg.Providers {
		out = append(out, a.String())
	}
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}

func completeObjectives(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	cfg := completionConfig(cmd, args)
	if cfg == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for name, o := range cfg.Objectives {
		out = append(out, described(name, o.Title))
	}
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// completeOwners offers the owners the controls name literally, or through
// a literal local (an owner computed otherwise needs the whole repository
// loaded, which completion does not do).
func completeOwners(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	cfg := completionConfig(cmd, args)
	if cfg == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	seen := map[string]bool{}
	literal := func(e hcl.Expression) {
		if v, diags := e.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			seen[v.AsString()] = true
		}
	}
	for _, c := range cfg.Controls {
		if c.Owner == nil {
			continue
		}
		// owner = local.NAME, a local that is a literal: the catalog's way.
		if tr, diags := hcl.AbsTraversalForExpr(c.Owner); !diags.HasErrors() && len(tr) == 2 && tr.RootName() == "local" {
			if a, ok := tr[1].(hcl.TraverseAttr); ok && cfg.Locals[a.Name] != nil {
				literal(cfg.Locals[a.Name].Expr)
			}
			continue
		}
		literal(c.Owner)
	}
	out := make([]string, 0, len(seen))
	for o := range seen {
		out = append(out, o)
	}
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp
}
