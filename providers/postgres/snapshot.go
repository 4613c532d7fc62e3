package postgres

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/socle-dev/socle/providers"
)

// loadSnapshot reads the snapshot file: a document this provider wrote.
func (in *instance) loadSnapshot(ctx context.Context) (*providers.Document, error) {
	names, err := in.env.Match(in.snapshot)
	if err != nil {
		return nil, fmt.Errorf("postgres provider: %w", err)
	}
	if len(names) > 1 {
		shown := names
		if len(shown) > 5 {
			shown = append(shown[:5:5], "…")
		}
		return nil, fmt.Errorf("postgres provider: the snapshot %q names %d files (%s); it must name one document written by socle collect",
			in.snapshot, len(names), strings.Join(shown, ", "))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(in.env.FS, names[0])
	if err != nil {
		return nil, fmt.Errorf("postgres provider: reading %s: %w", names[0], err)
	}
	doc, err := parseSnapshot(names[0], data)
	if err != nil {
		return nil, err
	}
	doc.Params = in.params()
	return doc, nil
}

// parseSnapshot checks that data is a document as Collect returns it and
// returns it. Every problem is a *providers.SourceError at the value at fault.
func parseSnapshot(file string, data []byte) (*providers.Document, error) {
	data, err := providers.TrimBOM(file, data)
	if err != nil {
		return nil, err
	}
	if err := providers.CheckJSON(file, data); err != nil {
		return nil, err
	}
	root, terr := parseTree(data)
	if terr != nil {
		return nil, sourceError(file, data, terr.off, "Invalid PostgreSQL snapshot", terr.msg+hint)
	}
	c := &checker{file: file, data: data}
	value, items, err := c.document(root)
	if err != nil {
		return nil, err
	}
	return &providers.Document{Value: value, Sources: []string{file}, Items: items}, nil
}

func sourceError(file string, data []byte, off int, summary, detail string) *providers.SourceError {
	line, col := providers.LineColumn(data, off)
	return &providers.SourceError{File: file, Line: line, Column: col, Summary: summary, Detail: detail}
}

// checker validates a snapshot's tree, reporting the first problem.
type checker struct {
	file string
	data []byte
}

const hint = "; is this a document written by socle collect for a postgres provider?"

func (c *checker) errorf(n *node, off int, at, format string, args ...any) *providers.SourceError {
	if n != nil {
		off = n.off
	}
	return sourceError(c.file, c.data, off, "Invalid PostgreSQL snapshot", at+": "+fmt.Sprintf(format, args...)+hint)
}

// kinds is a set of the JSON kinds a field accepts.
type kinds []kind

func (ks kinds) String() string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = k.String()
	}
	return strings.Join(s, " or ")
}

var (
	str     = kinds{kindString}
	boolean = kinds{kindBool}
	integer = kinds{kindNumber}
	array   = kinds{kindArray}
	object  = kinds{kindObject}
	strNull = kinds{kindString, kindNull}
)

// fields checks that n is an object holding exactly the fields of spec, each
// of an accepted kind, and returns them by name. Integers are checked too.
func (c *checker) fields(n *node, at string, spec map[string]kinds) (map[string]*node, error) {
	if n.kind != kindObject {
		return nil, c.errorf(n, 0, at, "the value is %s, not an object", n.kind)
	}
	out := make(map[string]*node, len(spec))
	for _, m := range n.members {
		want, ok := spec[m.key]
		if !ok {
			return nil, c.errorf(nil, m.off, at, "unknown field %q (the fields are %s)", m.key, fieldNames(spec))
		}
		if !slices.Contains(want, m.val.kind) {
			return nil, c.errorf(m.val, 0, at+"."+m.key, "the value is %s, not %s", m.val.kind, want)
		}
		if m.val.kind == kindNumber && sameKinds(want, integer) {
			if _, err := strconv.ParseInt(string(m.val.value.(json.Number)), 10, 64); err != nil {
				return nil, c.errorf(m.val, 0, at+"."+m.key, "%s is not an integer (write it in decimal digits, without a fraction or an exponent)", m.val.value)
			}
		}
		out[m.key] = m.val
	}
	for _, name := range fieldNames(spec) {
		if _, ok := out[name]; !ok {
			return nil, c.errorf(n, 0, at, "the field %q is missing", name)
		}
	}
	return out, nil
}

func sameKinds(a, b kinds) bool { return slices.Equal(a, b) }

