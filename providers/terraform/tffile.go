package terraform

import (
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"

	"github.com/socle-dev/socle/providers"
)

// The blocks of a Terraform configuration file that declare resources or
// call modules. Everything else (variables, outputs, providers, locals, …) is
// left alone: socle only needs where each resource is declared.
var (
	fileSchema = &hcl.BodySchema{
		Blocks: []hcl.BlockHeaderSchema{
			{Type: "resource", LabelNames: []string{"type", "name"}},
			{Type: "data", LabelNames: []string{"type", "name"}},
			{Type: "module", LabelNames: []string{"name"}},
			{Type: "check", LabelNames: []string{"name"}},
		},
	}
	// A check block may declare a data source of its own, which Terraform
	// addresses as any other data source of the module.
	checkSchema = &hcl.BodySchema{
		Blocks: []hcl.BlockHeaderSchema{
			{Type: "data", LabelNames: []string{"type", "name"}},
		},
	}
	moduleSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "source", Required: true}},
	}
	// An override file may leave a module's source as it is.
	overrideModuleSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "source"}},
	}
)

// blockKey names a resource block inside its module: its mode ("managed" for
// a resource block, "data" for a data block), type and name, as a plan
// or state names a resource instance's block.
type blockKey struct {
	mode, typ, name string
}

// declaration is a resource or data block of a file.
type declaration struct {
	key          blockKey
	line, column int // where the block header starts
}

// call is a module block of a file.
type call struct {
	name string
	// source is the module source address as written, when it is a literal
	// string (as Terraform requires); hasSource is false when the block has
	// no source or it is not a literal.
	source    string
	hasSource bool
	block     hcl.Range // the block header
	at        hcl.Range // the source attribute, or the block header
}

// fileContent is what socle reads of one configuration file.
type fileContent struct {
	declarations []declaration
	calls        []call
}

// isOverride reports whether name is an override file, whose blocks Terraform
// merges into the blocks of the same name declared in the other files.
func isOverride(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(path.Base(name), ".json"), ".tf")
	return base == "override" || strings.HasSuffix(base, "_override")
}

// isConfigFile reports whether Terraform reads the file named name as part of
// a module: .tf and .tf.json files, except the backup and temporary files
// editors leave (".x.tf", "x.tf~", "#x.tf#").
func isConfigFile(name string) bool {
	if !strings.HasSuffix(name, ".tf") && !strings.HasSuffix(name, ".tf.json") {
		return false
	}
	return !strings.HasPrefix(name, ".") && !strings.HasSuffix(name, "~") &&
		!(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"))
}

// parseFile reads the resource, data and module blocks of the configuration
// file named file (a repository path, used in positions): native syntax, or
// JSON syntax for a .tf.json file. Expressions are not evaluated, except a
// module's source, which must be a literal string. Problems (a syntax error, a
// block without its labels) are returned as warnings with their position;
// what could be read despite them is returned too, as HCL recovers after an
// error.
func parseFile(file string, data []byte) (content *fileContent, warnings []*providers.SourceError) {
	defer func() {
		// The parser is run on files from pull requests; a fault in it must
		// cost a location, never the evaluation.
		if r := recover(); r != nil {
			content = &fileContent{}
			warnings = append(warnings, &providers.SourceError{
				File:    file,
				Summary: "Unreadable Terraform configuration",
				Detail:  fmt.Sprintf("the HCL parser failed on this file (%v); resources declared in it have no source location", r),
			})
		}
	}()
	warn := func(diags hcl.Diagnostics) {
		for _, d := range diags {
			if d.Severity == hcl.DiagError {
				warnings = append(warnings, diagnosticWarning(file, d))
			}
		}
	}
	var f *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(file, ".json") {
		f, diags = hcljson.Parse(data, file)
	} else {
		f, diags = hclsyntax.ParseConfig(data, file, hcl.InitialPos)
	}
	warn(diags)
	content = &fileContent{}
	if f == nil || f.Body == nil {
		return content, warnings
	}
	body, _, diags := f.Body.PartialContent(fileSchema)
	warn(diags)
	override := isOverride(file)
	for _, b := range body.Blocks {
		switch b.Type {
		case "resource", "data":
			content.declare(b)
		case "check":
			inner, _, diags := b.Body.PartialContent(checkSchema)
			warn(diags)
			for _, d := range inner.Blocks {
				content.declare(d)
			}
		case "module":
			schema := moduleSchema
			if override {
				schema = overrideModuleSchema
			}
			attrs, _, diags := b.Body.PartialContent(schema)
			warn(diags)
			c := call{name: b.Labels[0], block: b.DefRange, at: b.DefRange}
			if attr := attrs.Attributes["source"]; attr != nil {
				c.at = attr.Expr.Range()
				c.source, c.hasSource = literalString(attr.Expr)
				if !c.hasSource {
					warnings = append(warnings, &providers.SourceError{
						File:    file,
						Line:    c.at.Start.Line,
						Column:  c.at.Start.Column,
						Summary: "Invalid module source",
						Detail:  fmt.Sprintf("the source of module %q must be a literal string, as Terraform requires; the module's resources have no source location", c.name),
					})
				}
			}
			content.calls = append(content.calls, c)
		}
	}
	return content, warnings
}

func (c *fileContent) declare(b *hcl.Block) {
	mode := "managed"
	if b.Type == "data" {
		mode = "data"
	}
	c.declarations = append(c.declarations, declaration{
		key:    blockKey{mode: mode, typ: b.Labels[0], name: b.Labels[1]},
		line:   b.DefRange.Start.Line,
		column: b.DefRange.Start.Column,
	})
}

// literalString returns the value of expr when it is a constant string. It
// is evaluated without variables or functions, as Terraform reads a module
// source: a reference or a function call is not a literal.
func literalString(expr hcl.Expression) (string, bool) {
	if len(expr.Variables()) > 0 {
		return "", false
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() || v.IsNull() || !v.IsKnown() || !v.Type().Equals(cty.String) {
		return "", false
	}
	return v.AsString(), true
}

// diagnosticWarning turns an HCL error about file into a warning: a
// configuration socle cannot read costs resource locations, not the plan.
func diagnosticWarning(file string, d *hcl.Diagnostic) *providers.SourceError {
	w := &providers.SourceError{
		File:    file,
		Summary: "Invalid Terraform configuration",
		Detail:  d.Summary,
	}
	if d.Detail != "" {
		w.Detail += ": " + strings.TrimSuffix(d.Detail, ".")
	}
	w.Detail += "; resources declared in this file may have no source location until it is fixed (terraform validate reports the same error)"
	if d.Subject != nil {
		w.Line, w.Column = d.Subject.Start.Line, d.Subject.Start.Column
	}
	return w
}
