package postgres

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/zclconf/go-cty/cty"

	"github.com/socle-dev/socle/providers"
)

// Type is the "postgres" provider type.
type Type struct{}

var (
	_ providers.Type      = Type{}
	_ providers.Collector = (*instance)(nil)
)

// Name returns "postgres".
func (Type) Name() string { return "postgres" }

var schema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "dsn"},
		{Name: "schemas"},
		{Name: "snapshot"},
	},
}

// Configure validates a provider "postgres" block: a dsn (a PostgreSQL
// connection string, normally read with env()), the schemas whose table
// privileges are collected, and a snapshot file to load instead of the live
// server. At least one of dsn and snapshot is required.
func (Type) Configure(body hcl.Body, ctx *hcl.EvalContext, env providers.Env) (providers.Instance, hcl.Diagnostics) {
	content, diags := body.Content(schema)
	in := &instance{env: env, schemas: []string{"public"}}
	if attr, ok := content.Attributes["dsn"]; ok {
		diags = append(diags, in.configureDSN(attr, ctx)...)
	}
	if attr, ok := content.Attributes["schemas"]; ok {
		schemas, d := stringList(attr, ctx)
		diags = append(diags, d...)
		if !d.HasErrors() {
			in.schemas = schemas
		}
	}
	if attr, ok := content.Attributes["snapshot"]; ok {
		p, d := providers.PathAttribute(attr, ctx)
		diags = append(diags, d...)
		in.snapshot = p
	}
	if !diags.HasErrors() && in.config == nil && in.snapshot == "" {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing dsn or snapshot",
			Detail:   `A provider "postgres" block needs a dsn to read the live server (dsn = env("LEDGER_DSN")), a snapshot file written by socle collect, or both.`,
			Subject:  body.MissingItemRange().Ptr(),
		})
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return in, diags
}

// instance is one configured provider "postgres" block.
type instance struct {
	env      providers.Env
	config   *pgx.ConnConfig // nil without a dsn; holds the password: never print it
	dsn      string          // the connection string, only to scrub it from errors
	schemas  []string
	snapshot string // cleaned path, "" when unset
}

// configureDSN parses the connection string now, so that a malformed one is a
// diagnostic on the attribute. Neither the string nor the parser's message
// (which can quote it) reaches a diagnostic: only the parser's reason.
func (in *instance) configureDSN(attr *hcl.Attribute, ctx *hcl.EvalContext) hcl.Diagnostics {
	dsn, diags := providers.StringAttribute(attr, ctx)
	if diags.HasErrors() || dsn == "" {
		// An empty dsn counts as unset: dsn = env("LEDGER_DSN", "") beside a
		// snapshot works where the variable is not set.
		return diags
	}
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid value for dsn",
			Detail: fmt.Sprintf("The dsn is not a PostgreSQL connection string socle can use (%s). Write a URL such as postgres://USER@HOST:5432/DATABASE?sslmode=verify-full "+
				"or keyword/value pairs such as \"host=HOST dbname=DATABASE user=USER\", and keep the password out of the configuration: dsn = env(\"LEDGER_DSN\").", parseReason(err)),
			Subject: attr.Expr.Range().Ptr(),
		})
	}
	if config.Password != "" {
		// A dsn the configuration can evaluate without variables or functions
		// is written in the file itself, password included.
		if v, d := attr.Expr.Value(nil); !d.HasErrors() && v.Type() == cty.String {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Password written in the configuration",
				Detail:   `The dsn holds a password and is written in the configuration file, where everyone who can read the repository sees it. Read it from the environment instead: dsn = env("LEDGER_DSN").`,
				Subject:  attr.Expr.Range().Ptr(),
			})
		}
	}
	if _, set := config.RuntimeParams["application_name"]; !set {
		// Name the connection in pg_stat_activity and the server's logs.
		config.RuntimeParams["application_name"] = "socle"
	}
	in.config = config
	in.dsn = dsn
	return diags
}