func fieldNames(spec map[string]kinds) []string {
	names := make([]string, 0, len(spec))
	for k := range spec {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// scalar is the plain value of a string, number, boolean or null node.
func scalar(n *node) any { return n.value }

var (
	documentSpec = map[string]kinds{
		"server": object, "roles": object, "memberships": array,
		"table_privileges": array, "settings": object, "extensions": object,
	}
	serverSpec = map[string]kinds{"version": str, "version_num": integer}
	roleSpec   = map[string]kinds{
		"name": str, "superuser": boolean, "login": boolean, "inherit": boolean,
		"create_role": boolean, "create_db": boolean, "replication": boolean,
		"bypass_rls": boolean, "connection_limit": integer, "valid_until": strNull,
		"member_of": array,
	}
	membershipSpec = map[string]kinds{"role": str, "member": str, "admin_option": boolean}
	privilegeSpec  = map[string]kinds{
		"grantee": str, "grantor": str, "schema": str, "table": str,
		"privilege": str, "grantable": boolean,
	}
	settingSpec   = map[string]kinds{"setting": str, "unit": strNull, "source": str}
	extensionSpec = map[string]kinds{"version": str}
)

// document checks the whole tree and builds the document's value; items is
// the number of roles.
func (c *checker) document(root *node) (any, int, error) {
	top, err := c.fields(root, "the document", documentSpec)
	if err != nil {
		return nil, 0, err
	}
	server, err := c.fields(top["server"], "server", serverSpec)
	if err != nil {
		return nil, 0, err
	}
	roles, err := c.roles(top["roles"])
	if err != nil {
		return nil, 0, err
	}
	memberships, err := c.list(top["memberships"], "memberships", membershipSpec)
	if err != nil {
		return nil, 0, err
	}
	for i, m := range memberships {
		for _, f := range []string{"role", "member"} {
			name := m.fields[f].value.(string)
			if _, ok := roles[name]; !ok {
				return nil, 0, c.errorf(m.fields[f], 0, fmt.Sprintf("memberships[%d].%s", i, f), "%q is not a role of roles", name)
			}
		}
	}
	privileges, err := c.list(top["table_privileges"], "table_privileges", privilegeSpec)
	if err != nil {
		return nil, 0, err
	}
	settings, err := c.byName(top["settings"], "settings", settingSpec)
	if err != nil {
		return nil, 0, err
	}
	extensions, err := c.byName(top["extensions"], "extensions", extensionSpec)
	if err != nil {
		return nil, 0, err
	}
	slices.SortStableFunc(memberships, func(a, b record) int {
		return cmp.Or(cmp.Compare(a.str("role"), b.str("role")), cmp.Compare(a.str("member"), b.str("member")))
	})
	slices.SortStableFunc(privileges, func(a, b record) int {
		return comparePrivileges(
			privilege{schema: a.str("schema"), table: a.str("table"), grantee: a.str("grantee"), privilege: a.str("privilege"), grantor: a.str("grantor")},
			privilege{schema: b.str("schema"), table: b.str("table"), grantee: b.str("grantee"), privilege: b.str("privilege"), grantor: b.str("grantor")})
	})
	value := map[string]any{
		"server":           plain(server),
		"roles":            roles,
		"memberships":      values(memberships),
		"table_privileges": values(privileges),
		"settings":         settings,
		"extensions":       extensions,
	}
	return value, len(roles), nil
}

// record is one checked object: its fields' nodes and its plain value.
type record struct {
	fields map[string]*node
	value  map[string]any
}

func (r record) str(name string) string { s, _ := r.value[name].(string); return s }

func plain(fields map[string]*node) map[string]any {
	out := make(map[string]any, len(fields))
	for k, n := range fields {
		out[k] = scalar(n)
	}
	return out
}

func values(rs []record) []any {
	out := make([]any, len(rs))
	for i, r := range rs {
		out[i] = r.value
	}
	return out
}

// list checks an array of objects of one spec, all fields scalar.
func (c *checker) list(n *node, at string, spec map[string]kinds) ([]record, error) {
	out := make([]record, 0, len(n.elems))
	for i, e := range n.elems {
		f, err := c.fields(e, fmt.Sprintf("%s[%d]", at, i), spec)
		if err != nil {
			return nil, err
		}
		out = append(out, record{fields: f, value: plain(f)})
	}
	return out, nil
}

// byName checks an object whose members are objects of one spec, all fields
// scalar.
func (c *checker) byName(n *node, at string, spec map[string]kinds) (map[string]any, error) {
	out := make(map[string]any, len(n.members))
	for _, m := range n.members {
		f, err := c.fields(m.val, at+"."+strconv.Quote(m.key), spec)
		if err != nil {
			return nil, err
		}
		out[m.key] = plain(f)
	}
	return out, nil
}

// roles checks the roles object: each role is keyed by its name, and
// member_of lists roles of the document, sorted on output.
func (c *checker) roles(n *node) (map[string]any, error) {
	out := make(map[string]any, len(n.members))
	type pending struct {
		at       string
		memberOf *node
	}
	var checks []pending
	for _, m := range n.members {
		at := "roles." + strconv.Quote(m.key)
		f, err := c.fields(m.val, at, roleSpec)
		if err != nil {
			return nil, err
		}
		if name := f["name"].value.(string); name != m.key {
			return nil, c.errorf(f["name"], 0, at+".name", "the role is keyed %q but named %q; the key must be the role's name", m.key, name)
		}
		role := plain(f)
		memberOf := make([]any, 0, len(f["member_of"].elems))
		for i, e := range f["member_of"].elems {
			if e.kind != kindString {
				return nil, c.errorf(e, 0, fmt.Sprintf("%s.member_of[%d]", at, i), "the value is %s, not a string", e.kind)
			}
			memberOf = append(memberOf, e.value)
		}
		slices.SortFunc(memberOf, func(a, b any) int { return cmp.Compare(a.(string), b.(string)) })
		role["member_of"] = memberOf
		out[m.key] = role
		checks = append(checks, pending{at, f["member_of"]})
	}
	for _, p := range checks {
		for i, e := range p.memberOf.elems {
			if _, ok := out[e.value.(string)]; !ok {
				return nil, c.errorf(e, 0, fmt.Sprintf("%s.member_of[%d]", p.at, i), "%q is not a role of roles", e.value)
			}
		}
	}
	return out, nil
}
