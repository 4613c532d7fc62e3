package command

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/socle-dev/socle/providers"
)

// Type is the "command" provider type.
type Type struct{}

var (
	_ providers.Type      = Type{}
	_ providers.Collector = (*instance)(nil)
)

// Name returns "command".
func (Type) Name() string { return "command" }

const (
	defaultTimeout   = 30 * time.Second
	defaultMaxOutput = 64 << 20 // bytes
)

var schema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "command", Required: true},
		{Name: "timeout"},
		{Name: "max_output"},
		{Name: "dir"},
		{Name: "env"},
	},
}

// Configure validates a provider "command" block: the program and its
// arguments, and the limits and environment it runs with.
func (Type) Configure(body hcl.Body, ctx *hcl.EvalContext, env providers.Env) (providers.Instance, hcl.Diagnostics) {
	content, diags := body.Content(schema)
	in := &instance{env: env, dir: ".", timeout: defaultTimeout, maxOutput: defaultMaxOutput}
	if attr, ok := content.Attributes["command"]; ok {
		argv, d := commandAttribute(attr, ctx)
		diags = append(diags, d...)
		in.argv = argv
		in.shown = shownArgs(attr, argv)
	}
	if attr, ok := content.Attributes["timeout"]; ok {
		s, d := providers.StringAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			t, err := time.ParseDuration(s)
			if err != nil || t <= 0 {
				diags = append(diags, invalid(attr, fmt.Sprintf("The timeout %q is not a positive duration; write it like \"30s\", \"2m\" or \"1h30m\".", s)))
			}
			in.timeout = t
		}
	}
	if attr, ok := content.Attributes["max_output"]; ok {
		n, d := maxOutputAttribute(attr, ctx)
		diags = append(diags, d...)
		in.maxOutput = n
	}
	if attr, ok := content.Attributes["dir"]; ok {
		p, d := providers.PathAttribute(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() && strings.ContainsAny(p, "*?[") {
			diags = append(diags, invalid(attr, fmt.Sprintf("The dir %q is a glob; name one directory of the policy repository.", p)))
		}
		in.dir = p
	}
	if attr, ok := content.Attributes["env"]; ok {
		vars, d := envAttribute(attr, ctx)
		diags = append(diags, d...)
		in.vars = vars
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return in, diags
}

// instance is one configured provider "command" block.
type instance struct {
	env       providers.Env
	argv      []string          // the program and its arguments
	shown     []string          // argv as Params record it: computed arguments hidden
	dir       string            // cleaned directory inside the repository
	timeout   time.Duration     // for the whole run
	maxOutput int64             // bytes of standard output
	vars      map[string]string // added to the environment
}

func invalid(attr *hcl.Attribute, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Invalid value for " + attr.Name,
		Detail:   detail,
		Subject:  attr.Expr.Range().Ptr(),
	}
}

// commandAttribute evaluates command: a non-empty list of strings whose
// first element, the program, is not empty.
func commandAttribute(attr *hcl.Attribute, ctx *hcl.EvalContext) ([]string, hcl.Diagnostics) {
	val, diags := attr.Expr.Value(ctx)
	if diags.HasErrors() {
		return nil, diags
	}
	val, _ = val.UnmarkDeep()
	const want = `The command is a list of strings, the program then its arguments, such as ["scripts/export-users", "--format", "json"]; it is run without a shell.`
	if val.IsNull() || !val.IsWhollyKnown() || !(val.Type().IsListType() || val.Type().IsTupleType()) {
		return nil, append(diags, invalid(attr, want))
	}
	var argv []string
	for it := val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.IsNull() && e.Type().IsPrimitiveType() && e.Type() != cty.String {
			if s, err := convertString(e); err == nil {
				e = s
			}
		}
		if e.IsNull() || e.Type() != cty.String {
			return nil, append(diags, invalid(attr, fmt.Sprintf("Element %d of the command is not a string. %s", len(argv)+1, want)))
		}
		argv = append(argv, e.AsString())
	}
	if len(argv) == 0 || argv[0] == "" {
		return nil, append(diags, invalid(attr, "The command names no program. "+want))
	}
	for i, a := range argv {
		if strings.ContainsRune(a, 0) {
			return nil, append(diags, invalid(attr, fmt.Sprintf("Element %d of the command holds a NUL character, which no program can receive.", i+1)))
		}
	}
	return argv, diags
}

