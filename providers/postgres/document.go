package postgres

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/socle-dev/socle/providers"
)

// document normalizes what a collection read into the document the package
// documentation describes, every list sorted.
func (c *catalog) document() *providers.Document {
	memberOf := map[string][]any{}
	slices.SortFunc(c.memberships, func(a, b membership) int {
		return cmp.Or(cmp.Compare(a.role, b.role), cmp.Compare(a.member, b.member))
	})
	memberships := make([]any, 0, len(c.memberships))
	for _, m := range c.memberships {
		memberships = append(memberships, map[string]any{"role": m.role, "member": m.member, "admin_option": m.admin})
	}
	// member_of lists, sorted, the roles each role is a direct member of.
	slices.SortFunc(c.memberships, func(a, b membership) int {
		return cmp.Or(cmp.Compare(a.member, b.member), cmp.Compare(a.role, b.role))
	})
	for _, m := range c.memberships {
		memberOf[m.member] = append(memberOf[m.member], m.role)
	}

	roles := make(map[string]any, len(c.roles))
	for _, r := range c.roles {
		var until any
		if r.validUntil != nil {
			until = *r.validUntil
		}
		of := memberOf[r.name]
		if of == nil {
			of = []any{}
		}
		roles[r.name] = map[string]any{
			"name":             r.name,
			"superuser":        r.superuser,
			"login":            r.login,
			"inherit":          r.inherit,
			"create_role":      r.createRole,
			"create_db":        r.createDB,
			"replication":      r.replication,
			"bypass_rls":       r.bypassRLS,
			"connection_limit": json.Number(strconv.Itoa(int(r.connLimit))),
			"valid_until":      until,
			"member_of":        of,
		}
	}

	slices.SortFunc(c.privileges, comparePrivileges)
	privileges := make([]any, 0, len(c.privileges))
	for _, p := range c.privileges {
		privileges = append(privileges, map[string]any{
			"grantee":   p.grantee,
			"grantor":   p.grantor,
			"schema":    p.schema,
			"table":     p.table,
			"privilege": p.privilege,
			"grantable": p.grantable,
		})
	}

	settings := make(map[string]any, len(c.settings))
	for _, s := range c.settings {
		var unit any
		if s.unit != nil {
			unit = *s.unit
		}
		settings[s.name] = map[string]any{"setting": s.setting, "unit": unit, "source": s.source}
	}

	extensions := make(map[string]any, len(c.extensions))
	for _, e := range c.extensions {
		extensions[e.name] = map[string]any{"version": e.version}
	}

	return &providers.Document{
		Value: map[string]any{
			"server":           map[string]any{"version": c.version, "version_num": json.Number(c.versionNum)},
			"roles":            roles,
			"memberships":      memberships,
			"table_privileges": privileges,
			"settings":         settings,
			"extensions":       extensions,
		},
		Sources: []string{},
		Items:   len(roles),
	}
}

// comparePrivileges orders table privileges by schema, table, grantee,
// privilege, then grantor.
func comparePrivileges(a, b privilege) int {
	return cmp.Or(
		cmp.Compare(a.schema, b.schema),
		cmp.Compare(a.table, b.table),
		cmp.Compare(a.grantee, b.grantee),
		cmp.Compare(a.privilege, b.privilege),
		cmp.Compare(a.grantor, b.grantor),
	)
}