// parseReason is the part of a connection-string parse error that cannot
// hold the password: pgconn's message without the (redacted) string it quotes,
// followed by the underlying reason when that quotes nothing (a URL parse
// error quotes the whole string, a keyword/value one a piece of it).
func parseReason(err error) string {
	var pe *pgconn.ParseConfigError
	if !errors.As(err, &pe) {
		return "it cannot be parsed"
	}
	text := pe.Error()
	inner := errors.Unwrap(pe)
	if inner != nil {
		text = strings.TrimSuffix(text, " ("+inner.Error()+")")
	}
	i := strings.LastIndex(text, "`: ")
	if i < 0 {
		return "it cannot be parsed"
	}
	reason := text[i+len("`: "):]
	var ue *url.Error
	if errors.As(inner, &ue) {
		inner = ue.Err
	}
	if inner != nil && !strings.ContainsAny(inner.Error(), "\"'`") {
		reason += ": " + inner.Error()
	}
	return reason
}

// stringList evaluates an attribute that must be a non-empty list of distinct,
// non-empty strings.
func stringList(attr *hcl.Attribute, ctx *hcl.EvalContext) ([]string, hcl.Diagnostics) {
	val, diags := attr.Expr.Value(ctx)
	if diags.HasErrors() {
		return nil, diags
	}
	bad := func(detail string) ([]string, hcl.Diagnostics) {
		return nil, append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid value for " + attr.Name,
			Detail:   detail,
			Subject:  attr.Expr.Range().Ptr(),
		})
	}
	val, _ = val.UnmarkDeep()
	if val.IsNull() || !val.IsWhollyKnown() || !(val.Type().IsListType() || val.Type().IsTupleType() || val.Type().IsSetType()) {
		return bad(fmt.Sprintf(`The argument %q must be a list of schema names, such as ["public", "payroll"].`, attr.Name))
	}
	if val.LengthInt() == 0 {
		return bad(fmt.Sprintf(`The argument %q is empty; list at least one schema, or leave it out to read "public".`, attr.Name))
	}
	var out []string
	seen := map[string]bool{}
	for it := val.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsNull() || e.Type() != cty.String || e.AsString() == "" {
			return bad(fmt.Sprintf("The argument %q must be a list of non-empty schema names; element %d is not one.", attr.Name, len(out)+1))
		}
		s := e.AsString()
		if seen[s] {
			return bad(fmt.Sprintf("The schema %q is listed twice in %q.", s, attr.Name))
		}
		seen[s] = true
		out = append(out, s)
	}
	return out, diags
}

// params are the document's source parameters: where the server is, never
// the password or the connection string.
func (in *instance) params() map[string]string {
	p := map[string]string{"schemas": strings.Join(in.schemas, ",")}
	if in.snapshot != "" {
		p["snapshot"] = in.snapshot
	}
	if c := in.config; c != nil {
		p["host"] = c.Host
		p["port"] = strconv.Itoa(int(c.Port))
		p["database"] = c.Database
		p["user"] = c.User
	}
	return p
}

// server names the server for messages, without the password:
// postgres://USER@HOST:PORT/DATABASE.
func (in *instance) server() string {
	c := in.config
	u := url.URL{Scheme: "postgres", User: url.User(c.User), Host: c.Host + ":" + strconv.Itoa(int(c.Port)), Path: "/" + c.Database}
	if strings.HasPrefix(c.Host, "/") {
		// A Unix socket directory.
		u.Host = ""
		u.RawQuery = url.Values{"host": {c.Host}, "port": {strconv.Itoa(int(c.Port))}}.Encode()
	}
	return u.String()
}

// scrub removes the connection string and the password from a message, in
// case a driver or server error quotes them.
func (in *instance) scrub(msg string) string {
	if in.dsn != "" {
		msg = strings.ReplaceAll(msg, in.dsn, "(dsn)")
	}
	if in.config != nil && len(in.config.Password) >= 3 {
		msg = strings.ReplaceAll(msg, in.config.Password, "xxxxx")
		if esc := url.QueryEscape(in.config.Password); esc != in.config.Password {
			msg = strings.ReplaceAll(msg, esc, "xxxxx")
		}
	}
	return msg
}
