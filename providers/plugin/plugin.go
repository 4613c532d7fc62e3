package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/socle-dev/socle/providers"
)

// Type is the provider type of one plug-in executable: provider "NAME"
// blocks are configured and loaded by running it. Use one Type per
// executable and run: it asks the plug-in for its schema once and keeps the
// answer.
type Type struct {
	name string
	exe  string

	// SchemaTimeout bounds how long the plug-in may take to answer schema;
	// zero means DefaultSchemaTimeout.
	SchemaTimeout time.Duration
	// Timeout bounds how long it may take to answer load or collect; zero
	// means DefaultTimeout. The context given to Load or Collect may end it
	// sooner.
	Timeout time.Duration
	// MaxOutput bounds how many bytes it may write to its standard output in
	// answer to load or collect; zero means DefaultMaxOutput.
	MaxOutput int64

	once      sync.Once
	schema    *Schema
	schemaErr error
}

var _ providers.Type = (*Type)(nil)

// New returns the provider type name run by the executable exe, an absolute
// path (see Discover).
func New(name, exe string) *Type {
	return &Type{name: name, exe: exe}
}

// Name returns the provider type's name, the label of its provider blocks.
func (t *Type) Name() string { return t.name }

// Path returns the plug-in's executable.
func (t *Type) Path() string { return t.exe }

// Schema runs the plug-in's schema request, the first time it is called, and
// returns the answer.
func (t *Type) Schema() (*Schema, error) {
	t.once.Do(func() {
		req, _ := json.Marshal(request{Protocol: Protocol, Method: "schema"})
		limit := orDefault(t.SchemaTimeout, DefaultSchemaTimeout)
		out, stderr, err := t.call(context.Background(), "schema", req, "", limit, maxSchemaOutput)
		s, reported, derr := decodeSchema(out)
		if t.schemaErr = t.settle("schema", err, stderr, s != nil, reported, derr); t.schemaErr == nil {
			t.schema = s
		}
	})
	return t.schema, t.schemaErr
}

// settle decides what a run of the plug-in comes to: nil when its answer
// is to be used. runErr is how the run ended (see call); answered tells
// whether the output held an answer (a schema, a document); reported is the
// error the plug-in reported; decodeErr an output socle cannot read. An
// answer is used only when the plug-in exited with status 0; with another
// status, an error response or a protocol version mismatch still says more
// than the status.
func (t *Type) settle(method string, runErr error, stderr string, answered bool, reported, decodeErr error) error {
	var exit exitError
	if errors.As(runErr, &exit) {
		switch {
		case decodeErr == nil && reported != nil:
			return t.wrap(method, reported, exit.err.Stderr)
		case errors.Is(decodeErr, ErrProtocolVersion):
			// Likely a plug-in refusing socle's request in its own version.
			return t.wrap(method, decodeErr, exit.err.Stderr)
		}
		if decodeErr == nil && answered {
			exit.err.Detail += "; socle uses an answer only when the plug-in exits with status 0"
		}
		return exit.err
	}
	switch {
	case runErr != nil:
		return runErr
	case decodeErr != nil:
		return t.wrap(method, decodeErr, stderr)
	case reported != nil:
		return t.wrap(method, reported, stderr)
	}
	return nil
}

// wrap fills in which plug-in and request an *Error is about.
func (t *Type) wrap(method string, err error, stderr string) error {
	var e *Error
	if errors.As(err, &e) {
		e.Plugin, e.Method = t.exe, method
		if e.Stderr == "" {
			e.Stderr = stderr
		}
	}
	return err
}

// request is what socle writes to a plug-in's standard input.
type request struct {
	Protocol   int             `json:"protocol"`
	Method     string          `json:"method"`
	Config     json.RawMessage `json:"config,omitempty"`
	Repository string          `json:"repository,omitempty"`
}

// Configure asks the plug-in for its schema and decodes the provider block
// with it: an unknown attribute, a missing required one or a value of the
// wrong type is a diagnostic on the block, as for a built-in type. A plug-in
// that cannot answer is a diagnostic on the block too.
func (t *Type) Configure(body hcl.Body, ctx *hcl.EvalContext, env providers.Env) (providers.Instance, hcl.Diagnostics) {
	s, err := t.Schema()
	if err != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Provider plug-in %s cannot be used", t.name),
			Detail:   fmt.Sprintf("socle asked %s for its configuration schema: %v", t.exe, err),
			Subject:  body.MissingItemRange().Ptr(),
		}}
	}
	spec := s.spec()
	val, diags := hcldec.Decode(body, spec, ctx)
	if diags.HasErrors() {
		return nil, diags
	}
	config, d := configJSON(body, spec, s, val)
	diags = append(diags, d...)
	if diags.HasErrors() {
		return nil, diags
	}
	repo, err := filepath.Abs(env.Dir)
	if err != nil {
		return nil, append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Policy repository not found",
			Detail:   fmt.Sprintf("socle cannot tell the absolute path of the policy repository %q for plug-in %s: %v.", env.Dir, t.name, err),
			Subject:  body.MissingItemRange().Ptr(),
		})
	}
	in := &instance{typ: t, schema: s, config: config, repo: repo}
	if s.Collect {
		return &collector{in}, diags
	}
	return in, diags
}

// configJSON turns the decoded block into the request's config: a JSON
// object of the attributes set, null ones left out.
func configJSON(body hcl.Body, spec hcldec.ObjectSpec, s *Schema, val cty.Value) (json.RawMessage, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	bad := func(name, summary, detail string) {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  summary,
			Detail:   detail,
			Subject:  hcldec.SourceRange(body, spec[name]).Ptr(),
		})
	}
	var b strings.Builder
	b.WriteByte('{')
	for _, name := range s.Names() {
		v, _ := val.GetAttr(name).UnmarkDeep()
		switch {
		case v.IsNull():
			if s.Attributes[name].Required {
				bad(name, "Invalid value for "+name, fmt.Sprintf("The argument %q is required and must not be null.", name))
			}
			continue
		case !v.IsWhollyKnown():
			bad(name, "Invalid value for "+name, fmt.Sprintf("The value of %q must be known when the configuration is loaded.", name))
			continue
		}
		data, err := ctyjson.Marshal(v, v.Type())
		if err != nil {
			bad(name, "Invalid value for "+name, fmt.Sprintf("The value of %q cannot be written as JSON for the plug-in: %v.", name, err))
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(name)
		b.Write(key)
		b.WriteByte(':')
		b.Write(data)
	}
	b.WriteByte('}')
	return json.RawMessage(b.String()), diags
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