// shownArgs is the command as the document's parameters record it: the
// program, and each argument as written in the configuration, except those
// computed from variables or functions (env("TOKEN"), say), which could be
// secrets and are recorded as "(computed)".
func shownArgs(attr *hcl.Attribute, argv []string) []string {
	if argv == nil {
		return nil
	}
	shown := append([]string(nil), argv...)
	if _, d := attr.Expr.Value(nil); !d.HasErrors() {
		return shown // all literal
	}
	exprs, d := hcl.ExprList(attr.Expr)
	for i := 1; i < len(shown); i++ {
		if d.HasErrors() || len(exprs) != len(argv) {
			shown[i] = "(computed)"
			continue
		}
		if _, d := exprs[i].Value(nil); d.HasErrors() {
			shown[i] = "(computed)"
		}
	}
	return shown
}

// maxOutputAttribute evaluates max_output: a whole number of bytes, at
// least 1.
func maxOutputAttribute(attr *hcl.Attribute, ctx *hcl.EvalContext) (int64, hcl.Diagnostics) {
	val, diags := attr.Expr.Value(ctx)
	if diags.HasErrors() {
		return 0, diags
	}
	val, _ = val.UnmarkDeep()
	if val.IsNull() || !val.IsKnown() || val.Type() != cty.Number {
		return 0, append(diags, invalid(attr, "max_output is a number of bytes, such as 1048576 (1 MiB)."))
	}
	f := val.AsBigFloat()
	n, acc := f.Int64()
	if !f.IsInt() || acc != big.Exact || n < 1 || n == math.MaxInt64 {
		return 0, append(diags, invalid(attr, fmt.Sprintf("max_output is %s; it must be a whole number of bytes, at least 1.", f.Text('g', 10))))
	}
	return n, diags
}

// envAttribute evaluates env: an object or map of strings, keyed by valid
// environment variable names.
func envAttribute(attr *hcl.Attribute, ctx *hcl.EvalContext) (map[string]string, hcl.Diagnostics) {
	val, diags := attr.Expr.Value(ctx)
	if diags.HasErrors() {
		return nil, diags
	}
	val, _ = val.UnmarkDeep()
	const want = `env is a map of environment variables to add, such as { REPORT_FORMAT = "json" }.`
	if val.IsNull() || !val.IsWhollyKnown() || !(val.Type().IsObjectType() || val.Type().IsMapType()) {
		return nil, append(diags, invalid(attr, want))
	}
	vars := map[string]string{}
	var names []string
	for it := val.ElementIterator(); it.Next(); {
		k, v := it.Element()
		names = append(names, k.AsString())
		vars[k.AsString()] = ""
		if !v.IsNull() && v.Type().IsPrimitiveType() && v.Type() != cty.String {
			if s, err := convertString(v); err == nil {
				v = s
			}
		}
		if v.IsNull() || v.Type() != cty.String {
			return nil, append(diags, invalid(attr, fmt.Sprintf("The value of %s is not a string. %s", k.AsString(), want)))
		}
		vars[k.AsString()] = v.AsString()
	}
	sort.Strings(names)
	for _, name := range names {
		if name == "" || strings.ContainsAny(name, "=\x00") {
			return nil, append(diags, invalid(attr, fmt.Sprintf("%q is not an environment variable name: a name is not empty and holds no \"=\".", name)))
		}
		if strings.ContainsRune(vars[name], 0) {
			return nil, append(diags, invalid(attr, fmt.Sprintf("The value of %s holds a NUL character, which the environment cannot hold.", name)))
		}
	}
	return vars, diags
}

// convertString turns a number or a bool into its string, as HCL does for
// string arguments.
func convertString(v cty.Value) (cty.Value, error) {
	return convert.Convert(v, cty.String)
}
